import { describe, expect, it } from 'vitest';
import { readBody } from './body.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const req = (method: string, ct: string | string[] | undefined, body: string | Uint8Array | null) => ({
  method,
  headers: ct === undefined ? {} : { 'content-type': ct },
  body: typeof body === 'string' ? enc(body) : body,
});

describe('readBody', () => {
  it('ignores bodies of methods that take none', async () => {
    expect(await readBody(req('GET', 'application/json', '{nope'))).toEqual({ kind: 'none' });
    expect(await readBody(req('DELETE', 'text/plain', 'x'))).toEqual({ kind: 'none' });
  });

  it('accepts a missing content type only without a body', async () => {
    expect(await readBody(req('POST', undefined, null))).toEqual({ kind: 'none' });
    expect(await readBody(req('POST', undefined, ''))).toEqual({ kind: 'none' });
    expect(await readBody(req('POST', undefined, '{"name":"x"}'))).toEqual({ error: { status: 415 } });
  });

  it('matches content types by case-sensitive prefix and answers 415 without a body', async () => {
    for (const ct of ['invalid', 'text/plain', 'Application/JSON', 'application/yaml']) {
      expect(await readBody(req('POST', ct, '{}'))).toEqual({ error: { status: 415 } });
    }
    expect(await readBody(req('POST', 'application/json; charset=utf-8', '{"a":1}'))).toEqual({ kind: 'json', value: { a: 1 } });
  });

  it('accepts yaml only when asked to', async () => {
    expect(await readBody(req('POST', 'text/yaml', '_format_version: "3.0"'), { yaml: true })).toEqual({ kind: 'text', text: '_format_version: "3.0"' });
  });

  it('answers Cannot parse JSON body for malformed or empty JSON', async () => {
    const error = { error: { status: 400, body: { message: 'Cannot parse JSON body' } } };
    expect(await readBody(req('POST', 'application/json', '{"a":'))).toEqual(error);
    expect(await readBody(req('PATCH', 'application/json', ''))).toEqual(error);
    expect(await readBody(req('PUT', 'application/json', null))).toEqual(error);
  });

  it('answers JSON scalars with a 400 (Kong would crash with a 500) and reads arrays as Lua tables', async () => {
    const error = { error: { status: 400, body: { message: 'Cannot parse JSON body' } } };
    expect(await readBody(req('POST', 'application/json', '5'))).toEqual(error);
    expect(await readBody(req('POST', 'application/json', 'null'))).toEqual(error);
    expect(await readBody(req('POST', 'application/json', '"x"'))).toEqual(error);
    expect(await readBody(req('POST', 'application/json', '[]'))).toEqual({ kind: 'json', value: {} });
    expect(await readBody(req('POST', 'application/json', '["a"]'))).toEqual({ kind: 'json', value: { 1: 'a' } });
  });

  it('keeps prototype keys as plain own fields, never as a prototype', async () => {
    const read = await readBody(req('POST', 'application/json', '{"__proto__":{"polluted":1},"a":{"constructor":{"prototype":{"x":1}},"b":2},"prototype":3}'));
    if (!('kind' in read) || read.kind !== 'json') throw new Error('expected json');
    expect(Object.getPrototypeOf(read.value)).toBe(Object.prototype);
    expect(Object.keys(read.value)).toEqual(['__proto__', 'a', 'prototype']);
    expect(Object.getOwnPropertyDescriptor(read.value, '__proto__')?.value).toEqual({ polluted: 1 });
    expect(Object.keys(read.value.a as object)).toEqual(['constructor', 'b']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses bodies over 10 MiB', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    expect(await readBody(req('POST', 'application/json', big))).toEqual({ error: { status: 413, body: { message: 'Request body too large' } } });
    expect(await readBody(req('POST', 'text/plain', big))).toEqual({ error: { status: 413, body: { message: 'Request body too large' } } });
  });

  it('hands urlencoded fields on as pairs', async () => {
    expect(await readBody(req('POST', 'application/x-www-form-urlencoded', 'name=a+b&hosts[]=x&flag'))).toEqual({
      kind: 'form',
      pairs: [
        ['name', 'a b'],
        ['hosts[]', 'x'],
        ['flag', true],
      ],
    });
    expect(await readBody(req('POST', 'application/x-www-form-urlencoded', ''))).toEqual({ kind: 'form', pairs: [] });
  });

  it('reads multipart fields, file contents and JSON parts', async () => {
    const b = 'BoUnDaRy';
    const part = (headers: string, content: string) => `--${b}\r\n${headers}\r\n\r\n${content}\r\n`;
    const body =
      part('Content-Disposition: form-data; name="name"', 'svc') +
      part('Content-Disposition: form-data; name="cert"; filename="c.pem"\r\nContent-Type: application/x-pem-file', '-----BEGIN CERTIFICATE-----') +
      part('Content-Disposition: form-data; name="config"\r\nContent-Type: application/json', '{"minute":20}') +
      part('Content-Disposition: form-data; name="extra"; filename="e.json"\r\nContent-Type: application/json', '["a"]') +
      part('Content-Disposition: form-data; name="snis[1]"', 'a.test') +
      `--${b}--\r\n`;
    expect(await readBody(req('POST', `multipart/form-data; boundary=${b}`, body))).toEqual({
      kind: 'form',
      pairs: [
        ['name', 'svc'],
        ['cert', '-----BEGIN CERTIFICATE-----'],
        ['config', { minute: 20 }],
        ['extra', ['a']],
        ['snis[1]', 'a.test'],
      ],
    });
  });

  it('reads an empty multipart body as no fields', async () => {
    expect(await readBody(req('POST', 'multipart/form-data; boundary=x', ''))).toEqual({ kind: 'form', pairs: [] });
  });
});
