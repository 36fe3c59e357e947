/**
 * Defaults for insert and PUT (reference §4.3, §4.5): every schema field present, absent ones
 * filled with their default, records filled field by field, everything else null.
 */
import type { JsonSchema } from '../spec/index.ts';
import { deepClone, isNullable, isPlainObject, kindOf } from './schema-walk.ts';

export function applyDefaults(schema: JsonSchema, input: Record<string, unknown>, _mode: 'insert' | 'upsert' = 'insert'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const props = schema.properties ?? {};
  for (const [name, field] of Object.entries(props)) {
    if (field['x-kong-shorthand'] || field.writeOnly) continue;
    if (field['x-kong-pseudo'] && !(name in input)) continue;
    out[name] = name in input ? filled(field, input[name]) : missing(field);
  }
  for (const [name, value] of Object.entries(input)) if (!(name in out) && !props[name]?.['x-kong-shorthand']) out[name] = value;
  return out;
}

function filled(field: JsonSchema, value: unknown): unknown {
  if (kindOf(field) === 'record' && field.properties && isPlainObject(value)) return applyDefaults(field, value);
  return value;
}

function missing(field: JsonSchema): unknown {
  if (field.default !== undefined) return filled(field, deepClone(field.default));
  if (kindOf(field) === 'record' && field.properties && !isNullable(field)) return applyDefaults(field, {});
  return null;
}
