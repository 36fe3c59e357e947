import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMock } from '../src/admin/mock.ts';
import { listen, type RunningServer } from '../src/http/node.ts';
import { loadScenarios } from './scenario.ts';
import { runScenarios } from './runner.ts';
import { describeDeviation, summarize } from './report.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

let server: RunningServer;
let old: RunningServer;
beforeAll(async () => {
  server = await listen(await createMock(), { port: 0 });
  old = await listen(await createMock({ version: '2.8' }), { port: 0 });
});
afterAll(async () => {
  await server.close();
  await old.close();
});

describe('the conformance suite against the mock (Kong 3.9)', () => {
  it('finds no deviation and covers every seed operation', async () => {
    const scenarios = loadScenarios(['fixtures/scenarios/**/*.yaml'], ROOT);
    const result = await runScenarios({ target: server.url, scenarios, root: ROOT, kongVersion: '3.9' });
    expect(result.deviations.map(describeDeviation)).toEqual([]);
    expect(result.steps.filter((s) => s.skipped).map((s) => `${s.scenario} › ${s.step}: ${s.skipped}`)).toEqual([]);
    expect(summarize(result).steps).toBeGreaterThan(0);
    expect(result.coverage.missingSeedOperations).toEqual([]);
  }, 120_000);
});

describe('the conformance suite against the mock (Kong 2.8 profile)', () => {
  it('finds no deviation with the 2.8 expectations and covers every seed operation', async () => {
    const scenarios = loadScenarios(['fixtures/scenarios/**/*.yaml'], ROOT);
    const result = await runScenarios({ target: old.url, scenarios, root: ROOT, kongVersion: '2.8' });
    expect(result.deviations.map(describeDeviation)).toEqual([]);
    expect(result.steps.filter((s) => s.skipped).map((s) => `${s.scenario} › ${s.step}: ${s.skipped}`)).toEqual([]);
    expect(result.coverage.seedOperations).toEqual({ covered: 108, total: 108 });
  }, 120_000);
});

describe('the conformance suite against the mock with --strict (no control surface)', () => {
  it('finds no deviation, and /__mock/ answers as any unknown path of Kong does', async () => {
    const strict = await listen(await createMock({ control: false }), { port: 0 });
    try {
      const scenarios = loadScenarios(['fixtures/scenarios/**/*.yaml'], ROOT);
      const result = await runScenarios({ target: strict.url, scenarios, root: ROOT, kongVersion: '3.9' });
      expect(result.deviations.map(describeDeviation)).toEqual([]);
      const reset = await fetch(`${strict.url}/__mock/reset`, { method: 'POST' });
      expect(reset.status).toBe(404);
      expect(await reset.json()).toEqual({ message: 'Not found' });
    } finally {
      await strict.close();
    }
  }, 120_000);
});
