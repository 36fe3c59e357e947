/**
 * Cases taken from the behaviour Kong's own Admin API integration tests assert (vault schemas,
 * the validate endpoints, schema rendering, tags with bytes that are not UTF-8), each with Kong's
 * exact body.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../root.ts';
import { call, newMock } from '../testkit.ts';
import type { KongMock } from './mock.ts';

let mock: KongMock;
beforeEach(async () => {
  mock = await newMock();
});

describe('vault schemas', () => {
  it('GET /schemas/vaults/{name}: the env vault, 404 for others', async () => {
    const env = await call(mock, 'GET', '/schemas/vaults/env');
    expect(env.status).toBe(200);
    expect(env.body.entity_checks).toEqual([]);
    expect(env.body.fields).toHaveLength(1);
    const config = env.body.fields[0].config;
    expect(config).toMatchObject({ type: 'record', required: true });
    expect(config.fields.map((f: Record<string, unknown>) => Object.keys(f)[0])).toEqual(['prefix']);
    expect(await call(mock, 'GET', '/schemas/vaults/not-present')).toMatchObject({ status: 404, body: { message: "No vault named 'not-present'" } });
    // the 2.8 profile has no such route
    expect((await call(await newMock('2.8'), 'GET', '/schemas/vaults/env')).body).toEqual({ message: 'Not found' });
  });

  it('validating or creating a vault without a usable name reports only the name', async () => {
    expect((await call(mock, 'POST', '/schemas/vaults/validate')).body).toEqual({
      code: 2, name: 'schema violation', message: 'schema violation (name: required field missing)', fields: { name: 'required field missing' },
    });
    expect((await call(mock, 'POST', '/vaults', { json: {} })).body.fields).toEqual({ name: 'required field missing' });
    expect((await call(mock, 'POST', '/vaults', { json: { name: 'nope' } })).body).toEqual({
      code: 2, name: 'schema violation', message: "schema violation (name: vault 'nope' is not installed)", fields: { name: "vault 'nope' is not installed" },
    });
    // with a known name the rest is validated
    expect((await call(mock, 'POST', '/vaults', { json: { name: 'env' } })).body.fields).toEqual({ prefix: 'required field missing' });
    expect((await call(mock, 'POST', '/schemas/vaults/validate', { json: { name: 'env', prefix: 'my-env' } })).body).toEqual({ message: 'schema validation successful' });
  });

  it('/endpoints lists the vault schema routes', async () => {
    const { data } = (await call(mock, 'GET', '/endpoints')).body;
    expect(data).toEqual(expect.arrayContaining(['/schemas/vaults/{name}', '/schemas/vaults/validate']));
  });
});

describe('the validate endpoints check SNIs as schema elements', () => {
  it('certificates: an IP among the snis is a schema violation on that element', async () => {
    const res = await call(mock, 'POST', '/schemas/certificates/validate', { json: { snis: ['a.test', '120.0.9.32:90'] } });
    expect(res.body).toEqual({
      code: 2, name: 'schema violation', message: 'schema violation (snis.2: must not be an IP)', fields: { snis: [null, 'must not be an IP'] },
    });
  });
});

describe('schema rendering', () => {
  it('lists only the defaults a schema declares (no default: null on optional fields)', async () => {
    const fields = (await call(mock, 'GET', '/schemas/services')).body.fields as Array<Record<string, Record<string, unknown>>>;
    const field = (name: string) => fields.find((f) => name in f)![name];
    expect(field('path')).not.toHaveProperty('default');
    expect(field('name')).toEqual({ type: 'string', unique: true, description: expect.any(String) });
    expect(field('retries')).toMatchObject({ default: 5 });
  });
});

describe('tags that are not UTF-8', () => {
  it('in ?tags= the filter is invalid; in /tags/{tag} the tag is an invalid unique key', async () => {
    expect((await call(mock, 'GET', '/consumers?tags=%FF')).body).toEqual({ code: 11, name: 'invalid options', message: 'invalid option (tags: invalid filter syntax)', options: { tags: 'invalid filter syntax' } });
    const tag = await call(mock, 'GET', '/tags/%FF');
    expect(tag.status).toBe(400);
    expect(tag.body.message).toMatch(/^invalid utf-8 character sequence detected at position 1/);
    // percent-encoded UTF-8 is a tag like any other
    expect((await call(mock, 'GET', '/consumers?tags=%F0%9F%A6%8D')).body).toEqual({ data: [], next: null });
  });
});

describe('form bodies naming a foreign key', () => {
  it('an empty service.name= is null, so the key is simply missing', async () => {
    const res = await call(mock, 'POST', '/routes', { raw: 'methods[1]=GET&service.name=', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.body).toEqual({ code: 2, name: 'schema violation', message: 'schema violation (service.id: missing primary key)', fields: { service: { id: 'missing primary key' } } });
  });
});

describe('array and foreign key errors as Kong reports them', () => {
  const protocolsMsg = 'expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp';

  it('element errors end at the last bad element (no trailing nulls), holes before it stay', async () => {
    const res = await call(mock, 'POST', '/routes', { json: { methods: ['GET'], protocols: ['foo', 'http'] } });
    expect(res.body).toEqual({ code: 2, name: 'schema violation', message: `schema violation (protocols.1: ${protocolsMsg})`, fields: { protocols: [protocolsMsg] } });
    const paths = await call(mock, 'POST', '/routes', { json: { paths: ['/ok', 'bad', '/ok2'] } });
    expect(paths.body.fields).toEqual({ paths: [null, 'should start with: / (fixed path) or ~/ (regex path)'] });
  });

  it("a foreign key with invalid fields reports those fields, else the missing key", async () => {
    const res = await call(mock, 'POST', '/routes', { json: { methods: ['GET'], protocols: ['foo', 'http'], service: { protocol: 'foo' } } });
    expect(res.body).toEqual({
      code: 2,
      name: 'schema violation',
      message: `2 schema violations (protocols.1: ${protocolsMsg}; service.protocol: ${protocolsMsg})`,
      fields: { protocols: [protocolsMsg], service: { protocol: protocolsMsg } },
    });
    const valid = await call(mock, 'POST', '/schemas/routes/validate', { json: { paths: ['/a'], service: { protocol: 'http' } } });
    expect(valid.body.fields).toEqual({ service: { id: 'missing primary key' } });
    const unknown = await call(mock, 'POST', '/routes', { json: { paths: ['/a'], service: { foo: 1 } } });
    expect(unknown.body.fields).toEqual({ service: { foo: 'unknown field' } });
  });
});

describe('string rules', () => {
  it("the env vault's prefix must be a variable-name prefix (Lua pattern), shown as match in its schema", async () => {
    const bad = await call(mock, 'POST', '/vaults', { json: { name: 'env', prefix: 'my-env', config: { prefix: 'bad prefix' } } });
    expect(bad.body).toEqual({ code: 2, name: 'schema violation', message: 'schema violation (config.prefix: invalid value: bad prefix)', fields: { config: { prefix: 'invalid value: bad prefix' } } });
    expect((await call(mock, 'POST', '/vaults', { json: { name: 'env', prefix: 'my-env', config: { prefix: 'SECRET_' } } })).status).toBe(201);
    const env = (await call(mock, 'GET', '/schemas/vaults/env')).body;
    expect(env.fields[0].config.fields[0].prefix).toMatchObject({ type: 'string', match: '^[%a_-][%a%d_-]*$' });
  });

  it('plugin schemas show the pattern rules in Kong notation', async () => {
    const fields = (await call(mock, 'GET', '/plugins/schema/rate-limiting')).body.fields as Array<Record<string, Record<string, unknown>>>;
    const path = fields.find((f) => 'path' in f)!.path;
    expect(path).toMatchObject({ starts_with: '/', match_none: [{ pattern: '//', err: 'must not have empty segments' }] });
  });
});

describe('disabled paths', () => {
  it('answer 404 to the methods they have handlers for and 405 to the others', async () => {
    for (const [method, path] of [['GET', '/targets'], ['POST', '/targets'], ['GET', '/targets/x'], ['PUT', '/targets/x'], ['PATCH', '/targets/x'], ['DELETE', '/targets/x'], ['GET', '/snis/a.test/certificate']]) {
      expect([method, path, (await call(mock, method, path, { json: {} })).body]).toEqual([method, path, { message: 'Not found' }]);
    }
    for (const [method, path] of [['PUT', '/targets'], ['PATCH', '/targets'], ['DELETE', '/targets'], ['POST', '/targets/x'], ['POST', '/snis/a.test/certificate']]) {
      const res = await call(mock, method, path, { json: {} });
      expect([method, path, res.status, res.body]).toEqual([method, path, 405, { message: 'Method not allowed' }]);
    }
  });
});

describe('certificates through other paths', () => {
  const pki = (name: string) => readFileSync(join(PROJECT_ROOT, 'fixtures', 'pki', name), 'utf8');
  const pair = () => ({ cert: pki('rsa.crt'), key: pki('rsa.key') });

  it('an SNI name is a certificate key only on /certificates/{c} and its snis; nested elsewhere it must be an id', async () => {
    expect((await call(mock, 'POST', '/certificates', { json: { ...pair(), snis: ['p1.test'] } })).status).toBe(201);
    expect((await call(mock, 'GET', '/certificates/p1.test')).status).toBe(200);
    expect((await call(mock, 'GET', '/certificates/p1.test/snis')).body.data.map((s: { name: string }) => s.name)).toEqual(['p1.test']);
    for (const nested of ['upstreams', 'services']) {
      expect((await call(mock, 'GET', `/certificates/p1.test/${nested}`)).body).toEqual({
        code: 1, name: 'invalid primary key', message: `invalid primary key: '{id="expected a valid UUID"}'`, fields: { id: 'expected a valid UUID' },
      });
    }
  });

  it('a foreign-entity GET reads the certificate plainly (snis null); PUT there keeps its SNIs', async () => {
    const cert = await call(mock, 'POST', '/certificates', { json: { ...pair(), snis: ['p2.test'] } });
    const up = await call(mock, 'POST', '/upstreams', { json: { name: 'up.test', client_certificate: { id: cert.body.id } } });
    const read = await call(mock, 'GET', `/upstreams/${up.body.id}/client_certificate`);
    expect(read.body).toMatchObject({ id: cert.body.id, snis: null });
    const old = await newMock('2.8');
    const c28 = await call(old, 'POST', '/certificates', { json: { ...pair(), snis: ['p2.test'] } });
    const u28 = await call(old, 'POST', '/upstreams', { json: { name: 'up.test', client_certificate: { id: c28.body.id } } });
    expect((await call(old, 'GET', `/upstreams/${u28.body.id}/client_certificate`)).body).not.toHaveProperty('snis');
    const put = await call(mock, 'PUT', `/upstreams/${up.body.id}/client_certificate`, { json: pair() });
    expect(put.body).toMatchObject({ id: cert.body.id, snis: ['p2.test'] });
    // PUT on the certificate itself without snis drops them
    expect((await call(mock, 'PUT', `/certificates/${cert.body.id}`, { json: pair() })).body.snis).toEqual([]);
  });

  it('PUT of a client certificate for a plain-http service creates it, then refuses to link it', async () => {
    const svc = await call(mock, 'POST', '/services', { json: { name: 'plain', url: 'http://plain.test' } });
    const res = await call(mock, 'PUT', `/services/${svc.body.id}/client_certificate`, { json: pair() });
    expect(res.body).toEqual({
      code: 2,
      name: 'schema violation',
      message: "2 schema violations (failed conditional validation given value of field 'protocol'; client_certificate: value must be null)",
      fields: { '@entity': ["failed conditional validation given value of field 'protocol'"], client_certificate: 'value must be null' },
    });
    expect((await call(mock, 'GET', `/services/${svc.body.id}`)).body.client_certificate).toBeNull();
    expect((await call(mock, 'GET', '/certificates')).body.data).toHaveLength(1);
  });
});

describe('keys: the jwk entity check in Kong order', () => {
  const key = (jwk: string, kid: string) => call(mock, 'POST', '/keys', { json: { kid, jwk } });
  const entityError = (msg: string) => ({ code: 2, name: 'schema violation', message: `schema violation (${msg})`, fields: { '@entity': [msg] } });

  it('decodes, then compares the kid, then loads the key', async () => {
    expect((await key('not json', 'a')).body).toEqual(entityError('could not json decode jwk string'));
    expect((await key('{"kid":"a"}', 'b')).body).toEqual(entityError('kid in jwk.kid must be equal to keys.kid'));
    expect((await key('{"kid":"36"}', '36')).body).toEqual(entityError('could not load JWK, likely not a valid key'));
  });
});
