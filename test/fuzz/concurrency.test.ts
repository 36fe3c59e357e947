/**
 * Hundreds of concurrent requests through the node:http server: racing creates of the same
 * unique names, routes created while their service is being deleted. Whatever order the server
 * serves them in, the answers agree with each other and the store keeps its rules afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMock } from '../../src/admin/mock.ts';
import { listen, type RunningServer } from '../../src/http/node.ts';

let kong: RunningServer;
beforeAll(async () => {
  kong = await listen(await createMock({ version: '3.9' }), { port: 0 });
});
afterAll(() => kong.close());

async function send(method: string, path: string, json?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${kong.url}${path}`, {
    method,
    headers: json === undefined ? undefined : { 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** Every row of a collection by pages of 7, each id once. */
async function readAll(path: string): Promise<any[]> {
  const rows: any[] = [];
  let url: string | null = `${path}?size=7`;
  while (url !== null) {
    const page = await send('GET', url);
    rows.push(...page.body.data);
    url = page.body.next === null ? null : String(page.body.next);
  }
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  return rows;
}

describe('concurrent requests', () => {
  it('racing creates of 50 names: each name created once, every other attempt 409', async () => {
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => send('POST', '/services', { name: `s${i % 50}`, host: 'up.test' })));
    const created = answers.filter((a) => a.status === 201);
    expect(created.map((a) => a.body.name).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `s${i}`).sort());
    expect(answers.filter((a) => a.status === 409)).toHaveLength(150);
    expect((await readAll('/services')).map((s) => s.id).sort()).toEqual(created.map((a) => a.body.id).sort());
  });

  it('routes created while their services are deleted: no route is left without its service', async () => {
    const names = Array.from({ length: 50 }, (_, i) => `s${i}`);
    const perName = await Promise.all(
      names.map(async (name, i) => {
        const [a, b, removed] = await Promise.all([
          send('POST', `/services/${name}/routes`, { paths: [`/${name}/a`] }),
          send('POST', `/services/${name}/routes`, { paths: [`/${name}/b`] }),
          i % 2 === 0 ? send('DELETE', `/services/${name}`) : Promise.resolve({ status: 0, body: undefined }),
          send('GET', `/services/${name}/routes`),
        ]);
        return { name, routes: [a, b], removed: removed.status };
      }),
    );
    const services = await readAll('/services');
    const routes = await readAll('/routes');
    const serviceIds = new Set(services.map((s) => s.id));
    for (const route of routes) expect(serviceIds.has(route.service.id)).toBe(true);
    for (const { name, routes: made, removed } of perName) {
      // a delete succeeds only before any route of the service exists, and no route comes after it
      if (removed === 204) expect(made.map((r) => r.status), name).toEqual([404, 404]);
      else expect(made.map((r) => r.status), name).toEqual([201, 201]);
      if (removed !== 0 && removed !== 204) expect(removed, name).toBe(400);
    }
    expect(services.map((s) => s.name).sort()).toEqual(perName.filter((p) => p.removed !== 204).map((p) => p.name).sort());
    const created = perName.flatMap((p) => p.routes).filter((r) => r.status === 201).map((r) => r.body.id);
    expect(routes.map((r) => r.id).sort()).toEqual(created.sort());
  });
});
