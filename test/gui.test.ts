/**
 * A browser check: the small admin page in test/gui (built with Vite, served by `vite preview` on
 * its own port) drives the mock on another port from headless Chromium — cross-origin fetches with credentials and JSON bodies, so
 * every write is preceded by a CORS preflight. Lists, creates a service and a route, edits the
 * service, deletes both; a screenshot of the service list goes to test-output/gui/. Against the 2.8
 * profile (CORS `*` only, as Kong before 3.4) the same page is blocked by the browser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMock } from '../src/admin/mock.ts';
import { listen, type RunningServer } from '../src/http/node.ts';
import type { AdminRequest } from '../src/admin/types.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const GUI = join(import.meta.dirname, 'gui');
const OUT = join(import.meta.dirname, '..', 'test-output', 'gui');
const CONFIG = join(GUI, 'vite.config.mjs');

/** Builds test/gui with Vite and serves the build with `vite preview` on an ephemeral port. */
async function serveGui(): Promise<{ server: { close(): Promise<void> }; url: string; files: string[] }> {
  const { build, preview } = await import('vite');
  await build({ configFile: CONFIG, logLevel: 'silent' });
  const files = readdirSync(join(OUT, 'dist'), { recursive: true }).map(String).sort();
  const server = await preview({ configFile: CONFIG, logLevel: 'silent', preview: { port: 0, strictPort: false } });
  const url = (server.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');
  return { server: { close: () => server.close() }, url, files };
}

const TITLE = 'admin GUI in headless Chromium';

describe.skipIf(!hasChromium)(hasChromium ? TITLE : `${TITLE} (skipped: no ${CHROMIUM})`, () => {
  let kong: RunningServer;
  let gui: Awaited<ReturnType<typeof serveGui>>;
  const seen: Array<{ method: string; path: string; origin: unknown }> = [];
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  let context: import('playwright-core').BrowserContext;

  beforeAll(async () => {
    const mock = await createMock({ version: '3.9' });
    const recorder = {
      handle: (req: AdminRequest) => {
        seen.push({ method: req.method, path: req.path, origin: req.headers.origin });
        return mock.handle(req);
      },
      attachStats: mock.attachStats.bind(mock),
    };
    kong = await listen(recorder, { port: 0, host: '127.0.0.1' });
    gui = await serveGui();
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await kong?.close();
    await gui?.server.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('lists, creates, edits and deletes services and routes across origins', async () => {
    await fetch(`${kong.url}/services`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'existing', host: 'existing.test' }) });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    // the page is Vite's build: a hashed bundle, not the source file
    expect(gui.files).toEqual(expect.arrayContaining(['index.html', expect.stringMatching(/^assets[\\/]index-[\w-]+\.js$/)]));
    await page.goto(`${gui.url}/?admin=${encodeURIComponent(kong.url)}`);
    expect(await page.locator('script[type=module]').getAttribute('src')).toMatch(/^\/assets\/index-[\w-]+\.js$/);

    const status = page.locator('#status');
    const services = page.locator('#services tbody tr');
    const routes = page.locator('#routes tbody tr');
    await expect.poll(() => status.textContent()).toBe('Ready');
    expect(await page.locator('#node').textContent()).toBe('Kong 3.9.3');
    expect(await services.count()).toBe(1);
    expect(await services.locator('td').allTextContents()).toEqual(['existing', 'existing.test', '80', '', 'EditDelete']);
    expect(await routes.allInnerTexts()).toEqual(['No routes']);

    // create a service
    await page.fill('#new-service [name=name]', 'web');
    await page.fill('#new-service [name=url]', 'http://web.test:8080/app');
    await page.click('#new-service button');
    await expect.poll(() => status.textContent()).toBe('Created service web');
    const web = page.locator('#services tr[data-name=web] td');
    expect(await web.allTextContents()).toEqual(['web', 'web.test', '8080', '/app', 'EditDelete']);
    mkdirSync(OUT, { recursive: true });
    await page.locator('#services').screenshot({ path: join(OUT, 'services.png') });
    expect(existsSync(join(OUT, 'services.png'))).toBe(true);

    // create a route on it
    await page.selectOption('#new-route select', { label: 'web' });
    await page.fill('#new-route [name=name]', 'web-root');
    await page.fill('#new-route [name=path]', '/web');
    await page.click('#new-route button');
    await expect.poll(() => status.textContent()).toBe('Created route web-root');
    expect(await page.locator('#routes tr[data-name=web-root] td').allTextContents()).toEqual(['web-root', '/web', 'web', 'Delete']);

    // an invalid route shows Kong's error
    await page.fill('#new-route [name=name]', 'bad');
    await page.fill('#new-route [name=path]', 'no-slash');
    await page.click('#new-route button');
    await expect.poll(() => status.getAttribute('class')).toBe('error');
    expect(await status.textContent()).toContain('400 schema violation (paths.1: should start with: / (fixed path) or ~/ (regex path))');

    // edit the service
    expect(await page.locator('#edit-service').isVisible()).toBe(false);
    await page.locator('#services tr[data-name=web]').getByRole('button', { name: 'Edit' }).click();
    await page.fill('#edit-service [name=host]', 'web2.test');
    await page.click('#edit-service button');
    await expect.poll(() => status.textContent()).toBe('Updated service web');
    expect(await web.nth(1).textContent()).toBe('web2.test');
    expect(await page.locator('#edit-service').isVisible()).toBe(false);
    await page.screenshot({ path: join(OUT, 'page.png'), fullPage: true });

    // deleting the service while a route points at it shows the foreign key error
    await page.locator('#services tr[data-name=web]').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => status.textContent()).toContain("400 an existing 'routes' entity references this 'services' entity");

    // delete the route, then the service
    await page.locator('#routes tr[data-name=web-root]').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => status.textContent()).toBe('Deleted route web-root');
    expect(await routes.allInnerTexts()).toEqual(['No routes']);
    await page.locator('#services tr[data-name=web]').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => status.textContent()).toBe('Deleted service web');
    expect(await services.locator('td:first-child').allTextContents()).toEqual(['existing']);

    // the browser sent preflights for the JSON writes and an Origin on every call
    const preflighted = seen.filter((r) => r.method === 'OPTIONS').map((r) => r.path);
    expect(preflighted).toEqual(expect.arrayContaining(['/services', expect.stringMatching(/^\/services\/[0-9a-f-]+\/routes$/), expect.stringMatching(/^\/services\/[0-9a-f-]+$/)]));
    const fromPage = seen.filter((r) => r.origin !== undefined);
    expect(fromPage.map((r) => r.method)).toEqual(expect.arrayContaining(['GET', 'OPTIONS', 'POST', 'PATCH', 'DELETE']));
    expect(fromPage.every((r) => r.origin === gui.url)).toBe(true);
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  }, 60_000);

  it('against Kong 2.8 (Access-Control-Allow-Origin: *, no credentials) the browser blocks credentialed calls', async () => {
    const old = await listen(await createMock({ version: '2.8' }), { port: 0, host: '127.0.0.1' });
    try {
      const page = await context.newPage();
      await page.goto(`${gui.url}/?admin=${encodeURIComponent(old.url)}`);
      const status = page.locator('#status');
      await expect.poll(() => status.getAttribute('class')).toBe('error');
      expect(await status.textContent()).toBe('Failed to fetch');
      await page.close();
    } finally {
      await old.close();
    }
  }, 60_000);
});
