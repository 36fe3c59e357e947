/**
 * PATCH merge (reference §4.4): top-level keys replace stored values, records (plugin `config`,
 * upstream `healthchecks`) merge recursively, arrays, sets and maps are replaced, null clears.
 */
import type { JsonSchema } from '../spec/index.ts';
import { deepClone, isPlainObject, kindOf } from './schema-walk.ts';

export function mergePatch(schema: JsonSchema, stored: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = deepClone(stored);
  const props = schema.properties ?? {};
  for (const [name, value] of Object.entries(patch)) {
    const field = props[name];
    if (field && kindOf(field) === 'record' && field.properties && isPlainObject(value) && isPlainObject(out[name])) {
      out[name] = mergePatch(field, out[name] as Record<string, unknown>, value);
    } else {
      out[name] = value;
    }
  }
  return out;
}
