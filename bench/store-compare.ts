/**
 * Compares the store with @mswjs/data 0.16 on the same rows: preload time, lookups by id and by
 * unique name, a page of 100 after an offset, memory growth; and shows the two rules
 * @mswjs/data does not enforce (duplicate unique values, restrict on delete).
 * Run: npx tsx bench/store-compare.ts [--sizes 1000,10000,100000] [--msw-max 100000]
 */
import { writeFileSync } from 'node:fs';
import { factory, oneOf, primaryKey } from '@mswjs/data';
import { createStore } from '../src/store/index.ts';
import { StoreConflict, type TableDef } from '../src/store/types.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('--sizes', '1000,10000,100000').split(',').map(Number);
const mswMax = Number(arg('--msw-max', '100000'));
const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const defs: TableDef[] = [
  { name: 'services', uniques: [['name']], foreignKeys: [], tagsField: 'tags' },
  { name: 'routes', uniques: [['name']], foreignKeys: [{ field: 'service', table: 'services', onDelete: 'restrict' }] },
];
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const mem = () => (gc(), { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed });
const usPerOp = (ops: number, fn: (i: number) => unknown) => {
  const t = performance.now();
  for (let i = 0; i < ops; i++) fn(i);
  return ((performance.now() - t) * 1000) / ops;
};

interface Result { impl: string; n: number; preloadMs: number; byIdUs: number; byNameUs: number; pageUs: number; rssPer1kKB: number; heapPer1kKB: number }
const results: Result[] = [];

function benchOurs(n: number): Result {
  const before = mem();
  const st = createStore(defs);
  const s = st.table('services');
  let t = performance.now();
  for (let i = 0; i < n; i++) s.insert({ id: id(i), name: `svc-${i}`, host: 'example.com', port: 80, tags: null });
  const preloadMs = performance.now() - t;
  const after = mem();
  const ops = 10000;
  const byIdUs = usPerOp(ops, (i) => s.get(id((i * 7919) % n)));
  const byNameUs = usPerOp(ops, (i) => s.findUnique(['name'], [`svc-${(i * 7919) % n}`]));
  const pageUs = usPerOp(200, () => s.page({ after: id(Math.floor(n / 2)), size: 100 }));
  void t;
  return { impl: 'store', n, preloadMs, byIdUs, byNameUs, pageUs, rssPer1kKB: (after.rss - before.rss) / n, heapPer1kKB: (after.heap - before.heap) / n };
}

function benchMsw(n: number): Result {
  const before = mem();
  const db = factory({ service: { id: primaryKey(String), name: String, host: String, port: Number } });
  const t = performance.now();
  for (let i = 0; i < n; i++) db.service.create({ id: id(i), name: `svc-${i}`, host: 'example.com', port: 80 });
  const preloadMs = performance.now() - t;
  const after = mem();
  const ops = Math.max(20, Math.min(2000, Math.floor(2e7 / n / 10)));
  const byIdUs = usPerOp(ops, (i) => db.service.findFirst({ where: { id: { equals: id((i * 7919) % n) } } }));
  const byNameUs = usPerOp(ops, (i) => db.service.findFirst({ where: { name: { equals: `svc-${(i * 7919) % n}` } } }));
  const pageUs = usPerOp(Math.max(5, ops / 10), () =>
    db.service.findMany({ where: { id: { gt: id(Math.floor(n / 2)) } }, orderBy: { id: 'asc' }, take: 100 }),
  );
  return { impl: '@mswjs/data', n, preloadMs, byIdUs, byNameUs, pageUs, rssPer1kKB: (after.rss - before.rss) / n, heapPer1kKB: (after.heap - before.heap) / n };
}

function rulesDemo(): Record<string, string> {
  const out: Record<string, string> = {};
  const db = factory({
    service: { id: primaryKey(String), name: String },
    route: { id: primaryKey(String), name: String, service: oneOf('service') },
  });
  const s1 = db.service.create({ id: id(1), name: 'dup' });
  try {
    db.service.create({ id: id(2), name: 'dup' });
    out.mswDuplicateName = `accepted: ${db.service.findMany({ where: { name: { equals: 'dup' } } }).length} services named "dup"`;
  } catch (e) {
    out.mswDuplicateName = `rejected: ${String(e)}`;
  }
  db.route.create({ id: id(3), name: 'r', service: s1 });
  db.service.delete({ where: { id: { equals: id(1) } } });
  const r = db.route.findFirst({ where: { id: { equals: id(3) } } });
  out.mswRestrict = `service deleted while a route points at it; route still present: ${r !== null}, its service: ${JSON.stringify(r?.service ?? null)}`;
  const st = createStore(defs);
  st.table('services').insert({ id: id(1), name: 'dup' });
  try { st.table('services').insert({ id: id(2), name: 'dup' }); } catch (e) { out.storeDuplicateName = e instanceof StoreConflict ? `rejected: ${JSON.stringify(e.error)}` : String(e); }
  st.table('routes').insert({ id: id(3), name: 'r', service: { id: id(1) } });
  try { st.table('services').delete(id(1)); } catch (e) { out.storeRestrict = e instanceof StoreConflict ? `rejected: ${JSON.stringify(e.error)}` : String(e); }
  return out;
}

for (const n of sizes) {
  results.push(benchOurs(n));
  if (n <= mswMax) results.push(benchMsw(n));
  else console.log(`@mswjs/data skipped at n=${n} (--msw-max ${mswMax})`);
}
const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));
console.log('impl         n        preload ms  by id µs  by name µs  page100 µs  RSS KB/1k  heap KB/1k');
for (const r of results) {
  console.log(
    [r.impl.padEnd(12), String(r.n).padEnd(8), f(r.preloadMs).padStart(10), f(r.byIdUs).padStart(9), f(r.byNameUs).padStart(11), f(r.pageUs).padStart(11), f(r.rssPer1kKB).padStart(10), f(r.heapPer1kKB).padStart(11)].join(' '),
  );
}
const rules = rulesDemo();
for (const [k, v] of Object.entries(rules)) console.log(`${k}: ${v}`);
writeFileSync(new URL('./store-compare.json', import.meta.url), JSON.stringify({ node: process.version, results, rules }, null, 2) + '\n');
