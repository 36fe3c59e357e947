/**
 * The store as plain tables: what a state file, `GET /config` and a declarative load hold. Pure;
 * the files themselves are written by src/state.
 */
import type { Row, Store, Table } from './store/types.ts';

export const STATE_FORMAT = 'kong-admin-mock/state';

export interface StateFile {
  format: typeof STATE_FORMAT;
  /** 1: the whole store rewritten on every write (before the journal); 2: a snapshot plus a journal. */
  version: number;
  kongVersion: string;
  /** Version 2: the journal generation that continues this snapshot, and the last record it holds. */
  journal?: { generation: number; seq: number };
  tables: Record<string, Row[]>;
}

/** Tables ordered so that every parent comes before the tables that point at it. */
export function parentFirst(tables: Table[]): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string): void => {
    if (order.includes(name) || visiting.has(name)) return;
    visiting.add(name);
    const table = tables.find((t) => t.def.name === name);
    for (const fk of table?.def.foreignKeys ?? []) if (fk.table !== name) visit(fk.table);
    order.push(name);
  };
  for (const t of tables) visit(t.def.name);
  return order;
}

export function snapshot(store: Store, kongVersion: string): StateFile {
  const tables: Record<string, Row[]> = {};
  for (const name of parentFirst(store.tables())) tables[name] = [...store.table(name).all()];
  return { format: STATE_FORMAT, version: 2, kongVersion, tables };
}
