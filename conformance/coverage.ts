/**
 * Which operations the executed steps used: all of the document's operations for the version,
 * and the seed operations (openapi/seed-operations.tsv).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSpec } from '../src/spec/index.ts';
import { DOCUMENT_PATH, readDocument } from '../src/document-file.ts';
import type { KongVersion } from '../src/entities/types.ts';

export interface Coverage {
  seedOperations: { covered: number; total: number };
  operations: { covered: number; total: number };
  missingSeedOperations: string[];
  missingOperations: string[];
}

const normalize = (path: string): string => path.replace(/\{[^}]+\}/g, '{}');

export function seedOperations(root: string): Array<[string, string]> {
  const file = join(root, 'openapi', 'seed-operations.tsv');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('method\t'))
    .map((l) => l.split('\t').slice(0, 2) as [string, string]);
}

/** Coverage of the operations used; without the document, nothing counts as covered. */
export function coverageOf(used: Set<string>, version: string, root: string, documentPath = DOCUMENT_PATH): Coverage {
  if (!existsSync(documentPath)) {
    const seeds = seedOperations(root).map(([m, p]) => `${m} ${p}`);
    return { seedOperations: { covered: 0, total: seeds.length }, operations: { covered: 0, total: 0 }, missingSeedOperations: seeds, missingOperations: [] };
  }
  const doc = readDocument(documentPath);
  const spec = buildSpec(doc, (version === '2.8' ? '2.8' : '3.9') as KongVersion);
  const byRoute = new Map<string, string>();
  for (const op of spec.operations) byRoute.set(`${op.method} ${normalize(op.path)}`, op.operationId);
  // Seed operations of another version's form (2.8 POST health vs 3.x PUT) still count by operationId in the document.
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { operationId: string }>>)) {
    for (const [method, op] of Object.entries(item)) {
      if ((op as { 'x-kong-mock-control'?: boolean })['x-kong-mock-control']) continue;
      const key = `${method.toUpperCase()} ${normalize(path)}`;
      if (!byRoute.has(key)) byRoute.set(key, op.operationId);
    }
  }
  const seeds = seedOperations(root);
  const missingSeeds = seeds.filter(([m, p]) => !used.has(byRoute.get(`${m} ${normalize(p)}`) ?? '')).map(([m, p]) => `${m} ${p}`);
  const all = spec.operations.map((o) => o.operationId);
  const missing = all.filter((id) => !used.has(id));
  return {
    seedOperations: { covered: seeds.length - missingSeeds.length, total: seeds.length },
    operations: { covered: all.length - missing.length, total: all.length },
    missingSeedOperations: missingSeeds,
    missingOperations: missing,
  };
}
