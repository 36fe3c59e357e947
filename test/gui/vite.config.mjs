// The admin page of the browser check, built and served by Vite. `npm run gui` starts its dev
// server on http://127.0.0.1:5173 for a look by hand against `npm start`; the test builds it with
// this config and serves the build with `vite preview`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  logLevel: 'warn',
  clearScreen: false,
  build: { outDir: fileURLToPath(new URL('../../test-output/gui/dist', import.meta.url)), emptyOutDir: true },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1' },
});
