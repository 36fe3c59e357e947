import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMock } from '../admin/mock.ts';
import { call, tempDir } from '../testkit.ts';
import { loadDeclarativeText } from './load.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const cert = (name: string): string => readFileSync(join(ROOT, 'fixtures', 'certs', name), 'utf8');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `kong-admin-mock serve …`; stops it once `until` shows up on stdout. */
function serve(args: string[], until?: RegExp): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'serve', '--port', '0', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (until?.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('serve --config', () => {
  it('prints Kong\'s /config error on stderr and exits 1 for an invalid file', async () => {
    const dir = tempDir('config-');
    const file = join(dir, 'kong.yml');
    writeFileSync(file, '_format_version: "3.0"\nservices:\n- name: a\n');
    const run = await serve(['--config', file]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('declarative config is invalid: {services={{host="required field missing"}}}');
  }, 30_000);

  it('preloads a valid file before listening, DB-less or not', async () => {
    const run = await serve(['--config', join(ROOT, 'fixtures', 'configs', 'basic.yml'), '--kong-version', '2.8', '--db-less'], /Admin API on/);
    expect(run.stdout).toMatch(/declarative config .*basic\.yml \(12 entities loaded\)/);
    expect(run.stdout).toMatch(/Kong 2\.8 Admin API on http:\/\/127\.0\.0\.1:\d+/);
  }, 30_000);

  it('with --state, the configuration replaces the stored entities and is written to the file', async () => {
    const state = join(tempDir('state-'), 'store.json');
    const run = await serve(['--state', state, '--config', join(ROOT, 'fixtures', 'configs', 'tags.yml')], /Admin API on/);
    expect(run.stdout).toContain('(8 entities loaded)');
    const saved = JSON.parse(readFileSync(state, 'utf8')) as { tables: Record<string, Array<{ name?: string }>> };
    expect(saved.tables.services.map((s) => s.name).sort()).toEqual(['billing', 'ledger']);
  }, 30_000);
});

describe('certificates in a declarative configuration', () => {
  it('loads certificates with nested SNIs and CA certificates referenced by services', async () => {
    const mock = await createMock();
    const config = {
      _format_version: '3.0',
      ca_certificates: [{ id: '0c1f8a53-5b6b-4f41-9d1c-7a1c1d6c2a10', cert: cert('ca.crt') }],
      certificates: [{ cert: cert('rsa.crt'), key: cert('rsa.key'), snis: [{ name: 'ssl-example.test' }, { name: '*.example.test' }] }],
      services: [{ name: 'secure', url: 'https://secure.test', tls_verify: true, ca_certificates: ['0c1f8a53-5b6b-4f41-9d1c-7a1c1d6c2a10'] }],
      upstreams: [{ name: 'u' }],
      targets: [{ target: '10.0.0.1:80', upstream: 'u' }, { target: '10.0.0.2:80', upstream: 'missing' }],
    };
    const bad = await loadDeclarativeText(mock, JSON.stringify(config));
    expect((bad.error?.body as { fields: unknown }).fields).toEqual({
      targets: { '10.0.0.2:80': ["invalid reference 'upstream: missing' (no such entry in 'upstreams')"] },
    });
    config.targets.pop();
    const loaded = await loadDeclarativeText(mock, JSON.stringify(config));
    expect(loaded.error).toBeUndefined();
    const snis = await call(mock, 'GET', '/snis');
    expect(snis.body.data.map((s: { name: string }) => s.name).sort()).toEqual(['*.example.test', 'ssl-example.test']);
    const certificate = await call(mock, 'GET', '/certificates/ssl-example.test');
    expect(certificate.body.snis.sort()).toEqual(['*.example.test', 'ssl-example.test']);
    expect((await call(mock, 'GET', '/services/secure')).body.ca_certificates).toEqual(['0c1f8a53-5b6b-4f41-9d1c-7a1c1d6c2a10']);
    expect((await call(mock, 'GET', '/upstreams/u/targets')).body.data).toHaveLength(1);
  });
});
