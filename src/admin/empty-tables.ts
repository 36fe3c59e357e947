/**
 * Lua has one table type: Kong's JSON decoder turns `[]` and `{}` into the same empty table, so
 * Kong takes either wherever an array, a set, a map or a record is expected (`config: []` is an
 * empty config that gets its defaults). The mock gives each empty value the shape of its field
 * before defaults are filled, so it is stored and shown as Kong shows that field.
 */
import type { JsonSchema } from '../spec/index.ts';
import { isPlainObject, kindOf } from './schema-walk.ts';

const isEmptyObject = (v: unknown): boolean => isPlainObject(v) && Object.keys(v).length === 0;
const isEmptyArray = (v: unknown): boolean => Array.isArray(v) && v.length === 0;

export function shapeEmptyTables(schema: JsonSchema, value: Record<string, unknown>): void {
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const v = value[name];
    if (v === undefined || v === null) continue;
    const kind = kindOf(field);
    if ((kind === 'array' || kind === 'set') && isEmptyObject(v)) value[name] = [];
    else if ((kind === 'record' || kind === 'map') && isEmptyArray(v)) value[name] = {};
    else if (kind === 'record' && isPlainObject(v)) shapeEmptyTables(field, v);
    else if ((kind === 'array' || kind === 'set') && Array.isArray(v) && field.items && kindOf(field.items) === 'record') {
      for (const element of v) if (isPlainObject(element)) shapeEmptyTables(field.items, element);
    }
  }
}
