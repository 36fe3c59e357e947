/**
 * Makes responses of two servers comparable: ids become placeholders numbered in order of first
 * appearance, timestamps and paging tokens become markers, and node-specific values are hidden.
 */
import type { Exchange } from './http.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const VARYING = new Set(['node_id', 'hostname', 'configuration', 'pids', 'timers', 'memory', 'server', 'lua_version', 'version', 'plugins', 'cert_digest']);
const TIMESTAMPS = new Set(['created_at', 'updated_at']);

export type IdMap = Map<string, string>;

function ids(text: string, map: IdMap): string {
  return text.replace(UUID, (id) => {
    const key = id.toLowerCase();
    let placeholder = map.get(key);
    if (!placeholder) map.set(key, (placeholder = `<id${map.size + 1}>`));
    return placeholder;
  });
}

function walk(value: unknown, map: IdMap, key?: string): unknown {
  if (key !== undefined && VARYING.has(key)) return '<varies>';
  if (key !== undefined && TIMESTAMPS.has(key) && typeof value === 'number') return '<timestamp>';
  if (key === 'offset' && typeof value === 'string') return '<offset>';
  if (typeof value === 'string') return ids(key === 'next' ? value.replace(/offset=[^&]*/, 'offset=<offset>') : value, map);
  if (Array.isArray(value)) return value.map((v) => walk(v, map));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, map, k);
    return out;
  }
  return value;
}

export function normalizeExchange(ex: Exchange, map: IdMap = new Map()): { status: number; body: unknown } {
  return { status: ex.status, body: walk(ex.body, map) };
}
