/**
 * Turns a stored row into what Kong returns: every field of the schema, in schema order, unset
 * ones as null; write-only shorthands never shown; pseudo fields computed by the entity's hooks.
 */
import type { EntityDef, JsonSchema } from '../spec/index.ts';
import type { Row } from '../store/types.ts';
import type { Instance } from './context.ts';
import { hooksFor } from '../entities/registry.ts';
import type { EntityHooks } from '../entities/hooks.ts';
import { versionAtLeast } from '../entities/types.ts';
import { secondsLeft } from './ttl.ts';
import { hasMirroredShorthands, mirrorShorthands } from './shorthands.ts';

/**
 * `plain`: the row as the DAO's plain select returns it (foreign-entity GET): pseudo fields are
 * Kong's transient fields, null from 3.0 and absent before.
 */
export function renderRow(inst: Instance, entity: EntityDef, row: Row, options: { plain?: boolean } = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const hooks = hooksFor(entity.name);
  for (const [name, field] of entity.fields) {
    if (field.writeOnly || field['x-kong-shorthand']) continue;
    if (field['x-kong-pseudo']) {
      if (options.plain && !versionAtLeast(inst.version, '3.0')) continue;
      out[name] = options.plain ? null : (hooks.pseudo?.(inst, row, name) ?? null);
      continue;
    }
    out[name] = renderValue(field, row[name]);
  }
  // a `ttl = true` DAO's rows carry the seconds left (null without expiry) on a database node; a
  // DB-less node's rows, loaded without one, have no `ttl` key
  if (entity.ttl && !inst.dblessChecks) out.ttl = secondsLeft(inst, row);
  return withShorthands(inst, hooks, row, out);
}

const mirrored = new WeakMap<JsonSchema, boolean>();

/** Deprecated shorthands shown again next to the fields that replaced them (plugins: rate-limiting `redis_host`…). */
function withShorthands(inst: Instance, hooks: EntityHooks, row: Row, out: Record<string, unknown>): Record<string, unknown> {
  const schema = hooks.schema?.(inst, row, row);
  if (!schema || schema.error) return out;
  let shows = mirrored.get(schema.value);
  if (shows === undefined) mirrored.set(schema.value, (shows = hasMirroredShorthands(schema.value, inst.version)));
  if (!shows) return out;
  const copy = structuredClone(out);
  mirrorShorthands(schema.value, copy, inst.version);
  return copy;
}

function renderValue(field: JsonSchema, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && value === '' && (field.minLength ?? 1) > 0) return null;
  return value;
}
