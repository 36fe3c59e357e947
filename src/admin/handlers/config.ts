/**
 * `GET|POST /config` (reference §7.7): the DB-less node's declarative configuration. Loading
 * drives a scratch instance's own Admin API (src/declarative), then swaps the store whole.
 */
import { stringify } from 'yaml';
import { versionAtLeast } from '../../entities/types.ts';
import type { Ctx } from '../context.ts';
import type { Handler } from '../operations.ts';
import type { Result } from '../result.ts';
import { ok } from '../result.ts';
import { message } from '../errors.ts';
import { readBody } from '../body.ts';
import { renderRow } from '../render.ts';
import { snapshot } from '../../persist.ts';
import { configHash, parseDeclarative, type Parsed } from '../../declarative/parse.ts';
import { parseError } from '../../declarative/errors.ts';

const notDbless = (): Result => message(400, 'this endpoint is only available when Kong is configured to not use a database');
const TRUTHY = new Set(['1', 'true', 'on', 'yes']);

function option(ctx: Ctx, body: Record<string, unknown> | undefined, name: string): boolean {
  const raw = ctx.query.text(name) ?? body?.[name];
  return TRUTHY.has(String(raw ?? '').toLowerCase());
}

/** The configuration in the request: a raw YAML body, `{"config": "<text>"}`, or the JSON object itself. */
async function input(ctx: Ctx): Promise<{ parsed?: Parsed; body?: Record<string, unknown>; error?: Result }> {
  const read = await readBody(ctx.req, { yaml: true });
  if ('error' in read) return { error: read.error };
  if (read.kind === 'text') return { parsed: parseDeclarative(read.text) };
  const body = ctx.body.kind === 'none' ? undefined : ctx.body.value;
  if (body && typeof body.config === 'string') return { parsed: parseDeclarative(body.config), body };
  if (body && read.kind === 'json' && '_format_version' in body) {
    const text = new TextDecoder().decode(ctx.req.body ?? new Uint8Array());
    const config = { ...body };
    for (const key of ['check_hash', 'flatten_errors']) delete config[key];
    return { parsed: { ok: config, hash: configHash(text) }, body };
  }
  return { error: message(400, 'expected a declarative configuration'), body };
}

const post: Handler = async (ctx) => {
  if (!ctx.inst.dbless) return notDbless();
  const { parsed, body, error } = await input(ctx);
  if (error) return error;
  if (!parsed) return message(400, 'expected a declarative configuration');
  if ('error' in parsed) return parseError(parsed.error);
  if (option(ctx, body, 'check_hash') && parsed.hash === ctx.inst.configHash) return { status: 304 };
  // Imported when used: the loader builds a scratch mock, and the mock imports these handlers.
  const { buildDeclarative, replaceStore } = await import('../../declarative/load.ts');
  const built = await buildDeclarative(ctx.inst.spec, parsed.ok, { clock: ctx.inst.clock, flattenErrors: option(ctx, body, 'flatten_errors'), dbless: ctx.inst.dbless });
  if (built.error) return built.error;
  replaceStore(ctx.inst.store, built.value.store);
  ctx.inst.health.clear();
  ctx.inst.configHash = parsed.hash;
  return ok(built.value.entities, 201);
};

/** The store as declarative YAML, every field shown (nulls included). */
export function exportYaml(ctx: Ctx): string {
  const doc: Record<string, unknown> = {
    _format_version: versionAtLeast(ctx.inst.version, '3.0') ? '3.0' : '2.1',
    _transform: false,
  };
  for (const [name, rows] of Object.entries(snapshot(ctx.inst.store, ctx.inst.version).tables)) {
    const entity = ctx.inst.spec.entities.get(name);
    if (!entity || rows.length === 0) continue;
    doc[name] = rows.map((row) => renderRow(ctx.inst, entity, row));
  }
  return stringify(doc);
}

const get: Handler = (ctx) => (ctx.inst.dbless ? ok({ config: exportYaml(ctx) }) : notDbless());

export const configHandlers: Record<string, Handler> = { 'config-get': get, 'config-post': post };
