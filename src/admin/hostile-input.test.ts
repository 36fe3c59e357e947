/**
 * Inputs built to cost: sparse and huge form indexes, long runs of brackets, numbers and URLs of
 * hundreds of kilobytes. Each gets Kong's answer, computed in time linear in its size: the CPU
 * time of one request (process.cpuUsage around the call, not wall time) stays under
 * CPU_BUDGET_MS (500 ms) for inputs up to about 1 MB; the two bodies whose error lists one item
 * per element get four times that.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newMock, type CallOptions, type CallResult } from '../testkit.ts';
import type { KongMock } from './mock.ts';

const CPU_BUDGET_MS = 500;
let mock: KongMock;
beforeAll(async () => {
  mock = await newMock();
});

async function timed(method: string, url: string, options: CallOptions): Promise<CallResult & { cpuMs: number }> {
  const before = process.cpuUsage();
  const res = await call(mock, method, url, options);
  const used = process.cpuUsage(before);
  return { ...res, cpuMs: (used.user + used.system) / 1000 };
}

const form = (raw: string): CallOptions => ({ raw, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
const violation = (field: string, text: string) => ({
  code: 2, name: 'schema violation', message: `schema violation (${field}: ${text})`, fields: { [field]: text },
});

describe('sparse form indexes', () => {
  it.each([
    ['tags[100000000]=a'],
    ['tags[4294967294]=a'],
    ['tags[4294967296]=a'],
    [`tags[${'9'.repeat(400)}]=a`],
    [`tags[100000000]=a${'&tags=b'.repeat(20)}`],
    ['tags[1]=a&tags[3]=c'],
  ])('%s leaves a hole: the set field is refused, without building the array', async (args) => {
    const res = await timed('POST', '/services', form(`host=a.test&${args}`));
    expect(res.body).toEqual(violation('tags', 'expected a set'));
    expect(res.cpuMs).toBeLessThan(CPU_BUDGET_MS);
  });

  it('dense indexes still fill the array in index order', async () => {
    const res = await call(mock, 'POST', '/services', form('host=a.test&tags[2]=b&tags[1]=a&tags[3]=c'));
    expect(res.status).toBe(201);
    expect(res.body.tags).toEqual(['a', 'b', 'c']);
  });
});

describe('long keys and values', () => {
  it.each([
    ['150k `%5B` (sent as %255B)', '%5B'.repeat(150_000), '%255B'.repeat(150_000)],
    ['150k `[`', '['.repeat(150_000), encodeURIComponent('['.repeat(150_000))],
    ['75k `%5Bx%5D` pairs', `a${'[x]'.repeat(75_000)}`, `a${'%255Bx%255D'.repeat(75_000)}`],
  ])('a key of %s is one unknown field', async (_, key, sent) => {
    const res = await timed('POST', '/services', form(`host=a.test&${sent}=1`));
    const field = key;
    expect(res.body).toEqual(violation(field, 'unknown field'));
    expect(res.cpuMs).toBeLessThan(CPU_BUDGET_MS);
  });

  it('a 320 KB number that is not one is refused as Kong refuses it', async () => {
    const res = await timed('POST', '/services', form(`host=a.test&port=${'1'.repeat(320_000)}x`));
    expect(res.body).toEqual(violation('port', 'expected an integer'));
    expect(res.cpuMs).toBeLessThan(CPU_BUDGET_MS);
  });

  it('an http-log endpoint with 80k `#` is checked in linear time', async () => {
    const endpoint = `http://a.test/${'#'.repeat(80_000)}`;
    const res = await timed('POST', '/plugins', { json: { name: 'http-log', config: { http_endpoint: endpoint } } });
    expect(res.status).toBe(201);
    expect(res.body.config.http_endpoint).toBe(endpoint);
    expect(res.cpuMs).toBeLessThan(CPU_BUDGET_MS);
  });
});

describe('JSON bodies', () => {
  const json = (raw: string): CallOptions => ({ raw, headers: { 'content-type': 'application/json' } });

  it.each(['__proto__', 'constructor', 'prototype'])('a %s key is an unknown field, at the top and inside a record, and never a prototype', async (key) => {
    const top = await call(mock, 'POST', '/services', json(`{"host":"a.test","${key}":{"polluted":true}}`));
    expect(top.body).toEqual(violation(key, 'unknown field'));
    const nested = await call(mock, 'POST', '/plugins', json(`{"name":"key-auth","config":{"${key}":{"polluted":true}}}`));
    expect(nested.body).toEqual({
      code: 2, name: 'schema violation', message: `schema violation (config.${key}: unknown field)`, fields: { config: { [key]: 'unknown field' } },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("nests at most 1000 arrays and objects, cjson's limit", async () => {
    const nested = (depth: number) => `{"host":"a.test","tags":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    expect((await call(mock, 'POST', '/services', json(nested(1000)))).body).toEqual({
      code: 2, name: 'schema violation', message: 'schema violation (tags.1: expected a string)', fields: { tags: ['expected a string'] },
    });
    const deep = await timed('POST', '/services', json(nested(200_000)));
    expect(deep.body).toEqual({ message: 'Cannot parse JSON body' });
    expect(deep.cpuMs).toBeLessThan(CPU_BUDGET_MS);
  });

  it('130,000 invalid array elements are each reported, without exhausting the stack', async () => {
    const res = await timed('POST', '/services', { json: { host: 'a.test', tags: Array.from({ length: 130_000 }, (_, i) => i) } });
    expect(res.status).toBe(400);
    expect(res.body.fields.tags).toEqual(Array.from({ length: 130_000 }, () => 'expected a string'));
    expect(res.body.message).toMatch(/^130000 schema violations \(tags\.1: expected a string; tags\.2: expected a string; /);
    expect(res.body.message.endsWith('; tags.130000: expected a string)')).toBe(true);
    // about 2.5 MB of error text comes back: a larger budget, still linear
    expect(res.cpuMs).toBeLessThan(4 * CPU_BUDGET_MS);
  });

  it('a body that is a JSON array of 100,000 `{}` answers one unknown field per element', async () => {
    const res = await timed('POST', '/services', json(`[${Array.from({ length: 100_000 }, () => '{}').join(',')}]`));
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.fields)).toHaveLength(100_001);
    expect(res.body.fields['100000']).toBe('unknown field');
    expect(res.body.message).toMatch(/^100001 schema violations \(1: unknown field; 2: unknown field; /);
    expect(res.cpuMs).toBeLessThan(4 * CPU_BUDGET_MS);
  });
});
