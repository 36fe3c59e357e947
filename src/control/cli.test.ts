/**
 * The command line's control options: `--strict`, `--latency`, `--quiet` and the log line.
 */
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { logLine } from './log-line.ts';

const ROOT = join(import.meta.dirname, '..', '..');

interface Served {
  url: string;
  /** Everything printed so far on stdout. */
  stdout: () => string;
  stop(): Promise<number | null>;
}

function start(args: string[]): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'serve', '--port', '0', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    const closed = new Promise<number | null>((done) => child.on('close', done));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /Admin API on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url) resolve({ url, stdout: () => stdout, stop: () => (child.kill('SIGTERM'), closed) });
    });
    void closed.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
}

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'serve', '--port', '0', ...args], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('kong-admin-mock serve', () => {
  it('prints a line per request, serves /__mock/ and takes --latency', async () => {
    const served = await start(['--latency', '5-10']);
    try {
      expect((await fetch(`${served.url}/services?size=1`)).status).toBe(200);
      expect((await fetch(`${served.url}/__mock/reset`, { method: 'POST' })).status).toBe(204);
      const journal = (await (await fetch(`${served.url}/__mock/journal`)).json()) as { data: Array<{ path: string }> };
      expect(journal.data.map((e) => e.path)).toEqual(['/services']);
      await new Promise((r) => setTimeout(r, 100));
      expect(served.stdout()).toMatch(/^GET \/services\?size=1 200 \d+ms$/m);
      expect(served.stdout()).toMatch(/^POST \/__mock\/reset 204 \d+ms$/m);
    } finally {
      await served.stop();
    }
  }, 60_000);

  it('stays silent with --quiet and answers /__mock/ with Kong 404 under --strict', async () => {
    const served = await start(['--quiet', '--strict']);
    try {
      const res = await fetch(`${served.url}/__mock/reset`, { method: 'POST' });
      expect([res.status, await res.json()]).toEqual([404, { message: 'Not found' }]);
      await new Promise((r) => setTimeout(r, 100));
      expect(served.stdout()).not.toMatch(/__mock/);
    } finally {
      await served.stop();
    }
  }, 60_000);

  it('starts with seed data, without logging the seed requests', async () => {
    const served = await start(['--seed', '3:4']);
    try {
      const services = (await (await fetch(`${served.url}/services`)).json()) as { data: unknown[] };
      expect(services.data).toHaveLength(4);
      expect(served.stdout()).toMatch(/seed 3:4 \(\d+ entities created\)/);
      await new Promise((r) => setTimeout(r, 100));
      expect(served.stdout().match(/^POST /gm)).toBeNull();
    } finally {
      await served.stop();
    }
  }, 60_000);

  it('refuses a latency it cannot read', async () => {
    const refused = await run(['--latency', '300-100']);
    expect(refused).toEqual({ code: 2, stderr: "--latency: invalid latency '300-100' (MIN is above MAX)\n" });
  }, 60_000);
});

describe('the log line', () => {
  it('shows method, target, status and whole milliseconds; - for a dropped connection', () => {
    expect(logLine({ method: 'PATCH', path: '/services/a', query: 'x=1', status: 200, duration: 2.6 })).toBe('PATCH /services/a?x=1 200 3ms');
    expect(logLine({ method: 'GET', path: '/routes', query: '', status: 0, duration: 0.2 })).toBe('GET /routes - 0ms');
  });
});
