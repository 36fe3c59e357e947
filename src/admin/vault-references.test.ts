import { describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';

/**
 * Vault references (kong/pdk/vault.lua `is_reference`, kong/db/schema/init.lua): a referenceable
 * string holding `{vault://…}` skips its field's validators and every entity check it takes part
 * in; text with only the prefix is not a reference and is checked like any other value.
 */
describe('vault references', () => {
  it('skip an entity check whose field holds a reference (aws-lambda mutually_required)', async () => {
    const mock = await newMock();
    const base = { function_name: 'f', aws_region: 'us-east-1' };
    const created = await call(mock, 'POST', '/plugins', { json: { name: 'aws-lambda', config: { ...base, aws_key: '{vault://env/aws-key}' } } });
    expect(created.status).toBe(201);
    expect(created.body.config).toMatchObject({ aws_key: '{vault://env/aws-key}', aws_secret: null });
    const plain = await call(mock, 'POST', '/plugins', { json: { name: 'aws-lambda', config: { ...base, aws_key: 'AKIA' } } });
    const unclosed = await call(mock, 'POST', '/plugins', { json: { name: 'aws-lambda', config: { ...base, aws_key: '{vault://env/aws-key' } } });
    const refused = {
      code: 2,
      name: 'schema violation',
      message: "schema violation (all or none of these fields must be set: 'config.aws_key', 'config.aws_secret')",
      fields: { '@entity': ["all or none of these fields must be set: 'config.aws_key', 'config.aws_secret'"] },
    };
    expect(plain.body).toEqual(refused);
    expect(unclosed.body).toEqual(refused);
  });

  it('let certificates and keys hold references, but not text with only the prefix', async () => {
    const mock = await newMock();
    const cert = await call(mock, 'POST', '/certificates', { json: { cert: '{vault://env/cert}', key: '{vault://env/key}' } });
    expect(cert.status).toBe(201);
    expect(cert.body).toMatchObject({ cert: '{vault://env/cert}', key: '{vault://env/key}' });
    const unclosed = await call(mock, 'POST', '/certificates', { json: { cert: '{vault://env/cert}', key: '{vault://env/key' } });
    expect(unclosed.status).toBe(400);
    expect(unclosed.body.fields).toEqual({ key: expect.stringMatching(/^invalid key: /) });
    expect((await call(mock, 'POST', '/keys', { json: { kid: 'k1', jwk: '{vault://env/jwk}' } })).status).toBe(201);
    expect((await call(mock, 'POST', '/keys', { json: { kid: 'k2', jwk: '{vault://env/jwk' } })).body).toEqual({
      code: 2,
      name: 'schema violation',
      message: 'schema violation (could not json decode jwk string)',
      fields: { '@entity': ['could not json decode jwk string'] },
    });
    expect((await call(mock, 'POST', '/keys', { json: { kid: 'k3', pem: { private_key: '{vault://env/pem}' } } })).status).toBe(201);
    expect((await call(mock, 'POST', '/keys', { json: { kid: 'k4', pem: { public_key: '{vault://env/pem' } } })).body).toEqual({
      code: 2,
      name: 'schema violation',
      message: 'schema violation (pem: could not load public key)',
      fields: { pem: 'could not load public key' },
    });
  });

  it('are not accepted where Kong does not allow them (ca_certificates.cert)', async () => {
    const body = (await call(await newMock(), 'POST', '/ca_certificates', { json: { cert: '{vault://env/ca}' } })).body;
    expect(body.fields).toEqual({ cert: expect.stringMatching(/^invalid certificate: x509\.new: /) });
  });

  it('are shown as referenceable in entity schemas', async () => {
    const schema = (await call(await newMock(), 'GET', '/schemas/certificates')).body;
    const fields = Object.fromEntries(schema.fields.map((f: Record<string, unknown>) => Object.entries(f)[0]));
    for (const name of ['cert', 'key', 'cert_alt', 'key_alt']) expect(fields[name].referenceable).toBe(true);
    expect(fields.tags.referenceable).toBeUndefined();
  });
});
