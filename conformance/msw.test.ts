import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupServer } from 'msw/node';
import { createMock } from '../src/admin/mock.ts';
import { createHandlers } from '../src/http/msw.ts';
import { loadScenarios } from './scenario.ts';
import { runScenarios } from './runner.ts';
import { describeDeviation } from './report.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BASE = 'http://kong.test:8001';

const msw = setupServer(...createHandlers(await createMock(), { baseUrl: BASE }));
beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterAll(() => msw.close());

describe('the conformance suite through the msw adapter (setupServer)', () => {
  it('finds no deviation: the msw handlers serve every rule the node server does', async () => {
    const result = await runScenarios({ target: BASE, scenarios: loadScenarios(['fixtures/scenarios/**/*.yaml'], ROOT), root: ROOT });
    expect(result.deviations.map(describeDeviation)).toEqual([]);
    expect(result.steps.filter((s) => s.skipped).map((s) => `${s.scenario} › ${s.step}: ${s.skipped}`)).toEqual([]);
    expect(result.coverage.seedOperations).toEqual({ covered: 108, total: 108 });
  }, 120_000);
});
