/** `conform --explore`: the command line of the generative differential mode (see conformance/README.md). */
import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createMock } from '../../src/admin/mock.ts';
import { loadSpec } from '../../src/spec/index.ts';
import type { KongVersion } from '../../src/entities/types.ts';
import { explore, type ExploreResult } from './explore.ts';
import type { Ignored } from './pair.ts';
import { handlerSide, httpSide, type ExploreSide } from './transport.ts';

export const EXPLORE_USAGE = `usage: conform --explore --target URL [--reference URL] [--kong-version 3.9|2.8] [--seed N] [--max-requests N]
               [--max-time SECONDS] [--timeout MS] [--entities services,routes,...] [--ignore ENTITY:PATH]... [--out FILE]`;

const VERSIONS: KongVersion[] = ['3.9', '2.8'];

function positive(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number, not '${value}'`);
  return n;
}

/** `ENTITY:PATH` or `PATH` (every entity): `consumers:$.body.updated_at`. */
function ignored(spec: string): Ignored {
  const at = spec.indexOf(':$');
  return at > 0 ? { entity: spec.slice(0, at), path: spec.slice(at + 1) } : { path: spec };
}

export function exploreSummary(result: ExploreResult): string {
  const rate = result.seconds > 0 ? Math.round(result.requests / result.seconds) : result.requests;
  const head = `explore: ${result.requests} requests in ${result.sequences} sequences, ${result.seconds.toFixed(1)} s (${rate} requests/s)`;
  if (!result.finding) return `${head}: no difference`;
  const f = result.finding;
  return `${head}: a difference after ${f.requestsToFind} requests, shrunk to ${f.steps.length} requests (${f.commands} commands)\n${f.message}`;
}

export async function runExploreCli(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        explore: { type: 'boolean' },
        target: { type: 'string' },
        reference: { type: 'string' },
        'kong-version': { type: 'string', default: '3.9' },
        seed: { type: 'string' },
        'max-requests': { type: 'string' },
        'max-time': { type: 'string' },
        timeout: { type: 'string' },
        entities: { type: 'string' },
        ignore: { type: 'string', multiple: true },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error(EXPLORE_USAGE);
    return 2;
  }
  if (values.help) {
    console.log(EXPLORE_USAGE);
    return 0;
  }
  const version = values['kong-version'] as KongVersion;
  if (!values.target || !VERSIONS.includes(version)) {
    console.error(values.target ? `unsupported --kong-version '${version}' (expected 3.9 or 2.8)` : EXPLORE_USAGE);
    return 2;
  }
  let seed: number, maxRequests: number, maxTime: number, timeout: number;
  try {
    seed = values.seed === undefined ? randomInt(2 ** 31) : Number.parseInt(values.seed, 10);
    if (!Number.isInteger(seed)) throw new Error(`--seed needs an integer, not '${values.seed}'`);
    maxRequests = Math.floor(positive(values['max-requests'], 1000, '--max-requests'));
    maxTime = positive(values['max-time'], 60, '--max-time');
    timeout = positive(values.timeout, 10_000, '--timeout');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }
  const spec = await loadSpec({ version });
  const target = httpSide(values.target, timeout);
  const reference: ExploreSide = values.reference ? httpSide(values.reference, timeout) : handlerSide(`the built-in mock (${version})`, () => createMock({ version, spec }));
  for (const side of [target, ...(values.reference ? [reference] : [])]) {
    try {
      await (await side.open()).send({ method: 'GET', path: '/' });
    } catch (error) {
      console.error(`explore: cannot reach ${side.label}: ${error instanceof Error ? error.message : error}`);
      return 2;
    }
  }
  console.log(`explore: seed ${seed} (rerun with --seed ${seed}), target ${target.label}, reference ${reference.label}, kong ${version}`);
  let result: ExploreResult;
  try {
    result = await explore({ target, reference, spec, seed, maxRequests, maxTime, entities: values.entities?.split(',').map((e) => e.trim()), ignore: values.ignore?.map(ignored) });
  } catch (error) {
    console.error(`explore: ${error instanceof Error ? error.message : error}`);
    return 2;
  }
  console.log(`explore: entities ${result.entities.join(', ')}; not explored: ${result.excluded.map((e) => `${e.entity} (${e.reason})`).join(', ') || 'none'}`);
  console.log(exploreSummary(result));
  if (!result.finding) return 0;
  if (values.out) {
    writeFileSync(values.out, result.finding.scenario);
    console.log(`explore: the reproduction is in ${values.out}`);
  } else {
    console.log('--- reproduction: save as fixtures/scenarios/<name>.yaml ---');
    console.log(result.finding.scenario);
  }
  return 1;
}
