/**
 * Inputs built to cost: sparse and huge form indexes, long runs of brackets, numbers and URLs of
 * hundreds of kilobytes. Each gets Kong's answer, computed in time linear in its size: the CPU
 * time of one request (process.cpuUsage around the call, not wall time) stays under
 * CPU_BUDGET_MS for inputs up to about 1 MB.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newMock, type CallOptions, type CallResult } from '../testkit.ts';
import type { KongMock } from './mock.ts';

const CPU_BUDGET_MS = 250;
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
    const field = key.startsWith('a[') ? 'a' : key;
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
