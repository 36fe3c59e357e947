import { describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';
import { createMock } from './mock.ts';

const violation = (message: string, fields: unknown) => ({ code: 2, name: 'schema violation', message, fields });

describe('router_flavor = expressions', () => {
  it('adds expression and priority to routes and reports the flavor in GET /', async () => {
    const mock = await createMock({ routerFlavor: 'expressions' });
    const node = (await call(mock, 'GET', '/')).body;
    expect(node.configuration.router_flavor).toBe('expressions');
    const route = await call(mock, 'POST', '/routes', { json: { expression: 'http.path ^= "/api"', priority: 100 } });
    expect(route.status).toBe(201);
    expect(route.body).toMatchObject({ expression: 'http.path ^= "/api"', priority: 100, paths: null });
    const classic = await call(mock, 'POST', '/routes', { json: { paths: ['/a'] } });
    expect(classic.body).toMatchObject({ expression: null, priority: 0 });
  });

  it('refuses an expression beside classic matchers, and priority beside matchers', async () => {
    const mock = await createMock({ routerFlavor: 'expressions' });
    const list = "'methods', 'hosts', 'paths', 'headers', 'snis', 'sources' or 'destinations'";
    const both = await call(mock, 'POST', '/routes', { json: { expression: 'http.path == "/a"', paths: ['/a'] } });
    expect(both.body).toEqual(violation(
      `schema violation (Router Expression failed validation: cannot set 'expression' with ${list} simultaneously)`,
      { '@entity': [`Router Expression failed validation: cannot set 'expression' with ${list} simultaneously`] },
    ));
    const priority = await call(mock, 'POST', '/routes', { json: { paths: ['/a'], priority: 5 } });
    expect(priority.body.fields['@entity']).toEqual([`Router Expression failed validation: cannot set 'priority' with ${list} simultaneously`]);
    const nothing = await call(mock, 'POST', '/routes', { json: {} });
    expect(nothing.body.fields['@entity']).toEqual(["must set one of 'methods', 'hosts', 'headers', 'paths', 'snis', 'expression' when 'protocols' is 'https'"]);
  });

  it('does not exist with the default flavor', async () => {
    const mock = await newMock();
    expect((await call(mock, 'GET', '/')).body.configuration.router_flavor).toBe('traditional_compatible');
    const res = await call(mock, 'POST', '/routes', { json: { paths: ['/a'], expression: 'x' } });
    expect(res.body).toEqual(violation('schema violation (expression: unknown field)', { expression: 'unknown field' }));
  });
});
