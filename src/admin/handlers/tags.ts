/**
 * `GET /tags` and `GET /tags/{tag}` (reference §6.11): one item per (entity, tag), ordered by
 * entity id then the tag's position, paged with `[entity_id, position]` offsets.
 */
import type { Ctx } from '../context.ts';
import type { Handler } from '../operations.ts';
import { ok } from '../result.ts';
import { invalidOffset, invalidSize, invalidUnique } from '../errors.ts';
import { decodeOffset, encodeOffset, escapeUri, parseSize } from '../paginate.ts';
import { validators } from '../../entities/validators.ts';

interface TagItem {
  entity_name: string;
  entity_id: string;
  tag: string;
  position: number;
}

function collect(ctx: Ctx, only?: string): TagItem[] {
  const items: TagItem[] = [];
  for (const table of ctx.inst.store.tables()) {
    if (!table.def.tagsField) continue;
    const rows = only === undefined ? table.all() : table.page({ size: Number.MAX_SAFE_INTEGER, tags: { mode: 'and', tags: [only] } }).rows;
    for (const row of rows) {
      const tags = row[table.def.tagsField];
      if (!Array.isArray(tags)) continue;
      tags.forEach((tag, i) => {
        if (only === undefined || tag === only) items.push({ entity_name: table.def.name, entity_id: row.id, tag: String(tag), position: i + 1 });
      });
    }
  }
  return items.sort((a, b) => (a.entity_id < b.entity_id ? -1 : a.entity_id > b.entity_id ? 1 : a.position - b.position));
}

function page(ctx: Ctx, items: TagItem[], basePath: string): ReturnType<Handler> {
  const size = parseSize(ctx.query.text('size'));
  if ('error' in size) return invalidSize(size.message);
  let start = 0;
  const raw = ctx.query.text('offset');
  if (raw !== undefined) {
    const decoded = decodeOffset(raw);
    if ('error' in decoded) return invalidOffset(decoded.message);
    const [id, position] = decoded.ok as [string, number];
    start = items.findIndex((t) => t.entity_id > id || (t.entity_id === id && t.position > Number(position)));
    if (start === -1) start = items.length;
  }
  const slice = items.slice(start, start + size.ok);
  const data = slice.map(({ entity_name, entity_id, tag }) => ({ entity_name, entity_id, tag }));
  if (start + size.ok >= items.length) return ok({ data, next: null });
  const last = slice[slice.length - 1];
  const offset = encodeOffset([last.entity_id, last.position]);
  return ok({ data, offset, next: `${basePath}?offset=${escapeUri(offset)}` });
}

const list: Handler = (ctx) => page(ctx, collect(ctx), '/tags');

const byTag: Handler = (ctx) => {
  const tag = ctx.params[0];
  const problem = validators.tag?.(tag, { version: ctx.inst.version });
  if (problem) return invalidUnique('tag', problem);
  return page(ctx, collect(ctx, tag), `/tags/${ctx.match.raw[0]}`);
};

export const tagHandlers: Record<string, Handler> = { 'tags-list': list, 'tags-by-tag': byTag };
