import { defineConfig } from 'vitest/config';

/** `npm run mutation`: the conformance scenarios, in process, are the only tests. */
export default defineConfig({
  test: {
    include: ['conformance/mutation/in-process.suite.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
