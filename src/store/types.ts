/**
 * The store's contract. The store knows nothing of HTTP, of Kong's URLs or of validation
 * messages: it keeps rows, enforces uniqueness and foreign keys, and serves keyset pages.
 *
 * Rows are plain JSON objects with a string `id` (lower-case UUID). A foreign-key field holds
 * `{ id: string }` or null. Rows handed to the store are owned by it afterwards (it does not
 * clone them); rows returned by it must be treated as read-only by callers.
 */
export type Row = { id: string } & Record<string, unknown>;

export interface ForeignKeyDef {
  /** Field of the child row holding `{id}` or null, e.g. `service` on routes. */
  field: string;
  /** Parent table name, e.g. `services`. */
  table: string;
  /** What deleting the parent does to children that point at it. */
  onDelete: 'restrict' | 'cascade' | 'set-null';
}

export interface TableDef {
  name: string;
  /**
   * Unique constraints, in the order they are checked (and reported). Each is a list of field
   * names; a foreign-key field takes part by its referenced id. Single-field uniques ignore
   * rows where the value is null. Composite uniques (e.g. plugins: name, route, service,
   * consumer; targets: upstream, target) treat null as a value.
   */
  uniques: string[][];
  foreignKeys: ForeignKeyDef[];
  /** The row field holding a set of tag strings (null or array), if the table has tags. */
  tagsField?: string;
}

export type StoreError =
  | { kind: 'primary-key'; table: string; id: string }
  | { kind: 'unique'; table: string; fields: string[]; values: Record<string, unknown> }
  | { kind: 'foreign-key'; table: string; field: string; parentTable: string; parentId: string }
  | { kind: 'restrict'; table: string; referencedBy: string };

export class StoreConflict extends Error {
  constructor(readonly error: StoreError) {
    super(`${error.kind} conflict on ${error.table}`);
  }
}

export interface TagFilter {
  mode: 'and' | 'or';
  tags: string[];
}

export interface PageQuery {
  /** Exclusive lower bound: return rows whose id sorts after this one. */
  after?: string;
  size: number;
  tags?: TagFilter;
  /** Only children of this parent, through a foreign-key field. */
  parent?: { field: string; id: string };
}

export interface Page<R extends Row = Row> {
  rows: R[];
  /** True when at least one more row follows the last one returned. */
  more: boolean;
}

export interface Table<R extends Row = Row> {
  readonly def: TableDef;
  readonly size: number;
  get(id: string): R | undefined;
  /** O(1) lookup through a unique index; `fields` must be one of the table's uniques. */
  findUnique(fields: string[], values: unknown[]): R | undefined;
  /** Insert a new row; throws StoreConflict (primary-key, unique, foreign-key). */
  insert(row: R): R;
  /** Replace the row with the same id (must exist); throws StoreConflict (unique, foreign-key). */
  replace(row: R): R;
  /**
   * Delete a row. Throws StoreConflict 'restrict' (nothing deleted) when a restrict foreign key
   * still points at it; otherwise deletes cascading children (recursively) and nulls
   * 'set-null' references. Returns the deleted row, or undefined when it did not exist.
   */
  delete(id: string): R | undefined;
  /** Ordered by id ascending; O(log n + size) without tags. */
  page(q: PageQuery): Page<R>;
  /** Children of a parent through a foreign-key field, in id order (all of them). */
  children(field: string, parentId: string): R[];
  /** Every row in id order. */
  all(): IterableIterator<R>;
}

/** One row's change: the row before and after it (undefined when absent). */
export interface RowChange {
  table: string;
  id: string;
  before: Row | undefined;
  after: Row | undefined;
}

export interface Store {
  table<R extends Row = Row>(name: string): Table<R>;
  tables(): Table[];
  /** Remove every row of every table. */
  clear(): void;
  /**
   * Reports every row change from now on, as it happens: inserts, replacements, deletions with
   * their cascades and set-null updates, `clear`. A replacement may come as a removal followed by
   * an insertion of the same id. This is what lets a caller journal or undo the changes of one
   * request. Returns a function that stops the reports.
   */
  watch(listener: (change: RowChange) => void): () => void;
  /**
   * Sets each row to its `after` (removed when undefined) as given: no constraint checks, no
   * cascades, no reports. Only for changes that were checked when first made (a journal's
   * replay, undoing changes with `before` and `after` swapped); throws on an unknown table.
   */
  restore(changes: Iterable<RowChange>): void;
}
