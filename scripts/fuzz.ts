/**
 * `npm run fuzz [requests]`: the adversarial suite of test/fuzz for longer, on both profiles,
 * through the core. Prints the figures (requests sent, slowest request's CPU time, answers of
 * 500) and exits non-zero when any request broke a rule.
 */
import { createMock } from '../src/admin/mock.ts';
import { CPU_BUDGET_MS, fuzzCore, newFigures } from '../test/fuzz/adversarial.ts';

const total = Number(process.argv[2] ?? 3000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const figures = newFigures();
await fuzzCore((v) => createMock({ version: v }), '3.9', Math.ceil(total * 0.7), seed, figures);
await fuzzCore((v) => createMock({ version: v }), '2.8', Math.floor(total * 0.3), seed + 1, figures);
console.log(`seed ${seed}`);
console.log(`requests sent: ${figures.requests}`);
console.log(`slowest request: ${figures.slowestCpuMs.toFixed(1)} ms CPU (budget ${CPU_BUDGET_MS} ms per request up to 1 MB, ${CPU_BUDGET_MS} ms per MB beyond): ${figures.slowest}`);
console.log(`answers of 500: ${figures.answers5xx}`);
console.log(`failures: ${figures.failures.length}`);
for (const failure of figures.failures.slice(0, 20)) console.log(`  ${failure}`);
process.exitCode = figures.failures.length === 0 ? 0 : 1;
