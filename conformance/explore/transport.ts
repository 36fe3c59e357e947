/**
 * How the explorer talks to a server: one small interface, two implementations. Over HTTP for a
 * real target (with a timeout, so a server that hangs cannot stall a run), and in process through
 * `AdminHandler.handle` for the built-in reference and for tests (no sockets, hence fast).
 */
import type { AdminHandler } from '../../src/admin/types.ts';

export interface ExploreRequest {
  method: string;
  /** The path as sent, percent-encoded where needed; may carry a query string (a `next` link). */
  path: string;
  /** Extra query string without `?` (`size=2&tags=a`). */
  query?: string;
  json?: unknown;
  /** A form body (`application/x-www-form-urlencoded`), in order; instead of `json`. */
  form?: Array<[string, string]>;
}

export interface ExploreResponse {
  status: number;
  /** Parsed JSON when the answer is JSON, its text otherwise, undefined when empty. */
  body: unknown;
}

export interface Transport {
  send(req: ExploreRequest): Promise<ExploreResponse>;
}

/**
 * One side of a comparison. `open` gives the transport for one generated sequence: a fresh mock
 * each time in process; the same server over HTTP, which is why such a side is `persistent` and
 * the explorer deletes what a sequence created before the next one starts.
 */
export interface ExploreSide {
  label: string;
  persistent: boolean;
  open(): Promise<Transport>;
}

function parseBody(text: string, contentType: string): unknown {
  if (text === '') return undefined;
  if (!contentType.includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The body as bytes to send and its content type, or null when there is none. */
function encodeBody(req: ExploreRequest): { text: string; type: string } | null {
  if (req.form !== undefined) return { text: new URLSearchParams(req.form).toString(), type: 'application/x-www-form-urlencoded' };
  if (req.json !== undefined) return { text: JSON.stringify(req.json), type: 'application/json' };
  return null;
}

function splitPath(req: ExploreRequest): { path: string; query: string } {
  const q = req.path.indexOf('?');
  const path = q === -1 ? req.path : req.path.slice(0, q);
  const inPath = q === -1 ? '' : req.path.slice(q + 1);
  return { path, query: [inPath, req.query ?? ''].filter(Boolean).join('&') };
}

export function inProcessTransport(handler: AdminHandler): Transport {
  const encoder = new TextEncoder();
  return {
    async send(req) {
      const { path, query } = splitPath(req);
      const encoded = encodeBody(req);
      const body = encoded ? encoder.encode(encoded.text) : null;
      const headers: Record<string, string> = encoded && body ? { 'content-type': encoded.type, 'content-length': String(body.length) } : {};
      const res = await handler.handle({ method: req.method, path, query, headers, body });
      const contentType = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
      return { status: res.status, body: parseBody(res.body, contentType) };
    },
  };
}

/** A network error with its cause code (`ECONNREFUSED`), or the timeout, in one line. */
function networkError(error: unknown, url: string, timeoutMs: number): Error {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return new Error(`${url}: no answer within ${timeoutMs} ms`);
  const cause = err?.cause?.code ?? err?.cause?.message;
  return new Error(`${url}: ${err?.message ?? String(error)}${cause ? ` (${cause})` : ''}`);
}

export function httpTransport(base: string, timeoutMs: number): Transport {
  const root = base.replace(/\/+$/, '');
  return {
    async send(req) {
      const { path, query } = splitPath(req);
      const url = `${root}${path}${query ? `?${query}` : ''}`;
      const encoded = encodeBody(req);
      const headers: Record<string, string> = encoded ? { 'Content-Type': encoded.type } : {};
      let res: Response;
      let text: string;
      try {
        res = await fetch(url, { method: req.method, headers, body: encoded?.text, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
        text = await res.text();
      } catch (error) {
        throw networkError(error, url, timeoutMs);
      }
      return { status: res.status, body: parseBody(text, res.headers.get('content-type') ?? '') };
    },
  };
}

export function handlerSide(label: string, create: () => AdminHandler | Promise<AdminHandler>): ExploreSide {
  return { label, persistent: false, open: async () => inProcessTransport(await create()) };
}

export function httpSide(base: string, timeoutMs: number): ExploreSide {
  const transport = httpTransport(base, timeoutMs);
  return { label: base, persistent: true, open: async () => transport };
}
