/**
 * One scenario against the target (and the reference): its steps in order, each compared with its
 * expectation, the document's shapes and the reference; a step whose inputs an earlier step did
 * not save is skipped, and the scenario stops when the server stops answering.
 */
import type { Scenario, Step, StepRequest } from './scenario.ts';
import { NetworkError, send, type Exchange, type SendOptions } from './http.ts';
import { diff } from './matchers.ts';
import { interpolate } from './interpolate.ts';
import type { ShapeChecker } from './shape.ts';
import { comparable, normalizeExchange } from './normalize.ts';
import { cleanup, save, track, type Server } from './server-state.ts';
import { expectationDifferences, inRange } from './expectations.ts';
import { StepInputs } from './step-inputs.ts';
import type { Deviation, StepResult } from './runner.ts';

export interface ScenarioRun {
  scenario: Scenario;
  version: string;
  target: Server;
  reference?: Server;
  /** The recorded answers to compare with (replay mode). */
  replay?: unknown[];
  shapes?: ShapeChecker;
  /** operationId → endpoint family, for the report. */
  families: Map<string, string>;
  send: SendOptions;
  unique: string;
  /** Requests in a row without an answer after which the scenario stops. */
  abortAfter: number;
  /** Requests in a row that got no answer, counted across the scenarios of the run. */
  silence: { inARow: number };
  /** Why the whole run has stopped (bail, time bound, target gone), asked before each step. */
  stopped: () => string | undefined;
  onStep: (step: StepResult) => void;
}

export interface ScenarioOutcome {
  steps: StepResult[];
  recorded: unknown[];
  /** Set when the scenario stopped because the target stopped answering: the last network error. */
  lostTarget?: string;
}

/** The family a deviation is filed under: the document's tag of the operation, else the path's first segment. */
function familyOf(step: Step, families: Map<string, string>, path: string): string {
  return (step.operation && families.get(step.operation)) || `/${path.split('?')[0].split('/').filter(Boolean)[0] ?? ''}`;
}

interface StepRun {
  deviations: Deviation[];
  /** What record mode saves for the step (null when it got no answer). */
  recorded: unknown;
  networkError?: NetworkError;
}

async function runStep(run: ScenarioRun, step: Step, position: number): Promise<StepRun> {
  const { target, reference, shapes, scenario } = run;
  const deviations: Deviation[] = [];
  const family = familyOf(step, run.families, step.request.path);
  const base = (request: Exchange['request'] | StepRequest, status?: number): Omit<Deviation, 'kind' | 'differences'> => ({
    scenario: scenario.name,
    file: scenario.file,
    step: step.name,
    operation: step.operation,
    family,
    request: 'url' in request ? { method: request.method, url: request.url, body: request.body } : { method: request.method, url: request.path },
    status,
  });
  let ex: Exchange | undefined;
  let req: StepRequest | undefined;
  let recorded: unknown = null;
  try {
    req = interpolate(step.request, target.ctx);
    ex = await send(target.base, req, run.send);
    track(target, req, ex);
    const differences = reference || run.replay ? [] : expectationDifferences(step, ex, target.ctx, run.version);
    if (differences.length > 0) deviations.push({ ...base(ex.request, ex.status), kind: 'behaviour', differences });
    if (shapes && step.operation) {
      const problems = shapes.check(step.operation, ex.status, ex.body);
      if (problems.length > 0) deviations.push({ ...base(ex.request, ex.status), kind: 'shape', differences: problems.map((p) => ({ path: 'schema', expected: 'conforms', actual: p })) });
    }
    save(target, step, ex);
    const normalized = comparable(normalizeExchange(ex, target.ids, run.unique), step.compare);
    recorded = normalized;
    if (reference) {
      const refReq = interpolate(step.request, reference.ctx);
      const refEx = await send(reference.base, refReq, run.send);
      track(reference, refReq, refEx);
      save(reference, step, refEx);
      const expected = comparable(normalizeExchange(refEx, reference.ids, run.unique), step.compare);
      recorded = expected;
      const differences = diff(expected, normalized);
      if (differences.length > 0) deviations.push({ ...base(ex.request, ex.status), kind: 'differential', against: 'reference', differences });
    }
    if (run.replay) {
      const expected = run.replay[position];
      const differences = expected === undefined ? [{ path: '$', expected: '(a recorded response)', actual: 'none recorded' }] : diff(expected, normalized);
      if (differences.length > 0) deviations.push({ ...base(ex.request, ex.status), kind: 'differential', against: 'recording', differences });
    }
    return { deviations, recorded };
  } catch (error) {
    const sent = req ? { ...req, path: `${target.base.replace(/\/+$/, '')}${req.path}` } : step.request;
    deviations.push({ ...base(sent, ex?.status), kind: 'error', message: error instanceof Error ? error.message : String(error), differences: [] });
    return { deviations, recorded, networkError: error instanceof NetworkError ? error : undefined };
  }
}

export async function runScenario(run: ScenarioRun): Promise<ScenarioOutcome> {
  const { scenario } = run;
  const inputs = new StepInputs();
  const steps: StepResult[] = [];
  // Golden files hold one entry per step of the version (null for a step that got no answer or did not run).
  const recorded: unknown[] = [];
  const { silence } = run;
  let lostTarget: string | undefined;
  let ranAny = false;
  const result = (step: Step, fields: Pick<StepResult, 'passed' | 'ms' | 'deviations' | 'skipped'>): void => {
    const stepResult: StepResult = { scenario: scenario.name, file: scenario.file, step: step.name, operation: step.operation, ...fields };
    steps.push(stepResult);
    run.onStep(stepResult);
  };
  for (const step of scenario.steps) {
    if (!inRange(run.version, step.kong)) continue;
    const why = lostTarget ? `not run: ${run.abortAfter} requests in a row got no answer (${lostTarget})` : (run.stopped() ?? inputs.blocker(step));
    if (why) {
      inputs.skipped(step);
      recorded.push(null);
      result(step, { passed: false, ms: 0, deviations: [], skipped: why });
      continue;
    }
    const started = performance.now();
    ranAny = true;
    const outcome = await runStep(run, step, recorded.length);
    recorded.push(outcome.recorded);
    inputs.ran(step, run.target.ctx.captures);
    silence.inARow = outcome.networkError ? silence.inARow + 1 : 0;
    if (silence.inARow >= run.abortAfter) lostTarget = outcome.networkError?.message;
    result(step, { passed: outcome.deviations.length === 0, ms: performance.now() - started, deviations: outcome.deviations });
  }
  // Cleaning up on a server that stopped answering would only wait for more timeouts.
  if (ranAny && !lostTarget) {
    await cleanup(run.target, scenario, run.send);
    if (run.reference) await cleanup(run.reference, scenario, run.send);
  }
  return { steps, recorded, lostTarget };
}
