/**
 * Kong's `/config` error bodies (reference §7.7): code 14 with the error tree in `fields` and
 * rendered as a Lua table in the message, and the `flattened_errors` list of `flatten_errors=1`.
 */
import type { Result } from '../admin/result.ts';
import { declarativeConfig, luaLiteral } from '../admin/errors.ts';
import type { Path, Step } from './plan.ts';
import { setAt } from './plan.ts';

/** An entity that failed to load, with the error Kong would file and where it files it. */
export interface EntityFailure {
  step: Step;
  error: unknown;
  path: Path;
}

interface AdminErrorBody {
  code?: number;
  message?: string;
  fields?: Record<string, unknown>;
}

function quoted(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The endpoint key and value an entity declared without an id got its id from. */
function derivedKey(step: Step): [string, unknown] | undefined {
  const key = step.entity.endpointKey;
  if (step.input.id !== undefined || key === undefined || step.entity.cacheKey) return undefined;
  const value = step.input[key];
  return value === undefined || value === null ? undefined : [key, value];
}

/** The declarative error for one entity, from the Admin API's answer to its POST. */
export function entityError(step: Step, body: AdminErrorBody): unknown {
  const table = step.entity.name;
  const fields = body.fields ?? {};
  switch (body.code) {
    case 1:
    case 2:
      return fields;
    case 3: {
      // an id derived from a repeated endpoint key: Kong reports the key, which it checks first
      const key = derivedKey(step);
      if (key) return `uniqueness violation: '${table}' entity with ${key[0]} set to '${quoted(key[1])}' already declared`;
      return `uniqueness violation: '${table}' entity with primary key set to '${step.id}' already declared`;
    }
    case 5: {
      const [key, value] = Object.entries(fields)[0] ?? ['id', step.id];
      return `uniqueness violation: '${table}' entity with ${key} set to '${quoted(value)}' already declared`;
    }
    case 13:
      // a list of messages, one per unresolved reference
      return Object.entries(fields).map(([field, keys]) => {
        const target = step.entity.foreignKeys.find((fk) => fk.field === field)?.entity ?? field;
        const given = step.input[field] ?? Object.values(keys as Record<string, unknown>)[0];
        return `invalid reference '${field}: ${quoted(given)}' (no such entry in '${target}')`;
      });
    default:
      return body.message ?? 'An unexpected error occurred';
  }
}

/**
 * Where Kong files an entity's error: schema errors and duplicate ids at the entity's place in the
 * input (`services[1].routes[2]`); a duplicate endpoint key at the entity's index in its own list;
 * other duplicate unique fields and unresolved references by the entity's endpoint key (its id, or
 * its index, when it has none), under the entity's name at the top.
 */
export function errorPath(step: Step, body: AdminErrorBody): Path {
  const table = step.entity.name;
  const index = step.path[step.path.length - 1];
  const endpointKey = step.entity.endpointKey;
  const keyValue = endpointKey === undefined ? undefined : step.input[endpointKey];
  const byKey = typeof keyValue === 'string' ? keyValue : typeof step.input.id === 'string' ? step.input.id : index;
  if (body.code === 5) {
    const field = Object.keys(body.fields ?? {})[0];
    return field === endpointKey ? [table, index] : [table, byKey];
  }
  if (body.code === 13) return [table, byKey];
  if (body.code === 3 && derivedKey(step)) return [table, index];
  return step.path;
}

/** The whole error tree, each failure where Kong files it. */
export function errorTree(failures: EntityFailure[]): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  // a section with errors filed by key is an object (a Lua table with both kinds of keys)
  for (const { path } of failures) if (typeof path[1] === 'string') tree[path[0]] ??= {};
  for (const { path, error } of failures) {
    const keyed = !Array.isArray(tree[path[0]]) && typeof tree[path[0]] === 'object' && typeof path[1] === 'number';
    // in such a section, an index is written as Lua counts (from 1)
    setAt(tree, keyed ? [path[0], String((path[1] as number) + 1), ...path.slice(2)] : path, error);
  }
  return tree;
}

export function declarativeError(tree: Record<string, unknown>): Result {
  return declarativeConfig(luaLiteral(tree), tree);
}

/** Text that is not a JSON or YAML object: `{error="failed parsing declarative configuration: …"}`. */
export function parseError(text: string): Result {
  return declarativeError({ error: text });
}

interface FlatError {
  type: 'field' | 'entity';
  field?: string;
  message: string;
}

function categorize(errors: unknown, ns: string | undefined, out: FlatError[]): void {
  if (typeof errors === 'string') {
    out.push({ type: 'entity', message: errors });
    return;
  }
  if (typeof errors !== 'object' || errors === null) return;
  for (const [key, value] of Object.entries(errors)) {
    if (value === null || value === undefined) continue;
    if (key === '@entity') {
      for (const m of Array.isArray(value) ? value : [value]) if (typeof m === 'string') out.push({ type: 'entity', message: m });
      continue;
    }
    const field = ns === undefined ? key : `${ns}.${Array.isArray(errors) ? Number(key) + 1 : key}`;
    if (typeof value === 'string') out.push({ type: 'field', field, message: value });
    else categorize(value, field, out);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `flattened_errors`: one record per failed entity filed by its index; those filed by an endpoint
 * key cannot be matched to an input entity and stay in `fields`, as in Kong.
 */
export function flattenedError(failures: EntityFailure[]): Result {
  const byIndex = failures.filter((f) => typeof f.path[1] === 'number');
  const rest = errorTree(failures.filter((f) => typeof f.path[1] !== 'number'));
  const flattened = byIndex.map(({ step, error }) => {
    const errors: FlatError[] = [];
    categorize(error, undefined, errors);
    const { input } = step;
    const record: Record<string, unknown> = { entity_type: step.entity.name.replace(/s$/, '') };
    if (typeof input.name === 'string' && input.name !== '') record.entity_name = input.name;
    if (typeof input.id === 'string' && UUID.test(input.id)) record.entity_id = input.id;
    if (Array.isArray(input.tags) && input.tags.every((t) => typeof t === 'string')) record.entity_tags = input.tags;
    return { ...record, entity: input, errors };
  });
  const result = declarativeError(rest);
  return { ...result, body: { ...(result.body as Record<string, unknown>), flattened_errors: flattened } };
}

export type { Path };
