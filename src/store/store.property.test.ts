import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStore } from './index.ts';
import { StoreConflict, type Row, type TableDef } from './types.ts';

const defs: TableDef[] = [
  { name: 'parents', uniques: [['name']], foreignKeys: [], tagsField: 'tags' },
  {
    name: 'kids',
    uniques: [['name'], ['parent', 'slot']],
    foreignKeys: [{ field: 'parent', table: 'parents', onDelete: 'cascade' }],
    tagsField: 'tags',
  },
  { name: 'grandkids', uniques: [], foreignKeys: [{ field: 'kid', table: 'kids', onDelete: 'cascade' }] },
];

const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const TAGS = ['a', 'b', 'c'];

const op = fc.oneof(
  fc.record({ t: fc.constant('ins' as const), table: fc.constantFrom('parents', 'kids', 'grandkids'), n: fc.nat(30), name: fc.option(fc.nat(6)), ref: fc.nat(30), slot: fc.nat(2), tags: fc.subarray(TAGS) }),
  fc.record({ t: fc.constant('rep' as const), table: fc.constantFrom('parents', 'kids'), n: fc.nat(30), name: fc.option(fc.nat(6)), ref: fc.nat(30), slot: fc.nat(2), tags: fc.subarray(TAGS) }),
  fc.record({ t: fc.constant('del' as const), table: fc.constantFrom('parents', 'kids', 'grandkids'), n: fc.nat(30) }),
);

function pagesOf(list: (q: { after?: string; size: number }) => { rows: Row[]; more: boolean }, size: number): string[] {
  const out: string[] = [];
  let after: string | undefined;
  for (;;) {
    const p = list({ after, size });
    out.push(...p.rows.map((r) => r.id));
    if (!p.more) return out;
    after = p.rows[p.rows.length - 1].id;
  }
}

describe('store against a naive model', () => {
  it('pages, uniques, foreign keys and cascades hold after random operations', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 1, max: 5 }), (ops, size) => {
        const st = createStore(defs);
        for (const o of ops) {
          const table = st.table(o.table);
          try {
            if (o.t === 'del') {
              table.delete(id(o.n));
              continue;
            }
            const row: Row =
              o.table === 'parents'
                ? { id: id(o.n), name: o.name === null ? null : `n${o.name}`, tags: o.tags }
                : o.table === 'kids'
                  ? { id: id(o.n), name: o.name === null ? null : `n${o.name}`, parent: { id: id(o.ref) }, slot: o.slot, tags: o.tags }
                  : { id: id(o.n), kid: { id: id(o.ref) } };
            if (o.t === 'ins') table.insert(row);
            else if (table.get(row.id)) table.replace(row);
          } catch (e) {
            if (!(e instanceof StoreConflict)) throw e;
          }
        }
        for (const t of st.tables()) {
          const rows = [...t.all()];
          const ids = rows.map((r) => r.id);
          expect(ids).toEqual([...ids].sort());
          expect(t.size).toBe(rows.length);
          expect(pagesOf((q) => t.page(q), size)).toEqual(ids);
          for (const r of rows) expect(t.get(r.id)).toBe(r);
          // uniques hold and are found through their index
          for (const fields of t.def.uniques) {
            const seen = new Set<string>();
            for (const r of rows) {
              const vals = fields.map((f) => r[f] ?? null);
              if (fields.length === 1 && vals[0] === null) continue;
              const key = JSON.stringify(vals);
              expect(seen.has(key)).toBe(false);
              seen.add(key);
              expect(t.findUnique(fields, vals)?.id).toBe(r.id);
            }
          }
          // tag pages equal naive filters
          if (t.def.tagsField) {
            for (const tags of [['a'], ['a', 'b'], ['b', 'c']]) {
              const has = (r: Row) => (r.tags as string[]);
              const and = ids.filter((i) => tags.every((g) => has(t.get(i)!).includes(g)));
              const or = ids.filter((i) => tags.some((g) => has(t.get(i)!).includes(g)));
              expect(pagesOf((q) => t.page({ ...q, tags: { mode: 'and', tags } }), size)).toEqual(and);
              expect(pagesOf((q) => t.page({ ...q, tags: { mode: 'or', tags } }), size)).toEqual(or);
            }
          }
          // no orphans; child index matches a naive filter
          for (const fk of t.def.foreignKeys) {
            const parent = st.table(fk.table);
            for (const r of rows) {
              const ref = r[fk.field] as { id: string } | null;
              if (ref) expect(parent.get(ref.id)).toBeDefined();
            }
            for (const p of parent.all()) {
              const naive = ids.filter((i) => (t.get(i)![fk.field] as { id: string } | null)?.id === p.id);
              expect(t.children(fk.field, p.id).map((r) => r.id)).toEqual(naive);
              expect(pagesOf((q) => t.page({ ...q, parent: { field: fk.field, id: p.id } }), size)).toEqual(naive);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
