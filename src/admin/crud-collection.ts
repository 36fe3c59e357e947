/**
 * Generic collection endpoints: `GET|POST /A` and `GET|POST /P/{P}/A'` (reference §4.3, §4.8, §5).
 */
import type { EntityDef } from '../spec/index.ts';
import type { Row, TagFilter } from '../store/types.ts';
import type { Ctx } from './context.ts';
import { entityOf } from './context.ts';
import type { Handler } from './operations.ts';
import type { Outcome, Result } from './result.ts';
import { failed, ok, succeeded } from './result.ts';
import { decodeOffset, encodeOffset, nestedNext, parseSize, parseTagFilter, topLevelNext } from './paginate.ts';
import { invalidOffset, invalidOptions, invalidSize, notFound } from './errors.ts';
import { resolveUrlKey } from './resolve.ts';
import { renderRow } from './render.ts';
import { writeEntity } from './write.ts';
import { hooksFor } from '../entities/registry.ts';

export interface Scope {
  entity: EntityDef;
  /** Nested scopes: the parent row and the child's foreign-key field. */
  parent?: { row: Row; field: string };
}

/** The entity served, and for nested paths the parent found from the first path parameter. */
export function collectionScope(ctx: Ctx): Outcome<Scope> {
  const entity = entityOf(ctx.inst, ctx.op.kong.entity!);
  const parentDef = ctx.op.kong.parent;
  if (!parentDef) return succeeded({ entity });
  const parentEntity = entityOf(ctx.inst, parentDef.entity);
  const key = resolveUrlKey(ctx.inst, parentEntity, ctx.params[0], 'lookup', entity.name);
  if (key.error) return failed(key.error);
  if (!key.value.row) return failed(notFound());
  return succeeded({ entity, parent: { row: key.value.row, field: parentDef.field } });
}

export interface PageArgs {
  size: number;
  after?: string;
  tags?: TagFilter;
}

/** size, offset and tags as Kong checks them: tags, then size, then offset. */
export function pageArgs(ctx: Ctx, withTags: boolean): Outcome<PageArgs> {
  let tags: TagFilter | undefined;
  if (withTags) {
    const parsed = parseTagFilter(ctx.query.first('tags'));
    if ('error' in parsed) return failed(invalidOptions({ tags: parsed.detail ?? '' }));
    tags = parsed.ok;
  }
  const size = parseSize(ctx.query.text('size'));
  if ('error' in size) return failed(invalidSize(size.message));
  const rawOffset = ctx.query.text('offset');
  let after: string | undefined;
  if (rawOffset !== undefined) {
    const decoded = decodeOffset(rawOffset);
    if ('error' in decoded) return failed(invalidOffset(decoded.message));
    after = String(decoded.ok[0]);
  }
  return succeeded({ size: size.ok, after, tags });
}

function list(ctx: Ctx): Result {
  const scope = collectionScope(ctx);
  if (scope.error) return scope.error;
  const { entity, parent } = scope.value;
  const special = hooksFor(entity.name).list?.(ctx);
  if (special) return special;
  const topLevel = !parent;
  const hasTags = topLevel && entity.schema.properties?.tags !== undefined;
  const args = pageArgs(ctx, hasTags);
  if (args.error) return args.error;
  const { size, after, tags } = args.value;
  const page = ctx.inst.store.table(entity.name).page({
    size,
    after,
    tags,
    parent: parent ? { field: parent.field, id: parent.row.id } : undefined,
  });
  const data = page.rows.map((row) => renderRow(ctx.inst, entity, row));
  if (!page.more) return ok({ data, next: null });
  const offset = encodeOffset([page.rows[page.rows.length - 1].id]);
  const next = topLevel
    ? topLevelNext(ctx.inst.version, entity.adminPath, offset, tags ? ctx.query.text('tags') : undefined, ctx.query.text('size'))
    : nestedNext(ctx.match.path, offset);
  return ok({ data, offset, next });
}

function create(ctx: Ctx): Result {
  const scope = collectionScope(ctx);
  if (scope.error) return scope.error;
  const { entity, parent } = scope.value;
  const forced = parent ? { [parent.field]: { id: parent.row.id } } : undefined;
  const written = writeEntity(ctx.inst, { entity, mode: 'insert', body: ctx.body, forced });
  if (written.error) return written.error;
  return ok(renderRow(ctx.inst, entity, written.value), 201);
}

export const collectionHandlers: Record<string, Handler> = { list, create };
