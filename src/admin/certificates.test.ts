import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';
import type { KongMock } from './mock.ts';

const pem = (name: string): string => readFileSync(new URL(`../../fixtures/certs/${name}`, import.meta.url), 'utf8');
const RSA = { cert: pem('rsa.crt'), key: pem('rsa.key') };
const EC = { cert: pem('ec.crt'), key: pem('ec.key') };
const OTHER_KEY = pem('rsa-other.key');

let mock: KongMock;
beforeEach(async () => {
  mock = await newMock();
});

describe('certificates', () => {
  it('create with sorted snis and render snis [] when none', async () => {
    const res = await call(mock, 'POST', '/certificates', { json: { ...RSA, snis: ['b.test', 'a.test'] } });
    expect(res.status).toBe(201);
    expect(res.body.snis).toEqual(['a.test', 'b.test']);
    expect(res.body).toMatchObject({ cert_alt: null, key_alt: null, tags: null });
    const plain = await call(mock, 'POST', '/certificates', { json: RSA });
    expect(plain.body.snis).toEqual([]);
  });

  it('check that the key matches and that alternates differ in type', async () => {
    const mismatch = await call(mock, 'POST', '/certificates', { json: { cert: RSA.cert, key: OTHER_KEY } });
    expect(mismatch.body).toEqual({
      code: 2, name: 'schema violation', message: 'schema violation (certificate does not match key)',
      fields: { '@entity': ['certificate does not match key'] },
    });
    const same = await call(mock, 'POST', '/certificates', { json: { ...RSA, cert_alt: RSA.cert, key_alt: RSA.key } });
    expect(same.body.fields['@entity']).toEqual([
      'certificate and alternative certificate need to have different type (e.g. RSA and ECDSA), the provided certificates were both of the same type',
    ]);
    const alt = await call(mock, 'POST', '/certificates', { json: { ...RSA, cert_alt: EC.cert, key_alt: EC.key } });
    expect(alt.status).toBe(201);
    const half = await call(mock, 'POST', '/certificates', { json: { ...RSA, cert_alt: EC.cert } });
    expect(half.body.fields['@entity']).toEqual(["all or none of these fields must be set: 'cert_alt', 'key_alt'"]);
    const garbage = await call(mock, 'POST', '/certificates', { json: { cert: 'nope', key: RSA.key } });
    expect(garbage.body.fields.cert).toMatch(/^invalid certificate: /);
  });

  it('refuse duplicate snis and snis owned by another certificate', async () => {
    const dup = await call(mock, 'POST', '/certificates', { json: { ...RSA, snis: ['a.test', 'a.test'] } });
    expect(dup.body).toEqual({ code: 2, name: 'schema violation', message: 'schema violation (snis: a.test is duplicated)', fields: { snis: 'a.test is duplicated' } });
    const first = (await call(mock, 'POST', '/certificates', { json: { ...RSA, snis: ['a.test'] } })).body;
    const taken = await call(mock, 'POST', '/certificates', { json: { ...RSA, snis: ['a.test'] } });
    expect(taken.body.message).toBe(`schema violation (snis: a.test already associated with existing certificate '${first.id}')`);
    const ip = await call(mock, 'POST', '/certificates', { json: { ...RSA, snis: ['1.2.3.4'] } });
    expect(ip.body).toEqual({ code: 10, name: 'invalid unique name', message: 'must not be an IP' });
  });

  it('are addressed by an SNI name', async () => {
    const cert = (await call(mock, 'POST', '/certificates', { json: { ...RSA, snis: ['*.wildcard.test', 'x.test'] } })).body;
    expect((await call(mock, 'GET', '/certificates/x.test')).body).toEqual(cert);
    expect((await call(mock, 'GET', '/certificates/%2A.wildcard.test')).body.id).toBe(cert.id);
    expect((await call(mock, 'GET', '/certificates/none.test')).body).toEqual({ message: 'SNI not found' });
    const missing = '00000000-0000-4000-8000-00000000abcd';
    expect((await call(mock, 'GET', `/certificates/${missing}`)).body).toEqual({
      code: 6, name: 'not found', message: `could not find the entity with primary key '{id="${missing}"}'`, fields: { id: missing },
    });
  });

  it('PUT by a new SNI name creates a certificate with that name added; PUT without snis drops them', async () => {
    const created = await call(mock, 'PUT', '/certificates/n2.test', { json: { ...RSA, snis: ['n1.test'] } });
    expect(created.status).toBe(200);
    expect(created.body.snis).toEqual(['n1.test', 'n2.test']);
    const replaced = await call(mock, 'PUT', `/certificates/${created.body.id}`, { json: RSA });
    expect(replaced.body.snis).toEqual([]);
  });

  it('PATCH keeps snis unless given; null clears them', async () => {
    const cert = (await call(mock, 'POST', '/certificates', { json: { ...RSA, snis: ['a.test'] } })).body;
    expect((await call(mock, 'PATCH', `/certificates/${cert.id}`, { json: { tags: ['t'] } })).body.snis).toEqual(['a.test']);
    expect((await call(mock, 'PATCH', `/certificates/${cert.id}`, { json: { snis: ['b.test', 'c.test'] } })).body.snis).toEqual(['b.test', 'c.test']);
    expect((await call(mock, 'PATCH', `/certificates/${cert.id}`, { json: { snis: null } })).body.snis).toEqual([]);
  });

  it('delete their snis with them, and are restricted by services using them', async () => {
    const cert = (await call(mock, 'POST', '/certificates', { json: { ...RSA, snis: ['a.test', 'b.test'] } })).body;
    const svc = await call(mock, 'POST', `/certificates/${cert.id}/services`, { json: { url: 'https://up.test' } });
    expect(svc.status).toBe(201);
    expect(svc.body.client_certificate).toEqual({ id: cert.id });
    const blocked = await call(mock, 'DELETE', `/certificates/${cert.id}`);
    expect(blocked.status).toBe(400);
    expect(blocked.body).toEqual({
      code: 4, name: 'foreign key violation',
      message: "an existing 'services' entity references this 'certificates' entity",
      fields: { '@referenced_by': 'services' },
    });
    // the refused delete changed nothing: both SNIs are still there
    const snis = await call(mock, 'GET', `/certificates/${cert.id}/snis`);
    expect(snis.body.data.map((s: { name: string }) => s.name).sort()).toEqual(['a.test', 'b.test']);
    expect((await call(mock, 'GET', '/certificates/a.test')).body.id).toBe(cert.id);
    expect((await call(mock, 'DELETE', `/services/${svc.body.id}`)).status).toBe(204);
    expect((await call(mock, 'DELETE', `/certificates/${cert.id}`)).status).toBe(204);
    expect((await call(mock, 'GET', '/snis/a.test')).status).toBe(404);
    expect((await call(mock, 'GET', '/snis')).body.data).toEqual([]);
  });

  it('reject client_certificate on a plain-http service', async () => {
    const cert = (await call(mock, 'POST', '/certificates', { json: RSA })).body;
    const res = await call(mock, 'POST', `/certificates/${cert.id}/services`, { json: { host: 'up.test' } });
    expect(res.body).toEqual({
      code: 2, name: 'schema violation',
      message: "2 schema violations (failed conditional validation given value of field 'protocol'; client_certificate: value must be null)",
      fields: { '@entity': ["failed conditional validation given value of field 'protocol'"], client_certificate: 'value must be null' },
    });
  });
});

describe('snis', () => {
  it('belong to a certificate, move between certificates, and validate wildcards', async () => {
    const a = (await call(mock, 'POST', '/certificates', { json: RSA })).body;
    const b = (await call(mock, 'POST', '/certificates', { json: RSA })).body;
    const sni = await call(mock, 'POST', `/certificates/${a.id}/snis`, { json: { name: '*.x.test' } });
    expect(sni.status).toBe(201);
    expect((await call(mock, 'GET', `/certificates/${a.id}`)).body.snis).toEqual(['*.x.test']);
    await call(mock, 'PATCH', '/snis/%2A.x.test', { json: { certificate: { id: b.id } } });
    expect((await call(mock, 'GET', `/certificates/${a.id}`)).body.snis).toEqual([]);
    expect((await call(mock, 'GET', `/certificates/${b.id}`)).body.snis).toEqual(['*.x.test']);
    const two = await call(mock, 'POST', '/snis', { json: { name: '*.a.*', certificate: { id: a.id } } });
    expect(two.body.fields).toEqual({ name: 'only one wildcard must be specified' });
    const empty = await call(mock, 'PUT', '/snis/00000000-0000-4000-8000-000000000001', { json: {} });
    expect(empty.body.message).toBe('2 schema violations (certificate: required field missing; name: required field missing)');
    expect((await call(mock, 'GET', `/snis/${sni.body.id}/certificate`)).status).toBe(404);
  });
});
