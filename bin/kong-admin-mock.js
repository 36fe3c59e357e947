#!/usr/bin/env node
// The installed command line: the JavaScript compiled into dist/ when the package was packed.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('kong-admin-mock: dist/ is missing; run `npm run build` in the package directory');
  process.exit(1);
}
await import(cli.href);
