/**
 * A plain model of the Admin API's relational rules, and commands (fast-check `commands`) that
 * apply one random operation to both the mock and the model. After every command the mock's
 * collections, read page by page with small pages, must hold exactly the model's rows, each once.
 *
 * The rules the model encodes: unique service, consumer and upstream names, unique SNI names,
 * unique (upstream, target) and (plugin name, route, service, consumer); routes restrict the
 * delete of their service, services restrict the delete of their client certificate (and a
 * refused delete changes nothing); plugins cascade from their service, route and consumer,
 * targets from their upstream, SNIs from their certificate.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { KongMock } from '../../src/admin/mock.ts';

const pem = (name: string): string => readFileSync(new URL(`../../fixtures/certs/${name}`, import.meta.url), 'utf8');
const CERT = { cert: pem('rsa.crt'), key: pem('rsa.key') };
const NAMES = ['a', 'b', 'c', 'd'];
const SNIS = ['s1.test', 's2.test', 's3.test', 's4.test'];

export interface Model {
  services: Map<string, { name: string; certificate: string | null }>;
  routes: Map<string, { service: string }>;
  consumers: Map<string, { username: string }>;
  plugins: Map<string, { scope: string }>;
  certificates: Map<string, { snis: string[] }>;
  upstreams: Map<string, { name: string }>;
  targets: Map<string, { upstream: string; target: string }>;
  /** Which plugin rows hang off which parent (service, route or consumer id). */
  pluginParent: Map<string, string>;
}

export const emptyModel = (): Model => ({
  services: new Map(), routes: new Map(), consumers: new Map(), plugins: new Map(),
  certificates: new Map(), upstreams: new Map(), targets: new Map(), pluginParent: new Map(),
});

interface Answer {
  status: number;
  body: any;
}

async function send(mock: KongMock, method: string, url: string, json?: unknown): Promise<Answer> {
  const [path, query = ''] = url.split('?');
  const res = await mock.handle({
    method, path, query,
    headers: json === undefined ? {} : { 'content-type': 'application/json' },
    body: json === undefined ? null : new TextEncoder().encode(JSON.stringify(json)),
  });
  return { status: res.status, body: res.body === '' ? undefined : JSON.parse(res.body) };
}

/** Every row of a collection, following `next` with pages of `size`; fails on a row seen twice. */
async function readAll(mock: KongMock, path: string, size: number): Promise<any[]> {
  const rows: any[] = [];
  const seen = new Set<string>();
  let url: string | null = `${path}?size=${size}`;
  while (url !== null) {
    const page = await send(mock, 'GET', url);
    expect(page.status, url).toBe(200);
    for (const row of page.body.data) {
      expect(seen.has(row.id), `${path}: ${row.id} served twice`).toBe(false);
      seen.add(row.id);
      rows.push(row);
    }
    url = page.body.next === null ? null : String(page.body.next).replace(/\\\//g, '/');
  }
  return rows;
}

/** The mock holds exactly the model: same ids in each collection, same references, same SNIs. */
export async function checkAgainstModel(mock: KongMock, model: Model, size: number): Promise<void> {
  const ids = async (path: string) => (await readAll(mock, path, size)).map((r) => r.id).sort();
  const sorted = (m: Map<string, unknown>) => [...m.keys()].sort();
  const services = await readAll(mock, '/services', size);
  expect(services.map((s) => s.id).sort()).toEqual(sorted(model.services));
  for (const s of services) expect(s.client_certificate?.id ?? null).toBe(model.services.get(s.id)!.certificate);
  const routes = await readAll(mock, '/routes', size);
  expect(routes.map((r) => r.id).sort()).toEqual(sorted(model.routes));
  for (const r of routes) expect(r.service.id).toBe(model.routes.get(r.id)!.service);
  expect(await ids('/consumers')).toEqual(sorted(model.consumers));
  expect(await ids('/plugins')).toEqual(sorted(model.plugins));
  expect(await ids('/certificates')).toEqual(sorted(model.certificates));
  expect(await ids('/upstreams')).toEqual(sorted(model.upstreams));
  const snis = (await readAll(mock, '/snis', size)).map((s) => `${s.certificate.id} ${s.name}`).sort();
  expect(snis).toEqual([...model.certificates].flatMap(([id, c]) => c.snis.map((n) => `${id} ${n}`)).sort());
  for (const [id] of model.upstreams) {
    const targets = (await readAll(mock, `/upstreams/${id}/targets`, size)).map((t) => t.id).sort();
    expect(targets).toEqual([...model.targets].filter(([, t]) => t.upstream === id).map(([tid]) => tid).sort());
  }
}

type Real = { mock: KongMock; size: number };
const pick = <T>(m: Map<string, T>, i: number): string | undefined => [...m.keys()][i % Math.max(1, m.size)];
const dropPluginsOf = (model: Model, parent: string) => {
  for (const [pid, owner] of model.pluginParent) if (owner === parent) { model.plugins.delete(pid); model.pluginParent.delete(pid); }
};

/** One command: do it on the mock, predict it on the model, compare the answer, then check everything. */
function command(label: string, act: (m: Model, r: Real) => Promise<void>): fc.AsyncCommand<Model, Real> {
  return {
    check: () => true,
    run: async (m, r) => {
      await act(m, r);
      await checkAgainstModel(r.mock, m, r.size);
    },
    toString: () => label,
  };
}

const createService = fc.record({ name: fc.constantFrom(...NAMES), cert: fc.option(fc.nat()) }).map(({ name, cert }) =>
  command(`createService(${name},${cert})`, async (m, r) => {
    const certificate = cert === null ? null : (pick(m.certificates, cert) ?? null);
    const res = await send(r.mock, 'POST', '/services', { name, url: 'https://up.test', client_certificate: certificate === null ? null : { id: certificate } });
    const taken = [...m.services.values()].some((s) => s.name === name);
    expect(res.status).toBe(taken ? 409 : 201);
    if (!taken) m.services.set(res.body.id, { name, certificate });
  }));

const deleteService = fc.nat().map((i) =>
  command(`deleteService(${i})`, async (m, r) => {
    const id = pick(m.services, i);
    if (id === undefined) return;
    const res = await send(r.mock, 'DELETE', `/services/${id}`);
    const restricted = [...m.routes.values()].some((x) => x.service === id);
    expect(res.status).toBe(restricted ? 400 : 204);
    if (!restricted) { m.services.delete(id); dropPluginsOf(m, id); }
  }));

const createRoute = fc.nat().map((i) =>
  command(`createRoute(${i})`, async (m, r) => {
    const service = pick(m.services, i);
    if (service === undefined) return;
    const res = await send(r.mock, 'POST', `/services/${service}/routes`, { paths: ['/p'] });
    expect(res.status).toBe(201);
    m.routes.set(res.body.id, { service });
  }));

const deleteRoute = fc.nat().map((i) =>
  command(`deleteRoute(${i})`, async (m, r) => {
    const id = pick(m.routes, i);
    if (id === undefined) return;
    expect((await send(r.mock, 'DELETE', `/routes/${id}`)).status).toBe(204);
    m.routes.delete(id);
    dropPluginsOf(m, id);
  }));

const createConsumer = fc.constantFrom(...NAMES).map((username) =>
  command(`createConsumer(${username})`, async (m, r) => {
    const res = await send(r.mock, 'POST', '/consumers', { username });
    const taken = [...m.consumers.values()].some((c) => c.username === username);
    expect(res.status).toBe(taken ? 409 : 201);
    if (!taken) m.consumers.set(res.body.id, { username });
  }));

const deleteConsumer = fc.nat().map((i) =>
  command(`deleteConsumer(${i})`, async (m, r) => {
    const id = pick(m.consumers, i);
    if (id === undefined) return;
    expect((await send(r.mock, 'DELETE', `/consumers/${id}`)).status).toBe(204);
    m.consumers.delete(id);
    dropPluginsOf(m, id);
  }));

const createPlugin = fc.record({ scope: fc.constantFrom('service', 'route', 'consumer', 'global'), i: fc.nat() }).map(({ scope, i }) =>
  command(`createPlugin(${scope},${i})`, async (m, r) => {
    const table = scope === 'service' ? m.services : scope === 'route' ? m.routes : scope === 'consumer' ? m.consumers : undefined;
    const parent = table ? pick(table as Map<string, unknown>, i) : 'global';
    if (parent === undefined) return;
    const body: Record<string, unknown> = { name: 'rate-limiting', config: { minute: 1 } };
    if (scope !== 'global') body[scope] = { id: parent };
    const res = await send(r.mock, 'POST', '/plugins', body);
    const taken = [...m.pluginParent.values()].includes(parent);
    expect(res.status).toBe(taken ? 409 : 201);
    if (!taken) { m.plugins.set(res.body.id, { scope }); m.pluginParent.set(res.body.id, parent); }
  }));

const deletePlugin = fc.nat().map((i) =>
  command(`deletePlugin(${i})`, async (m, r) => {
    const id = pick(m.plugins, i);
    if (id === undefined) return;
    expect((await send(r.mock, 'DELETE', `/plugins/${id}`)).status).toBe(204);
    m.plugins.delete(id);
    m.pluginParent.delete(id);
  }));

const createCertificate = fc.subarray(SNIS).map((snis) =>
  command(`createCertificate(${snis})`, async (m, r) => {
    const res = await send(r.mock, 'POST', '/certificates', { ...CERT, snis });
    const owned = new Set([...m.certificates.values()].flatMap((c) => c.snis));
    const clash = snis.some((s) => owned.has(s));
    expect(res.status).toBe(clash ? 400 : 201);
    if (!clash) m.certificates.set(res.body.id, { snis });
  }));

const deleteCertificate = fc.nat().map((i) =>
  command(`deleteCertificate(${i})`, async (m, r) => {
    const id = pick(m.certificates, i);
    if (id === undefined) return;
    const res = await send(r.mock, 'DELETE', `/certificates/${id}`);
    const restricted = [...m.services.values()].some((s) => s.certificate === id);
    expect(res.status).toBe(restricted ? 400 : 204);
    if (!restricted) m.certificates.delete(id);
  }));

const createUpstream = fc.constantFrom(...NAMES).map((name) =>
  command(`createUpstream(${name})`, async (m, r) => {
    const res = await send(r.mock, 'POST', '/upstreams', { name: `${name}.up` });
    const taken = [...m.upstreams.values()].some((u) => u.name === name);
    expect(res.status).toBe(taken ? 409 : 201);
    if (!taken) m.upstreams.set(res.body.id, { name });
  }));

const createTarget = fc.record({ i: fc.nat(), port: fc.constantFrom(80, 81) }).map(({ i, port }) =>
  command(`createTarget(${i},${port})`, async (m, r) => {
    const upstream = pick(m.upstreams, i);
    if (upstream === undefined) return;
    const target = `10.0.0.1:${port}`;
    const res = await send(r.mock, 'POST', `/upstreams/${upstream}/targets`, { target });
    const taken = [...m.targets.values()].some((t) => t.upstream === upstream && t.target === target);
    expect(res.status).toBe(taken ? 409 : 201);
    if (!taken) m.targets.set(res.body.id, { upstream, target });
  }));

const deleteUpstream = fc.nat().map((i) =>
  command(`deleteUpstream(${i})`, async (m, r) => {
    const id = pick(m.upstreams, i);
    if (id === undefined) return;
    expect((await send(r.mock, 'DELETE', `/upstreams/${id}`)).status).toBe(204);
    m.upstreams.delete(id);
    for (const [tid, t] of m.targets) if (t.upstream === id) m.targets.delete(tid);
  }));

export const allCommands = [
  createService, deleteService, createRoute, deleteRoute, createConsumer, deleteConsumer, createPlugin, deletePlugin,
  createCertificate, deleteCertificate, createUpstream, createTarget, deleteUpstream,
];
