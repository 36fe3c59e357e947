import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createMock } from '../admin/mock.ts';
import { createHandlers } from './msw.ts';

const BASE = 'http://localhost:3000/kong-admin';

// the app's own handler, after the mock's: it answers whatever the mock leaves to it
const app = http.all('http://localhost:3000/*', ({ request }) => HttpResponse.json({ app: new URL(request.url).pathname }, { status: 299 }));
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const call = async (method: string, path: string, json?: unknown) => {
  const res = await fetch(`http://localhost:3000${path}`, { method, headers: json ? { 'content-type': 'application/json' } : {}, body: json ? JSON.stringify(json) : undefined });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
};

describe('msw handlers under a base URL with a path prefix', () => {
  it('serve Kong under the prefix: the core sees /services, not /kong-admin/services', async () => {
    server.use(...createHandlers(await createMock(), { baseUrl: BASE }), app);
    const created = await call('POST', '/kong-admin/services', { name: 'billing', url: 'http://billing.internal:8080/v1' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'billing', host: 'billing.internal', port: 8080, path: '/v1' });
    expect((await call('GET', '/kong-admin/services/billing')).body.id).toBe(created.body.id);
    expect((await call('GET', '/kong-admin/services?size=1')).body.data.map((s: { name: string }) => s.name)).toEqual(['billing']);
    expect((await call('GET', '/kong-admin')).body.tagline).toBe('Welcome to kong');
    expect((await call('GET', '/kong-admin/')).body.tagline).toBe('Welcome to kong');
  });

  it('leave paths outside the prefix to the other handlers', async () => {
    server.use(...createHandlers(await createMock(), { baseUrl: BASE }), app);
    expect(await call('GET', '/services')).toEqual({ status: 299, body: { app: '/services' } });
    expect(await call('GET', '/kong-administrators')).toEqual({ status: 299, body: { app: '/kong-administrators' } });
  });

  it("answer a path that is none of Kong's routes as Kong does by default", async () => {
    server.use(...createHandlers(await createMock(), { baseUrl: BASE }), app);
    expect(await call('GET', '/kong-admin/nowhere')).toEqual({ status: 404, body: { message: 'Not found' } });
  });

  it("with onUnmatched: 'fallthrough', leave such a path to the next handler, and still answer Kong's own", async () => {
    server.use(...createHandlers(await createMock(), { baseUrl: BASE, onUnmatched: 'fallthrough' }), app);
    expect(await call('GET', '/kong-admin/nowhere')).toEqual({ status: 299, body: { app: '/kong-admin/nowhere' } });
    expect(await call('GET', '/kong-admin/services/missing')).toEqual({ status: 404, body: { message: 'Not found' } });
    expect(await call('DELETE', '/kong-admin/services')).toEqual({ status: 405, body: { message: 'Method not allowed' } });
    expect((await call('POST', '/kong-admin/consumers', { username: 'ann' })).status).toBe(201);
  });

  it('is one handler per mock', async () => {
    expect(createHandlers(await createMock(), { baseUrl: BASE, onUnmatched: 'fallthrough' })).toHaveLength(1);
  });
});
