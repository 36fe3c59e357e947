import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { loadSpec, readDocument } from './index.ts';
import { DOCUMENT_PATH } from '../document-file.ts';
import { applyDefaults } from '../admin/defaults.ts';
import { KONG_HEALTHCHECKS_DEFAULT } from '../testkit.ts';
import { renderDocument } from '../../scripts/build-openapi.ts';
import { MODULE_OUTPUT, compileDocument } from '../../scripts/document-module.ts';
import { parseDocumentText } from '../document-file.ts';
import { dereference } from './dereference.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'node_modules', '.bin');

type Obj = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

function operations(doc: Obj): Array<{ method: string; path: string; op: Obj }> {
  return Object.entries(doc.paths as Obj).flatMap(([path, item]) =>
    METHODS.filter((m) => (item as Obj)[m]).map((method) => ({ method, path, op: (item as Obj)[method] as Obj })),
  );
}

const normalize = (path: string): string => path.replace(/\{[^}]+\}/g, '{}');

describe('openapi/kong-admin.yaml', () => {
  it('is a valid OpenAPI 3.1 document (swagger-parser)', async () => {
    const api = (await SwaggerParser.validate(DOCUMENT_PATH)) as Obj;
    expect(api.openapi).toBe('3.1.0');
  });

  it('passes redocly lint with the committed ruleset', () => {
    const out = execFileSync(join(BIN, 'redocly'), ['lint', DOCUMENT_PATH, '--config', join(ROOT, 'redocly.yaml'), '--format=summary'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).not.toMatch(/error/i);
  }, 60_000);

  it('covers every seed operation (openapi/seed-operations.tsv)', () => {
    const doc = readDocument();
    const have = new Set(operations(doc).map(({ method, path }) => `${method.toUpperCase()} ${normalize(path)}`));
    const seeds = readFileSync(join(ROOT, 'openapi', 'seed-operations.tsv'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#') && !line.startsWith('method\t'))
      .map((line) => line.split('\t'));
    expect(seeds).toHaveLength(108);
    const missing = seeds.filter(([method, path]) => !have.has(`${method} ${normalize(path)}`)).map(([m, p]) => `${m} ${p}`);
    expect(missing).toEqual([]);
  });

  it('declares a success and an error response on every operation Kong can answer successfully', () => {
    const doc = readDocument();
    const problems: string[] = [];
    for (const { method, path, op } of operations(doc)) {
      const codes = Object.keys(op.responses ?? {});
      const kong = op['x-kong-operation'] ?? {};
      const neverSucceeds = kong.disabled || (kong.scope === 'foreign' && kong.kind === 'delete');
      if (!neverSucceeds && !codes.some((c) => c.startsWith('2'))) problems.push(`${method} ${path}: no 2xx`);
      if (!codes.some((c) => c.startsWith('4'))) problems.push(`${method} ${path}: no 4xx`);
      if (!op['x-kong-operation'] && !op['x-kong-mock-control']) problems.push(`${method} ${path}: no x-kong-operation (nor x-kong-mock-control)`);
    }
    expect(problems).toEqual([]);
  });

  it('gives every operation of a tag a title of its own (the reference page lists them by title)', () => {
    const doc = readDocument();
    const seen = new Map<string, string>();
    const repeated: string[] = [];
    for (const { method, path, op } of operations(doc)) {
      for (const tag of op.tags ?? []) {
        const key = `${tag}: ${op.summary}`;
        if (seen.has(key)) repeated.push(`${key} (${seen.get(key)} and ${method.toUpperCase()} ${path})`);
        else seen.set(key, `${method.toUpperCase()} ${path}`);
      }
    }
    expect(repeated).toEqual([]);
  });

  it('is what the generator builds from openapi/src', () => {
    expect(readFileSync(DOCUMENT_PATH, 'utf8')).toBe(renderDocument());
  });

  it('is compiled into the module the core imports, as build:openapi writes it', () => {
    expect(readFileSync(MODULE_OUTPUT, 'utf8')).toBe(compileDocument(readFileSync(DOCUMENT_PATH, 'utf8')));
  });

  it('is, once imported, the document the dereferencer makes of the YAML, with the same sharing', () => {
    const doc = readDocument();
    expect(doc).toEqual(dereference(parseDocumentText(readFileSync(DOCUMENT_PATH, 'utf8'))));
    // one object per $ref target: every operation's 400 answer is the same BadRequest response
    expect(doc.paths['/services'].get.responses['400']).toBe(doc.paths['/routes'].post.responses['400']);
    const schema = (op: Obj, status: string) => op.responses[status].content['application/json'].schema;
    expect(schema(doc.paths['/services'].post, '201')).toBe(schema(doc.paths['/services/{services}'].get, '200'));
  });

  it('has TypeScript types generated from the current document', () => {
    const fresh = execFileSync(join(BIN, 'openapi-typescript'), [DOCUMENT_PATH], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(readFileSync(join(ROOT, 'src', 'spec', 'openapi-types.d.ts'), 'utf8')).toBe(fresh);
  }, 60_000);
});

describe('entity defaults match Kong 3.9 (reference §6)', () => {
  const defaultsOf = async (entity: string, version: '2.8' | '3.9' = '3.9'): Promise<Obj> => {
    const spec = await loadSpec({ version });
    const value = applyDefaults(spec.entities.get(entity)!.schema, {});
    for (const auto of ['id', 'created_at', 'updated_at']) delete value[auto];
    return value;
  };

  // Required fields without a default stay absent, as in Kong's insert (validation then reports them).
  it('services', async () => {
    expect(await defaultsOf('services')).toEqual({
      name: null, retries: 5, protocol: 'http', port: 80, path: null, connect_timeout: 60000, write_timeout: 60000,
      read_timeout: 60000, tags: null, client_certificate: null, tls_verify: null, tls_verify_depth: null, ca_certificates: null, enabled: true,
    });
  });

  it('routes', async () => {
    expect(await defaultsOf('routes')).toEqual({
      name: null, protocols: ['http', 'https'], https_redirect_status_code: 426, strip_path: true, preserve_host: false,
      request_buffering: true, response_buffering: true, tags: null, service: null, snis: null, sources: null, destinations: null,
      methods: null, hosts: null, paths: null, headers: null, regex_priority: 0, path_handling: 'v0',
    });
  });

  it('upstreams, with the complete healthchecks object', async () => {
    expect(await defaultsOf('upstreams')).toEqual({
      algorithm: 'round-robin', hash_on: 'none', hash_fallback: 'none', hash_on_header: null, hash_fallback_header: null,
      hash_on_cookie: null, hash_on_cookie_path: '/', hash_on_query_arg: null, hash_fallback_query_arg: null, hash_on_uri_capture: null,
      hash_fallback_uri_capture: null, slots: 10000, tags: null, host_header: null, client_certificate: null, use_srv_name: false,
      healthchecks: KONG_HEALTHCHECKS_DEFAULT,
    });
  });

  it('2.8 upstreams have no 3.x fields and no active health check headers', async () => {
    const old = await defaultsOf('upstreams', '2.8');
    expect(old).not.toHaveProperty('use_srv_name');
    expect(old).not.toHaveProperty('hash_on_query_arg');
    expect(old.healthchecks.active).not.toHaveProperty('headers');
  });

  it('consumers, targets, plugins, certificates and snis', async () => {
    expect(await defaultsOf('consumers')).toEqual({ username: null, custom_id: null, tags: null });
    expect(await defaultsOf('targets')).toEqual({ weight: 100, tags: null });
    const plugin = await defaultsOf('plugins');
    expect(plugin).toMatchObject({ instance_name: null, route: null, service: null, consumer: null, protocols: ['grpc', 'grpcs', 'http', 'https'], enabled: true, tags: null });
    expect(await defaultsOf('certificates')).toEqual({ cert_alt: null, key_alt: null, tags: null });
    expect(await defaultsOf('snis')).toEqual({ tags: null });
  });
});

describe('request bodies', () => {
  it('require the create fields on POST and PUT but nothing on PATCH', () => {
    const doc = readDocument();
    const create = doc.paths['/services'].post.requestBody.content['application/json'].schema;
    expect(create.allOf[1]).toEqual({ required: ['host'] });
    const patch = doc.paths['/services/{services}'].patch.requestBody.content['application/json'].schema;
    expect(patch.required).toBeUndefined();
    expect(patch.allOf).toBeUndefined();
    expect(patch.properties.host).toBeDefined();
  });
});
