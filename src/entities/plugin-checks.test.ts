/**
 * The custom checks of bundled plugins (src/entities/plugin-checks.ts) through the Admin API:
 * Kong 3.9.3's messages and where they land. A custom_validator on the config record fails as the
 * string value of `config` and only when the rest of the record is valid; a plugin entity check
 * lands in top-level `@entity`; the llm record's own check lands in that record's `@entity`.
 * Messages are built as Kong's schema_violation does: `@entity` items first, then fields sorted,
 * tables one level down rendered with Penlight's pretty writer.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';
import type { KongMock } from '../admin/mock.ts';
import { acmeStorage } from './plugin-checks.ts';
import type { ValidatorContext } from './types.ts';

let mock: KongMock;
beforeEach(async () => {
  mock = await newMock();
});

const violation = (message: string, fields: unknown) => ({ code: 2, name: 'schema violation', message, fields });
const create = (json: unknown) => call(mock, 'POST', '/plugins', { json });

async function expectViolation(json: unknown, message: string, fields: unknown): Promise<void> {
  const res = await create(json);
  expect(res.status).toBe(400);
  expect(res.body).toEqual(violation(message, fields));
}

/** On a fresh node each time: a second global plugin of the same name would be a unique violation. */
async function expectCreated(json: unknown): Promise<void> {
  const res = await call(await newMock(), 'POST', '/plugins', { json });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

describe('aws-lambda: proxy_url scheme (plugin entity check)', () => {
  const lambda = (proxyUrl: string) => ({ name: 'aws-lambda', config: { aws_region: 'us-east-1', function_name: 'f', proxy_url: proxyUrl } });
  const msg = 'proxy_url scheme must be http';

  it('refuses https, ftp and wss proxies in @entity', async () => {
    for (const scheme of ['https', 'ftp', 'wss']) {
      await expectViolation(lambda(`${scheme}://squid:3128`), `schema violation (${msg})`, { '@entity': [msg] });
    }
  });

  it('compares the scheme case-sensitively', async () => {
    await expectViolation(lambda('HTTP://squid:3128'), `schema violation (${msg})`, { '@entity': [msg] });
  });

  it('runs even when the URL itself is invalid (Kong looks the nested source up by its dotted name)', async () => {
    await expectViolation(lambda('ftp://'), `2 schema violations (${msg}; config.proxy_url: missing host in url)`, {
      '@entity': [msg],
      config: { proxy_url: 'missing host in url' },
    });
  });

  it('accepts an http proxy and no proxy', async () => {
    await expectCreated(lambda('http://squid:3128'));
    await expectCreated({ name: 'aws-lambda', config: { aws_region: 'us-east-1', function_name: 'f' } });
  });
});

describe('prometheus: the shared dict validator', () => {
  it('accepts configs: a node that loads prometheus always has the prometheus_metrics dict', async () => {
    await expectCreated({ name: 'prometheus' });
    await expectCreated({ name: 'prometheus', config: { per_consumer: true, status_code_metrics: true, upstream_health_metrics: true } });
  });
});

describe('http-log: header names and user info (custom_validator on config)', () => {
  const log = (config: Record<string, unknown>) => ({ name: 'http-log', config: { http_endpoint: 'http://myservice.test/path', ...config } });
  const userinfoMsg = "specifying both an 'Authorization' header and user info in 'http_endpoint' is not allowed";

  it("refuses an Authorization header (any case) with user info in http_endpoint, as config's value", async () => {
    await expectViolation(
      log({ http_endpoint: 'http://hi:there@myservice.test/path', headers: { AuthoRIZATion: 'bad' } }),
      `schema violation (config: ${userinfoMsg})`,
      { config: userinfoMsg },
    );
    // user info without a password still counts
    await expectViolation(log({ http_endpoint: 'http://hi@myservice.test/path', headers: { authorization: 'x' } }), `schema violation (config: ${userinfoMsg})`, {
      config: userinfoMsg,
    });
  });

  it('accepts either one alone', async () => {
    await expectCreated(log({ http_endpoint: 'http://hi:there@myservice.test/path', headers: { 'X-Other': 'y' } }));
    await expectCreated(log({ http_endpoint: 'http://hi:there@myservice.test/path' }));
    await expectCreated(log({ headers: { Authorization: 'Basic abc' } }));
  });

  it('does not run while another config field is invalid', async () => {
    await expectViolation(
      log({ http_endpoint: 'http://hi:there@myservice.test/path', headers: { Authorization: 'x' }, method: 'GET' }),
      'schema violation (config.method: expected one of: POST, PUT, PATCH)',
      { config: { method: 'expected one of: POST, PUT, PATCH' } },
    );
  });

  it('refuses the Host, Content-Length and Content-Type headers at config.headers', async () => {
    const cases: Array<[string, string]> = [
      ['Host', "cannot contain 'Host' header"],
      ['coNTEnt-Length', "cannot contain 'Content-Length' header"],
      ['coNTEnt-Type', "cannot contain 'Content-Type' header"],
    ];
    for (const [name, msg] of cases) {
      await expectViolation(log({ headers: { 'X-My-Header': '123', [name]: 'v' } }), `schema violation (config.headers: ${msg})`, { config: { headers: msg } });
    }
  });

  it("keeps Kong's pattern quirk: an upper-case N in Length is not matched", async () => {
    await expectCreated(log({ headers: { 'CONTENT-LENGTH': '1' } }));
  });

  it('checks the names as header names', async () => {
    await expectViolation(log({ headers: { '': 'v' } }), 'schema violation (config.headers: length must be at least 1)', {
      config: { headers: 'length must be at least 1' },
    });
    const msg = "bad header name 'X Bad', allowed characters are A-Z, a-z, 0-9, '_', and '-'";
    await expectViolation(log({ headers: { 'X Bad': 'v' } }), `schema violation (config.headers: ${msg})`, { config: { headers: msg } });
  });
});

describe('proxy-cache: the memory dictionary must exist (plugin entity check)', () => {
  it('refuses an unknown shared dict in @entity', async () => {
    const msg = "missing shared dict 'nope'";
    await expectViolation({ name: 'proxy-cache', config: { strategy: 'memory', memory: { dictionary_name: 'nope' } } }, `schema violation (${msg})`, {
      '@entity': [msg],
    });
  });

  it("accepts the default kong_db_cache and the node's other dicts", async () => {
    await expectCreated({ name: 'proxy-cache', config: { strategy: 'memory' } });
    await expectCreated({ name: 'proxy-cache', config: { strategy: 'memory', memory: { dictionary_name: 'kong_locks' } } });
  });
});

describe('request-termination: message, body and echo (custom_validator on config)', () => {
  const term = (config: Record<string, unknown>) => ({ name: 'request-termination', config });

  it('refuses each conflicting combination with its own message', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ message: 'm', body: 'b' }, 'message cannot be used with content_type or body'],
      [{ message: 'm', content_type: 'text/plain', body: 'b' }, 'message cannot be used with content_type or body'],
      [{ content_type: 'text/plain' }, 'content_type requires a body'],
      [{ echo: true, body: 'b' }, 'echo cannot be used with content_type and body'],
      [{ echo: true, content_type: 'text/plain', body: 'b' }, 'echo cannot be used with content_type and body'],
    ];
    for (const [config, msg] of cases) await expectViolation(term(config), `schema violation (config: ${msg})`, { config: msg });
  });

  it('accepts the valid forms', async () => {
    await expectCreated(term({ status_code: 403, message: 'go away' }));
    await expectCreated(term({ content_type: 'text/plain', body: 'b' }));
    await expectCreated(term({ echo: true, message: 'm' }));
  });

  it('checks the merged config on PATCH', async () => {
    const created = await create(term({ content_type: 'text/plain', body: 'b' }));
    expect(created.status).toBe(201);
    const res = await call(mock, 'PATCH', `/plugins/${created.body.id}`, { json: { config: { message: 'm' } } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(violation('schema violation (config: message cannot be used with content_type or body)', {
      config: 'message cannot be used with content_type or body',
    }));
  });
});

describe('acme: storage and the node mode (plugin entity check)', () => {
  const acme = (storage: string) => ({ name: 'acme', config: { account_email: 'ops@example.test', storage } });

  it('a traditional node with a database accepts kong and shm storage', async () => {
    await expectCreated(acme('kong'));
    await expectCreated(acme('shm'));
  });

  it('refuses kong storage on a DB-less node and shm on a control plane, in @entity', () => {
    const entity = (storage: string) => ({ name: 'acme', config: { storage } });
    // the node's mode as the check reads it from the context (the write path does not pass it yet)
    const node = (mode: { dbless?: boolean; role?: string }): ValidatorContext => ({ version: '3.9', ...mode });
    expect(acmeStorage(entity('kong'), node({ dbless: true }))).toBe('"kong" storage can\'t be used with dbless mode');
    expect(acmeStorage(entity('kong'), node({ dbless: true, role: 'data_plane' }))).toBeNull();
    expect(acmeStorage(entity('shm'), node({ dbless: true }))).toBeNull();
    expect(acmeStorage(entity('shm'), node({ role: 'control_plane' }))).toBe('"shm" storage can\'t be used in Hybrid mode');
    expect(acmeStorage(entity('kong'), node({ role: 'control_plane' }))).toBeNull();
  });
});

describe('oauth2: at least one grant flow (custom_validator on config)', () => {
  const msg = 'at least one of these fields must be true: enable_authorization_code, enable_implicit_grant, enable_client_credentials, enable_password_grant';

  // Kong generates provision_key (auto); the mock does not fill auto fields inside config yet, so the tests send one
  const oauth2 = (config: Record<string, unknown>) => ({ name: 'oauth2', config: { provision_key: 'pk', ...config } });

  it("refuses a config without any flow, as config's value", async () => {
    await expectViolation(oauth2({}), `schema violation (config: ${msg})`, { config: msg });
    await expectViolation(oauth2({ enable_password_grant: false }), `schema violation (config: ${msg})`, { config: msg });
  });

  it('accepts any one flow', async () => {
    await expectCreated(oauth2({ enable_password_grant: true }));
    await expectCreated(oauth2({ enable_authorization_code: true }));
  });

  it("does not run when the record's own check fails", async () => {
    const cond = "failed conditional validation given value of field 'mandatory_scope'";
    await expectViolation(
      oauth2({ mandatory_scope: true }),
      `2 schema violations (config.@entity: {\n  "${cond}"\n}; config.scopes: required field missing)`,
      { config: { '@entity': [cond], scopes: 'required field missing' } },
    );
  });
});

describe('AI plugins: no statistics for anthropic completions (the llm record check)', () => {
  const msg = 'anthropic does not support statistics when route_type is llm/v1/completions';
  const llm = (routeType: string, provider: string, logStatistics: boolean) => ({
    route_type: routeType,
    auth: { header_name: 'x-api-key', header_value: 'key' },
    model: { provider, name: 'm', options: { anthropic_version: '2023-06-01', max_tokens: 256 } },
    logging: { log_statistics: logStatistics },
  });

  it("ai-proxy: the config record is the llm record, the message lands in config's @entity", async () => {
    await expectViolation(
      { name: 'ai-proxy', config: llm('llm/v1/completions', 'anthropic', true) },
      `schema violation (config.@entity: {\n  "${msg}"\n})`,
      { config: { '@entity': [msg] } },
    );
  });

  it('ai-proxy: other pairs and disabled statistics are accepted', async () => {
    await expectCreated({ name: 'ai-proxy', config: llm('llm/v1/completions', 'anthropic', false) });
    await expectCreated({ name: 'ai-proxy', config: llm('llm/v1/chat', 'anthropic', true) });
    await expectCreated({ name: 'ai-proxy', config: llm('llm/v1/completions', 'openai', true) });
  });

  it('ai-proxy: not reported while another field of the record is invalid', async () => {
    await expectViolation(
      { name: 'ai-proxy', config: { ...llm('llm/v1/completions', 'anthropic', true), logging: { log_statistics: true, log_payloads: 'yes' } } },
      'schema violation (config.logging: {\n  log_payloads = "expected a boolean"\n})',
      { config: { logging: { log_payloads: 'expected a boolean' } } },
    );
  });

  for (const name of ['ai-request-transformer', 'ai-response-transformer']) {
    it(`${name}: the llm record is config.llm, the message lands in its @entity`, async () => {
      const chatOnly = "'config.llm.route_type' must be 'llm/v1/chat' for AI transformer plugins";
      await expectViolation(
        { name, config: { prompt: 'p', llm: llm('llm/v1/completions', 'anthropic', true) } },
        `2 schema violations (${chatOnly}; config.llm: {\n  ["@entity"] = {\n    "${msg}"\n  },\n  route_type = "value must be llm/v1/chat"\n})`,
        { '@entity': [chatOnly], config: { llm: { '@entity': [msg], route_type: 'value must be llm/v1/chat' } } },
      );
      await expectCreated({ name, config: { prompt: 'p', llm: llm('llm/v1/chat', 'anthropic', true) } });
    });
  }
});
