/**
 * Sends a scenario request to a base URL and reads the response, within a time bound; a request that
 * gets no answer fails with a NetworkError naming the cause (`ECONNREFUSED 127.0.0.1:8001`, a timeout).
 */
import type { StepRequest } from './scenario.ts';

/** The default bound on one request, answer body included. */
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface SendOptions {
  /** Milliseconds to wait for the whole answer (default DEFAULT_TIMEOUT_MS). */
  timeoutMs?: number;
  /** The fetch to send with (default the global fetch), e.g. one an msw worker intercepts. */
  fetch?: typeof fetch;
}

/** A request that got no answer: `code` is the system error code (`ECONNREFUSED`, `ECONNRESET`, …) or `TIMEOUT`. */
export class NetworkError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'NetworkError';
  }

  /** Whether the server is not there at all, as opposed to slow or answering oddly. */
  get refused(): boolean {
    return ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'UND_ERR_SOCKET'].includes(this.code);
  }
}

interface SystemCause {
  code?: string;
  address?: string;
  port?: number;
  hostname?: string;
  message?: string;
}

/** fetch says only `fetch failed`; the cause under it holds the code and the address. */
function networkError(error: unknown, timeoutMs: number): NetworkError | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'TimeoutError') return new NetworkError('TIMEOUT', `timeout: no answer within ${timeoutMs} ms`);
  const cause = error.cause as SystemCause | undefined;
  if (error.message !== 'fetch failed' && !cause?.code) return undefined;
  // undici wraps some causes once more (an AggregateError of one attempt per address).
  const inner = (cause as { errors?: SystemCause[] } | undefined)?.errors?.[0] ?? cause;
  const code = inner?.code ?? cause?.code ?? 'EFETCH';
  const where = inner?.address ? `${inner.address}${inner.port !== undefined ? `:${inner.port}` : ''}` : (inner?.hostname ?? '');
  return new NetworkError(code, where ? `${code} ${where}` : `${code}${inner?.message ? ` (${inner.message})` : ''}`);
}

export interface Exchange {
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the response is JSON, the text otherwise, undefined when empty. */
  body: unknown;
  text: string;
}

function queryString(query: StepRequest['query']): string {
  if (query === undefined) return '';
  if (typeof query === 'string') return query.replace(/^\?/, '');
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
  return params.toString();
}

export async function send(base: string, req: StepRequest, options: SendOptions = {}): Promise<Exchange> {
  const qs = queryString(req.query);
  const url = `${base.replace(/\/+$/, '')}${req.path}${qs ? (req.path.includes('?') ? '&' : '?') + qs : ''}`;
  const headers: Record<string, string> = { ...(req.headers ?? {}) };
  let body: string | FormData | undefined;
  let shown: string | undefined;
  if (req.json !== undefined) {
    body = shown = JSON.stringify(req.json);
    headers['Content-Type'] ??= 'application/json';
  } else if (req.form !== undefined) {
    const pairs = Array.isArray(req.form) ? req.form : Object.entries(req.form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]));
    body = shown = new URLSearchParams(pairs.map(([k, v]) => [k, String(v)])).toString();
    headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
  } else if (req.multipart !== undefined) {
    const form = new FormData();
    for (const [k, v] of Object.entries(req.multipart)) form.append(k, String(v));
    body = form;
    shown = `(multipart: ${Object.keys(req.multipart).join(', ')})`;
  } else if (req.raw !== undefined) {
    body = shown = req.raw;
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let res: Response;
  let text: string;
  try {
    res = await (options.fetch ?? fetch)(url, { method: req.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    text = await res.text();
  } catch (error) {
    throw networkError(error, timeoutMs) ?? error;
  }
  const responseHeaders: Record<string, string> = {};
  res.headers.forEach((v, k) => (responseHeaders[k] = v));
  let parsed: unknown = text === '' ? undefined : text;
  if (text !== '' && (responseHeaders['content-type'] ?? '').includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { request: { method: req.method, url, headers, body: shown }, status: res.status, headers: responseHeaders, body: parsed, text };
}
