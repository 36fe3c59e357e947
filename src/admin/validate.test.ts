import { describe, expect, it } from 'vitest';
import type { EntityCheck, JsonSchema } from '../spec/index.ts';
import type { Validator } from '../entities/types.ts';
import { normalizeSets, validateEntity, validateValue, type CustomCheck } from './validate.ts';
import { applyDefaults } from './defaults.ts';
import { schemaViolation } from './errors.ts';

const validators: Record<string, Validator> = {
  path: (v) => (typeof v === 'string' && !v.startsWith('/') ? 'should start with: /' : null),
  'no-x': (v) => (typeof v === 'string' && v.includes('x') ? 'must not contain x' : null),
  'no-y': (v) => (typeof v === 'string' && v.includes('y') ? 'must not contain y' : null),
};
const ctx = { version: '3.9' as const };
const field = (schema: JsonSchema, value: unknown) => validateValue(schema, value, { validators, ctx });

const service: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: ['string', 'null'], format: 'uuid' },
    name: { type: ['string', 'null'], 'x-kong-validator': ['no-x', 'no-y'] },
    host: { type: 'string' },
    path: { type: ['string', 'null'], 'x-kong-validator': 'path' },
    port: { type: 'integer', default: 80, minimum: 0, maximum: 65535 },
    retries: { type: 'integer', exclusiveMinimum: 0, default: 5 },
    protocol: { type: 'string', enum: ['http', 'https', 'tcp'], default: 'http' },
    protocols: { type: 'array', 'x-kong-type': 'set', items: { type: 'string', enum: ['http', 'https'] }, default: ['http'] },
    hosts: { type: ['array', 'null'], items: { type: 'string', maxLength: 5 }, maxItems: 2 },
    headers: { type: ['object', 'null'], 'x-kong-type': 'map', propertyNames: { type: 'string', 'x-kong-validator': 'no-x' }, additionalProperties: { type: 'integer' } },
    enabled: { type: 'boolean', default: true },
    kind: { type: ['string', 'null'], const: 'fixed', default: 'fixed' },
    client_certificate: { type: ['object', 'null'], 'x-kong-foreign': { entity: 'certificates', 'on-delete': 'restrict' }, properties: { id: { type: 'string', format: 'uuid' } } },
    tls: { type: 'object', properties: { verify: { type: 'boolean', default: false }, depth: { type: ['integer', 'null'] } } },
    custom_id: { type: ['string', 'null'] },
    username: { type: ['string', 'null'] },
    cert: { type: ['string', 'null'] },
    key: { type: ['string', 'null'] },
    url: { type: 'string', writeOnly: true, 'x-kong-shorthand': true },
  },
};

function validate(body: Record<string, unknown>, checks: EntityCheck[] = [], mode: 'insert' | 'update' | 'upsert' = 'insert', custom: Record<string, CustomCheck> = {}) {
  const value = mode === 'update' ? body : applyDefaults(service, body, mode);
  return validateEntity(service, value, { checks, custom, validators, ctx, mode });
}
const messageOf = (tree: ReturnType<typeof validate>) => (tree === null ? null : (schemaViolation(tree).body as { message: string }).message);

describe('field validation', () => {
  it('accepts a valid entity', () => {
    expect(validate({ host: 'example.com', path: '/a', hosts: ['a', 'b'], headers: { a: 1 } })).toBeNull();
  });

  it('reports required fields and validator messages together', () => {
    expect(messageOf(validate({ path: 'a' }))).toBe('2 schema violations (host: required field missing; path: should start with: /)');
  });

  it('keeps an explicit null on a field with a default as required field missing', () => {
    expect(validate({ host: 'h', port: null })).toEqual({ port: 'required field missing' });
  });

  it('gives type messages', () => {
    expect(validate({ host: 1, port: '80', enabled: 'true', protocols: 'http', tls: 'x', headers: 'x', hosts: { a: 1 } })).toEqual({
      host: 'expected a string',
      port: 'expected an integer',
      enabled: 'expected a boolean',
      protocols: 'expected a set',
      tls: 'expected a record',
      headers: 'expected a map',
      hosts: 'expected an array',
    });
    expect(field({ type: 'integer' }, 1.5)).toBe('expected an integer');
    expect(field({ type: 'number' }, 1.5)).toBeNull();
  });

  it('checks enum, ranges, greater-than, uuid, const and lengths', () => {
    expect(validate({ host: 'h', protocol: 'ftp', port: 70000, retries: 0, id: 'nope', kind: 'other', name: '' })).toEqual({
      protocol: 'expected one of: http, https, tcp',
      port: 'value should be between 0 and 65535',
      retries: 'value must be greater than 0',
      id: 'expected a valid UUID',
      kind: 'value must be fixed',
      name: 'length must be at least 1',
    });
    expect(field({ type: 'string', minLength: 3, maxLength: 3 }, 'ab')).toBe('length must be 3');
    expect(field({ type: 'string', maxLength: 3 }, 'héé')).toBe('length must be at most 3');
    expect(field({ type: ['string', 'null'], enum: ['a', null] }, 'b')).toBe('expected one of: a');
    expect(field({ type: ['object', 'null'], const: null }, { id: 'x' })).toBe('value must be null');
    expect(field({ type: ['string', 'null'], const: 'fixed' }, null)).toBe('value must be fixed');
    expect(field({ type: 'array', items: { type: 'string' } }, ['a', , 'c'])).toBe('expected an array');
  });

  it('runs named validators in order, the first message wins', () => {
    expect(validate({ host: 'h', name: 'xy' })).toEqual({ name: 'must not contain x' });
    expect(validate({ host: 'h', name: 'y' })).toEqual({ name: 'must not contain y' });
  });

  it('reports array elements with 1-based positions and null holes', () => {
    const tree = validate({ host: 'h', protocols: ['http', 'ftp'] });
    expect(tree).toEqual({ protocols: [null, 'expected one of: http, https'] });
    expect(messageOf(tree)).toBe('schema violation (protocols.2: expected one of: http, https)');
    expect(validate({ host: 'h', hosts: ['a', null] })).toEqual({ hosts: [null, 'required field missing'] });
  });

  it('reports element errors before the array length', () => {
    expect(validate({ host: 'h', hosts: ['a', 'b', 'toolong'] })).toEqual({ hosts: [null, null, 'length must be at most 5'] });
    expect(validate({ host: 'h', hosts: ['a', 'b', 'c'] })).toEqual({ hosts: 'length must be at most 2' });
  });

  it('reports a map error as the first failing key or value', () => {
    expect(validate({ host: 'h', headers: { a: 1, b: 'two' } })).toEqual({ headers: 'expected an integer' });
    expect(validate({ host: 'h', headers: { x: 1 } })).toEqual({ headers: 'must not contain x' });
  });

  it('validates records recursively and reports unknown fields at any depth', () => {
    const tree = validate({ host: 'h', tls: { verify: 'no', depth: 1, extra: 1 }, bogus: true });
    expect(tree).toEqual({ tls: { verify: 'expected a boolean', extra: 'unknown field' }, bogus: 'unknown field' });
    expect(messageOf(tree)).toBe('3 schema violations (bogus: unknown field; tls.extra: unknown field; tls.verify: expected a boolean)');
  });

  it('checks foreign keys by their id only', () => {
    expect(validate({ host: 'h', client_certificate: {} })).toEqual({ client_certificate: { id: 'missing primary key' } });
    expect(validate({ host: 'h', client_certificate: 'abc' })).toEqual({ client_certificate: { id: 'missing primary key' } });
    expect(validate({ host: 'h', client_certificate: { id: 'abc' } })).toEqual({ client_certificate: { id: 'expected a valid UUID' } });
    expect(validate({ host: 'h', client_certificate: { id: '6b1a0b5c-3f0e-4c1a-9d7e-2f4b8a6c1d3e', name: 'x' } })).toBeNull();
    expect(messageOf(validate({ host: 'h', client_certificate: {} }))).toBe('schema violation (client_certificate.id: missing primary key)');
  });

  it('does not report absent required fields on update, only nulls', () => {
    expect(validate({ port: 1 }, [], 'update')).toBeNull();
    expect(validate({ host: null }, [], 'update')).toEqual({ host: 'required field missing' });
  });
});

describe('entity checks', () => {
  it('at-least-one-of, with the update wording', () => {
    const checks: EntityCheck[] = [{ 'at-least-one-of': ['custom_id', 'username'] }];
    expect(validate({ host: 'h' }, checks)).toEqual({ '@entity': ["at least one of these fields must be non-empty: 'custom_id', 'username'"] });
    expect(validate({ host: 'h', username: '' }, checks)).toEqual({
      username: 'length must be at least 1',
      '@entity': ["at least one of these fields must be non-empty: 'custom_id', 'username'"],
    });
    expect(validate({ host: 'h', custom_id: null, username: null }, checks, 'update')).toEqual({
      '@entity': ["when updating, at least one of these fields must be non-empty: 'custom_id', 'username'"],
    });
    expect(validate({ host: 'h', username: 'u' }, checks)).toBeNull();
  });

  it('exactly-one-of, only-one-of, mutually-required, distinct', () => {
    expect(validate({ host: 'h' }, [{ 'exactly-one-of': ['cert', 'key'] }])).toEqual({ '@entity': ["exactly one of these fields must be non-empty: 'cert', 'key'"] });
    expect(validate({ host: 'h', cert: 'a', key: 'b' }, [{ 'exactly-one-of': ['cert', 'key'] }])).toEqual({
      '@entity': ["exactly one of these fields must be non-empty: 'cert', 'key'"],
    });
    expect(validate({ host: 'h', cert: 'a' }, [{ 'exactly-one-of': ['cert', 'key'] }])).toBeNull();
    expect(validate({ host: 'h', cert: 'a', key: 'b' }, [{ 'only-one-of': ['cert', 'key'] }])).toEqual({
      '@entity': ["only one or none of these fields must be set: 'cert', 'key'"],
    });
    expect(validate({ host: 'h' }, [{ 'only-one-of': ['cert', 'key'] }])).toBeNull();
    expect(validate({ host: 'h', cert: 'a' }, [{ 'mutually-required': ['cert', 'key'] }])).toEqual({
      '@entity': ["all or none of these fields must be set: 'cert', 'key'"],
    });
    expect(validate({ host: 'h', cert: 'a', key: 'a' }, [{ distinct: ['cert', 'key'] }])).toEqual({
      '@entity': ["values of these fields must be distinct: 'cert', 'key'"],
    });
    expect(validate({ host: 'h', cert: 'a', key: 'b' }, [{ distinct: ['cert', 'key'] }])).toBeNull();
  });

  it('marks absent fields a check needs', () => {
    const value = { host: 'h', cert: 'a' };
    expect(validateEntity(service, value, { checks: [{ distinct: ['cert', 'key'] }], custom: {}, validators, ctx, mode: 'update' })).toEqual({
      key: 'field required for entity check when updating',
    });
  });

  it('skips mutually-required when one of its fields is already invalid', () => {
    expect(validate({ host: 'h', cert: 5 }, [{ 'mutually-required': ['cert', 'key'] }])).toEqual({ cert: 'expected a string' });
  });

  it('conditional puts the then-field message and the @entity message', () => {
    const requiredPath: EntityCheck = { conditional: { if: { field: 'protocol', 'one-of': ['https'] }, then: { field: 'path', required: true } } };
    const tree = validate({ host: 'h', protocol: 'https' }, [requiredPath]);
    expect(tree).toEqual({ path: 'required field missing', '@entity': ["failed conditional validation given value of field 'protocol'"] });
    expect(messageOf(tree)).toBe("2 schema violations (failed conditional validation given value of field 'protocol'; path: required field missing)");
    expect(validate({ host: 'h', protocol: 'http' }, [requiredPath])).toBeNull();

    const nullPath: EntityCheck = { conditional: { if: { field: 'protocol', eq: 'tcp' }, then: { field: 'path', null: true } } };
    expect(validate({ host: 'h', protocol: 'tcp', path: '/a' }, [nullPath])).toEqual({
      path: 'value must be null',
      '@entity': ["failed conditional validation given value of field 'protocol'"],
    });
    const oneOf: EntityCheck = { conditional: { if: { field: 'protocol', eq: 'tcp' }, then: { field: 'port', 'one-of': [1, 2] } } };
    expect(validate({ host: 'h', protocol: 'tcp' }, [oneOf])).toEqual({
      port: 'expected one of: 1, 2',
      '@entity': ["failed conditional validation given value of field 'protocol'"],
    });
  });

  it('conditional on nested plugin-style paths', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        config: {
          type: 'object',
          properties: { policy: { type: 'string', default: 'local' }, redis: { type: 'object', properties: { host: { type: ['string', 'null'] } } } },
        },
      },
    };
    const checks: EntityCheck[] = [{ conditional: { if: { field: 'config.policy', eq: 'redis' }, then: { field: 'config.redis.host', required: true } } }];
    const tree = validateEntity(schema, applyDefaults(schema, { config: { policy: 'redis' } }), { checks, custom: {}, validators, ctx, mode: 'insert' });
    expect(tree).toEqual({ config: { redis: { host: 'required field missing' } }, '@entity': ["failed conditional validation given value of field 'config.policy'"] });
    expect(messageOf(tree)).toBe(
      "2 schema violations (failed conditional validation given value of field 'config.policy'; config.redis: {\n  host = \"required field missing\"\n})",
    );
  });

  it('merges custom checks in their place', () => {
    const custom: Record<string, CustomCheck> = {
      pair: (e) => (e.cert && !e.key ? { key: 'required with cert', '@entity': ['cert needs key'] } : null),
      plain: () => 'a plain entity message',
    };
    const checks: EntityCheck[] = [{ custom: 'plain' }, { 'at-least-one-of': ['custom_id', 'username'] }, { custom: 'pair' }];
    expect(validate({ host: 'h', cert: 'c' }, checks, 'insert', custom)).toEqual({
      key: 'required with cert',
      '@entity': ['a plain entity message', "at least one of these fields must be non-empty: 'custom_id', 'username'", 'cert needs key'],
    });
  });
});

describe('normalizeSets', () => {
  it('de-duplicates sets keeping the first occurrence, leaves arrays alone', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        tags: { type: 'array', 'x-kong-type': 'set', items: { type: 'string' } },
        hosts: { type: 'array', items: { type: 'string' } },
        nested: { type: 'object', properties: { methods: { type: 'array', 'x-kong-type': 'set', items: { type: 'string' } } } },
      },
    };
    expect(normalizeSets(schema, { tags: ['b', 'a', 'b'], hosts: ['x', 'x'], nested: { methods: ['GET', 'GET', 'POST'] } })).toEqual({
      tags: ['b', 'a'],
      hosts: ['x', 'x'],
      nested: { methods: ['GET', 'POST'] },
    });
  });
});
