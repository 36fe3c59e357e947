/**
 * A change set: the row changes of one stretch of work (a request, a batch), as `Store.watch`
 * reports them, reduced to what a journal needs and what an undo needs.
 */
import type { Row, RowChange } from './types.ts';

export class ChangeSet {
  private readonly changes: RowChange[] = [];

  get size(): number {
    return this.changes.length;
  }

  add(change: RowChange): void {
    this.changes.push(change);
  }

  /** Appends another set's changes after this one's (the later set was made on top of this). */
  append(later: ChangeSet): void {
    for (const change of later.changes) this.changes.push(change);
  }

  /**
   * One change per row: its state before the first change and after the last. Rows that end as
   * they began (inserted then deleted) are left out. Applying these with `Store.restore` gives the
   * same store in any order, since each names a row's whole final state.
   */
  net(): RowChange[] {
    const byRow = new Map<string, { table: string; id: string; before: Row | undefined; after: Row | undefined }>();
    for (const c of this.changes) {
      const key = `${c.table}\u0000${c.id}`;
      const seen = byRow.get(key);
      if (seen) seen.after = c.after;
      else byRow.set(key, { table: c.table, id: c.id, before: c.before, after: c.after });
    }
    return [...byRow.values()].filter((c) => c.before !== c.after);
  }

  /** The changes that put the store back as it was before this set, for `Store.restore`. */
  undo(): RowChange[] {
    return this.net().map((c) => ({ table: c.table, id: c.id, before: c.after, after: c.before }));
  }
}
