import { describe, expect, it } from 'vitest';
import { diff } from './matchers.ts';
import { extract, interpolate } from './interpolate.ts';

describe('diff', () => {
  it('is exact by default: wrong values, missing keys and extra keys at their JSON path', () => {
    expect(diff({ data: [{ name: 'a', port: 80 }], next: null }, { data: [{ name: 'b', host: 'x' }], next: null, offset: 'o' })).toEqual([
      { path: '$.data[0].name', expected: '"a"', actual: '"b"' },
      { path: '$.data[0].port', expected: '80', actual: '(absent)' },
      { path: '$.data[0].host', expected: '(absent)', actual: '"x"' },
      { path: '$.offset', expected: '(absent)', actual: '"o"' },
    ]);
    expect(diff({ 'a-b': 1 }, { 'a-b': 2, 'c d': 3 })).toEqual([
      { path: '$["a-b"]', expected: '1', actual: '2' },
      { path: '$["c d"]', expected: '(absent)', actual: '3' },
    ]);
    expect(diff([1, 2], [1])).toEqual([{ path: '$', expected: '2 elements', actual: '1 elements' }]);
  });

  it('knows the matchers', () => {
    const ok = {
      id: '@uuid', at: '@timestamp', n: '@number', i: '@integer', s: '@string', b: '@boolean', x: '@any', nul: '@null', gone: '@absent',
      re: '@regex:^/services\\?offset=', list: { '@length': 2 }, tags: { '@contains': ['b'] }, obj: { '@contains': { k: 1 } }, text: { '@contains': 'lo w' },
      pick: { '@oneOf': [1, 2] }, lit: '@@literal',
    };
    const actual = {
      id: '4fb4c5c2-1e0f-4f3e-9a55-0c1b0f5f1a11', at: 1700000000, n: 1.5, i: 3, s: '', b: false, x: null, nul: null,
      re: '/services?offset=abc', list: [1, 2], tags: ['a', 'b'], obj: { k: 1, extra: true }, text: 'hello world', pick: 2, lit: '@literal',
    };
    expect(diff(ok, actual)).toEqual([]);
    expect(
      diff(ok, {
        id: 'nope', at: 1.5, n: '1', i: 1.5, s: 1, b: 'true', nul: 0, gone: 1,
        re: '/x', list: [1], tags: ['a'], obj: { k: 2 }, text: 'hi', pick: 3, lit: 'literal',
      }),
    ).toEqual([
      { path: '$.id', expected: 'uuid', actual: '"nope"' },
      { path: '$.at', expected: 'timestamp', actual: '1.5' },
      { path: '$.n', expected: 'number', actual: '"1"' },
      { path: '$.i', expected: 'integer', actual: '1.5' },
      { path: '$.s', expected: 'string', actual: '1' },
      { path: '$.b', expected: 'boolean', actual: '"true"' },
      { path: '$.x', expected: '"@any"', actual: '(absent)' },
      { path: '$.nul', expected: 'null', actual: '0' },
      { path: '$.gone', expected: '(absent)', actual: '1' },
      { path: '$.re', expected: 'a string matching /^\\/services\\?offset=/', actual: '"/x"' },
      { path: '$.list', expected: 'length 2', actual: 'length 1' },
      { path: '$.tags', expected: 'an element matching "b"', actual: '["a"]' },
      { path: '$.obj.k', expected: '1', actual: '2' },
      { path: '$.text', expected: 'a string containing "lo w"', actual: '"hi"' },
      { path: '$.pick', expected: 'one of [1,2]', actual: '3' },
      { path: '$.lit', expected: '"@literal"', actual: '"literal"' },
    ]);
  });

  it('rejects an unknown matcher instead of comparing it as text', () => {
    expect(() => diff('@uuidd', 'x')).toThrow('unknown matcher @uuidd at $');
  });
});

describe('captures and placeholders', () => {
  const ctx = { captures: new Map<string, unknown>([['port', 8080], ['name', 'a b']]), runId: 'r1', root: '/' };

  it('keeps the captured type for a lone placeholder and encodes on request', () => {
    expect(interpolate({ port: '{{port}}', url: 'http://x:{{port}}/{{name|uri}}', n: '{{unique:svc}}' }, ctx)).toEqual({ port: 8080, url: 'http://x:8080/a%20b', n: 'svc-r1' });
    expect(interpolate('{{$uuid}}', ctx)).toMatch(/^[0-9a-f-]{36}$/);
    expect(() => interpolate('{{missing}}', ctx)).toThrow("nothing saved as 'missing'");
  });

  it('extracts body paths, headers and the status', () => {
    const source = { body: { data: [{ id: 'x' }] }, headers: { location: '/services/x' }, status: 201 };
    expect(extract(source, 'body.data[0].id')).toBe('x');
    expect(extract(source, 'headers.location')).toBe('/services/x');
    expect(extract(source, 'status')).toBe(201);
    expect(extract(source, 'body.data[3].id')).toBeUndefined();
  });
});
