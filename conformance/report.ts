/**
 * Reports of a run: a console report (deviations grouped, the largest groups first, with one
 * example each), a JSON report with every deviation and a JUnit report with every step.
 */
import type { Deviation, DeviationKind, RunResult, StepResult } from './runner.ts';
import { groupDeviations, groupSkipped } from './report-groups.ts';

export interface Summary {
  steps: number;
  passed: number;
  /** Steps that did not run: an input from a failed step was missing, or the run stopped. */
  skipped: number;
  /** Every deviation but shapes: behaviour, differential and errors. */
  deviations: number;
  behaviourDeviations: number;
  shapeDeviations: number;
  /** Where the target differs from the reference or the recording. */
  differentialFindings: number;
  /** Steps that got no answer or could not be sent. */
  errors: number;
}

export function summarize(result: RunResult): Summary {
  const count = (kind: string): number => result.deviations.filter((d) => d.kind === kind).length;
  return {
    steps: result.steps.length,
    passed: result.steps.filter((s) => s.passed).length,
    skipped: result.steps.filter((s) => s.skipped !== undefined).length,
    deviations: result.deviations.filter((d) => d.kind !== 'shape').length,
    behaviourDeviations: count('behaviour'),
    shapeDeviations: count('shape'),
    differentialFindings: count('differential'),
    errors: count('error'),
  };
}

export function scenarioLine(name: string, steps: StepResult[]): string {
  const failed = steps.filter((s) => !s.passed && s.skipped === undefined).length;
  const skipped = steps.length - failed - steps.filter((s) => s.passed).length;
  const details = [failed ? `${failed} with deviations` : '', skipped ? `${skipped} skipped` : ''].filter(Boolean).join(', ');
  return `${failed === 0 && skipped === 0 ? '✓' : '✗'} ${name} (${steps.length} steps${details ? `, ${details}` : ''})`;
}

const DIFFERENCES_SHOWN = 6;
const clip = (text: string, max: number): string => (text.length > max ? text.slice(0, max) + '…' : text);

/** A deviation with its request and its differences; a differential one says reference (or recorded) and target. */
export function describeDeviation(d: Deviation): string {
  return describeUpTo(d, Infinity);
}

function describeUpTo(d: Deviation, maxDifferences: number): string {
  const lines = [`[${d.kind}] ${d.scenario} › ${d.step}${d.operation ? ` (${d.operation})` : ''}`, `  ${d.request.method} ${d.request.url}${d.status !== undefined ? ` → ${d.status}` : ''}`];
  if (d.request.body) lines.push(`  body: ${clip(d.request.body, 300)}`);
  if (d.message) lines.push(`  error: ${d.message}`);
  const [expected, actual] = d.kind === 'differential' ? [d.against === 'recording' ? 'recorded' : 'reference', 'target'] : ['expected', 'got'];
  for (const diff of d.differences.slice(0, maxDifferences)) {
    lines.push(d.kind === 'shape' ? `  schema: ${diff.actual}` : `  ${diff.path}: ${expected} ${clip(diff.expected, 200)}, ${actual} ${clip(diff.actual, 200)}`);
  }
  if (d.differences.length > maxDifferences) lines.push(`  … and ${d.differences.length - maxDifferences} more differences`);
  return lines.join('\n');
}

const MISSING_SHOWN = 12;
const GROUPS_SHOWN: Record<DeviationKind, number> = { behaviour: 8, differential: 8, error: 3, shape: 4 };
const SECTIONS: Array<[DeviationKind, string]> = [
  ['behaviour', 'behaviour deviations'],
  ['differential', 'differences between the target and the reference'],
  ['error', 'steps without an answer'],
  ['shape', 'shape deviations'],
];

function groupSection(kind: DeviationKind, title: string, deviations: Deviation[]): string[] {
  const groups = groupDeviations(deviations.filter((d) => d.kind === kind));
  if (groups.length === 0) return [];
  const shown = groups.slice(0, GROUPS_SHOWN[kind]);
  const total = groups.reduce((n, g) => n + g.count, 0);
  const lines = [`${total} ${title} in ${groups.length} groups by endpoint family and rule${groups.length > shown.length ? `, the ${shown.length} largest` : ''}:`];
  for (const g of shown) {
    lines.push(`${String(g.count).padStart(5)}× ${g.family} · ${g.rule} (${g.scenarios} scenario${g.scenarios === 1 ? '' : 's'}), e.g.`);
    lines.push(...describeUpTo(g.example, DIFFERENCES_SHOWN).split('\n').map((l) => `        ${l}`));
  }
  if (groups.length > shown.length) lines.push(`       … ${groups.length - shown.length} more groups (every deviation in --json)`);
  return [...lines, ''];
}

export function consoleReport(result: RunResult): string {
  const s = summarize(result);
  const lines: string[] = [];
  for (const [kind, title] of SECTIONS) lines.push(...groupSection(kind, title, result.deviations));
  const skips = groupSkipped(result.steps);
  if (skips.length > 0) {
    lines.push(`${s.skipped} steps skipped:`);
    for (const g of skips.slice(0, 6)) lines.push(`${String(g.count).padStart(5)}× ${g.reason}`);
    if (skips.length > 6) lines.push(`       … ${skips.length - 6} more reasons (every step in --junit)`);
    lines.push('');
  }
  const failing = new Set(result.steps.filter((st) => st.deviations.length > 0).map((st) => st.scenario)).size;
  const counts = [`${s.passed} passed`, `${s.behaviourDeviations} behaviour deviations`, `${s.shapeDeviations} shape deviations`];
  if (result.reference || s.differentialFindings > 0) counts.push(`${s.differentialFindings} differential findings`);
  if (s.errors > 0) counts.push(`${s.errors} without an answer`);
  if (s.skipped > 0) counts.push(`${s.skipped} skipped`);
  lines.push(
    `target ${result.target}${result.reference ? ` against reference ${result.reference}` : ''} (Kong ${result.kongVersion})`,
    `${result.scenarios} scenarios (${failing} failing), ${s.steps} steps: ${counts.join(', ')} in ${(result.elapsedMs / 1000).toFixed(1)} s`,
    `coverage: seed operations ${result.coverage.seedOperations.covered}/${result.coverage.seedOperations.total}, document operations ${result.coverage.operations.covered}/${result.coverage.operations.total} (answered as expected)`,
  );
  if (result.stopped) lines.push(`stopped early: ${result.stopped.replace(/^not run: /, '')}`);
  for (const note of result.notes) lines.push(`note: ${note}`);
  const missing = result.coverage.missingSeedOperations;
  if (missing.length > 0) {
    const shown = missing.slice(0, MISSING_SHOWN).join(', ');
    lines.push(`seed operations not covered: ${shown}${missing.length > MISSING_SHOWN ? ` and ${missing.length - MISSING_SHOWN} more (all in --json)` : ''}`);
  }
  return lines.join('\n');
}

const DIFFERENCES_KEPT = 20;

export function jsonReport(result: RunResult): unknown {
  return {
    target: result.target,
    reference: result.reference ?? null,
    kongVersion: result.kongVersion,
    summary: summarize(result),
    stopped: result.stopped ?? null,
    coverage: result.coverage,
    notes: result.notes,
    groups: groupDeviations(result.deviations).map(({ example: _, ...g }) => g),
    skipped: groupSkipped(result.steps),
    // Long diffs (a page of 100 wrong entities) keep their first differences and a count.
    deviations: result.deviations.map((d) =>
      d.differences.length > DIFFERENCES_KEPT ? { ...d, differences: d.differences.slice(0, DIFFERENCES_KEPT), moreDifferences: d.differences.length - DIFFERENCES_KEPT } : d,
    ),
  };
}

const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function junitReport(result: RunResult): string {
  const byScenario = new Map<string, StepResult[]>();
  for (const step of result.steps) byScenario.set(step.scenario, [...(byScenario.get(step.scenario) ?? []), step]);
  const suites = [...byScenario].map(([name, steps]) => {
    const failures = steps.filter((s) => !s.passed && s.skipped === undefined).length;
    const skipped = steps.filter((s) => s.skipped !== undefined).length;
    const cases = steps.map((s) => {
      const body =
        s.skipped !== undefined
          ? `<skipped message="${xml(s.skipped)}"/>`
          : s.passed
            ? ''
            : `<failure message="${xml(`${s.deviations.length} deviation(s)`)}">${xml(s.deviations.map(describeDeviation).join('\n\n'))}</failure>`;
      return `    <testcase classname="${xml(name)}" name="${xml(s.step)}" time="${(s.ms / 1000).toFixed(3)}">${body}</testcase>`;
    });
    return `  <testsuite name="${xml(name)}" tests="${steps.length}" failures="${failures}" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const s = summarize(result);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kong-admin conformance" tests="${s.steps}" failures="${s.steps - s.passed - s.skipped}" skipped="${s.skipped}">\n${suites.join('\n')}\n</testsuites>\n`;
}
