/**
 * The ceiling: bare node:http answering one fixed JSON body (a Kong service) to every request.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { memory, report } from './child.ts';

const BODY = JSON.stringify({
  id: '0364e1c5-bc19-40f4-8b16-6dc0580ab960', created_at: 1795424189, updated_at: 1795424189, name: 'svc-0',
  retries: 5, protocol: 'http', host: 'upstream.test', port: 8080, path: '/api', connect_timeout: 60000,
  write_timeout: 60000, read_timeout: 60000, tags: null, client_certificate: null, tls_verify: null,
  tls_verify_depth: null, ca_certificates: null, enabled: true,
});
const mem = memory();
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(BODY) });
    res.end(BODY);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  report({ port, preloadMs: 0, memBefore: mem, memAfter: mem, ids: ['0364e1c5-bc19-40f4-8b16-6dc0580ab960'], names: ['svc-0'] });
});
