import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocument } from './index.ts';
import { dereference } from './dereference.ts';
import { DOCUMENT_PATH, loadSpec, parseDocumentText } from '../document-file.ts';
import { validators } from '../entities/validators.ts';
import { specialHandlers } from '../admin/handlers/index.ts';
import { tempDir } from '../testkit.ts';

type Obj = Record<string, any>;

const HANDLERS = [
  'root', 'status', 'endpoints', 'plugins-enabled', 'plugin-schema-legacy', 'schema-entity', 'schema-plugin', 'schema-entity-validate',
  'schema-plugin-validate', 'tags-list', 'tags-by-tag', 'upstream-health', 'targets-list', 'targets-create', 'targets-all', 'target-read',
  'target-update', 'target-delete', 'target-health',
];

const op = async (version: '2.8' | '3.9', method: string, path: string) =>
  (await loadSpec({ version })).operations.find((o) => o.method === method && o.path === path);

describe('loadSpec', () => {
  it('returns the same Spec for the same version and file, so many mocks share one load', async () => {
    expect(await loadSpec()).toBe(await loadSpec({ version: '3.9' }));
    expect(await loadSpec({ version: '2.8' })).not.toBe(await loadSpec({ version: '3.9' }));
  });

  it('reads a document from its JSON cache as the YAML parser reads it', () => {
    const text = readFileSync(DOCUMENT_PATH, 'utf8');
    parseDocumentText(text); // primes the cache
    const doc = dereference(parseDocumentText(text));
    expect(doc.openapi).toBe('3.1.0');
    expect(doc).toEqual(dereference(parseDocumentText(text, null)));
  });

  it('writes one cache entry per document text and reads it back unchanged', () => {
    const dir = tempDir('spec-cache-');
    const text = 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\n';
    const first = parseDocumentText(text, dir);
    expect(readdirSync(dir)).toHaveLength(1);
    expect(parseDocumentText(text, dir)).toEqual(first);
    parseDocumentText(`${text}# changed\n`, dir);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('loads another file given as `file`, entities and operations included', async () => {
    const dir = tempDir('spec-file-');
    const file = join(dir, 'tiny.yaml');
    writeFileSync(
      file,
      [
        'openapi: 3.1.0',
        'info: {title: t, version: "1"}',
        'paths:',
        '  /widgets: {get: {operationId: list-widgets, x-kong-operation: {entity: widgets, kind: list, scope: collection}, responses: {"200": {description: ok}}}}',
        '  /new: {get: {operationId: new-only, x-kong-since: "3.0", x-kong-operation: {handler: root}, responses: {"200": {description: ok}}}}',
        'components:',
        '  schemas:',
        '    Name: {type: string, x-kong-unique: true}',
        '    widgets:',
        '      type: object',
        '      x-kong-entity: {name: widgets, admin-path: widgets}',
        '      properties: {id: {type: string}, name: {$ref: "#/components/schemas/Name"}, size: {type: integer, default: 1, x-kong-since: "3.0"}}',
      ].join('\n'),
    );
    const old = await loadSpec({ version: '2.8', file });
    const widgets = old.entities.get('widgets')!;
    expect(widgets.fields.map(([name]) => name)).toEqual(['id', 'name']);
    expect(widgets.uniques).toEqual(['name']);
    expect(widgets.generate).toEqual(['collection', 'entity', 'nested', 'foreign']);
    expect(old.operations.map((o) => o.operationId)).toEqual(['list-widgets']);
    const current = await loadSpec({ version: '3.9', file });
    expect(current.entities.get('widgets')!.fields.map(([name]) => name)).toEqual(['id', 'name', 'size']);
    expect(current.operations.map((o) => o.operationId)).toEqual(['list-widgets', 'new-only']);
  });
});

describe('the Kong 2.8 and 3.9 profiles', () => {
  it('have the entities of their version', async () => {
    const v39 = [...(await loadSpec({ version: '3.9' })).entities.keys()];
    const v28 = [...(await loadSpec({ version: '2.8' })).entities.keys()];
    for (const name of ['services', 'routes', 'consumers', 'plugins', 'upstreams', 'targets', 'certificates', 'snis', 'ca_certificates']) {
      expect(v39).toContain(name);
      expect(v28).toContain(name);
    }
    expect(v39).toEqual(expect.arrayContaining(['vaults', 'keys', 'key_sets']));
    expect(v28).not.toContain('vaults');
    expect(v28).not.toContain('keys');
    expect(v28).not.toContain('key_sets');
  });

  it('filter fields by version, keeping document order', async () => {
    const v39 = await loadSpec({ version: '3.9' });
    const v28 = await loadSpec({ version: '2.8' });
    const names = (spec: typeof v39, entity: string) => spec.entities.get(entity)!.fields.map(([n]) => n);
    expect(names(v39, 'consumers')).toContain('updated_at');
    expect(names(v28, 'consumers')).not.toContain('updated_at');
    expect(names(v39, 'plugins')).toContain('instance_name');
    expect(names(v28, 'plugins')).not.toContain('instance_name');
    expect(names(v39, 'upstreams')).toContain('use_srv_name');
    expect(names(v28, 'upstreams')).not.toContain('use_srv_name');
    expect(Object.keys(v39.entities.get('services')!.schema.properties!)).toEqual(names(v39, 'services'));
  });

  it('filter enum values by x-kong-enum-since', async () => {
    const upstream = (v: '2.8' | '3.9') => loadSpec({ version: v }).then((s) => s.entities.get('upstreams')!.schema.properties!);
    expect((await upstream('3.9')).algorithm.enum).toContain('latency');
    expect((await upstream('2.8')).algorithm.enum).not.toContain('latency');
    expect((await upstream('3.9')).hash_on.enum).toEqual(['none', 'consumer', 'ip', 'header', 'cookie', 'path', 'query_arg', 'uri_capture']);
    expect((await upstream('2.8')).hash_on.enum).toEqual(['none', 'consumer', 'ip', 'header', 'cookie']);
  });

  it('mark target health as POST in 2.8 and PUT in 3.x, with and without an address', async () => {
    for (const suffix of ['healthy', 'unhealthy']) {
      for (const path of [`/upstreams/{upstreams}/targets/{targets}/${suffix}`, `/upstreams/{upstreams}/targets/{targets}/{address}/${suffix}`]) {
        expect((await op('3.9', 'PUT', path))?.kong).toEqual({ handler: 'target-health', health: suffix, address: path.includes('{address}') });
        expect(await op('3.9', 'POST', path)).toBeUndefined();
        expect((await op('2.8', 'POST', path))?.kong.handler).toBe('target-health');
        expect(await op('2.8', 'PUT', path)).toBeUndefined();
      }
    }
  });

  it('serve /targets/{targets}/upstream as a disabled path (404) in both versions, as Kong does', async () => {
    for (const version of ['2.8', '3.9'] as const) {
      for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
        expect((await op(version, method, '/targets/{targets}/upstream'))?.kong.disabled).toBe(true);
      }
    }
  });

  it('bundle fewer plugins in 2.8 (no AI plugins) and all 3.9 plugins with their metadata', async () => {
    const v39 = await loadSpec({ version: '3.9' });
    const v28 = await loadSpec({ version: '2.8' });
    expect(v39.plugins.size).toBeGreaterThan(v28.plugins.size);
    expect(v28.plugins.has('ai-proxy')).toBe(false);
    const keyAuth = v39.plugins.get('key-auth')!;
    expect(keyAuth.priority).toBe(1250);
    expect(keyAuth.config.type).toBe('object');
    expect(keyAuth.config).not.toHaveProperty('x-kong-plugin');
  });
});

describe('the document vocabulary', () => {
  const doc = readDocument();
  const operations = Object.entries(doc.paths as Obj).flatMap(([path, item]) => Object.entries(item as Obj).map(([method, o]) => ({ path, method, o: o as Obj })));

  it('uses every special handler of the contract, and names only handlers the mock implements', () => {
    const used = new Set<string>(operations.map(({ o }) => o['x-kong-operation']?.handler).filter(Boolean));
    expect(HANDLERS.filter((h) => !used.has(h))).toEqual([]);
    expect([...used].filter((h) => !(h in specialHandlers))).toEqual([]);
  });

  it('names only validators that exist', () => {
    const named = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const v = (node as Obj)['x-kong-validator'];
        if (v) for (const name of [v].flat()) named.add(name as string);
        Object.values(node).forEach(walk);
      }
    };
    walk(doc.components.schemas);
    expect([...named].filter((name) => !(name in validators))).toEqual([]);
  });

  it('gives every entity an example and every path parameter a schema', () => {
    const entities = Object.entries(doc.components.schemas as Obj).filter(([, s]) => s['x-kong-entity']);
    expect(entities.filter(([, s]) => s.example === undefined && s.examples === undefined).map(([n]) => n)).toEqual([]);
    for (const { o } of operations) for (const p of o.parameters ?? []) expect(p.schema).toBeDefined();
  });

  it('offers JSON, urlencoded and multipart bodies on every entity write', () => {
    const missing = operations
      .filter(({ o }) => o.requestBody && o['x-kong-operation']?.kind)
      .filter(({ o }) => !['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'].every((t) => o.requestBody.content?.[t]))
      .map(({ method, path }) => `${method} ${path}`);
    expect(missing).toEqual([]);
  });

  it('answers a PATCH of a missing top-level entity with the code-6 body', () => {
    const patch = doc.paths['/services/{services}'].patch.responses['404'].content['application/json'];
    expect(patch.schema.anyOf.map((s: Obj) => s.properties?.code?.const ?? 'message')).toEqual([6, 'message']);
  });
});

describe('Spec.document', () => {
  it('is the document of the profile: its operations, entities, plugins and enum values', async () => {
    const v28 = (await loadSpec({ version: '2.8' })).document as Obj;
    const v39 = (await loadSpec({ version: '3.9' })).document as Obj;
    expect(v39.paths['/upstreams/{upstreams}/targets/{targets}/healthy'].put).toBeDefined();
    expect(v39.paths['/upstreams/{upstreams}/targets/{targets}/healthy'].post).toBeUndefined();
    expect(v28.paths['/upstreams/{upstreams}/targets/{targets}/healthy'].post).toBeDefined();
    expect(v28.paths['/upstreams/{upstreams}/targets/{targets}/healthy'].put).toBeUndefined();
    expect(v28.paths['/key-sets']).toBeUndefined();
    expect(v28.components.schemas.key_sets).toBeUndefined();
    expect(v28.components.schemas.upstreams.properties.algorithm.enum).not.toContain('latency');
    expect(v39.components.schemas.upstreams.properties.algorithm.enum).toContain('latency');
    expect(v28.components['x-kong-plugins']['ai-proxy']).toBeUndefined();
    expect(Object.keys(v39.components['x-kong-plugins'])).toHaveLength((await loadSpec({ version: '3.9' })).plugins.size);
    const count = (d: Obj) => Object.values(d.paths as Obj).reduce((n: number, item) => n + Object.keys(item as Obj).filter((k) => ['get', 'put', 'post', 'patch', 'delete'].includes(k)).length, 0);
    expect(count(v39)).toBe((await loadSpec({ version: '3.9' })).operations.length);
    expect(count(v28)).toBe((await loadSpec({ version: '2.8' })).operations.length);
  });
});
