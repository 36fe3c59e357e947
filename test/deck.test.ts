/**
 * decK (the Kong configuration tool, 1.4 here) against the mock over a real socket: ping, sync a
 * fixture, diff finds nothing to do, dump gives back what was synced, reset empties everything.
 *
 * decK 1.4 dates from Kong 2.x but talks to 3.x too. Plugin configs differ between the versions, so
 * basic.yml (Kong 2.8 plugin fields) runs against the 2.8 profile and basic-3.9.yml against 3.9;
 * the fixtures without plugins run against both profiles. decK's
 * own defaults cover only a few fields (service ports and timeouts, route protocols, upstream
 * health checks), so the fixtures spell out every field Kong fills in, as `deck dump` writes them:
 * a minimal file would show "updating" entries against a real Kong just as much.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { createMock } from '../src/admin/mock.ts';
import { listen, type RunningServer } from '../src/http/node.ts';
import type { KongVersion } from '../src/entities/types.ts';

const run = promisify(execFile);
const hasDeck = spawnSync('deck', ['version'], { encoding: 'utf8' }).status === 0;
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'configs');
const COLLECTIONS = ['services', 'routes', 'consumers', 'plugins', 'upstreams', 'certificates', 'snis', 'ca_certificates', 'key-auths', 'acls'];
const work = mkdtempSync(join(tmpdir(), 'deck-'));
const servers: RunningServer[] = [];

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(work, { recursive: true, force: true });
});

async function start(version: KongVersion): Promise<string> {
  const server = await listen(await createMock({ version }), { port: 0, host: '127.0.0.1' });
  servers.push(server);
  return server.url;
}

async function deck(url: string, ...args: string[]): Promise<string> {
  const { stdout, stderr } = await run('deck', [...args, '--kong-addr', url, '--no-color'], { cwd: work, timeout: 30_000 });
  return stdout + stderr;
}

/** Entities compared without ids and timestamps, lists in a stable order. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalise);
    return items.every((v) => typeof v === 'object' && v !== null) ? items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : items;
  }
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'id' || key === 'created_at' || key === 'updated_at' || key === '_format_version') continue;
    out[key] = normalise(v);
  }
  return out;
}

async function expectEmpty(url: string): Promise<void> {
  for (const collection of COLLECTIONS) {
    const res = await fetch(`${url}/${collection}`);
    expect(res.status, collection).toBe(200);
    expect((await res.json()).data, collection).toEqual([]);
  }
  const upstreams = await fetch(`${url}/upstreams`);
  expect((await upstreams.json()).data).toEqual([]);
}

const NOTHING_TO_DO = /Created: 0\s+Updated: 0\s+Deleted: 0/;

const cases: Array<[string, KongVersion]> = [
  ['basic.yml', '2.8'],
  ['basic-3.9.yml', '3.9'],
  ['upstreams.yml', '2.8'],
  ['tags.yml', '2.8'],
  ['upstreams.yml', '3.9'],
  ['tags.yml', '3.9'],
];

const TITLE = 'decK round-trips against the mock';

describe.skipIf(!hasDeck)(hasDeck ? TITLE : `${TITLE} (skipped: deck is not on PATH)`, () => {
  it('deck ping sees Kong 2.8 and 3.9', async () => {
    expect(await deck(await start('2.8'), 'ping')).toContain('Kong version:  2.8');
    expect(await deck(await start('3.9'), 'ping')).toContain('Kong version:  3.9');
  }, 60_000);

  it.each(cases)('%s on Kong %s: sync, diff, dump, reset', async (file, version) => {
    const url = await start(version);
    const source = join(FIXTURES, file);
    const synced = await deck(url, 'sync', '-s', source);
    expect(synced).toMatch(/Created: [1-9]\d*\s+Updated: 0\s+Deleted: 0/);

    expect(await deck(url, 'diff', '-s', source)).toMatch(NOTHING_TO_DO);

    const out = join(work, `${file}-${version}.yaml`);
    await deck(url, 'dump', '-o', out);
    expect(normalise(parse(readFileSync(out, 'utf8')))).toEqual(normalise(parse(readFileSync(source, 'utf8'))));

    // a second sync of the same file changes nothing
    expect(await deck(url, 'sync', '-s', source)).toMatch(NOTHING_TO_DO);

    await deck(url, 'reset', '--force');
    await expectEmpty(url);
  }, 60_000);

  it('select tags: dump and sync see only the entities carrying them (?tags= on every list)', async () => {
    const url = await start('3.9');
    await deck(url, 'sync', '-s', join(FIXTURES, 'tags.yml'));
    const out = join(work, 'team-risk.yaml');
    await deck(url, 'dump', '--select-tag', 'team-risk', '-o', out);
    const dumped = parse(readFileSync(out, 'utf8'));
    expect(dumped._info).toEqual({ select_tags: ['team-risk'] });
    expect(dumped.consumers).toEqual([{ username: 'auditor' }]);
    expect(dumped.services).toBeUndefined();

    // a file scoped to team-risk adds a consumer and leaves the other teams' entities alone
    const scoped = join(work, 'team-risk-more.yaml');
    writeFileSync(scoped, '_format_version: "1.1"\n_info:\n  select_tags: [team-risk]\nconsumers:\n- username: auditor\n- username: reviewer\n');
    expect(await deck(url, 'sync', '-s', scoped)).toMatch(/Created: 1\s+Updated: 0\s+Deleted: 0/);
    const reviewer = await (await fetch(`${url}/consumers/reviewer`)).json();
    expect(reviewer.tags).toEqual(['team-risk']);
    expect((await (await fetch(`${url}/consumers`)).json()).data).toHaveLength(3);
    expect(await deck(url, 'diff', '-s', join(FIXTURES, 'tags.yml'))).toMatch(/Created: 0\s+Updated: 0\s+Deleted: 1/);
  }, 60_000);

  it('a changed file is synced as updates and deletions', async () => {
    const url = await start('3.9');
    await deck(url, 'sync', '-s', join(FIXTURES, 'tags.yml'));
    const changed = join(work, 'tags-changed.yml');
    const text = readFileSync(join(FIXTURES, 'tags.yml'), 'utf8')
      .replace('retries: 5', 'retries: 2')
      .replace(/- username: auditor\n(  .*\n)*/, '');
    writeFileSync(changed, text);
    const diff = await deck(url, 'sync', '-s', changed);
    expect(diff).toMatch(/Created: 0\s+Updated: 1\s+Deleted: 1/);
    const billing = await (await fetch(`${url}/services/billing`)).json();
    expect(billing.retries).toBe(2);
    expect((await fetch(`${url}/consumers/auditor`)).status).toBe(404);
    expect(await deck(url, 'diff', '-s', changed)).toMatch(NOTHING_TO_DO);
  }, 60_000);
});
