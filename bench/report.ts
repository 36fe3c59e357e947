/**
 * report.json's figures (ratios, scale, targets) and the readable tables printed to stdout.
 */
import { cpus, loadavg, totalmem, release } from 'node:os';
import type { LoadResult } from './load.ts';
import { round } from './load.ts';
import { LABELS, WORKLOADS, type Workload } from './workloads.ts';
import type { StoreFigures } from './store-scale.ts';

export type Cell = LoadResult | { na: string };
export type PeerTable = Record<string, Partial<Record<Workload, Cell>>>;

export interface ScalePoint {
  services: number;
  routes: number;
  preloadMs: number;
  servicesPreloadMs: number;
  rssMbServices: number;
  heapMbServices: number;
  rssMbPer1k: number;
  heapMbPer1k: number;
  rssMbTotal: number;
  page_walk: LoadResult;
  get_by_id: LoadResult;
}

export function machine() {
  const c = cpus();
  return { cpus: c.length, cpu_model: c[0]?.model ?? 'unknown', memory_gb: round(totalmem() / 2 ** 30, 1), node: process.version, load_average_1m_at_end: round(loadavg()[0]), platform: `${process.platform} ${release()}`, arch: process.arch };
}

const rps = (cell: Cell | undefined): number | undefined => (cell && 'rps' in cell ? cell.rps : undefined);

export function ratio(peers: PeerTable, workload: Workload, a: string, b: string) {
  const x = rps(peers[a]?.[workload]);
  const y = rps(peers[b]?.[workload]);
  return {
    value: x !== undefined && y !== undefined && y > 0 ? round(x / y) : null,
    [`${a}_rps`]: x ?? null,
    [`${b}_rps`]: y ?? null,
    ...(x === undefined || y === undefined ? { missing: `${x === undefined ? a : b} has no figure for ${workload}` } : {}),
  };
}

function cellText(cell: Cell | undefined): string {
  if (!cell) return '—';
  if ('na' in cell) return `n/a (${cell.na})`;
  const bad = cell.non2xx + cell.errors + cell.timeouts;
  const odd = Object.keys(cell.statuses).filter((c) => !c.startsWith('2'));
  const flag = bad > 0 ? ` !${bad} non-2xx/err${odd.length ? ` (${odd.join(',')})` : ''}` : '';
  return `${Math.round(cell.rps)} rps, p50 ${cell.latencyMs.p50} / p99 ${cell.latencyMs.p99} ms${flag}`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

export function peerTable(peers: PeerTable): string {
  const names = Object.keys(peers);
  return table(['workload', ...names], WORKLOADS.map((w) => [LABELS[w], ...names.map((p) => cellText(peers[p][w]))]));
}

export function scaleTable(points: ScalePoint[]): string {
  return table(
    ['services', 'routes', 'preload ms', 'RSS MB (services)', 'RSS MB/1k', 'heap MB/1k', 'page walk', 'GET by id'],
    points.map((p) => [String(p.services), String(p.routes), String(Math.round(p.preloadMs)), String(p.rssMbServices), String(p.rssMbPer1k), String(p.heapMbPer1k), cellText(p.page_walk), cellText(p.get_by_id)]),
  );
}

export function storeTable(figures: StoreFigures[]): string {
  return table(
    ['store', 'rows', 'preload ms', 'get by id µs', 'get by name µs', 'page of 100 µs', 'heap MB/1k'],
    figures.map((f) => [f.store, String(f.size), String(f.preloadMs), String(f.getByIdUs), String(f.getByNameUs), String(f.pageOf100Us), String(f.heapMbPer1k)]),
  );
}

export interface Target {
  name: string;
  target: string;
  value: number | null;
  met: boolean | null;
}

export function targetTable(targets: Target[]): string {
  return table(['target', 'wanted', 'measured', 'met'], targets.map((t) => [t.name, t.target, String(t.value ?? 'n/a'), t.met === null ? 'n/a' : t.met ? 'yes' : 'NO']));
}

export function target(name: string, value: number | null, want: string, ok: (v: number) => boolean): Target {
  return { name, target: want, value, met: value === null ? null : ok(value) };
}
