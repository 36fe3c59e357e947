import { describe, expect, it } from 'vitest';
import { createMock } from '../admin/mock.ts';
import { call } from '../testkit.ts';
import { loadDeclarativeText } from './load.ts';
import { migratePath, migrateTo30 } from './migrate.ts';

describe('2.x configurations read by Kong 3.x', () => {
  it('prefixes regex paths with ~ and normalises plain ones', () => {
    expect(migratePath('/users')).toBe('/users');
    expect(migratePath('/users/\\d+')).toBe('~/users/\\d+');
    expect(migratePath('/api/(v1|v2)/items$')).toBe('~/api/(v1|v2)/items$');
    expect(migratePath('/a/%7Bx%7D')).toBe('/a/{x}');
    expect(migratePath('/a/b/../c')).toBe('/a/c');
    expect(migratePath('/a%2e[0-9]')).toBe('~/a\\.[0-9]');
    expect(migratePath('/a%2F(x)')).toBe('~/a%2F(x)');
  });

  it('migrates top-level and nested routes of 1.1 and 2.1 files only', () => {
    const config = { _format_version: '2.1', routes: [{ paths: ['/r/\\d+'] }], services: [{ name: 's', routes: [{ paths: ['/x', '/y/.*'] }] }] };
    expect(migrateTo30(config)).toEqual({
      _format_version: '3.0',
      routes: [{ paths: ['~/r/\\d+'] }],
      services: [{ name: 's', routes: [{ paths: ['/x', '~/y/.*'] }] }],
    });
    const v3 = { _format_version: '3.0', routes: [{ paths: ['/r/\\d+'] }] };
    expect(migrateTo30(v3)).toBe(v3);
  });

  it('a 2.1 file with regex paths loads on 3.9 with ~ paths and on 2.8 as written', async () => {
    const text = '_format_version: "2.1"\nservices:\n- name: s\n  host: s.test\n  routes:\n  - name: r\n    paths: ["/users/\\\\d+"]\n';
    const v3 = await createMock({ version: '3.9' });
    expect((await loadDeclarativeText(v3, text)).error).toBeUndefined();
    expect((await call(v3, 'GET', '/routes/r')).body.paths).toEqual(['~/users/\\d+']);
    const v2 = await createMock({ version: '2.8' });
    expect((await loadDeclarativeText(v2, text)).error).toBeUndefined();
    expect((await call(v2, 'GET', '/routes/r')).body.paths).toEqual(['/users/\\d+']);
  });
});
