/**
 * The control surface as methods of the mock object, for tests that hold the mock in-process.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMock } from '../admin/mock.ts';
import { call } from '../testkit.ts';

const T0 = 1_800_000_000_000;

describe('the request journal', () => {
  it('keeps the newest requests up to its size, oldest first', async () => {
    const mock = await createMock({ journalSize: 3 });
    for (const name of ['a', 'b', 'c', 'd', 'e']) await call(mock, 'PUT', `/services/${name}`, { json: { host: `${name}.internal` } });
    expect(mock.journal.list().map((e) => e.path)).toEqual(['/services/c', '/services/d', '/services/e']);
    expect(mock.journal.list().map((e) => e.seq)).toEqual([3, 4, 5]);
    mock.journal.resize(2);
    expect(mock.journal.list().map((e) => e.path)).toEqual(['/services/d', '/services/e']);
  });

  it('records nothing with size 0', async () => {
    const mock = await createMock({ journalSize: 0 });
    await call(mock, 'GET', '/services');
    expect(mock.journal.list()).toEqual([]);
  });

  it('filters by method, path pattern and status', async () => {
    const mock = await createMock();
    await call(mock, 'POST', '/services', { json: { name: 'svc', host: 'svc.internal' } });
    await call(mock, 'POST', '/services', { json: { name: 'svc', host: 'svc.internal' } });
    await call(mock, 'GET', '/services/svc?size=1');
    expect(mock.journal.list({ method: 'post', status: 409 }).map((e) => e.response)).toEqual([
      { code: 5, name: 'unique constraint violation', message: 'UNIQUE violation detected on \'{name="svc"}\'', fields: { name: 'svc' } },
    ]);
    expect(mock.journal.list({ path: '/services/*' }).map((e) => e.query)).toEqual(['size=1']);
  });
});

describe('snapshots in process', () => {
  it('keep a key-auth credential with its expiry time', async () => {
    let now = T0;
    const mock = await createMock({ clock: () => now });
    await call(mock, 'POST', '/consumers', { json: { username: 'ann' } });
    await call(mock, 'POST', '/consumers/ann/key-auth', { json: { key: 'k1', ttl: 100 } });
    mock.snapshot('with-key');
    now += 101_000;
    expect((await call(mock, 'GET', '/consumers/ann/key-auth/k1')).status).toBe(404);
    now = T0 + 40_000;
    expect(mock.restore('with-key')).toBe(true);
    expect((await call(mock, 'GET', '/consumers/ann/key-auth/k1')).body.ttl).toBe(60);
    expect(mock.restore('missing')).toBe(false);
  });

  it('reset forgets the dynamic log level too', async () => {
    const mock = await createMock();
    await call(mock, 'PUT', '/debug/node/log-level/debug');
    mock.reset();
    expect((await call(mock, 'GET', '/debug/node/log-level')).body).toEqual((await call(await createMock(), 'GET', '/debug/node/log-level')).body);
  });
});

describe('the clock', () => {
  it('times out a dynamic log level when advanced', async () => {
    const mock = await createMock({ clock: () => T0 });
    const fresh = (await call(mock, 'GET', '/debug/node/log-level')).body;
    await call(mock, 'PUT', '/debug/node/log-level/debug?timeout=30');
    expect((await call(mock, 'GET', '/debug/node/log-level')).body).toEqual({ message: 'log level: debug' });
    mock.clock.advance(31_000);
    expect((await call(mock, 'GET', '/debug/node/log-level')).body).toEqual(fresh);
  });

  it('runs from where it stood once resumed', async () => {
    let source = T0;
    const mock = await createMock({ clock: () => source });
    mock.clock.freeze();
    source += 5_000;
    expect(mock.clock.now()).toBe(T0);
    mock.clock.advance(1_000);
    mock.clock.resume();
    source += 2_000;
    expect(mock.clock.state()).toEqual({ now: T0 + 3_000, frozen: false });
  });
});

describe('latency', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  async function settlesOnlyAfter(ms: number, answer: Promise<unknown>): Promise<void> {
    let settled = false;
    void answer.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(ms - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
  }

  it('holds every answer for the global latency', async () => {
    const mock = await createMock({ latency: 200 });
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    await settlesOnlyAfter(200, call(mock, 'GET', '/services'));
  });

  it('adds a rule latency to the matching requests only', async () => {
    const mock = await createMock();
    mock.faults.add({ path: '/routes', latency: 300 });
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    await settlesOnlyAfter(300, call(mock, 'GET', '/routes'));
    let other = false;
    void call(mock, 'GET', '/services').then(() => (other = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(other).toBe(true);
  });

  it('picks a latency within a range', async () => {
    const mock = await createMock();
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    await settlesOnlyAfter(150, call(mock, 'GET', '/services', { headers: { 'x-kong-mock-fault': 'latency=100-200' } }));
    vi.restoreAllMocks();
  });
});

describe('loadConfig', () => {
  it('replaces the store with a kong.yml and reports an invalid one as Kong does', async () => {
    const mock = await createMock();
    await call(mock, 'POST', '/services', { json: { name: 'old', host: 'old.internal' } });
    const loaded = await mock.loadConfig('_format_version: "3.0"\nconsumers:\n- username: ann\n  keyauth_credentials:\n  - key: k1\n');
    expect(loaded.value?.count).toBe(2);
    expect(mock.counts()).toEqual({ consumers: 1, keyauth_credentials: 1 });
    const refused = await mock.loadConfig('_format_version: "3.0"\nconsumers:\n- {}\n');
    expect(refused.error?.status).toBe(400);
    expect(mock.counts()).toEqual({ consumers: 1, keyauth_credentials: 1 });
  });
});
