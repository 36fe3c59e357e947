/**
 * The mock served through msw: `getResponse(handlers, request)` inside a plain node:http server,
 * so every request pays the fetch Request/Response conversions and msw's handler matching.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import { createMock } from '../../src/admin/mock.ts';
import { createHandlers } from '../../src/http/msw.ts';
import { memory, report, sizes } from './child.ts';
import { preload } from './preload.ts';

const BASE = 'http://kong.bench:8001';
const mock = await createMock();
const handlers = createHandlers(mock, { baseUrl: BASE });
const memBefore = memory();
const loaded = await preload(mock, sizes());
const memAfter = memory();

async function readBody(req: IncomingMessage): Promise<ArrayBuffer | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return null;
  const b = Buffer.concat(chunks);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
}

const server = createServer(async (req, res) => {
  const body = await readBody(req);
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const request = new Request(BASE + (req.url ?? '/'), { method: req.method, headers, body });
  const response = await getResponse(handlers, request);
  if (!response) {
    res.writeHead(404).end();
    return;
  }
  const text = Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.setHeader('content-length', text.length);
  res.end(text);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  report({ port, preloadMs: loaded.ms, servicesMs: loaded.servicesMs, memServices: loaded.memServices, memBefore, memAfter, ids: loaded.ids, names: loaded.names });
});
