import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { setupServer } from 'msw/node';
import { createMock } from '../admin/mock.ts';
import { createNodeServer } from './node.ts';
import { createHandlers } from './msw.ts';

const BASE = 'http://kong.test:8001';
const NODE_ID = '6a1f3b9e-0000-4000-8000-00000000a001';
const fixedClock = () => 1_700_000_000_000;

/** A request sequence touching every kind of response: 201, 200 lists, 4xx bodies, 204, 405, 415, HEAD. */
const SEQUENCE: Array<{ method: string; path: string; json?: unknown; form?: string; raw?: [string, string] }> = [
  { method: 'POST', path: '/services', json: { id: '11111111-1111-4111-8111-111111111111', name: 'svc', url: 'http://a.test/x' } },
  { method: 'POST', path: '/services', form: 'id=22222222-2222-4222-8222-222222222222&name=two&host=b.test&port=81' },
  { method: 'POST', path: '/services/svc/routes', json: { id: '33333333-3333-4333-8333-333333333333', name: 'r1', paths: ['/a'] } },
  { method: 'GET', path: '/services?size=1' },
  { method: 'GET', path: '/services/svc/routes' },
  { method: 'PATCH', path: '/services/two', json: { retries: 1 } },
  { method: 'PUT', path: '/services/three', json: { id: '44444444-4444-4444-8444-444444444444', host: 'c.test' } },
  { method: 'POST', path: '/services', json: { name: 'svc', host: 'x.test' } },
  { method: 'POST', path: '/routes', json: { protocols: ['tcp'], paths: ['/a'] } },
  { method: 'GET', path: '/services?offset=x' },
  { method: 'DELETE', path: '/services/svc' },
  { method: 'DELETE', path: '/services/three' },
  { method: 'GET', path: '/nope' },
  { method: 'DELETE', path: '/services' },
  { method: 'POST', path: '/consumers', raw: ['text/plain', 'x'] },
  { method: 'POST', path: '/consumers', raw: ['application/json', '{bad'] },
  { method: 'HEAD', path: '/services' },
  { method: 'OPTIONS', path: '/routes' },
];

async function viaNode() {
  const mock = await createMock({ clock: fixedClock, nodeId: NODE_ID, hostname: 'mock' });
  const server = createNodeServer(mock);
  const agent = request(server);
  const out: Array<{ status: number; headers: Record<string, string>; body: string }> = [];
  for (const step of SEQUENCE) {
    let req = agent[step.method.toLowerCase() as 'get'](step.path).set('Origin', 'http://gui.test');
    if (step.json !== undefined) req = req.set('Content-Type', 'application/json').send(JSON.stringify(step.json));
    if (step.form !== undefined) req = req.set('Content-Type', 'application/x-www-form-urlencoded').send(step.form);
    if (step.raw) req = req.set('Content-Type', step.raw[0]).send(step.raw[1]);
    const res = await req.buffer(true).parse((r, cb) => {
      let data = '';
      r.on('data', (c: Buffer) => (data += c.toString()));
      r.on('end', () => cb(null, data));
    });
    out.push({ status: res.status, headers: pick(res.headers as Record<string, string>), body: typeof res.body === 'string' ? res.body : '' });
  }
  return out;
}

const mswMock = await createMock({ clock: fixedClock, nodeId: NODE_ID, hostname: 'mock' });
const msw = setupServer(...createHandlers(mswMock, { baseUrl: BASE }));
beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => msw.close());

async function viaMsw() {
  const out: Array<{ status: number; headers: Record<string, string>; body: string }> = [];
  for (const step of SEQUENCE) {
    const headers: Record<string, string> = { Origin: 'http://gui.test' };
    let body: string | undefined;
    if (step.json !== undefined) [headers['Content-Type'], body] = ['application/json', JSON.stringify(step.json)];
    if (step.form !== undefined) [headers['Content-Type'], body] = ['application/x-www-form-urlencoded', step.form];
    if (step.raw) [headers['Content-Type'], body] = step.raw;
    const res = await fetch(BASE + step.path, { method: step.method, headers, body });
    const h: Record<string, string> = {};
    res.headers.forEach((v, k) => (h[k] = v));
    out.push({ status: res.status, headers: pick(h), body: await res.text() });
  }
  return out;
}

/** Headers both adapters must agree on (latency is a measurement, not a byte to compare). */
function pick(headers: Record<string, string>): Record<string, string> {
  const keep = ['content-type', 'access-control-allow-origin', 'access-control-allow-credentials', 'server', 'allow', 'access-control-allow-methods'];
  return Object.fromEntries(keep.filter((k) => headers[k] !== undefined).map((k) => [k, headers[k]]));
}

describe('adapters', () => {
  it('node:http and msw give byte-identical responses for the same request sequence', async () => {
    const [node, viaHandlers] = [await viaNode(), await viaMsw()];
    expect(viaHandlers).toEqual(node);
    expect(node.map((r) => r.status)).toEqual([201, 201, 201, 200, 200, 200, 200, 409, 400, 400, 400, 204, 404, 405, 415, 400, 200, 204]);
  });

  it('serves a real socket through supertest with Kong headers', async () => {
    const mock = await createMock();
    const res = await request(createNodeServer(mock)).get('/').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body.tagline).toBe('Welcome to kong');
  });

  it('answers 413 with a JSON message to bodies over 10 MiB', async () => {
    const mock = await createMock();
    const big = 'x'.repeat(10 * 1024 * 1024 + 10);
    const res = await request(createNodeServer(mock)).post('/consumers').set('Content-Type', 'application/json').send(`{"username":"${big}"}`);
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(typeof res.body.message).toBe('string');
  });
});
