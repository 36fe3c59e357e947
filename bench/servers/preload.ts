/**
 * Fills a mock before a run. `api`: every row through `handle` (POST: validation, defaults,
 * indexes, the full write path). `store`: one row of each kind through `handle`, the rest as
 * copies of it inserted straight into the store, the way `--state FILE` loads rows.
 */
import { randomUUID } from 'node:crypto';
import type { KongMock } from '../../src/admin/mock.ts';
import { consumerTags, memory, sample, type Mem } from './child.ts';

const enc = new TextEncoder();
const JSON_HEADERS = { 'content-type': 'application/json' };

async function post(mock: KongMock, path: string, body: unknown): Promise<{ id: string } & Record<string, unknown>> {
  const res = await mock.handle({ method: 'POST', path, query: '', headers: JSON_HEADERS, body: enc.encode(JSON.stringify(body)) });
  if (res.status !== 201) throw new Error(`preload ${path}: ${res.status} ${res.body}`);
  return JSON.parse(res.body) as { id: string } & Record<string, unknown>;
}

export type PreloadMode = 'api' | 'store';

export interface Preloaded {
  /** Whole preload, without the GC pause taken to measure memory after the services. */
  ms: number;
  servicesMs: number;
  memServices: Mem;
  ids: string[];
  names: string[];
}

export async function preload(mock: KongMock, n: { services: number; routes: number; consumers: number }, mode: PreloadMode = 'api'): Promise<Preloaded> {
  const started = performance.now();
  const ids: string[] = [];
  const services = mock.store.table('services');
  const routes = mock.store.table('routes');
  let service: Record<string, unknown> | undefined;
  for (let i = 0; i < n.services; i++) {
    const body = { name: `svc-${i}`, url: `http://upstream-${i % 50}.test:8080/api` };
    if (mode === 'api' || !service) {
      const row = await post(mock, '/services', body);
      service ??= row;
      ids.push(row.id);
    } else {
      ids.push(services.insert({ ...service, id: randomUUID(), name: body.name, host: `upstream-${i % 50}.test` }).id);
    }
  }
  const servicesMs = performance.now() - started;
  const memServices = memory();
  const resumed = performance.now();
  let route: Record<string, unknown> | undefined;
  for (let i = 0; i < n.routes; i++) {
    const parent = ids[i % ids.length];
    const body = { name: `route-${i}`, paths: [`/r${i}`] };
    if (mode === 'api' || !route) route ??= await post(mock, `/services/${parent}/routes`, body);
    else routes.insert({ ...route, id: randomUUID(), name: body.name, paths: body.paths, service: { id: parent } });
  }
  for (let i = 0; i < n.consumers; i++) {
    await post(mock, '/consumers', { username: `user-${i}`, tags: consumerTags(i) });
  }
  const ms = servicesMs + performance.now() - resumed;
  const s = sample(ids.map((id, i) => [id, `svc-${i}`] as const));
  return { ms, servicesMs, memServices, ids: s.map(([id]) => id), names: s.map(([, name]) => name) };
}
