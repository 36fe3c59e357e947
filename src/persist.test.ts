import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './testkit.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

function spawnCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  children.push(child);
  return child;
}

/** Starts `kong-admin-mock serve` on an ephemeral port and resolves with its URL. */
function start(args: string[], env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const child = spawnCli(args, env);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /on (http:\/\/[^ ]+) /.exec(out);
      if (m) resolve({ url: m[1], child });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

/** Runs the CLI to its exit; resolves with the exit code and stderr. */
function refused(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawnCli(args);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

async function serviceNames(url: string): Promise<string[]> {
  const names: string[] = [];
  let next: string | null = '/services?size=1000';
  while (next) {
    const page = (await (await fetch(`${url}${next}`)).json()) as { data: Array<{ name: string }>; next: string | null };
    names.push(...page.data.map((s) => s.name));
    next = page.next;
  }
  return names;
}

describe('--state FILE', () => {
  it('keeps every acknowledged write across a kill -9', async () => {
    const file = join(tempDir('state-'), 'kong.json');
    const first = await start(['--state', file]);
    const svc = await fetch(`${first.url}/services`, json({ name: 'kept', host: 'a.test' }));
    expect(svc.status).toBe(201);
    const route = await fetch(`${first.url}/services/kept/routes`, json({ name: 'r', paths: ['/a'] }));
    expect(route.status).toBe(201);
    first.child.kill('SIGKILL');

    const second = await start(['--state', file]);
    const again = (await (await fetch(`${second.url}/services/kept/routes/r`)).json()) as { name: string; service: { id: string } };
    expect(again.name).toBe('r');
    expect(again.service.id).toBe(((await svc.json()) as { id: string }).id);
    const blocked = await fetch(`${second.url}/services/kept`, { method: 'DELETE' });
    expect(blocked.status).toBe(400);
  }, 30_000);

  it('loses no acknowledged write when killed (-9) during concurrent writes and compactions, round after round', async () => {
    const file = join(tempDir('state-'), 'kong.json');
    // a small journal limit, so that kills also land during compactions
    const env = { KONG_MOCK_COMPACT_BYTES: '16000' };
    const sent = new Set<string>();
    const created = new Set<string>();
    const deleted = new Set<string>();
    /** Deletes the kill cut short: applied or not, either is right. */
    const unanswered = new Set<string>();
    const odd: string[] = [];
    const check = async (url: string): Promise<void> => {
      const names = await serviceNames(url);
      expect(new Set(names).size).toBe(names.length);
      const present = new Set(names);
      expect([...created].filter((n) => !deleted.has(n) && !unanswered.has(n) && !present.has(n))).toEqual([]);
      expect([...deleted].filter((n) => present.has(n))).toEqual([]);
      expect(names.filter((n) => !sent.has(n))).toEqual([]);
    };
    for (let round = 0; round < 4; round++) {
      const server = await start(['--state', file], env);
      await check(server.url);
      let killed = false;
      const writer = async (w: number): Promise<void> => {
        const mine: string[] = [];
        for (let i = 0; !killed; i++) {
          const name = `r${round}-w${w}-${i}`;
          sent.add(name);
          try {
            const r = await fetch(`${server.url}/services`, json({ name, host: 'crash.test' }));
            if (r.status === 201) created.add(name), mine.push(name);
            else odd.push(`POST ${r.status}`);
            await r.arrayBuffer();
            if (i % 3 === 2) {
              const victim = mine.shift()!;
              unanswered.add(victim);
              const d = await fetch(`${server.url}/services/${victim}`, { method: 'DELETE' });
              unanswered.delete(victim);
              if (d.status === 204) deleted.add(victim);
              else odd.push(`DELETE ${d.status}`);
            }
          } catch {
            return; // the server is gone
          }
        }
      };
      const writers = Array.from({ length: 8 }, (_, w) => writer(w));
      // kill once this round's writes are flowing: after a number of acknowledged writes, not a time
      const target = created.size + 40 + round * 25;
      while (created.size < target) await new Promise((r) => setTimeout(r, 5));
      server.child.kill('SIGKILL');
      killed = true;
      await Promise.all(writers);
    }
    const last = await start(['--state', file], env);
    await check(last.url);
    expect(odd).toEqual([]);
    expect(created.size).toBeGreaterThan(200);
    expect(deleted.size).toBeGreaterThan(40);
  }, 120_000);

  it('refuses a second server on the same state file (issue 13, defect 6)', async () => {
    const file = join(tempDir('state-'), 'kong.json');
    const first = await start(['--state', file]);
    const second = await refused(['--state', file]);
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(`kong-admin-mock: state file ${file} is in use by process ${first.child.pid} (lock ${file}.lock); stop that kong-admin-mock first, or give this one another --state file\n`);
  }, 30_000);

  it('refuses to start on a directory that does not exist (issue 13, defect 5)', async () => {
    const dir = join(tempDir('state-'), 'gone');
    const result = await refused(['--state', join(dir, 'kong.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`kong-admin-mock: state file ${join(dir, 'kong.json')}: directory ${dir} does not exist; create it or choose another --state path\n`);
    mkdirSync(dir);
    const started = await start(['--state', join(dir, 'kong.json')]);
    expect((await fetch(`${started.url}/services`, json({ name: 'a', host: 'a.test' }))).status).toBe(201);
  }, 30_000);
});
