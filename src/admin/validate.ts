/**
 * Schema validation with Kong's messages (reference §3.3, §3.5; `kong/db/schema/init.lua`):
 * null and required first, then the type, then validators in Kong's order (const, enum,
 * exclusiveMinimum, uuid, range, lengths, starts_with, the Lua-pattern validators, named
 * validators; a field's `x-kong-err` replaces any of their messages); a vault reference in a
 * referenceable string skips them all; arrays report element errors as arrays with null holes
 * before their own length checks; unknown fields; then entity checks.
 */
import type { EntityCheck, JsonSchema } from '../spec/index.ts';
import type { Validator, ValidatorContext } from '../entities/types.ts';
import { runEntityChecks } from './entity-checks.ts';
import { luaMatch } from './lua-pattern.ts';
import { isReference } from '../entities/vault-reference.ts';
import { isNullable, isPlainObject, kindOf, setField } from './schema-walk.ts';

export type ErrorTree = string | Array<ErrorTree | null> | { [key: string]: ErrorTree };

export type CustomCheck = (entity: Record<string, unknown>, ctx: ValidatorContext) => ErrorTree | null;

export interface FieldOptions {
  validators: Record<string, Validator>;
  ctx: ValidatorContext;
  /** Custom checks a nested record's `x-kong-checks` may name. */
  custom?: Record<string, CustomCheck>;
  /** The schema of a referenced entity, to report a foreign key's invalid fields. */
  foreignSchema?: (entity: string) => JsonSchema | undefined;
}

export interface EntityOptions extends FieldOptions {
  checks: EntityCheck[];
  custom: Record<string, CustomCheck>;
  mode: 'insert' | 'update' | 'upsert';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const TYPE_MESSAGES: Record<string, string> = {
  string: 'expected a string',
  integer: 'expected an integer',
  number: 'expected a number',
  boolean: 'expected a boolean',
  array: 'expected an array',
  set: 'expected a set',
  record: 'expected a record',
  map: 'expected a map',
};

/** Lua's `tostring` for the values messages show. */
export function show(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(14)));
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A Lua sequence: an array without holes. */
function isSequence(value: unknown): value is unknown[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!(i in value) || value[i] === undefined) return false;
  return true;
}

function typeOk(kind: string, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
    case 'set':
      return isSequence(value);
    case 'record':
      return isPlainObject(value);
    case 'map':
      // a Lua table either way: a list is a map whose keys are numbers (checked as keys next)
      return isPlainObject(value) || Array.isArray(value);
    default:
      return true;
  }
}

/** Kong's `#` for length validators: UTF-8 bytes of strings, elements of arrays, keys of maps. */
function lengthOf(value: unknown): number {
  if (typeof value === 'string') return new TextEncoder().encode(value).length;
  if (Array.isArray(value)) return value.length;
  return isPlainObject(value) ? Object.keys(value).length : 0;
}

/** Validates one value against its field schema; null means valid. `required` forces Kong-required (set and array elements). */
export function validateValue(schema: JsonSchema, value: unknown, options: FieldOptions, required = false): ErrorTree | null {
  if (value === undefined || value === null) {
    if (schema.const !== undefined && schema.const !== null) return `value must be ${show(schema.const)}`;
    return required || !isNullable(schema) ? 'required field missing' : null;
  }
  if (schema.const === null) return schema['x-kong-err'] ?? 'value must be null';
  const kind = kindOf(schema);
  if (kind === 'foreign') return validateForeign(schema, value, options);
  if (!typeOk(kind, value)) return TYPE_MESSAGES[kind] ?? null;
  // Kong returns before the validators when a referenceable string holds a vault reference.
  if (kind === 'string' && schema['x-kong-referenceable'] && isReference(value)) return null;

  const nested = validateContents(kind, schema, value, options);
  if (nested !== null) return nested;
  const message = runBuiltins(kind, schema, value) ?? runValidators(schema, value, options);
  // Kong's field-level `err` stands for whatever validator failed.
  return message !== null && schema['x-kong-err'] !== undefined ? schema['x-kong-err'] : message;
}

/** Elements of arrays and sets, keys and values of maps, fields of records. */
function validateContents(kind: string, schema: JsonSchema, value: unknown, options: FieldOptions): ErrorTree | null {
  if ((kind === 'array' || kind === 'set') && schema.items) {
    const errors = (value as unknown[]).map((v) => validateValue(schema.items!, v, options, true));
    // a Lua sequence ends at its last element: no trailing nulls after the last error
    while (errors.length > 0 && errors[errors.length - 1] === null) errors.pop();
    return errors.length > 0 ? errors : null;
  }
  if (kind === 'map') {
    const values = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    const keys = schema.propertyNames;
    // Kong checks a list's first key, the number 1, against the map's key type
    if (Array.isArray(value)) return value.length === 0 ? null : validateValue(keys ?? { type: 'string' }, 1, options, true);
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const error = (keys ? validateValue(keys, k, options, true) : null) ?? (values ? validateValue(values, v, options, true) : null);
      if (error !== null) return error;
    }
    return null;
  }
  if (kind === 'record' && schema.properties) return validateRecord(schema, value as Record<string, unknown>, options);
  return null;
}

/** The declarative validators, in Kong's `validators_order`. */
function runBuiltins(kind: string, schema: JsonSchema, value: unknown): string | null {
  if (schema.const !== undefined && value !== schema.const) return `value must be ${show(schema.const)}`;
  if (schema.enum && !schema.enum.some((e) => e === value)) return `expected one of: ${schema.enum.filter((e) => e !== null).map(show).join(', ')}`;
  if (typeof value === 'number') {
    if (schema.exclusiveMinimum !== undefined && !(value > schema.exclusiveMinimum)) return `value must be greater than ${show(schema.exclusiveMinimum)}`;
  }
  if (schema.format === 'uuid' && typeof value === 'string' && !UUID.test(value)) return 'expected a valid UUID';
  if (typeof value === 'number') {
    const { minimum: min, maximum: max } = schema;
    if (min !== undefined && max !== undefined && (value < min || value > max)) return `value should be between ${Math.trunc(min)} and ${Math.trunc(max)}`;
    if (min !== undefined && max === undefined && value < min) return `value must be greater than ${show(min - 1)}`;
  }
  const [minLen, maxLen] =
    kind === 'string'
      ? [schema.minLength ?? 1, schema.maxLength]
      : kind === 'map'
        ? [schema.minProperties as number | undefined, schema.maxProperties as number | undefined]
        : kind === 'array' || kind === 'set'
          ? [schema.minItems, schema.maxItems]
          : [undefined, undefined];
  if (minLen !== undefined || maxLen !== undefined) {
    const len = lengthOf(value);
    if (minLen !== undefined && minLen === maxLen && len !== minLen) return `length must be ${minLen}`;
    if (minLen !== undefined && len < minLen) return `length must be at least ${minLen}`;
    if (maxLen !== undefined && len > maxLen) return `length must be at most ${maxLen}`;
  }
  return typeof value === 'string' ? runStringBuiltins(schema, value) : null;
}

/**
 * Kong's string validators after the lengths, in `validators_order`: starts_with, not_match,
 * match_none, match, match_all, match_any. Patterns are Lua patterns (`./lua-pattern.ts`);
 * `match_none` / `match_all` / `match_any` fail with their own `err` when they give one.
 */
function runStringBuiltins(schema: JsonSchema, value: string): string | null {
  const invalid = `invalid value: ${value}`;
  const prefix = schema['x-kong-starts-with'];
  if (prefix !== undefined && !value.startsWith(prefix)) return `should start with: ${prefix}`;
  const notMatch = schema['x-kong-not-match'];
  if (notMatch !== undefined && luaMatch(value, notMatch)) return invalid;
  for (const rule of schema['x-kong-match-none'] ?? []) if (luaMatch(value, rule.pattern)) return rule.err ?? invalid;
  const match = schema['x-kong-match'];
  if (match !== undefined && !luaMatch(value, match)) return invalid;
  for (const rule of schema['x-kong-match-all'] ?? []) if (!luaMatch(value, rule.pattern)) return rule.err ?? invalid;
  const any = schema['x-kong-match-any'];
  if (any && !any.patterns.some((pattern) => luaMatch(value, pattern))) return any.err ?? invalid;
  return null;
}

/** Named validators (`x-kong-validator`), in order; the first message wins. */
function runValidators(schema: JsonSchema, value: unknown, options: FieldOptions): string | null {
  const names = schema['x-kong-validator'];
  if (!names) return null;
  for (const name of Array.isArray(names) ? names : [names]) {
    const validator = options.validators[name];
    const message = validator ? validator(value, options.ctx) : null;
    if (message) return message;
  }
  return null;
}

/**
 * A foreign key is checked by its primary key: not a table or no id → `missing primary key`, a
 * bad id → `expected a valid UUID`. When the key is not valid, the fields given are validated
 * against the referenced entity (as a partial update) and their errors, if any, are reported
 * instead (`service.protocol: expected one of: …`).
 */
function validateForeign(schema: JsonSchema, value: unknown, options: FieldOptions): ErrorTree | null {
  const id = isPlainObject(value) ? value.id : undefined;
  let keyError: ErrorTree | null = null;
  if (id === undefined || id === null) keyError = { id: 'missing primary key' };
  else if (typeof id !== 'string' || !UUID.test(id)) keyError = { id: 'expected a valid UUID' };
  if (keyError === null || !isPlainObject(value)) return keyError;
  const target = schema['x-kong-foreign'] && options.foreignSchema?.(schema['x-kong-foreign'].entity);
  const fieldErrors = target ? validateRecord(target, value, options, false) : null;
  return fieldErrors ?? keyError;
}

/**
 * A record's fields and unknown keys, then the record's own entity checks (`x-kong-checks`, as a
 * nested record always validates in full). `full` (insert, upsert, nested records) also reports
 * absent required fields; an update reports only explicit nulls.
 */
export function validateRecord(schema: JsonSchema, value: Record<string, unknown>, options: FieldOptions, full = true): Record<string, ErrorTree> | null {
  const errors: Record<string, ErrorTree> = {};
  const props = schema.properties ?? {};
  for (const [key, v] of Object.entries(value)) if (!Object.hasOwn(props, key) && v !== undefined) setField(errors, key, 'unknown field');
  for (const [name, field] of Object.entries(props)) {
    if (field['x-kong-shorthand'] || field['x-kong-pseudo']) continue;
    const v = value[name];
    if (v === undefined && !full) continue;
    const error = validateValue(field, v, options);
    if (error !== null) errors[name] = error;
  }
  const checks = schema['x-kong-checks'];
  if (checks) runEntityChecks(schema, value, errors, checks, { ...options, checks: [], custom: options.custom ?? {}, mode: 'insert' });
  return Object.keys(errors).length > 0 ? errors : null;
}

/** Field errors, unknown fields, then entity checks and custom checks: the whole tree, or null. */
export function validateEntity(schema: JsonSchema, value: Record<string, unknown>, options: EntityOptions): ErrorTree | null {
  // validateRecord returns a fresh object: no copy (it may hold one key per element of a huge array body)
  const tree: Record<string, ErrorTree> = validateRecord(schema, value, options, options.mode !== 'update') ?? {};
  const checks = [...options.checks, ...((schema.properties?.config?.['x-kong-plugin-checks'] as EntityCheck[] | undefined) ?? [])];
  runEntityChecks(schema, value, tree, checks, options);
  return Object.keys(tree).length > 0 ? tree : null;
}

/** De-duplicates sets (first occurrence kept), recursively through records, arrays and maps. */
export function normalizeSets(schema: JsonSchema, value: unknown): unknown {
  const kind = kindOf(schema);
  if ((kind === 'set' || kind === 'array') && Array.isArray(value)) {
    const items = schema.items ? value.map((v) => normalizeSets(schema.items!, v)) : value;
    if (kind === 'array') return items;
    const seen = new Set<string>();
    return items.filter((v) => {
      const key = JSON.stringify(v);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  if (kind === 'map' && isPlainObject(value) && typeof schema.additionalProperties === 'object') {
    const values = schema.additionalProperties;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeSets(values, v)]));
  }
  if (kind === 'record' && schema.properties && isPlainObject(value)) {
    const out: Record<string, unknown> = { ...value };
    for (const [name, field] of Object.entries(schema.properties)) if (name in out) out[name] = normalizeSets(field, out[name]);
    return out;
  }
  return value;
}
