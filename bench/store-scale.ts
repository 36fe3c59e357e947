/**
 * The mock's store against @mswjs/data 0.16 as a store: preload, lookup by id, lookup by a
 * unique name, one page of 100 after a cursor, heap per 1k rows, at 1k, 10k and 100k services.
 * Run alone: `node --expose-gc --import tsx bench/store-scale.ts [--quick]`.
 */
import { factory, primaryKey } from '@mswjs/data';
import { createMock } from '../src/admin/mock.ts';
import type { Row } from '../src/store/types.ts';
import { memory } from './servers/child.ts';
import { round } from './load.ts';

export interface StoreFigures {
  store: 'kong-admin-mock' | '@mswjs/data';
  size: number;
  preloadMs: number;
  getByIdUs: number;
  getByNameUs: number;
  pageOf100Us: number;
  heapMbPer1k: number;
}

/** Mean microseconds per call, over at least `minOps` calls or `budgetMs`, whichever ends later (capped at 20k calls). */
function timeOps(fn: (i: number) => unknown, minOps: number, budgetMs: number): number {
  for (let i = 0; i < Math.min(minOps, 1000); i++) fn(i);
  let ops = 0;
  const t0 = performance.now();
  while (ops < 20_000 && (ops < minOps || performance.now() - t0 < budgetMs)) {
    if (fn(ops) === undefined) throw new Error('lookup missed');
    ops++;
    if (ops >= minOps && performance.now() - t0 > budgetMs * 4) break;
  }
  return round(((performance.now() - t0) * 1000) / ops);
}

function service(i: number, id: string): Row {
  return {
    id, created_at: 1, updated_at: 1, name: `svc-${i}`, retries: 5, protocol: 'http', host: `upstream-${i % 50}.test`,
    port: 8080, path: '/api', connect_timeout: 60000, write_timeout: 60000, read_timeout: 60000, tags: null,
    client_certificate: null, tls_verify: null, tls_verify_depth: null, ca_certificates: null, enabled: true,
  };
}

const uuid = (i: number): string => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

async function ours(size: number): Promise<StoreFigures> {
  const mock = await createMock();
  const table = mock.store.table('services');
  const before = memory();
  const t0 = performance.now();
  for (let i = 0; i < size; i++) table.insert(service(i, uuid(i)));
  const preloadMs = performance.now() - t0;
  const after = memory();
  const pick = (i: number): number => (i * 7919) % size;
  return {
    store: 'kong-admin-mock', size, preloadMs: round(preloadMs),
    getByIdUs: timeOps((i) => table.get(uuid(pick(i))), 10_000, 100),
    getByNameUs: timeOps((i) => table.findUnique(['name'], [`svc-${pick(i)}`]), 10_000, 100),
    pageOf100Us: timeOps((i) => table.page({ after: uuid(pick(i) % Math.max(1, size - 100)), size: 100 }).rows[99], 1000, 100),
    heapMbPer1k: round(((after.heapUsed - before.heapUsed) / 1e6 / size) * 1000, 3),
  };
}

const MSW_OPS = process.argv.includes('--quick') ? 2 : 5;

function mswData(size: number): StoreFigures {
  const db = factory({
    service: {
      id: primaryKey(String), created_at: Number, updated_at: Number, name: String, retries: Number, protocol: String,
      host: String, port: Number, path: String, connect_timeout: Number, write_timeout: Number, read_timeout: Number,
      enabled: Boolean,
    },
  });
  const before = memory();
  const t0 = performance.now();
  for (let i = 0; i < size; i++) {
    const { tags: _t, client_certificate: _c, tls_verify: _v, tls_verify_depth: _d, ca_certificates: _a, ...row } = service(i, uuid(i));
    db.service.create(row as Parameters<typeof db.service.create>[0]);
  }
  const preloadMs = performance.now() - t0;
  const after = memory();
  const pick = (i: number): number => (i * 7919) % size;
  return {
    store: '@mswjs/data', size, preloadMs: round(preloadMs),
    getByIdUs: timeOps((i) => db.service.findFirst({ where: { id: { equals: uuid(pick(i)) } } }) ?? undefined, MSW_OPS, 300),
    getByNameUs: timeOps((i) => db.service.findFirst({ where: { name: { equals: `svc-${pick(i)}` } } }) ?? undefined, MSW_OPS, 300),
    pageOf100Us: timeOps((i) => db.service.findMany({ take: 100, cursor: uuid(pick(i) % Math.max(1, size - 100)) })[99], MSW_OPS, 300),
    heapMbPer1k: round(((after.heapUsed - before.heapUsed) / 1e6 / size) * 1000, 3),
  };
}

export async function storeScale(sizes: number[]): Promise<StoreFigures[]> {
  const out: StoreFigures[] = [];
  for (const size of sizes) {
    out.push(await ours(size));
    out.push(mswData(size));
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await storeScale([1000, 10_000, 100_000]);
  if (process.send) process.send({ type: 'store-scale', figures });
  else console.table(figures);
}
