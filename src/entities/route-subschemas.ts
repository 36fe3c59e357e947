/**
 * Routes are a schema with Kong's subschema key `protocols` (kong/db/schema/entities/routes.lua,
 * routes_subschemas.lua). Kong picks the subschema of the first listed protocol that has one;
 * when none has, it answers `unknown type: <first protocol>` and validates nothing else. The
 * subschema replaces the fields a protocol family forbids by `eq = null` fields with their own
 * message, so that message comes before the field's type or element checks.
 */
import type { JsonSchema, Spec } from '../spec/index.ts';
import type { Outcome } from '../admin/result.ts';
import { failed, succeeded } from '../admin/result.ts';
import { schemaViolation } from '../admin/errors.ts';
import type { Row } from '../store/types.ts';

type Family = 'http' | 'stream' | 'grpc';

export const PROTOCOL_FAMILY: Record<string, Family> = {
  http: 'http', https: 'http',
  tcp: 'stream', tls: 'stream', udp: 'stream', tls_passthrough: 'stream',
  grpc: 'grpc', grpcs: 'grpc',
};

/** The fields each family forbids, and how its message names the protocols (with the expressions router, fewer). */
function forbidden(family: Family, expressions: boolean): { names: string[]; when: string } {
  if (family === 'http') return { names: expressions ? [] : ['sources', 'destinations'], when: "'http' or 'https'" };
  if (family === 'stream') return { names: ['methods', 'hosts', 'paths', 'headers'], when: "'tcp', 'tls', 'tls_passthrough' or 'udp'" };
  return { names: expressions ? ['methods'] : ['methods', 'sources', 'destinations'], when: "'grpc' or 'grpcs'" };
}

/** Kong's get_subschema: a protocol name, or the first element of a list that names a family. */
function familyOf(protocols: unknown): Family | undefined {
  if (typeof protocols === 'string') return PROTOCOL_FAMILY[protocols];
  if (!Array.isArray(protocols)) return undefined;
  for (const p of protocols) if (typeof p === 'string' && PROTOCOL_FAMILY[p]) return PROTOCOL_FAMILY[p];
  return undefined;
}

/** Lua's tostring of the key Kong names in `unknown type: %s` (a list's first element). */
function shownKey(protocols: unknown): string {
  // a JSON object is a Lua table with no first element
  const first = Array.isArray(protocols) ? protocols[0] : typeof protocols === 'object' && protocols !== null ? undefined : protocols;
  if (first === undefined) return 'nil';
  if (first === null) return 'userdata: NULL';
  return typeof first === 'object' ? 'table' : String(first);
}

const cache = new WeakMap<Spec, Map<string, JsonSchema>>();

function specialised(spec: Spec, family: Family): JsonSchema {
  const expressions = spec.routerFlavor === 'expressions';
  let bySpec = cache.get(spec);
  if (!bySpec) cache.set(spec, (bySpec = new Map()));
  const hit = bySpec.get(family);
  if (hit) return hit;
  const base = spec.entities.get('routes')!.schema;
  const props: Record<string, JsonSchema> = { ...base.properties };
  const { names, when } = forbidden(family, expressions);
  for (const name of names) if (props[name]) props[name] = { ...props[name], const: null, 'x-kong-err': `cannot set '${name}' when 'protocols' is ${when}` };
  const schema: JsonSchema = { ...base, properties: props };
  bySpec.set(family, schema);
  return schema;
}

/** The routes schema for a write: the protocols' subschema applied, or the refusal Kong gives alone. */
export function routeSchema(spec: Spec, body: Record<string, unknown>, existing?: Row): Outcome<JsonSchema> {
  const base = spec.entities.get('routes')!.schema;
  const protocols = 'protocols' in body ? body.protocols : (existing?.protocols ?? base.properties?.protocols?.default);
  if (protocols === null) return failed(schemaViolation({ protocols: 'required field missing' }));
  // a number or a boolean is no list to look into: its type error comes with the others
  if (typeof protocols !== 'string' && typeof protocols !== 'object') return succeeded(base);
  const family = familyOf(protocols);
  if (!family) return failed(schemaViolation({ protocols: `unknown type: ${shownKey(protocols)}` }));
  return succeeded(specialised(spec, family));
}
