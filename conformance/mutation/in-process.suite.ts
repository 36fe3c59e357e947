/**
 * The conformance suite as the only tests of `npm run mutation`: every scenario, in both Kong
 * profiles, against the mock's core in this process. One test per scenario so that Stryker runs
 * only the scenarios that reach a mutant, and stops at the first one that fails.
 *
 * No sockets: `fetch` to the fake origins is answered by `handle` directly (through the same
 * Request/Response conversions as the msw adapter), so a mutant of the core is what answers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMock } from '../../src/admin/mock.ts';
import { loadSpec, type Spec } from '../../src/spec/index.ts';
import type { AdminHandler } from '../../src/admin/types.ts';
import { fromFetchRequest, toFetchResponse } from '../../src/http/msw.ts';
import { loadScenarios } from '../scenario.ts';
import { runScenarios } from '../runner.ts';
import { describeDeviation } from '../report.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const PROFILES = ['3.9', '2.8'] as const;
const origin = (version: string) => `http://kong-${version.replace('.', '-')}.in-process`;

// Stryker reruns this file for every mutant; the parsed document (plain data, no rule code: the
// mutants live in src/admin and src/entities) is kept on globalThis so a rerun does not parse it again.
const SPECS = Symbol.for('kong-admin-mock.mutation.specs');
const specCache = ((globalThis as Record<symbol, unknown>)[SPECS] ??= new Map<string, Promise<Spec>>()) as Map<string, Promise<Spec>>;
const specFor = (version: (typeof PROFILES)[number]): Promise<Spec> => {
  if (!specCache.has(version)) specCache.set(version, loadSpec({ version }));
  return specCache.get(version)!;
};

// Made on first use: a run that Stryker narrows to one profile's scenarios builds one mock only.
const mocks = new Map<string, Promise<AdminHandler>>();
const realFetch = globalThis.fetch;
const mockFor = (url: string): Promise<AdminHandler> | undefined => {
  const { origin: key } = new URL(url);
  const version = PROFILES.find((v) => origin(v) === key);
  if (!version) return undefined;
  if (!mocks.has(key)) mocks.set(key, specFor(version).then((spec) => createMock({ version, spec })));
  return mocks.get(key);
};

beforeAll(() => {
  globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const mock = mockFor(request.url);
    if (!mock) return realFetch(input, init);
    return toFetchResponse(await (await mock).handle(await fromFetchRequest(request)));
  };
  return () => {
    globalThis.fetch = realFetch;
  };
});

const scenarios = loadScenarios(['fixtures/scenarios/**/*.yaml'], ROOT);

for (const version of PROFILES) {
  describe(`Kong ${version}`, () => {
    for (const scenario of scenarios) {
      it(`${scenario.file.slice(ROOT.length + 1)}: ${scenario.name}`, async () => {
        const result = await runScenarios({ target: origin(version), scenarios: [scenario], root: ROOT, kongVersion: version, shapes: false });
        expect(result.deviations.map(describeDeviation)).toEqual([]);
      });
    }
  });
}
