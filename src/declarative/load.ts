/**
 * Loading a declarative configuration by driving a mock's own Admin API: every entity is POSTed,
 * parents first, to a scratch instance, so the validation and the defaults are the Admin API's.
 * Only a configuration that loads whole replaces the target's store (Kong swaps its cache the
 * same way).
 */
import type { Spec } from '../spec/index.ts';
import type { Store } from '../store/types.ts';
import type { Result, Outcome } from '../admin/result.ts';
import { failed, succeeded } from '../admin/result.ts';
import { KongMock } from '../admin/mock.ts';
import { snapshot } from '../persist.ts';
import type { DeclarativeInput } from './parse.ts';
import { parseDeclarative } from './parse.ts';
import { migrateTo30 } from './migrate.ts';
import { versionAtLeast } from '../entities/types.ts';
import { planDeclarative, type Step } from './plan.ts';
import { declarativeError, entityError, errorPath, errorTree, flattenedError, parseError, type EntityFailure } from './errors.ts';

export interface LoadOptions {
  clock?: () => number;
  /** Answer errors with `flattened_errors` as `/config?flatten_errors=1` does. */
  flattenErrors?: boolean;
  /** The configuration is for a DB-less node (node-dependent plugin checks apply). */
  dbless?: boolean;
}

/** Loaded entities as `POST /config` answers them: `{"services":{"<id>":{…}}}`. */
export type LoadedEntities = Record<string, Record<string, Record<string, unknown>>>;

export interface Built {
  store: Store;
  entities: LoadedEntities;
  count: number;
}

const encoder = new TextEncoder();

/** Entities the Admin API creates only under their parent (`POST /upstreams/{u}/targets`). */
const NESTED_ONLY: Record<string, string> = { targets: 'upstream' };

function requestPath(spec: Spec, step: Step): string {
  const viaField = NESTED_ONLY[step.entity.name];
  const ref = viaField ? (step.body[viaField] as Record<string, unknown> | undefined) : undefined;
  if (!step.parent && viaField && ref && typeof ref === 'object') {
    const fk = step.entity.foreignKeys.find((f) => f.field === viaField);
    const parent = fk && spec.entities.get(fk.entity);
    const key = Object.values(ref)[0];
    if (parent && typeof key === 'string') return `/${parent.adminPath}/${encodeURIComponent(key)}/${step.entity.nestedPath}`;
  }
  if (!step.parent) return `/${step.entity.adminPath}`;
  return `/${step.parent.entity.adminPath}/${encodeURIComponent(step.parent.id)}/${step.entity.nestedPath}`;
}

/** Builds the configuration in a fresh store; the code-14 error when any entity is invalid. */
export async function buildDeclarative(spec: Spec, config: DeclarativeInput, options: LoadOptions = {}): Promise<Outcome<Built>> {
  const plan = planDeclarative(spec, versionAtLeast(spec.version, '3.0') ? migrateTo30(config) : config);
  if ('errors' in plan) return failed(declarativeError(plan.errors));
  const scratch = new KongMock(spec, { clock: options.clock, dblessChecks: options.dbless });
  const failures: EntityFailure[] = [];
  // children of a parent that failed are left out (their own errors would only repeat it)
  const created = new Set<string>();
  const entities: LoadedEntities = {};
  let count = 0;
  for (const step of plan.steps) {
    if (step.parent && !created.has(step.parent.id)) continue;
    const res = await scratch.handle({
      method: 'POST',
      path: requestPath(spec, step),
      query: '',
      headers: { 'content-type': 'application/json' },
      body: encoder.encode(JSON.stringify(step.body)),
    });
    const body = res.body === '' ? {} : (JSON.parse(res.body) as Record<string, unknown>);
    if (res.status === 404 && !step.parent && NESTED_ONLY[step.entity.name]) {
      // only a parent named in the entity can be missing (`targets` of an unknown upstream)
      const field = NESTED_ONLY[step.entity.name];
      const missing = { code: 13, fields: { [field]: {} } };
      failures.push({ step, error: entityError(step, missing), path: errorPath(step, missing) });
      continue;
    }
    if (res.status !== 201 && res.status !== 200) {
      failures.push({ step, error: entityError(step, body), path: errorPath(step, body) });
      continue;
    }
    created.add(step.id);
    (entities[step.entity.name] ??= {})[String(body.id ?? step.id)] = body;
    count += 1;
  }
  if (failures.length > 0) return failed(options.flattenErrors ? flattenedError(failures) : declarativeError(errorTree(failures)));
  return succeeded({ store: scratch.store, entities, count });
}

/** Replaces every row of `target` with the rows of `source` (same table definitions). */
export function replaceStore(target: Store, source: Store): void {
  target.clear();
  const { tables } = snapshot(source, '');
  for (const [name, rows] of Object.entries(tables)) for (const row of rows) target.table(name).insert(row);
}

export interface Loaded extends Built {
  hash: string;
}

/** Parses `text` (YAML or JSON) and replaces the mock's store with it. */
export async function loadDeclarativeText(mock: KongMock, text: string, options: LoadOptions = {}): Promise<Outcome<Loaded>> {
  const parsed = parseDeclarative(text);
  if ('error' in parsed) return failed(parseError(parsed.error));
  const built = await buildDeclarative(mock.spec, parsed.ok, { dbless: mock.dbless, ...options });
  if (built.error) return failed(built.error);
  mock.reset();
  replaceStore(mock.store, built.value.store);
  return succeeded({ ...built.value, hash: parsed.hash });
}

/** The message of a code-14 error body, for the command line. */
export function errorMessage(error: Result): string {
  const body = error.body as { message?: string } | undefined;
  return body?.message ?? `HTTP ${error.status}`;
}
