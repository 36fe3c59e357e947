/**
 * The control surface over HTTP: JSON endpoints under `/__mock/`, a prefix no Kong version uses.
 * Each one calls a method of the mock object, so the in-process API and this one cannot drift.
 */
import type { KongMock } from '../admin/mock.ts';
import type { AdminRequest } from '../admin/types.ts';
import type { Result } from '../admin/result.ts';
import { noContent, ok } from '../admin/result.ts';
import { badControlRequest, cannotParseJson, message, methodNotAllowed, notFound } from '../admin/errors.ts';
import { parseFaultRule } from './faults.ts';
import type { JournalFilter } from './journal.ts';
import { parseSeedBody, seedData } from './seed.ts';

export const CONTROL_PREFIX = '/__mock';

export const isControlPath = (path: string): boolean => path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);

type Body = Record<string, unknown>;
type Endpoint = (mock: KongMock, req: AdminRequest, body: Body, param: string) => Result | Promise<Result>;

/** `{name}` in a template matches one path segment. */
const ENDPOINTS: Array<[method: string, template: string, endpoint: Endpoint]> = [
  ['POST', '/reset', (mock) => (mock.reset(), noContent())],
  ['GET', '/snapshots', (mock) => ok({ data: mock.snapshots() })],
  ['POST', '/snapshots', (mock, _req, body) => (typeof body.name === 'string' && body.name !== '' ? ok(mock.snapshot(body.name), 201) : badControlRequest("'name' must be a non-empty string"))],
  ['POST', '/snapshots/{name}/restore', (mock, _req, _body, name) => (mock.restore(name) ? ok({ message: `restored '${name}'` }) : noSnapshot(name))],
  ['DELETE', '/snapshots/{name}', (mock, _req, _body, name) => (mock.dropSnapshot(name) ? noContent() : noSnapshot(name))],
  ['POST', '/config', loadConfig],
  ['GET', '/journal', (mock, req) => journal(mock, req)],
  ['DELETE', '/journal', (mock) => (mock.journal.clear(), noContent())],
  ['GET', '/clock', (mock) => ok(mock.clock.state())],
  ['POST', '/clock/freeze', (mock, _req, body) => clockAction(mock, body, 'at', (at) => mock.clock.freeze(at))],
  ['POST', '/clock/advance', (mock, _req, body) => clockAction(mock, body, 'ms', (ms) => (ms === undefined ? badControlRequest("'ms' is required") : mock.clock.advance(ms)))],
  ['POST', '/clock/resume', (mock) => (mock.clock.resume(), ok(mock.clock.state()))],
  ['GET', '/faults', (mock) => ok({ data: mock.faults.list() })],
  ['POST', '/faults', addFault],
  ['DELETE', '/faults', (mock) => (mock.faults.clear(), noContent())],
  ['POST', '/seed', seed],
  ['DELETE', '/faults/{name}', (mock, _req, _body, id) => (mock.faults.remove(id) ? noContent() : message(404, `no fault rule '${id}'`))],
];

const noSnapshot = (name: string): Result => message(404, `no snapshot named '${name}'`);

export async function handleControl(mock: KongMock, req: AdminRequest): Promise<Result> {
  const rest = req.path.slice(CONTROL_PREFIX.length);
  const routes = ENDPOINTS.map(([method, template, endpoint]) => ({ method, endpoint, param: matchTemplate(template, rest) })).filter((r) => r.param !== undefined);
  if (routes.length === 0) return notFound();
  const route = routes.find((r) => r.method === req.method);
  if (!route) return methodNotAllowed();
  const body = readJson(req);
  if (body === undefined) return cannotParseJson();
  return route.endpoint(mock, req, body, decodeURIComponent(route.param!));
}

function matchTemplate(template: string, path: string): string | undefined {
  const [before, after] = template.split('{name}');
  if (after === undefined) return template === path ? '' : undefined;
  if (!path.startsWith(before) || !path.endsWith(after)) return undefined;
  const param = path.slice(before.length, path.length - after.length);
  return param !== '' && !param.includes('/') ? param : undefined;
}

const decoder = new TextDecoder();

/** The JSON object a request carries, `{}` when it has no body, undefined when it is not one. */
function readJson(req: AdminRequest): Body | undefined {
  if (req.body === null || req.path === `${CONTROL_PREFIX}/config`) return {};
  try {
    const value: unknown = JSON.parse(decoder.decode(req.body));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : undefined;
  } catch {
    return undefined;
  }
}

async function loadConfig(mock: KongMock, req: AdminRequest): Promise<Result> {
  if (req.body === null) return badControlRequest('the body must be a declarative configuration (kong.yml, YAML or JSON)');
  const loaded = await mock.loadConfig(decoder.decode(req.body));
  return loaded.error ?? ok({ counts: mock.counts() }, 201);
}

function journal(mock: KongMock, req: AdminRequest): Result {
  const query = new URLSearchParams(req.query);
  const filter: JournalFilter = {};
  const method = query.get('method');
  const path = query.get('path');
  const status = query.get('status');
  if (method) filter.method = method;
  if (path) filter.path = path;
  if (status) {
    if (!/^\d{3}$/.test(status)) return badControlRequest(`invalid status '${status}'`);
    filter.status = Number(status);
  }
  return ok({ data: mock.journal.list(filter), size: mock.journal.size });
}

function clockAction(mock: KongMock, body: Body, field: string, act: (n: number | undefined) => Result | void): Result {
  const value = body[field];
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) return badControlRequest(`'${field}' must be a number of milliseconds`);
  return act(value) ?? ok(mock.clock.state());
}

function addFault(mock: KongMock, _req: AdminRequest, body: Body): Result {
  const parsed = parseFaultRule(body);
  if ('error' in parsed) return badControlRequest(parsed.error);
  return ok(mock.faults.add(parsed.ok), 201);
}

async function seed(mock: KongMock, _req: AdminRequest, body: Body): Promise<Result> {
  const parsed = parseSeedBody(body);
  if ('error' in parsed) return badControlRequest(parsed.error);
  const seeded = await seedData(mock, parsed.ok);
  if (seeded.error) return message(500, `seeding stopped at ${seeded.error.path}: ${seeded.error.status} ${seeded.error.body}`);
  return ok({ created: seeded.count, counts: mock.counts() }, 201);
}
