/**
 * msw handlers: the same core behind `setupServer` (Node tests) or `setupWorker` (browser apps).
 */
import { http, type HttpHandler } from 'msw';
import type { AdminHandler, AdminRequest, AdminResponse } from '../admin/types.ts';

export interface MswOptions {
  /** Origin the fake Kong answers on, e.g. `http://127.0.0.1:8001` or `http://kong.test:8001`. */
  baseUrl?: string;
}

export async function fromFetchRequest(request: Request): Promise<AdminRequest> {
  const url = new URL(request.url);
  const headers: AdminRequest['headers'] = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const bytes = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
  const rawPath = request.url.slice(url.origin.length).split('?')[0].split('#')[0];
  return {
    method: request.method.toUpperCase(),
    path: rawPath || '/',
    query: url.search.replace(/^\?/, ''),
    headers,
    body: bytes && bytes.length > 0 ? bytes : null,
  };
}

export function toFetchResponse(response: AdminResponse): Response {
  const noBody = response.body === '' || response.status === 204 || response.status === 304;
  return new Response(noBody ? null : response.body, { status: response.status, headers: response.headers });
}

/** One catch-all handler per mock: every method and path under `baseUrl`. */
export function createHandlers(mock: AdminHandler, options: MswOptions = {}): HttpHandler[] {
  const base = (options.baseUrl ?? 'http://127.0.0.1:8001').replace(/\/+$/, '');
  return [
    http.all(`${base}/*`, async ({ request }) => toFetchResponse(await mock.handle(await fromFetchRequest(request)))),
  ];
}
