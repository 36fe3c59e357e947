/**
 * The core in a real browser: test/worker (built with Vite, served by `vite preview`) runs
 * createMock and createHandlers from the sources behind msw's setupWorker in headless Chromium.
 * The conformance runner replays every scenario, for Kong 3.9 and 2.8, with a fetch that sends each
 * request from inside the page, so it goes through the service worker to the in-page mock; the page
 * itself creates a service, a route, a certificate with an SNI and a key-auth credential.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { loadScenarios, type Scenario } from '../conformance/scenario.ts';
import { runScenarios } from '../conformance/runner.ts';
import { describeDeviation } from '../conformance/report.ts';

const ROOT = join(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const CONFIG = join(import.meta.dirname, 'worker', 'vite.config.mjs');
const DIST = join(ROOT, 'test-output', 'worker', 'dist');

/** Header names a page's fetch may not set (the Fetch standard's forbidden request headers that scenarios use). */
const FORBIDDEN = /^(origin|access-control-request-[a-z-]+)$/i;

/** The scenarios without the steps whose headers a browser would drop, and the names of those steps. */
function browserSendable(scenarios: Scenario[]): { scenarios: Scenario[]; left: string[] } {
  const left: string[] = [];
  const kept = scenarios.map((scenario) => ({
    ...scenario,
    steps: scenario.steps.filter((step) => {
      const forbidden = Object.keys(step.request.headers ?? {}).some((name) => FORBIDDEN.test(name));
      if (forbidden) left.push(`${scenario.name} › ${step.name}`);
      return !forbidden;
    }),
  }));
  return { scenarios: kept, left };
}

describe('the core imports no Node built-in', () => {
  it('bundles for the browser: createMock, the msw handlers, spec, store, admin and entities', async () => {
    const { build } = await import('esbuild');
    const core = ['src/admin', 'src/entities', 'src/spec', 'src/store', 'src/crypto'].flatMap((dir) =>
      readdirSync(join(ROOT, dir), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
        .map((f) => join(ROOT, dir, f)),
    );
    const entry = [join(ROOT, 'src/http/msw.ts'), ...core].map((file) => `import ${JSON.stringify(file)};`).join('\n');
    const result = await build({ stdin: { contents: entry, resolveDir: ROOT }, bundle: true, write: false, platform: 'browser', format: 'esm', logLevel: 'silent' }).catch((e: { errors: Array<{ text: string }> }) => e);
    expect('errors' in result ? result.errors.map((e) => e.text) : []).toEqual([]);
  }, 60_000);
});

/** A fetch that runs each request with the page's own fetch (through its service worker) and hands back the answer. */
function pageFetch(page: Page): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? Buffer.from(await request.arrayBuffer()).toString('base64') : null;
    const answer = await page.evaluate(
      async ({ url, method, headers, body }) => {
        const bytes = body === null ? undefined : Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
        const res = await fetch(url, { method, headers, body: bytes, redirect: 'manual' });
        const received = new Uint8Array(await res.arrayBuffer());
        let binary = '';
        for (const b of received) binary += String.fromCharCode(b);
        return { status: res.status, headers: [...res.headers], body: btoa(binary), serviceWorker: navigator.serviceWorker.controller !== null };
      },
      { url: request.url, method: request.method, headers: [...request.headers], body },
    );
    if (!answer.serviceWorker) throw new Error('the page is not controlled by the service worker');
    const empty = answer.status === 204 || answer.status === 304 || request.method === 'HEAD';
    return new Response(empty ? null : Buffer.from(answer.body, 'base64'), { status: answer.status, headers: answer.headers });
  };
}

const TITLE = 'the mock in headless Chromium, behind msw setupWorker';

describe.skipIf(!hasChromium)(hasChromium ? TITLE : `${TITLE} (skipped: no ${CHROMIUM})`, () => {
  let url: string;
  let server: { close(): Promise<void> };
  let context: BrowserContext;
  const profile = mkdtempSync(join(tmpdir(), 'chromium-worker-'));

  beforeAll(async () => {
    const { build, preview } = await import('vite');
    await build({ configFile: CONFIG, logLevel: 'silent' });
    const previewServer = await preview({ configFile: CONFIG, logLevel: 'silent', preview: { port: 0, strictPort: false } });
    server = { close: () => previewServer.close() };
    url = (previewServer.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  /** A fresh page (and so a fresh mock) of one Kong version, once its worker is running. */
  async function openPage(version: '3.9' | '2.8'): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      // Chromium logs every 4xx answer as a failed resource: those are Kong's answers, not errors
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    await page.goto(`${url}/?version=${version}`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 30_000 }).catch(async () => {
      throw new Error(`the page did not start: ${await page.locator('#status').textContent()} ${errors.join('; ')}`);
    });
    return { page, errors };
  }

  it('ships msw worker script and a bundle with no Node built-in', () => {
    const files = readdirSync(DIST, { recursive: true }).map(String);
    expect(files).toEqual(expect.arrayContaining(['index.html', 'mockServiceWorker.js', expect.stringMatching(/^assets[\\/]index-[\w-]+\.js$/)]));
  });

  it('creates a service, a route, a certificate with an SNI and a key-auth credential from the page', async () => {
    const { page, errors } = await openPage('3.9');
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^Kong 3\.9 mock ready/);
    await page.click('#demo');
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 20_000 }).toBe('done');
    expect(await page.locator('#services li').allTextContents()).toEqual(['billing http://billing.internal:8080/v1']);
    expect(await page.locator('#routes li').allTextContents()).toEqual(['billing-api /billing → billing']);
    expect(await page.locator('#certificates li').allTextContents()).toEqual(['SNIs: billing.example.test']);
    expect(await page.locator('#credentials li').allTextContents()).toEqual(['ann: ann-secret-key']);
    const duplicate = await page.locator('#duplicate').textContent();
    expect(duplicate?.slice(0, 4)).toBe('409 ');
    expect(JSON.parse(duplicate!.slice(4))).toEqual({
      code: 5,
      name: 'unique constraint violation',
      message: 'UNIQUE violation detected on \'{name="billing"}\'',
      fields: { name: 'billing' },
    });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it.each(['3.9', '2.8'] as const)('runs the conformance scenarios of Kong %s through the service worker with no deviation', async (version) => {
    const { page, errors } = await openPage(version);
    const { scenarios, left } = browserSendable(loadScenarios(['fixtures/scenarios/**/*.yaml'], ROOT));
    // a page cannot set Origin or Access-Control-Request-* (forbidden header names): only the CORS steps
    expect(left.length).toBeLessThanOrEqual(3);
    for (const step of left) expect(step).toMatch(/OPTIONS|origin/i);
    const result = await runScenarios({ target: `${url}/kong-admin`, scenarios, root: ROOT, kongVersion: version, fetch: pageFetch(page) });
    expect(result.deviations.map(describeDeviation)).toEqual([]);
    expect(result.steps.length).toBeGreaterThan(100);
    expect(result.coverage.seedOperations).toEqual({ covered: 108, total: 108 });
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
