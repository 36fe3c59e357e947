/**
 * A tiny in-memory `/services` server with Kong 3.9-like bodies, for testing the runner itself.
 * Variants break it on purpose: `wrong` answers `200 {}` to everything, `offByOne` returns one
 * item fewer than the page size asks for, `retries` changes the default retries, `hangAfter`
 * stops answering (keeping the connections open) and `crashAfter` goes away, after so many requests.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ToyOptions {
  wrong?: boolean;
  offByOne?: boolean;
  retries?: number;
  /** Requests answered before every later one hangs without an answer (0: it never answers). */
  hangAfter?: number;
  /** Requests answered before the server drops its connections and stops listening. */
  crashAfter?: number;
}

export interface ToyServer {
  url: string;
  /** Every request the server saw, as `METHOD /path?query`. */
  log: string[];
  /** Ids of every service created, in creation order. */
  created: string[];
  /** The services currently stored. */
  services(): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

type Service = Record<string, unknown> & { id: string; name: string | null; tags: string[] | null };

const FIELDS = ['name', 'host', 'port', 'path', 'protocol', 'retries', 'tags', 'enabled', 'connect_timeout', 'write_timeout', 'read_timeout'];

function send(res: ServerResponse, status: number, body?: unknown): void {
  res.statusCode = status;
  res.setHeader('Server', 'toy/1.0');
  if (body === undefined) return void res.end();
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  if ((req.headers['content-type'] ?? '').includes('json')) return JSON.parse(text) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(text)) out[k] = /^\d+$/.test(v) ? Number(v) : v;
  return out;
}

export async function startToy(options: ToyOptions = {}): Promise<ToyServer> {
  const store = new Map<string, Service>();
  const log: string[] = [];
  const created: string[] = [];
  const now = Math.floor(Date.now() / 1000);
  const find = (key: string): Service | undefined => store.get(key) ?? [...store.values()].find((s) => s.name === key);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://toy');
    log.push(`${req.method} ${url.pathname}${url.search}`);
    if (options.hangAfter !== undefined && log.length > options.hangAfter) return;
    if (options.crashAfter !== undefined && log.length > options.crashAfter) {
      server.close();
      server.closeAllConnections();
      return;
    }
    if (options.wrong) return send(res, 200, {});
    let body: Record<string, unknown>;
    try {
      body = await readBody(req);
    } catch {
      return send(res, 400, { message: 'Cannot parse JSON body' });
    }
    const [, collection, key, extra] = url.pathname.split('/');
    if (collection !== 'services' || extra !== undefined) return send(res, 404, { message: 'Not found' });

    if (key === undefined && req.method === 'GET') {
      const size = Number(url.searchParams.get('size') ?? 100);
      const tag = url.searchParams.get('tags');
      const all = [...store.values()].filter((s) => !tag || (s.tags ?? []).includes(tag)).sort((a, b) => (a.id < b.id ? -1 : 1));
      const after = url.searchParams.get('offset');
      const start = after ? all.findIndex((s) => s.id > Buffer.from(after, 'base64url').toString()) : 0;
      const rest = start < 0 ? [] : all.slice(start);
      const page = rest.slice(0, options.offByOne ? size - 1 : size);
      if (rest.length <= size) return send(res, 200, { data: page, next: null });
      const offset = Buffer.from(page[page.length - 1].id).toString('base64url');
      return send(res, 200, { data: page, offset, next: `/services?offset=${offset}&size=${size}${tag ? `&tags=${tag}` : ''}` });
    }
    if (key === undefined && req.method === 'POST') {
      if (typeof body.host !== 'string') {
        return send(res, 400, { code: 2, name: 'schema violation', message: "schema violation (host: required field missing)", fields: { host: 'required field missing' } });
      }
      if (body.name && find(String(body.name))) {
        const name = String(body.name);
        return send(res, 409, { code: 5, name: 'unique constraint violation', message: `UNIQUE violation detected on '{name="${name}"}'`, fields: { name } });
      }
      const service: Service = {
        id: randomUUID(), created_at: now, updated_at: now, name: null, retries: options.retries ?? 5, protocol: 'http', host: '', port: 80, path: null,
        connect_timeout: 60000, write_timeout: 60000, read_timeout: 60000, tags: null, client_certificate: null, tls_verify: null,
        tls_verify_depth: null, ca_certificates: null, enabled: true,
      };
      for (const f of FIELDS) if (f in body) service[f] = body[f];
      store.set(service.id, service);
      created.push(service.id);
      return send(res, 201, service);
    }
    const service = key === undefined ? undefined : find(decodeURIComponent(key));
    if (req.method === 'DELETE') {
      if (service) store.delete(service.id);
      return send(res, 204);
    }
    if (!service) return send(res, 404, { message: 'Not found' });
    if (req.method === 'GET') return send(res, 200, service);
    if (req.method === 'PATCH') {
      for (const f of FIELDS) if (f in body) service[f] = body[f];
      return send(res, 200, service);
    }
    return send(res, 405, { message: 'Method not allowed' });
  };
  // A toy is still a server: whatever it trips on is a 500, not a request left hanging.
  const server = createServer((req, res) => void handle(req, res).catch(() => send(res, 500, { message: 'An unexpected error occurred' })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    created,
    services: () => [...store.values()],
    close: () =>
      new Promise<void>((resolve) => {
        // A crashed toy is closed already; a hanging one still holds connections open.
        server.closeAllConnections();
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}
