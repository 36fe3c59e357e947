import { describe, expect, it } from 'vitest';
import { normalizeRouterPath, normalizeTarget } from './normalize.ts';

describe('normalizeTarget', () => {
  it.each([
    ['konghq.test', 'konghq.test:8000'],
    ['konghq.test:80', 'konghq.test:80'],
    ['Kong-HQ.test.', 'Kong-HQ.test.:8000'],
    ['10.20.30.40', '10.20.30.40:8000'],
    ['001.002.003.004:123', '1.2.3.4:123'],
    ['::1', '[0000:0000:0000:0000:0000:0000:0000:0001]:8000'],
    ['[::1]:81', '[0000:0000:0000:0000:0000:0000:0000:0001]:81'],
    ['[2001:DB8::1]', '[2001:0db8:0000:0000:0000:0000:0000:0001]:8000'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeTarget(input)).toEqual({ target: expected });
  });

  it.each(['konghq.test:99999', 'kong hq.test', 'bad-.test', 'a..b', '1.2.3.256', '[::1]x', '[::1]:', ':::::::::'])('rejects %s', (input) => {
    expect(normalizeTarget(input)).toEqual({ error: 'Invalid target; not a valid hostname or ip address' });
  });
});

describe('normalizeRouterPath', () => {
  it.each([
    ['/', '/'],
    ['/a/b', '/a/b'],
    ['/a/b/', '/a/b/'],
    ['/a/./b', '/a/b'],
    ['/a/../b', '/b'],
    ['/a/..', '/'],
    ['/a/.', '/a/'],
    ['/..', '/'],
    ['/a/b/../../..', '/'],
    ['/a/%7euser', '/a/~user'],
    ['/a%2fb', '/a%2Fb'],
    ['/a%3Bb', '/a%3Bb'],
    ['/foo%20bar', '/foo bar'],
    ['/caf%C3%A9', '/café'],
    ['/a/%2e%2e/b', '/b'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeRouterPath(input)).toBe(expected);
  });
});
