/**
 * `conform --explore`: generated request sequences run on a target and a reference, answers
 * compared; on the first difference fast-check shrinks the sequence, and the shortest one that
 * still differs comes back as a scenario.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { Spec } from '../../src/spec/index.ts';
import { commandsFor, nodeCommands } from './commands.ts';
import { filesOf, planEntities, rewrittenFields, type Exclusion } from './entities.ts';
import { Model } from './model.ts';
import { DifferenceFound, Pair, type Budget, type Ignored, type Recorded } from './pair.ts';
import { scenarioYaml } from './scenario-yaml.ts';
import type { ExploreSide } from './transport.ts';
import { entityPath } from './paths.ts';

export interface ExploreOptions {
  target: ExploreSide;
  reference: ExploreSide;
  /** The profile whose document the sequences are derived from (the target's `--kong-version`). */
  spec: Spec;
  seed: number;
  /** Requests (to each side) after which no new sequence starts; shrinking a finding is not counted. */
  maxRequests: number;
  /** Seconds after which no new sequence starts. */
  maxTime: number;
  /** Longest generated sequence (default 30 commands). */
  maxCommands?: number;
  /** Explore these entities only (names or admin paths: `services`, `key-auths`; `node` for `GET /`). */
  entities?: string[];
  /** Names in this run end with this tag (default: random), so runs on a shared server do not meet. */
  runTag?: string;
  /** Known differences to leave out. */
  ignore?: Ignored[];
}

export interface Finding {
  message: string;
  /** What differed (JSON paths of the compared views) and about which entity. */
  differences: Array<{ path: string; expected: string; actual: string }>;
  entity?: string;
  /** Requests sent before the first failing sequence ended. */
  requestsToFind: number;
  /** The shrunk sequence as requests (list pages count one each) and as commands. */
  steps: Recorded[];
  commands: number;
  scenario: string;
}

export interface ExploreResult {
  seed: number;
  requests: number;
  sequences: number;
  seconds: number;
  entities: string[];
  excluded: Exclusion[];
  finding?: Finding;
}

/** Deletes what a sequence left on a server that outlives it, children first. */
async function cleanup(model: Model, pair: Pair, sides: { reference: boolean; target: boolean }): Promise<void> {
  // what only the target created may point at what both did: it goes first
  if (sides.target) for (const path of [...pair.targetOnly].reverse()) await pair.target.send({ method: 'DELETE', path }).catch(() => undefined);
  for (const known of [...model.known].reverse()) {
    const plan = model.plans.find((p) => p.name === known.entity)!;
    const req = { method: 'DELETE', path: entityPath(model, plan, known, pair, { byKey: false, nested: !plan.topLevel }) };
    await Promise.allSettled([sides.reference ? pair.reference.send(req) : undefined, sides.target ? pair.target.send(pair.forTarget(req)) : undefined]);
  }
}

export async function explore(options: ExploreOptions): Promise<ExploreResult> {
  const runTag = options.runTag ?? randomBytes(4).toString('hex');
  const { plans, excluded } = planEntities(options.spec, runTag, options.entities);
  // `node` names the node's own endpoints (GET /) in an entity list
  const withNode = !options.entities || options.entities.includes('node');
  if (plans.length === 0 && !withNode) throw new Error(`nothing to explore${options.entities ? ` among ${options.entities.join(', ')}` : ''}`);
  const ctx = { runTag };
  const rewritten = rewrittenFields(plans);
  const budget: Budget = { requests: 0 };
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  let sequences = 0;
  let failing: { log: Recorded[]; error: unknown; commands: number } | undefined;
  let requestsToFind = 0;

  const property = fc.asyncProperty(fc.commands([...(withNode ? nodeCommands() : []), ...plans.flatMap((p) => commandsFor(p, ctx))], { maxCommands: options.maxCommands ?? 30, size: 'max' }), async (commands) => {
    // Out of budget: later runs are skipped, unless they are fast-check shrinking a finding.
    if (!failing && (budget.requests >= options.maxRequests || elapsed() >= options.maxTime)) return;
    const model = new Model(plans);
    const pair = new Pair(await options.reference.open(), await options.target.open(), budget, options.ignore, rewritten);
    sequences++;
    try {
      await fc.asyncModelRun(() => ({ model, real: pair }), commands);
    } catch (error) {
      if (!failing) requestsToFind = budget.requests;
      failing = { log: pair.log, error, commands: pair.commandsRun };
      throw error;
    } finally {
      if (options.reference.persistent || options.target.persistent) await cleanup(model, pair, { reference: options.reference.persistent, target: options.target.persistent });
    }
  });
  // Each sequence sends at least one request, so this many runs can use the whole budget.
  const numRuns = Math.max(options.maxRequests, 100);
  const shrinkSeconds = Math.max(60, options.maxTime);
  await fc.check(property, { seed: options.seed, numRuns, interruptAfterTimeLimit: (options.maxTime + shrinkSeconds) * 1000, markInterruptAsFailure: false });

  const result: ExploreResult = { seed: options.seed, requests: budget.requests, sequences, seconds: elapsed(), entities: plans.map((p) => p.name), excluded };
  if (failing) {
    const { error, log } = failing;
    const message = error instanceof DifferenceFound ? error.message : `the explorer failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    const comment = [
      `found by: conform --explore --seed ${options.seed} (target ${options.target.label}, reference ${options.reference.label}, kong ${options.spec.version})`,
      ...message.split('\n'),
    ];
    const name = `explore seed ${options.seed}: ${message.split('\n')[0].split(':')[0]}`;
    result.finding = { message, differences: error instanceof DifferenceFound ? error.differences : [], entity: error instanceof DifferenceFound ? error.entity : undefined, requestsToFind, steps: log, commands: failing.commands, scenario: scenarioYaml(log, { name, comment, runTag, files: filesOf(plans), rewritten }) };
  }
  return result;
}
