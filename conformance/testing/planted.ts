/**
 * Kong-compatible servers with one planted rule bug each: the mock behind a wrapper that changes
 * one rule's answer, the way an implementation of the Admin API typically gets that rule wrong.
 * The conformance suite (and `--explore`) must fail every one of them.
 */
import { createMock } from '../../src/admin/mock.ts';
import type { AdminHandler, AdminRequest, AdminResponse } from '../../src/admin/types.ts';
import type { KongVersion } from '../../src/entities/types.ts';

export type RuleFamily =
  | 'pagination'
  | 'name-or-id'
  | 'put-patch-delete'
  | 'uniqueness'
  | 'foreign-keys'
  | 'defaults'
  | 'validation-messages'
  | 'form-decoding'
  | 'tags'
  | 'routes'
  | 'upstreams-targets'
  | 'certificates-snis'
  | 'credentials'
  | 'plugins'
  | 'node-info'
  | 'cors-405';

export interface PlantedBug {
  /** A short slug, e.g. `unique-conflict-400`. */
  name: string;
  family: RuleFamily;
  /** The rule the server gets wrong, in one sentence. */
  description: string;
  /** A fresh server (its own store) emulating the Kong version, with the bug. */
  create(version?: KongVersion): AdminHandler;
}

type Ask = (req: AdminRequest) => Promise<AdminResponse>;

/** How a bug bends the mock: an answer of its own first (asking the mock what it needs), the request before the mock, its answer after. */
interface Bend {
  instead?: (req: AdminRequest, ask: Ask) => Promise<AdminResponse | undefined>;
  request?: (req: AdminRequest) => AdminRequest;
  response?: (res: AdminResponse, req: AdminRequest) => AdminResponse;
}

function bent(bend: Bend): (version?: KongVersion) => AdminHandler {
  return (version = '3.9') => {
    // The mock loads lazily so that `create` stays synchronous.
    let mock: Promise<AdminHandler> | undefined;
    const ask: Ask = async (req) => (await (mock ??= createMock({ version }))).handle(req);
    return {
      async handle(req) {
        const own = await bend.instead?.(req, ask);
        if (own) return own;
        const sent = bend.request ? bend.request(req) : req;
        const answer = await ask(sent);
        return bend.response ? bend.response(answer, sent) : answer;
      },
    };
  };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const contentType = (req: AdminRequest): string => String(req.headers['content-type'] ?? '').toLowerCase();
const segments = (req: AdminRequest): string[] => req.path.split('/').filter(Boolean);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The JSON object a request carries, or undefined for any other body. */
function jsonOf(req: AdminRequest): Record<string, unknown> | undefined {
  if (!req.body || !contentType(req).includes('json')) return undefined;
  try {
    const value = JSON.parse(decoder.decode(req.body)) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function withJson(req: AdminRequest, body: Record<string, unknown>): AdminRequest {
  return { ...req, body: encoder.encode(JSON.stringify(body)) };
}

/** Changes the JSON body of a request that creates or replaces an entity at the matched path. */
function onWrite(path: RegExp, change: (body: Record<string, unknown>) => void): Bend['request'] {
  return (req) => {
    const body = jsonOf(req);
    if (!body || !['POST', 'PUT', 'PATCH'].includes(req.method) || !path.test(req.path)) return req;
    change(body);
    return withJson(req, body);
  };
}

/** Changes a JSON answer's body. */
function answerWith(res: AdminResponse, change: (body: Record<string, unknown>) => void): AdminResponse {
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return res;
  }
  if (typeof body !== 'object' || body === null) return res;
  change(body as Record<string, unknown>);
  return { ...res, body: JSON.stringify(body) };
}

const notFound = (res: AdminResponse): AdminResponse => ({ ...res, status: 404, body: JSON.stringify({ message: 'Not found' }) });

const NAMED = new Set(['services', 'routes', 'consumers', 'upstreams', 'snis']);

export const PLANTED_BUGS: PlantedBug[] = [
  {
    name: 'page-size-ignored',
    family: 'pagination',
    description: 'lists ignore `size` and always answer pages of 100',
    create: bent({ request: (req) => ({ ...req, query: req.query.split('&').filter((p) => !p.startsWith('size=')).join('&') }) }),
  },
  {
    name: 'lookup-by-id-only',
    family: 'name-or-id',
    description: '`GET /{entity}/{name}` does not resolve names: only ids find an entity',
    create: bent({ response: (res, req) => (req.method === 'GET' && segments(req).length === 2 && NAMED.has(segments(req)[0]) && !UUID.test(segments(req)[1]) ? notFound(res) : res) }),
  },
  {
    name: 'delete-missing-404',
    family: 'put-patch-delete',
    description: 'DELETE of an entity that does not exist answers 404 instead of 204',
    create: bent({
      instead: async (req, ask) => {
        if (req.method !== 'DELETE' || segments(req).length < 2) return undefined;
        const found = await ask({ ...req, method: 'GET', body: null, headers: {} });
        return found.status === 404 ? found : undefined;
      },
    }),
  },
  {
    name: 'unique-conflict-400',
    family: 'uniqueness',
    description: 'a uniqueness conflict answers 400 instead of 409',
    create: bent({ response: (res) => (res.status === 409 ? { ...res, status: 400 } : res) }),
  },
  {
    name: 'foreign-key-404',
    family: 'foreign-keys',
    description: 'a foreign key violation answers 404 instead of 400',
    create: bent({ response: (res) => (res.status === 400 && /"code":4[,}]/.test(res.body) ? { ...res, status: 404 } : res) }),
  },
  {
    name: 'default-retries-4',
    family: 'defaults',
    description: 'a service created without `retries` gets 4 instead of 5',
    create: bent({ request: onWrite(/^\/services(\/[^/]+)?$/, (body) => void (body.retries ??= 4)) }),
  },
  {
    name: 'required-message',
    family: 'validation-messages',
    description: "a missing required field reads 'field is required' instead of 'required field missing'",
    create: bent({ response: (res) => ({ ...res, body: res.body.replaceAll('required field missing', 'field is required') }) }),
  },
  {
    name: 'form-last-value-wins',
    family: 'form-decoding',
    description: 'a repeated form key keeps only its last value (`hosts=a&hosts=b` is `hosts=b`)',
    create: bent({
      request: (req) => {
        if (!req.body || !contentType(req).includes('x-www-form-urlencoded')) return req;
        const last = new URLSearchParams(Object.fromEntries(new URLSearchParams(decoder.decode(req.body))));
        return { ...req, body: encoder.encode(last.toString()) };
      },
    }),
  },
  {
    name: 'tags-filter-ignored',
    family: 'tags',
    description: 'lists ignore the `tags` filter and answer every entity',
    create: bent({ request: (req) => ({ ...req, query: req.query.split('&').filter((p) => !p.startsWith('tags=')).join('&') }) }),
  },
  {
    name: 'route-path-slash-added',
    family: 'routes',
    description: "a route path without a leading '/' gets one instead of a schema violation",
    create: bent({
      request: onWrite(/\/routes(\/[^/]+)?$/, (body) => {
        if (Array.isArray(body.paths)) body.paths = body.paths.map((p) => (typeof p === 'string' && !/^[/~]/.test(p) ? `/${p}` : p));
      }),
    }),
  },
  {
    name: 'target-default-port-80',
    family: 'upstreams-targets',
    description: 'a target without a port gets :80 instead of :8000',
    create: bent({
      request: onWrite(/\/targets(\/[^/]+)?$/, (body) => {
        if (typeof body.target === 'string' && /^[a-z0-9.-]+$/i.test(body.target)) body.target = `${body.target}:80`;
      }),
    }),
  },
  {
    name: 'certificate-snis-empty',
    family: 'certificates-snis',
    description: "a certificate read by id lists no `snis` even when SNIs point at it",
    create: bent({ response: (res, req) => (req.method === 'GET' && segments(req).length === 2 && segments(req)[0] === 'certificates' && res.status === 200 ? answerWith(res, (b) => void (b.snis = [])) : res) }),
  },
  {
    name: 'basic-auth-plaintext',
    family: 'credentials',
    description: 'basic-auth passwords are stored and answered in plain text instead of salted SHA-1',
    create: bent({
      response: (res, req) => {
        const sent = jsonOf(req);
        if (!/\/basic-auths?(\/[^/]+)?$/.test(req.path) || res.status >= 300 || typeof sent?.password !== 'string') return res;
        return answerWith(res, (b) => void (b.password = sent.password));
      },
    }),
  },
  {
    name: 'plugin-protocols-http-only',
    family: 'plugins',
    description: 'a plugin created without `protocols` gets [http, https] instead of all four',
    create: bent({ request: onWrite(/\/plugins(\/[^/]+)?$/, (body) => void (typeof body.name === 'string' && (body.protocols ??= ['http', 'https']))) }),
  },
  {
    name: 'node-tagline',
    family: 'node-info',
    description: "`GET /` says 'Welcome to Kong' instead of 'Welcome to kong'",
    create: bent({ response: (res, req) => (req.method === 'GET' && req.path === '/' ? answerWith(res, (b) => void (b.tagline = 'Welcome to Kong')) : res) }),
  },
  {
    name: 'method-not-allowed-404',
    family: 'cors-405',
    description: 'a method a path does not serve answers 404 instead of 405',
    create: bent({ response: (res) => (res.status === 405 ? notFound(res) : res) }),
  },
];
