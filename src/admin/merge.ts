/**
 * PATCH merge (reference §4.4, Kong's `merge_values`): keys of the patch replace stored values,
 * non-abstract records given as objects merge recursively (plugin `config`, upstream
 * `healthchecks`), arrays, sets and maps are replaced whole, null clears, absent keys keep the
 * stored value, unknown keys pass through for validation to report. A record patched onto a
 * stored null is filled with its field defaults, as Kong validates it and reads it back.
 */
import type { JsonSchema } from '../spec/index.ts';
import { applyDefaults } from './defaults.ts';
import { deepClone, isPlainObject, kindOf, setField } from './schema-walk.ts';

export function mergePatch(schema: JsonSchema, stored: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = deepClone(stored);
  const props = schema.properties ?? {};
  for (const [name, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const field = Object.hasOwn(props, name) ? props[name] : undefined;
    const mergeable = field !== undefined && kindOf(field) === 'record' && field.properties !== undefined && !field['x-kong-abstract'] && isPlainObject(value);
    if (!mergeable) setField(out, name, deepClone(value));
    else if (isPlainObject(out[name])) out[name] = mergePatch(field, out[name] as Record<string, unknown>, value);
    else out[name] = applyDefaults(field, deepClone(value));
  }
  return out;
}
