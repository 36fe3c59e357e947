/**
 * `{{…}}` placeholders in scenario steps: captures saved by earlier steps, per-run unique names,
 * fresh UUIDs and file contents.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Context {
  captures: Map<string, unknown>;
  runId: string;
  root: string;
}

const WHOLE = /^\{\{\s*([^}]+?)\s*\}\}$/;
const ANY = /\{\{\s*([^}]+?)\s*\}\}/g;

function resolve(expr: string, ctx: Context): unknown {
  const [name, filter] = expr.split('|').map((s) => s.trim());
  let value: unknown;
  if (name === '$uuid') value = randomUUID();
  else if (name.startsWith('unique:')) value = `${name.slice(7)}-${ctx.runId}`;
  else if (name.startsWith('file:')) value = readFileSync(join(ctx.root, name.slice(5)), 'utf8');
  else if (ctx.captures.has(name)) value = ctx.captures.get(name);
  else throw new Error(`nothing saved as '${name}'`);
  if (filter === 'uri') return encodeURIComponent(String(value));
  if (filter === 'upper') return String(value).toUpperCase();
  return value;
}

/** Replaces placeholders everywhere in a value; a string that is one placeholder keeps the saved type. */
export function interpolate<T>(value: T, ctx: Context): T {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) return resolve(whole[1], ctx) as T;
    return value.replace(ANY, (_, expr: string) => String(resolve(expr, ctx))) as T;
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, ctx)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[interpolate(k, ctx)] = interpolate(v, ctx);
    return out as T;
  }
  return value;
}

/** `body.data[0].id`, `headers.location`, `status` from a response. */
export function extract(source: Record<string, unknown>, path: string): unknown {
  let node: unknown = source;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (node === null || node === undefined) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** The captures a value reads (`{{svc}}`, `{{svc|uri}}`), not the generated placeholders. */
export function capturesRead(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    for (const [, expr] of value.matchAll(ANY)) {
      const name = expr.split('|')[0].trim();
      if (name !== '$uuid' && !name.startsWith('unique:') && !name.startsWith('file:')) out.add(name);
    }
  } else if (Array.isArray(value)) for (const v of value) capturesRead(v, out);
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) capturesRead(v, capturesRead(k, out));
  return out;
}
