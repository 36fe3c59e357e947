/**
 * Entities whose DAO has Kong's `ttl = true` (key-auth credentials; `x-kong-ttl` in the document).
 *
 * - The Admin API takes `ttl` out of the body of a create, update or upsert and hands it to the
 *   DAO as an option (kong/api/endpoints.lua; form values through tonumber, kong/api/arguments.lua).
 * - The DAO checks it before anything else (kong/db/dao/init.lua): an integer from 0 to
 *   100000000, else `invalid option (ttl: …)` (code 11). A value Lua's math.floor cannot take (a
 *   non-numeric string, a boolean, null, a table) is a Lua error in Kong (500); the mock answers it
 *   with the same code-11 message instead, as it never answers bad input with a 500.
 * - The row keeps its expiry time (kong/db/strategies/postgres/init.lua): `created_at + ttl` on
 *   insert and upsert, `updated_at + ttl` (or now + ttl when there is no `updated_at`) on update;
 *   0 clears it; an update without `ttl` keeps it, an upsert without `ttl` clears it.
 * - Reads show `ttl` as the whole seconds left (FLOOR of expiry − now), null without expiry, and
 *   only rows whose expiry has not passed. Expired rows are removed before every request; Kong
 *   hides them at once and deletes them within a minute.
 */
import type { EntityDef, JsonSchema } from '../spec/index.ts';
import type { Row } from '../store/types.ts';
import type { Instance } from './context.ts';
import type { Outcome } from './result.ts';
import { failed, succeeded } from './result.ts';
import { invalidOptions } from './errors.ts';
import { luaToNumber } from './args.ts';

/** kong.constants DATABASE.DAO_MAX_TTL */
export const DAO_MAX_TTL = 100000000;

/** The `ttl` option a body carries for an entity with `ttl = true`: undefined when absent. */
export function ttlOption(entity: EntityDef, body: Record<string, unknown>, form: boolean): Outcome<number | undefined> {
  if (!entity.ttl || !('ttl' in body) || body.ttl === undefined) return succeeded(undefined);
  let ttl = body.ttl;
  if (form && typeof ttl === 'string') ttl = luaToNumber(ttl) ?? ttl;
  if (typeof ttl !== 'number') return failed(invalidTtl());
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > DAO_MAX_TTL) return failed(invalidTtl());
  return succeeded(ttl);
}

function invalidTtl() {
  return invalidOptions({ ttl: `must be an integer between 0 and ${DAO_MAX_TTL}` });
}

/** The body without `ttl` (it is an option, not a field). */
export function withoutTtl<T extends Record<string, unknown>>(entity: EntityDef, value: T): T {
  if (!entity.ttl || !('ttl' in value)) return value;
  const { ttl: _ttl, ...rest } = value;
  return rest as T;
}

/** The expiry time (seconds since the epoch) a written row keeps, or null; noted for the purge. */
export function expiryFor(inst: Instance, schema: JsonSchema, mode: 'insert' | 'update' | 'upsert', ttl: number | undefined, row: Row, existing?: Row): number | null {
  const expiry = expiryOf(inst, schema, mode, ttl, row, existing);
  if (expiry !== null) inst.nextExpiry = Math.min(inst.nextExpiry, expiry);
  return expiry;
}

function expiryOf(inst: Instance, schema: JsonSchema, mode: 'insert' | 'update' | 'upsert', ttl: number | undefined, row: Row, existing?: Row): number | null {
  if (ttl === undefined) return mode === 'update' ? ((existing?.ttl as number | null | undefined) ?? null) : null;
  if (ttl === 0) return null;
  const props = schema.properties ?? {};
  if (mode !== 'update' && props.created_at?.['x-kong-auto'] && typeof row.created_at === 'number') return row.created_at + ttl;
  if (mode === 'update' && props.updated_at?.['x-kong-auto'] && typeof row.updated_at === 'number') return row.updated_at + ttl;
  return inst.clock() / 1000 + ttl;
}

/** What a response shows: the whole seconds left, or null. */
export function secondsLeft(inst: Instance, row: Row): number | null {
  return typeof row.ttl === 'number' ? Math.floor(row.ttl - inst.clock() / 1000) : null;
}

/**
 * Removes the rows whose expiry has passed (a row is visible while its expiry is not before now).
 * Runs on every request, so it scans only once the earliest known expiry has passed, and then
 * notes the next one: a request costs nothing while no row can have expired.
 */
export function purgeExpired(inst: Instance): void {
  const now = inst.clock() / 1000;
  if (!(inst.nextExpiry < now)) return;
  let next = Infinity;
  for (const entity of inst.spec.entities.values()) {
    if (!entity.ttl || entity.schemaOnly) continue;
    const table = inst.store.table(entity.name);
    if (table.size === 0) continue;
    const expired: string[] = [];
    for (const row of table.all()) {
      if (typeof row.ttl !== 'number') continue;
      if (row.ttl < now) expired.push(row.id);
      else next = Math.min(next, row.ttl);
    }
    for (const id of expired) table.delete(id);
  }
  inst.nextExpiry = next;
}
