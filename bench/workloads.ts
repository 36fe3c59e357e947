/**
 * The six workloads, written for each kind of server. A workload a peer cannot serve is n/a
 * with the reason, never a figure.
 */
import type { BenchRequest } from './load.ts';

export type Flavour = 'kong' | 'json-server' | 'prism' | 'bare';

export interface Target {
  flavour: Flavour;
  ids: string[];
  names: string[];
  /** Services in the store when the run starts (json-server pages by number). */
  services: number;
}

export const WORKLOADS = ['get_by_name', 'get_by_id', 'post', 'patch', 'page_walk', 'tags'] as const;
export type Workload = (typeof WORKLOADS)[number];

export const LABELS: Record<Workload, string> = {
  get_by_name: 'GET /services/{name}',
  get_by_id: 'GET /services/{id}',
  post: 'POST /services',
  patch: 'PATCH /services/{id}',
  page_walk: 'GET /services?size=100 (offset walk)',
  tags: 'GET /consumers?tags=a,b',
};

export type Plan = { requests: () => BenchRequest[] } | { na: string };

const JSON_HEADERS: Record<string, string> = { 'content-type': 'application/json' };
let runs = 0;

function rotating(path: (i: number) => string, extra: Partial<BenchRequest> = {}): () => BenchRequest[] {
  return () => {
    let i = 0;
    return [{ method: 'GET', path: path(0), ...extra, setupRequest: (req) => ({ ...req, path: path(i++) }) }];
  };
}

/** Prism picks a response example by itself; `Prefer: code=…` asks it for the success one. */
const prefer = (code: number): Record<string, string> => ({ ...JSON_HEADERS, prefer: `code=${code}` });

function post(headers = JSON_HEADERS): () => BenchRequest[] {
  return () => {
    const run = `${process.pid}-${runs++}`;
    let i = 0;
    const body = (): string => JSON.stringify({ name: `bench-${run}-${i++}`, protocol: 'http', host: 'upstream.test', port: 8080, path: '/api' });
    return [{ method: 'POST', path: '/services', headers, body: body(), setupRequest: (req) => ({ ...req, body: body() }) }];
  };
}

function patch(ids: string[], path: (id: string) => string, headers = JSON_HEADERS): () => BenchRequest[] {
  return () => {
    let i = 0;
    return [{
      method: 'PATCH', path: path(ids[0]), headers, body: '{"retries":3,"host":"upstream.test"}',
      setupRequest: (req) => {
        const k = i++;
        return { ...req, path: path(ids[k % ids.length]), body: JSON.stringify({ retries: k % 10, host: `upstream-${k % 50}.test` }) };
      },
    }];
  };
}

/** Each connection follows `offset` to the end of the collection, then starts again. */
function kongPageWalk(): () => BenchRequest[] {
  return () => [{
    method: 'GET',
    path: '/services?size=100',
    setupRequest: (req, ctx) => ({ ...req, path: ctx.offset ? `/services?size=100&offset=${String(ctx.offset)}` : '/services?size=100' }),
    onResponse: (_status, body, ctx) => {
      const at = body.lastIndexOf('"offset":"');
      ctx.offset = at === -1 ? undefined : body.slice(at + 10, body.indexOf('"', at + 10));
    },
  }];
}

function jsonServerPageWalk(services: number): () => BenchRequest[] {
  const pages = Math.max(1, Math.ceil(services / 100));
  return () => [{
    method: 'GET',
    path: '/services?_page=1&_limit=100',
    setupRequest: (req, ctx) => {
      const page = ((ctx.page as number | undefined) ?? 0) % pages + 1;
      ctx.page = page;
      return { ...req, path: `/services?_page=${page}&_limit=100` };
    },
  }];
}

export function plan(workload: Workload, t: Target): Plan {
  const { ids, names } = t;
  const byId = rotating((i) => `/services/${ids[i % ids.length]}`);
  switch (t.flavour) {
    case 'kong':
      switch (workload) {
        case 'get_by_name': return { requests: rotating((i) => `/services/${names[i % names.length]}`) };
        case 'get_by_id': return { requests: byId };
        case 'post': return { requests: post() };
        case 'patch': return { requests: patch(ids, (id) => `/services/${id}`) };
        case 'page_walk': return { requests: kongPageWalk() };
        case 'tags': return { requests: rotating(() => '/consumers?tags=a,b') };
      }
      break;
    case 'json-server':
      switch (workload) {
        case 'get_by_name': return { na: 'no lookup by a second key (?name= is a filtered list)' };
        case 'get_by_id': return { requests: byId };
        case 'post': return { requests: post() };
        case 'patch': return { requests: patch(ids, (id) => `/services/${id}`) };
        case 'page_walk': return { requests: jsonServerPageWalk(t.services) };
        case 'tags': return { na: 'no AND filter on array fields' };
      }
      break;
    case 'prism':
      switch (workload) {
        case 'get_by_name': return { requests: rotating((i) => `/services/svc-${i % 1000}`) };
        case 'get_by_id': return { requests: byId };
        case 'post': return { requests: post(prefer(201)) };
        case 'patch': return { requests: patch(ids, (id) => `/services/${id}`, prefer(200)) };
        case 'page_walk': return { na: 'stateless: no offset to follow' };
        case 'tags': return { na: 'stateless: answers an example, filters nothing' };
      }
      break;
    case 'bare':
      switch (workload) {
        case 'get_by_name':
        case 'get_by_id': return { requests: byId };
        case 'post': return { requests: post() };
        default: return { na: 'fixed body' };
      }
  }
  return { na: 'not planned' };
}
