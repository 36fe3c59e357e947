/**
 * The write pipeline shared by POST, PUT and PATCH (reference §3.6): entity pre-steps and
 * shorthands, defaults or merge, auto fields, foreign keys named by unique fields, schema
 * validation, then the store's constraints.
 */
import { randomUUID } from '../crypto/index.ts';
import type { EntityDef, JsonSchema } from '../spec/index.ts';
import type { Row } from '../store/types.ts';
import { StoreConflict } from '../store/types.ts';
import type { EntityHooks, WriteInput, WriteMode } from '../entities/hooks.ts';
import { hooksFor } from '../entities/registry.ts';
import { validators } from '../entities/validators.ts';
import type { BodyInput, Instance } from './context.ts';
import type { Outcome, Result } from './result.ts';
import { failed, succeeded } from './result.ts';
import { applyDefaults } from './defaults.ts';
import { mergePatch } from './merge.ts';
import { inferValue } from './args.ts';
import { normalizeSets, validateEntity, type ErrorTree } from './validate.ts';
import {
  foreignKeyViolation,
  foreignKeysUnresolved,
  primaryKeyViolation,
  operationUnsupportedFor,
  schemaViolation,
  uniqueViolation,
} from './errors.ts';
import { resolveForeignReferences } from './foreign.ts';
import { deepClone, isPlainObject } from './schema-walk.ts';
import { expiryFor, ttlOption, withoutTtl } from './ttl.ts';
import { applyTransformations, transformationErrors } from './transformations.ts';
import { expandShorthands } from './shorthands.ts';
import { shapeEmptyTables } from './empty-tables.ts';

export interface WriteRequest {
  entity: EntityDef;
  mode: WriteMode;
  body: BodyInput;
  /** update: the stored row; upsert: the row being replaced, if any. */
  existing?: Row;
  /** Values that override the body (a nested parent's key, PUT's URL key). */
  forced?: Record<string, unknown>;
  /** Values used only where the body has none (nested PATCH keeps a body FK). */
  fallback?: Record<string, unknown>;
  /** upsert: the id the row gets. */
  id?: string;
  /** The unique field the URL addressed the entity by, when not its id (DB-less refusals name it). */
  byField?: string;
}

interface Prepared {
  row: Row;
  input: WriteInput;
  hooks: EntityHooks;
}

/**
 * The DAO options a write body carries, checked before anything else as Kong's DAO does:
 * `ttl` for the entities with `ttl = true` (./ttl.ts). Also for a PATCH of a missing top-level
 * entity, which Kong answers only after the options passed.
 */
export function writeOptions(entity: EntityDef, body: BodyInput): Outcome<{ ttl?: number }> {
  const ttl = body.kind === 'none' ? succeeded(undefined) : ttlOption(entity, body.value, body.kind === 'form');
  return ttl.error ? failed(ttl.error) : succeeded({ ttl: ttl.value });
}

/** Everything up to the store: schema, pre-steps, defaults or merge, foreign keys, validation. */
export function prepareEntity(inst: Instance, w: WriteRequest, options: { validateOnly?: boolean } = {}): Outcome<Prepared> {
  const hooks = hooksFor(w.entity.name);
  // the validate endpoint ignores `ttl` (Kong's unvalidated fields); writes take it as an option
  const daoOptions = options.validateOnly ? succeeded<{ ttl?: number }>({}) : writeOptions(w.entity, w.body);
  if (daoOptions.error) return failed(daoOptions.error);
  const raw = withoutTtl(w.entity, w.body.kind === 'none' ? {} : w.body.value);
  const schemaOutcome = hooks.schema ? hooks.schema(inst, raw, w.existing) : succeeded<JsonSchema>(w.entity.schema);
  if (schemaOutcome.error) return failed(schemaOutcome.error);
  const schema = schemaOutcome.value;
  const body = (w.body.kind === 'form' ? inferValue(schema, raw) : raw) as Record<string, unknown>;
  Object.assign(body, w.forced);
  for (const [key, value] of Object.entries(w.fallback ?? {})) if (!(key in body)) body[key] = value;
  // the body as sent, for Kong's transformation checks (its `original_input`)
  const sent = w.entity.transformations.length > 0 ? deepClone(body) : body;

  const input: WriteInput = { inst, mode: w.mode, existing: w.existing, body, validateOnly: options.validateOnly };
  const early = hooks.expand?.(input);
  if (early) return failed(isResult(early) ? early : schemaViolation(early));
  const fieldOptions = {
    validators,
    foreignSchema: (name: string) => inst.spec.entities.get(name)?.schema,
    ctx: { version: inst.version, routerFlavor: inst.spec.routerFlavor, dbless: inst.dblessChecks },
  };
  const shorthandErrors = expandShorthands(schema, body, inst.version, fieldOptions);
  if (shorthandErrors) return failed(schemaViolation(shorthandErrors));
  shapeEmptyTables(schema, body);

  const stored = w.existing ? withoutTtl(w.entity, w.existing) : {};
  const value = w.mode === 'update' ? mergePatch(schema, stored, body) : applyDefaults(schema, body, w.mode);
  stampAutoFields(inst, w, schema, value, body);
  if (!options.validateOnly) {
    const unresolved = resolveForeignReferences(inst, w.entity, value);
    if (unresolved) return failed(foreignKeysUnresolved(unresolved));
  }

  let tree = validateEntity(schema, value, { ...fieldOptions, checks: w.entity.checks, custom: hooks.checks ?? {}, mode: w.mode });
  const transformErrors = transformationErrors(w.entity.transformations, value, options.validateOnly ? undefined : sent, w.mode === 'update' ? w.existing : undefined);
  if (transformErrors.length > 0) {
    const t = (tree ?? {}) as Record<string, ErrorTree>;
    tree = { ...t, '@entity': [...((t['@entity'] as ErrorTree[] | undefined) ?? []), ...transformErrors] };
  }
  if (tree) return failed(schemaViolation(tree));

  const row = toRow(schema, normalizeSets(schema, value) as Record<string, unknown>);
  if (!options.validateOnly) {
    applyTransformations(w.entity.transformations, row, sent);
    if (w.entity.ttl) row.ttl = expiryFor(inst, schema, w.mode, daoOptions.value.ttl, row, w.existing);
  }
  return succeeded({ row, input, hooks });
}

const DBLESS_VERBS = { insert: 'create', update: 'update', upsert: 'create or update' } as const;

export function writeEntity(inst: Instance, w: WriteRequest): Outcome<Row> {
  const prepared = prepareEntity(inst, w);
  if (prepared.error) return failed(prepared.error);
  const { row, input, hooks } = prepared.value;
  // A DB-less node validates, then refuses (reference §7.7).
  if (inst.dbless) return failed(operationUnsupportedFor(DBLESS_VERBS[w.mode], w.entity.name, w.byField));
  const blocked = hooks.beforeWrite?.(input, row);
  if (blocked) return failed(blocked);
  return store(inst, w, hooks, input, row);
}

function isResult(value: Result | ErrorTree): value is Result {
  return typeof value === 'object' && value !== null && 'status' in value && typeof (value as Result).status === 'number';
}

function nowFor(inst: Instance, field: JsonSchema): number {
  const ms = inst.clock();
  return field['x-kong-auto'] === 'timestamp-ms' ? Math.floor(ms) / 1000 : Math.floor(ms / 1000);
}

function stampAutoFields(inst: Instance, w: WriteRequest, schema: JsonSchema, value: Record<string, unknown>, body: Record<string, unknown>): void {
  const props = schema.properties ?? {};
  if ('id' in props) {
    if (w.mode === 'update') value.id = w.existing?.id;
    else if (w.id !== undefined) value.id = w.id;
    else if (body.id === undefined || body.id === null) value.id = randomUUID();
  }
  if (w.mode !== 'update') fillRandom(schema, value, body);
  for (const name of ['created_at', 'updated_at']) {
    const field = props[name];
    if (!field || !field['x-kong-auto']) continue;
    if (name === 'updated_at') value[name] = nowFor(inst, field);
    else if (w.mode === 'update') value[name] = w.existing?.[name] ?? nowFor(inst, field);
    else if (body[name] === undefined || body[name] === null) value[name] = nowFor(inst, field);
  }
}

/**
 * Generated strings (`x-kong-auto: random`), in the entity and its nested records (a plugin's
 * config), on insert and upsert: as Kong's process_auto_fields, only for a field the body left
 * out; an explicit null stays null (validation reports it when the field is required).
 */
function fillRandom(schema: JsonSchema, value: Record<string, unknown>, sent: unknown): void {
  const given = isPlainObject(sent) ? sent : {};
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const v = value[name];
    if (field['x-kong-auto'] === 'random') {
      if (given[name] === undefined && (v === null || v === undefined)) value[name] = randomUUID().replace(/-/g, '');
    } else if (field.properties && isPlainObject(v)) fillRandom(field, v, given[name]);
  }
}

/** Only schema fields are stored; shorthands and pseudo fields never are; foreign keys keep just `{id}`. */
function toRow(schema: JsonSchema, value: Record<string, unknown>): Row {
  const row: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    if (field['x-kong-shorthand'] || field['x-kong-pseudo'] || field.writeOnly) continue;
    let v = value[name];
    if (field['x-kong-foreign'] && v && typeof v === 'object') v = { id: (v as { id: unknown }).id };
    row[name] = v === undefined ? null : v;
  }
  return row as Row;
}

function store(inst: Instance, w: WriteRequest, hooks: EntityHooks, input: WriteInput, row: Row): Outcome<Row> {
  const table = inst.store.table(w.entity.name);
  try {
    const stored = w.existing && table.get(row.id) ? table.replace(row) : table.insert(row);
    hooks.afterWrite?.(input, stored);
    return succeeded(stored);
  } catch (error) {
    if (!(error instanceof StoreConflict)) throw error;
    const e = error.error;
    if (e.kind === 'unique') return failed(uniqueViolation(e.values));
    if (e.kind === 'primary-key') return failed(primaryKeyViolation(e.id));
    if (e.kind === 'foreign-key') return failed(foreignKeyViolation(e.field, e.parentTable, e.parentId));
    throw error;
  }
}
