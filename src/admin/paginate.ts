/**
 * Kong's list paging: `size` checks, base64 keyset offsets, `?tags=` filters and the `next` link.
 */
import type { KongVersion } from '../entities/types.ts';
import { versionAtLeast } from '../entities/types.ts';
import type { TagFilter } from '../store/types.ts';
import { fromBase64, toBase64, utf8Bytes, utf8Text } from '../crypto/bytes.ts';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export type Checked<T> = { ok: T } | { error: 'size-nan' | 'size-range' | 'offset' | 'tags'; message: string; detail?: string };

/** Lua's tonumber for the forms a query string can carry (decimal, exponent, surrounding spaces). */
function luaNumber(raw: string): number | null {
  const s = raw.trim();
  if (s === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^0[xX][0-9a-fA-F]+$/.test(s)) return null;
  return Number(s);
}

/** `size` as Kong reads it; undefined when absent. `clamp` is the targets-list rule (no range check). */
export function parseSize(raw: string | undefined, clamp = false): Checked<number> {
  if (raw === undefined) return { ok: DEFAULT_PAGE_SIZE };
  const n = luaNumber(raw);
  if (n === null) return { error: 'size-nan', message: 'size must be a number' };
  if (clamp) return { ok: Math.max(1, Math.min(Math.floor(n), MAX_PAGE_SIZE)) };
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    return { error: 'size-range', message: 'size must be an integer between 1 and 1000' };
  }
  return { ok: n };
}

/** Standard base64 without `=` padding, as Kong writes offsets. */
export function encodeOffset(primaryKey: unknown[]): string {
  return toBase64(utf8Bytes(JSON.stringify(primaryKey))).replace(/=+$/, '');
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decode an offset token into the primary-key values it holds. */
export function decodeOffset(raw: string): Checked<unknown[]> {
  const bad = (reason: string): Checked<unknown[]> => ({ error: 'offset', message: `'${raw}' is not a valid offset: ${reason}` });
  const unpadded = raw.replace(/=+$/, '');
  if (!BASE64.test(raw) || unpadded.length % 4 === 1) return bad('bad base64 encoding');
  const text = utf8Text(fromBase64(unpadded));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return bad('bad json encoding');
  }
  if (!Array.isArray(value) || value.length === 0) return bad('bad json encoding');
  return { ok: value };
}

/** OpenResty's ngx.escape_uri: everything but A-Z a-z 0-9 - . _ ~ is %XX-encoded (upper-case hex). */
export function escapeUri(text: string): string {
  let out = '';
  for (const byte of utf8Bytes(text)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** The `?tags=` filter (reference §5.3). */
export function parseTagFilter(raw: string | true | undefined): Checked<TagFilter | undefined> {
  if (raw === undefined) return { ok: undefined };
  const invalid = (detail: string): Checked<TagFilter | undefined> => ({ error: 'tags', message: `invalid option (tags: ${detail})`, detail });
  if (raw === true || raw === '') return invalid('cannot be null');
  const hasAnd = raw.includes(',');
  const hasOr = raw.includes('/');
  if (hasAnd && hasOr) return invalid('invalid filter syntax');
  const tags = raw.split(hasOr ? '/' : ',');
  for (const tag of tags) {
    if (tag === '') return invalid('invalid filter syntax');
    for (const ch of tag) {
      const code = ch.codePointAt(0) ?? 0;
      // control characters and bytes that are not UTF-8 (escaped as U+DC80–U+DCFF)
      if (code < 0x20 || code === 0x7f || (code >= 0xdc80 && code <= 0xdcff)) return invalid('invalid filter syntax');
    }
  }
  if (tags.length > 5) return invalid('cannot query more than 5 tags');
  return { ok: { mode: hasOr ? 'or' : 'and', tags } };
}

/** The `next` link of a top-level list: relative path, `&tags=` then `&size=` (3.1+). */
export function topLevelNext(
  version: KongVersion,
  adminPath: string,
  offset: string,
  tagsRaw: string | undefined,
  sizeRaw: string | undefined,
): string {
  let next = `/${adminPath}?offset=${escapeUri(offset)}`;
  if (tagsRaw !== undefined) next += `&tags=${versionAtLeast(version, '3.0') ? escapeUri(tagsRaw) : tagsRaw}`;
  if (sizeRaw !== undefined && versionAtLeast(version, '3.1')) next += `&size=${sizeRaw}`;
  return next;
}

/** The `next` link of a nested list: the request's own path, offset only. */
export function nestedNext(requestPath: string, offset: string): string {
  return `${requestPath}?offset=${escapeUri(offset)}`;
}
