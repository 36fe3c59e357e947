/**
 * Schema endpoints (reference §7.4, §7.5): entity and plugin schemas in Kong's notation, and the
 * validate endpoints that run defaults and schema validation without touching the store.
 */
import { pluginSchema } from '../../entities/plugins.ts';
import type { Ctx } from '../context.ts';
import type { Handler } from '../operations.ts';
import { ok } from '../result.ts';
import { message } from '../errors.ts';
import { BUNDLED_VAULTS } from '../../entities/vaults.ts';
import { kongChecks, kongField, kongFields, kongSchema } from '../kong-schema.ts';
import { prepareEntity } from '../write.ts';
import { versionAtLeast } from '../../entities/types.ts';

function shaped(ctx: Ctx, schema: Record<string, unknown>): Record<string, unknown> {
  // entity_checks appear in schema output from 3.4 on.
  if (!versionAtLeast(ctx.inst.version, '3.4')) delete schema.entity_checks;
  return schema;
}

const entitySchema: Handler = (ctx) => {
  const entity = ctx.inst.spec.entities.get(ctx.params[0]);
  if (!entity) return message(404, `No entity named '${ctx.params[0]}'`);
  return ok(shaped(ctx, kongSchema(entity.schema, entity.checks)));
};

/** The fields a plugin's own schema declares: scope restrictions, protocols, config. */
function pluginFields(ctx: Ctx, name: string): Record<string, unknown> | undefined {
  const plugin = ctx.inst.spec.plugins.get(name);
  if (!plugin) return undefined;
  const full = pluginSchema(ctx.inst.spec, plugin);
  const props = full.properties ?? {};
  const fields: Array<Record<string, unknown>> = [];
  const scope = (field: string, refused: boolean): void => {
    if (refused && props[field]) fields.push({ [field]: kongField(field, props[field]) });
  };
  scope('consumer', plugin.noConsumer);
  scope('route', plugin.noRoute);
  scope('service', plugin.noService);
  if (props.protocols) fields.push({ protocols: kongField('protocols', props.protocols) });
  // the config record carries its own checks (x-kong-checks); the plugin-level ones name config.* fields
  fields.push({ config: { ...kongField('config', plugin.config), required: true } });
  return shaped(ctx, { entity_checks: kongChecks(plugin.checks), fields });
}

const pluginSubschema: Handler = (ctx) => {
  const out = pluginFields(ctx, ctx.params[0]);
  return out ? ok(out) : message(404, `No plugin named '${ctx.params[0]}'`);
};

const legacyPluginSchema: Handler = (ctx) => {
  const plugin = ctx.inst.spec.plugins.get(ctx.params[0]);
  if (!plugin) return message(404, `No plugin named '${ctx.params[0]}'`);
  // the seeds' form: the config record rendered as a schema of its own (its fields and its own checks)
  return ok(shaped(ctx, { entity_checks: kongChecks(plugin.config['x-kong-checks'] ?? []), fields: kongFields(plugin.config) }));
};

const vaultSubschema: Handler = (ctx) => {
  const name = ctx.params[0];
  const vaults = ctx.inst.spec.entities.get('vaults');
  if (!vaults || !BUNDLED_VAULTS.includes(name)) return message(404, `No vault named '${name}'`);
  const { default: _default, description: _description, ...config } = kongField('config', vaults.schema.properties?.config ?? {});
  return ok(shaped(ctx, { entity_checks: [], fields: [{ config: { ...config, required: true } }] }));
};

/** Body merged with query arguments, as Kong's `self.params`. */
function validateParams(ctx: Ctx): Ctx['body'] {
  const value: Record<string, unknown> = {};
  for (const [name, v] of ctx.query.pairs) if (!(name in value)) value[name] = v;
  if (ctx.body.kind !== 'none') Object.assign(value, ctx.body.value);
  return { kind: ctx.body.kind === 'json' ? 'json' : 'form', value };
}

function validate(ctx: Ctx, entityName: string): ReturnType<Handler> {
  const entity = ctx.inst.spec.entities.get(entityName);
  if (!entity) return message(404, `No entity named '${entityName}'`);
  const prepared = prepareEntity(ctx.inst, { entity, mode: 'insert', body: validateParams(ctx) }, { validateOnly: true });
  return prepared.error ?? ok({ message: 'schema validation successful' });
}

export const schemaHandlers: Record<string, Handler> = {
  'schema-entity': entitySchema,
  'schema-plugin': pluginSubschema,
  'plugin-schema-legacy': legacyPluginSchema,
  'schema-entity-validate': (ctx) => validate(ctx, ctx.params[0]),
  'schema-plugin-validate': (ctx) => validate(ctx, 'plugins'),
  'schema-vault': vaultSubschema,
  'schema-vault-validate': (ctx) => validate(ctx, 'vaults'),
};
