/**
 * json-server 0.17.4 (stateful fake REST) over an in-memory db with the same services and
 * consumers as the mock's preload; no request logger, as a benchmark setup would run it.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { consumerTags, memory, report, sample, sizes } from './child.ts';

interface JsonServerApp {
  use(handler: unknown): void;
  listen(port: number, host: string, cb: () => void): Server;
}
interface JsonServer {
  create(): JsonServerApp;
  router(db: unknown): unknown;
  defaults(opts: { logger: boolean }): unknown[];
}

const jsonServer = createRequire(import.meta.url)('json-server') as JsonServer;
const n = sizes();
const memBefore = memory();
const started = performance.now();
const now = Math.floor(Date.now() / 1000);
const services = Array.from({ length: n.services }, (_, i) => ({
  id: randomUUID(), created_at: now, updated_at: now, name: `svc-${i}`, retries: 5, protocol: 'http',
  host: `upstream-${i % 50}.test`, port: 8080, path: '/api', connect_timeout: 60000, write_timeout: 60000,
  read_timeout: 60000, tags: null, client_certificate: null, tls_verify: null, tls_verify_depth: null,
  ca_certificates: null, enabled: true,
}));
const consumers = Array.from({ length: n.consumers }, (_, i) => ({
  id: randomUUID(), created_at: now, updated_at: now, username: `user-${i}`, custom_id: null, tags: consumerTags(i),
}));
const app = jsonServer.create();
for (const middleware of jsonServer.defaults({ logger: false })) app.use(middleware);
app.use(jsonServer.router({ services, consumers }));
const preloadMs = performance.now() - started;
const memAfter = memory();
const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  const s = sample(services);
  report({ port, preloadMs, memBefore, memAfter, ids: s.map((x) => x.id), names: s.map((x) => x.name) });
});
server.keepAliveTimeout = 60_000;
