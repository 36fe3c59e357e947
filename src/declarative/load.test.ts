import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createMock } from '../admin/mock.ts';
import { call } from '../testkit.ts';
import { loadDeclarativeText } from './load.ts';
import { loadConfigFile } from './file.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/configs/${name}`, import.meta.url), 'utf8');

describe('declarative configuration loaded through the Admin API', () => {
  it('loads every fixture with nested children attached to their parents', async () => {
    const mock = await createMock({ version: '2.8' });
    const loaded = await loadDeclarativeText(mock, fixture('basic.yml'));
    expect(loaded.error).toBeUndefined();
    expect(loaded.value?.count).toBe(12);
    const routes = await call(mock, 'GET', '/services/orders/routes');
    expect(routes.body.data.map((r: { name: string }) => r.name).sort()).toEqual(['orders-admin', 'orders-api']);
    const plugin = await call(mock, 'GET', '/routes/catalog-read/plugins');
    expect(plugin.body.data[0]).toMatchObject({ name: 'rate-limiting', config: { minute: 120, policy: 'local' } });
    const keys = await call(mock, 'GET', '/consumers/web-frontend/key-auth');
    expect(keys.body.data[0]).toMatchObject({ key: 'frontend-secret-key' });
    const global = await call(mock, 'GET', '/plugins');
    expect(global.body.data).toHaveLength(4);

    const up = await createMock({ version: '3.9' });
    expect((await loadDeclarativeText(up, fixture('upstreams.yml'))).value?.count).toBe(8);
    const targets = await call(up, 'GET', '/upstreams/inventory-upstream/targets');
    expect(targets.body.data.map((t: { target: string }) => t.target).sort()).toEqual(['10.10.0.11:8080', '10.10.0.12:8080']);
    expect((await loadDeclarativeText(up, fixture('tags.yml'))).value?.count).toBe(8);
    const tagged = await call(up, 'GET', '/services?tags=team-payments,env-prod');
    expect(tagged.body.data.map((s: { name: string }) => s.name)).toEqual(['billing']);
    // loading replaces the whole store
    expect((await call(up, 'GET', '/upstreams/inventory-upstream')).status).toBe(404);
  });

  it('accepts JSON text, references by name, and format 3.0 on Kong 3.x only', async () => {
    const mock = await createMock();
    const text = JSON.stringify({
      _format_version: '3.0',
      services: [{ name: 's1', host: 's1.test' }],
      routes: [{ name: 'r1', paths: ['/r1'], service: 's1' }],
      consumers: [{ username: 'u1' }],
      plugins: [{ name: 'key-auth', route: 'r1' }, { name: 'rate-limiting', consumer: 'u1', config: { minute: 5 } }],
    });
    const loaded = await loadDeclarativeText(mock, text);
    expect(loaded.error).toBeUndefined();
    const route = await call(mock, 'GET', '/routes/r1');
    const service = await call(mock, 'GET', '/services/s1');
    expect(route.body.service).toEqual({ id: service.body.id });

    const old = await createMock({ version: '2.8' });
    const refused = await loadDeclarativeText(old, text);
    expect(refused.error?.body).toEqual({
      code: 14,
      name: 'invalid declarative configuration',
      message: 'declarative config is invalid: {_format_version="expected one of: 1.1, 2.1"}',
      fields: { _format_version: 'expected one of: 1.1, 2.1' },
    });
  });

  it('reports every invalid entity at its place in the input, as Kong does, and keeps the old store', async () => {
    const mock = await createMock();
    await loadDeclarativeText(mock, fixture('tags.yml'));
    const bad = [
      '_format_version: "3.0"',
      'services:',
      '- name: a',
      '  host: a.test',
      '  routes:',
      '  - name: r',
      '    paths: [a]',
      '- name: a',
      '  host: b.test',
      'plugins:',
      '- name: key-auth',
      '  service: nope',
    ].join('\n');
    const loaded = await loadDeclarativeText(mock, bad);
    const fields = {
      services: [{ routes: [{ paths: ['should start with: / (fixed path) or ~/ (regex path)'] }] }, "uniqueness violation: 'services' entity with name set to 'a' already declared"],
      plugins: [["invalid reference 'service: nope' (no such entry in 'services')"]],
    };
    expect(loaded.error?.status).toBe(400);
    expect(loaded.error?.body).toEqual({
      code: 14,
      name: 'invalid declarative configuration',
      message:
        'declarative config is invalid: {plugins={{"invalid reference \'service: nope\' (no such entry in \'services\')"}},' +
        'services={{routes={{paths={"should start with: / (fixed path) or ~/ (regex path)"}}}},"uniqueness violation: \'services\' entity with name set to \'a\' already declared"}}',
      fields,
    });
    expect((await call(mock, 'GET', '/services/billing')).status).toBe(200);
  });

  it('files duplicates as Kong does: by index for ids and endpoint keys, by endpoint key for other unique fields', async () => {
    const mock = await createMock();
    const custom = await loadDeclarativeText(mock, JSON.stringify({
      _format_version: '3.0',
      consumers: [{ username: 'foo', custom_id: 'conflict' }, { username: 'bar', custom_id: 'conflict' }],
    }));
    expect(custom.error?.body).toEqual({
      code: 14,
      name: 'invalid declarative configuration',
      message: 'declarative config is invalid: {consumers={bar="uniqueness violation: \'consumers\' entity with custom_id set to \'conflict\' already declared"}}',
      fields: { consumers: { bar: "uniqueness violation: 'consumers' entity with custom_id set to 'conflict' already declared" } },
    });
    const id = '5a2e5b4c-9a51-4a8e-8d6e-3f7c0d8b1a01';
    const ids = await loadDeclarativeText(mock, JSON.stringify({ _format_version: '3.0', services: [{ id, host: 'a.test' }, { id, host: 'b.test' }] }));
    expect((ids.error?.body as { fields: unknown }).fields).toEqual({
      services: [undefined, `uniqueness violation: 'services' entity with primary key set to '${id}' already declared`],
    });
    const routeConfig = JSON.stringify({ _format_version: '3.0', routes: [{ name: 'r2', paths: ['x'] }, { name: 'r', paths: ['/'], service: 'none' }] });
    const route = await loadDeclarativeText(mock, routeConfig);
    expect((route.error?.body as { fields: unknown }).fields).toEqual({
      routes: { r: ["invalid reference 'service: none' (no such entry in 'services')"], 1: { paths: ['should start with: / (fixed path) or ~/ (regex path)'] } },
    });
    // flattened: errors filed by index become records, those filed by name stay in fields
    const flat = (await loadDeclarativeText(mock, routeConfig, { flattenErrors: true })).error?.body as Record<string, unknown>;
    expect(flat.fields).toEqual({ routes: { r: ["invalid reference 'service: none' (no such entry in 'services')"] } });
    expect(flat.flattened_errors).toEqual([
      { entity_type: 'route', entity_name: 'r2', entity: { name: 'r2', paths: ['x'] }, errors: [{ type: 'field', field: 'paths.1', message: 'should start with: / (fixed path) or ~/ (regex path)' }] },
    ]);
  });

  it('answers parse errors and unknown keys with code 14', async () => {
    const mock = await createMock();
    expect((await loadDeclarativeText(mock, '- just\n- a list\n')).error?.body).toEqual({
      code: 14,
      name: 'invalid declarative configuration',
      message: 'declarative config is invalid: {error="failed parsing declarative configuration: expected an object"}',
      fields: { error: 'failed parsing declarative configuration: expected an object' },
    });
    expect(((await loadDeclarativeText(mock, '_format_version: "3.0"\nservice: []\n')).error?.body as { fields: unknown }).fields).toEqual({ service: 'unknown field' });
    expect(((await loadDeclarativeText(mock, 'services: []\n')).error?.body as { fields: unknown }).fields).toEqual({ _format_version: 'required field missing' });
    // Kong's schema knows _transform, _comment and _ignore; decK's _info and a top-level tags list are unknown
    const meta = '_format_version: "3.0"\n_transform: false\n_comment: hi\n_ignore: [1]\n_info: {select_tags: [a]}\ntags: []\n';
    expect(((await loadDeclarativeText(mock, meta)).error?.body as { fields: unknown }).fields).toEqual({ _info: 'unknown field', tags: 'unknown field' });
  });

  it('loadConfigFile reports errors as text and sets the configuration hash', async () => {
    const mock = await createMock({ version: '2.8', dbless: true });
    const file = new URL('../../fixtures/configs/basic.yml', import.meta.url).pathname;
    expect(await loadConfigFile(mock, file)).toEqual({ count: 12 });
    expect(mock.configHash).toMatch(/^[0-9a-f]{32}$/);
    expect(await loadConfigFile(mock, '/nonexistent/kong.yml')).toMatchObject({ error: expect.stringContaining('cannot read declarative config') });
  });
});
