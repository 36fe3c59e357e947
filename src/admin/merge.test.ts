import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../spec/index.ts';
import { mergePatch } from './merge.ts';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: ['string', 'null'] },
    hosts: { type: ['array', 'null'], items: { type: 'string' } },
    tags: { type: ['array', 'null'], 'x-kong-type': 'set', items: { type: 'string' } },
    headers: { type: ['object', 'null'], 'x-kong-type': 'map', additionalProperties: { type: 'string' } },
    config: {
      type: 'object',
      properties: {
        minute: { type: ['integer', 'null'] },
        hour: { type: ['integer', 'null'] },
        redis: { type: ['object', 'null'], properties: { host: { type: ['string', 'null'] }, port: { type: 'integer', default: 6379 } } },
      },
    },
    meta: { type: 'object', 'x-kong-abstract': true },
  },
};

const stored = {
  name: 'a',
  hosts: ['x', 'y'],
  tags: ['t1'],
  headers: { a: '1', b: '2' },
  config: { minute: 10, hour: 100, redis: null },
  meta: { p: 1, q: 2 },
};

describe('mergePatch', () => {
  it('keeps what the patch does not mention', () => {
    expect(mergePatch(schema, stored, {})).toEqual(stored);
  });

  it('replaces top-level values, arrays, sets and maps whole', () => {
    expect(mergePatch(schema, stored, { name: 'b', hosts: ['z'], tags: [], headers: { c: '3' } })).toEqual({
      ...stored,
      name: 'b',
      hosts: ['z'],
      tags: [],
      headers: { c: '3' },
    });
  });

  it('clears with null', () => {
    expect(mergePatch(schema, stored, { name: null, hosts: null, config: null })).toEqual({ ...stored, name: null, hosts: null, config: null });
  });

  it('merges records recursively, not abstract ones', () => {
    expect(mergePatch(schema, stored, { config: { minute: 20 }, meta: { p: 5 } })).toEqual({
      ...stored,
      config: { minute: 20, hour: 100, redis: null },
      meta: { p: 5 },
    });
  });

  it('fills a record patched onto a stored null with its defaults', () => {
    expect(mergePatch(schema, stored, { config: { redis: { host: 'r' } } }).config).toEqual({ minute: 10, hour: 100, redis: { host: 'r', port: 6379 } });
  });

  it('keeps unknown keys for validation and does not touch the stored object', () => {
    const before = structuredClone(stored);
    const out = mergePatch(schema, stored, { bogus: 1, config: { minute: 1 } });
    expect(out.bogus).toBe(1);
    expect(stored).toEqual(before);
  });

  it('replaces a record given as something else, so validation can reject it', () => {
    expect(mergePatch(schema, stored, { config: 'x' }).config).toBe('x');
  });
});
