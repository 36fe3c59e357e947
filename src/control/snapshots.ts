/**
 * Named snapshots of one mock's state: every row of every table, the health marks, the dynamic
 * log level and the configuration hash. Rows are never changed in place by the store (a write
 * replaces the row object), so a snapshot keeps references to them: taking and restoring one
 * costs O(rows), with no copy of their contents.
 */
import type { Row, RowChange, Store } from '../store/types.ts';
import type { Instance } from '../admin/context.ts';
import type { HealthMark } from '../admin/health-state.ts';

export interface Snapshot {
  name: string;
  /** When it was taken, on the mock's clock (ms since the epoch). */
  takenAt: number;
  tables: Map<string, Row[]>;
  health: [string, HealthMark][];
  logLevel: Instance['logLevel'];
  configHash: string | undefined;
}

export interface SnapshotSummary {
  name: string;
  taken_at: number;
  /** Rows per table, tables without rows left out. */
  counts: Record<string, number>;
}

export function takeSnapshot(inst: Instance, name: string): Snapshot {
  const tables = new Map<string, Row[]>();
  for (const table of inst.store.tables()) if (table.size > 0) tables.set(table.def.name, [...table.all()]);
  const logLevel = inst.logLevel ? { ...inst.logLevel } : undefined;
  return { name, takenAt: inst.clock(), tables, health: inst.health.entries(), logLevel, configHash: inst.configHash };
}

/** Puts the mock back as the snapshot found it (rows with a ttl keep their expiry time). */
export function restoreSnapshot(inst: Instance, snap: Snapshot): void {
  inst.store.clear();
  inst.store.restore(insertions(snap.tables));
  // a row with a ttl may be back: let the next request scan for expired rows
  inst.nextExpiry = 0;
  inst.health.replaceWith(snap.health);
  inst.logLevel = snap.logLevel ? { ...snap.logLevel } : undefined;
  inst.configHash = snap.configHash;
}

function* insertions(tables: Map<string, Row[]>): Iterable<RowChange> {
  for (const [table, rows] of tables) for (const row of rows) yield { table, id: row.id, before: undefined, after: row };
}

export function summarize(snap: Snapshot): SnapshotSummary {
  const counts: Record<string, number> = {};
  for (const [name, rows] of snap.tables) counts[name] = rows.length;
  return { name: snap.name, taken_at: snap.takenAt, counts };
}

/** Rows per table of a store, tables without rows left out. */
export function countRows(store: Store): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of store.tables()) if (table.size > 0) counts[table.def.name] = table.size;
  return counts;
}
