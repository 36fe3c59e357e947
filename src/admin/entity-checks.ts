/**
 * Entity checks as Kong's `run_entity_check` runs them (reference §3.5): which checks run with
 * missing or invalid fields, `field required for entity check`, the `when updating` wording, and
 * conditionals that put the then-field's message on that field. Custom checks are merged last in
 * their declared position.
 */
import type { CheckMatch, EntityCheck, JsonSchema } from '../spec/types.ts';
import { getPath, isNullable, isPlainObject, nonEmpty, quoted, setPath } from './schema-walk.ts';
import { luaMatch } from './lua-pattern.ts';
import { show, TYPE_MESSAGES, validateValue, type EntityOptions, type ErrorTree } from './validate.ts';
import { isReference } from '../entities/vault-reference.ts';

type Tree = Record<string, ErrorTree>;
type Conditional = Extract<EntityCheck, { conditional: unknown }>['conditional'];
type ConditionalAtLeastOne = Extract<EntityCheck, { 'conditional-at-least-one-of': unknown }>['conditional-at-least-one-of'];

interface Rule {
  fields: string[];
  /** Fields that must be present (not absent) for the check to run. */
  required: string[];
  withMissing: boolean;
  withInvalid: boolean;
  run: () => string | null;
}


function fieldSchema(schema: JsonSchema, path: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const part of path.split('.')) node = node?.properties?.[part];
  return node;
}

/**
 * Kong's run_entity_check returns without a word when one of the check's fields is a referenceable
 * string holding a vault reference: the value is only known once the vault resolves it. That
 * comes before the missing and invalid fields tests.
 */
function holdsReference(schema: JsonSchema, value: Record<string, unknown>, fields: readonly string[]): boolean {
  return fields.some((name) => {
    const field = fieldSchema(schema, name);
    return field?.['x-kong-referenceable'] === true && isReference(getPath(value, name));
  });
}

export function runEntityChecks(schema: JsonSchema, value: Record<string, unknown>, tree: Tree, checks: EntityCheck[], options: EntityOptions): void {
  const updating = options.mode === 'update';
  const entity: string[] = [];
  const get = (name: string): unknown => getPath(value, name);
  const list = (names: string[], test: (present: number) => boolean, message: string): Rule['run'] => () =>
    test(names.filter((n) => nonEmpty(get(n))).length) ? null : `${message}: ${quoted(names)}`;

  for (const check of checks) {
    if ('custom' in check) {
      if (check.fields && holdsReference(schema, value, check.fields)) continue;
      if (!check['with-invalid-fields'] && check.fields?.some((n) => getPath(tree, n) !== undefined)) continue;
      const fn = options.custom[check.custom];
      const result = fn ? fn(value, options.ctx) : null;
      if (result) mergeTree(tree, entity, result);
      continue;
    }
    const rule = ruleFor(check, schema, value, tree, options, list, get, updating);
    if (holdsReference(schema, value, rule.fields)) continue;
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
  if ('conditional-at-least-one-of' in check) {
    const c = check['conditional-at-least-one-of'];
    const fields = [c.if.field, ...c.then, ...(c['else-then'] ?? [])];
    return { fields, required: [], withMissing: true, withInvalid: true, run: () => conditionalAtLeastOne(c, schema, value, options, updating) };
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
 * Does a value satisfy a match? Kong validates it with the match's rules over the field's own
 * type and validators, so an invalid value never matches, and a null on an optional field
 * matches anything but a non-null `eq`.
 */
function matches(m: CheckMatch, field: JsonSchema, v: unknown, options: EntityOptions): boolean {
  if (v === undefined || v === null) return !(m.eq !== undefined && m.eq !== null) && !m.required && isNullable(field);
  if (m.null) return false;
  if (m.eq !== undefined && m.eq !== v) return false;
  if (m['not-one-of'] && m['not-one-of'].some((x) => x === v)) return false;
  if (m['one-of'] && !m['one-of'].some((x) => x === v)) return false;
  if (m.gt !== undefined && !(typeof v === 'number' && v > m.gt)) return false;
  if (m.contains !== undefined && !(Array.isArray(v) && v.includes(m.contains))) return false;
  if (m['match-any'] && !(typeof v === 'string' && m['match-any'].patterns.some((p) => luaMatch(v, p)))) return false;
  return validateValue(field, v, options) === null && matchValidators(m, v, options) === null;
}

/** A match's own named validators (Kong's `custom_validator` in a match), after the field's. */
function matchValidators(m: CheckMatch, v: unknown, options: EntityOptions): string | null {
  for (const name of m.validator === undefined ? [] : [m.validator].flat()) {
    const validator = options.validators[name];
    if (!validator) throw new Error(`unknown validator ${name} in an entity check`);
    const message = validator(v, options.ctx);
    if (message) return message;
  }
  return null;
}

/** The then-field's message: the type first, then the match's rules in Kong's validator order, then the field's own. */
function thenError(m: CheckMatch, field: JsonSchema, v: unknown, options: EntityOptions): ErrorTree | null {
  if (v === undefined || v === null) {
    if (m.eq !== undefined && m.eq !== null) return `value must be ${show(m.eq)}`;
    return m.required || !isNullable(field) ? 'required field missing' : null;
  }
  if (m.null) return 'value must be null';
  const own = validateValue(field, v, options);
  if (typeof own === 'string' && Object.values(TYPE_MESSAGES).includes(own)) return own;
  if (m.eq !== undefined && m.eq !== v) return `value must be ${show(m.eq)}`;
  if (m['not-one-of'] && m['not-one-of'].some((x) => x === v)) return `value must not be one of: ${m['not-one-of'].map(show).join(', ')}`;
  if (m['one-of'] && !m['one-of'].some((x) => x === v)) return `expected one of: ${m['one-of'].filter((x) => x !== null).map(show).join(', ')}`;
  if (m.gt !== undefined && typeof v === 'number' && !(v > m.gt)) return `value must be greater than ${show(m.gt)}`;
  if (m.contains !== undefined && Array.isArray(v) && !v.includes(m.contains)) return `expected to contain: ${show(m.contains)}`;
  if (m['match-any'] && typeof v === 'string' && !m['match-any'].patterns.some((p) => luaMatch(v, p))) return `invalid value: ${v}`;
  return own ?? matchValidators(m, v, options);
}

function conditional(c: Conditional, schema: JsonSchema, value: Record<string, unknown>, tree: Tree, options: EntityOptions): string | null {
  if (!matches(c.if, fieldSchema(schema, c.if.field) ?? {}, getPath(value, c.if.field), options)) return null;
  const v = getPath(value, c.then.field);
  const error = thenError(c.then, fieldSchema(schema, c.then.field) ?? {}, v, options);
  if (error === null) return null;
  setPath(tree, c.then.field, error);
  // a `required` then-match that fails keeps Kong's generic message even with a custom one
  const plainRequired = c.then.required === true && (v === undefined || v === null);
  return c.err !== undefined && !plainRequired ? c.err.replace('%s', c.if.field) : `failed conditional validation given value of field '${c.if.field}'`;
}

/** Kong's `conditional_at_least_one_of`: when the if-field matches, one of the then-fields must be non-empty (else-branch likewise). */
function conditionalAtLeastOne(c: ConditionalAtLeastOne, schema: JsonSchema, value: Record<string, unknown>, options: EntityOptions, updating: boolean): string | null {
  const v = getPath(value, c.if.field);
  if (v === undefined) return null;
  const field = fieldSchema(schema, c.if.field) ?? {};
  let names: string[];
  let err: string | undefined;
  if (matches(c.if, field, v, options)) {
    names = c.then;
    err = c.err;
  } else if (c.else && matches(c.else, field, v, options)) {
    names = c['else-then'] ?? [];
    err = c['else-err'];
  } else {
    return null;
  }
  if (names.some((n) => nonEmpty(getPath(value, n)))) return null;
  return err !== undefined ? err.replace('%s', quoted(names)) : `${updating ? 'when updating, ' : ''}at least one of these fields must be non-empty: ${quoted(names)}`;
}

function mergeTree(tree: Tree, entity: string[], extra: ErrorTree): void {
  if (typeof extra === 'string') {
    entity.push(extra);
    return;
  }
  if (Array.isArray(extra)) return;
  for (const [key, value] of Object.entries(extra)) {
    if (key === '@entity' && Array.isArray(value)) {
      for (const v of value) if (typeof v === 'string') entity.push(v);
    } else tree[key] = mergeInto(tree[key], value);
  }
}

/**
 * A custom check's errors joined with the field errors already found: records merge key by key
 * (`@entity` lists concatenate), a message already on a field stays.
 */
function mergeInto(existing: ErrorTree | undefined, extra: ErrorTree): ErrorTree {
  if (existing === undefined) return extra;
  if (!isPlainObject(existing) || !isPlainObject(extra)) return existing;
  const out: Record<string, ErrorTree> = { ...(existing as Record<string, ErrorTree>) };
  for (const [key, value] of Object.entries(extra as Record<string, ErrorTree>)) {
    const have = out[key];
    if (key === '@entity' && Array.isArray(have) && Array.isArray(value)) out[key] = [...have, ...value];
    else out[key] = mergeInto(have, value);
  }
  return out;
}
