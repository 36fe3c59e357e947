/**
 * Bad input always gets a Kong-style answer: for every operation of the document, arbitrary JSON
 * or form bodies, query strings and path segments never produce a 500 and always produce a JSON
 * body (or none, for 204 and 304). The one 5xx the document declares as Kong's normal answer
 * (`GET /status/dns`: 501 with the legacy DNS client) is allowed for that operation only.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { call, newMock } from '../testkit.ts';
import type { KongVersion } from '../entities/types.ts';
import { loadSpec } from '../spec/index.ts';

const segmentFor = (ids: string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...ids), weight: 3 },
    { arbitrary: fc.constantFrom('x', 'a.test', '10.0.0.1:8000', 'grp'), weight: 3 },
    { arbitrary: fc.uuid(), weight: 1 },
    { arbitrary: fc.constantFrom('%FF', 'all', '円', '~', '..'), weight: 1 },
    { arbitrary: fc.string({ minLength: 1, maxLength: 12 }).map((s) => encodeURIComponent(s)), weight: 1 },
  );

/** A few entities the generated paths can name, by id or by key, so requests reach the handlers. */
async function seed(mock: Awaited<ReturnType<typeof newMock>>): Promise<string[]> {
  const made = [
    await call(mock, 'POST', '/services', { json: { name: 'x', url: 'https://a.test/p' } }),
    await call(mock, 'POST', '/services/x/routes', { json: { name: 'x', paths: ['/x'] } }),
    await call(mock, 'POST', '/consumers', { json: { username: 'x' } }),
    await call(mock, 'POST', '/consumers/x/key-auth', { json: { key: 'x' } }),
    await call(mock, 'POST', '/consumers/x/acls', { json: { group: 'grp' } }),
    await call(mock, 'POST', '/upstreams', { json: { name: 'a.test' } }),
    await call(mock, 'POST', '/upstreams/a.test/targets', { json: { target: '10.0.0.1:8000' } }),
    await call(mock, 'POST', '/plugins', { json: { name: 'key-auth', service: { name: 'x' } } }),
  ];
  return made.map((r) => r.body?.id).filter((id): id is string => typeof id === 'string');
}

/** JSON values that are likely to reach deep into the engine: objects keyed by the entity's own field names. */
function bodyFor(fields: string[]) {
  const leaf = fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -5, max: 70000 }), fc.double({ noNaN: true }), fc.string({ maxLength: 8 }), fc.constantFrom('', 'http://a.test/x', 'https', 'tcp', '/p'));
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...fields, 'id', 'name', 'foo'), tie('node'), { maxKeys: 3 })),
  })).node;
  return fc.oneof(fc.dictionary(fc.constantFrom(...fields, 'foo'), value, { maxKeys: 5 }), fc.jsonValue({ maxDepth: 2 }));
}

/** Operations whose regular answer is a 5xx: operationId → that status. */
const DOCUMENTED_5XX: Record<string, number> = { 'get-dns-status': 501 };

async function check(version: KongVersion, runs: number): Promise<void> {
  const spec = await loadSpec({ version });
  const mock = await newMock(version);
  const segment = segmentFor(await seed(mock));
  const ops = spec.operations;
  const fields = [...new Set([...spec.entities.values()].flatMap((e) => e.fields.map(([name]) => name)))];
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...ops),
      fc.array(segment, { minLength: 3, maxLength: 3 }),
      fc.oneof(fc.constant(undefined), bodyFor(fields)),
      fc.boolean(),
      fc.constantFrom('', 'size=0', 'size=abc', 'offset=!!', 'tags=a,b/c', 'tags=', 'unit=x', 'scale=-1', 'balancer_health=1'),
      async (op, segments, body, asForm, query) => {
        let i = 0;
        const path = op.path.replace(/\{[^}]+\}/g, () => segments[i++ % segments.length]) + (query ? `?${query}` : '');
        const form = asForm && body !== null && typeof body === 'object' && !Array.isArray(body);
        const res = form
          ? await call(mock, op.method, path, { form: Object.fromEntries(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])) })
          : await call(mock, op.method, path, body === undefined ? {} : { json: body });
        const where = `${op.method} ${path} ${JSON.stringify(body)}${form ? ' (form)' : ''} → ${res.status} ${res.text.slice(0, 200)}`;
        if (res.status !== DOCUMENTED_5XX[op.operationId]) expect(res.status, where).toBeLessThan(500);
        if (res.status !== 204 && res.status !== 304 && op.method !== 'HEAD') expect(() => JSON.parse(res.text), where).not.toThrow();
      },
    ),
    { numRuns: runs, seed: 20261123 },
  );
}

describe('no input gets a 500', () => {
  it('Kong 3.9: arbitrary bodies, queries and keys on every operation', async () => {
    await check('3.9', 5000);
  }, 60_000);

  it('Kong 2.8: the same on the old profile', async () => {
    await check('2.8', 2000);
  }, 60_000);
});
