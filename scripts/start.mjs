#!/usr/bin/env node
/**
 * `npm start`: runs the built command line, building it first only when dist/ is missing or older
 * than the sources (a stat of each source file, a few milliseconds). The command line runs in this
 * same process, and `npm start` execs it: npm's SIGTERM/SIGINT reach the server itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');
const INPUTS = ['src', 'conformance', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build-package.mjs'];

/** Newest modification time of the files the build reads (tests are not part of the build). */
function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return path.endsWith('.test.ts') ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, name)));
  return newest;
}

function stale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return INPUTS.some((input) => existsSync(join(root, input)) && newestChange(join(root, input)) > built);
}

if (stale()) {
  console.error('kong-admin-mock: sources changed since the last build; building dist/ (npm run build)');
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-package.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
await import(pathToFileURL(join(root, 'dist', 'src', 'cli.js')).href);
