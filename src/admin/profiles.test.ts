import { describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';
import type { KongMock } from './mock.ts';

/** Runs the same scenario against both profiles and returns both results of each step. */
async function both<T>(scenario: (mock: KongMock) => Promise<T>): Promise<{ v28: T; v39: T }> {
  return { v28: await scenario(await newMock('2.8')), v39: await scenario(await newMock('3.9')) };
}

describe('Kong 2.8 and 3.9 profiles (reference §8)', () => {
  it('route paths: regexes need ~ in 3.x and plain paths must be normalised', async () => {
    const { v28, v39 } = await both(async (m) => ({
      tilde: (await call(m, 'POST', '/routes', { json: { paths: ['~/users/\\d+'] } })).body,
      implicit: (await call(m, 'POST', '/routes', { json: { paths: ['/users/\\d+$'] } })).status,
      dotted: (await call(m, 'POST', '/routes', { json: { paths: ['/a/../b'] } })).body,
    }));
    expect(v39.tilde.paths).toEqual(['~/users/\\d+']);
    expect(v28.tilde.fields).toEqual({ paths: ['should start with: /'] });
    expect(v28.implicit).toBe(201);
    expect(v39.dotted.fields).toEqual({ paths: ["non-normalized path, consider use '/b' instead"] });
    expect(v28.dotted.paths).toEqual(['/a/../b']);
  });

  it('route snis: wildcards only in 3.x', async () => {
    const { v28, v39 } = await both(async (m) => (await call(m, 'POST', '/routes', { json: { protocols: ['https'], snis: ['*.example.test'] } })).body);
    expect(v39.snis).toEqual(['*.example.test']);
    expect(v28.fields).toEqual({ snis: ['invalid value: *.example.test'] });
  });

  it('targets: POSTing an existing target updates it in 2.8 (Deprecation header) and conflicts in 3.x', async () => {
    const { v28, v39 } = await both(async (m) => {
      await call(m, 'POST', '/upstreams', { json: { name: 'u' } });
      await call(m, 'POST', '/upstreams/u/targets', { json: { target: 'a.test', weight: 10 } });
      const again = await call(m, 'POST', '/upstreams/u/targets', { json: { target: 'a.test', weight: 20 } });
      return { status: again.status, deprecation: again.headers.Deprecation, weight: again.body.weight };
    });
    expect(v28).toEqual({ status: 200, deprecation: 'true', weight: 20 });
    expect(v39).toMatchObject({ status: 409, deprecation: undefined });
  });

  it('target health: POST in 2.8, PUT in 3.x', async () => {
    const { v28, v39 } = await both(async (m) => {
      await call(m, 'POST', '/upstreams', { json: { name: 'u' } });
      await call(m, 'POST', '/upstreams/u/targets', { json: { target: '10.0.0.1:80' } });
      return {
        post: (await call(m, 'POST', '/upstreams/u/targets/10.0.0.1:80/unhealthy')).status,
        put: (await call(m, 'PUT', '/upstreams/u/targets/10.0.0.1:80/unhealthy')).status,
      };
    });
    expect(v28).toEqual({ post: 204, put: 405 });
    expect(v39).toEqual({ post: 405, put: 204 });
  });

  it('updated_at on consumers, instance_name on plugins, latency upstreams, tls services', async () => {
    const { v28, v39 } = await both(async (m) => ({
      consumer: (await call(m, 'POST', '/consumers', { json: { username: 'c' } })).body,
      plugin: (await call(m, 'POST', '/plugins', { json: { name: 'cors', instance_name: 'x' } })).body,
      upstream: (await call(m, 'POST', '/upstreams', { json: { name: 'u', algorithm: 'latency' } })).body,
      service: (await call(m, 'POST', '/services', { json: { protocol: 'tls', host: 'a.test', tls_verify: true } })).status,
    }));
    expect(v39.consumer).toHaveProperty('updated_at');
    expect(v28.consumer).not.toHaveProperty('updated_at');
    expect(v39.plugin.instance_name).toBe('x');
    expect(v28.plugin.fields).toEqual({ instance_name: 'unknown field' });
    expect(v39.upstream.algorithm).toBe('latency');
    expect(v28.upstream.fields).toEqual({ algorithm: 'expected one of: consistent-hashing, least-connections, round-robin' });
    expect(v39.service).toBe(201);
    expect(v28.service).toBe(400);
  });

  it('tags with spaces only in 3.x; next links carry size only in 3.1+', async () => {
    const { v28, v39 } = await both(async (m) => {
      const spaced = (await call(m, 'POST', '/consumers', { json: { username: 'a', tags: ['with space'] } })).status;
      await call(m, 'POST', '/consumers', { json: { username: 'b' } });
      await call(m, 'POST', '/consumers', { json: { username: 'c' } });
      const page = (await call(m, 'GET', '/consumers?size=1')).body;
      return { spaced, next: String(page.next).replace(/offset=[^&]+/, 'offset=X') };
    });
    expect(v39).toEqual({ spaced: 201, next: '/consumers?offset=X&size=1' });
    expect(v28).toEqual({ spaced: 400, next: '/consumers?offset=X' });
  });

  it('GET / reports plugins in each version shape', async () => {
    const { v28, v39 } = await both(async (m) => (await call(m, 'GET', '/')).body);
    expect(v39.version).toMatch(/^3\.9\./);
    expect(v39.edition).toBe('community');
    expect(v39.plugins.available_on_server['key-auth']).toEqual({ version: expect.any(String), priority: 1250 });
    expect(v28.version).toMatch(/^2\.8\./);
    expect(v28).not.toHaveProperty('edition');
    expect(v28.plugins.available_on_server['key-auth']).toBe(true);
  });

  it('schemas carry entity_checks only from 3.4; vaults exist only in 3.x', async () => {
    const { v28, v39 } = await both(async (m) => ({
      schema: (await call(m, 'GET', '/schemas/consumers')).body,
      vaults: (await call(m, 'GET', '/vaults')).status,
    }));
    expect(v39.schema.entity_checks).toEqual([{ at_least_one_of: ['custom_id', 'username'] }]);
    expect(v28.schema).not.toHaveProperty('entity_checks');
    expect(v39.vaults).toBe(200);
    expect(v28.vaults).toBe(404);
  });
});
