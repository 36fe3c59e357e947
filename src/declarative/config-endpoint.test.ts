import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createMock } from '../admin/mock.ts';
import { call } from '../testkit.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/configs/${name}`, import.meta.url), 'utf8');
const ONLY_DBLESS = { message: 'this endpoint is only available when Kong is configured to not use a database' };

describe('/config', () => {
  it('is refused on a node with a database', async () => {
    const mock = await createMock();
    expect(await call(mock, 'GET', '/config')).toMatchObject({ status: 400, body: ONLY_DBLESS });
    expect(await call(mock, 'POST', '/config', { json: { _format_version: '3.0' } })).toMatchObject({ status: 400, body: ONLY_DBLESS });
  });

  it('replaces the store from a raw YAML body, {config} or a JSON body, and answers the loaded entities', async () => {
    const mock = await createMock({ version: '3.9', dbless: true });
    const yaml = await call(mock, 'POST', '/config', { raw: fixture('upstreams.yml'), headers: { 'content-type': 'application/yaml' } });
    expect(yaml.status).toBe(201);
    expect(Object.keys(yaml.body).sort()).toEqual(['routes', 'services', 'targets', 'upstreams']);
    const [service] = Object.values(yaml.body.services) as Array<Record<string, unknown>>;
    expect(service).toMatchObject({ name: 'inventory', host: 'inventory-upstream', retries: 5 });
    expect((await call(mock, 'GET', '/upstreams')).body.data).toHaveLength(2);

    const wrapped = await call(mock, 'POST', '/config', { json: { config: fixture('tags.yml') } });
    expect(wrapped.status).toBe(201);
    expect((await call(mock, 'GET', '/upstreams')).body.data.map((u: { name: string }) => u.name)).toEqual(['billing-upstream']);

    const json = await call(mock, 'POST', '/config', { json: { _format_version: '3.0', consumers: [{ username: 'only' }] } });
    expect(json.status).toBe(201);
    expect((await call(mock, 'GET', '/consumers')).body.data.map((c: { username: string }) => c.username)).toEqual(['only']);
    expect((await call(mock, 'GET', '/services')).body.data).toEqual([]);

    const form = await call(mock, 'POST', '/config', { form: { config: '_format_version: "3.0"\nconsumers:\n- username: from-form\n' } });
    expect(form.status).toBe(201);
    expect((await call(mock, 'GET', '/consumers/from-form')).status).toBe(200);

    expect(await call(mock, 'POST', '/config', { json: { foo: 1 } })).toMatchObject({ status: 400, body: { message: 'expected a declarative configuration' } });
    expect(await call(mock, 'POST', '/config')).toMatchObject({ status: 400, body: { message: 'expected a declarative configuration' } });
    expect(await call(mock, 'POST', '/config', { raw: '[1, 2]', headers: { 'content-type': 'text/yaml' } })).toMatchObject({
      status: 400,
      body: { code: 14, fields: { error: 'failed parsing declarative configuration: expected an object' } },
    });
  });

  it('check_hash=1 answers 304 for the configuration already loaded; /status shows its hash', async () => {
    const mock = await createMock({ version: '3.9', dbless: true });
    const before = await call(mock, 'GET', '/status');
    expect(before.body.configuration_hash).toBe('00000000000000000000000000000000');
    expect(before.body.database).toBeUndefined();
    const body = { raw: fixture('tags.yml'), headers: { 'content-type': 'text/yaml' } };
    expect((await call(mock, 'POST', '/config?check_hash=1', body)).status).toBe(201);
    const hash = (await call(mock, 'GET', '/status')).body.configuration_hash;
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(hash).not.toBe(before.body.configuration_hash);
    const again = await call(mock, 'POST', '/config?check_hash=1', body);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect((await call(mock, 'POST', '/config', body)).status).toBe(201);

    const old = await createMock({ version: '2.8', dbless: true });
    expect((await call(old, 'GET', '/status')).body.database).toEqual({ reachable: true });
  });

  it('answers code 14, or flattened_errors with flatten_errors=1, and keeps the loaded configuration', async () => {
    const mock = await createMock({ version: '3.9', dbless: true });
    await call(mock, 'POST', '/config', { json: { config: fixture('tags.yml') } });
    const bad = { _format_version: '3.0', services: [{ name: 'x', host: 'x.test', port: 70000, tags: ['t'] }] };
    const plain = await call(mock, 'POST', '/config', { json: bad });
    expect(plain.status).toBe(400);
    expect(plain.body).toEqual({
      code: 14,
      name: 'invalid declarative configuration',
      message: 'declarative config is invalid: {services={{port="value should be between 0 and 65535"}}}',
      fields: { services: [{ port: 'value should be between 0 and 65535' }] },
    });
    const flat = await call(mock, 'POST', '/config?flatten_errors=1', { json: bad });
    expect(flat.body).toEqual({
      code: 14,
      name: 'invalid declarative configuration',
      message: 'declarative config is invalid: {}',
      fields: {},
      flattened_errors: [
        {
          entity_type: 'service',
          entity_name: 'x',
          entity_tags: ['t'],
          entity: bad.services[0],
          errors: [{ type: 'field', field: 'port', message: 'value should be between 0 and 65535' }],
        },
      ],
    });
    expect((await call(mock, 'GET', '/services/billing')).status).toBe(200);
  });

  it('GET /config gives back the store as declarative YAML with every field', async () => {
    const mock = await createMock({ version: '3.9', dbless: true });
    await call(mock, 'POST', '/config', { json: { config: fixture('upstreams.yml') } });
    const res = await call(mock, 'GET', '/config');
    expect(res.status).toBe(200);
    const doc = parse(res.body.config);
    expect(doc._format_version).toBe('3.0');
    expect(doc._transform).toBe(false);
    expect(doc.services[0]).toMatchObject({ name: 'inventory', path: null, tls_verify: null, enabled: true });
    expect(doc.targets).toHaveLength(4);
    // what GET /config gives can be posted back
    expect((await call(mock, 'POST', '/config', { json: { config: res.body.config } })).status).toBe(201);
  });

  it('refuses entity writes after validation, reads still work', async () => {
    const mock = await createMock({ version: '3.9', dbless: true });
    await call(mock, 'POST', '/config', { json: { config: fixture('tags.yml') } });
    const refusal = (verb: string, table: string, by?: string) => ({
      code: 12,
      name: 'operation unsupported',
      message: `cannot ${verb} '${table}' entities${by ? ` by '${by}'` : ''} when not using a database`,
    });
    expect(await call(mock, 'POST', '/routes', { json: { paths: ['/x'] } })).toMatchObject({ status: 405, body: refusal('create', 'routes') });
    expect((await call(mock, 'POST', '/routes', { json: { paths: ['x'] } })).body.code).toBe(2);
    // addressed by name, Kong's DAO method is update_by_name and says so
    expect(await call(mock, 'PUT', '/services/new', { json: { host: 'n.test' } })).toMatchObject({ status: 405, body: refusal('create or update', 'services', 'name') });
    expect(await call(mock, 'PATCH', '/services/billing', { json: { retries: 1 } })).toMatchObject({ status: 405, body: refusal('update', 'services', 'name') });
    expect(await call(mock, 'DELETE', '/consumers/auditor')).toMatchObject({ status: 405, body: refusal('remove', 'consumers', 'username') });
    const id = (await call(mock, 'GET', '/services/billing')).body.id as string;
    expect(await call(mock, 'PATCH', `/services/${id}`, { json: { retries: 1 } })).toMatchObject({ status: 405, body: refusal('update', 'services') });
    expect(await call(mock, 'PUT', `/services/${id}`, { json: { host: 'n.test' } })).toMatchObject({ status: 405, body: refusal('create or update', 'services') });
    expect(await call(mock, 'DELETE', `/services/${id}`)).toMatchObject({ status: 405, body: refusal('remove', 'services') });
    expect(await call(mock, 'PATCH', '/services/nobody', { json: { retries: 1 } })).toMatchObject({ status: 404 });
    expect((await call(mock, 'DELETE', '/consumers/nobody')).status).toBe(204);
    expect((await call(mock, 'GET', '/consumers/auditor')).status).toBe(200);
  });
});
