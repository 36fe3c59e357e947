/**
 * What every benchmark server child reports to the runner over IPC once it listens.
 */
export interface Ready {
  type: 'ready';
  port: number;
  /** Milliseconds spent filling the store before listening. */
  preloadMs: number;
  /** The services part of the preload (mock servers only). */
  servicesMs?: number;
  /** Memory after a forced GC, before and after the preload (bytes). */
  memBefore: Mem;
  memAfter: Mem;
  /** Memory once the services are in, before routes and consumers (mock servers only). */
  memServices?: Mem;
  /** Sample of ids and names present in the store, for the load generator. */
  ids: string[];
  names: string[];
}

export interface Mem {
  rss: number;
  heapUsed: number;
}

export function memory(): Mem {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed };
}

export function sizes(): { services: number; routes: number; consumers: number } {
  const n = (key: string, dflt: number): number => Number(process.env[key] ?? dflt);
  return { services: n('BENCH_SERVICES', 1000), routes: n('BENCH_ROUTES', 0), consumers: n('BENCH_CONSUMERS', 1000) };
}

export function report(ready: Omit<Ready, 'type'>): void {
  if (!process.send) throw new Error('benchmark servers run as forked children');
  process.send({ type: 'ready', ...ready } satisfies Ready);
}

/** Tags of the i-th preloaded consumer: one in six carries both `a` and `b`. */
export function consumerTags(i: number): string[] {
  const tags = [`t${i % 10}`];
  if (i % 2 === 0) tags.push('a');
  if (i % 3 === 0) tags.push('b');
  return tags;
}

export function sample<T>(all: T[], max = 2000): T[] {
  if (all.length <= max) return all;
  const step = all.length / max;
  return Array.from({ length: max }, (_, i) => all[Math.floor(i * step)]);
}
