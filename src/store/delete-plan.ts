/**
 * A delete as one plan: every row the delete removes (the cascade tree), every reference it
 * nulls, and every restrict reference checked against the whole tree before anything changes.
 * A refused delete therefore changes nothing, and a restricted child that the same delete
 * removes through another cascade path does not block it.
 */
import type { Row } from './types.ts';
import { StoreConflict } from './types.ts';

/** What the plan needs of a table. */
export interface PlannedTable {
  readonly def: { name: string };
  readonly referencedBy: ReadonlyArray<{ table: PlannedTable; field: string; onDelete: 'restrict' | 'cascade' | 'set-null' }>;
  get(id: string): Row | undefined;
  childIds(field: string, parentId: string): string[];
  removeRow(id: string): void;
  replaceUnchecked(row: Row): void;
}

export interface DeletePlan {
  /** Rows to remove, the requested row first, then its cascade tree breadth-first. */
  removals: Array<{ table: PlannedTable; id: string }>;
  /** Surviving rows whose reference to a removed row becomes null. */
  nulls: Array<{ table: PlannedTable; id: string; field: string }>;
}

/** The plan for deleting `id` from `table`; throws StoreConflict 'restrict' when a surviving row still points into the tree. */
export function planDelete(table: PlannedTable, id: string): DeletePlan {
  const removals: DeletePlan['removals'] = [{ table, id }];
  const doomed = new Set<string>([`${table.def.name}:${id}`]);
  // breadth-first with an index, not recursion: the tree's size is bounded by the store, not by the schema
  for (let i = 0; i < removals.length; i++) {
    const parent = removals[i];
    for (const ref of parent.table.referencedBy) {
      if (ref.onDelete !== 'cascade') continue;
      for (const childId of ref.table.childIds(ref.field, parent.id)) {
        const mark = `${ref.table.def.name}:${childId}`;
        if (doomed.has(mark)) continue;
        doomed.add(mark);
        removals.push({ table: ref.table, id: childId });
      }
    }
  }
  const nulls: DeletePlan['nulls'] = [];
  for (const parent of removals) {
    for (const ref of parent.table.referencedBy) {
      if (ref.onDelete === 'cascade') continue;
      for (const childId of ref.table.childIds(ref.field, parent.id)) {
        if (doomed.has(`${ref.table.def.name}:${childId}`)) continue;
        if (ref.onDelete === 'restrict') throw new StoreConflict({ kind: 'restrict', table: parent.table.def.name, referencedBy: ref.table.def.name });
        nulls.push({ table: ref.table, id: childId, field: ref.field });
      }
    }
  }
  return { removals, nulls };
}

/** Carry out a plan made by `planDelete` on the same, unchanged store. */
export function applyDeletePlan(plan: DeletePlan): void {
  for (const { table, id } of plan.removals) table.removeRow(id);
  for (const { table, id, field } of plan.nulls) {
    const row = table.get(id);
    if (row) table.replaceUnchecked({ ...row, [field]: null });
  }
}
