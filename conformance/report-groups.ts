/**
 * Deviations grouped by endpoint family and rule, the largest groups first, so that a server that
 * gets one rule wrong everywhere reads as one finding rather than hundreds.
 */
import type { Deviation, DeviationKind, StepResult } from './runner.ts';

export interface DeviationGroup {
  kind: DeviationKind;
  family: string;
  /** What the deviations have in common: the status change, the first JSON path that differs, the schema problem or the error. */
  rule: string;
  count: number;
  scenarios: number;
  /** The first deviation of the group. */
  example: Deviation;
}

export interface SkipGroup {
  reason: string;
  count: number;
  /** The first step skipped for that reason, as `scenario › step`. */
  example: string;
}

/** Array indices and ids do not make a rule: `$.data[3].name` and `$.data[0].name` are one. */
const generalPath = (path: string): string => path.replace(/\[\d+\]/g, '[]').replace(/\/\d+(?=\/|$)/g, '/*');

function ruleOf(d: Deviation): string {
  if (d.kind === 'error') return (d.message ?? '').replace(/^([A-Z_]+) \S+$/, '$1').replace(/\d+ ms/, 'N ms');
  if (d.kind === 'shape') return generalPath(d.differences[0]?.actual ?? 'schema');
  const status = d.differences.find((x) => x.path === 'status' || x.path === '$.status');
  if (status) return `status ${status.expected} → ${status.actual}`;
  return generalPath(d.differences[0]?.path ?? '$');
}

export function groupDeviations(deviations: Deviation[]): DeviationGroup[] {
  const groups = new Map<string, DeviationGroup & { names: Set<string> }>();
  for (const d of deviations) {
    const rule = ruleOf(d);
    const key = `${d.kind}\u0000${d.family}\u0000${rule}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { kind: d.kind, family: d.family, rule, count: 0, scenarios: 0, example: d, names: new Set() }));
    group.count++;
    group.names.add(d.scenario);
    group.scenarios = group.names.size;
  }
  return [...groups.values()].map(({ names: _, ...g }) => g).sort((a, b) => b.count - a.count || a.family.localeCompare(b.family) || a.rule.localeCompare(b.rule));
}

/** Skipped steps by reason; a step that needed a failed step names it, so one failure reads as one line. */
export function groupSkipped(steps: StepResult[]): SkipGroup[] {
  const groups = new Map<string, SkipGroup>();
  for (const step of steps) {
    if (step.skipped === undefined) continue;
    // The capture's name varies with the step that needs it; the step that failed to save it is the cause.
    const from = /^needs '[^']*' from step '(.*)', which did not save it$/.exec(step.skipped)?.[1];
    const reason = from !== undefined ? `${step.scenario} › needed what step '${from}' did not save` : step.skipped;
    const group = groups.get(reason) ?? { reason, count: 0, example: `${step.scenario} › ${step.step}` };
    group.count++;
    groups.set(reason, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}
