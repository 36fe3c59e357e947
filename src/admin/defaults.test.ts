import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../spec/index.ts';
import { applyDefaults } from './defaults.ts';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: ['string', 'null'] },
    host: { type: 'string' },
    port: { type: 'integer', default: 80 },
    protocols: { type: 'array', 'x-kong-type': 'set', items: { type: 'string' }, default: ['http', 'https'] },
    tags: { type: ['array', 'null'], 'x-kong-type': 'set', items: { type: 'string' } },
    created_at: { type: 'integer', readOnly: true, 'x-kong-auto': 'timestamp' },
    url: { type: 'string', writeOnly: true, 'x-kong-shorthand': true },
    snis: { type: 'array', items: { type: 'string' }, 'x-kong-pseudo': true },
    healthchecks: {
      type: 'object',
      properties: {
        threshold: { type: 'number', default: 0 },
        active: {
          type: 'object',
          properties: { timeout: { type: 'number', default: 1 }, http_path: { type: 'string', default: '/' }, headers: { type: ['object', 'null'], 'x-kong-type': 'map', additionalProperties: { type: 'string' } } },
        },
        passive: { type: ['object', 'null'], properties: { type: { type: 'string', default: 'http' } } },
      },
    },
    options: { type: ['object', 'null'], properties: { a: { type: 'integer', default: 1 }, b: { type: 'integer', default: 2 } }, default: { a: 5 } },
    rules: { type: ['array', 'null'], items: { type: 'object', properties: { weight: { type: 'integer', default: 10 }, name: { type: 'string' } } } },
    config: { type: 'object', 'x-kong-abstract': true },
  },
};

describe('applyDefaults', () => {
  it('fills every field: defaults, nested record defaults, null for the optional rest', () => {
    expect(applyDefaults(schema, { host: 'h' })).toEqual({
      name: null,
      host: 'h',
      port: 80,
      protocols: ['http', 'https'],
      tags: null,
      healthchecks: { threshold: 0, active: { timeout: 1, http_path: '/', headers: null }, passive: null },
      options: { a: 5, b: 2 },
      rules: null,
    });
  });

  it('keeps explicit nulls, so required fields fail later', () => {
    const out = applyDefaults(schema, { host: null, port: null, healthchecks: null });
    expect(out.host).toBeNull();
    expect(out.port).toBeNull();
    expect(out.healthchecks).toBeNull();
  });

  it('fills partial records and records inside arrays', () => {
    const out = applyDefaults(schema, { healthchecks: { active: { timeout: 5 } }, rules: [{ name: 'a' }, null] });
    expect(out.healthchecks).toEqual({ threshold: 0, active: { timeout: 5, http_path: '/', headers: null }, passive: null });
    expect(out.rules).toEqual([{ weight: 10, name: 'a' }, null]);
  });

  it('copies defaults so stored values never share them', () => {
    const a = applyDefaults(schema, {});
    (a.protocols as string[]).push('tcp');
    expect(applyDefaults(schema, {}).protocols).toEqual(['http', 'https']);
  });

  it('keeps unknown keys and sent pseudo fields, drops shorthand input', () => {
    const out = applyDefaults(schema, { host: 'h', url: 'http://x', bogus: 1, snis: ['a.test'], config: { x: 1 } });
    expect(out.bogus).toBe(1);
    expect(out.snis).toEqual(['a.test']);
    expect(out.config).toEqual({ x: 1 });
    expect('url' in out).toBe(false);
  });

  it('leaves missing required fields without default absent, abstract records too', () => {
    const out = applyDefaults(schema, {});
    expect(Object.keys(out).filter((k) => ['id', 'host', 'created_at', 'config'].includes(k))).toEqual([]);
  });
});
