import { describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';

/**
 * The order Kong checks a field in (kong/db/schema/init.lua 3.9.3: Schema:validate picks the
 * subschema first, validate_field runs null, eq-null, type, contents, then validators_order).
 */
const violation = (fields: Record<string, unknown>, message: string) => ({ code: 2, name: 'schema violation', message, fields });

describe('routes: the protocols subschema comes first', () => {
  it('protocols none of which has a subschema: unknown type, and nothing else is checked', async () => {
    const mock = await newMock();
    expect((await call(mock, 'POST', '/routes', { json: { protocols: ['foo'], paths: 5 } })).body).toEqual(
      violation({ protocols: 'unknown type: foo' }, 'schema violation (protocols: unknown type: foo)'),
    );
    expect((await call(mock, 'POST', '/routes', { json: { protocols: [], hosts: 'x' } })).body).toEqual(violation({ protocols: 'unknown type: nil' }, 'schema violation (protocols: unknown type: nil)'));
    expect((await call(mock, 'POST', '/routes', { json: { protocols: [7] } })).body.fields).toEqual({ protocols: 'unknown type: 7' });
    expect((await call(mock, 'POST', '/routes', { json: { protocols: null, hosts: 5 } })).body.fields).toEqual({ protocols: 'required field missing' });
    // the first protocol that has a subschema picks it; the unknown one is then an element error
    expect((await call(mock, 'POST', '/routes', { json: { protocols: ['foo', 'http'], paths: ['/a'] } })).body.fields).toEqual({
      protocols: ['expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp'],
    });
  });

  it('a PATCH is checked against the stored protocols', async () => {
    const mock = await newMock();
    const route = (await call(mock, 'POST', '/routes', { json: { protocols: ['tcp'], destinations: [{ port: 80 }] } })).body;
    expect((await call(mock, 'PATCH', `/routes/${route.id}`, { json: { methods: 'GET' } })).body.fields).toEqual({
      methods: "cannot set 'methods' when 'protocols' is 'tcp', 'tls', 'tls_passthrough' or 'udp'",
    });
  });

  it('a field the protocols forbid is refused with that message before its type or elements', async () => {
    const mock = await newMock();
    const stream = await call(mock, 'POST', '/routes', { json: { protocols: ['tcp'], methods: 123, hosts: [''], destinations: [{ port: 1 }] } });
    expect(stream.body.fields).toEqual({
      methods: "cannot set 'methods' when 'protocols' is 'tcp', 'tls', 'tls_passthrough' or 'udp'",
      hosts: "cannot set 'hosts' when 'protocols' is 'tcp', 'tls', 'tls_passthrough' or 'udp'",
    });
    const grpc = await call(mock, 'POST', '/routes', { json: { protocols: ['grpc'], paths: ['/a'], sources: 'x' } });
    expect(grpc.body.fields).toEqual({ sources: "cannot set 'sources' when 'protocols' is 'grpc' or 'grpcs'" });
    // an empty list is a value too
    const http = await call(mock, 'POST', '/routes', { json: { protocols: ['http'], paths: ['/a'], destinations: [] } });
    expect(http.body.fields).toEqual({ destinations: "cannot set 'destinations' when 'protocols' is 'http' or 'https'" });
  });
});

describe('empty tables and lists where a map is expected', () => {
  it('a list given for a map of strings fails on its first key', async () => {
    const mock = await newMock();
    expect((await call(mock, 'POST', '/routes', { json: { paths: ['/a'], headers: ['x-a'] } })).body).toEqual(
      violation({ headers: 'expected a string' }, 'schema violation (headers: expected a string)'),
    );
    const log = await call(mock, 'POST', '/plugins', { json: { name: 'http-log', config: { http_endpoint: 'http://log.test', headers: ['x-a'] } } });
    expect(log.body.fields).toEqual({ config: { headers: 'expected a string' } });
    const empty = await call(mock, 'POST', '/plugins', { json: { name: 'http-log', config: { http_endpoint: 'http://log.test', headers: [] } } });
    expect(empty.status).toBe(201);
  });

  it('[] and {} are one empty table: an empty config gets its defaults, an empty object is an empty set', async () => {
    const mock = await newMock();
    const plugin = await call(mock, 'POST', '/plugins', { json: { name: 'request-termination', config: [] } });
    expect(plugin.status).toBe(201);
    expect(plugin.body.config).toMatchObject({ status_code: 503, echo: false });
    const service = await call(mock, 'POST', '/services', { json: { host: 'a.test', tags: {} } });
    expect(service.status).toBe(201);
    expect(service.body.tags).toEqual([]);
    const route = await call(mock, 'POST', '/routes', { json: { paths: ['/a'], headers: [] } });
    expect(route.body.headers).toEqual({});
  });
});
