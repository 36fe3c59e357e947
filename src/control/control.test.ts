/**
 * The control surface through both adapters: a node server reached with fetch, and msw's
 * `setupServer` intercepting fetch. The same cases run against each.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { createMock, type KongMock, type MockOptions } from '../admin/mock.ts';
import { listen, type RunningServer } from '../http/node.ts';
import { createHandlers } from '../http/msw.ts';
import { call } from '../testkit.ts';

const T0 = 1_800_000_000_000;

interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

interface Client {
  mock: KongMock;
  send(method: string, path: string, options?: { json?: unknown; raw?: string; headers?: Record<string, string> }): Promise<Reply>;
}

type Adapter = (options?: MockOptions) => Promise<Client>;

function sender(base: string): Client['send'] {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined = options.raw;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(base + path, { method, headers, body });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : JSON.parse(text), headers: res.headers };
  };
}

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

const viaNode: Adapter = async (options) => {
  const mock = await createMock({ clock: () => T0, ...options });
  const running = await listen(mock, { port: 0, host: '127.0.0.1' });
  servers.push(running);
  return { mock, send: sender(running.url) };
};

const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => msw.close());
let mswHost = 0;
const viaMsw: Adapter = async (options) => {
  const mock = await createMock({ clock: () => T0, ...options });
  // one host per mock, so handlers of earlier cases never answer for this one
  const base = `http://kong-${++mswHost}.test:8001`;
  msw.use(...createHandlers(mock, { baseUrl: base }));
  return { mock, send: sender(base) };
};

const SERVICE = { name: 'billing', url: 'http://billing.internal:8080/v1' };

describe.each([
  ['node server', viaNode],
  ['msw', viaMsw],
])('control surface through the %s', (_name, adapter) => {
  let c: Client;
  beforeEach(async () => {
    c = await adapter();
  });

  it('reset empties the store', async () => {
    expect((await c.send('POST', '/services', { json: SERVICE })).status).toBe(201);
    const reset = await c.send('POST', '/__mock/reset');
    expect(reset.status).toBe(204);
    expect((await c.send('GET', '/services')).body.data).toEqual([]);
  });

  it('restores a named snapshot, entities and health marks', async () => {
    await c.send('POST', '/services', { json: SERVICE });
    await c.send('POST', '/upstreams', { json: { name: 'up' } });
    await c.send('POST', '/upstreams/up/targets', { json: { target: '10.0.0.1:80' } });
    expect((await c.send('PUT', '/upstreams/up/targets/10.0.0.1:80/unhealthy')).status).toBe(204);
    const health = (await c.send('GET', '/upstreams/up/health')).body;
    const taken = await c.send('POST', '/__mock/snapshots', { json: { name: 'base' } });
    expect(taken.status).toBe(201);
    expect(taken.body).toEqual({ name: 'base', taken_at: T0, counts: { services: 1, upstreams: 1, targets: 1 } });

    await c.send('DELETE', '/services/billing');
    await c.send('POST', '/services', { json: { name: 'other', host: 'other.internal' } });
    await c.send('PUT', '/upstreams/up/targets/10.0.0.1:80/healthy');
    expect((await c.send('POST', '/__mock/snapshots/base/restore')).status).toBe(200);

    expect((await c.send('GET', '/services')).body.data.map((s: { name: string }) => s.name)).toEqual(['billing']);
    expect((await c.send('GET', '/upstreams/up/health')).body).toEqual(health);
    // restoring twice gives the same state again: the snapshot is not spent
    await c.send('DELETE', '/services/billing');
    await c.send('POST', '/__mock/snapshots/base/restore');
    expect((await c.send('GET', '/services/billing')).status).toBe(200);
  });

  it('answers an unknown snapshot with 404 and a bad one with 400', async () => {
    const missing = await c.send('POST', '/__mock/snapshots/nope/restore');
    expect([missing.status, missing.body]).toEqual([404, { message: "no snapshot named 'nope'" }]);
    const unnamed = await c.send('POST', '/__mock/snapshots', { json: { name: 3 } });
    expect([unnamed.status, unnamed.body]).toEqual([400, { message: "'name' must be a non-empty string" }]);
    const broken = await c.send('POST', '/__mock/snapshots', { raw: '{', headers: { 'content-type': 'application/json' } });
    expect([broken.status, broken.body]).toEqual([400, { message: 'Cannot parse JSON body' }]);
  });

  it('loads a kong.yml at run time, and refuses an invalid one as POST /config does', async () => {
    const yml = `_format_version: "3.0"\nservices:\n- name: orders\n  url: http://orders.internal\n  routes:\n  - name: orders-api\n    paths: [/orders]\n`;
    const loaded = await c.send('POST', '/__mock/config', { raw: yml });
    expect([loaded.status, loaded.body]).toEqual([201, { counts: { services: 1, routes: 1 } }]);
    expect((await c.send('GET', '/services/orders/routes')).body.data[0].paths).toEqual(['/orders']);

    const bad = `_format_version: "3.0"\nservices:\n- name: orders\n  port: 99999\n`;
    const refused = await c.send('POST', '/__mock/config', { raw: bad });
    const dbless = await createMock({ dbless: true });
    const kong = await call(dbless, 'POST', '/config', { raw: bad, headers: { 'content-type': 'text/yaml' } });
    expect(refused.status).toBe(400);
    expect([refused.status, refused.body]).toEqual([kong.status, kong.body]);
    expect((await c.send('GET', '/services')).body.data.map((s: { name: string }) => s.name)).toEqual(['orders']);
  });

  it('journals Admin API requests with their answers, filterable and clearable', async () => {
    await c.send('POST', '/services', { json: SERVICE });
    await c.send('PATCH', '/services/billing', { json: { retries: 2 } });
    await c.send('GET', '/services/nope');
    const patched = await c.send('GET', '/__mock/journal?method=PATCH');
    expect(patched.body.data).toHaveLength(1);
    expect(patched.body.data[0]).toMatchObject({ method: 'PATCH', path: '/services/billing', query: '', body: { retries: 2 }, status: 200, time: T0 });
    expect(patched.body.data[0].response).toMatchObject({ name: 'billing', retries: 2 });
    const missing = await c.send('GET', '/__mock/journal?status=404');
    expect(missing.body.data.map((e: { path: string; response: unknown }) => [e.path, e.response])).toEqual([['/services/nope', { message: 'Not found' }]]);
    const byPath = await c.send('GET', '/__mock/journal?path=/services/*');
    expect(byPath.body.data.map((e: { method: string }) => e.method)).toEqual(['PATCH', 'GET']);
    // control requests are not journaled
    expect((await c.send('GET', '/__mock/journal')).body.data).toHaveLength(3);
    expect((await c.send('DELETE', '/__mock/journal')).status).toBe(204);
    expect((await c.send('GET', '/__mock/journal')).body.data).toEqual([]);
  });

  it('freezes and advances the clock: timestamps and key-auth ttl follow it', async () => {
    expect((await c.send('POST', '/__mock/clock/freeze', { json: { at: 1_900_000_000_000 } })).body).toEqual({ now: 1_900_000_000_000, frozen: true });
    const svc = await c.send('POST', '/services', { json: SERVICE });
    expect(svc.body.created_at).toBe(1_900_000_000);
    await c.send('POST', '/consumers', { json: { username: 'ann' } });
    await c.send('POST', '/consumers/ann/key-auth', { json: { key: 'k-ann', ttl: 10 } });
    const advanced = await c.send('POST', '/__mock/clock/advance', { json: { ms: 4_000 } });
    expect(advanced.body).toEqual({ now: 1_900_000_004_000, frozen: true });
    expect((await c.send('GET', '/consumers/ann/key-auth/k-ann')).body.ttl).toBe(6);
    await c.send('POST', '/__mock/clock/advance', { json: { ms: 7_000 } });
    expect((await c.send('GET', '/consumers/ann/key-auth/k-ann')).status).toBe(404);
    const bad = await c.send('POST', '/__mock/clock/advance', { json: { ms: 'soon' } });
    expect([bad.status, bad.body]).toEqual([400, { message: "'ms' must be a number of milliseconds" }]);
  });

  it('injects a one-shot fault with a Kong-shaped body, then answers as Kong again', async () => {
    const added = await c.send('POST', '/__mock/faults', { json: { method: 'GET', path: '/services*', status: 503, times: 1 } });
    expect(added.status).toBe(201);
    const failed = await c.send('GET', '/services');
    expect([failed.status, failed.body]).toEqual([503, { message: 'Service unavailable' }]);
    expect(failed.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await c.send('GET', '/services')).status).toBe(200);
    expect((await c.send('GET', '/__mock/faults')).body.data).toEqual([]);
  });

  it('fails every Nth matching request until the rule is removed', async () => {
    const rule = (await c.send('POST', '/__mock/faults', { json: { path: '/consumers', every: 2, status: 500 } })).body;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await c.send('GET', '/consumers')).status);
    expect(statuses).toEqual([200, 500, 200, 500]);
    expect((await c.send('GET', '/services')).status).toBe(200);
    expect((await c.send('DELETE', `/__mock/faults/${rule.id}`)).status).toBe(204);
    expect((await c.send('GET', '/consumers')).status).toBe(200);
    const gone = await c.send('DELETE', `/__mock/faults/${rule.id}`);
    expect([gone.status, gone.body]).toEqual([404, { message: `no fault rule '${rule.id}'` }]);
  });

  it('matches a rule on a header only when the request carries it', async () => {
    await c.send('POST', '/__mock/faults', { json: { header: { name: 'X-Scenario', value: 'broken' }, status: 502 } });
    expect((await c.send('GET', '/services')).status).toBe(200);
    const failed = await c.send('GET', '/services', { headers: { 'X-Scenario': 'broken' } });
    expect([failed.status, failed.body]).toEqual([502, { message: 'An invalid response was received from the upstream server' }]);
  });

  it('refuses a fault rule it cannot apply', async () => {
    const none = await c.send('POST', '/__mock/faults', { json: { path: '/services' } });
    expect([none.status, none.body]).toEqual([400, { message: 'a fault rule needs latency, status or abort' }]);
    const status = await c.send('POST', '/__mock/faults', { json: { status: 900 } });
    expect([status.status, status.body]).toEqual([400, { message: "'status' must be an HTTP status (100-599)" }]);
  });

  it('takes a fault from the request header and hides the header from the core', async () => {
    const failed = await c.send('POST', '/services', { json: SERVICE, headers: { 'X-Kong-Mock-Fault': 'status=500' } });
    expect([failed.status, failed.body]).toEqual([500, { message: 'An unexpected error occurred' }]);
    expect((await c.send('GET', '/services')).body.data).toEqual([]);
    const slow = await c.send('POST', '/services', { json: SERVICE, headers: { 'X-Kong-Mock-Fault': 'latency=5' } });
    expect(slow.status).toBe(201);
    const entries = (await c.send('GET', '/__mock/journal?method=POST')).body.data;
    expect(entries.map((e: { headers: Record<string, string> }) => 'x-kong-mock-fault' in e.headers)).toEqual([false, false]);
    const bad = await c.send('GET', '/services', { headers: { 'X-Kong-Mock-Fault': 'status=abc' } });
    expect([bad.status, bad.body]).toEqual([400, { message: "invalid x-kong-mock-fault header: invalid status 'abc' (expected 100-599)" }]);
  });

  it('drops the connection when asked', async () => {
    await expect(c.send('GET', '/services', { headers: { 'X-Kong-Mock-Fault': 'abort=drop' } })).rejects.toThrow(TypeError);
    await c.send('POST', '/__mock/faults', { json: { path: '/routes', abort: 'reset', times: 1 } });
    await expect(c.send('GET', '/routes')).rejects.toThrow(TypeError);
    expect((await c.send('GET', '/routes')).status).toBe(200);
  });

  it('answers unknown control paths and methods as Kong would', async () => {
    const unknown = await c.send('GET', '/__mock/nothing');
    expect([unknown.status, unknown.body]).toEqual([404, { message: 'Not found' }]);
    const wrong = await c.send('PUT', '/__mock/reset');
    expect([wrong.status, wrong.body]).toEqual([405, { message: 'Method not allowed' }]);
  });

  describe('with the control surface off (--strict)', () => {
    beforeEach(async () => {
      c = await adapter({ control: false });
    });

    it('answers /__mock/ with Kong 404 and ignores the fault header', async () => {
      const control = await c.send('POST', '/__mock/reset');
      expect([control.status, control.body]).toEqual([404, { message: 'Not found' }]);
      const journal = await c.send('GET', '/__mock/journal');
      expect([journal.status, journal.body]).toEqual([404, { message: 'Not found' }]);
      expect((await c.send('GET', '/services', { headers: { 'X-Kong-Mock-Fault': 'status=500' } })).status).toBe(200);
    });
  });
});

describe('an e2e suite resetting between cases over HTTP', () => {
  let c: Client;
  beforeAll(async () => {
    c = await viaNode();
    await c.send('POST', '/services', { json: SERVICE });
    await c.send('POST', '/__mock/snapshots', { json: { name: 'clean' } });
  });
  afterEach(async () => {
    expect((await c.send('POST', '/__mock/snapshots/clean/restore')).status).toBe(200);
  });

  // each case creates the same route: without the restore between them the second would conflict
  it.each([1, 2])('case %i starts from the known state', async () => {
    expect((await c.send('GET', '/services')).body.data).toHaveLength(1);
    expect((await c.send('POST', '/services/billing/routes', { json: { name: 'pay', paths: ['/pay'] } })).status).toBe(201);
  });
});
