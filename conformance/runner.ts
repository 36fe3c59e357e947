/**
 * Replays scenarios against a server (and optionally a reference server) and collects every
 * deviation: behaviour (status, headers, body against the expectation), shape (the body against
 * the document's schema), and differential (target against reference, ids and times normalised).
 * The run is bounded: each request by a timeout, the whole run by an optional time limit, and it
 * stops early when the target stops answering (or on the first failing scenario with `bail`).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Scenario } from './scenario.ts';
import type { Difference } from './matchers.ts';
import { ShapeChecker } from './shape.ts';
import { coverageOf, type Coverage } from './coverage.ts';
import { DOCUMENT_PATH } from '../src/document-file.ts';
import type { Server } from './server-state.ts';
import { inRange } from './expectations.ts';
import { loadGolden, writeGolden } from './golden.ts';
import { probe } from './preflight.ts';
import { operationFamilies } from './families.ts';
import { runScenario, type ScenarioOutcome } from './run-scenario.ts';

export { forVersion } from './expectations.ts';

export type DeviationKind = 'behaviour' | 'shape' | 'differential' | 'error';

export interface Deviation {
  kind: DeviationKind;
  scenario: string;
  file: string;
  step: string;
  operation?: string;
  /** The endpoint family: the document's tag of the operation (`Routes`), else the path's first segment. */
  family: string;
  request: { method: string; url: string; body?: string };
  status?: number;
  message?: string;
  /** What a differential deviation compares the target with (its `expected` side). */
  against?: 'reference' | 'recording';
  differences: Difference[];
}

export interface StepResult {
  scenario: string;
  file: string;
  step: string;
  operation?: string;
  passed: boolean;
  /** Why the step did not run: an input an earlier step did not save, or the run stopped. */
  skipped?: string;
  ms: number;
  deviations: Deviation[];
}

/** How far a run is, after each step. */
export interface Progress {
  done: number;
  total: number;
  deviations: number;
  elapsedMs: number;
}

/** Requests in a row without an answer after which a scenario stops and the target is checked with `GET /`. */
export const DEFAULT_ABORT_AFTER = 3;

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
  /** Milliseconds to wait for each answer (default 10 s). */
  timeoutMs?: number;
  /** Milliseconds the whole run may take; the steps left then are reported as not run. */
  maxTimeMs?: number;
  /** Stop after the first scenario with a deviation. */
  bail?: boolean;
  /** Requests in a row without an answer after which a scenario stops (default 3). */
  abortAfter?: number;
  /** The fetch to send requests with (default the global fetch). */
  fetch?: typeof fetch;
  onScenario?: (name: string, steps: StepResult[]) => void;
  onProgress?: (progress: Progress) => void;
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
  /** Why the run stopped before its last step (target gone, time bound, bail). */
  stopped?: string;
  elapsedMs: number;
}

export async function runScenarios(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const version = options.kongVersion ?? '3.9';
  const notes: string[] = [];
  const documentPath = options.document ?? DOCUMENT_PATH;
  let shapes: ShapeChecker | undefined;
  if (options.shapes !== false && !existsSync(documentPath)) notes.push(`no OpenAPI document at ${documentPath}: shapes not checked, coverage not counted`);
  else if (options.shapes !== false) shapes = new ShapeChecker(version, documentPath);
  const families = operationFamilies(documentPath);
  const runId = randomBytes(4).toString('hex');
  const scenarios = options.scenarios.filter((s) => inRange(version, s.kong));
  const sendOptions = { timeoutMs: options.timeoutMs, fetch: options.fetch };
  const total = scenarios.reduce((n, s) => n + s.steps.filter((step) => inRange(version, step.kong)).length, 0);
  let done = 0;
  let deviationCount = 0;
  let stopped: string | undefined;
  const silence = { inARow: 0 };
  const stopReason = (): string | undefined => {
    if (!stopped && options.maxTimeMs !== undefined && performance.now() - started > options.maxTimeMs) {
      stopped = `not run: the run reached its time bound of ${Math.round(options.maxTimeMs / 1000)} s`;
    }
    return stopped;
  };

  const concurrency = Math.max(1, Math.min(options.concurrency ?? 1, scenarios.length));
  const runOne = async (scenario: Scenario, index: number): Promise<ScenarioOutcome> => {
    // Scenarios running at once must not share unique names: each gets its own suffix then.
    const unique = concurrency > 1 ? `${runId}-${index}` : runId;
    const server = (base: string): Server => ({ base, ctx: { captures: new Map(), runId: unique, root: options.root }, created: [], ids: new Map() });
    const outcome = await runScenario({
      scenario,
      version,
      target: server(options.target),
      reference: options.reference ? server(options.reference) : undefined,
      replay: options.replay ? loadGolden(options.replay, scenario) : undefined,
      shapes,
      families,
      send: sendOptions,
      unique,
      abortAfter: options.abortAfter ?? DEFAULT_ABORT_AFTER,
      silence,
      stopped: stopReason,
      onStep: (step) => {
        done++;
        deviationCount += step.deviations.length;
        options.onProgress?.({ done, total, deviations: deviationCount, elapsedMs: performance.now() - started });
      },
    });
    if (outcome.lostTarget && !stopped) {
      // One scenario lost the target: the run goes on only if the target still answers `GET /`.
      const check = await probe(options.target, sendOptions);
      if (!check.reachable) stopped ??= `not run: the target stopped answering (${check.problem})`;
      else silence.inARow = 0;
    }
    if (options.bail && outcome.steps.some((s) => s.deviations.length > 0)) stopped ??= 'not run: --bail stopped the run after the first failing scenario';
    options.onScenario?.(scenario.name, outcome.steps);
    return outcome;
  };

  // Scenarios run in sequence by default; with concurrency > 1 a few run at once, and the results
  // still come back in scenario order.
  const outcomes: ScenarioOutcome[] = new Array(scenarios.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < scenarios.length) {
      const index = next++;
      outcomes[index] = await runOne(scenarios[index], index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const results = outcomes.flatMap((o) => o.steps);

  if (options.record) writeGolden(options.record, new Map(scenarios.map((s, i) => [s.name, outcomes[i].recorded])));
  const deviations = results.flatMap((s) => s.deviations);
  // Only what the server answered as expected counts as covered.
  const used = new Set(results.filter((s) => s.passed).map((s) => s.operation).filter((x): x is string => Boolean(x)));
  return {
    target: options.target,
    reference: options.reference,
    kongVersion: version,
    scenarios: scenarios.length,
    steps: results,
    deviations,
    coverage: coverageOf(used, version, options.root, documentPath),
    notes,
    stopped,
    elapsedMs: performance.now() - started,
  };
}
