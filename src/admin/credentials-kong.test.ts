/**
 * The consumer credentials as Kong's own plugin API tests exercise them
 * (spec/03-plugins/{09-key-auth,10-basic-auth,16-jwt,18-acl,25-oauth2}), with the exact bodies,
 * in both profiles where they agree and per profile where 2.8 differs.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';
import type { KongVersion } from '../entities/types.ts';
import { createMock, type KongMock } from './mock.ts';
import { hashClientSecret, hashPassword, socketUrlParse, verifyClientSecret } from '../entities/credentials.ts';
import { loadSpec } from '../spec/index.ts';
import { validators } from '../entities/validators.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VERSIONS: KongVersion[] = ['3.9', '2.8'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RANDOM = /^[A-Za-z0-9]{32}$/;
const NOT_FOUND = { message: 'Not found' };
/** An exact second, so a fresh ttl shows whole. */
const T0 = 1_700_000_000_000;

const schemaViolation = (fields: Record<string, unknown>, parts: string[]) => ({
  code: 2,
  name: 'schema violation',
  message: parts.length === 1 ? `schema violation (${parts[0]})` : `${parts.length} schema violations (${parts.join('; ')})`,
  fields,
});
const BAD_TTL = {
  code: 11,
  name: 'invalid options',
  message: 'invalid option (ttl: must be an integer between 0 and 100000000)',
  options: { ttl: 'must be an integer between 0 and 100000000' },
};

let now: number;
let mock: KongMock;
let bob: { id: string };
let alice: { id: string };

async function setup(version: KongVersion): Promise<void> {
  now = T0;
  mock = await newMock(version, () => now);
  bob = (await call(mock, 'POST', '/consumers', { json: { username: 'bob' } })).body;
  alice = (await call(mock, 'POST', '/consumers', { json: { username: 'alice' } })).body;
}

describe.each(VERSIONS)('acls addressed by group under a consumer (Kong %s, kong/plugins/acl/api.lua)', (version) => {
  let hello: Record<string, unknown>;
  beforeEach(async () => {
    await setup(version);
    hello = (await call(mock, 'POST', '/consumers/bob/acls', { json: { group: 'hello' } })).body;
  });

  it('GET by group under its consumer; 404 through another consumer', async () => {
    expect(await call(mock, 'GET', '/consumers/bob/acls/hello')).toMatchObject({ status: 200, body: hello });
    expect(await call(mock, 'GET', `/consumers/${bob.id}/acls/hello`)).toMatchObject({ status: 200, body: hello });
    expect(await call(mock, 'GET', '/consumers/alice/acls/hello')).toMatchObject({ status: 404, body: NOT_FOUND });
    expect(await call(mock, 'GET', `/consumers/alice/acls/${hello.id}`)).toMatchObject({ status: 404, body: NOT_FOUND });
    expect(await call(mock, 'GET', '/consumers/bob/acls/missing')).toMatchObject({ status: 404, body: NOT_FOUND });
    expect(await call(mock, 'GET', '/consumers/nobody/acls/hello')).toMatchObject({ status: 404, body: NOT_FOUND });
  });

  it('finds the right acl when consumers share a group name', async () => {
    const other = (await call(mock, 'POST', '/consumers/alice/acls', { json: { group: 'hello' } })).body;
    expect((await call(mock, 'GET', '/consumers/alice/acls/hello')).body).toEqual(other);
    expect((await call(mock, 'GET', '/consumers/bob/acls/hello')).body).toEqual(hello);
    expect((await call(mock, 'DELETE', '/consumers/alice/acls/hello')).status).toBe(204);
    expect((await call(mock, 'GET', '/consumers/bob/acls/hello')).body).toEqual(hello);
  });

  it('PUT by a new group creates it with that group; the body group wins, the URL one fills in', async () => {
    const res = await call(mock, 'PUT', '/consumers/bob/acls/pro', { json: {} });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: expect.stringMatching(UUID), created_at: T0 / 1000, consumer: { id: bob.id }, group: 'pro', tags: null });
    const again = await call(mock, 'PUT', '/consumers/bob/acls/pro', { json: { tags: ['t'] } });
    expect(again.body).toEqual({ id: res.body.id, created_at: T0 / 1000, consumer: { id: bob.id }, group: 'pro', tags: ['t'] });
    const renamed = await call(mock, 'PUT', '/consumers/bob/acls/pro', { json: { group: 'gold' } });
    expect(renamed.body).toEqual({ id: res.body.id, created_at: T0 / 1000, consumer: { id: bob.id }, group: 'gold', tags: null });
    // another consumer's PUT by the same group creates its own
    const theirs = await call(mock, 'PUT', '/consumers/alice/acls/gold', { form: {} });
    expect(theirs.body).toMatchObject({ consumer: { id: alice.id }, group: 'gold' });
    expect(theirs.body.id).not.toBe(res.body.id);
    // a null group is not filled in
    expect(await call(mock, 'PUT', '/consumers/bob/acls/silver', { json: { group: null } })).toMatchObject({
      status: 400,
      body: schemaViolation({ group: 'required field missing' }, ['group: required field missing']),
    });
    expect(await call(mock, 'PUT', '/consumers/nobody/acls/silver', { json: {} })).toMatchObject({ status: 404, body: NOT_FOUND });
  });

  it('PATCH and DELETE by group; a missing group is a 404', async () => {
    const patched = await call(mock, 'PATCH', '/consumers/bob/acls/hello', { json: { group: 'updatedGroup2' } });
    expect(patched).toMatchObject({ status: 200, body: { ...hello, group: 'updatedGroup2' } });
    expect(await call(mock, 'PATCH', '/consumers/bob/acls/hello', { json: { group: 'x' } })).toMatchObject({ status: 404, body: NOT_FOUND });
    expect(await call(mock, 'PATCH', '/consumers/alice/acls/updatedGroup2', { json: { group: 'x' } })).toMatchObject({ status: 404, body: NOT_FOUND });
    expect(await call(mock, 'DELETE', '/consumers/alice/acls/updatedGroup2')).toMatchObject({ status: 404, body: NOT_FOUND });
    expect((await call(mock, 'DELETE', '/consumers/bob/acls/updatedGroup2')).status).toBe(204);
    expect(await call(mock, 'DELETE', '/consumers/bob/acls/blah')).toMatchObject({ status: 404, body: NOT_FOUND });
    expect(await call(mock, 'DELETE', '/consumers/bob/acls/00000000-0000-0000-0000-000000000000')).toMatchObject({ status: 404, body: NOT_FOUND });
  });

  it('the top-level path takes ids only', async () => {
    const invalidPk = { code: 1, name: 'invalid primary key', message: `invalid primary key: '{id="expected a valid UUID"}'`, fields: { id: 'expected a valid UUID' } };
    for (const method of ['GET', 'PATCH', 'PUT', 'DELETE']) {
      const res = await call(mock, method, '/acls/hello', method === 'GET' || method === 'DELETE' ? {} : { json: { group: 'x', consumer: { id: bob.id } } });
      expect(res, method).toMatchObject({ status: 400, body: invalidPk });
    }
    expect(await call(mock, 'GET', '/acls/hello/consumer')).toMatchObject({ status: 400, body: invalidPk });
    expect((await call(mock, 'GET', `/acls/${hello.id}`)).body).toEqual(hello);
  });
});

describe.each(VERSIONS)('key-auth ttl (Kong %s)', (version) => {
  beforeEach(() => setup(version));

  it('a credential created with a ttl shows the seconds left and is gone once it expires', async () => {
    const res = await call(mock, 'POST', '/consumers/bob/key-auth', { json: { key: 'k1', ttl: 10 } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(UUID), created_at: T0 / 1000, consumer: { id: bob.id }, key: 'k1', tags: null, ttl: 10 });
    const plain = (await call(mock, 'POST', '/key-auths', { json: { key: 'k2', consumer: { id: bob.id } } })).body;
    expect(plain.ttl).toBeNull();

    now = T0 + 3_400;
    expect((await call(mock, 'GET', '/key-auths/k1')).body.ttl).toBe(6);
    expect((await call(mock, 'GET', `/consumers/bob/key-auth/${res.body.id}`)).body).toEqual({ ...res.body, ttl: 6 });
    expect((await call(mock, 'GET', '/consumers/bob/key-auth')).body.data.map((c: { key: string; ttl: unknown }) => [c.key, c.ttl]).sort()).toEqual([['k1', 6], ['k2', null]]);

    // visible while its expiry is not before now (ttl >= CURRENT_TIMESTAMP)
    now = T0 + 10_000;
    expect((await call(mock, 'GET', '/key-auths/k1')).body.ttl).toBe(0);
    now = T0 + 10_001;
    expect(await call(mock, 'GET', '/key-auths/k1')).toMatchObject({ status: 404, body: NOT_FOUND });
    expect(await call(mock, 'GET', `/consumers/bob/key-auth/${res.body.id}`)).toMatchObject({ status: 404, body: NOT_FOUND });
    expect((await call(mock, 'GET', '/key-auths')).body).toEqual({ data: [plain], next: null });
    expect(await call(mock, 'PATCH', `/consumers/bob/key-auth/${res.body.id}`, { json: { tags: ['x'] } })).toMatchObject({ status: 404, body: NOT_FOUND });
  });

  it('the seconds left are floored, as Kong reads them back (a fraction of a second has passed)', async () => {
    now = T0 + 500;
    expect((await call(mock, 'POST', '/consumers/bob/key-auth', { json: { ttl: 10 } })).body.ttl).toBe(9);
  });

  it('accepts 0 to 100000000 (0: no expiry); refuses the rest with code 11 before anything else', async () => {
    expect((await call(mock, 'POST', '/consumers/bob/key-auth', { json: { ttl: 0 } })).body.ttl).toBeNull();
    expect((await call(mock, 'POST', '/consumers/bob/key-auth', { json: { ttl: 100000000 } })).body.ttl).toBe(100000000);
    for (const ttl of [-1, 1.5, 100000001, '10', ' 7 ']) {
      expect(await call(mock, 'POST', '/consumers/bob/key-auth', { json: { ttl, key: 123 } }), String(ttl)).toMatchObject({ status: 400, body: BAD_TTL });
    }
    // Kong's math.floor raises on what it cannot read as a number (a 500 there); the mock gives the option error
    for (const ttl of ['abc', true, null, [1], {}]) {
      expect(await call(mock, 'POST', '/consumers/bob/key-auth', { json: { ttl } }), JSON.stringify(ttl)).toMatchObject({ status: 400, body: BAD_TTL });
    }
    // form values go through tonumber
    expect((await call(mock, 'POST', '/consumers/bob/key-auth', { form: { ttl: '10' } })).body.ttl).toBe(10);
    expect(await call(mock, 'POST', '/consumers/bob/key-auth', { form: { ttl: '2.5' } })).toMatchObject({ status: 400, body: BAD_TTL });
    expect(await call(mock, 'POST', '/consumers/bob/key-auth', { form: { ttl: 'abc' } })).toMatchObject({ status: 400, body: BAD_TTL });
    // the parent is looked up first; a top-level PATCH checks the options before the lookup
    expect(await call(mock, 'POST', '/consumers/nobody/key-auth', { json: { ttl: -1 } })).toMatchObject({ status: 404, body: NOT_FOUND });
    expect(await call(mock, 'PATCH', '/key-auths/missing', { json: { ttl: -1 } })).toMatchObject({ status: 400, body: BAD_TTL });
    expect(await call(mock, 'PATCH', '/key-auths/missing', { json: { ttl: 5 } })).toMatchObject({
      status: 404,
      body: { code: 6, name: 'not found', message: `could not find the entity with '{key="missing"}'`, fields: { key: 'missing' } },
    });
    expect(await call(mock, 'PUT', '/key-auths/new-key', { json: { ttl: -1 } })).toMatchObject({ status: 400, body: BAD_TTL });
  });

  it('an update keeps the expiry unless it sends a ttl (counted from now; 0 clears it); an upsert sets or clears it', async () => {
    const created = (await call(mock, 'POST', '/consumers/bob/key-auth', { json: { key: 'k', ttl: 100 } })).body;
    now = T0 + 20_000;
    expect((await call(mock, 'PATCH', '/key-auths/k', { json: { tags: ['a'] } })).body).toEqual({ ...created, tags: ['a'], ttl: 80 });
    now = T0 + 30_250;
    expect((await call(mock, 'PATCH', `/consumers/bob/key-auth/${created.id}`, { json: { ttl: 50 } })).body.ttl).toBe(50);
    now = T0 + 40_000;
    expect((await call(mock, 'GET', '/key-auths/k')).body.ttl).toBe(40);
    expect((await call(mock, 'PATCH', '/key-auths/k', { json: { ttl: 0 } })).body.ttl).toBeNull();
    // PUT: created_at + ttl; without a ttl, none
    const put = (await call(mock, 'PUT', '/consumers/bob/key-auth/k', { json: { ttl: 30 } })).body;
    expect(put).toEqual({ ...created, created_at: (T0 + 40_000) / 1000, tags: null, ttl: 30 });
    expect((await call(mock, 'PUT', '/key-auths/k', { json: { consumer: { id: bob.id } } })).body.ttl).toBeNull();
  });

  it('is not a field: GET /schemas does not list it, the validate endpoint ignores it, other credentials refuse it', async () => {
    const schema = (await call(mock, 'GET', '/schemas/keyauth_credentials')).body;
    expect(schema.fields.map((f: Record<string, unknown>) => Object.keys(f)[0])).toEqual(['id', 'created_at', 'consumer', 'key', 'tags']);
    expect(await call(mock, 'POST', '/schemas/keyauth_credentials/validate', { json: { consumer: { id: bob.id }, ttl: 'soon' } })).toMatchObject({
      status: 200,
      body: { message: 'schema validation successful' },
    });
    expect(await call(mock, 'POST', '/consumers/bob/hmac-auth', { json: { username: 'h', ttl: 10 } })).toMatchObject({
      status: 400,
      body: schemaViolation({ ttl: 'unknown field' }, ['ttl: unknown field']),
    });
  });

  it('a DB-less node shows no ttl key, and a declarative ttl is accepted', async () => {
    const config = await createMock({ version, dbless: true });
    const yaml = [
      `_format_version: '${version === '3.9' ? '3.0' : '2.1'}'`,
      'consumers:',
      '- {username: bar, id: e150d090-4d53-4e55-bff8-efaaccd34ec4}',
      'keyauth_credentials:',
      '- {id: 3f9066ef-b91b-4d1d-a05a-28619401c1ad, ttl: ~, key: test, consumer: e150d090-4d53-4e55-bff8-efaaccd34ec4}',
    ].join('\n');
    expect((await call(config, 'POST', '/config', { raw: yaml, headers: { 'content-type': 'text/yaml' } })).status).toBe(201);
    const read = (await call(config, 'GET', '/key-auths/test')).body;
    expect(read).toMatchObject({ id: '3f9066ef-b91b-4d1d-a05a-28619401c1ad', key: 'test' });
    expect(read).not.toHaveProperty('ttl');
  });
});

describe.each(VERSIONS)('basic-auth: password and consumer id go together (Kong %s, transformation checks)', (version) => {
  let cred: Record<string, unknown>;
  beforeEach(async () => {
    await setup(version);
    cred = (await call(mock, 'POST', '/consumers/bob/basic-auth', { json: { username: 'bob', password: 'kong' } })).body;
  });
  const ALL_OR_NONE = "all or none of these fields must be set: 'password', 'consumer.id'";
  const refused = schemaViolation({ '@entity': [ALL_OR_NONE] }, [ALL_OR_NONE]);

  it('PATCH /basic-auths/{u} cannot move the credential alone, nor set only the password', async () => {
    expect(await call(mock, 'PATCH', '/basic-auths/bob', { json: { consumer: { id: alice.id } } })).toMatchObject({ status: 400, body: refused });
    expect(await call(mock, 'PATCH', `/basic-auths/${cred.id}`, { json: { password: 'new' } })).toMatchObject({ status: 400, body: refused });
    expect(await call(mock, 'PATCH', '/basic-auths/bob', { form: { password: 'new' } })).toMatchObject({ status: 400, body: refused });
  });

  it('passes with both, with the same consumer alone, without either, and nested (the body carries the parent)', async () => {
    const moved = await call(mock, 'PATCH', '/basic-auths/bob', { json: { password: 'new', consumer: { id: alice.id } } });
    expect(moved).toMatchObject({ status: 200, body: { ...cred, consumer: { id: alice.id }, password: hashPassword('new', alice.id) } });
    expect((await call(mock, 'PATCH', '/basic-auths/bob', { json: { consumer: { id: alice.id } } })).status).toBe(200);
    expect((await call(mock, 'PATCH', '/basic-auths/bob', { json: { tags: ['t'] } })).body.password).toBe(hashPassword('new', alice.id));
    const nested = await call(mock, 'PATCH', '/consumers/alice/basic-auth/bob', { json: { password: 'again' } });
    expect(nested).toMatchObject({ status: 200, body: { id: cred.id, consumer: { id: alice.id }, password: hashPassword('again', alice.id), tags: ['t'] } });
  });

  it('a create without a consumer reports the pair too; the validate endpoint reads the processed entity', async () => {
    const parts = [ALL_OR_NONE, 'consumer: required field missing'];
    const both = schemaViolation({ '@entity': [ALL_OR_NONE], consumer: 'required field missing' }, parts);
    expect(await call(mock, 'POST', '/basic-auths', { json: { username: 'x', password: 'y' } })).toMatchObject({ status: 400, body: both });
    expect(await call(mock, 'POST', '/schemas/basicauth_credentials/validate', { json: { username: 'x', password: 'y' } })).toMatchObject({ status: 400, body: both });
  });
});

describe.each(VERSIONS)('oauth2 (Kong %s)', (version) => {
  beforeEach(() => setup(version));

  it('redirect_uris: a scheme and a host, no fragment (kong/plugins/oauth2/daos.lua)', async () => {
    const cases: Array<[string[], unknown[]]> = [
      [['not-valid'], ["cannot parse 'not-valid'"]],
      [['http://test.test/#with-fragment'], ["fragment not allowed in 'http://test.test/#with-fragment'"]],
      [['http://valid.test', 'not-valid'], [null, "cannot parse 'not-valid'"]],
      [['http://valid.test', 'http://test.test/#with-fragment'], [null, "fragment not allowed in 'http://test.test/#with-fragment'"]],
      [['not-valid', 'http://valid.test'], ["cannot parse 'not-valid'"]],
      [['http://test.test#x'], ["fragment not allowed in 'http://test.test#x'"]],
      [['http://test.test/#'], ["fragment not allowed in 'http://test.test/#'"]],
      [['//test.test/cb'], ["cannot parse '//test.test/cb'"]],
      [['http:/test.test'], ["cannot parse 'http:/test.test'"]],
      [['http://user@:8080/cb'], ["cannot parse 'http://user@:8080/cb'"]],
      [[''], ['length must be at least 1']],
    ];
    for (const [uris, errors] of cases) {
      const res = await call(mock, 'POST', '/consumers/bob/oauth2', { json: { name: 'Test APP', redirect_uris: uris } });
      expect(res.status, uris.join()).toBe(400);
      expect(res.body.fields, uris.join()).toEqual({ redirect_uris: errors });
    }
    const one = await call(mock, 'POST', '/consumers/bob/oauth2', { json: { name: 'Test APP', redirect_uris: ['not-valid'] } });
    expect(one.body).toEqual(schemaViolation({ redirect_uris: ["cannot parse 'not-valid'"] }, ["redirect_uris.1: cannot parse 'not-valid'"]));
    const ok = await call(mock, 'POST', '/consumers/bob/oauth2', { json: { name: 'ok', redirect_uris: ['http://a.test', 'https://u:p@[::1]:8443/cb?x=1', 'myapp://callback'] } });
    expect(ok.status).toBe(201);
    const patched = await call(mock, 'PATCH', `/consumers/bob/oauth2/${ok.body.id}`, { json: { redirect_uris: ['not-valid'] } });
    expect(patched).toMatchObject({ status: 400, body: { fields: { redirect_uris: ["cannot parse 'not-valid'"] } } });
  });

  it('hash_secret stores the client secret as a PBKDF2 PHC string (kong/plugins/oauth2/secret.lua)', async () => {
    const PHC = /^\$pbkdf2-sha512\$i=10000,l=32\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;
    const given = await call(mock, 'POST', '/consumers/bob/oauth2', { json: { name: 'Test APP', redirect_uris: ['http://google.test/'], client_secret: 'test', hash_secret: true } });
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ hash_secret: true, client_secret: expect.stringMatching(PHC) });
    expect(verifyClientSecret('test', given.body.client_secret)).toBe(true);
    expect(verifyClientSecret('invalid', given.body.client_secret)).toBe(false);
    // the generated secret is hashed too; without hash_secret it is kept as is
    const generated = await call(mock, 'POST', '/consumers/bob/oauth2', { json: { name: 'Test APP', hash_secret: true } });
    expect(generated.body.client_secret).toMatch(PHC);
    const plain = await call(mock, 'POST', '/consumers/bob/oauth2', { json: { name: 'Test APP', client_secret: 'test' } });
    expect(plain.body).toMatchObject({ hash_secret: false, client_secret: 'test' });
    // a PATCH that does not send hash_secret keeps the stored hash
    const renamed = await call(mock, 'PATCH', `/oauth2/${given.body.client_id}`, { json: { name: 'renamed' } });
    expect(renamed.body.client_secret).toBe(given.body.client_secret);
    // hash_secret and client_secret go together in a body that changes either
    const pair = "all or none of these fields must be set: 'hash_secret', 'client_secret'";
    for (const json of [{ client_secret: 'changed' }, { hash_secret: true }, { hash_secret: false }]) {
      expect(await call(mock, 'PATCH', `/consumers/bob/oauth2/${plain.body.id}`, { json }), JSON.stringify(json)).toMatchObject({
        status: 400,
        body: schemaViolation({ '@entity': [pair] }, [pair]),
      });
    }
    expect((await call(mock, 'PATCH', `/consumers/bob/oauth2/${plain.body.id}`, { json: { client_secret: 'test', name: 'same secret' } })).status).toBe(200);
    const hashed = await call(mock, 'PATCH', `/consumers/bob/oauth2/${plain.body.id}`, { json: { client_secret: 'other', hash_secret: true } });
    expect(verifyClientSecret('other', hashed.body.client_secret)).toBe(true);
    const put = await call(mock, 'PUT', '/consumers/bob/oauth2/client-one', { json: { name: 'put', client_secret: 's', hash_secret: true } });
    expect(put.body).toMatchObject({ client_id: 'client-one', client_secret: expect.stringMatching(PHC) });
    // an explicit null secret with hash_secret fails the pair check
    expect(await call(mock, 'POST', '/consumers/bob/oauth2', { json: { name: 'x', client_secret: null, hash_secret: true } })).toMatchObject({
      status: 400,
      body: schemaViolation({ '@entity': [pair] }, [pair]),
    });
  });

  it('the PHC string encodes salt and hash in standard base64 without padding', () => {
    // computed independently (Python hashlib.pbkdf2_hmac, sha512, 10000 rounds, 32 bytes)
    expect(hashClientSecret('test', Buffer.from([...Array(16).keys()]))).toBe('$pbkdf2-sha512$i=10000,l=32$AAECAwQFBgcICQoLDA0ODw$NMwhGswAcwTehPm6Lh7YDKUPGPCksviADY33+JfAlb0');
  });
});

describe('LuaSocket 3.0-rc1 url.parse, as oauth2 reads it', () => {
  it('takes the fragment first, then the scheme and the authority', () => {
    expect(socketUrlParse('')).toBeNull();
    expect(socketUrlParse('not-valid')).toEqual({});
    expect(socketUrlParse('http://a.test:80/x#f')).toEqual({ scheme: 'http', host: 'a.test', fragment: 'f' });
    expect(socketUrlParse('http://a.test#f/x')).toEqual({ scheme: 'http', host: 'a.test', fragment: 'f/x' });
    expect(socketUrlParse('https://u:p@[::1]:8443/')).toEqual({ scheme: 'https', userinfo: 'u:p', host: '::1' });
    expect(socketUrlParse('http://:80/')).toEqual({ scheme: 'http' });
  });
});

describe('jwt rsa_public_key (kong/plugins/jwt/daos.lua)', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const conditional = "failed conditional validation given value of field 'algorithm'";
  const invalidKey = schemaViolation({ rsa_public_key: 'invalid key', '@entity': [conditional] }, [conditional, 'rsa_public_key: invalid key']);
  const missingKey = schemaViolation({ rsa_public_key: 'required field missing', '@entity': [conditional] }, [conditional, 'rsa_public_key: required field missing']);

  it.each(VERSIONS)('Kong %s: an RS key that does not load is `invalid key`; other algorithms do not check it', async (version) => {
    await setup(version);
    expect(await call(mock, 'POST', '/consumers/bob/jwt/', { json: { key: 'bob5', algorithm: 'RS256', rsa_public_key: 'test' } })).toMatchObject({ status: 400, body: invalidKey });
    expect(await call(mock, 'POST', '/consumers/bob/jwt', { json: { algorithm: 'RS512' } })).toMatchObject({ status: 400, body: missingKey });
    const certificate = readFileSync(join(ROOT, 'fixtures/certs/rsa.crt'), 'utf8');
    expect(await call(mock, 'POST', '/consumers/bob/jwt', { json: { algorithm: 'RS384', rsa_public_key: certificate } })).toMatchObject({ status: 400, body: invalidKey });
    expect((await call(mock, 'POST', '/consumers/bob/jwt', { json: { algorithm: 'RS256', rsa_public_key: rsa } })).status).toBe(201);
    expect((await call(mock, 'POST', '/consumers/bob/jwt', { form: { algorithm: 'RS256', rsa_public_key: rsa } })).status).toBe(201);
    // HS and ES algorithms need no key, and a key sent with them is not checked
    expect((await call(mock, 'POST', '/consumers/bob/jwt', { json: { algorithm: 'HS256', rsa_public_key: 'test' } })).body).toMatchObject({ rsa_public_key: 'test' });
    expect((await call(mock, 'POST', '/consumers/bob/jwt', { json: { algorithm: 'ES256' } })).status).toBe(201);
    // PATCHing the algorithm checks the stored key
    const hs = (await call(mock, 'POST', '/consumers/bob/jwt', { json: { key: 'hs', rsa_public_key: 'test' } })).body;
    expect(await call(mock, 'PATCH', `/jwts/${hs.id}`, { json: { algorithm: 'RS256' } })).toMatchObject({ status: 400, body: invalidKey });
  });

  it('Kong 3.9: PS256/384/512 and EdDSA need a loadable key too', async () => {
    await setup('3.9');
    for (const algorithm of ['PS256', 'PS384', 'PS512', 'EdDSA']) {
      expect(await call(mock, 'POST', '/consumers/bob/jwt', { json: { algorithm, rsa_public_key: 'test' } }), algorithm).toMatchObject({ status: 400, body: invalidKey });
      expect(await call(mock, 'POST', '/consumers/bob/jwt', { json: { algorithm } }), algorithm).toMatchObject({ status: 400, body: missingKey });
    }
    expect((await call(mock, 'POST', '/consumers/bob/jwt', { json: { algorithm: 'PS256', rsa_public_key: rsa } })).status).toBe(201);
    expect((await call(mock, 'POST', '/consumers/bob/jwt', { json: { algorithm: 'EdDSA', rsa_public_key: ed } })).status).toBe(201);
    expect((await call(mock, 'POST', '/consumers/bob/jwt', { json: { algorithm: 'ES512' } })).status).toBe(201);
    const checks = (await call(mock, 'GET', '/schemas/jwt_secrets')).body.entity_checks;
    expect(checks).toEqual([
      {
        conditional: {
          if_field: 'algorithm',
          if_match: { match_any: { patterns: ['^RS256$', '^RS384$', '^RS512$', '^PS256$', '^PS384$', '^PS512$', '^EdDSA$'] } },
          then_field: 'rsa_public_key',
          then_match: { required: true },
        },
      },
    ]);
  });

  it('Kong 2.8: the algorithms end at ES384 and only the RS ones need a key', async () => {
    await setup('2.8');
    const list = 'HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384';
    for (const algorithm of ['ES512', 'PS256', 'EdDSA', 'HS1024']) {
      expect(await call(mock, 'POST', '/consumers/bob/jwt', { json: { algorithm, rsa_public_key: 'test' } }), algorithm).toMatchObject({
        status: 400,
        body: schemaViolation({ algorithm: `expected one of: ${list}` }, [`algorithm: expected one of: ${list}`]),
      });
    }
    expect(await call(mock, 'POST', '/consumers/bob/jwt', { json: { algorithm: 'RS256', rsa_public_key: 'test' } })).toMatchObject({ status: 400, body: invalidKey });
    expect((await call(mock, 'POST', '/consumers/bob/jwt', { json: { algorithm: 'ES384' } })).status).toBe(201);
    // 2.8's schema output has no entity_checks; the profile's check is the RS-only one
    const schema = (await call(mock, 'GET', '/schemas/jwt_secrets')).body;
    expect(schema).not.toHaveProperty('entity_checks');
    expect(schema.fields.find((f: Record<string, unknown>) => 'algorithm' in f).algorithm.one_of).toEqual(list.split(', '));
    const jwt = (await loadSpec({ version: '2.8' })).entities.get('jwt_secrets')!;
    expect(jwt.checks.map((c) => ('conditional' in c ? c.conditional.if['match-any']?.patterns : c))).toEqual([['^RS256$', '^RS384$', '^RS512$']]);
  });

  it('names only validators that exist in its conditional checks', async () => {
    for (const version of VERSIONS) {
      const spec = await loadSpec({ version });
      for (const entity of spec.entities.values()) {
        for (const check of entity.checks) {
          if (!('conditional' in check)) continue;
          for (const name of [check.conditional.then.validator ?? [], check.conditional.if.validator ?? []].flat()) expect(validators, name).toHaveProperty(name);
        }
      }
    }
  });
});

describe.each(VERSIONS)('generated fields: only when the body leaves them out (Kong %s, process_auto_fields)', (version) => {
  beforeEach(() => setup(version));

  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['/consumers/bob/key-auth', {}, ['key']],
    ['/consumers/bob/hmac-auth', { username: 'h' }, ['secret']],
    ['/consumers/bob/jwt', {}, ['key', 'secret']],
    ['/consumers/bob/oauth2', { name: 'app' }, ['client_id', 'client_secret']],
  ];

  it.each(cases)('POST %s', async (path, base, fields) => {
    const absent = await call(mock, 'POST', path, { json: base });
    expect(absent.status).toBe(201);
    for (const f of fields) expect(absent.body[f], f).toMatch(RANDOM);
    const nulls = await call(mock, 'POST', path, { json: { ...base, ...(base.username ? { username: 'h2' } : {}), ...Object.fromEntries(fields.map((f) => [f, null])) } });
    expect(nulls.status).toBe(201);
    for (const f of fields) expect(nulls.body[f], f).toBeNull();
  });

  it('PUT likewise', async () => {
    expect((await call(mock, 'PUT', '/consumers/bob/hmac-auth/h1', { json: {} })).body.secret).toMatch(RANDOM);
    expect((await call(mock, 'PUT', '/consumers/bob/hmac-auth/h2', { json: { secret: null } })).body.secret).toBeNull();
    expect((await call(mock, 'PUT', '/consumers/bob/hmac-auth/h3', { form: { secret: '' } })).body.secret).toBeNull();
    expect((await call(mock, 'PUT', '/consumers/bob/jwt/j1', { json: { secret: null } })).body).toMatchObject({ key: 'j1', secret: null });
  });

  it("a plugin config's generated field (oauth2 provision_key) follows the same rule", async () => {
    const absent = await call(mock, 'POST', '/plugins', { json: { name: 'oauth2', config: { enable_password_grant: true } } });
    expect(absent.body.config.provision_key).toMatch(RANDOM);
    const noConfig = await call(mock, 'PUT', `/plugins/${absent.body.id}`, { json: { name: 'oauth2', config: { enable_password_grant: true } } });
    expect(noConfig.body.config.provision_key).toMatch(RANDOM);
    expect(noConfig.body.config.provision_key).not.toBe(absent.body.config.provision_key);
    const nulled = await call(mock, 'POST', '/plugins', { json: { name: 'oauth2', config: { enable_password_grant: true, provision_key: null } } });
    expect(nulled).toMatchObject({
      status: 400,
      body: schemaViolation({ config: { provision_key: 'required field missing' } }, ['config.provision_key: required field missing']),
    });
    // a PATCH never generates: the stored one stays
    const patched = await call(mock, 'PATCH', `/plugins/${absent.body.id}`, { json: { config: { token_expiration: 10 } } });
    expect(patched.body.config.provision_key).toBe(noConfig.body.config.provision_key);
  });
});
