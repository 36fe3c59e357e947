/**
 * msw handlers: the same core behind `setupServer` (Node tests) or `setupWorker` (browser apps).
 */
import { http, type HttpHandler } from 'msw';
import type { AdminHandler, AdminRequest, AdminResponse } from '../admin/types.ts';

export interface MswOptions {
  /**
   * Where the fake Kong answers: an origin (`http://127.0.0.1:8001`, the default, or
   * `http://kong.test:8001`), or an origin and a path prefix (`http://localhost:3000/kong-admin`),
   * which is taken off before the core sees the path: `/kong-admin/services` is Kong's `/services`.
   */
  baseUrl?: string;
  /**
   * A request under `baseUrl` whose path is none of Kong's routes: `'not-found'` (the default)
   * answers it as Kong does (404 `{"message":"Not found"}`), the mock owning everything under its
   * base URL; `'fallthrough'` returns nothing, so msw offers it to the next handler (and, when none
   * answers, applies `onUnhandledRequest`) — for an app whose own handlers share the base URL.
   */
  onUnmatched?: 'not-found' | 'fallthrough';
}

/** The AdminRequest of a fetch Request; `prefix` (a base URL's path, e.g. `/kong-admin`) is taken off the path. */
export async function fromFetchRequest(request: Request, prefix = ''): Promise<AdminRequest> {
  const url = new URL(request.url);
  const headers: AdminRequest['headers'] = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const bytes = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
  const rawPath = request.url.slice(url.origin.length).split('?')[0].split('#')[0];
  return {
    method: request.method.toUpperCase(),
    path: rawPath.slice(prefix.length) || '/',
    query: url.search.replace(/^\?/, ''),
    headers,
    body: bytes && bytes.length > 0 ? bytes : null,
  };
}

export function toFetchResponse(response: AdminResponse): Response {
  const noBody = response.body === '' || response.status === 204 || response.status === 304;
  return new Response(noBody ? null : response.body, { status: response.status, headers: response.headers });
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One catch-all handler per mock: every method and path under `baseUrl`. */
export function createHandlers(mock: AdminHandler, options: MswOptions = {}): HttpHandler[] {
  const base = new URL(options.baseUrl ?? 'http://127.0.0.1:8001');
  const prefix = base.pathname.replace(/\/+$/, '');
  // the prefix itself, or the prefix followed by a path: `/kong-admin` and `/kong-admin/…`, not `/kong-adminx`
  const under = new RegExp(`^${escapeRegExp(base.origin + prefix)}(?:/.*)?$`);
  const fallthrough = options.onUnmatched === 'fallthrough';
  return [
    http.all(under, async ({ request }) => {
      const req = await fromFetchRequest(request, prefix);
      if (fallthrough && mock.hasRoute?.(req.path) === false) return undefined;
      const response = await mock.handle(req);
      // an injected dropped connection: the client's fetch rejects as on a network failure
      if (response.abort) return Response.error();
      return toFetchResponse(response);
    }),
  ];
}
