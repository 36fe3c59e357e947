/**
 * Every error body the Admin API sends, built in one place with Kong's exact shapes and message
 * formats (reference §3). Each builder returns a Result: status + JSON body.
 */
import type { Result } from './result.ts';
import type { ErrorTree } from './validate.ts';

const dbError = (status: number, code: number, name: string, message: string, extra?: Record<string, unknown>): Result => ({
  status,
  body: { code, name, message, ...extra },
});

export const message = (status: number, text: string): Result => ({ status, body: { message: text } });
export const notFound = (): Result => message(404, 'Not found');
export const methodNotAllowed = (): Result => message(405, 'Method not allowed');
export const cannotParseJson = (): Result => message(400, 'Cannot parse JSON body');
export const tooManyArguments = (): Result => message(400, 'Too many arguments');
export const unexpected = (): Result => message(500, 'An unexpected error occurred');
export const bodyTooLarge = (): Result => message(413, 'Request body too large');
/** Kong answers 415 without a body. */
export const unsupportedMediaType = (): Result => ({ status: 415 });

/** A Lua-ish one-line table literal: keys sorted, strings double-quoted, null as `null`. */
export function luaLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `{${value.map(luaLiteral).join(',')}}`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${k}=${luaLiteral(v)}`).join(',')}}`;
}

/** Penlight-style multi-line rendering of a nested error table inside a message. */
function prettyTable(value: unknown, indent = ''): string {
  if (typeof value !== 'object' || value === null) return luaLiteral(value);
  const inner = indent + '  ';
  const entries = Array.isArray(value)
    ? value.map((v, i) => [`[${i + 1}]`, v] as const).filter(([, v]) => v !== null && v !== undefined)
    : Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{\n${entries.map(([k, v]) => `${inner}${k} = ${prettyTable(v, inner)}`).join(',\n')}\n${indent}}`;
}

/** Flattens a validation tree into Kong's message items: `@entity` first, then fields sorted. */
export function violationItems(tree: ErrorTree): string[] {
  if (typeof tree === 'string') return [tree];
  const items: string[] = [];
  const obj = tree as Record<string, ErrorTree>;
  const entity = obj['@entity'];
  if (Array.isArray(entity)) for (const m of entity) if (typeof m === 'string') items.push(m);
  const keys = Object.keys(obj).filter((k) => k !== '@entity').sort();
  for (const key of keys) flatten(key, obj[key], items);
  return items;
}

function flatten(prefix: string, node: ErrorTree | null | undefined, out: string[]): void {
  if (node === null || node === undefined) return;
  if (typeof node === 'string') {
    out.push(`${prefix}: ${node}`);
    return;
  }
  const entries: Array<[string, ErrorTree | null]> = Array.isArray(node)
    ? node.map((v, i): [string, ErrorTree | null] => [String(i + 1), v])
    : Object.entries(node as Record<string, ErrorTree>).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [key, value] of entries) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string') out.push(`${prefix}.${key}: ${value}`);
    else if (Array.isArray(value) && value.every((v) => v === null || typeof v === 'string')) flatten(`${prefix}.${key}`, value, out);
    else out.push(`${prefix}.${key}: ${prettyTable(value)}`);
  }
}

export function summarize(items: string[], one: string, many: string): string {
  return items.length === 1 ? `${one} (${items[0]})` : `${items.length} ${many} (${items.join('; ')})`;
}

export function schemaViolation(tree: ErrorTree): Result {
  const items = violationItems(tree);
  const fields = typeof tree === 'string' ? { '@entity': [tree] } : tree;
  return dbError(400, 2, 'schema violation', summarize(items, 'schema violation', 'schema violations'), { fields });
}

export function invalidPrimaryKey(): Result {
  return dbError(400, 1, 'invalid primary key', `invalid primary key: '{id="expected a valid UUID"}'`, { fields: { id: 'expected a valid UUID' } });
}

export function primaryKeyViolation(id: string): Result {
  return dbError(400, 3, 'primary key violation', `primary key violation on key '${luaLiteral({ id })}'`, { fields: { id } });
}

export function foreignKeyViolation(field: string, parentTable: string, parentId: string): Result {
  return dbError(400, 4, 'foreign key violation', `the foreign key '${luaLiteral({ id: parentId })}' does not reference an existing '${parentTable}' entity.`, {
    fields: { [field]: { id: parentId } },
  });
}

export function restrictViolation(referencingTable: string, table: string): Result {
  return dbError(400, 4, 'foreign key violation', `an existing '${referencingTable}' entity references this '${table}' entity`, {
    fields: { '@referenced_by': referencingTable },
  });
}

export function uniqueViolation(values: Record<string, unknown>): Result {
  return dbError(409, 5, 'unique constraint violation', `UNIQUE violation detected on '${luaLiteral(values)}'`, { fields: values });
}

export function notFoundDao(field: string, value: unknown): Result {
  const text = field === 'id' ? `could not find the entity with primary key '${luaLiteral({ id: value })}'` : `could not find the entity with '${luaLiteral({ [field]: value })}'`;
  return dbError(404, 6, 'not found', text, { fields: { [field]: value } });
}

export function invalidOffset(text: string): Result {
  return dbError(400, 7, 'invalid offset', text);
}

export function invalidSize(text: string): Result {
  return dbError(400, 9, 'invalid size', text);
}

export function invalidUnique(field: string, text: string): Result {
  return dbError(400, 10, `invalid unique ${field}`, text);
}

export function invalidOptions(options: Record<string, string>): Result {
  const items = Object.keys(options).sort().map((k) => `${k}: ${options[k]}`);
  return dbError(400, 11, 'invalid options', summarize(items, 'invalid option', 'option violations'), { options });
}

export function operationUnsupported(text: string): Result {
  return dbError(405, 12, 'operation unsupported', text);
}

export interface UnresolvedKey {
  field: string;
  key: string;
  message: string;
}

export function foreignKeysUnresolved(items: UnresolvedKey[]): Result {
  const fields: Record<string, Record<string, string>> = {};
  for (const { field, key, message: text } of items) (fields[field] ??= {})[key] = text;
  const lines = items.map((i) => `${i.field}.${i.key}: ${i.message}`);
  return dbError(400, 13, 'foreign keys unresolved', summarize(lines, 'foreign key unresolved', 'foreign keys unresolved'), { fields });
}

export function declarativeConfig(text: string, fields: unknown): Result {
  return dbError(400, 14, 'invalid declarative configuration', `declarative config is invalid: ${text}`, { fields });
}

export function referencedByOthers(text: string): Result {
  return dbError(400, 19, 'referenced by others', text);
}
