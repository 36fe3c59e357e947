/**
 * Sends a scenario request to a base URL and reads the response.
 */
import type { StepRequest } from './scenario.ts';

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

/** `fetchImpl` carries the request (default the global fetch; e.g. one that runs it inside a browser page). */
export async function send(base: string, req: StepRequest, fetchImpl: typeof fetch = fetch): Promise<Exchange> {
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
  const res = await fetchImpl(url, { method: req.method, headers, body, redirect: 'manual' });
  const text = await res.text();
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
