/**
 * Where one workload spends its time inside the mock (no HTTP): runs `handle` in process under
 * the V8 profiler and prints the functions with the most self time.
 *   node --import tsx bench/profile.ts post|get_by_id|get_by_name|patch|page|tags [requests]
 */
import { Session } from 'node:inspector/promises';
import { createMock } from '../src/admin/mock.ts';
import type { AdminRequest } from '../src/admin/types.ts';
import { preload } from './servers/preload.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const [workload = 'post', count = '20000'] = process.argv.slice(2);
const n = Number(count);
const mock = await createMock();
const loaded = await preload(mock, { services: 1000, routes: 0, consumers: 1000 });
const enc = new TextEncoder();
const JSON_HEADERS = { 'content-type': 'application/json' };

function request(i: number): AdminRequest {
  const id = loaded.ids[i % loaded.ids.length];
  switch (workload) {
    case 'post': return { method: 'POST', path: '/services', query: '', headers: JSON_HEADERS, body: enc.encode(JSON.stringify({ name: `p-${i}`, url: 'http://upstream.test:8080/api' })) };
    case 'patch': return { method: 'PATCH', path: `/services/${id}`, query: '', headers: JSON_HEADERS, body: enc.encode(JSON.stringify({ retries: i % 10 })) };
    case 'get_by_name': return { method: 'GET', path: `/services/${loaded.names[i % loaded.names.length]}`, query: '', headers: {}, body: null };
    case 'page': return { method: 'GET', path: '/services', query: 'size=100', headers: {}, body: null };
    case 'tags': return { method: 'GET', path: '/consumers', query: 'tags=a,b', headers: {}, body: null };
    default: return { method: 'GET', path: `/services/${id}`, query: '', headers: {}, body: null };
  }
}

for (let i = 0; i < Math.min(n, 2000); i++) await mock.handle(request(i + n));
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const t0 = performance.now();
for (let i = 0; i < n; i++) await mock.handle(request(i));
const ms = performance.now() - t0;
const { profile } = await session.post('Profiler.stop');
const nodes = profile.nodes as ProfileNode[];
const total = nodes.reduce((s, x) => s + (x.hitCount ?? 0), 0);
const self = new Map<string, number>();
for (const node of nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(src|node_modules)\//, '$1/')}:${lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + (node.hitCount ?? 0));
}
console.log(`${workload}: ${n} requests in ${ms.toFixed(0)} ms (${((ms * 1000) / n).toFixed(1)} µs each)`);
for (const [key, hits] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${((hits / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
