/**
 * The packed package in a browser app, as the README shows it: a Vite project outside the
 * repository installs the tarball, msw and vite, runs `npx msw init public`, builds the README's
 * setupWorker snippet and serves it with `vite preview`; headless Chromium then creates a service,
 * a route, a certificate with an SNI and a key-auth credential through the service worker, lists
 * them, and gets Kong's error body for a duplicate.
 *
 * It needs the browser-safe core (the document compiled into src/spec/kong-admin.generated.js and
 * no Node built-ins in createMock's imports) and Debian's Chromium; it says so and skips otherwise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, freePort, readmeFiles, run } from './consumer.ts';

const ROOT = join(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const browserSafeCore = existsSync(join(ROOT, 'src', 'spec', 'kong-admin.generated.js'));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const dev = (name: string): string => `${name}@${pkg.devDependencies[name]}`;

const skipReason = !existsSync(CHROMIUM) ? `no ${CHROMIUM}` : !browserSafeCore ? 'the core is not browser-safe on this branch (no src/spec/kong-admin.generated.js)' : '';
const TITLE = 'the packed package in a Vite app with msw setupWorker, in headless Chromium';

describe.skipIf(skipReason !== '')(skipReason ? `${TITLE} (skipped: ${skipReason})` : TITLE, () => {
  const work = mkdtempSync(join(tmpdir(), 'kong-admin-mock-vite-'));
  const app = join(work, 'app');
  let preview: ChildProcess | undefined;
  let url = '';
  let browser: import('playwright-core').Browser;

  beforeAll(async () => {
    const packed = await run('npm', ['pack', '--pack-destination', work, '--silent'], ROOT);
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = join(work, packed.stdout.trim().split('\n').pop() as string);
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer-vite', private: true, type: 'module' }, null, 2));
    writeFileSync(join(app, 'index.html'), '<!doctype html>\n<title>app</title>\n<script type="module" src="./main.ts"></script>\n');
    writeFileSync(join(app, 'main.ts'), readmeFiles(join(ROOT, 'README.md')).get('types/browser.ts') as string);
    const installed = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball, dev('msw'), dev('vite')], app);
    expect(installed.code, installed.stderr).toBe(0);
    const init = await run('npx', ['msw', 'init', 'public', '--no-save'], app);
    expect(init.code, init.stdout + init.stderr).toBe(0);
    const built = await run('npx', ['vite', 'build', '--logLevel', 'warn'], app);
    expect(built.code, built.stdout + built.stderr).toBe(0);
    const port = await freePort();
    preview = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: app, env: cleanEnv(), detached: true, stdio: 'ignore' });
    url = `http://127.0.0.1:${port}/`;
    for (let i = 0; i < 300; i++) {
      if (await fetch(url).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    if (preview?.pid) process.kill(-preview.pid, 'SIGTERM');
    await rm(work, { recursive: true, force: true });
  }, 300_000);

  it('creates, lists and refuses a duplicate through the service worker', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    const certs = join(ROOT, 'fixtures', 'certs');
    const answers = await page.evaluate(
      async ({ cert, key }) => {
        const kong = async (method: string, path: string, json?: unknown) => {
          const res = await fetch(`http://localhost:8001${path}`, {
            method,
            headers: json === undefined ? {} : { 'Content-Type': 'application/json' },
            body: json === undefined ? undefined : JSON.stringify(json),
          });
          return { status: res.status, body: res.status === 204 ? null : await res.json() };
        };
        const service = await kong('POST', '/services', { name: 'billing', url: 'http://billing.internal:8080/v1' });
        const route = await kong('POST', '/services/billing/routes', { name: 'billing-api', paths: ['/billing'] });
        const certificate = await kong('POST', '/certificates', { cert, key, snis: ['billing.example.test'] });
        await kong('POST', '/consumers', { username: 'ann' });
        const credential = await kong('POST', '/consumers/ann/key-auth', { key: 'ann-secret-key' });
        const services = await kong('GET', '/services');
        const routes = await kong('GET', '/services/billing/routes');
        const snis = await kong('GET', `/certificates/${certificate.body.id}/snis`);
        const keys = await kong('GET', '/consumers/ann/key-auth');
        const duplicate = await kong('POST', '/services', { name: 'billing', host: 'other.internal' });
        return { service, route, certificate, credential, services, routes, snis, keys, duplicate };
      },
      { cert: readFileSync(join(certs, 'rsa.crt'), 'utf8'), key: readFileSync(join(certs, 'rsa.key'), 'utf8') },
    );
    expect([answers.service.status, answers.route.status, answers.certificate.status, answers.credential.status]).toEqual([201, 201, 201, 201]);
    expect(answers.services.body.data.map((s: { name: string; port: number; path: string }) => [s.name, s.port, s.path])).toEqual([['billing', 8080, '/v1']]);
    expect(answers.routes.body.data.map((r: { name: string; service: { id: string } }) => [r.name, r.service.id])).toEqual([['billing-api', answers.service.body.id]]);
    expect(answers.certificate.body.snis).toEqual(['billing.example.test']);
    expect(answers.snis.body.data.map((s: { name: string }) => s.name)).toEqual(['billing.example.test']);
    expect(answers.keys.body.data.map((k: { key: string }) => k.key)).toEqual(['ann-secret-key']);
    expect(answers.duplicate).toEqual({
      status: 409,
      body: { code: 5, name: 'unique constraint violation', message: `UNIQUE violation detected on '{name="billing"}'`, fields: { name: 'billing' } },
    });
    expect(errors).toEqual([]);
  }, 120_000);
});
