// The page of the in-browser check: createMock and createHandlers from the sources behind msw's
// setupWorker. The build copies msw's worker script (mockServiceWorker.js, from the installed
// msw, so its version always matches) next to index.html; nothing generated is committed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);

/** Emits msw's worker script at the site's root, where setupWorker registers it. */
const mswWorkerScript = {
  name: 'msw-worker-script',
  generateBundle() {
    const source = readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8');
    this.emitFile({ type: 'asset', fileName: 'mockServiceWorker.js', source });
  },
};

export default defineConfig({
  root,
  logLevel: 'warn',
  clearScreen: false,
  plugins: [mswWorkerScript],
  build: { outDir: fileURLToPath(new URL('../../test-output/worker/dist', import.meta.url)), emptyOutDir: true, target: 'es2022' },
  preview: { host: '127.0.0.1' },
});
