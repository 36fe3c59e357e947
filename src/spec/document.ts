/**
 * Reads the OpenAPI document and resolves its local `$ref`s. Parsing the YAML text takes more than a
 * second, so the parsed tree is kept per process and on disk as JSON, keyed by the text's SHA-256
 * (node_modules/.cache/kong-admin-mock/); a cache that cannot be read or written is simply skipped.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../root.ts';

type Obj = Record<string, any>;

const ROOT = PROJECT_ROOT;
export const DOCUMENT_PATH = join(ROOT, 'openapi', 'kong-admin.yaml');
export const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'kong-admin-mock');

const documents = new Map<string, Obj>();

/** The parsed (not dereferenced) document, from the JSON cache when the text is unchanged. */
export function parseDocumentText(text: string, cacheDir: string | null = CACHE_DIR): Obj {
  if (cacheDir === null) return parse(text) as Obj;
  const digest = createHash('sha256').update(text).digest('hex');
  const cached = join(cacheDir, `${digest}.json`);
  if (existsSync(cached)) {
    try {
      return JSON.parse(readFileSync(cached, 'utf8')) as Obj;
    } catch {
      // a damaged cache entry: parse the YAML again and overwrite it
    }
  }
  const raw = parse(text) as Obj;
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(raw));
    renameSync(tmp, cached);
  } catch {
    // read-only install: no cache
  }
  return raw;
}

/** Replaces every local `$ref` by its target; siblings of a `$ref` win over the target's keys. */
export function dereference(raw: Obj): Obj {
  const resolved = new Map<string, unknown>();
  const lookup = (pointer: string): unknown => {
    let node: any = raw;
    for (const part of pointer.replace(/^#\//, '').split('/')) node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) throw new Error(`unresolved $ref ${pointer}`);
    return node;
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const obj = node as Obj;
    if (typeof obj.$ref === 'string') {
      const pointer = obj.$ref;
      let target = resolved.get(pointer);
      if (target === undefined) {
        target = walk(lookup(pointer));
        resolved.set(pointer, target);
      }
      const siblings = Object.keys(obj).filter((k) => k !== '$ref');
      if (siblings.length === 0) return target;
      const merged: Obj = { ...(target as Obj) };
      for (const k of siblings) merged[k] = walk(obj[k]);
      return merged;
    }
    const out: Obj = {};
    for (const [k, v] of Object.entries(obj)) out[k] = walk(v);
    return out;
  };
  return walk(raw) as Obj;
}

/** The dereferenced document of a file, parsed once per process. */
export function readDocument(file = DOCUMENT_PATH): Obj {
  const cached = documents.get(file);
  if (cached) return cached;
  const doc = dereference(parseDocumentText(readFileSync(file, 'utf8')));
  documents.set(file, doc);
  return doc;
}
