/**
 * Request body pre-checks (reference §1.2): which content types are accepted, JSON parsing, and
 * form/multipart fields handed on as key/value pairs for decoding. Only PUT, POST and PATCH bodies
 * are looked at; every other method reads as no body.
 */
import type { Result } from './result.ts';
import { MAX_BODY_BYTES } from './limits.ts';
import { bodyTooLarge, cannotParseJson, unsupportedMediaType } from './errors.ts';
import { parseQuery } from './args.ts';

/** A form or multipart field: text, `true` for a bare key, or the decoded value of a JSON part. */
export type FormPair = [string, unknown];

export type BodyRead =
  | { kind: 'none' }
  | { kind: 'json'; value: Record<string, unknown> }
  | { kind: 'form'; pairs: FormPair[] }
  | { kind: 'text'; text: string }
  | { error: Result };

export interface BodyRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array | null;
}

const NEEDS_BODY = new Set(['POST', 'PUT', 'PATCH']);
const ACCEPTED = ['application/json', 'multipart/form-data', 'application/x-www-form-urlencoded'];

/**
 * JSON.parse keeps `__proto__`, `constructor` and `prototype` as plain own fields (it never sets a
 * prototype), so Kong's `unknown field` can be reported for them; the write path copies fields
 * with `setField`. Nesting deeper than cjson's 1000 levels is refused as Kong refuses it.
 */
export function parseJsonSafely(text: string): unknown {
  if (nestingDepth(text) > MAX_JSON_DEPTH) throw new SyntaxError('too many nested data structures');
  return JSON.parse(text);
}

/** Kong's cjson decodes at most 1000 nested arrays and objects. */
const MAX_JSON_DEPTH = 1000;

/** The deepest nesting of arrays and objects in a JSON text, in one pass (strings skipped). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // skip the string, honouring backslash escapes
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

function header(req: BodyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export interface BodyOptions {
  /** The `/config` endpoint also accepts `application/yaml` and `text/yaml`, handed on as text. */
  yaml?: boolean;
}

/** The body as Kong's Admin API reads it, or the error it answers with. */
export async function readBody(req: BodyRequest, options: BodyOptions = {}): Promise<BodyRead> {
  if (!NEEDS_BODY.has(req.method.toUpperCase())) return { kind: 'none' };
  const bytes = req.body;
  // nginx (client_max_body_size 10m on the Admin API) refuses before Kong sees the request.
  if (bytes !== null && bytes.length > MAX_BODY_BYTES) return { error: bodyTooLarge() };
  const ct = header(req, 'content-type');
  if (ct === undefined) return bytes === null || bytes.length === 0 ? { kind: 'none' } : { error: unsupportedMediaType() };
  const text = bytes === null ? '' : new TextDecoder().decode(bytes);
  if (options.yaml && (ct.startsWith('application/yaml') || ct.startsWith('text/yaml'))) return { kind: 'text', text };
  if (!ACCEPTED.some((prefix) => ct.startsWith(prefix))) return { error: unsupportedMediaType() };
  if (ct.toLowerCase().includes('application/json')) return readJson(text);
  if (ct.startsWith('application/x-www-form-urlencoded')) return { kind: 'form', pairs: parseQuery(text) };
  return readMultipart(ct, bytes, text);
}

function readJson(text: string): BodyRead {
  let value: unknown;
  try {
    value = parseJsonSafely(text);
  } catch {
    return { error: cannotParseJson() };
  }
  // A JSON scalar (`5`, `"x"`, `null`) makes Kong's parameter merge throw (a 500). The mock never
  // answers bad input with a 500: it says, in Kong's words, that it cannot use the body.
  if (typeof value !== 'object' || value === null) return { error: cannotParseJson() };
  // An array is a Lua table with keys 1..n: `[]` is an empty body, elements become fields "1", "2", ….
  if (Array.isArray(value)) {
    const fields: Record<string, unknown> = {};
    for (let i = 0; i < value.length; i++) fields[String(i + 1)] = value[i];
    return { kind: 'json', value: fields };
  }
  return { kind: 'json', value: value as Record<string, unknown> };
}

/** Which parts (in order) declare `Content-Type: application/json`; the fetch FormData parser forgets it for text parts. */
function jsonParts(ct: string, text: string): boolean[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(ct);
  if (!boundary) return [];
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  const parts = text.split(delimiter).slice(1);
  const flags: boolean[] = [];
  for (const part of parts) {
    if (part.startsWith('--')) break;
    const end = part.indexOf('\r\n\r\n');
    const head = end === -1 ? part : part.slice(0, end);
    flags.push(/^content-type:[ \t]*application\/json/im.test(head));
  }
  return flags;
}

async function readMultipart(ct: string, bytes: Uint8Array | null, text: string): Promise<BodyRead> {
  if (bytes === null || bytes.length === 0) return { kind: 'form', pairs: [] };
  let form: FormData;
  try {
    form = await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { headers: { 'content-type': ct } }).formData();
  } catch {
    return { kind: 'form', pairs: [] };
  }
  const flags = jsonParts(ct, text);
  const pairs: FormPair[] = [];
  let index = 0;
  for (const [name, entry] of form.entries()) {
    const content = typeof entry === 'string' ? entry : await entry.text();
    const isJson = flags[index] ?? (typeof entry !== 'string' && entry.type.startsWith('application/json'));
    index++;
    if (isJson) {
      try {
        pairs.push([name, parseJsonSafely(content)]);
        continue;
      } catch {
        // Kong keeps an undecodable JSON part as its text.
      }
    }
    pairs.push([name, content]);
  }
  return { kind: 'form', pairs };
}
