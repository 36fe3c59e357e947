/**
 * Kong's string pattern validators (`x-kong-match`, `x-kong-match-all`, `x-kong-match-any`,
 * `x-kong-match-none`, `x-kong-starts-with`, `x-kong-err`) and the plugins' own custom validators
 * (`src/entities/plugin-validators.ts`), through POST /plugins: Kong's full 400 bodies for a
 * failure of each, and a 201 for a valid config.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';
import type { KongMock } from '../admin/mock.ts';
import { pluginValidators } from './plugin-validators.ts';
import { validators } from './validators.ts';

let mock: KongMock;
beforeEach(async () => {
  mock = await newMock();
});

const violation = (message: string, fields: unknown) => ({ code: 2, name: 'schema violation', message, fields });
const create = (json: unknown, on: KongMock = mock) => call(on, 'POST', '/plugins', { json });
const created = async (json: unknown, on: KongMock = mock) => {
  const res = await create(json, on);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await call(on, 'DELETE', `/plugins/${(res.body as { id: string }).id}`);
};

describe('request-transformer', () => {
  it('add.headers: an entry without a colon fails the Lua pattern ^[^:]+:.*$', async () => {
    const res = await create({ name: 'request-transformer', config: { add: { headers: ['x-foo'] } } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(violation('schema violation (config.add: {\n  headers = {\n    "invalid value: x-foo"\n  }\n})', {
      config: { add: { headers: ['invalid value: x-foo'] } },
    }));
    await created({ name: 'request-transformer', config: { add: { headers: ['x-foo:bar'] } } });
  });

  it('add/replace/append.headers: the name before the colon must be a header name', async () => {
    const res = await create({ name: 'request-transformer', config: { append: { headers: ['x foo:bar'] } } });
    expect(res.body).toEqual(violation('schema violation (config.append: {\n  headers = {\n    "\'x foo\' is not a valid header"\n  }\n})', {
      config: { append: { headers: ["'x foo' is not a valid header"] } },
    }));
    await created({ name: 'request-transformer', config: { replace: { headers: ['x_foo:some value:with colons'] } } });
  });

  it("remove.headers: no pattern, but a leading colon leaves no name ('nil')", async () => {
    const res = await create({ name: 'request-transformer', config: { remove: { headers: [':foo'] } } });
    expect(res.body).toEqual(violation('schema violation (config.remove: {\n  headers = {\n    "\'nil\' is not a valid header"\n  }\n})', {
      config: { remove: { headers: ["'nil' is not a valid header"] } },
    }));
    await created({ name: 'request-transformer', config: { remove: { headers: ['x-foo', 'x-bar:ignored'] } } });
  });

  it('rename.headers: the pattern first, then both names must be header names', async () => {
    const res = await create({ name: 'request-transformer', config: { rename: { headers: ['x-foo', 'x-foo:x bar', 'x-foo:'] } } });
    expect(res.body).toEqual(violation(
      'schema violation (config.rename: {\n  headers = {\n    "invalid value: x-foo",\n    "\'x bar\' is not a valid header",\n    "\'\' is not a valid header"\n  }\n})',
      { config: { rename: { headers: ['invalid value: x-foo', "'x bar' is not a valid header", "'' is not a valid header"] } } },
    ));
    await created({ name: 'request-transformer', config: { rename: { headers: ['x-foo:x-bar'] } } });
  });

  it('body and querystring entries need a value after the colon', async () => {
    const res = await create({ name: 'request-transformer', config: { add: { body: ['a'] }, rename: { querystring: ['q:'] } } });
    expect(res.body).toEqual(violation(
      '2 schema violations (config.add: {\n  body = {\n    "key \'a\' has no value"\n  }\n}; config.rename: {\n  querystring = {\n    "key \'q\' has no value"\n  }\n})',
      { config: { add: { body: ["key 'a' has no value"] }, rename: { querystring: ["key 'q' has no value"] } } },
    ));
    // the value is a template Kong compiles; the mock accepts any
    await created({ name: 'request-transformer', config: { add: { body: ['a:$(headers.x)'], querystring: ['q::v'] } } });
  });

  it('a body entry starting with a colon (a Lua error in Kong, a 500) is an invalid value here', async () => {
    const res = await create({ name: 'request-transformer', config: { replace: { body: [':a'] } } });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual({ config: { replace: { body: ['invalid value: :a'] } } });
  });
});

describe('response-transformer', () => {
  it('json and headers entries need a colon; rename.headers needs two header names', async () => {
    const res = await create({ name: 'response-transformer', config: { add: { json: ['a'] }, rename: { headers: ['a:b:c'] } } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(violation(
      '2 schema violations (config.add: {\n  json = {\n    "invalid value: a"\n  }\n}; config.rename: {\n  headers = {\n    "\'b:c\' is not a valid header"\n  }\n})',
      { config: { add: { json: ['invalid value: a'] }, rename: { headers: ["'b:c' is not a valid header"] } } },
    ));
    await created({ name: 'response-transformer', config: { add: { json: ['a:1'], headers: ['x-a:b c'] }, rename: { headers: ['a:b'] }, remove: { headers: ['x y'] } } });
  });
});

describe('file-log', () => {
  it("config.path: the pattern's failure, and any other validator's, reads Kong's err", async () => {
    const message = violation('schema violation (config.path: not a valid filename)', { config: { path: 'not a valid filename' } });
    expect((await create({ name: 'file-log', config: { path: '/tmp/*.log' } })).body).toEqual(message);
    expect((await create({ name: 'file-log', config: { path: '' } })).body).toEqual(message); // len_min
    // type errors are not replaced
    expect((await create({ name: 'file-log', config: { path: 5 } })).body).toEqual(violation('schema violation (config.path: expected a string)', { config: { path: 'expected a string' } }));
    await created({ name: 'file-log', config: { path: '/tmp/kong.log' } });
  });
});

describe('datadog and statsd', () => {
  it('datadog metrics[].tags[] must not end with a colon', async () => {
    const res = await create({ name: 'datadog', config: { metrics: [{ name: 'latency', stat_type: 'timer', tags: ['app:'] }] } });
    expect(res.body).toEqual(violation('schema violation (config.metrics: {\n  {\n    tags = {\n      "invalid value: app:"\n    }\n  }\n})', {
      config: { metrics: [{ tags: ['invalid value: app:'] }] },
    }));
    await created({ name: 'datadog', config: { metrics: [{ name: 'latency', stat_type: 'timer', tags: ['app:kong'] }] } });
  });

  it('statsd allow_status_codes[] are ranges like 200-299', async () => {
    const res = await create({ name: 'statsd', config: { allow_status_codes: ['200-299', '200'] } });
    expect(res.body).toEqual(violation('schema violation (config.allow_status_codes: {\n  [2] = "invalid value: 200"\n})', {
      config: { allow_status_codes: [null, 'invalid value: 200'] },
    }));
    await created({ name: 'statsd', config: { allow_status_codes: ['200-299', '500-599'] } });
  });
});

describe('acme', () => {
  it('account_email: a loose pattern (an @ somewhere); a vault reference skips it', async () => {
    const res = await create({ name: 'acme', config: { account_email: 'ops.example.test' } });
    expect(res.body).toEqual(violation('schema violation (config.account_email: invalid value: ops.example.test)', {
      config: { account_email: 'invalid value: ops.example.test' },
    }));
    await created({ name: 'acme', config: { account_email: 'ops@example.test' } });
    await created({ name: 'acme', config: { account_email: '{vault://env/acme-email}' } });
  });

  it('domains[]: typedefs.hosts (match_all, match_any, then the host check)', async () => {
    const res = await create({ name: 'acme', config: { account_email: 'ops@example.test', domains: ['*.a.*', 'a.*.b', 'a..b'] } });
    expect(res.body).toEqual(violation(
      'schema violation (config.domains: {\n  "invalid wildcard: must have at most one wildcard",\n  "invalid wildcard: must be placed at leftmost or rightmost label",\n  "invalid hostname: a..b"\n})',
      { config: { domains: ['invalid wildcard: must have at most one wildcard', 'invalid wildcard: must be placed at leftmost or rightmost label', 'invalid hostname: a..b'] } },
    ));
    await created({ name: 'acme', config: { account_email: 'ops@example.test', domains: ['*.example.test', 'example.*', 'example.test'] } });
  });

  it("storage_config.shm.shm_name: a shared dict of the node, else Kong's generic message", async () => {
    const res = await create({ name: 'acme', config: { account_email: 'ops@example.test', storage_config: { shm: { shm_name: 'acme' } } } });
    expect(res.body).toEqual(violation('schema violation (config.storage_config: {\n  shm = {\n    shm_name = "failed validating: acme"\n  }\n})', {
      config: { storage_config: { shm: { shm_name: 'failed validating: acme' } } },
    }));
    await created({ name: 'acme', config: { account_email: 'ops@example.test', storage_config: { shm: { shm_name: 'kong_secrets' } } } });
    // a 2.8 node has kong_process_events and no kong_secrets
    const old = await newMock('2.8');
    expect((await create({ name: 'acme', config: { account_email: 'ops@example.test', storage_config: { shm: { shm_name: 'kong_secrets' } } } }, old)).status).toBe(400);
    await created({ name: 'acme', config: { account_email: 'ops@example.test', storage_config: { shm: { shm_name: 'kong_process_events' } } } }, old);
  });

  it('storage_config.redis.extra_options.namespace: no reserved prefix', async () => {
    const config = (namespace: string) => ({ account_email: 'ops@example.test', storage_config: { redis: { extra_options: { namespace } } } });
    const res = await create({ name: 'acme', config: config('kong_acme:renew_config:mine') });
    expect(res.body).toEqual(violation(
      'schema violation (config.storage_config: {\n  redis = {\n    extra_options = {\n      namespace = "namespace can\'t be prefixed with reserved word: kong_acme:renew_config:"\n    }\n  }\n})',
      { config: { storage_config: { redis: { extra_options: { namespace: "namespace can't be prefixed with reserved word: kong_acme:renew_config:" } } } } },
    ));
    await created({ name: 'acme', config: config('mine:kong_acme:renew_config:') });
  });
});

describe('rate-limiting', () => {
  it('config.path: typedefs.path starts_with and match_none', async () => {
    const res = await create({ name: 'rate-limiting', config: { second: 1, path: 'foo' } });
    expect(res.body).toEqual(violation('schema violation (config.path: should start with: /)', { config: { path: 'should start with: /' } }));
    const empty = await create({ name: 'rate-limiting', config: { second: 1, path: '/a//b' } });
    expect(empty.body).toEqual(violation('schema violation (config.path: must not have empty segments)', { config: { path: 'must not have empty segments' } }));
    await created({ name: 'rate-limiting', config: { second: 1, limit_by: 'path', path: '/a/b' } });
  });
});

describe('opentelemetry', () => {
  it("resource_attributes: the map's values are checked first, so an empty one fails as a string", async () => {
    const res = await create({ name: 'opentelemetry', config: { traces_endpoint: 'http://collector:4318', resource_attributes: { 'service.name': '' } } });
    expect(res.body).toEqual(violation('schema violation (config.resource_attributes: length must be at least 1)', {
      config: { resource_attributes: 'length must be at least 1' },
    }));
    await created({ name: 'opentelemetry', config: { traces_endpoint: 'http://collector:4318', resource_attributes: { 'service.name': 'shop' } } });
  });

  it("the plugin's own function: value types and empty strings", () => {
    const check = pluginValidators['opentelemetry-resource-attributes'];
    const ctx = { version: '3.9' as const };
    expect(check({ a: 'x', b: 1, c: true }, ctx)).toBeNull();
    expect(check({ a: { nested: 1 } }, ctx)).toBe('invalid type of value: table');
    expect(check({ a: '' }, ctx)).toBe('required field missing');
  });
});

describe('zipkin', () => {
  it('static_tags: names must not repeat', async () => {
    const res = await create({ name: 'zipkin', config: { static_tags: [{ name: 'env', value: 'a' }, { name: 'env', value: 'b' }] } });
    expect(res.body).toEqual(violation('schema violation (config.static_tags: repeated tags are not allowed: env)', {
      config: { static_tags: 'repeated tags are not allowed: env' },
    }));
    await created({ name: 'zipkin', config: { static_tags: [{ name: 'env', value: 'a' }, { name: 'team', value: 'b' }] } });
  });
});

describe('response-ratelimiting', () => {
  it("limits.*: a longer period's limit cannot be lower, printed with C's %.1f", async () => {
    const res = await create({ name: 'response-ratelimiting', config: { limits: { video: { second: 10, minute: 5.25 } } } });
    expect(res.body).toEqual(violation('schema violation (config.limits: the limit for minute(5.2) cannot be lower than the limit for second(10.0))', {
      config: { limits: 'the limit for minute(5.2) cannot be lower than the limit for second(10.0)' },
    }));
    await created({ name: 'response-ratelimiting', config: { limits: { video: { second: 10, hour: 10 } } } });
    const periods = pluginValidators['response-ratelimiting-periods'];
    expect(periods({ second: 0.75, minute: 0.25 }, { version: '3.9' })).toBe('the limit for minute(0.2) cannot be lower than the limit for second(0.8)');
    expect(periods({ minute: 3, day: 2.05 }, { version: '3.9' })).toBe('the limit for day(2.0) cannot be lower than the limit for minute(3.0)');
  });
});

describe('registration', () => {
  it('every plugin validator is a named validator of the document vocabulary', () => {
    for (const name of Object.keys(pluginValidators)) expect(validators[name]).toBe(pluginValidators[name]);
  });
});
