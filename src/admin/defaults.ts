/**
 * Defaults for insert and PUT (reference §4.3, §4.5), as Kong's `process_auto_fields` fills them:
 * every schema field present; an absent field gets a copy of its default, else null when it is
 * nullable; an absent required record without default is built from its own fields' defaults;
 * other required fields without default stay absent;
 * present records (also inside arrays, sets and maps) are filled field by field; an explicit null
 * is kept (validation reports it when the field is required). Shorthand input (`url`) is left to
 * the entity's expansion and dropped here; pseudo fields appear only when sent; unknown keys are
 * kept so validation can report `unknown field`. Auto fields (ids, timestamps) are stamped by the
 * write path, not here.
 */
import type { JsonSchema } from '../spec/index.ts';
import { deepClone, isNullable, isPlainObject, kindOf, setField } from './schema-walk.ts';

export function applyDefaults(schema: JsonSchema, input: Record<string, unknown>, _mode: 'insert' | 'upsert' = 'insert'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const props = schema.properties ?? {};
  for (const [name, field] of Object.entries(props)) {
    if (field['x-kong-shorthand']) continue;
    if ((field['x-kong-pseudo'] || field.writeOnly) && !(name in input)) continue;
    const value = name in input && input[name] !== undefined ? adjust(field, input[name]) : missing(field);
    if (value !== undefined) out[name] = value;
  }
  for (const [name, value] of Object.entries(input)) {
    const field = Object.hasOwn(props, name) ? props[name] : undefined;
    if (!Object.hasOwn(out, name) && !field?.['x-kong-shorthand'] && value !== undefined) setField(out, name, value);
  }
  return out;
}

/** A present value: records are filled, elements of arrays, sets and maps adjusted one by one. */
function adjust(field: JsonSchema, value: unknown): unknown {
  if (value === null || field['x-kong-abstract']) return value;
  const kind = kindOf(field);
  if (kind === 'record' && field.properties && isPlainObject(value)) return applyDefaults(field, value);
  if ((kind === 'array' || kind === 'set') && field.items && Array.isArray(value)) return value.map((v) => adjust(field.items!, v));
  if (kind === 'map' && typeof field.additionalProperties === 'object' && isPlainObject(value)) {
    const values = field.additionalProperties;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, adjust(values, v)]));
  }
  return value;
}

/**
 * `handle_missing_field`: a copy of the default (its records filled too, as Kong's read-back
 * shows them), else null for optional fields, a required record from its own fields' defaults,
 * and nothing for any other required field (validation reports it).
 */
function missing(field: JsonSchema): unknown {
  if (field.default !== undefined) return adjust(field, deepClone(field.default));
  if (isNullable(field)) return null;
  if (field['x-kong-abstract']) return undefined;
  if (kindOf(field) === 'record' && field.properties) return applyDefaults(field, {});
  return undefined;
}
