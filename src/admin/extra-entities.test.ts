import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';
import type { KongMock } from './mock.ts';

const pem = (name: string): string => readFileSync(new URL(`../../fixtures/certs/${name}`, import.meta.url), 'utf8');

let mock: KongMock;
beforeEach(async () => {
  mock = await newMock();
});

describe('ca_certificates', () => {
  it('store a CA with its digest, refuse the same CA twice, and refuse non-CA certificates', async () => {
    const res = await call(mock, 'POST', '/ca_certificates', { json: { cert: pem('ca.crt') } });
    expect(res.status).toBe(201);
    expect(res.body.cert_digest).toMatch(/^[0-9a-f]{64}$/);
    expect((await call(mock, 'POST', '/ca_certificates', { json: { cert: pem('ca.crt') } })).status).toBe(409);
    const two = await call(mock, 'POST', '/ca_certificates', { json: { cert: pem('ca.crt') + pem('rsa.crt') } });
    expect(two.body.fields).toEqual({ '@entity': ['please submit only one certificate at a time'] });
    expect((await call(mock, 'GET', '/ca_certificates/not-a-uuid')).body.name).toBe('invalid primary key');
  });

  it('cannot be deleted while a service references it (3.6+)', async () => {
    const ca = (await call(mock, 'POST', '/ca_certificates', { json: { cert: pem('ca.crt') } })).body;
    const svc = (await call(mock, 'POST', '/services', { json: { url: 'https://up.test', ca_certificates: [ca.id] } })).body;
    const res = await call(mock, 'DELETE', `/ca_certificates/${ca.id}`);
    expect(res.body).toEqual({ code: 19, name: 'referenced by others', message: `ca certificate ${ca.id} is still referenced by services (id = ${svc.id})` });
    await call(mock, 'DELETE', `/services/${svc.id}`);
    expect((await call(mock, 'DELETE', `/ca_certificates/${ca.id}`)).status).toBe(204);
  });
});

describe('vaults, keys and key-sets', () => {
  it('validate vault prefixes and names', async () => {
    expect((await call(mock, 'PUT', '/vaults/env', { json: { name: 'env' } })).body).toEqual({ code: 10, name: 'invalid unique prefix', message: 'must not be one of: env' });
    expect((await call(mock, 'POST', '/vaults', { json: { prefix: 'my-vault', name: 'hcv' } })).body.fields).toEqual({ name: "vault 'hcv' is not installed" });
    const ok = await call(mock, 'PUT', '/vaults/my-vault', { json: { name: 'env', config: { prefix: 'SECRET_' } } });
    expect(ok.body).toMatchObject({ prefix: 'my-vault', name: 'env', config: { prefix: 'SECRET_' } });
    expect((await call(mock, 'DELETE', '/vaults/none')).status).toBe(204);
    expect((await call(await newMock('2.8'), 'GET', '/vaults')).status).toBe(404);
  });

  it('check JWK keys and cascade keys with their set', async () => {
    const set = (await call(mock, 'POST', '/key-sets', { json: { name: 'ks' } })).body;
    const jwk = JSON.stringify({ kid: '42', kty: 'oct', k: 'c2VjcmV0' });
    const key = await call(mock, 'POST', '/key-sets/ks/keys', { json: { name: 'k1', kid: '42', jwk } });
    expect(key.status).toBe(201);
    expect(key.body.set).toEqual({ id: set.id });
    const wrong = await call(mock, 'POST', '/keys', { json: { kid: '43', jwk } });
    expect(wrong.body.fields).toEqual({ '@entity': ['kid in jwk.kid must be equal to keys.kid'] });
    const both = await call(mock, 'POST', '/keys', { json: { kid: '42', jwk, pem: { public_key: createPublicKey(pem('rsa.key')).export({ format: 'pem', type: 'spki' }).toString() } } });
    expect(both.body.fields['@entity']).toContain("only one or none of these fields must be set: 'jwk', 'pem'");
    expect((await call(mock, 'DELETE', '/key-sets/ks')).status).toBe(204);
    expect((await call(mock, 'GET', '/keys/k1')).status).toBe(404);
  });
});
