import { describe, expect, it, onTestFinished } from 'vitest';
import { join } from 'node:path';
import { call, newMock, tempDir } from '../testkit.ts';
import { openState } from './open-state.ts';

/** A 3.9 mock persisted to `file`; closed with the test unless `keep` is asked for. */
async function open(file: string) {
  const mock = await newMock();
  const { state } = openState(file, mock.store, { kongVersion: '3.9', log: () => undefined });
  mock.persistWith(state);
  return { mock, state };
}

describe('--state and the control surface', () => {
  it('a restore, a reset and a kong.yml loaded over /__mock/ are what the state file holds after a restart', async () => {
    const file = join(tempDir('state-control-'), 'kong.json');
    const first = await open(file);
    expect((await call(first.mock, 'POST', '/services', { json: { name: 'kept', host: 'a.test' } })).status).toBe(201);
    expect((await call(first.mock, 'POST', '/__mock/snapshots', { json: { name: 'base' } })).status).toBeLessThan(300);
    expect((await call(first.mock, 'POST', '/services', { json: { name: 'dropped', host: 'b.test' } })).status).toBe(201);
    expect((await call(first.mock, 'POST', '/__mock/snapshots/base/restore')).status).toBe(200);
    await first.state.close();

    const second = await open(file);
    expect(((await call(second.mock, 'GET', '/services')).body as { data: { name: string }[] }).data.map((s) => s.name)).toEqual(['kept']);
    expect((await call(second.mock, 'POST', '/__mock/reset')).status).toBe(204);
    await second.state.close();

    const third = await open(file);
    onTestFinished(() => third.state.close());
    expect(((await call(third.mock, 'GET', '/services')).body as { data: unknown[] }).data).toEqual([]);
  });
});
