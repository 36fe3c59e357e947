/**
 * Renders the document's JSON Schemas back into Kong's own schema notation, as
 * `GET /schemas/{name}` and the plugin schema endpoints show it (reference §7.4, §7.5).
 */
import type { EntityCheck, JsonSchema } from '../spec/index.ts';

type KongField = Record<string, unknown>;

function nullable(schema: JsonSchema): boolean {
  return Array.isArray(schema.type) && schema.type.includes('null');
}

function baseType(schema: JsonSchema): string | undefined {
  const t = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  if (schema['x-kong-foreign']) return 'foreign';
  if (t === 'array') return schema['x-kong-type'] === 'set' ? 'set' : 'array';
  if (t === 'object') return schema['x-kong-type'] === 'map' ? 'map' : 'record';
  return t;
}

export function kongField(name: string, schema: JsonSchema): KongField {
  const type = baseType(schema);
  const out: KongField = { type };
  if (name === 'id' && schema.format === 'uuid') Object.assign(out, { uuid: true, auto: true });
  if (schema['x-kong-auto'] === 'timestamp' || schema['x-kong-auto'] === 'timestamp-ms') Object.assign(out, { timestamp: true, auto: true });
  if (!nullable(schema) && type !== undefined) out.required = true;
  if (schema.default !== undefined) out.default = schema.default;
  if (schema.enum) out.one_of = schema.enum.filter((v) => v !== null);
  if (schema.minimum !== undefined && schema.maximum !== undefined) out.between = [schema.minimum, schema.maximum];
  else if (schema.exclusiveMinimum !== undefined) out.gt = schema.exclusiveMinimum;
  if (schema.minLength !== undefined && type === 'string') out.len_min = schema.minLength;
  if (schema.maxLength !== undefined) out.len_max = schema.maxLength;
  if (schema.minItems !== undefined) out.len_min = schema.minItems;
  if (schema.maxItems !== undefined) out.len_max = schema.maxItems;
  if (schema.const !== undefined) out.eq = schema.const;
  if (schema['x-kong-unique']) out.unique = true;
  if (schema.description) out.description = schema.description;
  const foreign = schema['x-kong-foreign'];
  if (foreign) {
    out.reference = foreign.entity;
    if (foreign['on-delete'] !== 'restrict') out.on_delete = foreign['on-delete'];
  }
  if ((type === 'array' || type === 'set') && schema.items) out.elements = kongField('', schema.items);
  if (type === 'map' && typeof schema.additionalProperties === 'object') {
    out.keys = { type: 'string' };
    out.values = kongField('', schema.additionalProperties);
  }
  if (type === 'record' && schema.properties) out.fields = kongFields(schema);
  if (out.elements) delete (out.elements as KongField).required;
  return out;
}

export function kongFields(schema: JsonSchema): Array<Record<string, KongField>> {
  return Object.entries(schema.properties ?? {})
    .filter(([, field]) => !field['x-kong-shorthand'] && !field.writeOnly && !field['x-kong-pseudo'])
    .map(([name, field]) => ({ [name]: kongField(name, field) }));
}

export function kongChecks(checks: EntityCheck[]): Array<Record<string, unknown>> {
  return checks.map((check) => {
    const [kind, value] = Object.entries(check)[0] as [string, unknown];
    if (kind === 'custom') return { custom_entity_check: { field_sources: [], name: value } };
    if (kind === 'conditional') {
      const c = value as { if: { field: string; 'one-of'?: unknown[] }; then: { field: string; null?: boolean; required?: boolean; 'one-of'?: unknown[] } };
      const thenMatch = c.then.null ? { eq: null } : c.then.required ? { required: true } : { one_of: c.then['one-of'] };
      return { conditional: { if_field: c.if.field, if_match: { one_of: c.if['one-of'] }, then_field: c.then.field, then_match: thenMatch } };
    }
    return { [kind.replace(/-/g, '_')]: value };
  });
}

export function kongSchema(schema: JsonSchema, checks: EntityCheck[]): Record<string, unknown> {
  return { entity_checks: kongChecks(checks), fields: kongFields(schema) };
}
