/**
 * The store as plain tables, parents first: what a `--state` file, `GET /config` and a declarative
 * load hold. No file is touched here, so the core can use it in a browser (src/state-file.ts
 * writes and reads the file).
 */
import type { Row, Store } from './store/types.ts';

export interface StateFile {
  format: 'kong-admin-mock/state';
  version: 1;
  kongVersion: string;
  tables: Record<string, Row[]>;
}

/** Tables ordered so that every parent comes before the tables that point at it. */
export function parentFirst(store: Store): string[] {
  const tables = store.tables();
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
  for (const name of parentFirst(store)) tables[name] = [...store.table(name).all()];
  return { format: 'kong-admin-mock/state', version: 1, kongVersion, tables };
}
