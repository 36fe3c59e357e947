/**
 * The persistence workload: the CLI with `--state FILE` at 1k, 10k and 100k services. Durable
 * writes per second (POST and PATCH at 50 connections, POST at 1), restart time from the
 * snapshot alone, with a journal to replay and after compaction, and the files' sizes.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMock } from '../src/admin/mock.ts';
import { openState } from '../src/state/open-state.ts';
import { load, round, type LoadOptions, type LoadResult } from './load.ts';
import { preload } from './servers/preload.ts';
import { ROOT } from './spawn.ts';
import { plan } from './workloads.ts';

export interface PersistencePoint {
  entities: number;
  snapshotMb: number;
  /** Spawn to listening line, ms: from the snapshot alone; with the run's journal to replay; after compaction. */
  restartMs: { snapshot: number; withJournal: number; afterCompaction: number };
  journalMbBeforeCompaction: number;
  journalRecordsReplayed: number;
  /** From the write that started a compaction to the old journal's removal (the server answers meanwhile). */
  compactionMs: number;
  journalBytesAfterCompaction: number;
  snapshotMbAfterCompaction: number;
  post: LoadResult;
  patch: LoadResult;
  postOneConnection: LoadResult;
}

interface Started {
  url: string;
  wallMs: number;
  replayed: number;
  stop(): Promise<void>;
}

const mb = (bytes: number): number => round(bytes / 1e6, 2);

function startCli(entry: string[], file: string, env: Record<string, string> = {}): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...entry, 'serve', '--port', '0', '--state', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /on (http:\/\/\S+) /.exec(out);
      if (!m) return;
      const wallMs = performance.now() - t0;
      const replayed = Number(/(\d+) journal records replayed/.exec(out)?.[1] ?? 0);
      const stop = (): Promise<void> => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM'))));
      resolve({ url: m[1], wallMs, replayed, stop });
    });
    child.once('exit', (code) => {
      if (!/ on http/.test(out)) reject(new Error(`kong-admin-mock exited with ${code}: ${out}`));
    });
  });
}

function journalBytes(dir: string): number {
  return readdirSync(dir).filter((f) => f.includes('.journal.')).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

/** A state file holding `n` services, written the way the server writes its snapshot. */
async function prepare(file: string, n: number): Promise<{ ids: string[]; names: string[] }> {
  const mock = await createMock();
  const loaded = await preload(mock, { services: n, routes: 0, consumers: 0 }, 'store');
  const { state } = openState(file, mock.store, { kongVersion: '3.9' });
  await state.close();
  return { ids: loaded.ids, names: loaded.names };
}

async function compaction(url: string, dir: string): Promise<number> {
  const before = readdirSync(dir).filter((f) => f.includes('.journal.'));
  const res = await fetch(`${url}/services`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `compact-${Date.now()}`, host: 'c.test' }) });
  if (res.status !== 201) throw new Error(`compaction write answered ${res.status}`);
  const t0 = performance.now();
  for (;;) {
    const now = readdirSync(dir);
    const journals = now.filter((f) => f.includes('.journal.'));
    if (journals.length === 1 && !before.includes(journals[0]) && !now.some((f) => f.includes('.tmp-'))) return performance.now() - t0;
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface PersistenceFigures {
  /** The same POST load on the same CLI without `--state`, run just before: what the machine gives today. */
  postWithoutState: LoadResult;
  points: PersistencePoint[];
}

async function withoutState(entry: string[], opts: LoadOptions): Promise<LoadResult> {
  const child = spawn(process.execPath, [...entry, 'serve', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /on (http:\/\/\S+) /.exec(out);
      if (m) resolve(m[1]);
    });
  });
  const p = plan('post', { flavour: 'kong', ids: [], names: [], services: 0 });
  if ('na' in p) throw new Error(p.na);
  const result = await load(url, p.requests, opts);
  await new Promise((done) => (child.once('exit', done), child.kill('SIGTERM')));
  return result;
}

export async function runPersistence(entry: string[], opts: LoadOptions, sizes = [1000, 10_000, 100_000], log: (m: string) => void = console.error): Promise<PersistenceFigures> {
  log('persistence: POST without --state, for comparison');
  const postWithoutState = await withoutState(entry, opts);
  const points: PersistencePoint[] = [];
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'kong-state-bench-'));
    const file = join(dir, 'kong.json');
    try {
      log(`persistence ${n}: writing the state file`);
      const t = { flavour: 'kong' as const, ...(await prepare(file, n)), services: n };
      const snapshotMb = mb(statSync(file).size);
      const first = await startCli(entry, file);
      const run = async (what: 'post' | 'patch', o: LoadOptions): Promise<LoadResult> => {
        const p = plan(what, t);
        if ('na' in p) throw new Error(p.na);
        log(`persistence ${n}: ${what} at ${o.connections} connection(s)`);
        return load(first.url, p.requests, o);
      };
      const post = await run('post', opts);
      const patch = await run('patch', opts);
      const postOneConnection = await run('post', { ...opts, connections: 1 });
      await first.stop();
      const journalMbBeforeCompaction = mb(journalBytes(dir));
      log(`persistence ${n}: restart with the journal, then a compaction`);
      const second = await startCli(entry, file, { KONG_MOCK_COMPACT_BYTES: '1' });
      const compactionMs = await compaction(second.url, dir);
      await second.stop();
      const journalBytesAfterCompaction = journalBytes(dir);
      const third = await startCli(entry, file);
      await third.stop();
      points.push({
        entities: n,
        snapshotMb,
        restartMs: { snapshot: round(first.wallMs), withJournal: round(second.wallMs), afterCompaction: round(third.wallMs) },
        journalMbBeforeCompaction,
        journalRecordsReplayed: second.replayed,
        compactionMs: round(compactionMs),
        journalBytesAfterCompaction,
        snapshotMbAfterCompaction: mb(statSync(file).size),
        post,
        patch,
        postOneConnection,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { postWithoutState, points };
}

const cell = (r: LoadResult): string => {
  const bad = r.non2xx + r.errors + r.timeouts;
  return `${Math.round(r.rps)}/s, p99 ${r.latencyMs.p99} ms${bad ? ` !${bad} failed` : ''}`;
};

export function persistenceTable({ postWithoutState, points }: PersistenceFigures): string {
  const rows = points.map((p) => [
    String(p.entities),
    cell(p.post),
    cell(p.patch),
    cell(p.postOneConnection),
    `${p.restartMs.snapshot} / ${p.restartMs.withJournal} (${p.journalRecordsReplayed} records) / ${p.restartMs.afterCompaction}`,
    `${p.snapshotMb} MB → ${p.snapshotMbAfterCompaction} MB`,
    `${p.journalMbBeforeCompaction} MB → ${p.journalBytesAfterCompaction} B in ${p.compactionMs} ms`,
  ]);
  const header = ['services', 'POST, 50 conns', 'PATCH, 50 conns', 'POST, 1 conn', 'restart ms: snapshot / + journal / compacted', 'snapshot', 'journal → after compaction'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  const table = [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
  return `${table}\n\nThe same POST load without --state, just before: ${cell(postWithoutState)}`;
}
