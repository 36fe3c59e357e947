/**
 * The bundled plugins' config schemas (openapi/src/plugins/<name>.yaml) against an oracle written
 * separately from Kong 3.9.3's schema.lua files: the config Kong stores when a plugin is created
 * with no config, and the default protocols.
 *
 * Kong's rule for a field missing on insert (kong/db/schema/init.lua, handle_missing_field and
 * adjust_field_for_context, with kong/db/schema/entity.lua making records required unless they say
 * `required = false`):
 *   - a field with a default gets a copy of the default; a required record with a default is then
 *     filled field by field inside that copy;
 *   - a field that is not required and has no default becomes null (records included);
 *   - a required record without a default becomes a record of its own fields, filled by this rule;
 *   - a required non-record field without a default stays absent (the insert then fails with
 *     "required field missing").
 * Kong answers with the row read back (kong/db/dao/init.lua row_to_entity, a "select" pass of the
 * same functions, nulls kept): records inside arrays, sets and maps (statsd and datadog `metrics`
 * defaults) get their missing fields by the same rule, and a required field found null takes its
 * default.
 * In the YAML "required" reads as a type without "null" (openapi/EXTENSIONS.md); fields kept for
 * the 2.8 profile only (`x-kong-until`) are not 3.9 fields.
 *
 * One substitution: session's `secret` default is a random value Kong draws at start; the YAML and
 * the oracle both carry the mock's fixed placeholder.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

type Schema = {
  type?: string | string[];
  default?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  $ref?: string;
  'x-kong-since'?: string;
  'x-kong-until'?: string;
};

type Check = Record<string, unknown> & { conditional?: { if: { field: string }; then: { field: string } } };

interface PluginFile {
  'x-kong-plugin': { name: string; protocols: string[]; checks?: Check[] };
  config: Schema;
}

interface Expected {
  config: Record<string, unknown>;
  protocols: string[];
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PLUGINS_DIR = join(ROOT, 'openapi', 'src', 'plugins');
const expected = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'plugin-defaults.expected.json'), 'utf8')) as Record<string, Expected>;
const base = YAML.parse(readFileSync(join(ROOT, 'openapi', 'src', 'base.yaml'), 'utf8')) as { components: { schemas: Record<string, Schema> } };

/** Kong 3.9.3's bundled plugins (kong/constants.lua), in Kong's order. */
const BUNDLED_3_9 = [
  'jwt', 'acl', 'correlation-id', 'cors', 'oauth2', 'tcp-log', 'udp-log', 'file-log', 'http-log', 'key-auth',
  'hmac-auth', 'basic-auth', 'ip-restriction', 'request-transformer', 'response-transformer',
  'request-size-limiting', 'rate-limiting', 'response-ratelimiting', 'syslog', 'loggly', 'datadog', 'ldap-auth',
  'statsd', 'bot-detection', 'aws-lambda', 'request-termination', 'prometheus', 'proxy-cache', 'session', 'acme',
  'grpc-gateway', 'grpc-web', 'pre-function', 'post-function', 'azure-functions', 'zipkin', 'opentelemetry',
  'ai-proxy', 'ai-prompt-decorator', 'ai-prompt-template', 'ai-prompt-guard', 'ai-request-transformer',
  'ai-response-transformer', 'standard-webhooks', 'redirect',
];

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = base.components.schemas[name];
  if (!target) throw new Error(`unresolved ${schema.$ref}`);
  const { $ref: _ref, ...rest } = schema;
  return { ...resolve(target), ...rest };
}

const versionParts = (v: string): number[] => v.split('.').map(Number);
function before(a: string, b: string): boolean {
  const [x, y] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0);
  return false;
}
/** Whether a field exists in the 3.9 profile. */
const in39 = (s: Schema): boolean => !(s['x-kong-until'] && !before('3.9', s['x-kong-until'])) && !(s['x-kong-since'] && before('3.9', s['x-kong-since']));
const fieldsOf = (record: Schema): Array<[string, Schema]> => Object.entries(record.properties ?? {}).filter(([, f]) => in39(f));

const isRecord = (s: Schema): boolean => s.properties !== undefined;
const isRequired = (s: Schema): boolean => !(Array.isArray(s.type) && s.type.includes('null'));
const clone = <T>(v: T): T => structuredClone(v);

/** A record's fields after insert-time defaults, given what the request sent. */
function fillRecord(record: Schema, given: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...given };
  for (const [name, raw] of fieldsOf(record)) {
    const field = resolve(raw);
    let value = out[name];
    if (isRecord(field) && value !== null && (value !== undefined || isRequired(field))) {
      value ??= missing(field);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        out[name] = fillRecord(field, value as Record<string, unknown>);
        continue;
      }
    }
    if (value === undefined) value = missing(field);
    if (value === undefined) delete out[name];
    else out[name] = value;
  }
  return out;
}

function missing(field: Schema): unknown {
  if (field.default !== undefined) return clone(field.default);
  if (!isRequired(field)) return null;
  if (isRecord(field)) return fillRecord(field, {});
  return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The read-back pass: every field of a record, through arrays, sets and maps. */
function readBackRecord(record: Schema, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  for (const [name, raw] of fieldsOf(record)) {
    const v = readBack(resolve(raw), out[name]);
    if (v === undefined) delete out[name];
    else out[name] = v;
  }
  return out;
}

function readBack(field: Schema, value: unknown): unknown {
  if (value === null && isRequired(field)) return missing(field);
  if (isRecord(field)) {
    if (value !== null && (value !== undefined || isRequired(field))) {
      const v = value ?? missing(field);
      if (isObject(v)) return readBackRecord(field, v);
    }
  } else if (Array.isArray(value) && field.items) {
    const items = resolve(field.items);
    return value.map((v) => readBack(items, v));
  } else if (isObject(value) && typeof field.additionalProperties === 'object') {
    const values = resolve(field.additionalProperties);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readBack(values, v)]));
  }
  return value === undefined ? missing(field) : value;
}

function readPlugin(name: string): PluginFile {
  return YAML.parse(readFileSync(join(PLUGINS_DIR, `${name}.yaml`), 'utf8')) as PluginFile;
}

describe('bundled plugin files', () => {
  it('has one file per plugin bundled with Kong 3.9.3, and no other', () => {
    const files = readdirSync(PLUGINS_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
    expect([...files].sort()).toEqual([...BUNDLED_3_9].sort());
  });

  it('the oracle covers the same plugins', () => {
    expect(Object.keys(expected).sort()).toEqual([...BUNDLED_3_9].sort());
  });
});

describe('config Kong fills in on insert with no config', () => {
  for (const name of BUNDLED_3_9) {
    it(name, () => {
      const plugin = readPlugin(name);
      const oracle = expected[name];
      expect(plugin['x-kong-plugin'].name).toBe(name);
      expect(oracle, `no oracle for ${name}`).toBeDefined();
      expect(readBackRecord(plugin.config, fillRecord(plugin.config, {}))).toEqual(oracle?.config);
      expect(plugin['x-kong-plugin'].protocols).toEqual(oracle?.protocols);
    });
  }
});

describe('plugin checks', () => {
  const LISTS = ['at-least-one-of', 'only-one-of', 'exactly-one-of', 'mutually-required', 'distinct'];
  const fieldAt = (config: Schema, path: string): Schema | undefined =>
    path.startsWith('config.') ? path.slice(7).split('.').reduce<Schema | undefined>((s, k) => (s ? resolve(s).properties?.[k] : undefined), config) : undefined;

  for (const name of BUNDLED_3_9) {
    it(`${name}: every declarative check names config fields that exist`, () => {
      const plugin = readPlugin(name);
      const named: string[] = [];
      for (const check of plugin['x-kong-plugin'].checks ?? []) {
        for (const key of LISTS) if (Array.isArray(check[key])) named.push(...(check[key] as string[]));
        if (check.conditional) named.push(check.conditional.if.field, check.conditional.then.field);
      }
      expect(named.filter((path) => fieldAt(plugin.config, path) === undefined)).toEqual([]);
    });
  }
});
