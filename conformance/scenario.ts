/**
 * The scenario format (see conformance/README.md) and its loader.
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { parse } from 'yaml';

export interface StepRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[]> | string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string | string[]> | Array<[string, string]>;
  multipart?: Record<string, string>;
  raw?: string;
}

export interface StepExpect {
  status?: number;
  headers?: Record<string, unknown>;
  body?: unknown;
  /** Alternative bodies: the response matches when it matches any one of them. */
  bodyMatch?: unknown[];
}

export interface Step {
  name: string;
  /** Kong versions this step applies to; other versions skip it. */
  kong?: { since?: string; until?: string };
  operation?: string;
  request: StepRequest;
  expect?: StepExpect;
  save?: Record<string, string>;
  /**
   * What differential and replay modes compare: `full` (default) the normalised status and body,
   * `shape` the status and the body's structure (keys, types, array lengths) — for list pages whose
   * members depend on random ids —, `status` only the status.
   */
  compare?: 'full' | 'shape' | 'status';
}

export interface Scenario {
  name: string;
  file: string;
  kong?: { since?: string; until?: string };
  steps: Step[];
  cleanup?: Step[];
}

/** Wildcards skip names starting with `_` (like dot-files in a shell) unless the glob names one. */
function underscoreIgnores(pattern: string): string[] {
  return pattern.split('/').some((part) => part.startsWith('_')) ? [] : ['**/_*', '**/_*/**'];
}

/**
 * Files matching any of the globs (relative to `cwd`, or absolute; braces, classes and `**` as in a
 * shell); a plain directory means every YAML file below it.
 */
export function expandGlobs(globs: string[], cwd: string): string[] {
  const files = new Set<string>();
  for (const glob of globs) {
    const parts = glob.split('/');
    const firstDynamic = parts.findIndex((_, i) => isDynamicPattern(parts.slice(0, i + 1).join('/') || '/'));
    let base: string;
    let pattern: string;
    if (firstDynamic === -1) {
      const path = resolve(cwd, glob);
      let directory = false;
      try {
        directory = statSync(path).isDirectory();
      } catch {
        continue; // a missing file matches nothing
      }
      if (!directory) {
        files.add(path);
        continue;
      }
      [base, pattern] = [path, '**/*.{yaml,yml}'];
    } else {
      // The fixed head of the glob is where the search starts, so only the wildcard tail can skip `_` names.
      [base, pattern] = [resolve(cwd, parts.slice(0, firstDynamic).join('/') || (isAbsolute(glob) ? '/' : '.')), parts.slice(firstDynamic).join('/')];
    }
    for (const file of globSync(pattern, { cwd: base, absolute: true, onlyFiles: true, ignore: underscoreIgnores(pattern) })) files.add(resolve(file));
  }
  return [...files].sort();
}

const BODIES = ['json', 'form', 'multipart', 'raw'];

/** What is wrong with a step, or undefined. */
function stepProblem(step: Partial<Step> | undefined): string | undefined {
  if (!step || typeof step.name !== 'string') return 'a step needs a name';
  const req = step.request;
  if (!req || typeof req.method !== 'string' || typeof req.path !== 'string') return `step '${step.name}' needs request.method and request.path`;
  if (BODIES.filter((b) => b in req).length > 1) return `step '${step.name}' has more than one of ${BODIES.join(', ')}`;
  if (step.expect?.status !== undefined && typeof step.expect.status !== 'number') return `step '${step.name}': expect.status must be a number`;
  if (step.expect?.bodyMatch !== undefined && !Array.isArray(step.expect.bodyMatch)) return `step '${step.name}': expect.bodyMatch must be a list of bodies`;
  if (step.compare !== undefined && !['full', 'shape', 'status'].includes(step.compare)) return `step '${step.name}': compare must be full, shape or status`;
  return undefined;
}

export function loadScenarioFile(file: string): Scenario[] {
  const doc = parse(readFileSync(file, 'utf8')) as unknown;
  const list = Array.isArray(doc) ? doc : (doc as { scenarios?: unknown[] })?.scenarios ?? [doc];
  return (list as Array<Omit<Scenario, 'file'>>).map((s) => {
    if (!s || typeof s.name !== 'string' || !Array.isArray(s.steps)) throw new Error(`${file}: a scenario needs a name and steps`);
    for (const step of [...s.steps, ...(s.cleanup ?? [])]) {
      const problem = stepProblem(step);
      if (problem) throw new Error(`${file}: scenario '${s.name}': ${problem}`);
    }
    return { ...s, file };
  });
}

export function loadScenarios(globs: string[], cwd: string): Scenario[] {
  return expandGlobs(globs, cwd).flatMap(loadScenarioFile);
}
