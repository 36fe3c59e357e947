/**
 * Transport-level behaviour of Kong's Admin API (reference §1): routing, 404/405, OPTIONS and
 * HEAD, body pre-checks, CORS and the headers every response carries.
 */
import { percentDecode } from './percent.ts';
import type { OperationDef } from '../spec/index.ts';
import { versionAtLeast } from '../entities/types.ts';
import type { AdminRequest, AdminResponse } from './types.ts';
import type { BodyInput, Ctx, Instance } from './context.ts';
import type { Router } from './router.ts';
import { allowedMethods } from './router.ts';
import { QueryArgs } from './query.ts';
import type { Result } from './result.ts';
import { MAX_ARGUMENTS } from './limits.ts';
import { methodNotAllowed, notFound, tooManyArguments, unexpected } from './errors.ts';
import { decodeArgs, parseQuery } from './args.ts';
import { readBody } from './body.ts';
import { runOperation } from './operations.ts';
import { utf8Length } from '../crypto/bytes.ts';

const JSON_TYPE = 'application/json; charset=utf-8';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

export async function dispatch(inst: Instance, router: Router<OperationDef>, req: AdminRequest): Promise<AdminResponse> {
  const started = inst.clock();
  inst.requests += 1;
  let result: Result;
  try {
    result = await route(inst, router, req);
  } catch (error) {
    // a bug in the mock: say so where its user can see it, and answer as Kong does
    console.error(`kong-admin-mock: unexpected error on ${req.method} ${req.path}:`, error);
    result = unexpected();
  }
  return render(inst, req, result, inst.clock() - started);
}

async function route(inst: Instance, router: Router<OperationDef>, req: AdminRequest): Promise<Result> {
  const match = router.match(req.path);
  if (!match) return notFound();
  const methods = match.route.methods;
  // a disabled path (Kong's `endpoints.disable`) answers 404 to the methods it has handlers for
  // and to OPTIONS; other methods are refused before that, with 405, as on any path
  if (req.method === 'OPTIONS') return [...methods.values()].every((op) => op.kong.disabled) ? notFound() : preflight(req, methods.keys());
  const op = methods.get(req.method === 'HEAD' ? 'GET' : req.method);
  if (!op) return methodNotAllowed();
  if (op.kong.disabled) return notFound();

  const pairs = parseQuery(req.query);
  if (pairs.length > MAX_ARGUMENTS) return tooManyArguments();
  const params: string[] = [];
  for (const raw of match.raw) params.push(decodeSegment(raw));

  let body: BodyInput = { kind: 'none' };
  if (WRITE_METHODS.has(req.method)) {
    const read = await readBody(req, { yaml: op.kong.handler === 'config-post' });
    if ('error' in read) return read.error;
    if (read.kind === 'json') body = { kind: 'json', value: read.value };
    else if (read.kind === 'form') {
      if (read.pairs.length > MAX_ARGUMENTS) return tooManyArguments();
      body = { kind: 'form', value: decodeArgs(read.pairs, { mapKeys: versionAtLeast(inst.version, '3.8') }) };
    }
  }
  const ctx: Ctx = { inst, req, op, match, params, query: new QueryArgs(pairs), body };
  return runOperation(ctx);
}

function decodeSegment(raw: string): string {
  return percentDecode(raw);
}

function preflight(req: AdminRequest, methods: Iterable<string>): Result {
  const allow = allowedMethods(methods);
  const requested = req.headers['access-control-request-headers'];
  return {
    status: 204,
    headers: {
      Allow: allow,
      'Access-Control-Allow-Methods': allow,
      'Access-Control-Allow-Headers': typeof requested === 'string' && requested !== '' ? requested : 'Content-Type',
    },
  };
}

export function render(inst: Instance, req: AdminRequest, result: Result, latency: number): AdminResponse {
  const headers: Record<string, string> = {};
  const hasBody = result.body !== undefined && result.status !== 204;
  if (hasBody) headers['Content-Type'] = JSON_TYPE;
  const origin = req.headers.origin;
  if (versionAtLeast(inst.version, '3.4')) {
    headers['Access-Control-Allow-Origin'] = typeof origin === 'string' && origin !== '' ? origin : '*';
    headers['Access-Control-Allow-Credentials'] = 'true';
  } else {
    headers['Access-Control-Allow-Origin'] = '*';
  }
  Object.assign(headers, result.headers);
  headers['X-Kong-Admin-Latency'] = String(Math.max(0, Math.round(latency)));
  headers['Server'] = `kong/${inst.release}`;
  const text = hasBody ? encodeJson(result.body) : '';
  if (req.method === 'HEAD') {
    if (hasBody) headers['Content-Length'] = String(utf8Length(text));
    return { status: result.status, headers, body: '' };
  }
  return { status: result.status, headers, body: text };
}

/** Kong encodes with cjson: `/` is escaped as `\/`. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value).replace(/\//g, '\\/');
}
