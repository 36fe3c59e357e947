/**
 * Entity checks as Kong's `run_entity_check` runs them (reference §3.5): which checks run with
 * missing or invalid fields, `field required for entity check`, the `when updating` wording, and
 * conditionals that put the then-field's message on that field. Custom checks are merged last in
 * their declared position.
 */
import type { EntityCheck, JsonSchema } from '../spec/index.ts';
import { getPath, isNullable, isPlainObject, setPath } from './schema-walk.ts';
import { show, TYPE_MESSAGES, validateValue, type EntityOptions, type ErrorTree } from './validate.ts';

type Tree = Record<string, ErrorTree>;
type Conditional = Extract<EntityCheck, { conditional: unknown }>['conditional'];

interface Rule {
  fields: string[];
  /** Fields that must be present (not absent) for the check to run. */
  required: string[];
  withMissing: boolean;
  withInvalid: boolean;
  run: () => string | null;
}

/** `is_nonempty`: not null, not `""`, not an empty array or table. */
function nonEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

const quoted = (names: string[]): string => names.map((n) => `'${n}'`).join(', ');

function fieldSchema(schema: JsonSchema, path: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const part of path.split('.')) node = node?.properties?.[part];
  return node;
}

export function runEntityChecks(schema: JsonSchema, value: Record<string, unknown>, tree: Tree, checks: EntityCheck[], options: EntityOptions): void {
  const updating = options.mode === 'update';
  const entity: string[] = [];
  const get = (name: string): unknown => getPath(value, name);
  const list = (names: string[], test: (present: number) => boolean, message: string): Rule['run'] => () =>
    test(names.filter((n) => nonEmpty(get(n))).length) ? null : `${message}: ${quoted(names)}`;

  for (const check of checks) {
    if ('custom' in check) {
      const fn = options.custom[check.custom];
      const result = fn ? fn(value, options.ctx) : null;
      if (result) mergeTree(tree, entity, result);
      continue;
    }
    const rule = ruleFor(check, schema, value, tree, options, list, get, updating);
    const present = rule.fields.filter((n) => get(n) !== undefined);
    if (!rule.withInvalid && rule.fields.some((n) => tree[n] !== undefined)) continue;
    if (present.length === 0 && !(rule.withMissing && !updating)) continue;
    const missing = rule.withMissing ? [] : rule.required.filter((n) => get(n) === undefined);
    if (missing.length > 0) {
      for (const n of missing) setPath(tree, n, `field required for entity check${updating ? ' when updating' : ''}`);
      continue;
    }
    const message = rule.run();
    if (message) entity.push(message);
  }
  if (entity.length > 0) tree['@entity'] = [...((tree['@entity'] as string[] | undefined) ?? []), ...entity];
}

function ruleFor(
  check: Exclude<EntityCheck, { custom: string }>,
  schema: JsonSchema,
  value: Record<string, unknown>,
  tree: Tree,
  options: EntityOptions,
  list: (names: string[], test: (present: number) => boolean, message: string) => Rule['run'],
  get: (name: string) => unknown,
  updating: boolean,
): Rule {
  const simple = (fields: string[], withMissing: boolean, withInvalid: boolean, run: Rule['run']): Rule => ({ fields, required: fields, withMissing, withInvalid, run });
  if ('at-least-one-of' in check) {
    const names = check['at-least-one-of'];
    return simple(names, true, true, list(names, (n) => n > 0, `${updating ? 'when updating, ' : ''}at least one of these fields must be non-empty`));
  }
  if ('exactly-one-of' in check) return simple(check['exactly-one-of'], false, true, list(check['exactly-one-of'], (n) => n === 1, 'exactly one of these fields must be non-empty'));
  if ('only-one-of' in check) return simple(check['only-one-of'], true, false, list(check['only-one-of'], (n) => n <= 1, 'only one or none of these fields must be set'));
  if ('mutually-required' in check) {
    const names = check['mutually-required'];
    return simple(names, true, false, list(names, (n) => n === 0 || n === names.length, 'all or none of these fields must be set'));
  }
  if ('distinct' in check) {
    const names = check.distinct;
    return simple(names, false, true, () => {
      const seen = new Set<string>();
      for (const n of names) {
        const v = get(n);
        if (!nonEmpty(v)) continue;
        const key = JSON.stringify(v);
        if (seen.has(key)) return `values of these fields must be distinct: ${quoted(names)}`;
        seen.add(key);
      }
      return null;
    });
  }
  const c = check.conditional;
  return { fields: [c.if.field, c.then.field], required: [c.if.field], withMissing: false, withInvalid: true, run: () => conditional(c, schema, value, tree, options) };
}

/**
 * Does the if-field's value satisfy the `if`? Kong validates it with the field's own type and
 * validators underneath, so an invalid value never matches, and a null on an optional field
 * matches anything but a non-null `eq`.
 */
function ifMatches(c: Conditional, field: JsonSchema, v: unknown, options: EntityOptions): boolean {
  if (v === undefined || v === null) return !('eq' in c.if && c.if.eq !== null) && isNullable(field);
  if ('eq' in c.if && c.if.eq !== v) return false;
  if (c.if['not-one-of'] && c.if['not-one-of'].some((x) => x === v)) return false;
  if (c.if['one-of'] && !c.if['one-of'].some((x) => x === v)) return false;
  return validateValue(field, v, options) === null;
}

/** The then-field's message: the `then` rule first (after the type), then the field's own validators. */
function thenError(c: Conditional, field: JsonSchema, v: unknown, options: EntityOptions): ErrorTree | null {
  if (v === undefined || v === null) return c.then.required || !isNullable(field) ? 'required field missing' : null;
  if (c.then.null) return 'value must be null';
  const own = validateValue(field, v, options);
  if (typeof own === 'string' && Object.values(TYPE_MESSAGES).includes(own)) return own;
  if (c.then['one-of'] && !c.then['one-of'].some((x) => x === v)) return `expected one of: ${c.then['one-of'].filter((x) => x !== null).map(show).join(', ')}`;
  return own;
}

function conditional(c: Conditional, schema: JsonSchema, value: Record<string, unknown>, tree: Tree, options: EntityOptions): string | null {
  if (!ifMatches(c, fieldSchema(schema, c.if.field) ?? {}, getPath(value, c.if.field), options)) return null;
  const error = thenError(c, fieldSchema(schema, c.then.field) ?? {}, getPath(value, c.then.field), options);
  if (error === null) return null;
  setPath(tree, c.then.field, error);
  return `failed conditional validation given value of field '${c.if.field}'`;
}

function mergeTree(tree: Tree, entity: string[], extra: ErrorTree): void {
  if (typeof extra === 'string') {
    entity.push(extra);
    return;
  }
  if (Array.isArray(extra)) return;
  for (const [key, value] of Object.entries(extra)) {
    if (key === '@entity' && Array.isArray(value)) entity.push(...value.filter((v): v is string => typeof v === 'string'));
    else if (tree[key] === undefined) tree[key] = value;
  }
}
