/**
 * Small readers of the document's field schemas, shared by defaults, validation and inference.
 */
import type { JsonSchema } from '../spec/index.ts';

export type FieldKind = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'set' | 'record' | 'map' | 'foreign' | 'any';

export function kindOf(schema: JsonSchema): FieldKind {
  if (schema['x-kong-foreign']) return 'foreign';
  const t = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  switch (t) {
    case 'array':
      return schema['x-kong-type'] === 'set' ? 'set' : 'array';
    case 'object':
      return schema['x-kong-type'] === 'map' || (schema.properties === undefined && typeof schema.additionalProperties === 'object') ? 'map' : 'record';
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return t;
    default:
      return 'any';
  }
}

/** Kong-optional: the type admits null. */
export function isNullable(schema: JsonSchema): boolean {
  return schema.type === undefined || (Array.isArray(schema.type) && schema.type.includes('null'));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepClone<T>(value: T): T {
  return value === undefined ? value : (structuredClone(value) as T);
}

/**
 * `target[key] = value` for a key that came from input: `__proto__` becomes an own field (Kong
 * then reports it as an unknown field) instead of replacing the object's prototype.
 */
export function setField(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Read a dotted path (`config.minute`) from an entity. */
export function getPath(value: Record<string, unknown>, path: string): unknown {
  let v: unknown = value;
  for (const part of path.split('.')) v = isPlainObject(v) ? v[part] : undefined;
  return v;
}

/** Write into a nested error tree along a dotted path. */
export function setPath(tree: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = tree;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(node[part])) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

/** Kong's `is_nonempty`: not null, not `""`, not an empty array or table. */
export function nonEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

/** Field names as Kong's entity check messages list them: `'a', 'b'`. */
export const quoted = (names: string[]): string => names.map((n) => `'${n}'`).join(', ');
