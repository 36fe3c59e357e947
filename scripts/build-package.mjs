#!/usr/bin/env node
/**
 * `npm run build`: the package's JavaScript and declarations in dist/ (tsc with tsconfig.build.json).
 * Plain JavaScript so that it runs before anything is built, without a TypeScript loader.
 *
 * tsc rewrites the sources' `./x.ts` specifiers to `./x.js` in the JavaScript it emits, but not in
 * the declarations; a consumer's compiler would then look for `.ts` files that are not shipped,
 * so the declarations get the same rewrite here. The generated document types are a `.d.ts`
 * source, which tsc never copies: such files are copied as they are.
 *
 * A CommonJS copy of each entry point (dist/cjs/*.cjs, bundled by esbuild, dependencies left as
 * `require`s except the ES-module-only @noble ones, bundled in) serves `require()`, which is what jest's default configuration does: it cannot load
 * ES modules from node_modules without --experimental-vm-modules.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');

export const BUILD_STAMP = join(out, '.build-stamp');

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

/** Entry points of the package and the CommonJS file each one also gets. */
const CJS_ENTRIES = { index: 'src/index.ts', msw: 'src/http/msw.ts', node: 'src/http/node.ts', conformance: 'conformance/index.ts' };

for (const dir of ['src', 'conformance', 'cjs']) rmSync(join(out, dir), { recursive: true, force: true });
rmSync(BUILD_STAMP, { force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

// Generated modules kept as JavaScript or declarations in the sources (the document's types, for
// one) are not tsc's to emit: they are copied beside the compiled files that import them.
for (const dir of ['src', 'conformance']) {
  for (const file of files(join(root, dir))) {
    if (!/\.(d\.ts|js|mjs)$/.test(file)) continue;
    const target = join(out, relative(root, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
}

const relativeTs = /((?:from|import)\s*\(?\s*['"])(\.\.?\/[^'"]+)\.ts(['"])/g;
for (const file of files(out)) {
  if (!file.endsWith('.d.ts')) continue;
  const text = readFileSync(file, 'utf8');
  const rewritten = text.replace(relativeTs, '$1$2.js$3');
  if (rewritten !== text) writeFileSync(file, rewritten);
}
/** Every package the entry points may import that ships CommonJS (and so is left to `require`). */
function cjsExternals() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const names = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})].filter((name) => !name.startsWith('@noble/'));
  return names.flatMap((name) => [name, `${name}/*`]);
}

const { build } = await import('esbuild');
await build({
  entryPoints: Object.fromEntries(Object.entries(CJS_ENTRIES).map(([name, file]) => [name, join(root, file)])),
  outdir: join(out, 'cjs'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // dependencies stay `require`s, except the ES-module-only ones (@noble/*), which require() cannot load
  external: cjsExternals(),
  logLevel: 'warning',
  // the sources find the package's files from import.meta.url, which CommonJS spells __filename
  define: { 'import.meta.url': '__kongAdminMockUrl' },
  banner: { js: "const __kongAdminMockUrl = require('node:url').pathToFileURL(__filename).href;" },
});
writeFileSync(join(out, 'cjs', 'package.json'), '{ "type": "commonjs" }\n');

writeFileSync(BUILD_STAMP, `${new Date().toISOString()}\n`);
