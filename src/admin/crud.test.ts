import { beforeEach, describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';
import type { KongMock } from './mock.ts';

const NOW = 1_700_000_000_000;
let mock: KongMock;
beforeEach(async () => {
  mock = await newMock('3.9', () => NOW);
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('POST /services', () => {
  it('creates with every default filled and nulls explicit (201)', async () => {
    const res = await call(mock, 'POST', '/services', { json: { host: 'example.com' } });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(UUID);
    expect(res.body).toEqual({
      id: res.body.id, created_at: 1_700_000_000, updated_at: 1_700_000_000, name: null, retries: 5, protocol: 'http',
      host: 'example.com', port: 80, path: null, connect_timeout: 60000, write_timeout: 60000, read_timeout: 60000,
      tags: null, client_certificate: null, tls_verify: null, tls_verify_depth: null, ca_certificates: null, enabled: true,
    });
    expect(Object.keys(res.body)).toEqual(['id', 'created_at', 'updated_at', 'name', 'retries', 'protocol', 'host', 'port', 'path',
      'connect_timeout', 'write_timeout', 'read_timeout', 'tags', 'client_certificate', 'tls_verify', 'tls_verify_depth', 'ca_certificates', 'enabled']);
  });

  it('expands the url shorthand', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['http://service.test/', { protocol: 'http', host: 'service.test', port: 80, path: '/' }],
      ['https://service.test/', { protocol: 'https', host: 'service.test', port: 443, path: '/' }],
      ['http://example.test:443', { protocol: 'http', host: 'example.test', port: 443, path: null }],
      ['https://example2.test:80/', { protocol: 'https', host: 'example2.test', port: 80, path: '/' }],
      ['http://example2.test', { protocol: 'http', host: 'example2.test', port: 80, path: null }],
    ];
    for (const [url, expected] of cases) {
      const res = await call(mock, 'POST', '/services', { json: { url } });
      expect(res.status, url).toBe(201);
      expect(res.body).toMatchObject(expected);
      expect(res.body).not.toHaveProperty('url');
    }
  });

  it('reports an unparseable url as Kong does', async () => {
    const res = await call(mock, 'POST', '/services', { json: { url: 'invalid url' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: 2, name: 'schema violation',
      message: '2 schema violations (host: required field missing; path: should start with: /)',
      fields: { host: 'required field missing', path: 'should start with: /' },
    });
    const typed = await call(mock, 'POST', '/services', { json: { url: 123 } });
    expect(typed.body).toEqual({ code: 2, name: 'schema violation', message: 'schema violation (url: expected a string)', fields: { url: 'expected a string' } });
  });

  it('never infers JSON types', async () => {
    const res = await call(mock, 'POST', '/services', { json: { host: 'a.test', port: '80' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 2, name: 'schema violation', message: 'schema violation (port: expected an integer)', fields: { port: 'expected an integer' } });
  });

  it('infers form values from the schema', async () => {
    const res = await call(mock, 'POST', '/services', { form: { host: 'a.test', port: '8080', retries: '3', name: 'svc', 'tags[]': ['a', 'b'] } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ port: 8080, retries: 3, name: 'svc', tags: ['a', 'b'] });
  });

  it('rejects a duplicate name with a 409 unique violation', async () => {
    await call(mock, 'POST', '/services', { json: { name: 'svc', host: 'a.test' } });
    const res = await call(mock, 'POST', '/services', { json: { name: 'svc', host: 'b.test' } });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      code: 5, name: 'unique constraint violation',
      message: 'UNIQUE violation detected on \'{name="svc"}\'', fields: { name: 'svc' },
    });
  });

  it('accepts a client id and rejects a duplicate one as a primary key violation (400)', async () => {
    const id = '5e2a0e59-4d3f-4a4b-9d8e-0d1c2b3a4f50';
    expect((await call(mock, 'POST', '/services', { json: { id, host: 'a.test' } })).body.id).toBe(id);
    const res = await call(mock, 'POST', '/services', { json: { id, host: 'b.test' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 3, name: 'primary key violation', message: `primary key violation on key '{id="${id}"}'`, fields: { id } });
  });
});

describe('GET /services/{name or id}', () => {
  it('finds by id and by name, 404 otherwise', async () => {
    const created = (await call(mock, 'POST', '/services', { json: { name: 'svc', host: 'a.test' } })).body;
    expect((await call(mock, 'GET', `/services/${created.id}`)).body).toEqual(created);
    expect((await call(mock, 'GET', `/services/${created.id.toUpperCase()}`)).body).toEqual(created);
    expect((await call(mock, 'GET', '/services/svc')).body).toEqual(created);
    const missing = await call(mock, 'GET', '/services/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Not found' });
  });

  it('validates a name in the URL before looking it up', async () => {
    const res = await call(mock, 'GET', '/services/foo%20bar');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: 10, name: 'invalid unique name',
      message: "invalid value 'foo bar': the only accepted ascii characters are alphanumerics or ., -, _, and ~",
    });
  });
});

describe('PATCH', () => {
  it('merges into the stored entity and bumps updated_at', async () => {
    let now = NOW;
    mock = await newMock('3.9', () => now);
    const created = (await call(mock, 'POST', '/services', { json: { name: 'svc', host: 'a.test', tags: ['x'] } })).body;
    now += 5000;
    const res = await call(mock, 'PATCH', '/services/svc', { json: { port: 8080, tags: ['y', 'z'] } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...created, port: 8080, tags: ['y', 'z'], updated_at: created.updated_at + 5 });
  });

  it('renames through the endpoint key and clears fields with null', async () => {
    await call(mock, 'POST', '/services', { json: { name: 'svc', host: 'a.test', path: '/x' } });
    const res = await call(mock, 'PATCH', '/services/svc', { json: { name: 'renamed', path: null } });
    expect(res.body).toMatchObject({ name: 'renamed', path: null });
    expect((await call(mock, 'GET', '/services/svc')).status).toBe(404);
  });

  it('answers 404 with the code-6 body for a missing entity', async () => {
    const id = '5e2a0e59-4d3f-4a4b-9d8e-0d1c2b3a4f50';
    const byId = await call(mock, 'PATCH', `/services/${id}`, { json: { port: 1 } });
    expect(byId.status).toBe(404);
    expect(byId.body).toEqual({ code: 6, name: 'not found', message: `could not find the entity with primary key '{id="${id}"}'`, fields: { id } });
    const byName = await call(mock, 'PATCH', '/services/nope', { json: { port: 1 } });
    expect(byName.body).toEqual({ code: 6, name: 'not found', message: 'could not find the entity with \'{name="nope"}\'', fields: { name: 'nope' } });
  });
});

describe('PUT', () => {
  it('creates by name with 200, the URL name winning over the body', async () => {
    const res = await call(mock, 'PUT', '/services/by-url', { json: { name: 'ignored', host: 'a.test' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'by-url', host: 'a.test', port: 80 });
  });

  it('creates by id, and replaces fully (defaults back, id kept)', async () => {
    const id = '5e2a0e59-4d3f-4a4b-9d8e-0d1c2b3a4f50';
    const first = await call(mock, 'PUT', `/services/${id}`, { json: { host: 'a.test', port: 9000, name: 's1' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id, port: 9000, name: 's1' });
    const second = await call(mock, 'PUT', `/services/${id}`, { json: { host: 'b.test' } });
    expect(second.body).toMatchObject({ id, host: 'b.test', port: 80, name: null });
  });

  it('reports required fields the body did not mention', async () => {
    const res = await call(mock, 'PUT', '/services/svc', { json: { connect_timeout: 'foobar' } });
    expect(res.body).toEqual({
      code: 2, name: 'schema violation',
      message: '2 schema violations (connect_timeout: expected an integer; host: required field missing)',
      fields: { connect_timeout: 'expected an integer', host: 'required field missing' },
    });
  });

  it('keeps id and username of a consumer but resets custom_id', async () => {
    const c = (await call(mock, 'POST', '/consumers', { json: { username: 'bob', custom_id: 'c1' } })).body;
    const res = await call(mock, 'PUT', '/consumers/bob', { json: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: c.id, username: 'bob', custom_id: null });
  });
});

describe('DELETE', () => {
  it('answers 204 whether or not the entity exists', async () => {
    await call(mock, 'POST', '/services', { json: { name: 'svc', host: 'a.test' } });
    expect((await call(mock, 'DELETE', '/services/svc')).status).toBe(204);
    const again = await call(mock, 'DELETE', '/services/svc');
    expect(again.status).toBe(204);
    expect(again.text).toBe('');
  });

  it('refuses to delete a service that routes point to, and cascades its plugins', async () => {
    const svc = (await call(mock, 'POST', '/services', { json: { name: 'svc', host: 'a.test' } })).body;
    const plugin = (await call(mock, 'POST', '/services/svc/plugins', { json: { name: 'key-auth' } })).body;
    const route = (await call(mock, 'POST', '/routes', { json: { paths: ['/a'], service: { id: svc.id } } })).body;
    const blocked = await call(mock, 'DELETE', '/services/svc');
    expect(blocked.status).toBe(400);
    expect(blocked.body).toEqual({
      code: 4, name: 'foreign key violation',
      message: "an existing 'routes' entity references this 'services' entity", fields: { '@referenced_by': 'routes' },
    });
    expect((await call(mock, 'DELETE', `/routes/${route.id}`)).status).toBe(204);
    expect((await call(mock, 'DELETE', '/services/svc')).status).toBe(204);
    expect((await call(mock, 'GET', `/plugins/${plugin.id}`)).status).toBe(404);
  });
});

describe('consumers', () => {
  it('requires username or custom_id', async () => {
    const res = await call(mock, 'POST', '/consumers', { json: {} });
    expect(res.body).toEqual({
      code: 2, name: 'schema violation',
      message: "schema violation (at least one of these fields must be non-empty: 'custom_id', 'username')",
      fields: { '@entity': ["at least one of these fields must be non-empty: 'custom_id', 'username'"] },
    });
  });

  it('looks consumers up by ?custom_id=', async () => {
    const c = (await call(mock, 'POST', '/consumers', { json: { username: 'u', custom_id: '9f3e4d5c-0000-4000-8000-000000000000' } })).body;
    expect((await call(mock, 'GET', '/consumers?custom_id=9f3e4d5c-0000-4000-8000-000000000000')).body).toEqual({ data: [c], next: null });
    expect((await call(mock, 'GET', '/consumers?custom_id=none')).body).toEqual({ data: [], next: null });
    const empty = await call(mock, 'GET', '/consumers?custom_id=');
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ message: 'custom_id must be an unempty string' });
  });

  it('reports a duplicate username as a 409', async () => {
    await call(mock, 'POST', '/consumers', { json: { username: 'bob' } });
    const res = await call(mock, 'POST', '/consumers', { form: { username: 'bob' } });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ code: 5, name: 'unique constraint violation', message: 'UNIQUE violation detected on \'{username="bob"}\'', fields: { username: 'bob' } });
  });
});
