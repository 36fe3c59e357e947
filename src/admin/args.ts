/**
 * Query strings and form bodies as Kong decodes them (reference §2.2): keys with dots and
 * brackets become nested values, then values are typed by the entity's schema.
 */
import type { JsonSchema } from '../spec/index.ts';
import { isPlainObject, kindOf, setField } from './schema-walk.ts';
import type { Result } from './result.ts';
import { tooManyArguments } from './errors.ts';
import { MAX_ARGUMENTS } from './limits.ts';
import { percentDecode } from './percent.ts';

export type ArgValue = string | true;

/** Keys that must never become object keys (prototype pollution). */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function decodeComponent(text: string): string {
  return percentDecode(text.replace(/\+/g, ' '));
}

/** `a=1&b&c=x+y` → [['a','1'],['b',true],['c','x y']]. */
export function parseQuery(raw: string): Array<[string, ArgValue]> {
  const pairs: Array<[string, ArgValue]> = [];
  if (raw === '') return pairs;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq === -1) pairs.push([decodeComponent(part), true]);
    else pairs.push([decodeComponent(part.slice(0, eq)), decodeComponent(part.slice(eq + 1))]);
  }
  return pairs;
}

/** Kong reads at most 1000 query or body arguments; more is `400 {"message":"Too many arguments"}`. */
export function checkArgumentCount(pairs: ReadonlyArray<unknown>): Result | null {
  return pairs.length > MAX_ARGUMENTS ? tooManyArguments() : null;
}

type Segment = { key: string } | { index: number } | { append: true };

/**
 * At most MAX_ARGUMENTS values reach an array, so any index above MAX_ARGUMENTS + 1 leaves a hole
 * below it: Kong keeps it as a table key and the field fails its schema as a non-sequence. Every
 * such index becomes this one, which keeps that outcome without materialising a huge array (or,
 * past 2^32 - 2, silently turning the element into a non-index property).
 */
const FIRST_SURE_HOLE_INDEX = MAX_ARGUMENTS + 2;
const MAX_KEY_DEPTH = 1000;

function arrayIndex(digits: string): number {
  const n = digits.length > 10 ? Infinity : Number(digits);
  return Math.min(n, FIRST_SURE_HOLE_INDEX);
}

/** `config.key_names[1]` → key config, key key_names, index 1; dots inside brackets are kept. */
function parseKey(name: string, mapKeys: boolean): Segment[] {
  if (name.startsWith('.') || name.endsWith('.')) return [{ key: name }];
  const segments: Segment[] = [];
  // sticky: each match must start where the last ended, so a key of 150k `[` fails in one pass
  const re = /([^.[\]]+)|\[([^\]]*)\]|(\.)/y;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = re.exec(name)) !== null) {
    if (match.index !== consumed) return [{ key: name }];
    consumed = re.lastIndex;
    if (match[1] !== undefined) segments.push({ key: match[1] });
    else if (match[2] !== undefined) {
      const inner = match[2];
      if (inner === '') segments.push({ append: true });
      else if (/^\d+$/.test(inner)) segments.push({ index: arrayIndex(inner) });
      else if (mapKeys) segments.push({ key: inner });
      else return [{ key: name }];
    }
  }
  if (consumed !== name.length || segments.length === 0 || !('key' in segments[0])) return [{ key: name }];
  // deeper than a JSON body may nest (cjson's 1000): kept whole, an unknown field, so that no
  // value nests deeper than the recursive validators are known to handle
  if (segments.length > MAX_KEY_DEPTH) return [{ key: name }];
  return segments;
}

type Node = Record<string, unknown> | unknown[];

function put(container: Node, segment: Segment, value: unknown, last: boolean): unknown {
  if (Array.isArray(container)) {
    if ('append' in segment) {
      if (last) container.push(value);
      else container.push(value);
      return container[container.length - 1];
    }
    const i = 'index' in segment ? segment.index - 1 : Number.NaN;
    if (Number.isNaN(i) || i < 0) return undefined;
    if (last) container[i] = merge(container[i], value);
    else container[i] ??= value;
    return container[i];
  }
  const key = 'key' in segment ? segment.key : 'index' in segment ? String(segment.index) : '';
  if (FORBIDDEN_KEYS.has(key)) return undefined;
  if (last) container[key] = merge(container[key], value);
  else if (!(key in container) || container[key] === undefined) container[key] = value;
  return container[key];
}

/** Repeated scalars collect into an array; tables merge. */
function merge(existing: unknown, value: unknown): unknown {
  if (existing === undefined) return value;
  if (Array.isArray(existing)) return [...existing, value];
  return [existing, value];
}

/**
 * Kong's `%5B(.*?)%5D` → `[$1]` (case-insensitive) in one left-to-right pass: once no `%5D`
 * follows an opening `%5B`, none follows a later one either, so the scan stops there.
 */
function unescapeBrackets(name: string): string {
  const open = /%5b/gi;
  const close = /%5d/gi;
  let out = '';
  let copied = 0;
  for (let start = open.exec(name); start !== null; start = open.exec(name)) {
    close.lastIndex = open.lastIndex;
    const end = close.exec(name);
    if (end === null) break;
    out += `${name.slice(copied, start.index)}[${name.slice(open.lastIndex, end.index)}]`;
    copied = open.lastIndex = close.lastIndex;
  }
  return copied === 0 ? name : out + name.slice(copied);
}

export function decodeArgs(pairs: ReadonlyArray<readonly [string, unknown]>, options: { mapKeys: boolean }): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [rawName, value] of pairs) {
    const name = unescapeBrackets(rawName);
    const segments = parseKey(name, options.mapKeys);
    let node: unknown = root;
    for (let i = 0; i < segments.length; i++) {
      const last = i === segments.length - 1;
      const next = segments[i + 1];
      const fresh = next ? ('key' in next ? {} : []) : value;
      if (typeof node !== 'object' || node === null) break;
      const child = put(node as Node, segments[i], fresh, last);
      if (!last && (typeof child !== 'object' || child === null)) break;
      node = child;
    }
  }
  return root;
}

/**
 * Lua's `tonumber` on a string: decimal or hex, surrounding whitespace (C `isspace`) allowed;
 * null when not a number. The expression has one way to match any text, so it runs in linear time.
 */
export function luaToNumber(text: string): number | null {
  const m = /^[ \t\n\v\f\r]*([-+]?)(?:0[xX]([0-9a-fA-F]+)|((?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?))[ \t\n\v\f\r]*$/.exec(text);
  if (!m) return null;
  const n = m[2] !== undefined ? parseInt(m[2], 16) : Number(m[3]);
  if (!Number.isFinite(n)) return null;
  return m[1] === '-' ? -n : n;
}

/**
 * Types form and query values by the schema (`infer_value`): `""` → null, numeric strings →
 * numbers, exactly `true`/`false` → booleans, a scalar for an array/set → one-element array,
 * maps by their value schema, non-abstract records by their fields; anything else stays as sent.
 */
export function inferValue(schema: JsonSchema, value: unknown): unknown {
  if (value === '' || value === null) return null;
  switch (kindOf(schema)) {
    case 'integer':
    case 'number':
      return typeof value === 'string' ? (luaToNumber(value) ?? value) : value;
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'array':
    case 'set': {
      if (isPlainObject(value)) return value;
      const list = Array.isArray(value) ? value : [value];
      return schema.items ? list.map((v) => inferValue(schema.items!, v)) : list;
    }
    case 'map': {
      if (!isPlainObject(value) || typeof schema.additionalProperties !== 'object') return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) setField(out, k, inferValue(schema.additionalProperties, v));
      return out;
    }
    case 'foreign':
    case 'record': {
      if (!isPlainObject(value) || !schema.properties || schema['x-kong-abstract']) return value;
      const out: Record<string, unknown> = {};
      // a foreign key's other fields (service.name=) are not in its schema; an empty one is still null
      for (const [k, v] of Object.entries(value)) setField(out, k, Object.hasOwn(schema.properties, k) ? inferValue(schema.properties[k], v) : v === '' ? null : v);
      return out;
    }
    default:
      return value;
  }
}
