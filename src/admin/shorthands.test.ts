import { describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';

/**
 * Kong's `shorthand_fields` (kong/db/schema/init.lua process_auto_fields; the plugins' schema.lua
 * at 3.9.3 and 2.8.5). Cases from spec/03-plugins/23-rate-limiting/06-shorthand_fields_spec.lua and
 * spec/01-unit/01-db/01-schema/01-schema_spec.lua ("notifes of error if values mismatch").
 */
const violation = (fields: Record<string, string>) => ({
  code: 2,
  name: 'schema violation',
  message: `${Object.keys(fields).length > 1 ? `${Object.keys(fields).length} schema violations` : 'schema violation'} (${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ')})`,
  fields,
});

describe('rate-limiting and response-ratelimiting redis_* shorthands', () => {
  const legacy = {
    redis_host: 'custom-host.example.test', redis_port: 55000, redis_username: 'test1', redis_password: 'testX', redis_database: 1,
    redis_timeout: 1100, redis_ssl: true, redis_ssl_verify: true, redis_server_name: 'example.test',
  };
  const asRecord = (c: typeof legacy) => ({
    host: c.redis_host, port: c.redis_port, username: c.redis_username, password: c.redis_password, database: c.redis_database,
    timeout: c.redis_timeout, ssl: c.redis_ssl, ssl_verify: c.redis_ssl_verify, server_name: c.redis_server_name,
  });

  for (const name of ['rate-limiting', 'response-ratelimiting']) {
    it(`${name}: POST/PATCH/GET write the legacy fields into config.redis and show them again`, async () => {
      const mock = await newMock();
      const limits = name === 'rate-limiting' ? { minute: 100 } : { limits: { video: { minute: 100 } } };
      const created = await call(mock, 'POST', '/plugins', { json: { name, config: { ...limits, policy: 'redis', ...legacy } } });
      expect(created.status).toBe(201);
      expect(created.body.config.redis).toEqual(asRecord(legacy));
      expect(created.body.config).toMatchObject(legacy);
      const patched = await call(mock, 'PATCH', `/plugins/${created.body.id}`, { json: { name, config: { redis_host: 'testhost' } } });
      expect(patched.status).toBe(200);
      const expected = { ...legacy, redis_host: 'testhost' };
      expect(patched.body.config.redis).toEqual(asRecord(expected));
      expect(patched.body.config).toMatchObject(expected);
      expect((await call(mock, 'GET', `/plugins/${created.body.id}`)).body.config).toMatchObject({ ...expected, redis: asRecord(expected) });
    });
  }

  it('refuses different values in the old and the new field, with the error outside config', async () => {
    const mock = await newMock();
    const res = await call(mock, 'POST', '/plugins', { json: { name: 'rate-limiting', config: { minute: 1, redis_host: 'a.test', redis_port: 7000, redis: { host: 'b.test', port: 7000 } } } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(violation({ redis_host: 'both deprecated and new field are used but their values mismatch: redis_host = a.test vs redis.host = b.test' }));
    const same = await call(mock, 'POST', '/plugins', { json: { name: 'rate-limiting', config: { minute: 1, redis_host: 'a.test', redis: { host: 'a.test' } } } });
    expect(same.status).toBe(201);
  });

  it('checks a shorthand by its own type first', async () => {
    const res = await call(await newMock(), 'POST', '/plugins', { json: { name: 'rate-limiting', config: { minute: 1, redis_port: 'x', redis_ssl: 'yes' } } });
    expect(res.body).toEqual(violation({ redis_port: 'expected an integer', redis_ssl: 'expected a boolean' }));
  });

  it('lets an explicit null in the new field take the old value', async () => {
    const res = await call(await newMock(), 'POST', '/plugins', { json: { name: 'rate-limiting', config: { minute: 1, redis_port: 7000, redis: { port: null } } } });
    expect(res.body.config.redis.port).toBe(7000);
  });

  it('has no shorthands in 2.8, where redis_host is a field of its own', async () => {
    const res = await call(await newMock('2.8'), 'POST', '/plugins', { json: { name: 'rate-limiting', config: { minute: 1, redis_host: 'a.test' } } });
    expect(res.body.config.redis_host).toBe('a.test');
    expect(res.body.config).not.toHaveProperty('redis');
  });
});

describe('other plugins with shorthands', () => {
  it('opentelemetry: endpoint becomes traces_endpoint, loses to it, and is not shown', async () => {
    const mock = await newMock();
    const res = await call(mock, 'POST', '/plugins', { json: { name: 'opentelemetry', config: { endpoint: 'http://collector.test:4318/v1/traces' } } });
    expect(res.status).toBe(201);
    expect(res.body.config.traces_endpoint).toBe('http://collector.test:4318/v1/traces');
    expect(res.body.config).not.toHaveProperty('endpoint');
    const both = await call(await newMock(), 'POST', '/plugins', { json: { name: 'opentelemetry', config: { endpoint: 'http://old.test/v1/traces', traces_endpoint: 'http://new.test/v1/traces' } } });
    expect(both.body.config.traces_endpoint).toBe('http://new.test/v1/traces');
    const bad = await call(mock, 'POST', '/plugins', { json: { name: 'opentelemetry', config: { endpoint: 'not a url' } } });
    expect(bad.body.fields).toEqual({ endpoint: expect.any(String) });
  });

  it('session: the 2.8 cookie_* settings map to the 3.x fields', async () => {
    const res = await call(await newMock(), 'POST', '/plugins', {
      json: { name: 'session', config: { cookie_lifetime: 100, cookie_idletime: null, cookie_renew: 5, cookie_discard: 3, cookie_samesite: 'off', cookie_httponly: false, cookie_persistent: true } },
    });
    expect(res.status).toBe(201);
    expect(res.body.config).toMatchObject({ rolling_timeout: 100, idling_timeout: 0, stale_ttl: 3, cookie_same_site: 'Lax', cookie_http_only: false, remember: true });
    for (const old of ['cookie_lifetime', 'cookie_idletime', 'cookie_renew', 'cookie_discard', 'cookie_samesite', 'cookie_httponly', 'cookie_persistent']) expect(res.body.config).not.toHaveProperty(old);
  });

  it('acme: storage_config.redis legacy fields, checked and shown inside that record', async () => {
    const mock = await newMock();
    const redis = { host: 'r.test', auth: 'secret', ssl_server_name: 'r.test', namespace: 'ns', scan_count: 20 };
    const res = await call(mock, 'POST', '/plugins', { json: { name: 'acme', config: { account_email: 'a@example.test', storage: 'redis', storage_config: { redis } } } });
    expect(res.status).toBe(201);
    expect(res.body.config.storage_config.redis).toMatchObject({ password: 'secret', server_name: 'r.test', extra_options: { namespace: 'ns', scan_count: 20 }, ...redis });
    const clash = await call(mock, 'POST', '/plugins', { json: { name: 'acme', config: { account_email: 'a@example.test', storage_config: { redis: { auth: 'x', password: 'y' } } } } });
    expect(clash.body).toEqual(violation({ auth: 'both deprecated and new field are used but their values mismatch: auth = x vs password = y' }));
  });

  it('2.8 acl, bot-detection and ip-restriction: whitelist and blacklist become allow and deny', async () => {
    const mock = await newMock('2.8');
    const acl = await call(mock, 'POST', '/plugins', { json: { name: 'acl', config: { whitelist: ['admins'] } } });
    expect(acl.body.config).toEqual({ allow: ['admins'], deny: null, hide_groups_header: false });
    const ip = await call(mock, 'POST', '/plugins', { json: { name: 'ip-restriction', config: { blacklist: ['10.0.0.0/8'] } } });
    expect(ip.body.config).toMatchObject({ deny: ['10.0.0.0/8'], allow: null });
    const bot = await call(mock, 'POST', '/plugins', { json: { name: 'bot-detection', config: { blacklist: ['curl'] } } });
    expect(bot.body.config).toMatchObject({ deny: ['curl'] });
    expect(bot.body.config).not.toHaveProperty('blacklist');
    // 3.x dropped them
    const v3 = await call(await newMock(), 'POST', '/plugins', { json: { name: 'acl', config: { whitelist: ['admins'] } } });
    expect(v3.body.fields.config).toMatchObject({ whitelist: 'unknown field' });
  });
});

describe('plugin schemas list the shorthands', () => {
  it('with their type and deprecation, as GET /schemas/plugins/{name} shows them (decK skips the deprecated ones)', async () => {
    const configOf = (schema: { fields: Array<Record<string, { shorthand_fields?: unknown }>> }) => schema.fields.find((f) => 'config' in f)!.config;
    const limiting = configOf((await call(await newMock(), 'GET', '/schemas/plugins/rate-limiting')).body);
    expect(limiting.shorthand_fields).toContainEqual({
      redis_password: {
        type: 'string',
        len_min: 0,
        deprecation: { message: 'rate-limiting: config.redis_password is deprecated, please use config.redis.password instead', removal_in_version: '4.0', replaced_with: [{ path: ['redis', 'password'] }] },
      },
    });
    const session = configOf((await call(await newMock(), 'GET', '/schemas/plugins/session')).body);
    expect(session.shorthand_fields).toContainEqual({ cookie_lifetime: { type: 'number' } });
    expect(configOf((await call(await newMock('2.8'), 'GET', '/schemas/plugins/rate-limiting')).body).shorthand_fields).toBeUndefined();
  });
});
