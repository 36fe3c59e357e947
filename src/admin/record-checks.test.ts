/**
 * Plugin checks declared as data beyond the basic vocabulary: conditionals with `gt`, `contains`,
 * `eq` and Kong's custom `then_err` messages, `conditional-at-least-one-of`, and checks that live
 * inside a nested record (the config record, array elements, map values), whose errors Kong puts
 * inside that record's error tree.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../root.ts';
import { call, newMock } from '../testkit.ts';
import { createMock, type KongMock } from './mock.ts';

let mock: KongMock;
beforeEach(async () => {
  mock = await newMock();
});

const PKI = join(PROJECT_ROOT, 'fixtures', 'pki');
const violation = (message: string, fields: unknown) => ({ code: 2, name: 'schema violation', message, fields });
const create = (json: unknown) => call(mock, 'POST', '/plugins', { json });

describe('conditionals with the wider match vocabulary', () => {
  it('jwt: a maximum_expiration above 0 needs exp among the claims to verify', async () => {
    const res = await create({ name: 'jwt', config: { maximum_expiration: 60, claims_to_verify: ['nbf'] } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(violation(
      "2 schema violations (failed conditional validation given value of field 'config.maximum_expiration'; config.claims_to_verify: expected to contain: exp)",
      { '@entity': ["failed conditional validation given value of field 'config.maximum_expiration'"], config: { claims_to_verify: 'expected to contain: exp' } },
    ));
    expect((await create({ name: 'jwt', config: { maximum_expiration: 60, claims_to_verify: ['exp'] } })).status).toBe(201);
    // 0 does not match `gt: 0`; a missing claims_to_verify (null) passes the match as in Kong
    const other = await newMock();
    expect((await call(other, 'POST', '/plugins', { json: { name: 'jwt', config: { maximum_expiration: 0, claims_to_verify: ['nbf'] } } })).status).toBe(201);
  });

  it("acme: Let's Encrypt URLs need the terms of service accepted (Kong's own message)", async () => {
    const res = await create({ name: 'acme', config: { account_email: 'ops@example.test', api_uri: 'https://acme-v02.api.letsencrypt.org' } });
    expect(res.body).toEqual(violation(
      '2 schema violations (terms of service must be accepted, see https://letsencrypt.org/repository/; config.tos_accepted: value must be true)',
      { '@entity': ['terms of service must be accepted, see https://letsencrypt.org/repository/'], config: { tos_accepted: 'value must be true' } },
    ));
    // the default directory URL ends in /directory and is not one of the listed values
    expect((await create({ name: 'acme', config: { account_email: 'ops@example.test' } })).status).toBe(201);
  });

  it('ai-proxy: a native llm_format binds the route type and the provider', async () => {
    const res = await create({
      name: 'ai-proxy',
      config: { route_type: 'llm/v1/completions', llm_format: 'bedrock', model: { provider: 'openai' } },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual({
      '@entity': [
        "native provider options in llm_format can only be used with the 'llm/v1/chat' route_type",
        "native llm_format 'bedrock' can only be used with the 'bedrock' model.provider",
      ],
      config: { route_type: 'value must be llm/v1/chat', model: { provider: 'value must be bedrock' } },
    });
  });

  it('ai-request-transformer: the llm route type must be llm/v1/chat', async () => {
    const res = await create({
      name: 'ai-request-transformer',
      config: { prompt: 'p', llm: { route_type: 'preserve', model: { provider: 'openai' } } },
    });
    const msg = "'config.llm.route_type' must be 'llm/v1/chat' for AI transformer plugins";
    // a table two levels down is printed as a Lua table, as Kong's message builder does
    expect(res.body).toEqual(violation(`2 schema violations (${msg}; config.llm: {\n  route_type = "value must be llm/v1/chat"\n})`, {
      '@entity': [msg],
      config: { llm: { route_type: 'value must be llm/v1/chat' } },
    }));
  });

  it('ai-prompt-guard: match_all_roles forbids allow_all_conversation_history', async () => {
    const res = await create({ name: 'ai-prompt-guard', config: { allow_patterns: ['a'], match_all_roles: true, allow_all_conversation_history: true } });
    expect(res.body.fields).toEqual({
      '@entity': ["failed conditional validation given value of field 'config.match_all_roles'"],
      config: { allow_all_conversation_history: 'value must be false' },
    });
  });
});

describe('checks inside the config record', () => {
  it("opentelemetry: one of the endpoints, reported under config's @entity", async () => {
    const res = await create({ name: 'opentelemetry', config: {} });
    const msg = "at least one of these fields must be non-empty: 'traces_endpoint', 'logs_endpoint'";
    expect(res.body).toEqual(violation(`schema violation (config.@entity: {\n  "${msg}"\n})`, { config: { '@entity': [msg] } }));
    expect((await create({ name: 'opentelemetry', config: { logs_endpoint: 'http://otel.test:4318/v1/logs' } })).status).toBe(201);
  });

  it("ldap-auth: ldaps and start_tls together, with Kong's message", async () => {
    const res = await create({ name: 'ldap-auth', config: { ldap_host: 'ldap.test', base_dn: 'dc=test', attribute: 'uid', ldaps: true, start_tls: true } });
    expect(res.body.fields).toEqual({ config: { start_tls: 'value must be false', '@entity': ["'ldaps' and 'start_tls' cannot be enabled simultaneously"] } });
  });

  it('the record checks run in full on PATCH too (no "when updating" wording)', async () => {
    const created = await create({ name: 'opentelemetry', config: { traces_endpoint: 'http://otel.test:4318/v1/traces' } });
    expect(created.status).toBe(201);
    const res = await call(mock, 'PATCH', `/plugins/${created.body.id}`, { json: { config: { traces_endpoint: null } } });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual({ config: { '@entity': ["at least one of these fields must be non-empty: 'traces_endpoint', 'logs_endpoint'"] } });
  });

  it('ai-proxy: provider-specific options are required, one message per missing option', async () => {
    const res = await create({ name: 'ai-proxy', config: { route_type: 'llm/v1/chat', model: { provider: 'azure', options: {} } } });
    expect(res.body.fields).toEqual({
      config: { '@entity': ["must set 'model.options.azure_instance' for azure provider", "must set 'model.options.azure_deployment_id' for azure provider"] },
    });
    const ok = await create({ name: 'ai-proxy', config: { route_type: 'llm/v1/chat', model: { provider: 'azure', options: { azure_instance: 'i', azure_deployment_id: 'd' } } } });
    expect(ok.status).toBe(201);
  });

  it('ai-proxy: bedrock refuses auth.allow_override, the gemini options come all or none', async () => {
    const res = await create({
      name: 'ai-proxy',
      config: { route_type: 'llm/v1/chat', auth: { allow_override: true }, model: { provider: 'gemini', options: { gemini: { project_id: 'p' } } } },
    });
    expect(res.body.fields).toEqual({
      config: {
        auth: { allow_override: 'value must be false' },
        model: { options: { gemini: { '@entity': ["all or none of these fields must be set: 'api_endpoint', 'project_id', 'location_id'"] } } },
        '@entity': ['bedrock and gemini only support auth.allow_override = false'],
      },
    });
  });
});

describe('checks on array elements and map values', () => {
  it('datadog: counters and gauges need a sample rate, reported at the element', async () => {
    const res = await create({
      name: 'datadog',
      config: { metrics: [{ name: 'latency', stat_type: 'timer' }, { name: 'request_count', stat_type: 'counter' }] },
    });
    expect(res.body.fields).toEqual({
      config: { metrics: [null, { sample_rate: 'required field missing', '@entity': ["failed conditional validation given value of field 'stat_type'"] }] },
    });
    const ok = await create({ name: 'datadog', config: { metrics: [{ name: 'request_count', stat_type: 'counter', sample_rate: 1 }] } });
    expect(ok.status).toBe(201);
  });

  it('statsd: the same rule on its own metric records', async () => {
    const res = await create({ name: 'statsd', config: { metrics: [{ name: 'shdict_usage', stat_type: 'gauge' }] } });
    expect(res.body.fields).toEqual({
      config: { metrics: [{ sample_rate: 'required field missing', '@entity': ["failed conditional validation given value of field 'stat_type'"] }] },
    });
  });

  it('response-ratelimiting: each limit needs at least one period, reported on the map', async () => {
    const res = await create({ name: 'response-ratelimiting', config: { limits: { video: { minute: 10 }, audio: {} } } });
    const msg = "at least one of these fields must be non-empty: 'second', 'minute', 'hour', 'day', 'month', 'year'";
    expect(res.body).toEqual(violation(`schema violation (config.limits: {\n  ["@entity"] = {\n    "${msg}"\n  }\n})`, { config: { limits: { '@entity': [msg] } } }));
    expect((await create({ name: 'response-ratelimiting', config: { limits: { video: { minute: 10 } } } })).status).toBe(201);
  });
});

describe('the schema endpoints show the checks in Kong notation', () => {
  it('conditionals carry their matches and then_err; record checks sit on the record field', async () => {
    const jwt = await call(mock, 'GET', '/schemas/plugins/jwt');
    expect(jwt.body.entity_checks).toContainEqual({
      conditional: { if_field: 'config.maximum_expiration', if_match: { gt: 0 }, then_field: 'config.claims_to_verify', then_match: { contains: 'exp' } },
    });
    const ldap = await call(mock, 'GET', '/schemas/plugins/ldap-auth');
    const config = ldap.body.fields.find((f: Record<string, unknown>) => 'config' in f).config;
    expect(config.entity_checks).toEqual([
      { conditional: { if_field: 'ldaps', if_match: { eq: true }, then_field: 'start_tls', then_match: { eq: false }, then_err: "'ldaps' and 'start_tls' cannot be enabled simultaneously" } },
    ]);
    const proxy = await call(mock, 'GET', '/schemas/plugins/ai-proxy');
    const llm = proxy.body.fields.find((f: Record<string, unknown>) => 'config' in f).config;
    expect(llm.entity_checks).toContainEqual({
      conditional_at_least_one_of: { if_field: 'model.provider', if_match: { one_of: ['mistral'] }, then_at_least_one_of: ['model.options.mistral_format'], then_err: 'must set %s for mistral provider' },
    });
  });
});

describe('record checks on core entities', () => {
  it('routes: each source and destination needs an ip or a port, reported at the element', async () => {
    const res = await call(mock, 'POST', '/routes', { json: { protocols: ['tcp'], sources: [{ ip: '10.0.0.1' }, {}] } });
    const msg = "at least one of these fields must be non-empty: 'ip', 'port'";
    expect(res.body).toEqual(violation(`schema violation (sources.2: {\n  ["@entity"] = {\n    "${msg}"\n  }\n})`, { sources: [null, { '@entity': [msg] }] }));
    expect((await call(mock, 'POST', '/routes', { json: { protocols: ['tcp'], destinations: [{ port: 9000 }] } })).status).toBe(201);
  });

  describe('keys: the pem record', () => {
    const rsa = readFileSync(join(PKI, 'rsa.key'), 'utf8');
    const rsaPub = createPublicKey(createPrivateKey(rsa)).export({ type: 'spki', format: 'pem' }).toString();
    const otherPub = createPublicKey(createPrivateKey(readFileSync(join(PKI, 'rsa-other.key'), 'utf8'))).export({ type: 'spki', format: 'pem' }).toString();
    const key = (pem: unknown) => call(mock, 'POST', '/keys', { json: { kid: 'k1', pem } });

    it('needs one of its keys, reported under pem', async () => {
      const msg = "at least one of these fields must be non-empty: 'private_key', 'public_key'";
      expect((await key({})).body).toEqual(violation(`schema violation (pem.@entity: {\n  "${msg}"\n})`, { pem: { '@entity': [msg] } }));
    });

    it("reports unloadable or mismatched keys on pem with Kong's messages", async () => {
      expect((await key({ public_key: 'not a key' })).body).toEqual(violation('schema violation (pem: could not load public key)', { pem: 'could not load public key' }));
      expect((await key({ private_key: 'not a key', public_key: rsaPub })).body.fields).toEqual({ pem: 'could not load private key' });
      expect((await key({ private_key: rsa, public_key: otherPub })).body.fields).toEqual({ pem: 'public key does not match private key' });
    });

    it('accepts a matching pair and a lone public key', async () => {
      expect((await key({ private_key: rsa, public_key: rsaPub })).status).toBe(201);
      expect((await call(mock, 'POST', '/keys', { json: { kid: 'k2', pem: { public_key: otherPub } } })).status).toBe(201);
    });
  });
});

describe('plugin config: generated fields, node context, errors joined', () => {
  it('oauth2: provision_key is generated when absent, kept when given', async () => {
    const created = await create({ name: 'oauth2', config: { enable_authorization_code: true } });
    expect(created.status).toBe(201);
    expect(created.body.config.provision_key).toMatch(/^[0-9a-f]{32}$/);
    const other = await newMock();
    const given = await call(other, 'POST', '/plugins', { json: { name: 'oauth2', config: { enable_password_grant: true, provision_key: 'mine' } } });
    expect(given.body.config.provision_key).toBe('mine');
  });

  it('acme: "kong" storage is refused by a DB-less node (POST /config), accepted with a database', async () => {
    const acme = { name: 'acme', config: { account_email: 'ops@example.test', storage: 'kong' } };
    expect((await create(acme)).status).toBe(201);
    const dbless = await createMock({ version: '3.9', dbless: true });
    const res = await call(dbless, 'POST', '/config', { json: { _format_version: '3.0', plugins: [acme] } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(14);
    expect(res.body.fields).toEqual({ plugins: [{ '@entity': ['"kong" storage can\'t be used with dbless mode'] }] });
  });

  it('http-log: a bad header name is reported beside the other config errors', async () => {
    const res = await create({ name: 'http-log', config: { http_endpoint: 'http://log.test/', method: 'GET', headers: { Host: 'x' } } });
    expect(res.body.fields).toEqual({ config: { method: 'expected one of: POST, PUT, PATCH', headers: "cannot contain 'Host' header" } });
  });
});

describe('key and key-set names', () => {
  it('are any string, as in Kong (no name validator): spaces in bodies and in URL keys', async () => {
    const set = await call(mock, 'POST', '/key-sets', { json: { name: 'my set' } });
    expect(set.status).toBe(201);
    expect((await call(mock, 'PUT', '/key-sets/other%20set', { json: {} })).body.name).toBe('other set');
    const pub = createPublicKey(createPrivateKey(readFileSync(join(PKI, 'rsa.key'), 'utf8'))).export({ type: 'spki', format: 'pem' }).toString();
    const key = await call(mock, 'POST', '/keys', { json: { name: 'unique pem key', kid: 'test_pem', set: { id: set.body.id }, pem: { public_key: pub } } });
    expect(key.status).toBe(201);
    expect((await call(mock, 'GET', '/keys/unique%20pem%20key')).body.id).toBe(key.body.id);
    const bad = await call(mock, 'POST', '/keys', { json: { name: 'jwk invalid', jwk: '{"kid": "36"}', kid: '36' } });
    expect(bad.body).toEqual(violation('schema violation (could not load JWK, likely not a valid key)', { '@entity': ['could not load JWK, likely not a valid key'] }));
  });
});
