/**
 * Reports of a run: a console report, a JSON report and a JUnit report.
 */
import type { Deviation, RunResult, StepResult } from './runner.ts';

export interface Summary {
  steps: number;
  passed: number;
  deviations: number;
  shapeDeviations: number;
}

export function summarize(result: RunResult): Summary {
  return {
    steps: result.steps.length,
    passed: result.steps.filter((s) => s.passed).length,
    deviations: result.deviations.filter((d) => d.kind !== 'shape').length,
    shapeDeviations: result.deviations.filter((d) => d.kind === 'shape').length,
  };
}

export function scenarioLine(name: string, steps: StepResult[]): string {
  const failed = steps.filter((s) => !s.passed).length;
  return `${failed === 0 ? '✓' : '✗'} ${name} (${steps.length} steps${failed ? `, ${failed} with deviations` : ''})`;
}

export function describeDeviation(d: Deviation): string {
  const lines = [`[${d.kind}] ${d.scenario} › ${d.step}${d.operation ? ` (${d.operation})` : ''}`, `  ${d.request.method} ${d.request.url}${d.status !== undefined ? ` → ${d.status}` : ''}`];
  if (d.request.body) lines.push(`  body: ${d.request.body.length > 300 ? d.request.body.slice(0, 300) + '…' : d.request.body}`);
  if (d.message) lines.push(`  error: ${d.message}`);
  for (const diff of d.differences) lines.push(`  ${diff.path}: expected ${diff.expected}, got ${diff.actual}`);
  return lines.join('\n');
}

const MISSING_SHOWN = 12;

export function consoleReport(result: RunResult): string {
  const s = summarize(result);
  const lines: string[] = [];
  for (const d of result.deviations) lines.push(describeDeviation(d), '');
  lines.push(
    `target ${result.target}${result.reference ? ` against reference ${result.reference}` : ''} (Kong ${result.kongVersion})`,
    `${result.scenarios} scenarios, ${s.steps} steps: ${s.passed} passed, ${s.deviations} behaviour deviations, ${s.shapeDeviations} shape deviations`,
    `coverage: seed operations ${result.coverage.seedOperations.covered}/${result.coverage.seedOperations.total}, document operations ${result.coverage.operations.covered}/${result.coverage.operations.total}`,
  );
  for (const note of result.notes) lines.push(`note: ${note}`);
  const missing = result.coverage.missingSeedOperations;
  if (missing.length > 0) {
    const shown = missing.slice(0, MISSING_SHOWN).join(', ');
    lines.push(`seed operations not covered: ${shown}${missing.length > MISSING_SHOWN ? ` and ${missing.length - MISSING_SHOWN} more (all in --json)` : ''}`);
  }
  return lines.join('\n');
}

export function jsonReport(result: RunResult): unknown {
  return {
    target: result.target,
    reference: result.reference ?? null,
    kongVersion: result.kongVersion,
    summary: summarize(result),
    coverage: result.coverage,
    notes: result.notes,
    deviations: result.deviations,
  };
}

const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function junitReport(result: RunResult): string {
  const byScenario = new Map<string, StepResult[]>();
  for (const step of result.steps) byScenario.set(step.scenario, [...(byScenario.get(step.scenario) ?? []), step]);
  const suites = [...byScenario].map(([name, steps]) => {
    const failures = steps.filter((s) => !s.passed).length;
    const cases = steps.map((s) => {
      const body = s.passed ? '' : `<failure message="${xml(`${s.deviations.length} deviation(s)`)}">${xml(s.deviations.map(describeDeviation).join('\n\n'))}</failure>`;
      return `    <testcase classname="${xml(name)}" name="${xml(s.step)}" time="${(s.ms / 1000).toFixed(3)}">${body}</testcase>`;
    });
    return `  <testsuite name="${xml(name)}" tests="${steps.length}" failures="${failures}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const s = summarize(result);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kong-admin conformance" tests="${s.steps}" failures="${s.steps - s.passed}">\n${suites.join('\n')}\n</testsuites>\n`;
}
