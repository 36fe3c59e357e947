/**
 * Three things @mswjs/data 0.16 does not do as a Kong store, each shown next to the mock:
 * lookups scan every row, a second row with the same unique name is accepted, and deleting a
 * parent that children reference is not refused (restrict).
 * Run alone: `node --import tsx bench/mswjs-data-limits.ts`.
 */
import { factory, nullable, oneOf, primaryKey } from '@mswjs/data';
import { createMock } from '../src/admin/mock.ts';
import { round } from './load.ts';

export interface Limits {
  linearScan: { rows: number; findFirstByNameUs: number }[];
  duplicateName: { mswData: string; mock: string };
  restrict: { mswData: string; mock: string };
}

function model() {
  return factory({
    service: { id: primaryKey(String), name: String },
    route: { id: primaryKey(String), name: String, service: nullable(oneOf('service')) },
  });
}

function linearScan(): Limits['linearScan'] {
  const out: Limits['linearScan'] = [];
  for (const rows of [1000, 4000, 16_000]) {
    const db = model();
    for (let i = 0; i < rows; i++) db.service.create({ id: `s${i}`, name: `svc-${i}` });
    for (let i = 0; i < 10; i++) db.service.findFirst({ where: { name: { equals: `svc-${i}` } } });
    const t0 = performance.now();
    for (let i = 0; i < 50; i++) db.service.findFirst({ where: { name: { equals: `svc-${rows - 1 - i}` } } });
    out.push({ rows, findFirstByNameUs: round(((performance.now() - t0) * 1000) / 50) });
  }
  return out;
}

const enc = new TextEncoder();
const req = (method: string, path: string, body?: unknown) => ({
  method, path, query: '', headers: { 'content-type': 'application/json' },
  body: body === undefined ? null : enc.encode(JSON.stringify(body)),
});

async function duplicateName(): Promise<Limits['duplicateName']> {
  const db = model();
  db.service.create({ id: 'a', name: 'billing' });
  db.service.create({ id: 'b', name: 'billing' });
  const rows = db.service.findMany({ where: { name: { equals: 'billing' } } }).length;
  const mock = await createMock();
  await mock.handle(req('POST', '/services', { name: 'billing', url: 'http://billing.test' }));
  const second = await mock.handle(req('POST', '/services', { name: 'billing', url: 'http://billing.test' }));
  return {
    mswData: `second create accepted; findMany(name = 'billing') returns ${rows} rows`,
    mock: `${second.status} ${second.body}`,
  };
}

async function restrict(): Promise<Limits['restrict']> {
  const db = model();
  const svc = db.service.create({ id: 's1', name: 'billing' });
  db.route.create({ id: 'r1', name: 'r1', service: svc });
  const deleted = db.service.delete({ where: { id: { equals: 's1' } } });
  const route = db.route.findFirst({ where: { id: { equals: 'r1' } } });
  const mock = await createMock();
  await mock.handle(req('POST', '/services', { name: 'billing', url: 'http://billing.test' }));
  await mock.handle(req('POST', '/services/billing/routes', { name: 'r1', paths: ['/b'] }));
  const del = await mock.handle(req('DELETE', '/services/billing'));
  return {
    mswData: `service delete ${deleted ? 'succeeded' : 'refused'}; route r1 still there: ${route ? 'yes' : 'no'}, its service now ${JSON.stringify(route?.service ?? null)}`,
    mock: `${del.status} ${del.body}`,
  };
}

export async function mswDataLimits(): Promise<Limits> {
  return { linearScan: linearScan(), duplicateName: await duplicateName(), restrict: await restrict() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await mswDataLimits(), null, 2));
}
