/**
 * Picks what serves an operation: a hand-written handler named by `x-kong-operation.handler`, or
 * the generic CRUD engine driven by the operation's entity, scope and kind.
 */
import type { Ctx } from './context.ts';
import type { Result } from './result.ts';
import { unexpected } from './errors.ts';
import { specialHandlers } from './handlers/index.ts';
import { collectionHandlers } from './crud-collection.ts';
import { entityHandlers } from './crud-entity.ts';
import { foreignHandlers } from './crud-foreign.ts';

export type Handler = (ctx: Ctx) => Result | Promise<Result>;

export function runOperation(ctx: Ctx): Result | Promise<Result> {
  const { kong } = ctx.op;
  if (kong.handler) {
    const special = specialHandlers[kong.handler];
    return special ? special(ctx) : unexpected();
  }
  const table =
    kong.scope === 'collection' || kong.scope === 'nested-collection'
      ? collectionHandlers
      : kong.scope === 'foreign'
        ? foreignHandlers
        : entityHandlers;
  const handler = kong.kind ? table[kong.kind] : undefined;
  return handler ? handler(ctx) : unexpected();
}
