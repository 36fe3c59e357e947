import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMock } from '../../src/admin/mock.ts';
import type { AdminHandler, AdminRequest, AdminResponse } from '../../src/admin/types.ts';
import { listen, type RunningServer } from '../../src/http/node.ts';
import { PROJECT_ROOT } from '../../src/root.ts';
import { loadSpec } from '../../src/spec/index.ts';
import { tempDir } from '../../src/testkit.ts';
import { runConformCli } from '../cli.ts';
import { runScenarios } from '../runner.ts';
import { loadScenarioFile } from '../scenario.ts';
import { explore, type ExploreResult } from './explore.ts';
import { handlerSide } from './transport.ts';

/**
 * Servers with one planted rule bug each: the mock with one answer bent. (The runner's
 * conformance/testing/planted.ts holds sixteen; `npm run explore` measures every one.)
 */
function planted(bend: (req: AdminRequest, ask: (req: AdminRequest) => Promise<AdminResponse>) => Promise<AdminResponse>): () => Promise<AdminHandler> {
  return async () => {
    const mock = await createMock();
    return { handle: (req) => bend(req, async (r) => mock.handle(r)) };
  };
}

const PLANTED = {
  'a uniqueness conflict answers 400 instead of 409': planted(async (req, ask) => {
    const res = await ask(req);
    return res.status === 409 ? { ...res, status: 400 } : res;
  }),
  'lists ignore size': planted((req, ask) => ask({ ...req, query: req.query.replace(/(^|&)size=[^&]*/g, '') })),
  'names do not resolve: only ids find an entity': planted(async (req, ask) =>
    /^\/services\/[^/]+$/.test(req.path) && !/^\/services\/[0-9a-f-]{36}$/.test(req.path) && req.method !== 'PUT'
      ? { status: 404, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{"message":"Not found"}' }
      : ask(req),
  ),
};

/** Generated sequences stop starting after this many requests; each planted bug is found well before. */
const BUDGET = 2000;

const spec = await loadSpec({ version: '3.9' });
const reference = handlerSide('the built-in mock', () => createMock({ spec }));

async function exploreAgainst(target: () => Promise<AdminHandler> | AdminHandler, more: { seed?: number; entities?: string[]; maxRequests?: number } = {}): Promise<ExploreResult> {
  return explore({ target: handlerSide('target', target), reference, spec, seed: more.seed ?? 1, maxRequests: more.maxRequests ?? BUDGET, maxTime: 60, entities: 'entities' in more ? more.entities : ['services', 'routes'], runTag: 'e0e0e0e0' });
}

const servers: RunningServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
async function serve(handler: AdminHandler): Promise<string> {
  const server = await listen(handler, { port: 0 });
  servers.push(server);
  return server.url;
}

describe('conform --explore', () => {
  it('finds no difference between the mock and the built-in mock', async () => {
    const result = await exploreAgainst(() => createMock({ spec }), { seed: 7, entities: undefined, maxRequests: 500 });
    expect(result.finding?.message).toBeUndefined();
    expect(result.requests).toBeGreaterThanOrEqual(500);
    expect(result.entities).toEqual(expect.arrayContaining(['services', 'routes', 'consumers', 'upstreams', 'targets', 'certificates', 'snis', 'plugins', 'basicauth_credentials']));
  });

  for (const [bug, create] of Object.entries(PLANTED)) {
    it(`finds a planted bug (${bug}), shrinks it, and its scenario fails the bug and passes the mock`, async () => {
      const result = await exploreAgainst(create);
      expect(result.finding).toBeDefined();
      const finding = result.finding!;
      expect(finding.requestsToFind).toBeLessThanOrEqual(BUDGET);
      expect(finding.steps.length).toBeLessThanOrEqual(3);

      const file = join(tempDir('explore-'), 'explore.yaml');
      writeFileSync(file, finding.scenario);
      const scenarios = loadScenarioFile(file);
      const buggy = await runScenarios({ target: await serve(await create()), scenarios, root: PROJECT_ROOT });
      expect(buggy.deviations.filter((d) => d.kind === 'behaviour').length).toBeGreaterThan(0);
      const correct = await runScenarios({ target: await serve(await createMock()), scenarios, root: PROJECT_ROOT });
      expect(correct.deviations).toEqual([]);
    });
  }

  it('finds the 2.8 profile apart from the 3.9 one (a consumer has no updated_at in 2.8)', async () => {
    const result = await explore({
      target: handlerSide('3.9', () => createMock({ spec })),
      reference: handlerSide('2.8', () => createMock({ version: '2.8' })),
      spec,
      seed: 1,
      maxRequests: BUDGET,
      maxTime: 60,
      entities: ['consumers'],
    });
    expect(result.finding?.message).toMatch(/\$\.body\.updated_at: reference \(absent\), target "<timestamp>"/);
  });

  it('leaves out a known difference when told to, and finds the next one', async () => {
    const result = await explore({
      target: handlerSide('3.9', () => createMock({ spec })),
      reference: handlerSide('2.8', () => createMock({ version: '2.8' })),
      spec,
      seed: 1,
      maxRequests: BUDGET,
      maxTime: 60,
      entities: ['consumers'],
      ignore: [{ entity: 'consumers', path: '$.body.updated_at' }],
    });
    expect(result.finding?.message).toBeDefined();
    expect(result.finding?.message).not.toContain('updated_at');
  });
});

describe('conform --explore on the command line', () => {
  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    try {
      return { code: await runConformCli(args), out: out.join('\n'), err: err.join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }

  it('prints the seed and exits 0 when the target answers as the reference', async () => {
    const url = await serve(await createMock());
    const { code, out } = await cli(['--explore', '--target', url, '--seed', '3', '--max-requests', '100', '--entities', 'services,routes']);
    expect(out).toContain('explore: seed 3 (rerun with --seed 3)');
    expect(out).toMatch(/explore: 1\d\d requests in \d+ sequences, [\d.]+ s \(\d+ requests\/s\): no difference/);
    expect(code).toBe(0);
  });

  it('prints the reproduction as a scenario and exits 1 on a difference', async () => {
    const url = await serve(await PLANTED['lists ignore size']());
    const { code, out } = await cli(['--explore', '--target', url, '--seed', '1', '--max-requests', String(BUDGET), '--entities', 'services']);
    expect(out).toMatch(/a difference after \d+ requests, shrunk to 1 requests \(1 commands\)\nlist services: GET \/services\?size=/);
    expect(out).toMatch(/^ {2}\$\.[\w.]+: reference .+, target .+$/m);
    expect(out).toContain('--- reproduction: save as fixtures/scenarios/<name>.yaml ---');
    expect(out).toContain('- name: "explore seed 1:');
    expect(code).toBe(1);
  });

  it('says in one line why a target cannot be reached, and exits 2', async () => {
    const url = await serve(await createMock());
    await servers.pop()!.close();
    const { code, err } = await cli(['--explore', '--target', url, '--max-requests', '10']);
    expect(err).toMatch(/^explore: cannot reach http:\/\/127\.0\.0\.1:\d+: .*fetch failed \(ECONNREFUSED\)$/);
    expect(code).toBe(2);
  });

  it('refuses a budget that is not a number', async () => {
    const { code, err } = await cli(['--explore', '--target', 'http://127.0.0.1:1', '--max-requests', 'many']);
    expect(err).toBe("--max-requests needs a positive number, not 'many'");
    expect(code).toBe(2);
  });
});
