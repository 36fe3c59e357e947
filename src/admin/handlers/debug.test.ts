/**
 * The special node endpoints (reference §7.6): cache, timers, DNS status, dynamic log level and
 * clustering, in both profiles, with Kong's exact bodies.
 */
import { describe, expect, it } from 'vitest';
import { call, newMock } from '../../testkit.ts';
import { createMock } from '../mock.ts';

const NOT_CP = { message: 'this endpoint is only available when Kong is configured to run as Control Plane for the cluster' };

describe.each(['3.9', '2.8'] as const)('cache and clustering (%s)', (version) => {
  it('the cache is empty: GET answers 404, DELETE 204', async () => {
    const mock = await newMock(version);
    expect(await call(mock, 'GET', '/cache/services:abc')).toMatchObject({ status: 404, body: { message: 'Not found' } });
    expect(await call(mock, 'DELETE', '/cache/services:abc')).toMatchObject({ status: 204, text: '' });
    expect(await call(mock, 'DELETE', '/cache')).toMatchObject({ status: 204, text: '' });
    expect(await call(mock, 'GET', '/cache')).toMatchObject({ status: 405, body: { message: 'Method not allowed' } });
  });

  it('clustering answers 400 on a node that is not a control plane', async () => {
    const mock = await newMock(version);
    expect(await call(mock, 'GET', '/clustering/data-planes')).toMatchObject({ status: 400, body: NOT_CP });
    expect(await call(mock, 'GET', '/clustering/status')).toMatchObject({ status: 400, body: NOT_CP });
  });

  it('/endpoints lists the routes of the profile', async () => {
    const data = (await call(await newMock(version), 'GET', '/endpoints')).body.data as string[];
    expect(data).toEqual(expect.arrayContaining(['/cache', '/cache/{key}', '/clustering/data-planes', '/clustering/status']));
    const newer = ['/timers', '/status/dns', '/debug/node/log-level', '/debug/node/log-level/{log_level}', '/debug/cluster/log-level/{log_level}'];
    if (version === '3.9') expect(data).toEqual(expect.arrayContaining(newer));
    else for (const path of newer) expect(data).not.toContain(path);
  });
});

describe('3.x only routes', () => {
  it('2.8 has no /timers, /status/dns or /debug', async () => {
    const mock = await newMock('2.8');
    for (const [method, path] of [['GET', '/timers'], ['GET', '/status/dns'], ['GET', '/debug/node/log-level'], ['PUT', '/debug/node/log-level/debug'], ['PUT', '/debug/cluster/log-level/debug']]) {
      expect(await call(mock, method, path)).toMatchObject({ status: 404, body: { message: 'Not found' } });
    }
  });

  it('GET /timers has the timer-ng shape', async () => {
    const { status, body } = await call(await newMock(), 'GET', '/timers');
    expect(status).toBe(200);
    expect(body.worker).toEqual({ id: 0, count: 1 });
    expect(Object.keys(body.stats).sort()).toEqual(['flamegraph', 'sys', 'timers']);
    expect(body.stats.sys).toEqual({ total: 3, runs: 172, running: 0, pending: 0, waiting: 3 });
    expect(Object.keys(body.stats.timers)).toEqual(['kong_healthchecks', 'rate-limiting-sync', 'kong_cluster_events']);
    expect(body.stats.timers.kong_healthchecks).toMatchObject({ name: 'kong_healthchecks', stats: { runs: 12, finish: 12, elapsed_time: { min: 0, max: 3, avg: 1, variance: 0 } } });
    for (const key of ['running', 'pending', 'elapsed_time']) expect(typeof body.stats.flamegraph[key]).toBe('string');
  });

  it('GET /status/dns: the legacy DNS client answers 501', async () => {
    expect(await call(await newMock(), 'GET', '/status/dns')).toMatchObject({ status: 501, body: { message: 'not implemented with the legacy DNS client' } });
  });
});

describe('dynamic log level (3.9)', () => {
  it('starts at notice, changes, reports an unchanged level, and reverts after the timeout', async () => {
    let now = 1_700_000_000_000;
    const mock = await newMock('3.9', () => now);
    const get = async () => (await call(mock, 'GET', '/debug/node/log-level')).body;
    expect(await call(mock, 'GET', '/debug/node/log-level')).toMatchObject({ status: 200, body: { message: 'log level: notice' } });
    expect(await call(mock, 'PUT', '/debug/node/log-level/notice')).toMatchObject({ status: 200, body: { message: 'log level is already notice' } });
    expect(await call(mock, 'PUT', '/debug/node/log-level/debug')).toMatchObject({ status: 200, body: { message: 'log level changed' } });
    expect(await get()).toEqual({ message: 'log level: debug' });
    expect(await call(mock, 'PUT', '/debug/node/log-level/debug')).toMatchObject({ status: 200, body: { message: 'log level is already debug' } });
    now += 59_999;
    expect(await get()).toEqual({ message: 'log level: debug' });
    now += 1;
    expect(await get()).toEqual({ message: 'log level: notice' });
  });

  it('?timeout= is rounded up; 0 reverts at once; the cluster form changes this node', async () => {
    let now = 0;
    const mock = await newMock('3.9', () => now);
    const get = async () => (await call(mock, 'GET', '/debug/node/log-level')).body;
    expect((await call(mock, 'PUT', '/debug/cluster/log-level/emerg?timeout=1.2')).body).toEqual({ message: 'log level changed' });
    expect(await get()).toEqual({ message: 'log level: emerg' });
    now = 1_999;
    expect(await get()).toEqual({ message: 'log level: emerg' });
    now = 2_000;
    expect(await get()).toEqual({ message: 'log level: notice' });
    expect((await call(mock, 'PUT', '/debug/node/log-level/warn?timeout=0')).body).toEqual({ message: 'log level changed' });
    expect(await get()).toEqual({ message: 'log level: notice' });
    // a timeout that is not a number falls back to 60 s
    expect((await call(mock, 'PUT', '/debug/node/log-level/info?timeout=soon')).body).toEqual({ message: 'log level changed' });
    now += 60_000 - 1;
    expect(await get()).toEqual({ message: 'log level: info' });
  });

  it('rejects unknown levels and negative timeouts', async () => {
    const mock = await newMock();
    expect(await call(mock, 'PUT', '/debug/node/log-level/stderr')).toMatchObject({ status: 400, body: { message: 'unknown log level: stderr' } });
    expect(await call(mock, 'PUT', '/debug/cluster/log-level/DEBUG')).toMatchObject({ status: 400, body: { message: 'unknown log level: DEBUG' } });
    expect(await call(mock, 'PUT', '/debug/node/log-level/debug?timeout=-1')).toMatchObject({ status: 400, body: { message: 'timeout must be greater than or equal to 0' } });
    // the level is checked first
    expect((await call(mock, 'PUT', '/debug/node/log-level/stderr?timeout=-1')).body).toEqual({ message: 'unknown log level: stderr' });
    // -0.5 rounds up to 0
    expect((await call(mock, 'PUT', '/debug/node/log-level/debug?timeout=-0.5')).body).toEqual({ message: 'log level changed' });
    expect(await call(mock, 'GET', '/debug/node/log-level')).toMatchObject({ status: 200, body: { message: 'log level: notice' } });
  });

  it('levels are kept per instance', async () => {
    const a = await newMock();
    const b = await newMock();
    await call(a, 'PUT', '/debug/node/log-level/error');
    expect((await call(a, 'GET', '/debug/node/log-level')).body).toEqual({ message: 'log level: error' });
    expect((await call(b, 'GET', '/debug/node/log-level')).body).toEqual({ message: 'log level: notice' });
  });

  it('a DB-less node refuses changes with 405 but reports its level', async () => {
    const mock = await createMock({ dbless: true });
    expect(await call(mock, 'PUT', '/debug/node/log-level/debug')).toMatchObject({ status: 405, body: { message: 'cannot change log level when not using a database' } });
    expect(await call(mock, 'PUT', '/debug/cluster/log-level/stderr')).toMatchObject({ status: 405, body: { message: 'cannot change log level when not using a database' } });
    expect(await call(mock, 'GET', '/debug/node/log-level')).toMatchObject({ status: 200, body: { message: 'log level: notice' } });
  });
});
