/**
 * `npm run docs` writes one HTML file that must work opened from disk with the network blocked and
 * send nothing anywhere: headless Chromium opens it from file:// while every request that is not
 * file:, data: or blob: is recorded and aborted.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inReadingOrder } from '../scripts/build-docs.ts';

const ROOT = join(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

type Obj = Record<string, any>;

function titlesOfTag(doc: Obj, tag: string): string[] {
  return Object.values(doc.paths as Obj).flatMap((item) =>
    Object.values(item as Obj)
      .filter((op) => (op as Obj).tags?.includes(tag))
      .map((op) => (op as Obj).summary as string),
  );
}

describe('reference page: reading order', () => {
  it("lists an entity's own operations first, then what it points to, then its operations under a parent", () => {
    const doc = inReadingOrder(parse(readFileSync(join(ROOT, 'openapi', 'kong-admin.yaml'), 'utf8')) as Obj);
    expect(titlesOfTag(doc, 'Routes')).toEqual([
      'List routes',
      'Create a route',
      'Get a route',
      'Create or replace a route',
      'Update a route (partial)',
      'Delete a route',
      'Get the service a route points to',
      'Replace the service a route points to, or create one and link it',
      'Update the service a route points to',
      'Not allowed while the route points to a service',
      'List the routes of a service',
      'Create a route of a service',
      'Get a route of a service',
      'Create or replace a route of a service',
      'Update a route of a service (partial)',
      'Delete a route of a service',
    ]);
  });
});

const TITLE = 'reference page offline in headless Chromium';

describe.skipIf(!hasChromium)(hasChromium ? TITLE : `${TITLE} (skipped: no ${CHROMIUM})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'kong-admin-docs-'));
  const page = join(dir, 'index.html');
  let browser: import('playwright-core').Browser;

  beforeAll(async () => {
    execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'build-docs.ts'), '--out', page], { cwd: ROOT, stdio: 'pipe' });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders the operations and finds them by search, with no request leaving the machine', async () => {
    const tab = await browser.newPage();
    const remote: string[] = [];
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    // the page's Content-Security-Policy stops remote loads before they reach the network: count those attempts too
    tab.on('console', (message) => {
      if (/Content Security Policy/.test(message.text())) remote.push(message.text());
    });
    await tab.route('**/*', (route) => {
      const url = route.request().url();
      if (/^(file|data|blob):/.test(url)) return route.continue();
      remote.push(url);
      return route.abort();
    });
    await tab.goto(pathToFileURL(page).href);

    const heading = tab.locator('h2', { hasText: 'Create a consumer' }).first();
    await heading.waitFor({ timeout: 90_000 });
    expect(await heading.isVisible()).toBe(true);
    expect(await tab.title()).toMatch(/Kong/);

    await tab.getByPlaceholder('Search...').fill('certificate');
    const results = tab.locator('[data-role="search:results"]');
    await results.getByText('Get an SNI of a certificate').first().waitFor({ timeout: 30_000 });
    expect(await results.innerText()).toContain('Create a CA certificate');

    expect(errors).toEqual([]);
    expect(remote).toEqual([]);
  }, 180_000);
});
