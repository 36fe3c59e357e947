import { describe, expect, it } from 'vitest';
import { decodeOffset, encodeOffset, escapeUri, parseSize, parseTagFilter, topLevelNext, nestedNext } from './paginate.ts';

describe('size', () => {
  it('defaults to 100 and accepts numeric strings within 1..1000', () => {
    expect(parseSize(undefined)).toEqual({ ok: 100 });
    expect(parseSize('3')).toEqual({ ok: 3 });
    expect(parseSize('1000')).toEqual({ ok: 1000 });
  });
  it('rejects non-numbers and out-of-range or fractional sizes with Kong messages', () => {
    expect(parseSize('abc')).toMatchObject({ message: 'size must be a number' });
    expect(parseSize('')).toMatchObject({ message: 'size must be a number' });
    expect(parseSize('0')).toMatchObject({ message: 'size must be an integer between 1 and 1000' });
    expect(parseSize('1001')).toMatchObject({ message: 'size must be an integer between 1 and 1000' });
    expect(parseSize('2.5')).toMatchObject({ message: 'size must be an integer between 1 and 1000' });
  });
  it('clamps instead of range-checking for targets lists', () => {
    expect(parseSize('5000', true)).toEqual({ ok: 1000 });
    expect(parseSize('x', true)).toMatchObject({ message: 'size must be a number' });
  });
});

describe('offset tokens', () => {
  it('are unpadded base64 of the JSON primary key and round-trip', () => {
    const id = '0b8fb4cb-0000-4000-8000-000000000000';
    const token = encodeOffset([id]);
    expect(token).not.toMatch(/=/);
    expect(Buffer.from(token, 'base64').toString()).toBe(JSON.stringify([id]));
    expect(decodeOffset(token)).toEqual({ ok: [id] });
    expect(decodeOffset(token + '==')).toEqual({ ok: [id] });
  });
  it('reports bad base64 and bad json as Kong does', () => {
    expect(decodeOffset('x')).toMatchObject({ message: "'x' is not a valid offset: bad base64 encoding" });
    expect(decodeOffset('|potato|')).toMatchObject({ message: "'|potato|' is not a valid offset: bad base64 encoding" });
    expect(decodeOffset('')).toMatchObject({ message: "'' is not a valid offset: bad json encoding" });
    expect(decodeOffset(Buffer.from('not json').toString('base64'))).toMatchObject({ message: expect.stringMatching(/bad json encoding$/) });
  });
});

describe('tags filter', () => {
  it('reads AND with commas and OR with slashes', () => {
    expect(parseTagFilter('a,b')).toEqual({ ok: { mode: 'and', tags: ['a', 'b'] } });
    expect(parseTagFilter('a/b/c')).toEqual({ ok: { mode: 'or', tags: ['a', 'b', 'c'] } });
    expect(parseTagFilter('corp_ a')).toEqual({ ok: { mode: 'and', tags: ['corp_ a'] } });
    expect(parseTagFilter("''")).toEqual({ ok: { mode: 'and', tags: ["''"] } });
  });
  it('rejects empty, mixed and too many tags', () => {
    expect(parseTagFilter('')).toMatchObject({ message: 'invalid option (tags: cannot be null)' });
    expect(parseTagFilter('a,b/c')).toMatchObject({ message: 'invalid option (tags: invalid filter syntax)' });
    expect(parseTagFilter('a,b,c,d,e,f')).toMatchObject({ message: 'invalid option (tags: cannot query more than 5 tags)' });
  });
});

describe('next links', () => {
  it('escape like ngx.escape_uri and append tags then size on top-level lists (3.x)', () => {
    expect(escapeUri("a b!*'()~")).toBe('a%20b%21%2A%27%28%29~');
    expect(topLevelNext('3.9', 'services', 'WyJ4Il0', 'corp_ a', '3')).toBe('/services?offset=WyJ4Il0&tags=corp_%20a&size=3');
    expect(topLevelNext('3.9', 'services', 'a+b/', undefined, undefined)).toBe('/services?offset=a%2Bb%2F');
  });
  it('keep tags raw and drop size in 2.8', () => {
    expect(topLevelNext('2.8', 'services', 'WyJ4Il0', 'corp_ a', '3')).toBe('/services?offset=WyJ4Il0&tags=corp_ a');
  });
  it('use the request path on nested lists', () => {
    expect(nestedNext('/services/my-svc/routes', 'WyJ4Il0')).toBe('/services/my-svc/routes?offset=WyJ4Il0');
  });
});
