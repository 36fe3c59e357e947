import { describe, expect, it } from 'vitest';
import { Router, allowedMethods } from './router.ts';

function router(): Router<string> {
  const r = new Router<string>();
  r.add('GET', '/plugins', 'list-plugins');
  r.add('GET', '/plugins/enabled', 'plugins-enabled');
  r.add('GET', '/plugins/{plugins}', 'get-plugin');
  r.add('PATCH', '/plugins/{plugins}', 'patch-plugin');
  r.add('GET', '/upstreams/{upstreams}/targets/all', 'targets-all');
  r.add('GET', '/upstreams/{upstreams}/targets/{targets}', 'get-target');
  r.add('GET', '/', 'root');
  return r;
}

describe('router', () => {
  it('prefers literal segments over parameters', () => {
    expect(router().match('/plugins/enabled')?.route.methods.get('GET')).toBe('plugins-enabled');
    expect(router().match('/upstreams/u/targets/all')?.route.methods.get('GET')).toBe('targets-all');
    expect(router().match('/upstreams/u/targets/a.test:80')?.route.methods.get('GET')).toBe('get-target');
  });
  it('returns raw parameter values in template order', () => {
    const m = router().match('/upstreams/my%20up/targets/x');
    expect(m?.raw).toEqual(['my%20up', 'x']);
    expect(m?.route.params).toEqual(['upstreams', 'targets']);
  });
  it('tolerates a trailing slash and matches the root', () => {
    expect(router().match('/plugins/')?.route.template).toBe('/plugins');
    expect(router().match('/')?.route.template).toBe('/');
  });
  it('does not match unknown paths or empty segments', () => {
    expect(router().match('/nope')).toBeUndefined();
    expect(router().match('/plugins/a/b')).toBeUndefined();
    expect(router().match('/upstreams//targets/x')).toBeUndefined();
  });
  it('lists methods as Kong does in Allow', () => {
    expect(allowedMethods(['GET'])).toBe('GET, HEAD, OPTIONS');
    expect(allowedMethods(['GET', 'POST'])).toBe('GET, HEAD, OPTIONS, POST');
    expect(allowedMethods(['PATCH', 'GET', 'DELETE', 'PUT'])).toBe('DELETE, GET, HEAD, OPTIONS, PATCH, PUT');
  });
});
