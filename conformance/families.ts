/**
 * Endpoint families for the report: the document's first tag of each operation (`Routes`,
 * `Key Auths`, `Information`), so deviations group the way the document reads.
 */
import { existsSync } from 'node:fs';
import { readDocument } from '../src/document-file.ts';

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** operationId → family; empty without the document. */
export function operationFamilies(documentPath: string): Map<string, string> {
  const families = new Map<string, string>();
  if (!existsSync(documentPath)) return families;
  for (const item of Object.values(readDocument(documentPath).paths as Record<string, Record<string, { operationId?: string; tags?: unknown }>>)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op?.operationId && Array.isArray(op.tags) && typeof op.tags[0] === 'string') families.set(op.operationId, op.tags[0]);
    }
  }
  return families;
}
