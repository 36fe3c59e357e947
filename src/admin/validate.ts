/**
 * Schema validation with Kong's messages (reference §3.3, §3.5): field checks in Kong's order,
 * element errors as arrays with null holes, unknown fields, then entity checks.
 */
import type { EntityCheck, JsonSchema } from '../spec/index.ts';
import type { Validator, ValidatorContext } from '../entities/types.ts';
import { getPath, isNullable, isPlainObject, kindOf, setPath } from './schema-walk.ts';

export type ErrorTree = string | Array<ErrorTree | null> | { [key: string]: ErrorTree };

export type CustomCheck = (entity: Record<string, unknown>, ctx: ValidatorContext) => ErrorTree | null;

export interface FieldOptions {
  validators: Record<string, Validator>;
  ctx: ValidatorContext;
}

export interface EntityOptions extends FieldOptions {
  checks: EntityCheck[];
  custom: Record<string, CustomCheck>;
  mode: 'insert' | 'update' | 'upsert';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const TYPE_MESSAGES: Record<string, string> = {
  string: 'expected a string',
  integer: 'expected an integer',
  number: 'expected a number',
  boolean: 'expected a boolean',
  array: 'expected an array',
  set: 'expected a set',
  record: 'expected a record',
  map: 'expected a map',
};

function typeOk(kind: string, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
    case 'set':
      return Array.isArray(value);
    case 'record':
    case 'map':
      return isPlainObject(value);
    default:
      return true;
  }
}

function show(value: unknown): string {
  return value === null ? 'null' : typeof value === 'string' ? value : JSON.stringify(value);
}

/** Validates one value against its field schema; null means valid. */
export function validateValue(schema: JsonSchema, value: unknown, options: FieldOptions): ErrorTree | null {
  if (value === undefined || value === null) return isNullable(schema) ? null : 'required field missing';
  const kind = kindOf(schema);
  if (kind === 'foreign') return schema.const === null ? 'value must be null' : validateForeign(value);
  if (!typeOk(kind, value)) return TYPE_MESSAGES[kind] ?? null;

  if (schema.const !== undefined && value !== schema.const) return `value must be ${show(schema.const)}`;
  if (schema.enum && !schema.enum.some((e) => e === value)) {
    return `expected one of: ${schema.enum.filter((e) => e !== null).map(show).join(', ')}`;
  }
  if (typeof value === 'number') {
    if (schema.exclusiveMinimum !== undefined && !(value > schema.exclusiveMinimum)) return `value must be greater than ${schema.exclusiveMinimum}`;
    if (schema.minimum !== undefined && schema.maximum !== undefined && (value < schema.minimum || value > schema.maximum)) {
      return `value should be between ${schema.minimum} and ${schema.maximum}`;
    }
    if (schema.minimum !== undefined && schema.maximum === undefined && value < schema.minimum) return `value must be greater than ${schema.minimum - 1}`;
  }
  if (schema.format === 'uuid' && typeof value === 'string' && !UUID.test(value)) return 'expected a valid UUID';
  if (typeof value === 'string') {
    const min = schema.minLength ?? 1;
    if ([...value].length < min) return `length must be at least ${min}`;
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return `length must be at most ${schema.maxLength}`;
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return `length must be at least ${schema.minItems}`;
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return `length must be at most ${schema.maxItems}`;
    if (schema.items) {
      const errors = value.map((v) => validateValue(schema.items!, v, options));
      if (errors.some((e) => e !== null)) return errors;
    }
  }
  if (kind === 'record' && schema.properties) return validateRecord(schema, value as Record<string, unknown>, options);
  if (kind === 'map') {
    const values = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    const keys = schema.propertyNames as JsonSchema | undefined;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const keyError = keys ? validateValue(keys, k, options) : null;
      if (keyError) return flattenToString(keyError);
      const valueError = values ? validateValue(values, v, options) : null;
      if (valueError) return flattenToString(valueError);
    }
  }
  return runValidators(schema, value, options);
}

function flattenToString(tree: ErrorTree): string {
  if (typeof tree === 'string') return tree;
  const first = (Array.isArray(tree) ? tree : Object.values(tree)).find((x) => x !== null && x !== undefined);
  return first === undefined || first === null ? 'invalid value' : flattenToString(first);
}

function runValidators(schema: JsonSchema, value: unknown, options: FieldOptions): ErrorTree | null {
  const names = schema['x-kong-validator'];
  if (!names) return null;
  for (const name of Array.isArray(names) ? names : [names]) {
    const validator = options.validators[name];
    const message = validator ? validator(value, options.ctx) : null;
    if (message) return message;
  }
  return null;
}

function validateForeign(value: unknown): ErrorTree | null {
  if (!isPlainObject(value)) return { id: 'missing primary key' };
  const id = value.id;
  if (id === undefined || id === null) return { id: 'missing primary key' };
  if (typeof id !== 'string' || !UUID.test(id)) return { id: 'expected a valid UUID' };
  return null;
}

/** A record's fields and unknown keys; no entity checks. */
export function validateRecord(schema: JsonSchema, value: Record<string, unknown>, options: FieldOptions): Record<string, ErrorTree> | null {
  const errors: Record<string, ErrorTree> = {};
  const props = schema.properties ?? {};
  for (const key of Object.keys(value)) if (!(key in props)) errors[key] = 'unknown field';
  for (const [name, field] of Object.entries(props)) {
    if (field['x-kong-shorthand'] || field['x-kong-pseudo']) continue;
    const error = validateValue(field, value[name], options);
    if (error !== null) errors[name] = error;
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

function nonEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

const quoted = (names: string[]): string => names.map((n) => `'${n}'`).join(', ');

/** Field errors, unknown fields, then entity checks and custom checks: the whole tree, or null. */
export function validateEntity(schema: JsonSchema, value: Record<string, unknown>, options: EntityOptions): ErrorTree | null {
  const tree: Record<string, ErrorTree> = { ...(validateRecord(schema, value, options) ?? {}) };
  const entity: string[] = [];
  const failed = (names: string[]): boolean => names.some((n) => tree[n.split('.')[0]] !== undefined);
  const checks = [...options.checks, ...((schema.properties?.config?.['x-kong-plugin-checks'] as EntityCheck[] | undefined) ?? [])];
  for (const check of checks) {
    if ('at-least-one-of' in check) {
      const names = check['at-least-one-of'];
      if (!failed(names) && !names.some((n) => nonEmpty(getPath(value, n)))) {
        entity.push(`${options.mode === 'update' ? 'when updating, ' : ''}at least one of these fields must be non-empty: ${quoted(names)}`);
      }
    } else if ('only-one-of' in check) {
      const names = check['only-one-of'];
      if (names.filter((n) => nonEmpty(getPath(value, n))).length > 1) entity.push(`only one or none of these fields must be set: ${quoted(names)}`);
    } else if ('exactly-one-of' in check) {
      const names = check['exactly-one-of'];
      if (names.filter((n) => nonEmpty(getPath(value, n))).length !== 1) entity.push(`exactly one of these fields must be non-empty: ${quoted(names)}`);
    } else if ('mutually-required' in check) {
      const names = check['mutually-required'];
      const set = names.filter((n) => nonEmpty(getPath(value, n))).length;
      if (set > 0 && set < names.length) entity.push(`all or none of these fields must be set: ${quoted(names)}`);
    } else if ('distinct' in check) {
      const names = check.distinct;
      const values = names.map((n) => getPath(value, n)).filter((v) => v !== null && v !== undefined);
      if (new Set(values.map((v) => JSON.stringify(v))).size < values.length) entity.push(`values of these fields must be distinct: ${quoted(names)}`);
    } else if ('conditional' in check) {
      conditional(check.conditional, value, tree, entity, failed);
    } else if ('custom' in check) {
      const fn = options.custom[check.custom];
      const result = fn ? fn(value, options.ctx) : null;
      if (result) mergeTree(tree, entity, result);
    }
  }
  if (entity.length > 0) tree['@entity'] = [...entity, ...((tree['@entity'] as string[] | undefined) ?? [])];
  return Object.keys(tree).length > 0 ? tree : null;
}

type Conditional = Extract<EntityCheck, { conditional: unknown }>['conditional'];

function conditional(c: Conditional, value: Record<string, unknown>, tree: Record<string, ErrorTree>, entity: string[], failed: (n: string[]) => boolean): void {
  if (failed([c.if.field])) return;
  const ifValue = getPath(value, c.if.field);
  const matches = c.if['one-of']
    ? c.if['one-of'].some((v) => v === ifValue)
    : c.if['not-one-of']
      ? ifValue !== null && ifValue !== undefined && !c.if['not-one-of'].some((v) => v === ifValue)
      : 'eq' in c.if
        ? c.if.eq === ifValue
        : false;
  if (!matches) return;
  const thenValue = getPath(value, c.then.field);
  let message: string | null = null;
  if (c.then.null && thenValue !== null && thenValue !== undefined) message = 'value must be null';
  else if (c.then.required && (thenValue === null || thenValue === undefined)) message = 'required field missing';
  else if (c.then['one-of'] && !c.then['one-of'].some((v) => v === thenValue)) message = `expected one of: ${c.then['one-of'].map(show).join(', ')}`;
  if (!message) return;
  setPath(tree as Record<string, unknown>, c.then.field, message);
  entity.push(`failed conditional validation given value of field '${c.if.field}'`);
}

function mergeTree(tree: Record<string, ErrorTree>, entity: string[], extra: ErrorTree): void {
  if (typeof extra === 'string') {
    entity.push(extra);
    return;
  }
  if (Array.isArray(extra)) return;
  for (const [key, value] of Object.entries(extra)) {
    if (key === '@entity' && Array.isArray(value)) entity.push(...(value.filter((v) => typeof v === 'string') as string[]));
    else if (tree[key] === undefined) tree[key] = value;
  }
}

/** De-duplicates sets (first occurrence kept), recursively through records. */
export function normalizeSets(schema: JsonSchema, value: unknown): unknown {
  const kind = kindOf(schema);
  if (kind === 'set' && Array.isArray(value)) {
    const seen = new Set<string>();
    return value.filter((v) => {
      const key = JSON.stringify(v);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  if (kind === 'record' && schema.properties && isPlainObject(value)) {
    const out: Record<string, unknown> = { ...value };
    for (const [name, field] of Object.entries(schema.properties)) if (name in out) out[name] = normalizeSets(field, out[name]);
    return out;
  }
  return value;
}
