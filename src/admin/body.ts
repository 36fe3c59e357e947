/**
 * Request body pre-checks (reference §1.2): which content types are accepted, JSON parsing, and
 * form/multipart fields handed on as key/value pairs for decoding.
 */
import type { AdminRequest } from './types.ts';
import type { Result } from './result.ts';
import { MAX_BODY_BYTES } from './limits.ts';
import { bodyTooLarge, cannotParseJson, unsupportedMediaType } from './errors.ts';
import { FORBIDDEN_KEYS, parseQuery, type ArgValue } from './args.ts';

export type BodyRead =
  | { kind: 'none' }
  | { kind: 'json'; value: Record<string, unknown> }
  | { kind: 'form'; pairs: Array<[string, ArgValue]> }
  | { error: Result };

/** JSON.parse that drops `__proto__`/`constructor`/`prototype` keys at every depth. */
export function parseJsonSafely(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => (FORBIDDEN_KEYS.has(key) ? undefined : value));
}

function contentType(req: AdminRequest): string | undefined {
  const ct = req.headers['content-type'];
  return Array.isArray(ct) ? ct[0] : ct;
}

export async function readBody(req: Pick<AdminRequest, 'headers' | 'body'>): Promise<BodyRead> {
  const ct = contentType(req as AdminRequest);
  const bytes = req.body;
  if (ct === undefined) return bytes === null || bytes.length === 0 ? { kind: 'none' } : { error: unsupportedMediaType() };
  if (bytes !== null && bytes.length > MAX_BODY_BYTES) return { error: bodyTooLarge() };
  const text = bytes === null ? '' : new TextDecoder().decode(bytes);
  if (ct.startsWith('application/json')) {
    let value: unknown;
    try {
      value = parseJsonSafely(text);
    } catch {
      return { error: cannotParseJson() };
    }
    // Kong cannot merge a JSON scalar or array body into its parameters; answer clearly instead of a 500.
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: cannotParseJson() };
    return { kind: 'json', value: value as Record<string, unknown> };
  }
  if (ct.startsWith('application/x-www-form-urlencoded')) return { kind: 'form', pairs: parseQuery(text) };
  if (ct.startsWith('multipart/form-data')) {
    if (bytes === null || bytes.length === 0) return { kind: 'form', pairs: [] };
    try {
      const form = await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { headers: { 'content-type': ct } }).formData();
      const pairs: Array<[string, ArgValue]> = [];
      for (const [name, entry] of form.entries()) pairs.push([name, typeof entry === 'string' ? entry : await entry.text()]);
      return { kind: 'form', pairs };
    } catch {
      return { kind: 'form', pairs: [] };
    }
  }
  return { error: unsupportedMediaType() };
}
