import { describe, expect, it } from 'vitest';
import { createStore } from './index.ts';
import { ChangeSet } from './changes.ts';
import type { Row, Store, TableDef } from './types.ts';

const defs: TableDef[] = [
  { name: 'services', uniques: [['name']], foreignKeys: [], tagsField: 'tags' },
  { name: 'routes', uniques: [['name']], foreignKeys: [{ field: 'service', table: 'services', onDelete: 'restrict' }], tagsField: 'tags' },
  { name: 'upstreams', uniques: [['name']], foreignKeys: [] },
  { name: 'targets', uniques: [['upstream', 'target']], foreignKeys: [{ field: 'upstream', table: 'upstreams', onDelete: 'cascade' }] },
  { name: 'certificates', uniques: [], foreignKeys: [] },
  { name: 'snis', uniques: [['name']], foreignKeys: [{ field: 'certificate', table: 'certificates', onDelete: 'set-null' }] },
];

const id = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** Every row of every table, plus what the indexes answer, so two stores can be compared. */
function view(store: Store): unknown {
  return {
    rows: Object.fromEntries(store.tables().map((t) => [t.def.name, [...t.all()]])),
    byName: ['a', 'b', 'c'].map((name) => store.table('services').findUnique(['name'], [name])?.id ?? null),
    routesOf1: store.table('routes').children('service', id(1)).map((r) => r.id),
    targetsOf10: store.table('targets').children('upstream', id(10)).map((r) => r.id),
    taggedX: store.table('services').page({ size: 10, tags: { mode: 'or', tags: ['x'] } }).rows.map((r) => r.id),
    sniNames: store.table('snis').findUnique(['name'], ['s.test'])?.certificate ?? 'absent',
  };
}

function seed(store: Store): void {
  store.table('services').insert({ id: id(1), name: 'a', tags: ['x'] });
  store.table('routes').insert({ id: id(2), name: 'r', service: { id: id(1) }, tags: null });
  store.table('upstreams').insert({ id: id(10), name: 'u' });
  store.table('targets').insert({ id: id(11), upstream: { id: id(10) }, target: 't:80' });
  store.table('certificates').insert({ id: id(20) });
  store.table('snis').insert({ id: id(21), name: 's.test', certificate: { id: id(20) } });
}

/** A mix of every kind of change: insert, rename, cascade, set-null, insert-then-delete. */
function work(store: Store): void {
  store.table('services').insert({ id: id(3), name: 'b', tags: ['x', 'y'] });
  store.table('services').replace({ id: id(1), name: 'c', tags: null });
  store.table('upstreams').delete(id(10));
  store.table('certificates').delete(id(20));
  store.table('services').insert({ id: id(4), name: 'a', tags: ['x'] });
  store.table('services').delete(id(4));
}

function recorded(store: Store, fn: () => void): ChangeSet {
  const set = new ChangeSet();
  const stop = store.watch((c) => set.add(c));
  fn();
  stop();
  return set;
}

describe('store changes', () => {
  it('reports one net change per row, cascades and set-null updates included', () => {
    const store = createStore(defs);
    seed(store);
    const set = recorded(store, () => work(store));
    const net = set.net().map((c) => [c.table, c.id, c.before ? 'row' : '-', c.after ? 'row' : '-']);
    expect(net.sort()).toEqual(
      [
        ['services', id(3), '-', 'row'],
        ['services', id(1), 'row', 'row'],
        ['targets', id(11), 'row', '-'],
        ['upstreams', id(10), 'row', '-'],
        ['snis', id(21), 'row', 'row'],
        ['certificates', id(20), 'row', '-'],
      ].sort(),
    );
    expect(set.net().find((c) => c.table === 'snis')!.after!.certificate).toBeNull();
  });

  it('undoes a change set exactly, indexes included', () => {
    const store = createStore(defs);
    seed(store);
    const before = view(store);
    const set = recorded(store, () => work(store));
    expect(view(store)).not.toEqual(before);
    store.restore(set.undo());
    expect(view(store)).toEqual(before);
    // the unique index holds the old name again: a duplicate is refused, the freed name is free
    expect(() => store.table('services').insert({ id: id(5), name: 'a' })).toThrow();
    expect(store.table('services').insert({ id: id(5), name: 'c' }).name).toBe('c');
  });

  it('replays net changes onto a copy of the old store, in any order', () => {
    const original = createStore(defs);
    const copy = createStore(defs);
    seed(original);
    seed(copy);
    const set = recorded(original, () => work(original));
    copy.restore(set.net().reverse());
    expect(view(copy)).toEqual(view(original));
  });

  it('reports clear, and restore reports nothing', () => {
    const store = createStore(defs);
    seed(store);
    const cleared = recorded(store, () => store.clear());
    expect(cleared.net().length).toBe(6);
    const during = recorded(store, () => store.restore(cleared.undo()));
    expect(during.size).toBe(0);
    expect(store.table('routes').get(id(2))?.name).toBe('r');
  });

  it('refuses a change for an unknown table', () => {
    const store = createStore(defs);
    const row: Row = { id: id(1) };
    expect(() => store.restore([{ table: 'nope', id: id(1), before: undefined, after: row }])).toThrow('unknown table nope');
  });
});
