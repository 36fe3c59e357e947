/**
 * Adversarial inputs to every operation through the core (see adversarial.ts): no answer of 500,
 * a JSON body whenever there is one, and at most 500 ms of CPU time per request for inputs up to
 * 1 MB, 500 ms per MB beyond (budgetFor). Bounded to stay fast; `npm run fuzz` runs the same for longer.
 */
import { describe, expect, it } from 'vitest';
import { createMock } from '../../src/admin/mock.ts';
import { fuzzCore } from './adversarial.ts';

describe('adversarial requests through the core', () => {
  it.each([
    ['3.9', 80],
    ['2.8', 30],
  ] as const)('Kong %s: %i requests, no 500, JSON bodies, within the CPU budget', async (version, runs) => {
    const figures = await fuzzCore((v) => createMock({ version: v }), version, runs, 20261203);
    expect(figures.failures).toEqual([]);
    expect(figures.requests).toBe(runs);
  }, 120_000);
});
