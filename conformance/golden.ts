/**
 * Golden files of record/replay: one JSON file per scenario holding the normalised response of each
 * step that ran (null where the step failed to run).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from './scenario.ts';

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export function loadGolden(dir: string, scenario: Scenario): unknown[] | undefined {
  const file = join(dir, `${slug(scenario.name)}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown[]) : [];
}

export function writeGolden(dir: string, golden: Map<string, unknown[]>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, responses] of golden) writeFileSync(join(dir, `${slug(name)}.json`), JSON.stringify(responses, null, 2) + '\n');
}
