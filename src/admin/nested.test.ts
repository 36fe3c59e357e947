import { beforeEach, describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';
import type { KongMock } from './mock.ts';

let mock: KongMock;
let svc: { id: string };
beforeEach(async () => {
  mock = await newMock();
  svc = (await call(mock, 'POST', '/services', { json: { name: 'svc', host: 'a.test' } })).body;
});

describe('nested collections', () => {
  it('POST forces the parent key over the body', async () => {
    const other = (await call(mock, 'POST', '/services', { json: { name: 'other', host: 'b.test' } })).body;
    const res = await call(mock, 'POST', '/services/svc/routes', { json: { paths: ['/a'], service: { id: other.id } } });
    expect(res.status).toBe(201);
    expect(res.body.service).toEqual({ id: svc.id });
  });

  it('answers 404 when the parent is missing', async () => {
    expect((await call(mock, 'GET', '/services/nope/routes')).body).toEqual({ message: 'Not found' });
    expect((await call(mock, 'POST', '/services/nope/routes', { json: { paths: ['/a'] } })).status).toBe(404);
  });

  it('only serves children associated with the parent', async () => {
    const other = (await call(mock, 'POST', '/services', { json: { name: 'other', host: 'b.test' } })).body;
    const route = (await call(mock, 'POST', '/services/other/routes', { json: { name: 'r', paths: ['/a'] } })).body;
    expect((await call(mock, 'GET', '/services/svc/routes/r')).status).toBe(404);
    expect((await call(mock, 'PATCH', '/services/svc/routes/r', { json: { paths: ['/b'] } })).status).toBe(404);
    expect((await call(mock, 'DELETE', '/services/svc/routes/r')).status).toBe(404);
    expect((await call(mock, 'GET', `/services/${other.id}/routes/${route.id}`)).body).toEqual(route);
    expect((await call(mock, 'DELETE', '/services/other/routes/r')).status).toBe(204);
    expect((await call(mock, 'DELETE', '/services/other/routes/r')).status).toBe(404);
  });

  it('PUT moves a child of another parent to this one', async () => {
    await call(mock, 'POST', '/services', { json: { name: 'other', host: 'b.test' } });
    await call(mock, 'POST', '/services/other/routes', { json: { name: 'r', paths: ['/a'] } });
    const res = await call(mock, 'PUT', '/services/svc/routes/r', { json: { paths: ['/c'] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'r', paths: ['/c'], service: { id: svc.id } });
  });
});

describe('foreign-entity endpoints', () => {
  it('GET /routes/{r}/service returns the parent, 404 when unset', async () => {
    const route = (await call(mock, 'POST', '/services/svc/routes', { json: { paths: ['/a'] } })).body;
    const lone = (await call(mock, 'POST', '/routes', { json: { paths: ['/b'] } })).body;
    expect((await call(mock, 'GET', `/routes/${route.id}/service`)).body).toMatchObject({ id: svc.id, name: 'svc' });
    expect((await call(mock, 'GET', `/routes/${lone.id}/service`)).body).toEqual({ message: 'Not found' });
  });

  it('PATCH updates the parent; DELETE is 405 while set', async () => {
    const route = (await call(mock, 'POST', '/services/svc/routes', { json: { paths: ['/a'] } })).body;
    const res = await call(mock, 'PATCH', `/routes/${route.id}/service`, { json: { url: 'https://b.test:8443/x' } });
    expect(res.body).toMatchObject({ id: svc.id, protocol: 'https', host: 'b.test', port: 8443, path: '/x' });
    expect((await call(mock, 'DELETE', `/routes/${route.id}/service`)).body).toEqual({ message: 'Method not allowed' });
  });

  it('PUT creates a new parent and links it when none is set', async () => {
    const lone = (await call(mock, 'POST', '/routes', { json: { paths: ['/b'] } })).body;
    const res = await call(mock, 'PUT', `/routes/${lone.id}/service`, { json: { url: 'http://new.test' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ host: 'new.test' });
    expect((await call(mock, 'GET', `/routes/${lone.id}`)).body.service).toEqual({ id: res.body.id });
  });

  it('PUT on an existing parent reports fields the body left out', async () => {
    const route = (await call(mock, 'POST', '/services/svc/routes', { json: { paths: ['/a'] } })).body;
    const res = await call(mock, 'PUT', `/routes/${route.id}/service`, { json: { connect_timeout: 'foobar' } });
    expect(res.body.message).toBe('2 schema violations (connect_timeout: expected an integer; host: required field missing)');
  });
});

describe('foreign keys in bodies', () => {
  it('resolves a parent by name and reports one that does not exist', async () => {
    const ok = await call(mock, 'POST', '/routes', { json: { paths: ['/a'], service: { name: 'svc' } } });
    expect(ok.body.service).toEqual({ id: svc.id });
    const bad = await call(mock, 'POST', '/routes', { json: { paths: ['/a'], service: { name: 'nope' } } });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      code: 13, name: 'foreign keys unresolved',
      message: "foreign key unresolved (service.name: the foreign key cannot be resolved with '{name=\"nope\"}' for an existing 'services' entity)",
      fields: { service: { name: "the foreign key cannot be resolved with '{name=\"nope\"}' for an existing 'services' entity" } },
    });
  });

  it('reports a well-formed id that does not exist as a foreign key violation', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const res = await call(mock, 'POST', '/routes', { json: { paths: ['/a'], service: { id } } });
    expect(res.body).toEqual({
      code: 4, name: 'foreign key violation',
      message: `the foreign key '{id="${id}"}' does not reference an existing 'services' entity.`,
      fields: { service: { id } },
    });
  });

  it('reports a null key as a missing primary key', async () => {
    const res = await call(mock, 'POST', '/routes', { json: { paths: ['/a'], service: { name: null } } });
    expect(res.body).toEqual({ code: 2, name: 'schema violation', message: 'schema violation (service.id: missing primary key)', fields: { service: { id: 'missing primary key' } } });
  });
});
