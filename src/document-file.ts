/**
 * Node only: an OpenAPI document read from a file, for `loadSpec({ file })`, the conformance runner's
 * `--document` and the build script. The mock itself imports the compiled openapi/kong-admin.yaml
 * (src/spec/kong-admin.generated.js) and never comes here.
 *
 * Parsing YAML text takes more than a second, so a parsed tree is kept per process and on disk as
 * JSON, keyed by the text's SHA-256 (node_modules/.cache/kong-admin-mock/); a cache that cannot be
 * read or written is simply skipped.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from './root.ts';
import { dereference } from './spec/dereference.ts';
import { buildSpec, loadSpec as loadBundledSpec, readDocument as bundledDocument, type RouterFlavor, type Spec } from './spec/index.ts';
import type { KongVersion } from './entities/types.ts';

type Obj = Record<string, any>;

export const DOCUMENT_PATH = join(PROJECT_ROOT, 'openapi', 'kong-admin.yaml');
export const CACHE_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'kong-admin-mock');

const documents = new Map<string, Obj>();
const specs = new Map<string, Spec>();

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

/** The dereferenced document of a file, parsed once per process; the project's own is the compiled one. */
export function readDocument(file = DOCUMENT_PATH): Obj {
  if (file === DOCUMENT_PATH) return bundledDocument();
  const cached = documents.get(file);
  if (cached) return cached;
  const doc = dereference(parseDocumentText(readFileSync(file, 'utf8')));
  documents.set(file, doc);
  return doc;
}

/** `loadSpec` of src/spec, plus `file`: the profile of another OpenAPI document, built once per process. */
export async function loadSpec(options: { version?: KongVersion; file?: string; routerFlavor?: RouterFlavor } = {}): Promise<Spec> {
  if (options.file === undefined || options.file === DOCUMENT_PATH) return loadBundledSpec(options);
  const version = options.version ?? '3.9';
  const flavor = options.routerFlavor ?? 'traditional_compatible';
  const key = `${options.file}|${version}|${flavor}`;
  let spec = specs.get(key);
  if (!spec) specs.set(key, (spec = buildSpec(readDocument(options.file), version, flavor)));
  return spec;
}
