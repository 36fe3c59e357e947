/**
 * Routes: the rules Kong keeps in protocol subschemas (reference §6.2). The first listed protocol
 * picks the rule set; fields a protocol forbids get their own message, missing matching
 * attributes an `@entity` message.
 */
import type { EntityHooks } from './hooks.ts';
import type { ErrorTree } from '../admin/validate.ts';
import { routeSchema } from './route-subschemas.ts';

type Family = 'http' | 'stream' | 'grpc';

const FAMILY: Record<string, Family> = {
  http: 'http', https: 'http',
  tcp: 'stream', tls: 'stream', udp: 'stream', tls_passthrough: 'stream',
  grpc: 'grpc', grpcs: 'grpc',
};

const SNI_PROTOCOLS = ['grpcs', 'https', 'tls', 'tls_passthrough'];

function isSet(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return value !== '';
}

const quoted = (names: string[]): string => names.map((n) => `'${n}'`).join(', ');

function atLeastOne(route: Record<string, unknown>, names: string[], message: string, errors: string[]): void {
  if (!names.some((n) => isSet(route[n]))) errors.push(message.replace('%s', quoted(names)));
}

const MATCHERS = ['methods', 'hosts', 'paths', 'headers', 'snis', 'sources', 'destinations'];
const EXPRESSION_ERROR = 'Router Expression failed validation: ';

/** router_flavor = expressions: an expression or the classic matchers, never both (Kong's validate_route). */
function expressionRules(route: Record<string, unknown>, entity: string[]): void {
  const hasExpression = typeof route.expression === 'string' && route.expression !== '';
  const hasMatchers = MATCHERS.some((n) => isSet(route[n]));
  const list = "'methods', 'hosts', 'paths', 'headers', 'snis', 'sources' or 'destinations'";
  if (hasExpression && hasMatchers) entity.push(`${EXPRESSION_ERROR}cannot set 'expression' with ${list} simultaneously`);
  else if (hasExpression && typeof route.regex_priority === 'number' && route.regex_priority !== 0) {
    entity.push(`${EXPRESSION_ERROR}cannot set 'regex_priority' with 'expression' simultaneously`);
  } else if (hasMatchers && typeof route.priority === 'number' && route.priority !== 0) {
    entity.push(`${EXPRESSION_ERROR}cannot set 'priority' with ${list} simultaneously`);
  }
}

export function routeProtocolRules(route: Record<string, unknown>, routerFlavor?: string): ErrorTree | null {
  const expressions = routerFlavor === 'expressions';
  const protocols = Array.isArray(route.protocols) ? (route.protocols as unknown[]).filter((p): p is string => typeof p === 'string') : [];
  if (protocols.length === 0) return null;
  const fields: Record<string, ErrorTree> = {};
  const entity: string[] = [];
  if (isSet(route.snis) && protocols.every((p) => !SNI_PROTOCOLS.includes(p))) {
    fields.snis = 'length must be 0';
    entity.push("'snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or 'tls_passthrough'");
  }
  const forbid = (names: string[], when: string): void => {
    for (const name of names) if (isSet(route[name])) fields[name] = `cannot set '${name}' when 'protocols' is ${when}`;
  };
  // With router_flavor = expressions, an expression also satisfies the protocol's matcher rule.
  const plus = (names: string[]): string[] => (expressions ? [...names, 'expression'] : names);
  const family = FAMILY[protocols[0]];
  if (family === 'http') {
    if (!expressions) forbid(['sources', 'destinations'], "'http' or 'https'");
    if (protocols.includes('https')) atLeastOne(route, plus(['methods', 'hosts', 'headers', 'paths', 'snis']), "must set one of %s when 'protocols' is 'https'", entity);
    else if (protocols.includes('http')) atLeastOne(route, plus(['methods', 'hosts', 'headers', 'paths']), "must set one of %s when 'protocols' is 'http'", entity);
  } else if (family === 'stream') {
    forbid(['methods', 'hosts', 'paths', 'headers'], "'tcp', 'tls', 'tls_passthrough' or 'udp'");
    if (protocols.some((p) => p === 'tcp' || p === 'tls' || p === 'udp')) {
      atLeastOne(route, plus(['sources', 'destinations', 'snis']), "must set one of %s when 'protocols' is 'tcp', 'tls' or 'udp'", entity);
    }
    if (protocols.includes('tls_passthrough')) atLeastOne(route, plus(['snis']), "must set snis when 'protocols' is 'tls_passthrough'", entity);
  } else if (family === 'grpc') {
    if (route.strip_path === true) fields.strip_path = "cannot set 'strip_path' when 'protocols' is 'grpc' or 'grpcs'";
    forbid(expressions ? ['methods'] : ['methods', 'sources', 'destinations'], "'grpc' or 'grpcs'");
    if (protocols.includes('grpcs')) atLeastOne(route, plus(['hosts', 'headers', 'paths', 'snis']), "must set one of %s when 'protocols' is 'grpcs'", entity);
    else atLeastOne(route, plus(['hosts', 'headers', 'paths']), "must set one of %s when 'protocols' is 'grpc'", entity);
  }
  if (expressions) expressionRules(route, entity);
  if (entity.length > 0) fields['@entity'] = entity;
  return Object.keys(fields).length > 0 ? fields : null;
}

export const routeHooks: EntityHooks = {
  schema: (inst, body, existing) => routeSchema(inst.spec, body, existing),
  expand({ body, mode }) {
    // gRPC routes default strip_path to false (their subschema's default).
    if (mode === 'update' || 'strip_path' in body) return null;
    const protocols = body.protocols;
    if (Array.isArray(protocols) && FAMILY[String(protocols[0])] === 'grpc') body.strip_path = false;
    return null;
  },
  checks: { 'route-protocols': (route, ctx) => routeProtocolRules(route as Record<string, unknown>, ctx.routerFlavor) },
};
