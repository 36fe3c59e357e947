/**
 * `npm run explore -- [--max-requests N] [--seed N]`: the long runs of `conform --explore`, in
 * process (not part of `npm test`): the mock against the built-in mock (must find nothing), the 3.9
 * profile against the 2.8 one (each difference found is set aside and the search goes on, so the
 * run lists them all), and, when conformance/testing/planted.ts is there, every planted bug.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createMock } from '../../src/admin/mock.ts';
import type { AdminHandler } from '../../src/admin/types.ts';
import type { KongVersion } from '../../src/entities/types.ts';
import { loadSpec } from '../../src/spec/index.ts';
import { listen } from '../../src/http/node.ts';
import { PROJECT_ROOT } from '../../src/root.ts';
import { runScenarios } from '../runner.ts';
import { loadScenarioFile } from '../scenario.ts';
import { exploreSummary } from './cli.ts';
import { explore } from './explore.ts';
import type { Ignored } from './pair.ts';
import { handlerSide } from './transport.ts';

const { values } = parseArgs({ args: process.argv.slice(2), options: { 'max-requests': { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' }, only: { type: 'string' } } });
const maxRequests = Number(values['max-requests']);
const seed = Number(values.seed);
const spec39 = await loadSpec({ version: '3.9' });
/** Behaviour deviations of a reproduction replayed by the runner against a server over HTTP. */
async function replay(scenario: string, handler: AdminHandler): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'explore-'));
  const server = await listen(handler, { port: 0 });
  try {
    writeFileSync(join(dir, 'found.yaml'), scenario);
    const result = await runScenarios({ target: server.url, scenarios: loadScenarioFile(join(dir, 'found.yaml')), root: PROJECT_ROOT });
    return result.deviations.length;
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const mock = (version: KongVersion) => handlerSide(`mock ${version}`, () => createMock({ version }));
let failed = false;

if (!values.only || values.only === 'mock') {
  console.log(`== the mock against the built-in mock, seed ${seed}, ${maxRequests} requests`);
  const result = await explore({ target: mock('3.9'), reference: mock('3.9'), spec: spec39, seed, maxRequests, maxTime: 3600 });
  console.log(exploreSummary(result));
  failed ||= result.finding !== undefined;
}

if (!values.only || values.only === 'profiles') {
  console.log(`\n== the 3.9 profile (target) against the 2.8 profile (reference), seed ${seed}, up to ${maxRequests} requests`);
  const ignore: Ignored[] = [];
  let spent = 0;
  for (let round = 1; round <= 30 && spent < maxRequests; round++) {
    const result = await explore({ target: mock('3.9'), reference: mock('2.8'), spec: spec39, seed: seed + round - 1, maxRequests: maxRequests - spent, maxTime: 3600, ignore });
    spent += result.requests;
    if (!result.finding) {
      console.log(`no further difference in ${result.requests} requests (${spent} in all)`);
      break;
    }
    const f = result.finding;
    console.log(`${round}. ${f.entity ?? '?'} after ${f.requestsToFind} requests, shrunk to ${f.steps.length}: ${f.message.split('\n')[0]}`);
    for (const d of f.differences.slice(0, 3)) console.log(`     ${d.path}: 2.8 ${d.expected}, 3.9 ${d.actual}`);
    if (f.differences.length > 3) console.log(`     … and ${f.differences.length - 3} more`);
    // Set this difference aside and look for the next one: an entity the reference does not have
    // (404) entirely, another status difference for its entity, a body difference everywhere.
    const status = f.differences.find((d) => d.path === '$.status');
    if (status?.expected === '404') ignore.push({ entity: f.entity, path: '$' });
    else if (status) ignore.push(...f.differences.map((d) => ({ entity: f.entity, path: d.path })));
    else ignore.push(...f.differences.map((d) => ({ path: d.path })));
    if (f.differences.length === 0) break;
  }
}

const plantedModule = new URL('../testing/planted.ts', import.meta.url);
if ((!values.only || values.only === 'planted') && existsSync(plantedModule)) {
  const { PLANTED_BUGS } = (await import(plantedModule.href)) as { PLANTED_BUGS: Array<{ name: string; family: string; create(version?: KongVersion): AdminHandler }> };
  console.log(`\n== planted bugs, seed ${seed}, up to ${maxRequests} requests each`);
  for (const bug of PLANTED_BUGS) {
    const result = await explore({ target: handlerSide(bug.name, () => bug.create('3.9')), reference: mock('3.9'), spec: spec39, seed, maxRequests, maxTime: 3600 });
    const f = result.finding;
    // the reproduction must fail against the bug and pass against the mock
    const replayed = f ? `; its scenario: ${await replay(f.scenario, bug.create('3.9'))} deviations against the bug, ${await replay(f.scenario, await createMock())} against the mock` : '';
    console.log(`${bug.family.padEnd(20)} ${bug.name.padEnd(28)} ${f ? `found after ${f.requestsToFind} requests, shrunk to ${f.steps.length} requests (${f.commands} commands) in ${result.seconds.toFixed(1)} s${replayed}` : `NOT FOUND in ${result.requests} requests`}`);
    failed ||= f === undefined || /: 0 deviations against the bug|[1-9]\d* against the mock/.test(replayed);
  }
}
process.exitCode = failed ? 1 : 0;
