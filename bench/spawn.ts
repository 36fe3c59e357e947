/**
 * Benchmark servers run in child processes so that autocannon does not share their event loop.
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Ready } from './servers/child.ts';

export interface Child {
  url: string;
  ready: Ready;
  stop(): Promise<void>;
}

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
export const ROOT = here('..');

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/** Forks bench/servers/<name>.ts with BENCH_* sizes and waits for its `ready` message. */
export function forkServer(name: string, env: Record<string, string> = {}, timeoutMs = 600_000): Promise<Child> {
  const child = fork(here(`./servers/${name}.ts`), [], {
    execArgv: ['--import', 'tsx', '--expose-gc', '--max-old-space-size=4096'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name}: not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name}: exited with ${code} before listening`));
    });
    child.on('message', (msg: Ready) => {
      if (msg.type !== 'ready') return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: `http://127.0.0.1:${msg.port}`, ready: msg, stop: stopper(child) });
    });
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Stoplight Prism from node_modules; on failure the error carries Prism's output verbatim. */
export async function startPrism(document: string, timeoutMs = 180_000): Promise<Child> {
  const port = await freePort();
  const child = spawn(here('../node_modules/.bin/prism'), ['mock', '-h', '127.0.0.1', '-p', String(port), '-v', 'warn', document], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`prism exited with ${child.exitCode}:\n${output.trim()}`);
    if (await connects(port)) {
      const ready: Ready = { type: 'ready', port, preloadMs: 0, memBefore: { rss: 0, heapUsed: 0 }, memAfter: { rss: 0, heapUsed: 0 }, ids: [], names: [] };
      return { url: `http://127.0.0.1:${port}`, ready, stop: stopper(child) };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`prism did not listen within ${timeoutMs} ms:\n${output.trim()}`);
}

/** Wall time from spawning the real CLI (`src/cli.ts serve --port 0`) to its listening line. */
export function timeCliStart(entry?: string): Promise<{ wallMs: number; readyInMs: number }> {
  const t0 = performance.now();
  const args = entry ? [entry] : ['--import', 'tsx', here('../src/cli.ts')];
  const child = spawn(process.execPath, [...args, 'serve', '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return untilReady(child, t0, 'cli', () => child.kill('SIGTERM'));
}

/**
 * Waits for a spawned CLI's `ready in N ms` line, then stops it with `stop`; resolves with the wall
 * time from `t0` to that line and the in-process figure the line reports.
 */
function untilReady(child: ChildProcess, t0: number, what: string, stop: () => void): Promise<{ wallMs: number; readyInMs: number }> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready in (\d+) ms/.exec(out);
      if (!m) return;
      const wallMs = performance.now() - t0;
      child.once('exit', () => resolve({ wallMs, readyInMs: Number(m[1]) }));
      stop();
    });
    child.once('exit', (code) => {
      if (!/ready in/.test(out)) reject(new Error(`${what} exited with ${code}: ${out}`));
    });
  });
}

/** The same measure for `node -e` listening on node:http, to show what node itself costs. */
export function timeNodeStart(): Promise<number> {
  const t0 = performance.now();
  const code = "require('http').createServer((q,s)=>s.end()).listen(0,'127.0.0.1',()=>console.log('up'))";
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    child.stdout?.once('data', () => {
      const ms = performance.now() - t0;
      child.once('exit', () => resolve(ms));
      child.kill('SIGTERM');
    });
  });
}

/** Runs the product's own `npm run build` and returns the compiled CLI `npm start` runs, or null if it failed. */
export function buildShippedCli(): string | null {
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
  const entry = join(ROOT, 'dist', 'src', 'cli.js');
  return r.status === 0 && existsSync(entry) ? entry : null;
}

/**
 * Packs the package and installs the tarball in a new project under the system's temporary folder,
 * as a user would before `npx kong-admin-mock`; returns that project's directory, or null on failure.
 */
export function installPackedCli(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'kong-admin-mock-bench-'));
  const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
  if (packed.status !== 0) return null;
  writeFileSync(join(dir, 'package.json'), '{ "name": "bench-consumer", "private": true }\n');
  const tarball = join(dir, packed.stdout.trim().split('\n').pop() as string);
  const installed = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: dir, encoding: 'utf8' });
  return installed.status === 0 ? dir : null;
}

/** Wall time from spawning `npx kong-admin-mock serve --port 0` in an installed project to its listening line. */
export function timeNpxStart(project: string): Promise<{ wallMs: number; readyInMs: number }> {
  const t0 = performance.now();
  // npx, its shell and the CLI form one process group, stopped together
  const child = spawn('npx', ['kong-admin-mock', 'serve', '--port', '0'], { cwd: project, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  return untilReady(child, t0, 'npx kong-admin-mock', () => process.kill(-(child.pid as number), 'SIGTERM'));
}
