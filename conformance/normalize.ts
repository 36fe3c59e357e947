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

function walk(value: unknown, map: IdMap, key?: string, runId?: string): unknown {
  if (key !== undefined && VARYING.has(key)) return '<varies>';
  if (key !== undefined && TIMESTAMPS.has(key) && typeof value === 'number') return '<timestamp>';
  if (key === 'offset' && typeof value === 'string') return '<offset>';
  if (typeof value === 'string') {
    const text = key === 'next' ? value.replace(/offset=[^&]*/, 'offset=<offset>') : value;
    return ids(runId ? text.split(runId).join('<run>') : text, map);
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => walk(v, map, undefined, runId));
    // Kong orders lists by id, and ids are random: compare list pages as sorted collections.
    return key === 'data' ? items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : items;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, map, k, runId);
    return out;
  }
  return value;
}

/** `runId` is the suffix of this run's unique names: it becomes `<run>` so runs compare. */
export function normalizeExchange(ex: Exchange, map: IdMap = new Map(), runId?: string): { status: number; body?: unknown } {
  const body = walk(ex.body, map, undefined, runId);
  return body === undefined ? { status: ex.status } : { status: ex.status, body };
}

/** The structure of a value: scalars become their type, arrays and objects keep lengths and keys. */
export function structureOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(structureOf);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structureOf(v)]));
  return value === null ? null : `<${typeof value}>`;
}

/** A normalised exchange reduced to what a step's `compare` asks for. */
export function comparable(normalized: { status: number; body?: unknown }, compare: 'full' | 'shape' | 'status' = 'full'): { status: number; body?: unknown } {
  if (compare === 'status') return { status: normalized.status };
  if (compare === 'shape') return 'body' in normalized ? { status: normalized.status, body: structureOf(normalized.body) } : { status: normalized.status };
  return normalized;
}
