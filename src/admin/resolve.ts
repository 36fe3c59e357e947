/**
 * `{name or id}` in a URL (reference §4.2): a UUID is only ever an id; anything else is the
 * entity's endpoint key, validated first (400 `invalid unique <key>`), or an invalid primary key
 * when the entity has none.
 */
import type { EntityDef } from '../spec/index.ts';
import type { Row } from '../store/types.ts';
import { hooksFor } from '../entities/registry.ts';
import type { KeyPurpose } from '../entities/hooks.ts';
import { validators } from '../entities/validators.ts';
import type { Instance } from './context.ts';
import type { Outcome } from './result.ts';
import { failed, succeeded } from './result.ts';
import { inferValue } from './args.ts';
import { validateValue } from './validate.ts';
import { invalidPrimaryKey, invalidUnique } from './errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export interface UrlKey {
  /** The field the segment addressed: `id`, the endpoint key, or 'url-key' for an entity's own lookup. */
  field: string;
  value: unknown;
  row: Row | undefined;
  /** The segment named the entity by its `nested-key` under the parent (acls by group under a consumer). */
  nested?: boolean;
}

export function resolveUrlKey(inst: Instance, entity: EntityDef, segment: string, purpose: KeyPurpose = 'lookup', under?: string): Outcome<UrlKey> {
  const table = inst.store.table(entity.name);
  if (isUuid(segment)) {
    const id = segment.toLowerCase();
    return succeeded({ field: 'id', value: id, row: table.get(id) });
  }
  const hooks = hooksFor(entity.name);
  if (hooks.resolveKey && (under === undefined || hooks.resolveKeyUnder?.includes(under))) {
    const found = hooks.resolveKey(inst, segment, purpose);
    if (found.error) return failed(found.error);
    return succeeded({ field: 'url-key', value: segment, row: found.value });
  }
  const key = entity.endpointKey;
  if (!key) return failed(invalidPrimaryKey());
  const field = entity.schema.properties?.[key];
  const value = field ? inferValue(field, segment) : segment;
  if (field) {
    const problem = validateValue(field, value, { validators, ctx: { version: inst.version } });
    if (problem) return failed(invalidUnique(key, typeof problem === 'string' ? problem : JSON.stringify(problem)));
  }
  return succeeded({ field: key, value, row: table.findUnique([key], [value]) });
}

/**
 * A child segment under a parent's nested path, for an entity with a `nested-key`: a non-UUID is
 * that field's value among the parent's children (Kong's acl plugin looks the group up with the
 * consumer through the cache key, kong/plugins/acl/api.lua); undefined when the segment is an id.
 */
export function resolveNestedKey(inst: Instance, entity: EntityDef, parent: { row: Row; field: string }, segment: string): UrlKey | undefined {
  const key = entity.nestedKey;
  if (!key || isUuid(segment)) return undefined;
  const row = inst.store.table(entity.name).children(parent.field, parent.row.id).find((r) => r[key] === segment);
  return { field: key, value: segment, row, nested: true };
}
