/**
 * `kong-admin-mock conform` / `npm run conformance --`: run scenario fixtures against a server.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadScenarios, type Scenario } from './scenario.ts';
import { PROJECT_ROOT } from '../src/root.ts';
import { runScenarios, type Progress, type StepResult } from './runner.ts';
import { consoleReport, jsonReport, junitReport, scenarioLine } from './report.ts';
import { DEFAULT_TIMEOUT_MS } from './http.ts';
import { chooseProfile, probe } from './preflight.ts';

const ROOT = PROJECT_ROOT;

/** The default bound on a whole run: far above a full run against a real Kong (a minute or two). */
const DEFAULT_MAX_TIME_MS = 30 * 60_000;

export const USAGE = `usage: conform --target URL [--scenarios GLOB]... [--grep REGEX] [--kong-version 3.9|2.8] [--json FILE] [--junit FILE]
               [--reference URL] [--record DIR] [--replay DIR] [--concurrency N] [--timeout SECONDS] [--max-time SECONDS]
               [--bail] [--document OPENAPI.yaml] [--no-shapes] [--quiet]
       conform --explore --target URL [--reference URL] [--seed N] [--max-requests N] [--max-time S] ... (conform --explore --help)`;

/**
 * Which scenario files to run: globs given with `--scenarios` are relative to the current directory;
 * without them, the package's own scenarios, found from where the package is installed.
 */
export function scenarioSource(globs: string[] | undefined): { globs: string[]; cwd: string } {
  return globs ? { globs, cwd: process.cwd() } : { globs: ['fixtures/scenarios/**/*.yaml'], cwd: ROOT };
}

/** How the command writes: a terminal gets live progress and every scenario line; a log (CI) only the failing ones. */
export interface CliOutput {
  tty: boolean;
}

class UsageError extends Error {}

function seconds(value: string | undefined, flag: string, fallbackMs?: number): number | undefined {
  if (value === undefined) return fallbackMs;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a number of seconds above 0, not '${value}'`);
  return n * 1000;
}

function grepOf(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(pattern, 'i');
  } catch {
    throw new UsageError(`--grep '${pattern}' is not a regular expression`);
  }
}

function selectScenarios(globs: string[] | undefined, grep: RegExp | undefined): Scenario[] {
  const source = scenarioSource(globs);
  const scenarios = loadScenarios(source.globs, source.cwd);
  if (scenarios.length === 0) throw new UsageError(`no scenarios match ${source.globs.join(', ')}`);
  const chosen = grep ? scenarios.filter((s) => grep.test(s.name)) : scenarios;
  if (chosen.length === 0) throw new UsageError(`no scenario name matches --grep ${grep}`);
  return chosen;
}

/** A live line on a terminal: steps done, deviations so far, time. */
function progressLine(p: Progress): string {
  return `[${p.done}/${p.total}] ${p.deviations} deviation${p.deviations === 1 ? '' : 's'} · ${(p.elapsedMs / 1000).toFixed(1)} s`;
}

export async function runConformCli(argv: string[], output: CliOutput = { tty: process.stdout.isTTY === true }): Promise<number> {
  let values;
  // `--explore`: generated sequences instead of scenarios (conformance/explore/cli.ts, its own options)
  if (argv.includes('--explore')) return (await import('./explore/cli.ts')).runExploreCli(argv);
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        target: { type: 'string' },
        scenarios: { type: 'string', multiple: true },
        grep: { type: 'string' },
        'kong-version': { type: 'string' },
        json: { type: 'string' },
        junit: { type: 'string' },
        reference: { type: 'string' },
        record: { type: 'string' },
        replay: { type: 'string' },
        'no-shapes': { type: 'boolean' },
        quiet: { type: 'boolean' },
        bail: { type: 'boolean' },
        timeout: { type: 'string' },
        'max-time': { type: 'string' },
        concurrency: { type: 'string', default: '1' },
        document: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.target) {
    console.error(USAGE);
    return 2;
  }
  let scenarios: Scenario[];
  let timeoutMs: number | undefined;
  let maxTimeMs: number | undefined;
  const requested = values['kong-version'];
  try {
    if (requested !== undefined && !/^\d+\.\d+(\.\d+)?$/.test(requested)) throw new UsageError(`--kong-version must look like 3.9 or 2.8, not '${requested}'`);
    timeoutMs = seconds(values.timeout, '--timeout', DEFAULT_TIMEOUT_MS);
    maxTimeMs = seconds(values['max-time'], '--max-time', DEFAULT_MAX_TIME_MS);
    scenarios = selectScenarios(values.scenarios, grepOf(values.grep));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }

  // Before the first step: is each server there, and which version is the target?
  let reported: string | undefined;
  for (const [role, url] of [['target', values.target], ['reference', values.reference]] as const) {
    if (url === undefined) continue;
    const check = await probe(url, { timeoutMs });
    if (!check.reachable) {
      console.error(`cannot reach the ${role} ${url}: ${check.problem}`);
      return 2;
    }
    if (role === 'target') reported = check.version;
  }
  const profile = chooseProfile(requested, reported);
  if (profile.message) (profile.message.level === 'info' ? console.log : console.error)(profile.message.text);

  let progressShown = false;
  const clearProgress = (): void => {
    if (progressShown) process.stdout.write('\r\x1b[K');
    progressShown = false;
  };
  let lastDrawn = 0;
  const onProgress = (p: Progress): void => {
    if (performance.now() - lastDrawn < 100 && p.done < p.total) return;
    lastDrawn = performance.now();
    process.stdout.write(`\r\x1b[K${progressLine(p)}`);
    progressShown = true;
  };
  const onScenario = (name: string, steps: StepResult[]): void => {
    if (steps.length === 0 || steps.every((s) => s.skipped?.startsWith('not run: '))) return;
    const line = scenarioLine(name, steps);
    if (!output.tty && line.startsWith('✓')) return;
    clearProgress();
    console.log(line);
  };

  const result = await runScenarios({
    target: values.target,
    reference: values.reference,
    record: values.record,
    replay: values.replay,
    kongVersion: profile.version,
    scenarios,
    root: ROOT,
    shapes: !values['no-shapes'],
    concurrency: Math.max(1, Number(values.concurrency) || 1),
    document: values.document,
    timeoutMs,
    maxTimeMs,
    bail: values.bail,
    onScenario: values.quiet ? undefined : onScenario,
    onProgress: output.tty && !values.quiet ? onProgress : undefined,
  });
  clearProgress();
  console.log(consoleReport(result));
  if (values.json) writeFileSync(values.json, JSON.stringify(jsonReport(result)) + '\n');
  if (values.junit) writeFileSync(values.junit, junitReport(result));
  if (result.stopped?.includes('stopped answering')) return 2;
  return result.deviations.length === 0 && result.stopped === undefined ? 0 : 1;
}
