import { beforeEach, describe, expect, it } from 'vitest';
import { KONG_HEALTHCHECKS_DEFAULT, call, newMock } from '../testkit.ts';
import type { KongMock } from './mock.ts';

let mock: KongMock;
let t = 1_700_000_000_000;
beforeEach(async () => {
  t = 1_700_000_000_000;
  mock = await newMock('3.9', () => (t += 1000));
});

const HEALTHCHECKS = KONG_HEALTHCHECKS_DEFAULT;

describe('upstreams', () => {
  it('create with Kong defaults including the whole healthchecks object', async () => {
    const res = await call(mock, 'POST', '/upstreams', { json: { name: 'my.upstream' } });
    expect(res.status).toBe(201);
    const { id, created_at, updated_at, ...rest } = res.body;
    expect(rest).toEqual({
      name: 'my.upstream', algorithm: 'round-robin', hash_on: 'none', hash_fallback: 'none', hash_on_header: null,
      hash_fallback_header: null, hash_on_cookie: null, hash_on_cookie_path: '/', hash_on_query_arg: null,
      hash_fallback_query_arg: null, hash_on_uri_capture: null, hash_fallback_uri_capture: null, slots: 10000,
      healthchecks: HEALTHCHECKS, tags: null, host_header: null, client_certificate: null, use_srv_name: false,
    });
  });

  it('refuses IP addresses and ports as names, also in the URL', async () => {
    expect((await call(mock, 'POST', '/upstreams', { json: { name: '1.2.3.4' } })).body.fields).toEqual({ name: "Invalid name ('1.2.3.4'); no ip addresses allowed" });
    expect((await call(mock, 'POST', '/upstreams', { json: { name: 'a.test:80' } })).body.fields).toEqual({ name: "Invalid name ('a.test:80'); no port allowed" });
    expect((await call(mock, 'PUT', '/upstreams/1.2.3.4', { json: {} })).body).toEqual({
      code: 10, name: 'invalid unique name', message: "Invalid name ('1.2.3.4'); no ip addresses allowed",
    });
  });

  it('lets hash_on choose the algorithm and checks conditional fields', async () => {
    const res = await call(mock, 'POST', '/upstreams', { json: { name: 'u1', hash_on: 'header', hash_on_header: 'X-Id' } });
    expect(res.body).toMatchObject({ algorithm: 'consistent-hashing', hash_on: 'header' });
    const bad = await call(mock, 'POST', '/upstreams', { json: { name: 'u2', hash_on: 'header' } });
    expect(bad.body).toEqual({
      code: 2, name: 'schema violation',
      message: "2 schema violations (failed conditional validation given value of field 'hash_on'; hash_on_header: required field missing)",
      fields: { '@entity': ["failed conditional validation given value of field 'hash_on'"], hash_on_header: 'required field missing' },
    });
    const lc = await call(mock, 'POST', '/upstreams', { json: { name: 'u3', algorithm: 'least-connections', hash_on: 'ip' } });
    expect(lc.body).toMatchObject({ algorithm: 'least-connections', hash_on: 'none' });
  });

  it('merges healthchecks on PATCH and cascades targets on delete', async () => {
    await call(mock, 'POST', '/upstreams', { json: { name: 'u' } });
    const res = await call(mock, 'PATCH', '/upstreams/u', { json: { healthchecks: { active: { healthy: { interval: 5 } } } } });
    expect(res.body.healthchecks.active.healthy).toEqual({ interval: 5, http_statuses: [200, 302], successes: 0 });
    expect(res.body.healthchecks.passive).toEqual(HEALTHCHECKS.passive);
    const target = (await call(mock, 'POST', '/upstreams/u/targets', { json: { target: 'a.test' } })).body;
    expect((await call(mock, 'DELETE', '/upstreams/u')).status).toBe(204);
    expect((await call(mock, 'GET', `/upstreams/${target.upstream.id}/targets/all`)).status).toBe(404);
  });
});

describe('targets', () => {
  beforeEach(async () => {
    await call(mock, 'POST', '/upstreams', { json: { name: 'u' } });
  });

  it('normalise the target and default the port to 8000', async () => {
    const cases: Array<[string, string]> = [
      ['konghq.test', 'konghq.test:8000'],
      ['001.002.003.004:123', '1.2.3.4:123'],
      ['::1', '[0000:0000:0000:0000:0000:0000:0000:0001]:8000'],
      ['10.20.30.40', '10.20.30.40:8000'],
    ];
    for (const [input, expected] of cases) {
      const res = await call(mock, 'POST', '/upstreams/u/targets', { json: { target: input } });
      expect(res.status, input).toBe(201);
      expect(res.body.target).toBe(expected);
      expect(res.body.weight).toBe(100);
      expect(Number.isInteger(res.body.created_at * 1000)).toBe(true);
    }
  });

  it('reject invalid targets and duplicates', async () => {
    const bad = await call(mock, 'POST', '/upstreams/u/targets', { json: { target: 'not a host' } });
    expect(bad.body).toEqual({
      code: 2, name: 'schema violation', message: 'schema violation (target: Invalid target; not a valid hostname or ip address)',
      fields: { target: 'Invalid target; not a valid hostname or ip address' },
    });
    const first = await call(mock, 'POST', '/upstreams/u/targets', { json: { target: 'a.test:80' } });
    const dup = await call(mock, 'POST', '/upstreams/u/targets', { json: { target: 'a.test:80', weight: 5 } });
    expect(dup.status).toBe(409);
    expect(dup.body).toEqual({
      code: 5, name: 'unique constraint violation',
      message: `UNIQUE violation detected on '{target="a.test:80",upstream={id="${first.body.upstream.id}"}}'`,
      fields: { target: 'a.test:80', upstream: { id: first.body.upstream.id } },
    });
  });

  it('list newest first with numeric offsets, including weight 0', async () => {
    for (const [i, w] of [[1, 10], [2, 0], [3, 20]]) await call(mock, 'POST', '/upstreams/u/targets', { json: { target: `t${i}.test`, weight: w } });
    const page = await call(mock, 'GET', '/upstreams/u/targets?size=2');
    expect(page.body.data.map((x: { target: string }) => x.target)).toEqual(['t3.test:8000', 't2.test:8000']);
    expect(page.body.offset).toBe('2');
    expect(page.body.next).toBe('/upstreams/u/targets?offset=2');
    const rest = await call(mock, 'GET', page.body.next);
    expect(rest.body).toMatchObject({ next: null });
    expect(rest.body.data.map((x: { target: string }) => x.target)).toEqual(['t1.test:8000']);
  });

  it('are addressed by id or host:port, PUT acting as PATCH', async () => {
    const created = (await call(mock, 'POST', '/upstreams/u/targets', { json: { target: 'a.test:80', weight: 10 } })).body;
    expect((await call(mock, 'GET', '/upstreams/u/targets/a.test:80')).body).toEqual(created);
    expect((await call(mock, 'GET', '/upstreams/u/targets/a.test')).status).toBe(404);
    const put = await call(mock, 'PUT', `/upstreams/u/targets/${created.id}`, { json: { weight: 7 } });
    expect(put.body).toMatchObject({ target: 'a.test:80', weight: 7 });
    expect((await call(mock, 'DELETE', '/upstreams/u/targets/a.test:80')).status).toBe(204);
    expect((await call(mock, 'DELETE', '/upstreams/u/targets/a.test:80')).status).toBe(404);
  });

  it('answer 404 on the disabled /targets paths and 405 on collection writes', async () => {
    expect((await call(mock, 'GET', '/targets')).body).toEqual({ message: 'Not found' });
    expect((await call(mock, 'PATCH', '/upstreams/u/targets')).body).toEqual({ message: 'Method not allowed' });
  });
});

describe('health', () => {
  it('reports HEALTHCHECKS_OFF, DNS_ERROR and marks set through PUT healthy/unhealthy', async () => {
    const up = (await call(mock, 'POST', '/upstreams', { json: { name: 'u', healthchecks: { passive: { unhealthy: { http_failures: 1 } } } } })).body;
    const ip = (await call(mock, 'POST', '/upstreams/u/targets', { json: { target: '127.0.0.1:8192', weight: 10 } })).body;
    await call(mock, 'POST', '/upstreams/u/targets', { json: { target: 'nowhere.test', weight: 10 } });
    let health = (await call(mock, 'GET', '/upstreams/u/health')).body;
    expect(health.node_id).toBe(mock.nodeId);
    expect(health.data.map((d: { target: string; health: string }) => [d.target, d.health])).toEqual([
      ['nowhere.test:8000', 'DNS_ERROR'],
      ['127.0.0.1:8192', 'HEALTHY'],
    ]);
    expect((await call(mock, 'PUT', `/upstreams/${up.id}/targets/127.0.0.1:8192/unhealthy`)).status).toBe(204);
    health = (await call(mock, 'GET', '/upstreams/u/health')).body;
    expect(health.data[1]).toMatchObject({ id: ip.id, health: 'UNHEALTHY', data: { addresses: [{ ip: '127.0.0.1', port: 8192, weight: 10, health: 'UNHEALTHY' }] } });
    expect((await call(mock, 'PUT', `/upstreams/u/targets/${ip.id}/healthy`)).status).toBe(204);
    expect((await call(mock, 'GET', '/upstreams/u/health')).body.data[1].health).toBe('HEALTHY');
    expect((await call(mock, 'PUT', '/upstreams/u/targets/invalid:1234/healthy')).status).toBe(404);
    expect((await call(mock, 'POST', '/upstreams/u/targets/127.0.0.1:8192/healthy')).status).toBe(405);
    const balancer = (await call(mock, 'GET', '/upstreams/u/health?balancer_health=1')).body;
    expect(balancer.data).toMatchObject({ health: 'HEALTHY', balancer_health: 'HEALTHY', id: up.id });
  });

  it('reports HEALTHCHECKS_OFF when health checks are disabled', async () => {
    await call(mock, 'POST', '/upstreams', { json: { name: 'u' } });
    await call(mock, 'POST', '/upstreams/u/targets', { json: { target: '10.0.0.1' } });
    const health = (await call(mock, 'GET', '/upstreams/u/health')).body;
    expect(health.data[0].health).toBe('HEALTHCHECKS_OFF');
    expect((await call(mock, 'GET', '/upstreams/u/health?balancer_health=1')).body.data.health).toBe('HEALTHCHECKS_OFF');
  });
});
