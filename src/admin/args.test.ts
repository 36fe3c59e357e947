import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../spec/index.ts';
import { checkArgumentCount, decodeArgs, inferValue, luaToNumber, parseQuery } from './args.ts';

const decode = (query: string, mapKeys = true) => decodeArgs(parseQuery(query), { mapKeys });

describe('parseQuery', () => {
  it('splits pairs, percent-decodes, reads + as space and bare keys as true', () => {
    expect(parseQuery('a=1&b&c=x+y&d=%2Fp%20q&e=')).toEqual([
      ['a', '1'],
      ['b', true],
      ['c', 'x y'],
      ['d', '/p q'],
      ['e', ''],
    ]);
    expect(parseQuery('')).toEqual([]);
    expect(parseQuery('a=1&&b=2')).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it('keeps malformed escapes instead of failing', () => {
    expect(parseQuery('a=%ZZ%41')).toEqual([['a', '%ZZA']]);
  });
});

describe('decodeArgs', () => {
  it('nests dotted keys', () => {
    expect(decode('service.id=X&name=r')).toEqual({ service: { id: 'X' }, name: 'r' });
    expect(decode('config.key_names[1]=a&config.key_names[2]=b')).toEqual({ config: { key_names: ['a', 'b'] } });
  });

  it('appends with [] and collects repeated keys', () => {
    expect(decode('methods[]=GET&methods[]=POST')).toEqual({ methods: ['GET', 'POST'] });
    expect(decode('methods=GET&methods=POST')).toEqual({ methods: ['GET', 'POST'] });
    expect(decode('paths[1]=/a&paths[2]=/b')).toEqual({ paths: ['/a', '/b'] });
    expect(decode('items[1]=foo&items[2]=bar')).toEqual({ items: ['foo', 'bar'] });
  });

  it('reads [key] as a map key only when map keys are allowed', () => {
    expect(decode('headers[x-foo]=bar')).toEqual({ headers: { 'x-foo': 'bar' } });
    expect(decode('config.headers[x.y]=v')).toEqual({ config: { headers: { 'x.y': 'v' } } });
    expect(decode('headers[x-foo]=bar', false)).toEqual({ 'headers[x-foo]': 'bar' });
  });

  it('treats encoded brackets as brackets', () => {
    expect(decode('methods%5B%5D=GET&methods%5b%5d=PUT')).toEqual({ methods: ['GET', 'PUT'] });
    expect(decodeArgs([['paths%5B1%5D', '/x']], { mapKeys: true })).toEqual({ paths: ['/x'] });
  });

  it('keeps keys that start or end with a dot literally and bare keys as true', () => {
    expect(decode('.a=1&b.=2&flag')).toEqual({ '.a': '1', 'b.': '2', flag: true });
  });

  it('never writes prototype keys', () => {
    const out = decode('__proto__.polluted=1&a.__proto__.x=1&constructor.prototype.y=1&ok=1');
    expect(out).toEqual({ ok: '1', a: {} });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});

const routeLike: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: ['string', 'null'] },
    port: { type: 'integer' },
    weight: { type: 'number' },
    strip_path: { type: 'boolean' },
    methods: { type: ['array', 'null'], 'x-kong-type': 'set', items: { type: 'string' } },
    hosts: { type: ['array', 'null'], items: { type: 'string' } },
    headers: { type: ['object', 'null'], 'x-kong-type': 'map', additionalProperties: { type: 'array', items: { type: 'string' } } },
    limits: { type: 'object', 'x-kong-type': 'map', additionalProperties: { type: 'integer' } },
    healthchecks: { type: 'object', properties: { active: { type: 'object', properties: { timeout: { type: 'number' }, healthy: { type: 'boolean' } } } } },
    config: { type: 'object', 'x-kong-abstract': true },
    service: { type: ['object', 'null'], 'x-kong-foreign': { entity: 'services', 'on-delete': 'restrict' }, properties: { id: { type: 'string', format: 'uuid' } } },
  },
};

describe('inferValue', () => {
  const infer = (body: Record<string, unknown>) => inferValue(routeLike, body);

  it('turns empty strings into null', () => {
    expect(infer({ name: '', methods: '', port: '' })).toEqual({ name: null, methods: null, port: null });
  });

  it('reads numbers as Lua tonumber does and leaves the rest as strings', () => {
    expect(infer({ port: '80', weight: '1.5' })).toEqual({ port: 80, weight: 1.5 });
    expect(infer({ port: ' 0x1F ' })).toEqual({ port: 31 });
    expect(infer({ port: 'eighty' })).toEqual({ port: 'eighty' });
    expect(infer({ port: 'Infinity' })).toEqual({ port: 'Infinity' });
    expect(luaToNumber('1e3')).toBe(1000);
    expect(luaToNumber('0b1')).toBeNull();
  });

  it('reads booleans only from exactly true/false', () => {
    expect(infer({ strip_path: 'true' })).toEqual({ strip_path: true });
    expect(infer({ strip_path: 'false' })).toEqual({ strip_path: false });
    expect(infer({ strip_path: '1' })).toEqual({ strip_path: '1' });
    expect(infer({ strip_path: 'TRUE' })).toEqual({ strip_path: 'TRUE' });
  });

  it('wraps a scalar for arrays and sets', () => {
    expect(infer({ hosts: 'a.test', methods: ['GET', ''] })).toEqual({ hosts: ['a.test'], methods: ['GET', null] });
  });

  it('infers map values and record fields, not abstract records', () => {
    expect(infer({ headers: { location: 'x' }, limits: { a: '5' } })).toEqual({ headers: { location: ['x'] }, limits: { a: 5 } });
    expect(infer({ healthchecks: { active: { timeout: '2', healthy: 'true', other: '3' } } })).toEqual({
      healthchecks: { active: { timeout: 2, healthy: true, other: '3' } },
    });
    expect(infer({ config: { minute: '20' } })).toEqual({ config: { minute: '20' } });
    expect(infer({ service: { id: 'abc' }, unknown: '5' })).toEqual({ service: { id: 'abc' }, unknown: '5' });
  });

  it('decodes and infers a whole form body', () => {
    const pairs = parseQuery('name=r1&hosts=a.test&methods[]=GET&methods[]=POST&port=8000&strip_path=false&service.id=S&headers[x-h]=v');
    expect(inferValue(routeLike, decodeArgs(pairs, { mapKeys: true }))).toEqual({
      name: 'r1',
      hosts: ['a.test'],
      methods: ['GET', 'POST'],
      port: 8000,
      strip_path: false,
      service: { id: 'S' },
      headers: { 'x-h': ['v'] },
    });
  });
});

describe('checkArgumentCount', () => {
  it('allows 1000 arguments and refuses 1001', () => {
    const query = (n: number) => Array.from({ length: n }, (_, i) => `a${i}=${i}`).join('&');
    expect(checkArgumentCount(parseQuery(query(1000)))).toBeNull();
    expect(checkArgumentCount(parseQuery(query(1001)))).toEqual({ status: 400, body: { message: 'Too many arguments' } });
  });
});
