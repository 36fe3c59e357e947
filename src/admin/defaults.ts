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
    const value = name in input ? filled(field, input[name]) : missing(field);
    if (value !== undefined) out[name] = value;
  }
  for (const [name, value] of Object.entries(input)) if (!(name in out) && !props[name]?.['x-kong-shorthand']) out[name] = value;
  return out;
}

/** A given value, with the missing fields of records filled (also records inside arrays and maps). */
function filled(field: JsonSchema, value: unknown): unknown {
  const kind = kindOf(field);
  if (kind === 'record' && field.properties && isPlainObject(value)) return applyDefaults(field, value);
  if ((kind === 'array' || kind === 'set') && Array.isArray(value) && field.items) return value.map((v) => filled(field.items!, v));
  if (kind === 'map' && isPlainObject(value) && typeof field.additionalProperties === 'object') {
    const values = field.additionalProperties;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, filled(values, v)]));
  }
  return value;
}

/**
 * A missing field: its default; a required record without default becomes its own fields' defaults;
 * an optional field null; a required field without default stays absent (validation reports it).
 */
function missing(field: JsonSchema): unknown {
  if (field.default !== undefined) return filled(field, deepClone(field.default));
  if (kindOf(field) === 'record' && field.properties && !isNullable(field)) return applyDefaults(field, {});
  return isNullable(field) ? null : undefined;
}
