/**
 * Plugins: the schema of a plugin row depends on its `name` (reference §6.6). Until the name is
 * known and bundled nothing else is validated; then `config` is the plugin's own record, the
 * `protocols` default and allowed set are the plugin's, and scopes the plugin refuses must be null.
 */
import type { JsonSchema, PluginDef, Spec } from '../spec/index.ts';
import type { Row } from '../store/types.ts';
import type { EntityHooks } from './hooks.ts';
import type { Outcome } from '../admin/result.ts';
import { failed, succeeded } from '../admin/result.ts';
import { schemaViolation } from '../admin/errors.ts';
import { pluginChecks } from './plugin-checks.ts';

const schemas = new WeakMap<Spec, Map<string, JsonSchema>>();

/** The plugins entity schema specialised for one plugin; built once per document view. */
export function pluginSchema(spec: Spec, plugin: PluginDef): JsonSchema {
  let cache = schemas.get(spec);
  if (!cache) schemas.set(spec, (cache = new Map()));
  const hit = cache.get(plugin.name);
  if (hit) return hit;
  const base = spec.entities.get('plugins')!.schema;
  const props: Record<string, JsonSchema> = { ...base.properties };
  props.config = { ...plugin.config, 'x-kong-plugin-checks': plugin.checks };
  const protocols = props.protocols;
  if (protocols) {
    const items = protocols.items ?? {};
    props.protocols = { ...protocols, default: plugin.protocols, items: { ...items, enum: plugin.allowedProtocols } };
  }
  const mustBeNull = (name: string): void => {
    if (props[name]) props[name] = { ...props[name], const: null };
  };
  if (plugin.noConsumer) mustBeNull('consumer');
  if (plugin.noRoute) mustBeNull('route');
  if (plugin.noService) mustBeNull('service');
  const schema: JsonSchema = { ...base, properties: props };
  cache.set(plugin.name, schema);
  return schema;
}

function protocolsOf(row: Row | undefined): string[] {
  return Array.isArray(row?.protocols) ? (row!.protocols as string[]) : [];
}

export const pluginHooks: EntityHooks = {
  checks: pluginChecks,

  schema(inst, body, existing): Outcome<JsonSchema> {
    const name = 'name' in body ? body.name : existing?.name;
    if (name === undefined || name === null) return failed(schemaViolation({ name: 'required field missing' }));
    if (typeof name !== 'string') return failed(schemaViolation({ name: 'expected a string' }));
    const plugin = inst.spec.plugins.get(name);
    if (!plugin) return failed(schemaViolation({ name: `plugin '${name}' not enabled; add it to the 'plugins' configuration property` }));
    return succeeded(pluginSchema(inst.spec, plugin));
  },

  beforeWrite({ inst }, row) {
    const protocols = protocolsOf(row);
    const routeRef = row.route as { id: string } | null;
    if (routeRef) {
      const route = inst.store.table('routes').get(routeRef.id);
      if (route && !protocolsOf(route).some((p) => protocols.includes(p))) {
        return schemaViolation({ protocols: "must match the associated route's protocols" });
      }
    }
    const serviceRef = row.service as { id: string } | null;
    if (serviceRef && !routeRef) {
      const routes = inst.store.table('routes').children('service', serviceRef.id);
      if (routes.length > 0 && !routes.some((r) => protocolsOf(r).some((p) => protocols.includes(p)))) {
        return schemaViolation({ protocols: "must match the protocols of at least one route pointing to this Plugin's service" });
      }
    }
    return null;
  },
};
