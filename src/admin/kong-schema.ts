/**
 * Renders the document's JSON Schemas back into Kong's own schema notation, as
 * `GET /schemas/{name}` and the plugin schema endpoints show it (reference §7.4, §7.5).
 */
import type { CheckMatch, EntityCheck, JsonSchema, ShorthandField } from '../spec/types.ts';

type KongField = Record<string, unknown>;

function nullable(schema: JsonSchema): boolean {
  return Array.isArray(schema.type) && schema.type.includes('null');
}

function baseType(schema: JsonSchema): string | undefined {
  const t = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  if (schema['x-kong-foreign']) return 'foreign';
  if (t === 'array') return schema['x-kong-type'] === 'set' ? 'set' : 'array';
  if (t === 'object') return schema['x-kong-type'] === 'map' ? 'map' : 'record';
  if (schema['x-kong-type'] === 'json') return 'json';
  return t;
}

/** String rules of the document and their names in Kong's schema notation. */
const STRING_RULES: Array<[string, string]> = [
  ['x-kong-starts-with', 'starts_with'],
  ['x-kong-not-match', 'not_match'],
  ['x-kong-match-none', 'match_none'],
  ['x-kong-match', 'match'],
  ['x-kong-match-all', 'match_all'],
  ['x-kong-match-any', 'match_any'],
  ['x-kong-err', 'err'],
];

export function kongField(name: string, schema: JsonSchema): KongField {
  const type = baseType(schema);
  const out: KongField = { type };
  if (name === 'id' && schema.format === 'uuid') Object.assign(out, { uuid: true, auto: true });
  else if (schema.format === 'uuid' && type === 'string') out.uuid = true;
  if (schema['x-kong-auto'] === 'timestamp' || schema['x-kong-auto'] === 'timestamp-ms') Object.assign(out, { timestamp: true, auto: true });
  if (schema['x-kong-auto'] === 'random') out.auto = true;
  if (!nullable(schema) && type !== undefined) out.required = true;
  // a null default is how the document says "optional"; Kong lists only the defaults a schema declares
  if (schema.default !== undefined && schema.default !== null) out.default = schema.default;
  if (schema.enum) out.one_of = schema.enum.filter((v) => v !== null);
  if (schema.minimum !== undefined && schema.maximum !== undefined) out.between = [schema.minimum, schema.maximum];
  else if (schema.exclusiveMinimum !== undefined) out.gt = schema.exclusiveMinimum;
  if (schema.minLength !== undefined && type === 'string') out.len_min = schema.minLength;
  if (schema.maxLength !== undefined) out.len_max = schema.maxLength;
  if (schema.minItems !== undefined) out.len_min = schema.minItems;
  if (schema.maxItems !== undefined) out.len_max = schema.maxItems;
  if (schema.const !== undefined) out.eq = schema.const;
  for (const [key, kong] of STRING_RULES) if (schema[key] !== undefined) out[kong] = schema[key];
  if (schema['x-kong-unique']) out.unique = true;
  if (schema['x-kong-referenceable']) out.referenceable = true;
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
  if (type === 'record' && schema['x-kong-checks']) out.entity_checks = kongChecks(schema['x-kong-checks']);
  const shorthands = type === 'record' ? schema['x-kong-shorthand-fields'] : undefined;
  if (shorthands && shorthands.length > 0) out.shorthand_fields = shorthands.map((s) => ({ [s.name]: kongShorthand(s) }));
  if (out.elements) delete (out.elements as KongField).required;
  return out;
}

/** A shorthand as Kong's schema shows it: its own field, and its deprecation (tools such as decK skip the deprecated ones). */
function kongShorthand(s: ShorthandField): KongField {
  const out = kongField(s.name, s.schema);
  const d = s.deprecation;
  if (d) {
    const deprecation: Record<string, unknown> = { message: d.message };
    if (d['removal-in-version']) deprecation.removal_in_version = d['removal-in-version'];
    if (d['replaced-with'] && s.path) deprecation.replaced_with = [{ path: s.path }];
    out.deprecation = deprecation;
  }
  return out;
}

export function kongFields(schema: JsonSchema): Array<Record<string, KongField>> {
  return Object.entries(schema.properties ?? {})
    .filter(([, field]) => !field['x-kong-shorthand'] && !field.writeOnly && !field['x-kong-pseudo'])
    .map(([name, field]) => ({ [name]: kongField(name, field) }));
}

/** A match in Kong's notation (`if_match`, `then_match`, `else_match`). */
function kongMatch(m: CheckMatch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (m.null) out.eq = null;
  if (m.eq !== undefined) out.eq = m.eq;
  if (m['not-one-of']) out.not_one_of = m['not-one-of'];
  if (m['one-of']) out.one_of = m['one-of'];
  if (m.gt !== undefined) out.gt = m.gt;
  if (m.contains !== undefined) out.contains = m.contains;
  if (m['match-any']) out.match_any = { patterns: m['match-any'].patterns };
  if (m.required) out.required = true;
  // a match's `validator` is Kong's custom_validator, a function the schema output leaves out
  return out;
}

/**
 * The document's check names that Kong spells otherwise: `only-one-of` ("only one or none") is
 * Kong's `mutually_exclusive`, `exactly-one-of` ("exactly one") is Kong's `only_one_of`.
 */
const KONG_CHECK_NAMES: Record<string, string> = { 'only-one-of': 'mutually_exclusive', 'exactly-one-of': 'only_one_of' };

export function kongChecks(checks: EntityCheck[]): Array<Record<string, unknown>> {
  return checks.map((check) => {
    if ('custom' in check) {
      const withInvalid = check['with-invalid-fields'] ? { run_with_invalid_fields: true } : {};
      return { custom_entity_check: { field_sources: check.fields ?? [], ...withInvalid, name: check.custom } };
    }
    if ('conditional' in check) {
      const { if: when, then, err } = check.conditional;
      const { field: ifField, ...ifMatch } = when;
      const { field: thenField, ...thenMatch } = then;
      return { conditional: { if_field: ifField, if_match: kongMatch(ifMatch), then_field: thenField, then_match: kongMatch(thenMatch), ...(err !== undefined ? { then_err: err } : {}) } };
    }
    if ('conditional-at-least-one-of' in check) {
      const c = check['conditional-at-least-one-of'];
      const { field, ...ifMatch } = c.if;
      return {
        conditional_at_least_one_of: {
          if_field: field,
          if_match: kongMatch(ifMatch),
          then_at_least_one_of: c.then,
          ...(c.err !== undefined ? { then_err: c.err } : {}),
          ...(c.else ? { else_match: kongMatch(c.else), else_then_at_least_one_of: c['else-then'] ?? [] } : {}),
          ...(c['else-err'] !== undefined ? { else_then_err: c['else-err'] } : {}),
        },
      };
    }
    const [kind, value] = Object.entries(check).find(([k]) => k !== 'since' && k !== 'until') as [string, unknown];
    return { [KONG_CHECK_NAMES[kind] ?? kind.replace(/-/g, '_')]: value };
  });
}

export function kongSchema(schema: JsonSchema, checks: EntityCheck[]): Record<string, unknown> {
  return { entity_checks: kongChecks(checks), fields: kongFields(schema) };
}
