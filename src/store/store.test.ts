import { describe, expect, it } from 'vitest';
import { createStore } from './index.ts';
import { StoreConflict, type StoreError, type TableDef } from './types.ts';

const defs: TableDef[] = [
  { name: 'services', uniques: [['name']], foreignKeys: [], tagsField: 'tags' },
  {
    name: 'routes',
    uniques: [['name']],
    foreignKeys: [{ field: 'service', table: 'services', onDelete: 'restrict' }],
    tagsField: 'tags',
  },
  { name: 'upstreams', uniques: [['name']], foreignKeys: [] },
  {
    name: 'targets',
    uniques: [['upstream', 'target']],
    foreignKeys: [{ field: 'upstream', table: 'upstreams', onDelete: 'cascade' }],
  },
  { name: 'consumers', uniques: [['username'], ['custom_id']], foreignKeys: [] },
  {
    name: 'plugins',
    uniques: [['name', 'route', 'service', 'consumer']],
    foreignKeys: [
      { field: 'route', table: 'routes', onDelete: 'cascade' },
      { field: 'service', table: 'services', onDelete: 'cascade' },
      { field: 'consumer', table: 'consumers', onDelete: 'cascade' },
    ],
  },
  { name: 'certificates', uniques: [], foreignKeys: [] },
  {
    name: 'snis',
    uniques: [['name']],
    foreignKeys: [{ field: 'certificate', table: 'certificates', onDelete: 'set-null' }],
  },
];

const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function conflict(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StoreConflict) return e.error;
    throw e;
  }
  throw new Error('no conflict');
}

describe('primary key and uniques', () => {
  it('rejects a duplicate id', () => {
    const s = createStore(defs).table('services');
    s.insert({ id: id(1), name: 'a' });
    expect(conflict(() => s.insert({ id: id(1), name: 'b' }))).toEqual({ kind: 'primary-key', table: 'services', id: id(1) });
    expect(s.size).toBe(1);
  });

  it('rejects a duplicate single-field unique and finds by it', () => {
    const s = createStore(defs).table('services');
    s.insert({ id: id(1), name: 'a' });
    expect(conflict(() => s.insert({ id: id(2), name: 'a' }))).toEqual({
      kind: 'unique', table: 'services', fields: ['name'], values: { name: 'a' },
    });
    expect(s.findUnique(['name'], ['a'])?.id).toBe(id(1));
    expect(s.findUnique(['name'], ['zz'])).toBeUndefined();
  });

  it('ignores null values of single-field uniques', () => {
    const s = createStore(defs).table('services');
    s.insert({ id: id(1), name: null });
    s.insert({ id: id(2), name: null });
    expect(s.size).toBe(2);
    expect(s.findUnique(['name'], [null])).toBeUndefined();
  });

  it('reports the first violated constraint in definition order', () => {
    const c = createStore(defs).table('consumers');
    c.insert({ id: id(1), username: 'u', custom_id: 'c' });
    expect(conflict(() => c.insert({ id: id(2), username: 'u', custom_id: 'c' }))).toMatchObject({ fields: ['username'] });
    expect(conflict(() => c.insert({ id: id(2), username: 'v', custom_id: 'c' }))).toEqual({
      kind: 'unique', table: 'consumers', fields: ['custom_id'], values: { custom_id: 'c' },
    });
  });

  it('composite uniques take foreign keys by id and treat null as a value', () => {
    const st = createStore(defs);
    st.table('services').insert({ id: id(1), name: 's' });
    const p = st.table('plugins');
    p.insert({ id: id(10), name: 'cors', route: null, service: null, consumer: null });
    expect(conflict(() => p.insert({ id: id(11), name: 'cors', route: null, service: null, consumer: null }))).toEqual({
      kind: 'unique', table: 'plugins', fields: ['name', 'route', 'service', 'consumer'],
      values: { name: 'cors', route: null, service: null, consumer: null },
    });
    p.insert({ id: id(12), name: 'cors', route: null, service: { id: id(1) }, consumer: null });
    expect(conflict(() => p.insert({ id: id(13), name: 'cors', route: null, service: { id: id(1) }, consumer: null }))).toEqual({
      kind: 'unique', table: 'plugins', fields: ['name', 'route', 'service', 'consumer'],
      values: { name: 'cors', route: null, service: { id: id(1) }, consumer: null },
    });
    expect(p.findUnique(['name', 'route', 'service', 'consumer'], ['cors', null, { id: id(1) }, null])?.id).toBe(id(12));
  });

  it('replace keeps its own unique value, frees the old one and rejects a taken one', () => {
    const s = createStore(defs).table('services');
    s.insert({ id: id(1), name: 'a' });
    s.insert({ id: id(2), name: 'b' });
    s.replace({ id: id(1), name: 'a', port: 1 });
    expect(conflict(() => s.replace({ id: id(1), name: 'b' }))).toMatchObject({ kind: 'unique', values: { name: 'b' } });
    expect(s.get(id(1))?.name).toBe('a');
    s.replace({ id: id(1), name: 'c' });
    expect(s.findUnique(['name'], ['a'])).toBeUndefined();
    s.insert({ id: id(3), name: 'a' });
    expect(s.findUnique(['name'], ['c'])?.id).toBe(id(1));
  });
});

describe('foreign keys', () => {
  it('requires the parent on insert and replace', () => {
    const st = createStore(defs);
    const r = st.table('routes');
    expect(conflict(() => r.insert({ id: id(5), name: 'r', service: { id: id(1) } }))).toEqual({
      kind: 'foreign-key', table: 'routes', field: 'service', parentTable: 'services', parentId: id(1),
    });
    st.table('services').insert({ id: id(1), name: 's' });
    r.insert({ id: id(5), name: 'r', service: { id: id(1) } });
    expect(conflict(() => r.replace({ id: id(5), name: 'r', service: { id: id(2) } }))).toMatchObject({ kind: 'foreign-key', parentId: id(2) });
    r.insert({ id: id(6), name: 'r2', service: null });
  });

  it('restrict blocks the delete and deletes nothing', () => {
    const st = createStore(defs);
    st.table('services').insert({ id: id(1), name: 's' });
    st.table('routes').insert({ id: id(5), name: 'r', service: { id: id(1) } });
    st.table('plugins').insert({ id: id(9), name: 'p', route: null, service: { id: id(1) }, consumer: null });
    expect(conflict(() => st.table('services').delete(id(1)))).toEqual({ kind: 'restrict', table: 'services', referencedBy: 'routes' });
    expect(st.table('services').size).toBe(1);
    expect(st.table('plugins').size).toBe(1);
    st.table('routes').delete(id(5));
    expect(st.table('services').delete(id(1))?.id).toBe(id(1));
    expect(st.table('plugins').size).toBe(0);
    expect(st.table('services').delete(id(1))).toBeUndefined();
  });

  it('cascades recursively', () => {
    const st = createStore(defs);
    st.table('services').insert({ id: id(1), name: 's' });
    st.table('routes').insert({ id: id(5), name: 'r', service: null });
    st.table('plugins').insert({ id: id(9), name: 'p', route: { id: id(5) }, service: null, consumer: null });
    st.table('routes').delete(id(5));
    expect(st.table('plugins').get(id(9))).toBeUndefined();
    st.table('upstreams').insert({ id: id(20), name: 'u' });
    st.table('targets').insert({ id: id(21), upstream: { id: id(20) }, target: 'a:1' });
    st.table('targets').insert({ id: id(22), upstream: { id: id(20) }, target: 'b:1' });
    st.table('upstreams').delete(id(20));
    expect(st.table('targets').size).toBe(0);
    expect(st.table('targets').children('upstream', id(20))).toEqual([]);
  });

  it('plans the whole cascade tree before changing anything', () => {
    // groups ─cascade→ members ─restrict→ badges, and badges ─cascade→ groups directly
    const st = createStore([
      { name: 'groups', uniques: [], foreignKeys: [] },
      { name: 'members', uniques: [], foreignKeys: [{ field: 'group', table: 'groups', onDelete: 'cascade' }] },
      { name: 'badges', uniques: [], foreignKeys: [
        { field: 'member', table: 'members', onDelete: 'restrict' },
        { field: 'group', table: 'groups', onDelete: 'cascade' },
      ] },
      { name: 'notes', uniques: [], foreignKeys: [{ field: 'member', table: 'members', onDelete: 'set-null' }] },
      { name: 'owners', uniques: [], foreignKeys: [{ field: 'badge', table: 'badges', onDelete: 'restrict' }] },
    ]);
    st.table('groups').insert({ id: id(1) });
    st.table('members').insert({ id: id(2), group: { id: id(1) } });
    st.table('members').insert({ id: id(3), group: { id: id(1) } });
    st.table('badges').insert({ id: id(4), member: { id: id(2) }, group: { id: id(1) } });
    st.table('notes').insert({ id: id(5), member: { id: id(3) } });
    // a restrict reference from outside the tree, two levels down: nothing at all is removed or nulled
    st.table('owners').insert({ id: id(6), badge: { id: id(4) } });
    expect(conflict(() => st.table('groups').delete(id(1)))).toEqual({ kind: 'restrict', table: 'badges', referencedBy: 'owners' });
    expect([st.table('groups').size, st.table('members').size, st.table('badges').size]).toEqual([1, 2, 1]);
    expect(st.table('notes').get(id(5))).toEqual({ id: id(5), member: { id: id(3) } });
    // a restricted child removed by the same delete through another cascade path does not block it
    st.table('owners').delete(id(6));
    expect(st.table('groups').delete(id(1))?.id).toBe(id(1));
    expect([st.table('groups').size, st.table('members').size, st.table('badges').size]).toEqual([0, 0, 0]);
    expect(st.table('notes').get(id(5))).toEqual({ id: id(5), member: null });
    expect(st.table('badges').children('member', id(2))).toEqual([]);
  });

  it('set-null clears references and the child index', () => {
    const st = createStore(defs);
    st.table('certificates').insert({ id: id(1) });
    st.table('snis').insert({ id: id(2), name: 'a.test', certificate: { id: id(1) } });
    st.table('certificates').delete(id(1));
    expect(st.table('snis').get(id(2))).toEqual({ id: id(2), name: 'a.test', certificate: null });
    expect(st.table('snis').children('certificate', id(1))).toEqual([]);
  });

  it('replace moves a child between parents', () => {
    const st = createStore(defs);
    st.table('services').insert({ id: id(1), name: 'a' });
    st.table('services').insert({ id: id(2), name: 'b' });
    const r = st.table('routes');
    r.insert({ id: id(5), name: 'r', service: { id: id(1) } });
    r.replace({ id: id(5), name: 'r', service: { id: id(2) } });
    expect(r.children('service', id(1))).toEqual([]);
    expect(r.children('service', id(2)).map((x) => x.id)).toEqual([id(5)]);
    st.table('services').delete(id(1));
    expect(r.page({ size: 10, parent: { field: 'service', id: id(2) } }).rows.map((x) => x.id)).toEqual([id(5)]);
  });
});

describe('pages', () => {
  const fill = () => {
    const st = createStore(defs);
    const s = st.table('services');
    for (let n = 1; n <= 10; n++) s.insert({ id: id(n), name: `s${n}`, tags: n % 2 ? ['odd', `t${n % 3}`] : ['even', `t${n % 3}`] });
    return s;
  };

  it('walks ids in order with after and more', () => {
    const s = fill();
    const p1 = s.page({ size: 4 });
    expect(p1.rows.map((r) => r.id)).toEqual([1, 2, 3, 4].map(id));
    expect(p1.more).toBe(true);
    const p3 = s.page({ size: 4, after: id(8) });
    expect(p3.rows.map((r) => r.id)).toEqual([id(9), id(10)]);
    expect(p3.more).toBe(false);
    expect(s.page({ size: 2, after: id(8) }).more).toBe(false);
    expect(s.page({ size: 5, after: '00000000-0000-4000-8000-000000000002a' }).rows[0].id).toBe(id(3));
  });

  it('filters by tags with AND and OR', () => {
    const s = fill();
    expect(s.page({ size: 10, tags: { mode: 'and', tags: ['odd', 't0'] } }).rows.map((r) => r.id)).toEqual([id(3), id(9)]);
    expect(s.page({ size: 10, tags: { mode: 'and', tags: ['odd', 'nope'] } }).rows).toEqual([]);
    expect(s.page({ size: 10, tags: { mode: 'or', tags: ['t0', 'nope', 't1'] } }).rows.map((r) => r.id)).toEqual(
      [1, 3, 4, 6, 7, 9, 10].map(id),
    );
    const p = s.page({ size: 2, after: id(3), tags: { mode: 'or', tags: ['t0', 't1'] } });
    expect(p.rows.map((r) => r.id)).toEqual([id(4), id(6)]);
    expect(p.more).toBe(true);
  });

  it('keeps the tag index up to date on replace and delete', () => {
    const s = fill();
    s.replace({ id: id(3), name: 's3', tags: ['even'] });
    s.delete(id(9));
    expect(s.page({ size: 10, tags: { mode: 'and', tags: ['odd', 't0'] } }).rows).toEqual([]);
    expect(s.page({ size: 10, tags: { mode: 'or', tags: ['even'] } }).rows.map((r) => r.id)).toEqual([2, 3, 4, 6, 8, 10].map(id));
  });

  it('stores are independent and clear empties every table', () => {
    const a = createStore(defs);
    const b = createStore(defs);
    a.table('services').insert({ id: id(1), name: 'x' });
    expect(b.table('services').size).toBe(0);
    a.clear();
    expect(a.table('services').size).toBe(0);
    expect([...a.table('services').all()]).toEqual([]);
    a.table('services').insert({ id: id(1), name: 'x' });
  });
});
