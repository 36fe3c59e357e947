import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';
import type { KongMock } from './mock.ts';

let mock: KongMock;
let consumer: { id: string };
beforeEach(async () => {
  mock = await newMock();
  consumer = (await call(mock, 'POST', '/consumers', { json: { username: 'bob' } })).body;
});

describe('consumer credentials', () => {
  it('key-auth generates a key, is reachable nested and at /key-auths, and cascades with the consumer', async () => {
    const res = await call(mock, 'POST', '/consumers/bob/key-auth', { json: {} });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), created_at: expect.any(Number), consumer: { id: consumer.id }, key: expect.stringMatching(/^[0-9a-f]{32}$/), tags: null, ttl: null });
    const given = await call(mock, 'POST', '/consumers/bob/key-auth', { form: { key: 'secret-key' } });
    expect(given.body.key).toBe('secret-key');
    expect((await call(mock, 'POST', '/consumers/bob/key-auth', { json: { key: 'secret-key' } })).status).toBe(409);
    expect((await call(mock, 'GET', '/key-auths/secret-key')).body.id).toBe(given.body.id);
    expect((await call(mock, 'GET', '/key-auths')).body.data).toHaveLength(2);
    expect((await call(mock, 'GET', `/key-auths/${given.body.id}/consumer`)).body.username).toBe('bob');
    await call(mock, 'DELETE', '/consumers/bob');
    expect((await call(mock, 'GET', '/key-auths')).body.data).toEqual([]);
  });

  it('basic-auth stores the password as Kong hashes it', async () => {
    const res = await call(mock, 'POST', '/consumers/bob/basic-auth', { json: { username: 'aladdin', password: 'open sesame' } });
    expect(res.body.password).toBe(createHash('sha1').update('open sesame' + consumer.id).digest('hex'));
    const missing = await call(mock, 'POST', '/consumers/bob/basic-auth', { json: { username: 'x' } });
    expect(missing.body.message).toBe('schema violation (password: required field missing)');
  });

  it('jwt requires a public key for RSA algorithms; acls are unique per consumer and group', async () => {
    const jwt = await call(mock, 'POST', '/consumers/bob/jwt', { json: { algorithm: 'RS256' } });
    expect(jwt.body.fields).toEqual({ '@entity': ["failed conditional validation given value of field 'algorithm'"], rsa_public_key: 'required field missing' });
    expect((await call(mock, 'POST', '/consumers/bob/jwt', { json: {} })).body).toMatchObject({ algorithm: 'HS256', key: expect.any(String), secret: expect.any(String) });
    expect((await call(mock, 'POST', '/consumers/bob/acls', { json: { group: 'admins' } })).status).toBe(201);
    const dup = await call(mock, 'POST', '/consumers/bob/acls', { json: { group: 'admins' } });
    expect(dup.body.message).toBe(`UNIQUE violation detected on '{consumer={id="${consumer.id}"},group="admins"}'`);
  });

  it('oauth2 applications get a client id and secret', async () => {
    const res = await call(mock, 'POST', '/consumers/bob/oauth2', { json: { name: 'app', redirect_uris: ['https://app.test/cb'] } });
    expect(res.body).toMatchObject({ name: 'app', hash_secret: false, client_type: 'confidential', client_id: expect.any(String), client_secret: expect.any(String) });
    expect((await call(mock, 'GET', `/oauth2/${res.body.client_id}`)).body.id).toBe(res.body.id);
  });
});
