/**
 * The contract (openapi/kong-admin.yaml, compiled by `npm run build:openapi` into a module with its
 * `$ref`s resolved) as the mock serves one Kong version: its entities, plugins and operations, with
 * every `x-kong-since` / `x-kong-until` applied. Reading another document from a file is Node's
 * business: src/document-file.ts.
 */
import type { OpenAPIV3_1 } from 'openapi-types';
import type { KongVersion } from '../entities/types.ts';
import { versionAtLeast } from '../entities/types.ts';

import { document } from './kong-admin.generated.js';

export type { EntityCheck, EntityDef, JsonSchema, OperationDef, PluginDef, RouterFlavor, ShorthandField, Spec, Transformation, XKongOperation } from './types.ts';
import type { EntityCheck, EntityDef, JsonSchema, OperationDef, PluginDef, Ranged, RouterFlavor, Spec, Transformation, XKongOperation } from './types.ts';

type Obj = Record<string, any>;

function inRange(version: string, item: { since?: unknown; until?: unknown } | undefined): boolean {
  if (!item) return true;
  if (typeof item.since === 'string' && !versionAtLeast(version, item.since)) return false;
  if (typeof item.until === 'string' && versionAtLeast(version, item.until)) return false;
  return true;
}

const fieldRange = (s: JsonSchema): Ranged => ({ since: s['x-kong-since'], until: s['x-kong-until'] });

/** A check's version range, written beside the check or inside it (`conditional: {…, since}`). */
function checkInRange(version: string, check: EntityCheck): boolean {
  const inner = Object.values(check).find((v) => typeof v === 'object' && v !== null && !Array.isArray(v)) as Ranged | undefined;
  return inRange(version, check) && inRange(version, inner);
}

/** A schema with every field, enum value and nested record filtered for one version. */
export function forVersion(schema: JsonSchema, version: string): JsonSchema {
  const out: JsonSchema = { ...schema };
  const enumSince = schema['x-kong-enum-since'] as Record<string, string> | undefined;
  if (schema.enum && enumSince) out.enum = schema.enum.filter((v) => !(String(v) in enumSince) || versionAtLeast(version, enumSince[String(v)]));
  if (schema.properties) {
    const props: Record<string, JsonSchema> = {};
    for (const [name, field] of Object.entries(schema.properties)) {
      if (inRange(version, fieldRange(field))) props[name] = forVersion(field, version);
    }
    out.properties = props;
    if (out.default !== undefined) out.default = pruneDefault(out.default, out);
  }
  if (schema['x-kong-shorthand-fields']) out['x-kong-shorthand-fields'] = schema['x-kong-shorthand-fields'].filter((s) => inRange(version, s));
  if (schema.items) out.items = forVersion(schema.items, version);
  if (typeof schema.additionalProperties === 'object') out.additionalProperties = forVersion(schema.additionalProperties, version);
  return out;
}

/** Keeps in a record's default only the keys whose fields exist in this version, at every depth. */
function pruneDefault(value: unknown, filtered: JsonSchema): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value) || !filtered.properties) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value as Obj)) {
    const field = filtered.properties[k];
    if (field) out[k] = pruneDefault(v, field);
  }
  return out;
}

/** Drops the fields that exist only with another router flavor (`x-kong-router-flavor`). */
function forFlavor(schema: JsonSchema, flavor: RouterFlavor): JsonSchema {
  if (!schema.properties) return schema;
  const props = Object.entries(schema.properties).filter(([, f]) => f['x-kong-router-flavor'] === undefined || f['x-kong-router-flavor'] === flavor);
  return { ...schema, properties: Object.fromEntries(props) };
}

function entityDef(schema: JsonSchema, version: string, flavor: RouterFlavor): EntityDef | undefined {
  const meta = schema['x-kong-entity'] as Obj;
  if (!inRange(version, meta)) return undefined;
  const withTtl = forFlavor(forVersion(schema, version), flavor);
  // the `ttl` property documents a DAO option and the response; it is not a field of the schema
  const ttl = Object.values(withTtl.properties ?? {}).some((f) => f['x-kong-ttl']);
  const filtered = ttl ? { ...withTtl, properties: Object.fromEntries(Object.entries(withTtl.properties ?? {}).filter(([, f]) => !f['x-kong-ttl'])) } : withTtl;
  const fields = Object.entries(filtered.properties ?? {});
  const endpointKey = meta['endpoint-key'] && inRange(version, { since: meta['endpoint-key-since'] }) ? (meta['endpoint-key'] as string) : undefined;
  const cacheKey = meta['cache-key'] && inRange(version, { since: meta['cache-key-since'] }) ? (meta['cache-key'] as string[]) : undefined;
  const admin = (meta['admin-path'] as string | undefined) ?? (meta.name as string);
  return {
    name: meta.name,
    adminPath: admin,
    nestedPath: (meta['nested-path'] as string | undefined) ?? admin,
    endpointKey,
    foreignKeyLookup: (meta['foreign-key-lookup'] as string[] | undefined) ?? [],
    cacheKey,
    schema: filtered,
    fields,
    uniques: fields.filter(([, f]) => f['x-kong-unique']).map(([n]) => n),
    foreignKeys: fields
      .filter(([, f]) => f['x-kong-foreign'])
      .map(([field, f]) => ({ field, entity: f['x-kong-foreign']!.entity, onDelete: f['x-kong-foreign']!['on-delete'] })),
    checks: ((meta.checks as EntityCheck[] | undefined) ?? []).filter((c) => checkInRange(version, c)),
    transformations: (meta.transformations as Transformation[] | undefined) ?? [],
    ttl,
    nestedKey: meta['nested-key'] as string | undefined,
    generate: (meta.generate as string[] | undefined) ?? ['collection', 'entity', 'nested', 'foreign'],
    disabledPaths: (meta['disabled-paths'] as string[] | undefined) ?? [],
    schemaOnly: meta['schema-only'] === true,
  };
}

function pluginDef(config: JsonSchema, version: string): PluginDef | undefined {
  const meta = config['x-kong-plugin'] as Obj;
  if (!inRange(version, meta)) return undefined;
  const { ['x-kong-plugin']: _meta, ...schema } = config;
  const protocols = meta.protocols as string[];
  return {
    name: meta.name,
    version: String(meta.version),
    priority: Number(meta.priority),
    protocols,
    allowedProtocols: (meta['allowed-protocols'] as string[] | undefined) ?? protocols,
    noConsumer: Boolean(meta['no-consumer']),
    noRoute: Boolean(meta['no-route']),
    noService: Boolean(meta['no-service']),
    checks: ((meta.checks as EntityCheck[] | undefined) ?? []).filter((c) => checkInRange(version, c)),
    config: forVersion(schema as JsonSchema, version),
  };
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

export function buildSpec(doc: Obj, version: KongVersion, routerFlavor: RouterFlavor = 'traditional_compatible'): Spec {
  const entities = new Map<string, EntityDef>();
  for (const schema of Object.values(doc.components.schemas as Record<string, JsonSchema>)) {
    if (!schema['x-kong-entity']) continue;
    const def = entityDef(schema, version, routerFlavor);
    if (def) entities.set(def.name, def);
  }
  const plugins = new Map<string, PluginDef>();
  for (const config of Object.values((doc.components['x-kong-plugins'] ?? {}) as Record<string, JsonSchema>)) {
    const def = pluginDef(config, version);
    if (def) plugins.set(def.name, def);
  }
  const operations: OperationDef[] = [];
  for (const [path, item] of Object.entries(doc.paths as Obj)) {
    for (const method of METHODS) {
      const op = (item as Obj)[method] as Obj | undefined;
      if (!op) continue;
      // the mock's own control surface is served apart from Kong's routes (src/control/http.ts)
      if (op['x-kong-mock-control']) continue;
      if (!inRange(version, { since: op['x-kong-since'], until: op['x-kong-until'] })) continue;
      const kong = op['x-kong-operation'] as XKongOperation;
      if (kong.entity && !entities.has(kong.entity)) continue;
      if (kong.parent && !entities.has(kong.parent.entity)) continue;
      operations.push({ method: method.toUpperCase(), path, operationId: op.operationId, kong });
    }
  }
  return { version, routerFlavor, document: documentFor(doc, version, plugins, operations), entities, plugins, operations };
}

/** The document as one profile serves it: its operations, entities, plugins, fields and enum values only. */
function documentFor(doc: Obj, version: KongVersion, plugins: Map<string, PluginDef>, operations: OperationDef[]): OpenAPIV3_1.Document {
  const paths: Obj = {};
  for (const o of operations) {
    const item = doc.paths[o.path] as Obj;
    const method = o.method.toLowerCase();
    paths[o.path] ??= Object.fromEntries(Object.entries(item).filter(([k]) => !METHODS.includes(k)));
    paths[o.path][method] = item[method];
  }
  const schemas: Obj = {};
  for (const [name, schema] of Object.entries(doc.components.schemas as Record<string, JsonSchema>)) {
    const meta = (schema['x-kong-entity'] ?? schema['x-kong-entity-view'] ?? schema['x-kong-plugin']) as Obj | undefined;
    if (meta && !inRange(version, meta)) continue;
    schemas[name] = forVersion(schema, version);
  }
  const pluginIndex = Object.fromEntries(Object.entries((doc.components['x-kong-plugins'] ?? {}) as Obj).filter(([name]) => plugins.has(name)));
  return { ...doc, paths, components: { ...doc.components, schemas, 'x-kong-plugins': pluginIndex } } as OpenAPIV3_1.Document;
}

const specs = new Map<string, Spec>();

/** The dereferenced contract, one object per process (shared by every profile built from it). */
export function readDocument(): Obj {
  return document;
}

/** The profile of one Kong version (and 3.x router flavor), built once per process. */
export async function loadSpec(options: { version?: KongVersion; routerFlavor?: RouterFlavor } = {}): Promise<Spec> {
  const version = options.version ?? '3.9';
  const flavor = options.routerFlavor ?? 'traditional_compatible';
  const key = `${version}|${flavor}`;
  let spec = specs.get(key);
  if (!spec) specs.set(key, (spec = buildSpec(document, version, flavor)));
  return spec;
}
