/**
 * Consumers: `GET /consumers?custom_id=` looks one consumer up instead of paging (reference §5.4).
 */
import type { EntityHooks } from './hooks.ts';
import { renderRow } from '../admin/render.ts';
import { entityOf } from '../admin/context.ts';
import { message } from '../admin/errors.ts';
import { ok } from '../admin/result.ts';

export const consumerHooks: EntityHooks = {
  list(ctx) {
    if (!ctx.query.has('custom_id') || ctx.op.kong.scope !== 'collection') return undefined;
    const values = ctx.query.all('custom_id');
    const value = values[0];
    if (values.length !== 1 || typeof value !== 'string' || value === '') return message(400, 'custom_id must be an unempty string');
    const entity = entityOf(ctx.inst, 'consumers');
    const row = ctx.inst.store.table('consumers').findUnique(['custom_id'], [value]);
    return ok({ data: row ? [renderRow(ctx.inst, entity, row)] : [], next: null });
  },
};
