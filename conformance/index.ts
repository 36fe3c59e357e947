/**
 * The conformance runner's API (`kong-admin-mock/conformance`): load scenarios, run them against a
 * base URL, and render the result as the command line does.
 */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/root.ts';

export { runScenarios, type Deviation, type DeviationKind, type RunOptions, type RunResult, type StepResult } from './runner.ts';
export { loadScenarioFile, loadScenarios, type Scenario, type Step } from './scenario.ts';
export { consoleReport, jsonReport, junitReport, summarize, type Summary } from './report.ts';
export type { Coverage } from './coverage.ts';

/** Where the package is installed: pass it as `root` to `runScenarios`. */
export const PACKAGE_ROOT = PROJECT_ROOT;

/** The scenarios shipped with the package (`fixtures/scenarios/*.yaml`), as an absolute directory. */
export const PACKAGE_SCENARIOS_DIR = join(PROJECT_ROOT, 'fixtures', 'scenarios');
