/**
 * The node:http adapter: a real server on a port, driving the core's `handle`.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { AdminHandler, AdminRequest, AdminResponse } from '../admin/types.ts';
import { MAX_BODY_BYTES } from '../admin/limits.ts';
import { ConnectionStats } from './stats.ts';

export interface NodeServerOptions {
  port?: number;
  host?: string;
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  stats: ConnectionStats;
  close(): Promise<void>;
}

/** A request target split as the core takes it: the path, and the query string without its `?`. */
function splitTarget(url: string): Pick<AdminRequest, 'path' | 'query'> {
  const q = url.indexOf('?');
  return { path: q === -1 ? url : url.slice(0, q), query: q === -1 ? '' : url.slice(q + 1) };
}

export function toAdminRequest(req: IncomingMessage, body: Uint8Array | null): AdminRequest {
  const headers: AdminRequest['headers'] = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    const value = req.rawHeaders[i + 1];
    const prev = headers[name];
    if (prev === undefined) headers[name] = value;
    else if (name === 'content-type') headers[name] = Array.isArray(prev) ? [...prev, value] : [prev, value];
    else headers[name] = `${prev}, ${value}`;
  }
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    ...splitTarget(req.url ?? '/'),
    headers,
    body,
  };
}

/**
 * Buffers the body. Past the limit it stops reading at once (the rest of a chunked body is never
 * read) and hands on what it has, so the core answers 413 as nginx does; `overLimit` tells the
 * server to close the connection after that answer.
 */
export function readRequestBody(req: IncomingMessage): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
      if (size <= MAX_BODY_BYTES) return;
      req.off('data', onData);
      req.pause();
      overLimit.add(req);
      resolve(new Uint8Array(Buffer.concat(chunks)));
    };
    req.on('data', onData);
    req.on('end', () => resolve(size === 0 ? null : new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** Requests whose body was cut off at the limit: their connection cannot be reused. */
const overLimit = new WeakSet<IncomingMessage>();

/** Kong's answer when a handler throws; the error itself goes to stderr with its stack. */
function unexpectedError(error: unknown): AdminResponse {
  console.error('kong-admin-mock: unexpected error while handling a request:', error);
  return { status: 500, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{"message":"An unexpected error occurred"}' };
}

/** nginx's own page for a request it cannot parse (Kong's Admin API sets no error_page; server_tokens off). */
const NGINX_BAD_REQUEST_PAGE =
  '<html>\r\n<head><title>400 Bad Request</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<hr><center>openresty</center>\r\n</body>\r\n</html>\r\n';
const NGINX_BAD_REQUEST =
  'HTTP/1.1 400 Bad Request\r\nServer: openresty\r\nContent-Type: text/html\r\n' +
  `Content-Length: ${NGINX_BAD_REQUEST_PAGE.length}\r\nConnection: close\r\n\r\n${NGINX_BAD_REQUEST_PAGE}`;

export function writeAdminResponse(res: ServerResponse, response: AdminResponse): void {
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  if (response.body === '') {
    if (response.status === 204 || !('Content-Length' in response.headers)) res.setHeader('Content-Length', '0');
    res.end();
  } else {
    res.setHeader('Content-Length', Buffer.byteLength(response.body));
    res.end(response.body);
  }
}

export function createNodeServer(mock: AdminHandler, stats = new ConnectionStats()): Server {
  const server = createServer(async (req, res) => {
    stats.requestStarted();
    try {
      const body = await readRequestBody(req);
      const response = await mock.handle(toAdminRequest(req, body));
      if (response.abort) {
        // an injected fault: the client gets no answer, only a closed or reset connection
        if (response.abort === 'reset') req.socket.resetAndDestroy();
        else req.socket.destroy();
        return;
      }
      if (overLimit.has(req)) {
        // the unread rest of the body would be taken for the next request: answer, then close
        res.shouldKeepAlive = false;
        res.on('finish', () => req.socket.destroySoon());
      }
      writeAdminResponse(res, response);
    } catch (error) {
      writeAdminResponse(res, unexpectedError(error));
    } finally {
      stats.requestFinished();
    }
  });
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
    void answerClientError(mock, err, socket);
  });
  stats.watch(server);
  server.keepAliveTimeout = 60_000;
  return server;
}

/** Parse errors whose request line nginx would still accept: unknown methods, raw non-ASCII bytes in the URL. */
const REPLAYED_ERRORS = new Set(['HPE_INVALID_METHOD', 'HPE_INVALID_URL']);

/**
 * Node's parser refuses request methods it does not know (`GEEEET /`) and raw UTF-8 bytes in the
 * URL (`GET /services/円`) before any handler runs; nginx accepts both, so Kong routes them (405 on
 * a known path, the service named 円). Such a request is read from the raw packet, its URL bytes
 * percent-encoded, answered by the core without a body, and the connection closed. Other parse
 * errors get nginx's own 400 page.
 */
async function answerClientError(mock: AdminHandler, err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket): Promise<void> {
  if (!socket.writable) return;
  const raw = err.code !== undefined && REPLAYED_ERRORS.has(err.code) ? err.rawPacket : undefined;
  const end = raw ? raw.indexOf('\r\n\r\n') : -1;
  const head = raw && end !== -1 ? raw.subarray(0, end) : undefined;
  // bytes outside printable ASCII become %XX, so the request line can be read as text
  const text = head ? Array.from(head, (b) => (b > 0x7e || (b < 0x20 && b !== 0x0d && b !== 0x0a) ? `%${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b))).join('') : '';
  const [requestLine, ...headerLines] = text.split('\r\n');
  const match = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+) (\S+) HTTP\/1\.[01]$/.exec(requestLine ?? '');
  if (!match) {
    socket.end(NGINX_BAD_REQUEST);
    return;
  }
  const [, method, url] = match;
  const headers: AdminRequest['headers'] = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  try {
    const response = await mock.handle({ method: method.toUpperCase(), ...splitTarget(url), headers, body: null });
    const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`];
    for (const [name, value] of Object.entries(response.headers)) lines.push(`${name}: ${value}`);
    lines.push(`Content-Length: ${Buffer.byteLength(response.body)}`, 'Connection: close');
    socket.end(`${lines.join('\r\n')}\r\n\r\n${response.body}`);
  } catch (error) {
    const response = unexpectedError(error);
    socket.end(`HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${response.body.length}\r\nConnection: close\r\n\r\n${response.body}`);
  }
}

/** What `listen` tells a mock that can take it: its connection counters and the address it answers on. */
export interface ListeningMock extends AdminHandler {
  attachStats?(stats: ConnectionStats): void;
  attachListener?(host: string, port: number): void;
}

export async function listen(mock: ListeningMock, options: NodeServerOptions = {}): Promise<RunningServer> {
  const stats = new ConnectionStats();
  mock.attachStats?.(stats);
  const server = createNodeServer(mock, stats);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8001, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  mock.attachListener?.(host, port);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    port,
    stats,
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
