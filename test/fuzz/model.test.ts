/**
 * Random sequences of writes (services, routes, consumers, plugins, certificates and SNIs,
 * upstreams and targets) against a plain model (model.ts): after every step the mock holds
 * exactly the model's rows, each served once by pages of 1 to 3 rows.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { createMock } from '../../src/admin/mock.ts';
import { allCommands, emptyModel } from './model.ts';

describe('operation sequences against a model', () => {
  it('uniqueness, foreign keys, restrict and cascade, exact-once pages hold after every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(allCommands, { maxCommands: 40, size: 'max' }), fc.integer({ min: 1, max: 3 }), async (commands, size) => {
        const mock = await createMock({ version: '3.9' });
        await fc.asyncModelRun(() => ({ model: emptyModel(), real: { mock, size } }), commands);
      }),
      { numRuns: 25, seed: 20261203 },
    );
  }, 120_000);
});
