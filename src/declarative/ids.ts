/**
 * Kong's deterministic ids for declarative entities (`generate_ids` in Kong's declarative schema):
 * an entity without an id gets a UUID v5 derived from its endpoint key (a service's name, a
 * consumer's username) or from its cache key (plugins, targets), so the same file loaded twice
 * gives the same ids, the ids a real Kong gives. Entities with neither get a random id.
 */
import { digest, randomUUID } from '../crypto/index.ts';
import { concatBytes, fromHex, hex, utf8Bytes } from '../crypto/bytes.ts';
import type { EntityDef } from '../spec/index.ts';

const ENTITIES_NAMESPACE = 'fd02801f-0957-4a15-a55a-c8d9606f30b5';

/** RFC 4122 version 5 UUID (SHA-1 of namespace bytes + name). */
export function uuidV5(namespace: string, name: string): string {
  const hash = digest('sha1', concatBytes(fromHex(namespace.replace(/-/g, '')), utf8Bytes(name)));
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const h = hex(hash.subarray(0, 16));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function entityUuid(entity: string, key: string): string {
  return uuidV5(uuidV5(ENTITIES_NAMESPACE, entity), key);
}

/** Kong's best-effort cache key: `<entity>:*:<field>:…`, or undefined when a needed value is missing. */
function cacheKey(entity: EntityDef, item: Record<string, unknown>, parent?: { field: string; id: string }): string | undefined {
  const parts = [entity.name, '*'];
  const required = new Set(entity.schema.required ?? []);
  for (const field of entity.cacheKey ?? []) {
    const value = item[field];
    if (typeof value === 'string') parts.push(value);
    else if (value === undefined || value === null) {
      if (parent && field === parent.field) parts.push(parent.id);
      else if (required.has(field)) return undefined;
      else parts.push('');
    }
  }
  return parts.join(':');
}

/** The id Kong gives an entity declared without one. */
export function declarativeId(entity: EntityDef, item: Record<string, unknown>, parent?: { field: string; id: string }): string {
  if (entity.cacheKey) {
    const key = cacheKey(entity, item, parent);
    return key === undefined ? randomUUID() : entityUuid(entity.name, key);
  }
  const endpointKey = entity.endpointKey;
  const value = endpointKey === undefined ? undefined : item[endpointKey];
  if (value !== undefined && value !== null) return entityUuid(entity.name, String(value));
  return randomUUID();
}
