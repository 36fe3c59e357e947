/**
 * `kong-admin-mock conform` / `npm run conformance --`: run scenario fixtures against a server.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadScenarios } from './scenario.ts';
import { PROJECT_ROOT } from '../src/root.ts';
import { runScenarios } from './runner.ts';
import { consoleReport, jsonReport, junitReport, scenarioLine } from './report.ts';

const ROOT = PROJECT_ROOT;

export const USAGE = `usage: conform --target URL [--scenarios GLOB]... [--kong-version 3.9|2.8] [--json FILE] [--junit FILE]
               [--reference URL] [--record DIR] [--replay DIR] [--concurrency N] [--document OPENAPI.yaml] [--no-shapes] [--quiet]`;

export async function runConformCli(argv: string[]): Promise<number> {
  let values;
  // `--explore`: generated sequences instead of scenarios (conformance/explore/cli.ts, its own options)
  if (argv.includes('--explore')) return (await import('./explore/cli.ts')).runExploreCli(argv);
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        target: { type: 'string' },
        scenarios: { type: 'string', multiple: true },
        'kong-version': { type: 'string', default: '3.9' },
        json: { type: 'string' },
        junit: { type: 'string' },
        reference: { type: 'string' },
        record: { type: 'string' },
        replay: { type: 'string' },
        'no-shapes': { type: 'boolean' },
        quiet: { type: 'boolean' },
        concurrency: { type: 'string', default: '1' },
        document: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.target) {
    console.error(USAGE);
    return 2;
  }
  let scenarios;
  try {
    scenarios = loadScenarios(values.scenarios ?? ['fixtures/scenarios/**/*.yaml'], process.cwd() === ROOT ? ROOT : process.cwd());
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }
  if (scenarios.length === 0) {
    console.error(`no scenarios match ${(values.scenarios ?? ['fixtures/scenarios/**/*.yaml']).join(', ')}`);
    return 2;
  }
  const result = await runScenarios({
    target: values.target,
    reference: values.reference,
    record: values.record,
    replay: values.replay,
    kongVersion: values['kong-version'],
    scenarios,
    root: ROOT,
    shapes: !values['no-shapes'],
    concurrency: Math.max(1, Number(values.concurrency) || 1),
    document: values.document,
    onScenario: values.quiet ? undefined : (name, steps) => console.log(scenarioLine(name, steps)),
  });
  console.log(consoleReport(result));
  if (values.json) writeFileSync(values.json, JSON.stringify(jsonReport(result), null, 2) + '\n');
  if (values.junit) writeFileSync(values.junit, junitReport(result));
  return result.deviations.length === 0 ? 0 : 1;
}
