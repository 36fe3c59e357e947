import { describe, expect, it } from 'vitest';
import { createMock } from '../admin/mock.ts';
import { call } from '../testkit.ts';
import { parseSeedOption } from './seed.ts';

const T0 = 1_800_000_000_000;

async function seeded(body: unknown) {
  const mock = await createMock({ clock: () => T0 });
  const res = await call(mock, 'POST', '/__mock/seed', { json: body });
  return { mock, res };
}

describe('POST /__mock/seed', () => {
  it('creates services with routes and plugins, consumers with keys, upstreams with targets', async () => {
    const { mock, res } = await seeded({ seed: 7, volume: 20 });
    expect(res.status).toBe(201);
    expect(res.body.counts).toEqual({ services: 20, routes: 20, plugins: 12, consumers: 10, keyauth_credentials: 10, upstreams: 2, targets: 4 });
    expect(res.body.created).toBe(78);
    const plugin = (await call(mock, 'GET', '/plugins?size=1')).body.data[0];
    expect(['rate-limiting', 'cors']).toContain(plugin.name);
  });

  it('gives the same data for the same seed, other data for another', async () => {
    const a = await seeded({ seed: 42, volume: 5 });
    const b = await seeded({ seed: 42, volume: 5 });
    const c = await seeded({ seed: 43, volume: 5 });
    const dump = async (mock: typeof a.mock) => [(await call(mock, 'GET', '/services')).body, (await call(mock, 'GET', '/key-auths')).body, (await call(mock, 'GET', '/targets')).body];
    expect(await dump(b.mock)).toEqual(await dump(a.mock));
    expect(await dump(c.mock)).not.toEqual(await dump(a.mock));
  });

  it('refuses a seed it cannot read', async () => {
    const { res } = await seeded({ seed: 'x' });
    expect([res.status, res.body]).toEqual([400, { message: "'seed' must be a whole number" }]);
    expect(parseSeedOption('5:x')).toEqual({ error: "invalid --seed '5:x' (expected N or N:volume)" });
    expect(parseSeedOption('5:100')).toEqual({ ok: { seed: 5, volume: 100 } });
  });
});
