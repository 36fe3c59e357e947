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

/** Lua's `%q` quoting (LuaJIT flavour), or a long bracket for strings with newlines, as Penlight does. */
export function luaQuote(text: string): string {
  const brackets = [...text.matchAll(/\[(=*)\[|\](=*)\]/g)];
  if ((text.includes('\n') || brackets.length > 0) && !text.includes('\r')) {
    const level = brackets.length > 0 ? brackets.reduce((deepest, m) => Math.max(deepest, (m[1] ?? m[2]).length), 0) + 1 : 0;
    const eq = '='.repeat(level);
    return `[${eq}[${text.startsWith('\n') ? '\n' : ''}${text}]${eq}]`;
  }
  let out = '"';
  for (const ch of text) {
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\r') out += '\\r';
    else if (ch === '\0') out += '\\0';
    else if (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127) out += `\\${ch.charCodeAt(0)}`;
    else out += ch;
  }
  return `${out}"`;
}

const LUA_KEYWORDS = new Set(
  'and break do else elseif end false for function goto if in local nil not or repeat return then true until while'.split(' '),
);
const byKey = ([a]: [string, unknown], [b]: [string, unknown]): number => (a < b ? -1 : a > b ? 1 : 0);

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return luaQuote(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(14)));
  return String(value);
}

/** Penlight's table writer: array part first (up to the first hole), then the other keys sorted. */
function luaWrite(value: unknown, space: string, indent: string): string {
  if (typeof value !== 'object' || value === null) return scalar(value);
  const set = space === '' ? '=' : ' = ';
  const inner = indent + space;
  const items: string[] = [];
  const rest: Array<[string, unknown]> = [];
  if (Array.isArray(value)) {
    let i = 0;
    for (; i < value.length && value[i] !== null && value[i] !== undefined; i++) items.push(luaWrite(value[i], space, inner));
    for (; i < value.length; i++) if (value[i] !== null && value[i] !== undefined) rest.push([`[${i + 1}]`, value[i]]);
  } else {
    for (const [k, v] of Object.entries(value).sort(byKey)) {
      if (v === undefined) continue;
      rest.push([/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !LUA_KEYWORDS.has(k) ? k : `[${luaQuote(k)}]`, v]);
    }
  }
  for (const [k, v] of rest) items.push(`${k}${set}${luaWrite(v, space, inner)}`);
  if (items.length === 0) return '{}';
  if (space === '') return `{${items.join(',')}}`;
  return `{\n${items.map((item) => inner + item).join(',\n')}\n${indent}}`;
}

/** A Lua-ish one-line table literal (`pl.pretty.write(t, "")`): keys sorted, strings quoted, null as `null`. */
export function luaLiteral(value: unknown): string {
  return luaWrite(value, '', '');
}

/** The multi-line Penlight rendering (`pl.pretty.write(t)`) used for deeper error tables. */
export function luaPretty(value: unknown): string {
  return luaWrite(value, '  ', '');
}

/** Field names in byField order, each name's number worked out once (not once per comparison). */
function sortedFields(names: string[]): string[] {
  const keyed = names.map((name) => ({ name, n: /^\d+$/.test(name) ? Number(name) : Number.NaN }));
  keyed.sort((a, b) => (!Number.isNaN(a.n) && !Number.isNaN(b.n) ? a.n - b.n : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return keyed.map((k) => k.name);
}

/** Kong's message items: `@entity` messages in order, then fields sorted, one level of sub-keys. */
export function violationItems(tree: ErrorTree): string[] {
  if (typeof tree === 'string') return [tree];
  if (Array.isArray(tree)) return subItems(null, tree);
  const items: string[] = [];
  const entity = tree['@entity'];
  if (Array.isArray(entity)) for (const m of entity) if (m !== null) items.push(typeof m === 'string' ? m : luaPretty(m));
  else if (typeof entity === 'string') items.push(entity);
  for (const key of sortedFields(Object.keys(tree).filter((k) => k !== '@entity'))) {
    const node = tree[key];
    if (node === null || node === undefined) continue;
    if (typeof node === 'string') items.push(`${key}: ${node}`);
    else for (const item of subItems(key, node)) items.push(item);
  }
  return items;
}

function subItems(prefix: string | null, node: Exclude<ErrorTree, string>): string[] {
  const entries: Array<[string, ErrorTree | null]> = Array.isArray(node)
    ? node.map((v, i): [string, ErrorTree | null] => [String(i + 1), v])
    : Object.entries(node);
  const out: string[] = [];
  const byKey = new Map(entries);
  for (const key of sortedFields(entries.map(([k]) => k))) {
    const value = byKey.get(key);
    if (value === null || value === undefined) continue;
    const text = typeof value === 'string' ? value : luaPretty(value);
    out.push(prefix === null ? `${key}: ${text}` : `${prefix}.${key}: ${text}`);
  }
  return out;
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

/** `invalidOffset(raw, 'bad base64 encoding')`; a single argument is taken as the whole message. */
export function invalidOffset(rawOrText: string, reason?: string): Result {
  return dbError(400, 7, 'invalid offset', reason === undefined ? rawOrText : `'${rawOrText}' is not a valid offset: ${reason}`);
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
  const lines = Object.keys(fields)
    .sort()
    .flatMap((field) => Object.keys(fields[field]).sort().map((key) => `${field}.${key}: ${fields[field][key]}`));
  return dbError(400, 13, 'foreign keys unresolved', summarize(lines, 'foreign key unresolved', 'foreign keys unresolved'), { fields });
}

export function declarativeConfig(text: string, fields: unknown): Result {
  return dbError(400, 14, 'invalid declarative configuration', `declarative config is invalid: ${text}`, { fields });
}

export function referencedByOthers(text: string): Result {
  return dbError(400, 19, 'referenced by others', text);
}

/** DB-less refusals: `cannot create 'routes' entities [by 'name'] when not using a database`. */
export function operationUnsupportedFor(verb: 'create' | 'update' | 'create or update' | 'remove', table: string, byField?: string): Result {
  const by = byField === undefined ? '' : ` by '${byField}'`;
  return operationUnsupported(`cannot ${verb} '${table}' entities${by} when not using a database`);
}

/** Kong's message for the statuses a fault is usually injected with; others take their class's. */
const FAULT_MESSAGES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request body too large',
  429: 'API rate limit exceeded',
  500: 'An unexpected error occurred',
  502: 'An invalid response was received from the upstream server',
  503: 'Service unavailable',
  504: 'The upstream server is timing out',
};

/** The answer of an injected fault: the chosen status with a Kong-shaped body. */
export function injectedFault(status: number, text?: string): Result {
  if (status === 204 || status === 304 || status < 200) return { status };
  const fallback = status >= 500 ? FAULT_MESSAGES[500] : status >= 400 ? FAULT_MESSAGES[400] : 'OK';
  return message(status, text ?? FAULT_MESSAGES[status] ?? fallback);
}

/** A request to the mock's own control surface (`/__mock/…`) that it cannot act on. */
export const badControlRequest = (text: string): Result => message(400, text);
