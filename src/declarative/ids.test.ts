import { describe, expect, it } from 'vitest';
import { createMock } from '../admin/mock.ts';
import { call } from '../testkit.ts';
import { loadDeclarativeText } from './load.ts';
import { uuidV5 } from './ids.ts';

describe('deterministic ids of declarative entities', () => {
  it('uuidV5 follows RFC 4122', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('the same file gives the same ids on every load; entities without a key get random ones', async () => {
    const text = [
      '_format_version: "3.0"',
      'services:',
      '- name: svc',
      '  host: svc.test',
      '  routes:',
      '  - paths: [/anonymous]',
      '  plugins:',
      '  - name: key-auth',
      'consumers:',
      '- username: alice',
      'upstreams:',
      '- name: up',
      '  targets:',
      '  - target: 10.0.0.1:80',
    ].join('\n');
    const ids = async (): Promise<Record<string, string>> => {
      const mock = await createMock();
      expect((await loadDeclarativeText(mock, text)).error).toBeUndefined();
      const get = async (path: string): Promise<string> => (await call(mock, 'GET', path)).body.data?.[0]?.id ?? (await call(mock, 'GET', path)).body.id;
      return {
        service: await get('/services/svc'),
        consumer: await get('/consumers/alice'),
        plugin: await get('/plugins'),
        target: await get('/upstreams/up/targets'),
        route: await get('/routes'),
      };
    };
    const first = await ids();
    const second = await ids();
    expect(second.service).toBe(first.service);
    expect(second.consumer).toBe(first.consumer);
    expect(second.plugin).toBe(first.plugin);
    expect(second.target).toBe(first.target);
    expect(second.route).not.toBe(first.route);
    expect(first.service).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // v5 of the name in the entity's namespace, which is v5 of the entity name in Kong's namespace
    expect(first.service).toBe(uuidV5(uuidV5('fd02801f-0957-4a15-a55a-c8d9606f30b5', 'services'), 'svc'));
    expect(first.plugin).toBe(uuidV5(uuidV5('fd02801f-0957-4a15-a55a-c8d9606f30b5', 'plugins'), `plugins:*:key-auth::${first.service}:`));
  });
});
