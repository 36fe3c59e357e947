/**
 * Turns a declarative configuration into the Admin API writes that build it: one POST per entity,
 * nested entities flattened with their parent's foreign key, ids given up front so children can
 * point at parents, and every write ordered after the entities it may reference.
 */
import type { EntityDef, Spec } from '../spec/index.ts';
import type { KongVersion } from '../entities/types.ts';
import type { DeclarativeInput } from './parse.ts';
import { declarativeId } from './ids.ts';

/** Where an entity sits in the input: `['services', 0, 'routes', 1]`. */
export type Path = Array<string | number>;

export interface Step {
  entity: EntityDef;
  path: Path;
  /** The entity as written in the input, without its nested children. */
  input: Record<string, unknown>;
  /** The body POSTed to the entity's collection. */
  body: Record<string, unknown>;
  id: string;
  /** For nested entities: the parent, whose nested collection the entity is POSTed to. */
  parent?: { entity: EntityDef; id: string };
}

export type Plan = { steps: Step[] } | { errors: Record<string, unknown> };

const FORMATS: Record<KongVersion, string[]> = { '2.8': ['1.1', '2.1'], '3.9': ['1.1', '2.1', '3.0'] };

/** Entities load in this order (parents and referenced entities first); others follow, plugins last. */
const ORDER = [
  'certificates', 'snis', 'ca_certificates', 'vaults', 'key_sets', 'keys', 'services', 'routes', 'consumers',
  'acls', 'basicauth_credentials', 'hmacauth_credentials', 'jwt_secrets', 'keyauth_credentials', 'oauth2_credentials',
  'upstreams', 'targets',
];

/** The top-level keys of Kong's declarative schema that are not entities. */
const META_KEYS = new Set(['_format_version', '_transform', '_comment', '_ignore']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rank(name: string): number {
  if (name === 'plugins') return ORDER.length + 1;
  const i = ORDER.indexOf(name);
  return i === -1 ? ORDER.length : i;
}

/**
 * The entities a configuration may hold: every entity but the tag index and the schema-only DAOs
 * (unknown keys, at the top level and nested).
 */
function configEntity(spec: Spec, key: string): EntityDef | undefined {
  const entity = key === 'tags' ? undefined : spec.entities.get(key);
  return entity?.schemaOnly ? undefined : entity;
}

/** Nested keys of an entity: other entities with a foreign key to it (`routes` in a service). */
function nestedField(spec: Spec, parent: EntityDef, key: string): string | undefined {
  const child = configEntity(spec, key);
  return child?.foreignKeys.find((fk) => fk.entity === parent.name)?.field;
}

/** A foreign key written as a plain string: an id, or the parent's endpoint key (`service: my-svc`). */
function foreignRef(spec: Spec, target: string, value: string): Record<string, unknown> {
  if (UUID.test(value)) return { id: value };
  const parent = spec.entities.get(target);
  return { [parent?.endpointKey ?? parent?.foreignKeyLookup[0] ?? 'id']: value };
}

export function planDeclarative(spec: Spec, config: DeclarativeInput): Plan {
  const errors: Record<string, unknown> = {};
  const format = config._format_version;
  const formats = FORMATS[spec.version];
  if (format === undefined || format === null) errors._format_version = 'required field missing';
  else if (typeof format !== 'string') errors._format_version = 'expected a string';
  else if (!formats.includes(format)) errors._format_version = `expected one of: ${formats.join(', ')}`;

  const steps: Step[] = [];
  const visit = (entity: EntityDef, items: unknown, path: Path, parent?: { entity: EntityDef; field: string; id: string }): void => {
    if (!Array.isArray(items)) {
      setAt(errors, path, 'expected an array');
      return;
    }
    items.forEach((item, index) => {
      const at = [...path, index];
      if (!isObject(item)) {
        setAt(errors, at, 'expected a record');
        return;
      }
      const input: Record<string, unknown> = {};
      const children: Array<[EntityDef, unknown, Path, string]> = [];
      for (const [key, value] of Object.entries(item)) {
        const field = nestedField(spec, entity, key);
        const child = configEntity(spec, key);
        const isNested = !(key in (entity.schema.properties ?? {})) || (Array.isArray(value) && value.some(isObject));
        if (field && child && isNested) children.push([child, value, [...at, key], field]);
        else input[key] = value;
      }
      const body: Record<string, unknown> = { ...input };
      for (const fk of entity.foreignKeys) {
        if (typeof body[fk.field] === 'string') body[fk.field] = foreignRef(spec, fk.entity, body[fk.field] as string);
      }
      if (parent) body[parent.field] = { id: parent.id };
      // Kong's declarative schema accepts `ttl` on a `ttl = true` entity (kong/db/schema/init.lua
      // leaves it unvalidated); its expiry on a DB-less node is not modelled, the key is dropped
      if (entity.ttl) delete body.ttl;
      const hasId = typeof body.id === 'string' && body.id !== '';
      const id = hasId ? (body.id as string) : declarativeId(entity, input, parent);
      if (entity.schema.properties?.id && !hasId) body.id = id;
      steps.push({ entity, path: at, input, body, id, parent: parent && { entity: parent.entity, id: parent.id } });
      for (const [child, value, childPath, field] of children) visit(child, value, childPath, { entity, field, id });
    });
  };

  if (config._transform !== undefined && typeof config._transform !== 'boolean') errors._transform = 'expected a boolean';
  if (config._comment !== undefined && typeof config._comment !== 'string') errors._comment = 'expected a string';
  if (config._ignore !== undefined && !Array.isArray(config._ignore)) errors._ignore = 'expected an array';
  for (const [key, value] of Object.entries(config)) {
    if (META_KEYS.has(key)) continue;
    // tags are an index of the other entities, not an entity of the configuration
    const entity = configEntity(spec, key);
    if (!entity) errors[key] = 'unknown field';
    else visit(entity, value, [key]);
  }
  if (Object.keys(errors).length > 0) return { errors };
  const ordered = steps
    .map((step, i) => ({ step, i }))
    .sort((a, b) => rank(a.step.entity.name) - rank(b.step.entity.name) || a.i - b.i)
    .map(({ step }) => step);
  return { steps: ordered };
}

/** Places an error in a tree of objects and arrays (arrays for numeric path parts, as Kong's Lua tables encode). */
export function setAt(tree: Record<string, unknown>, path: Path, value: unknown): void {
  let node: Record<string | number, unknown> | unknown[] = tree;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    const nextIsIndex = typeof path[i + 1] === 'number';
    const current = (node as Record<string | number, unknown>)[key];
    if (typeof current !== 'object' || current === null) {
      const created: unknown[] | Record<string, unknown> = nextIsIndex ? [] : {};
      (node as Record<string | number, unknown>)[key] = created;
      node = created;
    } else node = current as Record<string, unknown>;
  }
  (node as Record<string | number, unknown>)[path[path.length - 1]] = value;
}
