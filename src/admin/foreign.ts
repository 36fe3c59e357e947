/**
 * Foreign keys given by a parent's unique field instead of its id: `{"service":{"name":"x"}}`
 * (reference §4.7). Found parents are replaced by `{id}`; the rest are reported as unresolved.
 */
import type { EntityDef } from '../spec/index.ts';
import type { Instance } from './context.ts';
import { luaLiteral } from './errors.ts';

export interface Unresolved {
  field: string;
  key: string;
  message: string;
}

export function resolveForeignReferences(inst: Instance, entity: EntityDef, value: Record<string, unknown>): Unresolved[] | null {
  const unresolved: Unresolved[] = [];
  for (const fk of entity.foreignKeys) {
    const ref = value[fk.field];
    if (!ref || typeof ref !== 'object' || Array.isArray(ref)) continue;
    const obj = ref as Record<string, unknown>;
    if (obj.id !== undefined && obj.id !== null) continue;
    const parent = inst.spec.entities.get(fk.entity);
    if (!parent) continue;
    for (const key of parent.foreignKeyLookup) {
      const keyValue = obj[key];
      if (keyValue === undefined || keyValue === null) continue;
      const row = inst.store.table(parent.name).findUnique([key], [keyValue]);
      if (row) value[fk.field] = { id: row.id };
      else
        unresolved.push({
          field: fk.field,
          key,
          message: `the foreign key cannot be resolved with '${luaLiteral({ [key]: keyValue })}' for an existing '${parent.name}' entity`,
        });
      break;
    }
  }
  return unresolved.length > 0 ? unresolved : null;
}
