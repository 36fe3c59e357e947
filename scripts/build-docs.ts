/**
 * `npm run docs`: the API reference as one HTML file (dist/docs/index.html) that works opened from
 * disk with no network: the document and Redoc's standalone bundle (the `redoc` package, a
 * devDependency; as a data: URL, so no text of it can end the page's script) are inlined, the page names no remote font, script or stylesheet, and Redoc 2
 * reports nothing anywhere.
 *
 *   npx tsx scripts/build-docs.ts [--out FILE]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

type Obj = Record<string, any>;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SYSTEM_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const MONO_FONTS = 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace';

/** How an entity's operations read: its collection, the entity, what it points to, then under a parent. */
const SCOPE_ORDER = ['collection', 'entity', 'foreign', 'nested-collection', 'nested-entity'];

function scopeRank(item: Obj): number {
  const scopes = Object.values(item).map((op) => (op as Obj)?.['x-kong-operation']?.scope as string | undefined);
  const rank = SCOPE_ORDER.indexOf(scopes.find(Boolean) ?? '');
  return rank < 0 ? SCOPE_ORDER.length : rank;
}

/** Redoc lists a tag's operations in the order of the document's paths: put them in reading order. */
export function inReadingOrder(doc: Obj): Obj {
  const paths = Object.entries(doc.paths as Obj).map(([path, item], index) => ({ path, item: item as Obj, index }));
  paths.sort((x, y) => scopeRank(x.item) - scopeRank(y.item) || x.index - y.index);
  return { ...doc, paths: Object.fromEntries(paths.map(({ path, item }) => [path, item])) };
}

/** JSON safe inside an inline <script>: `</` and `<!--` only occur inside JSON strings, where they can be escaped. */
function scriptSafeJson(text: string): string {
  return text.replace(/<\//g, '<\\/').replace(/<!--/g, '<\\!--').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Redoc's sidebar shows Redocly's logo from a CDN, the one request the bundle makes by itself: the
 * logo becomes an empty inline image (the "API docs by Redocly" link stays).
 */
export function withoutRemoteLogo(bundle: string): string {
  const remote = '"https://cdn.redoc.ly/redoc/logo-mini.svg"';
  if (!bundle.includes(remote)) throw new Error(`redoc bundle: ${remote} not found; check what this Redoc version loads`);
  return bundle.split(remote).join(`"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"`);
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderDocsPage(doc: Obj, redocBundle: string): string {
  const options = {
    theme: { typography: { fontFamily: SYSTEM_FONTS, headings: { fontFamily: SYSTEM_FONTS }, code: { fontFamily: MONO_FONTS } } },
    hideDownloadButton: false,
    jsonSampleExpandLevel: 2,
  };
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' data: blob:; worker-src blob:; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'none'">
<title>${escapeHtml(String(doc.info?.title ?? 'API reference'))}</title>
<style>body { margin: 0; padding: 0; }</style>
</head>
<body>
<div id="redoc"></div>
<script src="data:text/javascript;base64,${Buffer.from(withoutRemoteLogo(redocBundle)).toString('base64')}"></script>
<script>
Redoc.init(${scriptSafeJson(JSON.stringify(inReadingOrder(doc)))}, ${JSON.stringify(options)}, document.getElementById('redoc'));
</script>
</body>
</html>
`;
}

function main(): void {
  const { values } = parseArgs({ options: { out: { type: 'string', default: join(ROOT, 'dist', 'docs', 'index.html') } } });
  const doc = parse(readFileSync(join(ROOT, 'openapi', 'kong-admin.yaml'), 'utf8')) as Obj;
  const bundle = readFileSync(createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js'), 'utf8');
  const out = values.out as string;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, renderDocsPage(doc, bundle));
  console.log(`${out}: ${Math.round(readFileSync(out).length / 1024)} KiB, works offline`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
