/**
 * Schema-only entities (`schema-only: true` in x-kong-entity): Kong DAOs that `GET /schemas/{name}`
 * answers for (Kong's 02-kong_routes_spec "returns the schema of all DB entities") but that the mock
 * serves through no other endpoint, no store table and no declarative key.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';
import { createMock } from './mock.ts';
import { loadSpec, readDocument } from '../spec/index.ts';
import { snapshot } from '../persist.ts';
import { loadDeclarativeText } from '../declarative/load.ts';

type Obj = Record<string, any>;

const UUID = '4e3ad2e4-0bc4-4638-8e34-c84a417ba39b';

/** Field names in the order of Kong 3.9.3's Lua schemas (kong/db/schema/entities, the plugins' daos.lua). */
const FIELDS_39: Record<string, string[]> = {
  workspaces: ['id', 'name', 'comment', 'created_at', 'updated_at', 'meta', 'config'],
  clustering_data_planes: ['id', 'last_seen', 'updated_at', 'ip', 'config_hash', 'hostname', 'version', 'sync_status', 'labels', 'cert_details', 'rpc_capabilities'],
  parameters: ['created_at', 'key', 'value'],
  filter_chains: ['id', 'name', 'enabled', 'route', 'service', 'filters', 'created_at', 'updated_at', 'tags'],
  acme_storage: ['id', 'key', 'value', 'created_at'],
  oauth2_authorization_codes: ['id', 'created_at', 'service', 'credential', 'code', 'authenticated_userid', 'scope', 'challenge', 'challenge_method', 'plugin'],
  oauth2_tokens: ['id', 'created_at', 'service', 'credential', 'token_type', 'expires_in', 'access_token', 'refresh_token', 'authenticated_userid', 'scope'],
  ratelimiting_metrics: ['identifier', 'period', 'period_date', 'service_id', 'route_id', 'value'],
  sessions: ['id', 'session_id', 'expires', 'data', 'created_at'],
};

/** Kong 2.8.5: no filter chains; fewer fields where later releases added some. */
const FIELDS_28: Record<string, string[]> = {
  ...Object.fromEntries(Object.entries(FIELDS_39).filter(([name]) => name !== 'filter_chains')),
  workspaces: ['id', 'name', 'comment', 'created_at', 'meta', 'config'],
  clustering_data_planes: ['id', 'last_seen', 'ip', 'config_hash', 'hostname', 'version', 'sync_status'],
  oauth2_authorization_codes: ['id', 'created_at', 'service', 'credential', 'code', 'authenticated_userid', 'scope', 'challenge', 'challenge_method'],
};

const NAMES = Object.keys(FIELDS_39);

/** Where Kong itself has endpoints for the DAO, which the mock does not model (see openapi/EXTENSIONS.md). */
const KONG_HAS_ENDPOINTS = new Set(['oauth2_tokens', 'sessions', 'acme_storage', 'filter_chains']);

const names = (fields: Obj[]): string[] => fields.map((f) => Object.keys(f)[0]);
const field = (fields: Obj[], name: string): Obj => fields.find((f) => name in f)![name];

describe('GET /schemas/{name} of the schema-only DAOs (3.9)', () => {
  it.each(NAMES)('%s: 200 with its fields in Kong order and its entity checks', async (name) => {
    const mock = await newMock('3.9');
    const res = await call(mock, 'GET', `/schemas/${name}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['entity_checks', 'fields']);
    expect(Array.isArray(res.body.entity_checks)).toBe(true);
    expect(names(res.body.fields)).toEqual(FIELDS_39[name]);
  });

  it('renders foreign keys with their reference and on_delete, required or not', async () => {
    const mock = await newMock('3.9');
    const tokens = (await call(mock, 'GET', '/schemas/oauth2_tokens')).body.fields;
    expect(field(tokens, 'credential')).toEqual({ type: 'foreign', required: true, reference: 'oauth2_credentials', on_delete: 'cascade', description: expect.any(String) });
    expect(field(tokens, 'service')).toMatchObject({ type: 'foreign', reference: 'services', on_delete: 'cascade' });
    expect(field(tokens, 'service')).not.toHaveProperty('required');
    expect(field(tokens, 'access_token')).toMatchObject({ type: 'string', unique: true, auto: true });
    expect(field(tokens, 'token_type')).toEqual({ type: 'string', required: true, default: 'bearer', one_of: ['bearer'], description: expect.any(String) });
    const codes = (await call(mock, 'GET', '/schemas/oauth2_authorization_codes')).body.fields;
    expect(field(codes, 'plugin')).toMatchObject({ type: 'foreign', reference: 'plugins', on_delete: 'cascade' });
    expect(field(codes, 'credential')).toMatchObject({ type: 'foreign', required: true, reference: 'oauth2_credentials', on_delete: 'cascade' });
    const chains = (await call(mock, 'GET', '/schemas/filter_chains')).body.fields;
    expect(field(chains, 'route')).toMatchObject({ type: 'foreign', reference: 'routes', on_delete: 'cascade', unique: true });
  });

  it('renders the other Kong types: auto strings, uuids, empty records, maps, sets, enums, json', async () => {
    const mock = await newMock('3.9');
    const get = async (name: string): Promise<Obj[]> => (await call(mock, 'GET', `/schemas/${name}`)).body.fields;
    expect(field(await get('acme_storage'), 'key')).toEqual({ type: 'string', required: true, unique: true, auto: true, description: expect.any(String) });
    expect(field(await get('sessions'), 'session_id')).toEqual({ type: 'string', required: true, unique: true, description: expect.any(String) });
    const metrics = await get('ratelimiting_metrics');
    expect(field(metrics, 'service_id')).toEqual({ type: 'string', uuid: true, required: true, description: expect.any(String) });
    expect(field(metrics, 'identifier')).toMatchObject({ type: 'string', required: true, len_min: 0 });
    expect(field(await get('workspaces'), 'meta')).toMatchObject({ type: 'record', fields: [] });
    expect(field(await get('parameters'), 'key')).toMatchObject({ type: 'string', required: true, unique: true });
    const dp = await get('clustering_data_planes');
    expect(field(dp, 'sync_status')).toEqual({
      type: 'string',
      required: true,
      default: 'unknown',
      one_of: ['unknown', 'normal', 'kong_version_incompatible', 'plugin_set_incompatible', 'plugin_version_incompatible', 'filter_set_incompatible'],
      description: expect.any(String),
    });
    expect(field(dp, 'labels')).toMatchObject({ type: 'map', keys: { type: 'string' }, values: { type: 'string' } });
    expect(field(dp, 'rpc_capabilities')).toMatchObject({ type: 'set', elements: { type: 'string' } });
    const filters = field(await get('filter_chains'), 'filters');
    expect(filters).toMatchObject({ type: 'array', required: true, len_min: 1 });
    expect(names(filters.elements.fields)).toEqual(['name', 'enabled', 'config']);
    expect(field(filters.elements.fields, 'config').type).toBe('json');
  });

  it("spells filter chains' checks as Kong does (mutually_exclusive, run_with_invalid_fields)", async () => {
    const mock = await newMock('3.9');
    expect((await call(mock, 'GET', '/schemas/filter_chains')).body.entity_checks).toEqual([
      { mutually_exclusive: ['service', 'route'] },
      { at_least_one_of: ['service', 'route'] },
      { custom_entity_check: { field_sources: ['filters'], run_with_invalid_fields: true, name: 'wasm-status' } },
    ]);
  });
});

describe('schema output shared with the other entities', () => {
  it("spells the document's only-one-of and exactly-one-of as Kong's mutually_exclusive and only_one_of", async () => {
    const mock = await newMock('3.9');
    expect((await call(mock, 'GET', '/schemas/keys')).body.entity_checks.slice(0, 2)).toEqual([{ mutually_exclusive: ['jwk', 'pem'] }, { at_least_one_of: ['jwk', 'pem'] }]);
    expect((await call(mock, 'GET', '/schemas/plugins/acl')).body.entity_checks.slice(0, 2)).toEqual([
      { only_one_of: ['config.allow', 'config.deny'] },
      { at_least_one_of: ['config.allow', 'config.deny'] },
    ]);
  });

  it('marks generated strings auto and uuid strings uuid, as typedefs.uuid and auto fields show', async () => {
    const mock = await newMock('3.9');
    expect(field((await call(mock, 'GET', '/schemas/oauth2_credentials')).body.fields, 'client_id')).toMatchObject({ type: 'string', unique: true, auto: true });
    expect(field((await call(mock, 'GET', '/schemas/tags')).body.fields, 'entity_id')).toMatchObject({ type: 'string', uuid: true, required: true });
  });
});

describe('POST /schemas/{name}/validate of the schema-only DAOs', () => {
  const valid: Record<string, Obj> = {
    workspaces: { name: 'team-a' },
    clustering_data_planes: { ip: '192.0.2.1', hostname: 'dp.example.test', sync_status: 'normal' },
    parameters: { key: 'cluster_id', value: UUID },
    acme_storage: {},
    oauth2_authorization_codes: { credential: { id: UUID }, challenge_method: 'S256' },
    oauth2_tokens: { credential: { id: UUID }, expires_in: 7200 },
    ratelimiting_metrics: { identifier: '', period: 'minute', period_date: 1422386520, service_id: UUID, route_id: UUID, value: 1 },
    sessions: { session_id: 'abc' },
  };

  it.each(Object.keys(valid))('%s: a valid body passes (auto fields filled, nothing stored)', async (name) => {
    const mock = await newMock('3.9');
    expect(await call(mock, 'POST', `/schemas/${name}/validate`, { json: valid[name] })).toMatchObject({ status: 200, body: { message: 'schema validation successful' } });
  });

  it('reports schema violations with Kong messages', async () => {
    const mock = await newMock('3.9');
    const fields = async (name: string, body: Obj): Promise<Obj> => {
      const res = await call(mock, 'POST', `/schemas/${name}/validate`, { json: body });
      expect(res.body).toMatchObject({ code: 2, name: 'schema violation' });
      return res.body.fields;
    };
    expect(await fields('oauth2_tokens', { token_type: 'mac' })).toEqual({ credential: 'required field missing', expires_in: 'required field missing', token_type: 'expected one of: bearer' });
    expect(await fields('oauth2_authorization_codes', { credential: { id: UUID }, challenge_method: 'plain' })).toEqual({ challenge_method: 'expected one of: S256' });
    expect(await fields('sessions', {})).toEqual({ session_id: 'required field missing' });
    expect(await fields('parameters', { key: 'k' })).toEqual({ value: 'required field missing' });
    expect(await fields('ratelimiting_metrics', { ...valid.ratelimiting_metrics, service_id: 'nope' })).toEqual({ service_id: 'expected a valid UUID' });
    expect(await fields('clustering_data_planes', { ip: 'nope', hostname: 'dp.example.test' })).toEqual({ ip: 'not an ip address: nope' });
    // typedefs.semantic_version: match_none, then match_any
    expect(await fields('clustering_data_planes', { ip: '192.0.2.1', hostname: 'dp.example.test', version: '3..1' })).toEqual({ version: 'must not have empty version segments' });
    expect(await fields('clustering_data_planes', { ip: '192.0.2.1', hostname: 'dp.example.test', version: 'v3' })).toEqual({ version: 'invalid version number: must be in format of X.Y.Z' });
    expect(await fields('workspaces', { meta: { x: 1 } })).toEqual({ name: 'required field missing', meta: { x: 'unknown field' } });
  });

  it('refuses every filter chain with wasm disabled, even one whose filters are invalid (run_with_invalid_fields)', async () => {
    const mock = await newMock('3.9');
    const one = await call(mock, 'POST', '/schemas/filter_chains/validate', { json: { route: { id: UUID }, filters: [{ name: 'x' }] } });
    expect(one.body.fields).toEqual({ '@entity': ['wasm support is not enabled'] });
    const both = await call(mock, 'POST', '/schemas/filter_chains/validate', { json: { route: { id: UUID }, service: { id: UUID }, filters: [] } });
    expect(both.body.fields).toEqual({
      filters: 'length must be at least 1',
      '@entity': ["only one or none of these fields must be set: 'service', 'route'", 'wasm support is not enabled'],
    });
  });
});

describe('no endpoints, no table, no declarative key', () => {
  // Kong generates endpoints for oauth2_tokens, sessions and acme_storage, and answers 400 on
  // /filter-chains while wasm is disabled: for those four, 404 is the mock's scope, not Kong's answer.
  const cases = NAMES.map((n) => [n, KONG_HAS_ENDPOINTS.has(n) ? 'not modelled: Kong has endpoints' : 'none in Kong either'] as const);
  it.each(cases)('%s: no generic endpoint answers (%s)', async (name) => {
    const mock = await newMock('3.9');
    const NOT_FOUND = { status: 404, body: { message: 'Not found' } };
    expect(await call(mock, 'GET', `/${name}`)).toMatchObject(NOT_FOUND);
    expect(await call(mock, 'POST', `/${name}`, { json: {} })).toMatchObject(NOT_FOUND);
    expect(await call(mock, 'GET', `/${name}/${UUID}`)).toMatchObject(NOT_FOUND);
    expect(await call(mock, 'GET', `/services/${UUID}/${name}`)).toMatchObject(NOT_FOUND);
  });

  it('lists none of them in /endpoints, in the document paths or among request bodies, in both profiles', async () => {
    for (const version of ['3.9', '2.8'] as const) {
      const mock = await newMock(version);
      const paths: string[] = (await call(mock, 'GET', '/endpoints')).body.data;
      const hits = paths.filter((p) => NAMES.some((n) => p.includes(n)) || p.includes('filter-chains'));
      expect(hits).toEqual([]);
      const doc = (await loadSpec({ version })).document as Obj;
      expect(Object.keys(doc.paths).filter((p) => NAMES.some((n) => p.includes(n)) || p.includes('filter-chains'))).toEqual([]);
    }
    const doc = readDocument() as Obj;
    for (const name of NAMES) {
      expect(doc.components.schemas[name]['x-kong-entity']).toMatchObject({ 'schema-only': true, generate: [] });
      expect(doc.components.parameters[name]).toBeUndefined();
      expect(doc.components.requestBodies[name]).toBeUndefined();
      expect(doc.components.responses[`${name}-list`]).toBeUndefined();
    }
  });

  it('are exactly the schemas the lint ignore file lists as unused', () => {
    const doc = readDocument() as Obj;
    const schemaOnly = Object.entries(doc.components.schemas as Obj).filter(([, s]) => s['x-kong-entity']?.['schema-only']).map(([n]) => n).sort();
    expect(schemaOnly).toEqual([...NAMES].sort());
    const ignore = parse(readFileSync(new URL('../../.redocly.lint-ignore.yaml', import.meta.url), 'utf8')) as Obj;
    expect(ignore['openapi/kong-admin.yaml']['no-unused-components']).toEqual(schemaOnly.map((n) => `#/components/schemas/${n}`));
  });

  it('get no store table: state files, exports and GET / never show them', async () => {
    const mock = await createMock({ version: '3.9', dbless: true });
    const tables = mock.store.tables().map((t) => t.def.name);
    expect(tables.filter((t) => NAMES.includes(t))).toEqual([]);
    expect(Object.keys(snapshot(mock.store, '3.9').tables).filter((t) => NAMES.includes(t))).toEqual([]);
    const loaded = await call(mock, 'POST', '/config', { json: { _format_version: '3.0', services: [{ name: 's', host: 'up.test' }] } });
    expect(loaded.status).toBe(201);
    const exported = parse((await call(mock, 'GET', '/config')).body.config) as Obj;
    expect(Object.keys(exported).sort()).toEqual(['_format_version', '_transform', 'services']);
    const root = (await call(mock, 'GET', '/')).text;
    for (const name of NAMES) expect(root).not.toContain(`"${name}"`);
    expect((await call(mock, 'GET', '/tags')).body).toEqual({ data: [], next: null });
  });

  it('refuses them in POST /config as any unknown key, at the top level and nested', async () => {
    const mock = await createMock({ version: '3.9', dbless: true });
    const config: Obj = { _format_version: '3.0', not_an_entity: [] };
    for (const name of NAMES) config[name] = [];
    const res = await call(mock, 'POST', '/config', { json: config });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 14, name: 'invalid declarative configuration' });
    expect(res.body.fields).toEqual(Object.fromEntries([...NAMES, 'not_an_entity'].map((n) => [n, 'unknown field'])));

    // nested under a parent they have a foreign key to: the same answer as an unknown nested key
    const nested = async (key: string): Promise<Obj> =>
      (await call(mock, 'POST', '/config', { json: { _format_version: '3.0', services: [{ name: 's', host: 'up.test', [key]: [{ expires_in: 10 }] }] } })).body;
    const unknown = await nested('not_an_entity');
    expect(unknown.code).toBe(14);
    expect(JSON.stringify(await nested('oauth2_tokens'))).toBe(JSON.stringify(unknown).replaceAll('not_an_entity', 'oauth2_tokens'));

    // --config goes through the same loader
    const cli = await loadDeclarativeText(await createMock({ version: '3.9', dbless: true }), '_format_version: "3.0"\nsessions: []\n');
    expect((cli.error?.body as Obj).fields).toEqual({ sessions: 'unknown field' });
  });
});

describe('the 2.8 profile', () => {
  it.each(Object.keys(FIELDS_28))('%s: 200 with the fields of Kong 2.8.5, no entity_checks', async (name) => {
    const mock = await newMock('2.8');
    const res = await call(mock, 'GET', `/schemas/${name}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['fields']);
    expect(names(res.body.fields)).toEqual(FIELDS_28[name]);
  });

  it('has no filter chains and fewer data plane sync states', async () => {
    const mock = await newMock('2.8');
    expect(await call(mock, 'GET', '/schemas/filter_chains')).toMatchObject({ status: 404, body: { message: "No entity named 'filter_chains'" } });
    const dp = (await call(mock, 'GET', '/schemas/clustering_data_planes')).body.fields;
    expect(field(dp, 'sync_status').one_of).toEqual(['unknown', 'normal', 'kong_version_incompatible', 'plugin_set_incompatible', 'plugin_version_incompatible']);
    const res = await call(mock, 'POST', '/schemas/clustering_data_planes/validate', { json: { ip: '192.0.2.1', hostname: 'dp.example.test', sync_status: 'filter_set_incompatible' } });
    expect(res.body.fields).toEqual({ sync_status: 'expected one of: unknown, normal, kong_version_incompatible, plugin_set_incompatible, plugin_version_incompatible' });
    // Kong 2.8 does serve /workspaces (generated endpoints); the mock does not model them
    expect(await call(mock, 'GET', '/workspaces')).toMatchObject({ status: 404, body: { message: 'Not found' } });
    const config = await call(await createMock({ version: '2.8', dbless: true }), 'POST', '/config', { json: { _format_version: '2.1', workspaces: [], oauth2_tokens: [] } });
    expect(config.body.fields).toEqual({ workspaces: 'unknown field', oauth2_tokens: 'unknown field' });
  });
});
