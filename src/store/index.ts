/**
 * The in-memory store: tables with a primary-key map, hash indexes per unique constraint, child
 * indexes per foreign key, a tag index, and an id-ordered B-tree for keyset pages.
 */
import btreeModule from 'sorted-btree';
import type { Page, PageQuery, Row, RowChange, Store, Table, TableDef, TagFilter } from './types.ts';
import { StoreConflict } from './types.ts';
import { applyDeletePlan, planDelete, type PlannedTable } from './delete-plan.ts';

// sorted-btree is CommonJS with a default export; reach its class the same way under tsx and Node.
type BTreeClass = typeof btreeModule.default;
const BTree: BTreeClass = (btreeModule as unknown as { default?: BTreeClass }).default ?? (btreeModule as unknown as BTreeClass);
/** The part of sorted-btree's API the store uses: a set of ids kept in order. */
interface IdSet {
  readonly size: number;
  keys(low?: string): IterableIterator<string>;
  set(key: string, value: true): boolean;
  has(key: string): boolean;
  delete(key: string): boolean;
  clear(): void;
}
const newIdSet = (): IdSet => new BTree() as unknown as IdSet;

const refId = (value: unknown): string | null =>
  typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : null;

function* keysAfter(set: IdSet, after: string | undefined): IterableIterator<string> {
  for (const key of set.keys(after)) if (after === undefined || key > after) yield key;
}

class MemoryTable<R extends Row = Row> implements Table<R>, PlannedTable {
  private readonly rows = new Map<string, R>();
  private readonly order: IdSet = newIdSet();
  private readonly uniques: Array<{ fields: string[]; composite: boolean; index: Map<string, string> }>;
  private readonly children_ = new Map<string, Map<string, IdSet>>();
  private readonly tagIndex = new Map<string, IdSet>();
  /** Foreign keys of other tables that point at this one. */
  readonly referencedBy: Array<{ table: MemoryTable; field: string; onDelete: 'restrict' | 'cascade' | 'set-null' }> = [];

  constructor(readonly def: TableDef, private readonly store: MemoryStore) {
    this.uniques = def.uniques.map((fields) => ({ fields, composite: fields.length > 1, index: new Map() }));
    for (const fk of def.foreignKeys) this.children_.set(fk.field, new Map());
  }

  get size(): number {
    return this.rows.size;
  }

  get(id: string): R | undefined {
    return this.rows.get(id);
  }

  private fieldKey(row: Record<string, unknown>, field: string): unknown {
    const v = row[field];
    return this.def.foreignKeys.some((fk) => fk.field === field) ? refId(v) : v;
  }

  private uniqueKey(fields: string[], values: unknown[], composite: boolean): string | null {
    if (!composite && (values[0] === null || values[0] === undefined)) return null;
    return JSON.stringify(fields.length === 1 ? values[0] : values.map((v) => (v === undefined ? null : v)));
  }

  findUnique(fields: string[], values: unknown[]): R | undefined {
    const unique = this.uniques.find((u) => u.fields.length === fields.length && u.fields.every((f, i) => f === fields[i]));
    if (!unique) throw new Error(`no unique index on ${this.def.name}(${fields.join(',')})`);
    const key = this.uniqueKey(fields, values.map((v) => refId(v) ?? v), unique.composite);
    const id = key === null ? undefined : unique.index.get(key);
    return id === undefined ? undefined : this.rows.get(id);
  }

  private checkConstraints(row: R, replacing?: R): void {
    for (const u of this.uniques) {
      const key = this.uniqueKey(u.fields, u.fields.map((f) => this.fieldKey(row, f)), u.composite);
      if (key === null) continue;
      const holder = u.index.get(key);
      if (holder !== undefined && holder !== replacing?.id) {
        const values: Record<string, unknown> = {};
        for (const f of u.fields) {
          const id = this.fieldKey(row, f);
          values[f] = this.def.foreignKeys.some((fk) => fk.field === f) ? (id === null ? null : { id }) : (row[f] ?? null);
        }
        throw new StoreConflict({ kind: 'unique', table: this.def.name, fields: u.fields, values });
      }
    }
    for (const fk of this.def.foreignKeys) {
      const parentId = refId(row[fk.field]);
      if (parentId !== null && !this.store.table(fk.table).get(parentId)) {
        throw new StoreConflict({ kind: 'foreign-key', table: this.def.name, field: fk.field, parentTable: fk.table, parentId });
      }
    }
  }

  private index(row: R): void {
    this.store.report(this.def.name, row.id, undefined, row);
    this.rows.set(row.id, row);
    this.order.set(row.id, true);
    for (const u of this.uniques) {
      const key = this.uniqueKey(u.fields, u.fields.map((f) => this.fieldKey(row, f)), u.composite);
      if (key !== null) u.index.set(key, row.id);
    }
    for (const [field, byParent] of this.children_) {
      const parentId = refId(row[field]);
      if (parentId === null) continue;
      let set = byParent.get(parentId);
      if (!set) byParent.set(parentId, (set = newIdSet()));
      set.set(row.id, true);
    }
    for (const tag of this.tagsOf(row)) {
      let set = this.tagIndex.get(tag);
      if (!set) this.tagIndex.set(tag, (set = newIdSet()));
      set.set(row.id, true);
    }
  }

  private unindex(row: R): void {
    this.store.report(this.def.name, row.id, row, undefined);
    this.rows.delete(row.id);
    this.order.delete(row.id);
    for (const u of this.uniques) {
      const key = this.uniqueKey(u.fields, u.fields.map((f) => this.fieldKey(row, f)), u.composite);
      if (key !== null && u.index.get(key) === row.id) u.index.delete(key);
    }
    for (const [field, byParent] of this.children_) {
      const parentId = refId(row[field]);
      const set = parentId === null ? undefined : byParent.get(parentId);
      set?.delete(row.id);
      if (set && set.size === 0) byParent.delete(parentId!);
    }
    for (const tag of this.tagsOf(row)) {
      const set = this.tagIndex.get(tag);
      set?.delete(row.id);
      if (set && set.size === 0) this.tagIndex.delete(tag);
    }
  }

  private tagsOf(row: R): string[] {
    const field = this.def.tagsField;
    const tags = field ? row[field] : undefined;
    return Array.isArray(tags) ? [...new Set(tags.map(String))] : [];
  }

  insert(row: R): R {
    if (this.rows.has(row.id)) throw new StoreConflict({ kind: 'primary-key', table: this.def.name, id: row.id });
    this.checkConstraints(row);
    this.index(row);
    return row;
  }

  replace(row: R): R {
    const old = this.rows.get(row.id);
    if (!old) return this.insert(row);
    this.checkConstraints(row, old);
    this.unindex(old);
    this.index(row);
    return row;
  }

  childIds(field: string, parentId: string): string[] {
    const set = this.children_.get(field)?.get(parentId);
    return set ? [...set.keys()] : [];
  }

  /** Index a changed row without checking constraints (set-null updates planned by a delete). */
  replaceUnchecked(row: R): void {
    const old = this.rows.get(row.id);
    if (old) this.unindex(old);
    this.index(row);
  }

  /** Drop a row from every index; its references are the delete plan's business. */
  removeRow(id: string): void {
    const row = this.rows.get(id);
    if (row) this.unindex(row);
  }

  delete(id: string): R | undefined {
    const row = this.rows.get(id);
    if (!row) return undefined;
    applyDeletePlan(planDelete(this, id));
    return row;
  }

  private source(q: PageQuery): IterableIterator<string> {
    if (q.parent) {
      const set = this.children_.get(q.parent.field)?.get(q.parent.id);
      return set ? keysAfter(set, q.after) : [][Symbol.iterator]();
    }
    if (q.tags) return this.tagged(q.tags, q.after);
    return keysAfter(this.order, q.after);
  }

  private *tagged(filter: TagFilter, after: string | undefined): IterableIterator<string> {
    const sets = filter.tags.map((t) => this.tagIndex.get(t));
    if (filter.mode === 'and') {
      if (sets.some((s) => s === undefined)) return;
      const ordered = (sets as IdSet[]).slice().sort((a, b) => a.size - b.size);
      for (const id of keysAfter(ordered[0], after)) if (ordered.every((s) => s.has(id))) yield id;
      return;
    }
    const iters = (sets.filter(Boolean) as IdSet[]).map((s) => keysAfter(s, after));
    const heads = iters.map((it) => it.next());
    for (;;) {
      let min: string | undefined;
      for (const h of heads) if (!h.done && (min === undefined || h.value < min)) min = h.value;
      if (min === undefined) return;
      yield min;
      heads.forEach((h, i) => {
        if (!h.done && h.value === min) heads[i] = iters[i].next();
      });
    }
  }

  page(q: PageQuery): Page<R> {
    const rows: R[] = [];
    let more = false;
    for (const id of this.source(q)) {
      if (rows.length === q.size) {
        more = true;
        break;
      }
      rows.push(this.rows.get(id)!);
    }
    return { rows, more };
  }

  children(field: string, parentId: string): R[] {
    return this.childIds(field, parentId).map((id) => this.rows.get(id)!);
  }

  *all(): IterableIterator<R> {
    for (const id of this.order.keys()) yield this.rows.get(id)!;
  }

  /** Puts `row` in place of whatever has its id (or removes that): no checks, no cascades. */
  restoreRow(id: string, row: R | undefined): void {
    const old = this.rows.get(id);
    if (old) this.unindex(old);
    if (row) this.index(row);
  }

  clear(): void {
    if (this.store.watched) for (const row of this.rows.values()) this.store.report(this.def.name, row.id, row, undefined);
    this.rows.clear();
    this.order.clear();
    for (const u of this.uniques) u.index.clear();
    for (const byParent of this.children_.values()) byParent.clear();
    this.tagIndex.clear();
  }
}

class MemoryStore implements Store {
  private readonly byName = new Map<string, MemoryTable>();
  private readonly listeners = new Set<(change: RowChange) => void>();
  private muted = false;

  constructor(defs: TableDef[]) {
    for (const def of defs) this.byName.set(def.name, new MemoryTable(def, this));
    for (const table of this.byName.values()) {
      for (const fk of table.def.foreignKeys) {
        this.byName.get(fk.table)?.referencedBy.push({ table, field: fk.field, onDelete: fk.onDelete });
      }
    }
  }

  table<R extends Row = Row>(name: string): Table<R> {
    const table = this.byName.get(name);
    if (!table) throw new Error(`unknown table ${name}`);
    return table as unknown as Table<R>;
  }

  tables(): Table[] {
    return [...this.byName.values()];
  }

  clear(): void {
    for (const table of this.byName.values()) table.clear();
  }

  get watched(): boolean {
    return this.listeners.size > 0 && !this.muted;
  }

  report(table: string, id: string, before: Row | undefined, after: Row | undefined): void {
    if (!this.watched) return;
    for (const listener of this.listeners) listener({ table, id, before, after });
  }

  watch(listener: (change: RowChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  restore(changes: Iterable<RowChange>): void {
    this.muted = true;
    try {
      for (const change of changes) {
        const table = this.byName.get(change.table);
        if (!table) throw new Error(`unknown table ${change.table}`);
        table.restoreRow(change.id, change.after);
      }
    } finally {
      this.muted = false;
    }
  }
}

export function createStore(defs: TableDef[]): Store {
  return new MemoryStore(defs);
}
