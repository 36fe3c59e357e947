/**
 * Replays scenarios against a server (and optionally a reference server) and collects every
 * deviation: behaviour (status, headers, body against the expectation), shape (the body against
 * the document's schema), and differential (target against reference, ids and times normalised).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Scenario, StepRequest } from './scenario.ts';
import { send, type Exchange } from './http.ts';
import { diff, type Difference } from './matchers.ts';
import { interpolate } from './interpolate.ts';
import { ShapeChecker } from './shape.ts';
import { comparable, normalizeExchange } from './normalize.ts';
import { coverageOf, type Coverage } from './coverage.ts';
import { DOCUMENT_PATH } from '../src/document-file.ts';
import { cleanup, save, track, type Server } from './server-state.ts';
import { expectationDifferences, inRange } from './expectations.ts';
import { loadGolden, writeGolden } from './golden.ts';

export { forVersion } from './expectations.ts';

export type DeviationKind = 'behaviour' | 'shape' | 'differential' | 'error';

export interface Deviation {
  kind: DeviationKind;
  scenario: string;
  file: string;
  step: string;
  operation?: string;
  request: { method: string; url: string; body?: string };
  status?: number;
  message?: string;
  differences: Difference[];
}

export interface StepResult {
  scenario: string;
  file: string;
  step: string;
  operation?: string;
  passed: boolean;
  ms: number;
  deviations: Deviation[];
}

export interface RunOptions {
  target: string;
  scenarios: Scenario[];
  kongVersion?: string;
  reference?: string;
  record?: string;
  replay?: string;
  root: string;
  /** How many scenarios run at once (default 1: one after the other). */
  concurrency?: number;
  /** The OpenAPI document (default openapi/kong-admin.yaml); when it is missing, shapes are not checked. */
  document?: string;
  /** Skip the OpenAPI shape checks (e.g. for servers of another API). */
  shapes?: boolean;
  onScenario?: (name: string, steps: StepResult[]) => void;
  /** What carries the requests to the target (default the global fetch), e.g. one that runs them inside a browser page. */
  fetch?: typeof fetch;
}

export interface RunResult {
  target: string;
  reference?: string;
  kongVersion: string;
  scenarios: number;
  steps: StepResult[];
  deviations: Deviation[];
  coverage: Coverage;
  /** What the run could not do, e.g. check shapes without a document. */
  notes: string[];
}

export async function runScenarios(options: RunOptions): Promise<RunResult> {
  const version = options.kongVersion ?? '3.9';
  const notes: string[] = [];
  const documentPath = options.document ?? DOCUMENT_PATH;
  let shapes: ShapeChecker | undefined;
  if (options.shapes !== false && !existsSync(documentPath)) notes.push(`no OpenAPI document at ${documentPath}: shapes not checked, coverage not counted`);
  else if (options.shapes !== false) shapes = new ShapeChecker(version, documentPath);
  const runId = randomBytes(4).toString('hex');
  const results: StepResult[] = [];
  const scenarios = options.scenarios.filter((s) => inRange(version, s.kong));
  const golden = new Map<string, unknown[]>();

  const concurrency = Math.max(1, Math.min(options.concurrency ?? 1, scenarios.length));
  const runOne = async (scenario: Scenario, index: number): Promise<{ steps: StepResult[]; recorded: unknown[] }> => {
    // Scenarios running at once must not share unique names: each gets its own suffix then.
    const unique = concurrency > 1 ? `${runId}-${index}` : runId;
    const target: Server = { base: options.target, ctx: { captures: new Map(), runId: unique, root: options.root }, created: [], ids: new Map(), fetch: options.fetch };
    const reference: Server | undefined = options.reference
      ? { base: options.reference, ctx: { captures: new Map(), runId: unique, root: options.root }, created: [], ids: new Map() }
      : undefined;
    const replay = options.replay ? loadGolden(options.replay, scenario) : undefined;
    const recorded: unknown[] = [];
    const stepResults: StepResult[] = [];
    try {
      for (const step of scenario.steps) {
        if (!inRange(version, step.kong)) continue;
        // Golden files hold one entry per step that ran (steps of other versions are skipped).
        const position = recorded.length;
        const started = performance.now();
        const deviations: Deviation[] = [];
        const base = (request: Exchange['request'] | StepRequest, status?: number): Omit<Deviation, 'kind' | 'differences'> => ({
          scenario: scenario.name,
          file: scenario.file,
          step: step.name,
          operation: step.operation,
          request: 'url' in request ? { method: request.method, url: request.url, body: request.body } : { method: request.method, url: request.path },
          status,
        });
        let ex: Exchange | undefined;
        try {
          const req = interpolate(step.request, target.ctx);
          ex = await send(target.base, req, target.fetch);
          track(target, req, ex);
          const differences = options.reference || options.replay ? [] : expectationDifferences(step, ex, target.ctx, version);
          if (differences.length > 0) deviations.push({ ...base(ex.request, ex.status), kind: 'behaviour', differences });
          if (shapes && step.operation) {
            const problems = shapes.check(step.operation, ex.status, ex.body);
            if (problems.length > 0) {
              deviations.push({ ...base(ex.request, ex.status), kind: 'shape', differences: problems.map((p) => ({ path: 'schema', expected: 'conforms', actual: p })) });
            }
          }
          save(target, step, ex);
          const normalized = comparable(normalizeExchange(ex, target.ids, unique), step.compare);
          if (reference) {
            const refReq = interpolate(step.request, reference.ctx);
            const refEx = await send(reference.base, refReq);
            track(reference, refReq, refEx);
            save(reference, step, refEx);
            const expected = comparable(normalizeExchange(refEx, reference.ids, unique), step.compare);
            recorded.push(expected);
            const differences = diff(expected, normalized);
            if (differences.length > 0) deviations.push({ ...base(ex.request, ex.status), kind: 'differential', differences });
          } else {
            recorded.push(normalized);
          }
          if (replay) {
            const expected = replay[position];
            const differences = expected === undefined ? [{ path: '$', expected: '(a recorded response)', actual: 'none recorded' }] : diff(expected, normalized);
            if (differences.length > 0) deviations.push({ ...base(ex.request, ex.status), kind: 'differential', differences });
          }
        } catch (error) {
          if (recorded.length === position) recorded.push(null);
          deviations.push({ ...base(step.request, ex?.status), kind: 'error', message: error instanceof Error ? error.message : String(error), differences: [] });
        }
        stepResults.push({ scenario: scenario.name, file: scenario.file, step: step.name, operation: step.operation, passed: deviations.length === 0, ms: performance.now() - started, deviations });
      }
    } finally {
      await cleanup(target, scenario);
      if (reference) await cleanup(reference, scenario);
    }
    options.onScenario?.(scenario.name, stepResults);
    return { steps: stepResults, recorded };
  };

  // Scenarios run in sequence by default; with concurrency > 1 a few run at once, and the results
  // still come back in scenario order.
  const outcomes: Array<{ steps: StepResult[]; recorded: unknown[] }> = new Array(scenarios.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < scenarios.length) {
      const index = next++;
      outcomes[index] = await runOne(scenarios[index], index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  for (const [index, scenario] of scenarios.entries()) {
    golden.set(scenario.name, outcomes[index].recorded);
    results.push(...outcomes[index].steps);
  }

  if (options.record) writeGolden(options.record, golden);
  const deviations = results.flatMap((s) => s.deviations);
  const used = new Set(results.map((s) => s.operation).filter((x): x is string => Boolean(x)));
  return {
    target: options.target,
    reference: options.reference,
    kongVersion: version,
    scenarios: scenarios.length,
    steps: results,
    deviations,
    coverage: coverageOf(used, version, options.root, documentPath),
    notes,
  };
}

