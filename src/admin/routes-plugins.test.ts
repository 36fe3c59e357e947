import { beforeEach, describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';
import type { KongMock } from './mock.ts';

let mock: KongMock;
beforeEach(async () => {
  mock = await newMock();
});

const violation = (message: string, fields: unknown) => ({ code: 2, name: 'schema violation', message, fields });

describe('routes', () => {
  it('creates with Kong defaults', async () => {
    const res = await call(mock, 'POST', '/routes', { json: { paths: ['/a'] } });
    expect(res.status).toBe(201);
    const { id, created_at, updated_at, ...rest } = res.body;
    expect(rest).toEqual({
      name: null, protocols: ['http', 'https'], https_redirect_status_code: 426, strip_path: true, preserve_host: false,
      request_buffering: true, response_buffering: true, tags: null, service: null, snis: null, sources: null,
      destinations: null, methods: null, hosts: null, paths: ['/a'], headers: null, regex_priority: 0, path_handling: 'v0',
    });
  });

  it('requires a matching attribute for the protocols', async () => {
    const msg = "must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'https'";
    expect((await call(mock, 'POST', '/routes', { json: {} })).body).toEqual(violation(`schema violation (${msg})`, { '@entity': [msg] }));
    const http = "must set one of 'methods', 'hosts', 'headers', 'paths' when 'protocols' is 'http'";
    expect((await call(mock, 'POST', '/routes', { json: { protocols: ['http'] } })).body).toEqual(violation(`schema violation (${http})`, { '@entity': [http] }));
  });

  it('forbids http attributes on stream routes', async () => {
    const res = await call(mock, 'POST', '/routes', { json: { protocols: ['tcp'], paths: ['/a'], sources: [{ ip: '10.0.0.1' }] } });
    expect(res.body).toEqual(violation(
      "schema violation (paths: cannot set 'paths' when 'protocols' is 'tcp', 'tls', 'tls_passthrough' or 'udp')",
      { paths: "cannot set 'paths' when 'protocols' is 'tcp', 'tls', 'tls_passthrough' or 'udp'" },
    ));
  });

  it('defaults strip_path to false on grpc routes and refuses true', async () => {
    const res = await call(mock, 'POST', '/routes', { json: { protocols: ['grpc'], paths: ['/a'] } });
    expect(res.body.strip_path).toBe(false);
    const bad = await call(mock, 'POST', '/routes', { json: { protocols: ['grpc'], paths: ['/a'], strip_path: true } });
    expect(bad.body.fields).toEqual({ strip_path: "cannot set 'strip_path' when 'protocols' is 'grpc' or 'grpcs'" });
  });

  it('reports bad protocol elements with an array of holes', async () => {
    const res = await call(mock, 'POST', '/routes', { json: { protocols: ['http', 'foo'], paths: ['/a'] } });
    expect(res.body.fields.protocols).toEqual([null, 'expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp']);
    expect(res.body.message).toBe('schema violation (protocols.2: expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp)');
  });

  it('rejects paths that do not start with / or ~/', async () => {
    const res = await call(mock, 'POST', '/routes', { json: { paths: ['a'] } });
    expect(res.body).toEqual(violation('schema violation (paths.1: should start with: / (fixed path) or ~/ (regex path))', { paths: ['should start with: / (fixed path) or ~/ (regex path)'] }));
  });

  it('replaces arrays on PATCH and renders empty arrays', async () => {
    const r = (await call(mock, 'POST', '/routes', { json: { paths: ['/a'], methods: ['GET'] } })).body;
    const res = await call(mock, 'PATCH', `/routes/${r.id}`, { json: { methods: [], paths: ['/b'], hosts: ['h.test'] } });
    expect(res.body).toMatchObject({ methods: [], paths: ['/b'], hosts: ['h.test'] });
  });
});

describe('plugins', () => {
  it('stops at a missing or unknown name', async () => {
    expect((await call(mock, 'POST', '/plugins', { json: {} })).body).toEqual(violation('schema violation (name: required field missing)', { name: 'required field missing' }));
    expect((await call(mock, 'POST', '/plugins', { json: { name: 'nope', foo: 1 } })).body).toEqual(violation(
      "schema violation (name: plugin 'nope' not enabled; add it to the 'plugins' configuration property)",
      { name: "plugin 'nope' not enabled; add it to the 'plugins' configuration property" },
    ));
  });

  it('fills config with the plugin defaults', async () => {
    const res = await call(mock, 'POST', '/plugins', { json: { name: 'key-auth' } });
    expect(res.status).toBe(201);
    expect(res.body.config).toEqual({
      key_names: ['apikey'], hide_credentials: false, anonymous: null, key_in_header: true, key_in_query: true,
      key_in_body: false, run_on_preflight: true, realm: null,
    });
    expect(res.body).toMatchObject({ name: 'key-auth', protocols: ['grpc', 'grpcs', 'http', 'https'], enabled: true, route: null, service: null, consumer: null });
  });

  it('refuses a consumer scope for plugins that forbid it', async () => {
    const c = (await call(mock, 'POST', '/consumers', { json: { username: 'bob' } })).body;
    const res = await call(mock, 'POST', '/consumers/bob/plugins', { json: { name: 'key-auth' } });
    expect(res.body).toEqual(violation('schema violation (consumer: value must be null)', { consumer: 'value must be null' }));
    expect(c.username).toBe('bob');
  });

  it('reports the composite uniqueness with nulls', async () => {
    const svc = (await call(mock, 'POST', '/services', { json: { host: 'a.test' } })).body;
    await call(mock, 'POST', `/services/${svc.id}/plugins`, { json: { name: 'basic-auth' } });
    const res = await call(mock, 'POST', '/plugins', { json: { name: 'basic-auth', service: { id: svc.id } } });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      code: 5, name: 'unique constraint violation',
      message: `UNIQUE violation detected on '{consumer=null,name="basic-auth",route=null,service={id="${svc.id}"}}'`,
      fields: { consumer: null, name: 'basic-auth', route: null, service: { id: svc.id } },
    });
  });

  it('merges partial config patches and infers form config through the stored name', async () => {
    const p = (await call(mock, 'POST', '/plugins', { json: { name: 'rate-limiting', config: { minute: 10 } } })).body;
    const res = await call(mock, 'PATCH', `/plugins/${p.id}`, { form: { 'config.hour': '100' } });
    expect(res.status).toBe(200);
    expect(res.body.config).toMatchObject({ minute: 10, hour: 100 });
    const unknown = await call(mock, 'PATCH', `/plugins/${p.id}`, { json: { foo: 'bar' } });
    expect(unknown.body).toEqual(violation('schema violation (foo: unknown field)', { foo: 'unknown field' }));
    const notRecord = await call(mock, 'PATCH', `/plugins/${p.id}`, { json: { config: 'bar' } });
    expect(notRecord.body).toEqual(violation('schema violation (config: expected a record)', { config: 'expected a record' }));
  });

  it('addresses plugins by instance_name in 3.x and only by id in 2.8', async () => {
    const p = (await call(mock, 'POST', '/plugins', { json: { name: 'cors', instance_name: 'my-cors' } })).body;
    expect((await call(mock, 'GET', '/plugins/my-cors')).body).toEqual(p);
    const old = await newMock('2.8');
    expect((await call(old, 'GET', '/plugins/my-cors')).body).toEqual({
      code: 1, name: 'invalid primary key', message: 'invalid primary key: \'{id="expected a valid UUID"}\'', fields: { id: 'expected a valid UUID' },
    });
  });

  it('answers 404 Not found to PATCH of a missing plugin without a name', async () => {
    const res = await call(mock, 'PATCH', '/plugins/00000000-0000-4000-8000-000000000009', { json: { enabled: false } });
    expect(res).toMatchObject({ status: 404, body: { message: 'Not found' } });
  });

  it('lists enabled plugins', async () => {
    const res = await call(mock, 'GET', '/plugins/enabled');
    expect(res.body.enabled_plugins).toEqual(expect.arrayContaining(['key-auth', 'basic-auth', 'rate-limiting', 'cors', 'acl']));
  });
});

describe('plugin rules written as code', () => {
  it('rate-limiting refuses a longer period with a lower limit', async () => {
    const m = await newMock();
    const res = await call(m, 'POST', '/plugins', { json: { name: 'rate-limiting', config: { minute: 20, hour: 10 } } });
    expect(res.body).toEqual(violation(
      'schema violation (config: The limit for hour(10.0) cannot be lower than the limit for minute(20.0))',
      { config: 'The limit for hour(10.0) cannot be lower than the limit for minute(20.0)' },
    ));
    const none = await call(m, 'POST', '/plugins', { json: { name: 'rate-limiting' } });
    expect(none.body.fields['@entity']).toEqual(["at least one of these fields must be non-empty: 'config.second', 'config.minute', 'config.hour', 'config.day', 'config.month', 'config.year'"]);
  });
});
