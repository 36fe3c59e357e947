/**
 * Target endpoints under an upstream (reference §6.7): the de-duplicated newest-first list with
 * numeric offsets, the raw `/targets/all` list, addressing a target by id or `host:port`, and
 * PUT behaving as PATCH.
 */
import type { Row } from '../../store/types.ts';
import { activeTargets, findTarget } from '../../entities/targets.ts';
import { normalizeTarget } from '../../entities/normalize.ts';
import { versionAtLeast } from '../../entities/types.ts';
import type { Ctx } from '../context.ts';
import { entityOf } from '../context.ts';
import type { Handler } from '../operations.ts';
import type { Outcome, Result } from '../result.ts';
import { failed, noContent, ok, succeeded } from '../result.ts';
import { resolveUrlKey } from '../resolve.ts';
import { renderRow } from '../render.ts';
import { writeEntity } from '../write.ts';
import { deleteRow } from '../crud-entity.ts';
import { escapeUri, parseSize } from '../paginate.ts';
import { invalidSize, notFound } from '../errors.ts';
import { collectionHandlers } from '../crud-collection.ts';

export function upstreamOf(ctx: Ctx): Outcome<Row> {
  const key = resolveUrlKey(ctx.inst, entityOf(ctx.inst, 'upstreams'), ctx.params[0]);
  if (key.error) return failed(key.error);
  return key.value.row ? succeeded(key.value.row) : failed(notFound());
}

export function targetOf(ctx: Ctx): Outcome<{ upstream: Row; target: Row }> {
  const upstream = upstreamOf(ctx);
  if (upstream.error) return failed(upstream.error);
  const target = findTarget(ctx.inst, upstream.value.id, ctx.params[1]);
  return target ? succeeded({ upstream: upstream.value, target }) : failed(notFound());
}

/** A numeric-offset page over a list already in order (targets and health lists). */
export function numericPage<T>(ctx: Ctx, items: T[], basePath: string): Outcome<{ data: T[]; offset?: string; next: string | null }> {
  const size = parseSize(ctx.query.text('size'), true);
  if ('error' in size) return failed(invalidSize(size.message));
  const start = Math.max(0, Math.floor(Number(ctx.query.text('offset') ?? 0)) || 0);
  const data = items.slice(start, start + size.ok);
  if (start + size.ok >= items.length) return succeeded({ data, next: null });
  const offset = String(start + size.ok);
  return succeeded({ data, offset, next: `${basePath}?offset=${escapeUri(offset)}` });
}

const list: Handler = (ctx) => {
  const upstream = upstreamOf(ctx);
  if (upstream.error) return upstream.error;
  const entity = entityOf(ctx.inst, 'targets');
  const rows = activeTargets(ctx.inst, upstream.value.id).map((t) => renderRow(ctx.inst, entity, t));
  const page = numericPage(ctx, rows, `/upstreams/${ctx.match.raw[0]}/targets`);
  return page.error ?? ok(page.value);
};

const create: Handler = (ctx) => {
  if (!versionAtLeast(ctx.inst.version, '3.0')) {
    const updated = updateExistingOn28(ctx);
    if (updated) return updated;
  }
  return collectionHandlers.create(ctx);
};

/** Kong 2.8: POSTing a target that exists updates it (200, `Deprecation: true`). */
function updateExistingOn28(ctx: Ctx): Result | undefined {
  const upstream = upstreamOf(ctx);
  const input = ctx.body;
  if (upstream.error || input.kind === 'none' || typeof input.value.target !== 'string') return undefined;
  const wanted = normalizedTarget(input.value.target);
  const existing = activeTargets(ctx.inst, upstream.value.id).find((t) => t.target === wanted);
  if (!existing) return undefined;
  const entity = entityOf(ctx.inst, 'targets');
  const body = { ...input.value };
  delete body.target;
  const written = writeEntity(ctx.inst, { entity, mode: 'update', body: { kind: input.kind, value: body }, existing });
  if (written.error) return written.error;
  return { status: 200, body: renderRow(ctx.inst, entity, written.value), headers: { Deprecation: 'true' } };
}

function normalizedTarget(target: string): string | undefined {
  const normalized = normalizeTarget(target);
  return 'error' in normalized ? undefined : normalized.target;
}

const all: Handler = (ctx) => collectionHandlers.list(ctx);

const read: Handler = (ctx) => {
  const found = targetOf(ctx);
  if (found.error) return found.error;
  return ok(renderRow(ctx.inst, entityOf(ctx.inst, 'targets'), found.value.target));
};

const update: Handler = (ctx) => {
  const found = targetOf(ctx);
  if (found.error) return found.error;
  const entity = entityOf(ctx.inst, 'targets');
  const written = writeEntity(ctx.inst, { entity, mode: 'update', body: ctx.body, existing: found.value.target });
  if (written.error) return written.error;
  return ok(renderRow(ctx.inst, entity, written.value));
};

const remove: Handler = (ctx) => {
  const found = targetOf(ctx);
  if (found.error) return found.error;
  const result = deleteRow(ctx.inst, entityOf(ctx.inst, 'targets'), found.value.target);
  if (result.status === 204) ctx.inst.health.forget(found.value.target.id);
  return result;
};

const health: Handler = (ctx) => {
  const found = targetOf(ctx);
  if (found.error) return found.error;
  const mark = ctx.op.kong.health === 'unhealthy' ? 'UNHEALTHY' : 'HEALTHY';
  const address = ctx.op.kong.address ? normalizeAddress(ctx.params[2]) : undefined;
  ctx.inst.health.set(found.value.target.id, mark, address);
  return noContent();
};

/** `ip[:port]`, default port 8000, as the health endpoints read an address. */
export function normalizeAddress(raw: string): string {
  if (raw.startsWith('[')) return raw.includes(']:') ? raw : `${raw}:8000`;
  const colons = raw.split(':').length - 1;
  if (colons === 1) return raw;
  if (colons > 1) return `[${raw}]:8000`;
  return `${raw}:8000`;
}

export const targetHandlers: Record<string, Handler> = {
  'targets-list': list,
  'targets-create': create,
  'targets-all': all,
  'target-read': read,
  'target-update': update,
  'target-delete': remove,
  'target-health': health,
};
