/**
 * Foreign-entity endpoints `/A/{E}/F`: act on the parent that E points to (reference §4.9).
 */
import type { Ctx } from './context.ts';
import { entityOf } from './context.ts';
import type { Handler } from './operations.ts';
import type { Outcome, Result } from './result.ts';
import { failed, ok, succeeded } from './result.ts';
import type { EntityDef } from '../spec/index.ts';
import type { Row } from '../store/types.ts';
import { resolveUrlKey } from './resolve.ts';
import { renderRow } from './render.ts';
import { writeEntity } from './write.ts';
import { methodNotAllowed, notFound } from './errors.ts';

interface Link {
  child: Row;
  childEntity: EntityDef;
  field: string;
  parentEntity: EntityDef;
  parent: Row | undefined;
}

function link(ctx: Ctx): Outcome<Link> {
  const childEntity = entityOf(ctx.inst, ctx.op.kong.entity!);
  const field = ctx.op.kong.foreign!;
  const fk = childEntity.foreignKeys.find((f) => f.field === field);
  if (!fk) return failed(notFound());
  const parentEntity = entityOf(ctx.inst, fk.entity);
  const key = resolveUrlKey(ctx.inst, childEntity, ctx.params[0]);
  if (key.error) return failed(key.error);
  const child = key.value.row;
  if (!child) return failed(notFound());
  const ref = child[field] as { id?: string } | null;
  const parent = ref?.id ? ctx.inst.store.table(parentEntity.name).get(ref.id) : undefined;
  return succeeded({ child, childEntity, field, parentEntity, parent });
}

function read(ctx: Ctx): Result {
  const l = link(ctx);
  if (l.error) return l.error;
  if (!l.value.parent) return notFound();
  // Kong reads the parent with the DAO's plain select here: no pseudo fields filled in
  return ok(renderRow(ctx.inst, l.value.parentEntity, l.value.parent, { plain: true }));
}

function update(ctx: Ctx): Result {
  const l = link(ctx);
  if (l.error) return l.error;
  const { parent, parentEntity } = l.value;
  if (!parent) return notFound();
  const written = writeEntity(ctx.inst, { entity: parentEntity, mode: 'update', body: ctx.body, existing: parent });
  if (written.error) return written.error;
  return ok(renderRow(ctx.inst, parentEntity, written.value));
}

function upsert(ctx: Ctx): Result {
  const l = link(ctx);
  if (l.error) return l.error;
  const { parent, parentEntity, child, childEntity, field } = l.value;
  const written = writeEntity(ctx.inst, { entity: parentEntity, mode: 'upsert', body: ctx.body, existing: parent, id: parent?.id });
  if (written.error) return written.error;
  if (!parent) {
    // as Kong: the parent is created first, then the child is updated to point at it, with the
    // child's own rules (an http service refuses a client certificate); a refusal leaves the parent
    const linked = writeEntity(ctx.inst, { entity: childEntity, mode: 'update', body: { kind: 'json', value: { [field]: { id: written.value.id } } }, existing: child });
    if (linked.error) return linked.error;
  }
  return ok(renderRow(ctx.inst, parentEntity, written.value));
}

function remove(ctx: Ctx): Result {
  const l = link(ctx);
  if (l.error) return l.error;
  return l.value.parent ? methodNotAllowed() : notFound();
}

export const foreignHandlers: Record<string, Handler> = { read, update, upsert, delete: remove };
