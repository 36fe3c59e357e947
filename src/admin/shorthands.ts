/**
 * Kong's `shorthand_fields` (kong/db/schema/init.lua, `process_auto_fields`): old names of a
 * record's fields (rate-limiting `redis_host`, opentelemetry `endpoint`, session `cookie_lifetime`…)
 * checked by their own type, then moved into the record's fields before anything else is done with
 * the body. Deprecated ones lose to the record's own field, refuse a different value in both, and
 * are shown again in responses with the value of the field that replaced them.
 */
import type { JsonSchema, ShorthandField } from '../spec/index.ts';
import { versionAtLeast, type KongVersion } from '../entities/types.ts';
import { isPlainObject } from './schema-walk.ts';
import { validateValue, type ErrorTree, type FieldOptions } from './validate.ts';

/** The shorthands of a record that the version has. */
function shorthandsOf(schema: JsonSchema, version: KongVersion): ShorthandField[] {
  const all = schema['x-kong-shorthand-fields'] ?? [];
  return all.filter((s) => (!s.since || versionAtLeast(version, s.since)) && (!s.until || !versionAtLeast(version, s.until)));
}

function isRecord(schema: JsonSchema): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes('object') && schema.properties !== undefined && schema['x-kong-type'] !== 'map';
}

function valueAt(record: Record<string, unknown>, path: readonly string[]): unknown {
  let node: unknown = record;
  for (const part of path) node = isPlainObject(node) ? node[part] : undefined;
  return node;
}

/** Lua's `tostring` of a JSON value, as Kong's mismatch message prints both sides. */
function luaText(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(14)));
  if (typeof value === 'object' && value !== null) return 'table';
  return String(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The value a shorthand hands on: its translation, or the stand-in for null. */
function translated(s: ShorthandField, value: unknown): unknown {
  if (value === null && s['null-as'] !== undefined) return s['null-as'];
  if (typeof value === 'string' && s.map && Object.hasOwn(s.map, value)) return s.map[value];
  return value;
}

/** Moves one shorthand's value to its path: a deprecated one never overrides a value the record has. */
function moveValue(record: Record<string, unknown>, s: ShorthandField, value: unknown): void {
  if (!s.path || s.path.length === 0) return;
  const [head, ...rest] = s.path;
  const deprecated = s.deprecation !== undefined;
  if (rest.length === 0) {
    if (!deprecated || record[head] === undefined || record[head] === null) record[head] = value;
    return;
  }
  // Kong's func returns {head = {sub = value}} and merges it with what the record holds
  const fresh: Record<string, unknown> = {};
  let node = fresh;
  for (const part of rest.slice(0, -1)) node = node[part] = {} as Record<string, unknown>;
  node[rest[rest.length - 1]] = value;
  const source = isPlainObject(record[head]) ? record[head] : {};
  if (!deprecated) {
    record[head] = { ...source, ...fresh };
    return;
  }
  const merged: Record<string, unknown> = { ...fresh };
  for (const [key, v] of Object.entries(source)) if (merged[key] === undefined || v !== null) merged[key] = v;
  record[head] = merged;
}

/**
 * Translates the shorthands of `record` and of the records inside it, in place. Errors name the
 * shorthand alone, outside any record path (Kong returns the inner record's errors as the
 * entity's), and stop the write before validation.
 */
export function expandShorthands(schema: JsonSchema, record: Record<string, unknown>, version: KongVersion, options: FieldOptions): Record<string, ErrorTree> | null {
  const errors: Record<string, ErrorTree> = {};
  for (const s of shorthandsOf(schema, version)) {
    if (!(s.name in record) || record[s.name] === undefined) continue;
    const value = record[s.name];
    const invalid = value === null ? null : validateValue(s.schema, value, options);
    if (invalid !== null) {
      errors[s.name] = invalid;
      continue;
    }
    if (s.deprecation?.['replaced-with'] && s.path && value !== null) {
      const current = valueAt(record, s.path);
      if (current !== undefined && current !== null && !sameValue(current, value)) {
        errors[s.name] = `both deprecated and new field are used but their values mismatch: ${s.name} = ${luaText(value)} vs ${s.path.join('.')} = ${luaText(current)}`;
        continue;
      }
    }
    delete record[s.name];
    moveValue(record, s, translated(s, value));
  }
  if (Object.keys(errors).length > 0) return errors;
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const inner = record[name];
    if (!isRecord(field) || !isPlainObject(inner)) continue;
    const nested = expandShorthands(field, inner, version, options);
    if (nested) return nested;
  }
  return null;
}

/** Shows the deprecated shorthands that name a replacement next to it, with its value (responses only). */
export function mirrorShorthands(schema: JsonSchema, record: Record<string, unknown>, version: KongVersion): void {
  for (const s of shorthandsOf(schema, version)) {
    if (!s.deprecation?.['replaced-with'] || !s.path) continue;
    const value = valueAt(record, s.path);
    if (value !== undefined) record[s.name] = value;
  }
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const inner = record[name];
    if (isRecord(field) && isPlainObject(inner)) mirrorShorthands(field, inner, version);
  }
}

/** Whether any record of a schema has shorthands the version shows in responses (most have none). */
export function hasMirroredShorthands(schema: JsonSchema, version: KongVersion): boolean {
  if (shorthandsOf(schema, version).some((s) => s.deprecation?.['replaced-with'])) return true;
  return Object.values(schema.properties ?? {}).some((field) => isRecord(field) && hasMirroredShorthands(field, version));
}
