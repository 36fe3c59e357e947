/**
 * Generic entity endpoints: `GET|PATCH|PUT|DELETE /A/{E}` and `/P/{P}/A'/{E}`
 * (reference §4.3–§4.6, §4.8).
 */
import { randomUUID } from '../crypto/index.ts';
import type { EntityDef } from '../spec/index.ts';
import type { Row } from '../store/types.ts';
import { StoreConflict } from '../store/types.ts';
import { hooksFor } from '../entities/registry.ts';
import type { KeyPurpose } from '../entities/hooks.ts';
import type { BodyInput, Ctx, Instance } from './context.ts';
import type { Handler } from './operations.ts';
import type { Outcome, Result } from './result.ts';
import { failed, noContent, ok, succeeded } from './result.ts';
import { collectionScope, type Scope } from './crud-collection.ts';
import { resolveNestedKey, resolveUrlKey, type UrlKey } from './resolve.ts';
import { renderRow } from './render.ts';
import { writeEntity, writeOptions } from './write.ts';
import { notFound, notFoundDao, operationUnsupportedFor, restrictViolation } from './errors.ts';

interface Target {
  scope: Scope;
  key: UrlKey;
}

/** Resolves the parent (nested scopes) and the entity key from the last path parameter. */
function target(ctx: Ctx, purpose: KeyPurpose = 'lookup'): Outcome<Target> {
  const scope = collectionScope(ctx);
  if (scope.error) return failed(scope.error);
  const segment = ctx.params[ctx.params.length - 1];
  const { entity, parent } = scope.value;
  const nested = parent ? resolveNestedKey(ctx.inst, entity, parent, segment) : undefined;
  if (nested) return succeeded({ scope: scope.value, key: nested });
  const key = resolveUrlKey(ctx.inst, entity, segment, parent ? 'lookup' : purpose);
  if (key.error) return failed(key.error);
  return succeeded({ scope: scope.value, key: key.value });
}

/** The endpoint key a URL named the entity by (`update_by_name` in Kong), not for ids (nor a nested key, which Kong turns into the id). */
function byField(key: UrlKey): string | undefined {
  return key.field === 'id' || key.field === 'url-key' || key.nested ? undefined : key.field;
}

/** In a nested scope the child must exist and belong to the parent. */
function belongs(t: Target): boolean {
  const { parent } = t.scope;
  if (!parent) return true;
  const ref = t.key.row?.[parent.field] as { id?: string } | null | undefined;
  return ref?.id === parent.row.id;
}

function read(ctx: Ctx): Result {
  const t = target(ctx);
  if (t.error) return t.error;
  const { scope, key } = t.value;
  if (!key.row && !scope.parent && key.field === 'id' && hooksFor(scope.entity.name).readMissingById) return notFoundDao('id', key.value);
  if (!key.row || !belongs(t.value)) return notFound();
  return ok(renderRow(ctx.inst, scope.entity, key.row));
}

function update(ctx: Ctx): Result {
  const t = target(ctx);
  if (t.error) return t.error;
  const { scope, key } = t.value;
  if (!key.row) {
    // Kong's DAO checks the options (`ttl`) before it looks the entity up
    const options = scope.parent ? undefined : writeOptions(scope.entity, ctx.body);
    if (options?.error) return options.error;
    const nameless = scope.entity.name === 'plugins' && !(ctx.body.kind !== 'none' && 'name' in ctx.body.value);
    return scope.parent || nameless ? notFound() : notFoundDao(key.field, key.value);
  }
  if (!belongs(t.value)) return notFound();
  const fallback = scope.parent ? { [scope.parent.field]: { id: scope.parent.row.id } } : undefined;
  const written = writeEntity(ctx.inst, { entity: scope.entity, mode: 'update', body: ctx.body, existing: key.row, fallback, byField: byField(key) });
  if (written.error) return written.error;
  return ok(renderRow(ctx.inst, scope.entity, written.value));
}

function upsert(ctx: Ctx): Result {
  const t = target(ctx, 'upsert');
  if (t.error) return t.error;
  const { scope, key } = t.value;
  const body: BodyInput = ctx.body.kind === 'none' ? { kind: 'json', value: {} } : ctx.body;
  const forced: Record<string, unknown> = {};
  if (key.nested) {
    // acl api.lua: the group of the URL fills in a body without one (the body's wins); a group
    // the consumer does not have yet is created under a new id
    if (body.value[key.field] === undefined || body.value[key.field] === false) body.value[key.field] = key.value;
  } else if (key.field === 'url-key') {
    if (!key.row) hooksFor(scope.entity.name).urlKeyInput?.(body.value, String(key.value));
  } else if (key.field !== 'id') forced[key.field] = key.value;
  if (scope.parent) forced[scope.parent.field] = { id: scope.parent.row.id };
  const id = key.row?.id ?? (key.field === 'id' ? String(key.value) : key.nested ? randomUUID() : undefined);
  const fallback = scope.parent ? undefined : hooksFor(scope.entity.name).putFallback;
  const written = writeEntity(ctx.inst, { entity: scope.entity, mode: 'upsert', body, existing: key.row, forced, fallback, id, byField: byField(key) });
  if (written.error) return written.error;
  return ok(renderRow(ctx.inst, scope.entity, written.value));
}

function remove(ctx: Ctx): Result {
  const t = target(ctx);
  if (t.error) return t.error;
  const { scope, key } = t.value;
  if (!key.row) return scope.parent ? notFound() : noContent();
  if (!belongs(t.value)) return notFound();
  return deleteRow(ctx.inst, scope.entity, key.row, byField(key));
}

export function deleteRow(inst: Instance, entity: EntityDef, row: Row, byField?: string): Result {
  if (inst.dbless) return operationUnsupportedFor('remove', entity.name, byField);
  try {
    const blocked = hooksFor(entity.name).beforeDelete?.(inst, row);
    if (blocked) return blocked;
    inst.store.table(entity.name).delete(row.id);
    return noContent();
  } catch (error) {
    if (error instanceof StoreConflict && error.error.kind === 'restrict') {
      return restrictViolation(error.error.referencedBy, entity.name);
    }
    throw error;
  }
}

export const entityHandlers: Record<string, Handler> = { read, update, upsert, delete: remove };
