import { beforeEach, describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';
import type { KongMock } from './mock.ts';

let mock: KongMock;
beforeEach(async () => {
  mock = await newMock();
});

describe('routing', () => {
  it('answers unknown paths with 404 Not found and unknown methods with 405', async () => {
    expect(await call(mock, 'GET', '/nope')).toMatchObject({ status: 404, body: { message: 'Not found' } });
    expect(await call(mock, 'GEEEET', '/services')).toMatchObject({ status: 405, body: { message: 'Method not allowed' } });
    expect(await call(mock, 'DELETE', '/services')).toMatchObject({ status: 405, body: { message: 'Method not allowed' } });
  });

  it('tolerates a trailing slash', async () => {
    expect((await call(mock, 'GET', '/services/')).status).toBe(200);
  });

  it('serves HEAD from GET with an empty body', async () => {
    const res = await call(mock, 'HEAD', '/services');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(res.headers['Content-Type']).toBe('application/json; charset=utf-8');
  });

  it('answers OPTIONS with the sorted Allow list', async () => {
    const res = await call(mock, 'OPTIONS', '/routes/x', { headers: { 'Access-Control-Request-Headers': 'X-Foo' } });
    expect(res.status).toBe(204);
    expect(res.headers.Allow).toBe('DELETE, GET, HEAD, OPTIONS, PATCH, PUT');
    expect(res.headers['Access-Control-Allow-Methods']).toBe('DELETE, GET, HEAD, OPTIONS, PATCH, PUT');
    expect(res.headers['Access-Control-Allow-Headers']).toBe('X-Foo');
    expect((await call(mock, 'OPTIONS', '/')).headers.Allow).toBe('GET, HEAD, OPTIONS');
    expect((await call(mock, 'OPTIONS', '/nope')).status).toBe(404);
  });

  it('answers 404 to every method on disabled target paths', async () => {
    for (const method of ['GET', 'POST', 'OPTIONS']) {
      expect((await call(mock, method, '/targets')).status).toBe(404);
    }
  });
});

describe('headers', () => {
  it('echoes the Origin with credentials in 3.x and sends Server and latency headers', async () => {
    const res = await call(mock, 'GET', '/', { headers: { Origin: 'http://gui.test' } });
    expect(res.headers['Access-Control-Allow-Origin']).toBe('http://gui.test');
    expect(res.headers['Access-Control-Allow-Credentials']).toBe('true');
    expect(res.headers.Server).toMatch(/^kong\/3\.9\.\d+$/);
    expect(res.headers['X-Kong-Admin-Latency']).toMatch(/^\d+$/);
    expect((await call(mock, 'GET', '/')).headers['Access-Control-Allow-Origin']).toBe('*');
  });

  it('sends only a wildcard origin in 2.8', async () => {
    const old = await newMock('2.8');
    const res = await call(old, 'GET', '/', { headers: { Origin: 'http://gui.test' } });
    expect(res.headers['Access-Control-Allow-Origin']).toBe('*');
    expect(res.headers).not.toHaveProperty('Access-Control-Allow-Credentials');
  });
});

describe('bodies', () => {
  it('answers 415 with an empty body to unsupported or missing content types', async () => {
    for (const ct of ['text/plain', 'invalid', 'Application/JSON']) {
      const res = await call(mock, 'POST', '/consumers', { raw: '{"username":"a"}', headers: { 'Content-Type': ct } });
      expect(res.status, ct).toBe(415);
      expect(res.text).toBe('');
    }
    const missing = await call(mock, 'POST', '/consumers', { raw: 'username=a' });
    expect(missing.status).toBe(415);
  });

  it('answers 400 Cannot parse JSON body to malformed JSON, but not on GET', async () => {
    const res = await call(mock, 'POST', '/consumers', { raw: '{"username":', headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.text).toBe('{"message":"Cannot parse JSON body"}');
    expect((await call(mock, 'GET', '/consumers', { raw: '{', headers: { 'Content-Type': 'application/json' } })).status).toBe(200);
  });

  it('treats a bodiless POST as an empty object', async () => {
    const res = await call(mock, 'POST', '/services');
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('schema violation (host: required field missing)');
  });

  it('answers Too many arguments past 1000 query or form arguments', async () => {
    const query = Array.from({ length: 1001 }, (_, i) => `a${i}=1`).join('&');
    expect((await call(mock, 'GET', `/services?${query}`)).body).toEqual({ message: 'Too many arguments' });
    const form = Array.from({ length: 1001 }, (_, i): [string, string] => [`a${i}`, '1']);
    expect((await call(mock, 'POST', '/consumers', { form })).body).toEqual({ message: 'Too many arguments' });
  });

  it('decodes form keys: dotted foreign keys, [] and [N] arrays, and infers types', async () => {
    const svc = (await call(mock, 'POST', '/services', { json: { name: 'svc', host: 'a.test' } })).body;
    const res = await call(mock, 'POST', '/routes', {
      form: [['service.id', svc.id], ['methods[]', 'GET'], ['methods[]', 'POST'], ['paths[1]', '/a'], ['paths[2]', '/b'], ['strip_path', 'false'], ['regex_priority', '5']],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ service: { id: svc.id }, methods: ['GET', 'POST'], paths: ['/a', '/b'], strip_path: false, regex_priority: 5 });
    const byName = await call(mock, 'POST', '/routes', { form: { 'service.name': 'svc', hosts: 'x.test' } });
    expect(byName.body).toMatchObject({ service: { id: svc.id }, hosts: ['x.test'] });
  });

  it('never lets __proto__ keys reach an object prototype', async () => {
    const res = await call(mock, 'POST', '/consumers', { raw: '{"username":"p","__proto__":{"polluted":true}}', headers: { 'Content-Type': 'application/json' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(res.status).toBeLessThan(500);
    const form = await call(mock, 'POST', '/consumers', { form: { username: 'q', '__proto__.polluted': 'yes', 'constructor.prototype.x': '1' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(form.status).toBeLessThan(500);
  });
});
