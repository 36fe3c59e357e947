/**
 * `npm run mutation`: StrykerJS mutates the rule modules and runs the conformance scenarios (in
 * process, both profiles: conformance/mutation/in-process.suite.ts) as the only tests. A mutant the
 * scenarios do not kill is a rule that a Kong-compatible server could get wrong and still pass.
 *
 *   npm run mutation                                   # the default group (a sample that fits in well under an hour on 2 cores)
 *   npm run mutation -- --group entities --group admin-rules
 *   npm run mutation -- --module src/entities/routes.ts --module 'src/admin/paginate.ts'
 *   npm run mutation -- --list                         # the groups and their modules
 *
 * Prints the mutation score per module and every surviving mutant (file:line, mutator, replacement).
 * Not part of `npm test` or CI: a group takes minutes to tens of minutes.
 */
import { Stryker } from '@stryker-mutator/core';
import type { LogLevel, MutantResult } from '@stryker-mutator/api/core';
import { availableParallelism } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

/** The rule modules, split so that one group runs in a few minutes to a quarter of an hour on 2 cores. */
const GROUPS: Record<string, string[]> = {
  routes: ['src/entities/routes.ts', 'src/entities/hosts.ts', 'src/entities/normalize.ts'],
  services: ['src/entities/services.ts', 'src/entities/consumers.ts'],
  certificates: ['src/entities/certificates.ts', 'src/entities/ca-certificates.ts', 'src/entities/pem.ts', 'src/entities/certificate-keys.ts', 'src/entities/keys.ts'],
  upstreams: ['src/entities/upstreams.ts', 'src/entities/targets.ts', 'src/admin/handlers/targets.ts', 'src/admin/handlers/health.ts', 'src/admin/health-state.ts'],
  plugins: ['src/entities/plugins.ts', 'src/entities/plugin-checks.ts', 'src/entities/plugin-validators.ts', 'src/entities/plugin-common.ts'],
  credentials: ['src/entities/credentials.ts'],
  validation: ['src/admin/validate.ts', 'src/entities/validators.ts', 'src/admin/entity-checks.ts', 'src/admin/defaults.ts'],
  requests: ['src/admin/args.ts', 'src/admin/body.ts', 'src/admin/paginate.ts', 'src/admin/query.ts', 'src/admin/percent.ts'],
  crud: ['src/admin/crud-collection.ts', 'src/admin/crud-entity.ts', 'src/admin/crud-foreign.ts', 'src/admin/write.ts', 'src/admin/resolve.ts', 'src/admin/foreign.ts', 'src/admin/merge.ts'],
  node: ['src/admin/dispatch.ts', 'src/admin/handlers/node.ts', 'src/admin/handlers/tags.ts', 'src/admin/errors.ts'],
};
/** The entity rule modules of the families the scenarios go deepest into, plus paging: about 800 mutants. */
GROUPS.default = [
  'src/entities/routes.ts',
  'src/entities/services.ts',
  'src/entities/consumers.ts',
  'src/entities/upstreams.ts',
  'src/entities/targets.ts',
  'src/entities/certificates.ts',
  'src/admin/paginate.ts',
];

function parseArgs(argv: string[]): { modules: string[]; list: boolean } {
  const modules: string[] = [];
  let list = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--list') list = true;
    else if (arg === '--module') modules.push(value());
    else if (arg === '--group') {
      const name = value();
      if (!GROUPS[name]) throw new Error(`unknown group '${name}' (groups: ${Object.keys(GROUPS).join(', ')})`);
      modules.push(...GROUPS[name]);
    } else throw new Error(`unknown option '${arg}' (use --module FILE, --group NAME or --list)`);
  }
  return { modules: modules.length > 0 ? [...new Set(modules)] : GROUPS.default, list };
}

const DETECTED = new Set(['Killed', 'Timeout']);
const VALID = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);

function location(m: MutantResult): string {
  return `${relative(process.cwd(), m.fileName)}:${m.location.start.line}:${m.location.start.column + 1}`;
}

function summarize(results: MutantResult[]): string[] {
  const byFile = new Map<string, MutantResult[]>();
  for (const m of results) {
    const file = relative(process.cwd(), m.fileName);
    byFile.set(file, [...(byFile.get(file) ?? []), m]);
  }
  const lines = ['', 'module                                    killed  survived  no-cov  score'];
  let killed = 0;
  let valid = 0;
  for (const [file, mutants] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    const k = mutants.filter((m) => DETECTED.has(m.status)).length;
    const v = mutants.filter((m) => VALID.has(m.status)).length;
    killed += k;
    valid += v;
    const survived = mutants.filter((m) => m.status === 'Survived').length;
    const uncovered = mutants.filter((m) => m.status === 'NoCoverage').length;
    const score = v === 0 ? 'n/a' : `${((100 * k) / v).toFixed(1)}%`;
    lines.push(`${file.padEnd(42)}${String(k).padStart(6)}${String(survived).padStart(10)}${String(uncovered).padStart(8)}  ${score.padStart(6)}`);
  }
  lines.push(`${'all'.padEnd(42)}${String(killed).padStart(6)}${' '.repeat(18)}  ${valid === 0 ? 'n/a' : `${((100 * killed) / valid).toFixed(1)}%`.padStart(6)}`);
  const survivors = results.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage').sort((a, b) => location(a).localeCompare(location(b), undefined, { numeric: true }));
  if (survivors.length > 0) {
    lines.push('', `survivors (${survivors.length}):`);
    for (const m of survivors) lines.push(`  ${location(m)}  ${m.mutatorName}${m.status === 'NoCoverage' ? ' (not reached)' : ''}: ${(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 100)}`);
  }
  return lines;
}

const { modules, list } = parseArgs(process.argv.slice(2));
if (list) {
  for (const [name, files] of Object.entries(GROUPS)) console.log(`${name}: ${files.join(' ')}`);
  process.exit(0);
}
const results = await new Stryker({
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: modules,
  coverageAnalysis: 'perTest',
  // Mutants in module-level code would need the whole suite each time; the rules live in functions.
  ignoreStatic: true,
  concurrency: Math.max(1, Math.min(2, availableParallelism() - 1)),
  reporters: ['progress'],
  // The sandbox only needs what the scenarios load.
  ignorePatterns: ['/bench', '/test', '/dist', '/reports', '/coverage', '*.test.ts', '/.stryker-tmp'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  logLevel: 'warn' as LogLevel,
}).runMutationTest();
const summary = summarize(results).join('\n');
console.log(summary);
// The console scrolls: the same summary is kept in a file (reports/ is not committed).
mkdirSync('reports/mutation', { recursive: true });
writeFileSync('reports/mutation/summary.txt', `${new Date().toISOString()} ${modules.join(' ')}\n${summary}\n`);
