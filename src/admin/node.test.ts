import { afterEach, describe, expect, it } from 'vitest';
import { call, newMock } from '../testkit.ts';
import { createMock } from './mock.ts';
import { listen, type RunningServer } from '../http/node.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('GET /', () => {
  it('reports the node with a stable node_id, masked secrets and the plugins in use', async () => {
    const mock = await newMock();
    const first = (await call(mock, 'GET', '/')).body;
    expect(first).toMatchObject({ tagline: 'Welcome to kong', version: '3.9.3', edition: 'community', node_id: mock.nodeId });
    expect(first.configuration.pg_password).toBe('******');
    expect(first.plugins.enabled_in_cluster).toEqual([]);
    await call(mock, 'POST', '/plugins', { json: { name: 'cors' } });
    await call(mock, 'POST', '/plugins', { json: { name: 'key-auth' } });
    const second = (await call(mock, 'GET', '/')).body;
    expect(second.node_id).toBe(first.node_id);
    expect(second.plugins.enabled_in_cluster).toEqual(['cors', 'key-auth']);
    expect((await call(mock, 'POST', '/')).body).toEqual({ message: 'Method not allowed' });
  });
});

describe('GET / configuration', () => {
  it('reports the address this server listens on as its admin listener', async () => {
    server = await listen(await createMock(), { port: 0, host: '127.0.0.1' });
    const { configuration } = (await (await fetch(`${server.url}/`)).json()) as { configuration: Record<string, unknown> };
    expect(configuration.admin_listen).toEqual([`127.0.0.1:${server.port}`]);
    expect(configuration.admin_listeners).toEqual([
      {
        ip: '127.0.0.1', port: server.port, listener: `127.0.0.1:${server.port}`,
        ssl: false, http2: false, proxy_protocol: false, deferred: false, bind: false, reuseport: false, 'backlog=%d+': false,
        'ipv6only=on': false, 'ipv6only=off': false, 'so_keepalive=on': false, 'so_keepalive=off': false, 'so_keepalive=%w*:%w*:%d*': false,
      },
    ]);
    // no TLS admin listener: no default admin certificate either
    expect(configuration.admin_ssl_enabled).toBe(false);
    expect(configuration.admin_ssl_cert).toEqual([]);
  });

  it("answers with Kong 3.9's default listeners, the whole configuration and Kong's masks when no server is attached", async () => {
    const { configuration: c } = (await call(await newMock(), 'GET', '/')).body;
    const brief = (list: Record<string, unknown>[]) => list.map(({ ip, port, ssl, http2, listener }) => ({ ip, port, ssl, http2, listener }));
    expect(brief(c.admin_listeners)).toEqual([
      { ip: '127.0.0.1', port: 8001, ssl: false, http2: false, listener: '127.0.0.1:8001 reuseport backlog=16384' },
      { ip: '127.0.0.1', port: 8444, ssl: true, http2: true, listener: '127.0.0.1:8444 ssl reuseport backlog=16384' },
    ]);
    expect(brief(c.admin_gui_listeners)).toEqual([
      { ip: '0.0.0.0', port: 8002, ssl: false, http2: false, listener: '0.0.0.0:8002' },
      { ip: '0.0.0.0', port: 8445, ssl: true, http2: false, listener: '0.0.0.0:8445 ssl' },
    ]);
    expect(brief(c.proxy_listeners)).toEqual([
      { ip: '0.0.0.0', port: 8000, ssl: false, http2: false, listener: '0.0.0.0:8000 reuseport backlog=16384' },
      { ip: '0.0.0.0', port: 8443, ssl: true, http2: true, listener: '0.0.0.0:8443 ssl reuseport backlog=16384' },
    ]);
    expect(brief(c.status_listeners)).toEqual([{ ip: '127.0.0.1', port: 8007, ssl: false, http2: false, listener: '127.0.0.1:8007 reuseport backlog=16384' }]);
    expect(c.stream_listeners).toEqual([]);
    expect(brief(c.cluster_listeners)).toEqual([{ ip: '0.0.0.0', port: 8005, ssl: false, http2: false, listener: '0.0.0.0:8005' }]);
    expect([c.proxy_ssl_enabled, c.admin_ssl_enabled, c.admin_gui_ssl_enabled, c.status_ssl_enabled, c.stream_proxy_ssl_enabled]).toEqual([true, true, true, false, false]);
    // remove_sensitive: every CONF_SENSITIVE key that holds a value (an empty list too) is masked
    for (const key of ['ssl_cert_key', 'admin_ssl_cert_key', 'admin_gui_ssl_cert_key', 'status_ssl_cert_key']) expect(c[key]).toBe('******');
    expect(c.ssl_cert).toEqual(['/usr/local/kong/ssl/kong-default.crt', '/usr/local/kong/ssl/kong-default-ecdsa.crt']);
    expect(c.status_ssl_cert).toEqual([]);
    // NONE settings are absent, not masked
    expect(c.pg_password).toBe('******');
    expect(c).not.toHaveProperty('pg_ro_password');
    expect(c).not.toHaveProperty('proxy_server');
    expect(c).not.toHaveProperty('node_id');
    expect(c).toMatchObject({
      prefix: '/usr/local/kong', database: 'postgres', role: 'traditional', log_level: 'notice', router_flavor: 'traditional_compatible',
      pg_port: 5432, pg_ssl: false, anonymous_reports: true, mem_cache_size: '128m', nginx_main_worker_processes: 'auto',
      headers: ['server_tokens', 'latency_tokens', 'x-kong-request-id'], dns_order: ['LAST', 'SRV', 'A', 'CNAME'],
      loaded_vaults: { env: true }, proxy_listen: ['0.0.0.0:8000 reuseport backlog=16384', '0.0.0.0:8443 http2 ssl reuseport backlog=16384'],
    });
    expect(c.loaded_plugins['key-auth']).toBe(true);
    expect(c.nginx_http_directives).toContainEqual({ name: 'lua_shared_dict', value: 'prometheus_metrics 5m' });
    expect(c.enabled_headers).toMatchObject({ Via: true, Server: true, 'X-Kong-Proxy-Latency': true, 'X-Kong-Upstream-Status': false, 'X-Kong-Request-Id': true });
  });

  it('reports a changed log level and the database of a DB-less node', async () => {
    const mock = await newMock();
    await call(mock, 'PUT', '/debug/node/log-level/debug');
    expect((await call(mock, 'GET', '/')).body.configuration.log_level).toBe('debug');
    const dbless = await createMock({ dbless: true });
    const { configuration } = (await call(dbless, 'GET', '/')).body;
    expect(configuration.database).toBe('off');
    expect(configuration).not.toHaveProperty('pg_password');
  });

  it('answers with Kong 2.8 defaults in its profile: no admin GUI listener, only the database passwords masked', async () => {
    const { configuration: c } = (await call(await newMock('2.8'), 'GET', '/')).body;
    expect(c).not.toHaveProperty('admin_gui_listeners');
    expect(c).not.toHaveProperty('router_flavor');
    expect(c.admin_listeners.map((l: { listener: string }) => l.listener)).toEqual(['127.0.0.1:8001 reuseport backlog=16384', '127.0.0.1:8444 ssl http2 reuseport backlog=16384']);
    expect(c.status_listeners).toEqual([]);
    expect(c.ssl_cert_key).toEqual(['/usr/local/kong/ssl/kong-default.key', '/usr/local/kong/ssl/kong-default-ecdsa.key']);
    expect(c.headers).toEqual(['server_tokens', 'latency_tokens']);
    expect(c).not.toHaveProperty('loaded_vaults.env');
  });
});

describe('GET /status', () => {
  it('counts this server connections and requests', async () => {
    server = await listen(await createMock(), { port: 0 });
    await fetch(`${server.url}/services`);
    await fetch(`${server.url}/routes`);
    const body = (await (await fetch(`${server.url}/status`)).json()) as { server: Record<string, number>; database: unknown };
    expect(body.server.total_requests).toBe(3);
    expect(body.server.connections_accepted).toBeGreaterThanOrEqual(1);
    expect(body.server.connections_writing).toBe(1);
    expect(body.database).toEqual({ reachable: true });
  });

  it('formats memory with ?unit= and ?scale= and rejects bad values', async () => {
    const mock = await newMock();
    const k = (await call(mock, 'GET', '/status?unit=k&scale=1')).body;
    expect(k.memory.lua_shared_dicts.kong.capacity).toBe('5120.0 KiB');
    const b = (await call(mock, 'GET', '/status?unit=b')).body;
    expect(b.memory.lua_shared_dicts.kong.capacity).toBe(5242880);
    expect((await call(mock, 'GET', '/status?unit=V')).body).toEqual({ message: "invalid unit 'V' (expected 'k/K', 'm/M', or 'g/G')" });
    expect((await call(mock, 'GET', '/status?scale=-1')).body).toEqual({ message: 'scale must be equal or greater than 0' });
  });

  it('answers a scale of 100 or more with the format error Kong raises, and reads scale as Lua tonumber does', async () => {
    const mock = await newMock();
    for (const [query, option] of [['scale=101', '%.101'], ['scale=1e3', '%.100'], ['scale=100&unit=M', '%.100']]) {
      const res = await call(mock, 'GET', `/status?${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ message: `/usr/local/share/lua/5.1/kong/tools/string.lua:143: invalid option '${option}' to 'format'` });
    }
    expect((await call(mock, 'GET', '/status?unit=k&scale=4294967296')).body).toEqual({
      message: "/usr/local/share/lua/5.1/kong/tools/string.lua:139: invalid option '%.429' to 'format'",
    });
    expect((await call(await newMock('2.8'), 'GET', '/status?unit=g&scale=250')).body).toEqual({
      message: "/usr/local/share/lua/5.1/kong/tools/utils.lua:1173: invalid option '%.250' to 'format'",
    });
    expect((await call(mock, 'GET', '/status?unit=k&scale=99.9')).body.memory.lua_shared_dicts.kong.capacity).toBe(`5120.${'0'.repeat(99)} KiB`);
    expect((await call(mock, 'GET', '/status?unit=k&scale=abc')).body.memory.lua_shared_dicts.kong.capacity).toBe('5120.00 KiB');
    expect((await call(mock, 'GET', '/status?unit=k&scale=0x1')).body.memory.lua_shared_dicts.kong.capacity).toBe('5120.0 KiB');
    expect((await call(mock, 'GET', '/status?unit=b&scale=101')).status).toBe(200);
    expect((await call(mock, 'GET', '/status?unit=V&scale=-1')).body).toEqual({ message: 'scale must be equal or greater than 0' });
  });
});

describe('GET /endpoints', () => {
  it('lists every path with schema-named parameters, / first', async () => {
    const data = (await call(await newMock(), 'GET', '/endpoints')).body.data as string[];
    expect(data[0]).toBe('/');
    expect(data).toContain('/services/{services}/routes/{routes}');
    expect(data).toContain('/key-sets/{key_sets}');
    expect(data).toContain('/targets');
    expect(data.indexOf('/services')).toBeLessThan(data.indexOf('/services/{services}'));
  });
});

describe('schema endpoints', () => {
  it('render entity schemas in Kong notation', async () => {
    const mock = await newMock();
    const services = (await call(mock, 'GET', '/schemas/services')).body;
    const fields = Object.fromEntries(services.fields.map((f: Record<string, unknown>) => Object.entries(f)[0]));
    expect(fields.retries).toEqual(expect.objectContaining({ type: 'integer', default: 5, between: [0, 32767], required: true }));
    expect(fields.client_certificate).toEqual(expect.objectContaining({ type: 'foreign', reference: 'certificates' }));
    expect(fields).not.toHaveProperty('url');
    expect((await call(mock, 'GET', '/schemas/nope')).body).toEqual({ message: "No entity named 'nope'" });
  });

  it('render plugin schemas in both forms', async () => {
    const mock = await newMock();
    const sub = (await call(mock, 'GET', '/schemas/plugins/key-auth')).body;
    expect(sub.fields.map((f: Record<string, unknown>) => Object.keys(f)[0])).toEqual(['consumer', 'protocols', 'config']);
    // the deprecated form is the config record as a schema of its own: fields and its own checks only
    const legacy = (await call(mock, 'GET', '/plugins/schema/key-auth')).body;
    expect(Object.keys(legacy).sort()).toEqual(['entity_checks', 'fields']);
    expect(legacy.entity_checks).toEqual([]);
    expect(legacy.fields[0]).toEqual({ key_names: expect.objectContaining({ type: 'array', default: ['apikey'] }) });
    const otel = (await call(mock, 'GET', '/plugins/schema/opentelemetry')).body;
    expect(otel.entity_checks).toEqual([{ at_least_one_of: ['traces_endpoint', 'logs_endpoint'] }]);
    // Kong 2.8 shows fields only
    const old = (await call(await newMock('2.8'), 'GET', '/plugins/schema/key-auth')).body;
    expect(Object.keys(old)).toEqual(['fields']);
    expect((await call(mock, 'GET', '/plugins/schema/nope')).body).toEqual({ message: "No plugin named 'nope'" });
    expect((await call(mock, 'GET', '/schemas/plugins/nope')).body).toEqual({ message: "No plugin named 'nope'" });
  });

  it('validate without storing', async () => {
    const mock = await newMock();
    expect((await call(mock, 'POST', '/schemas/services/validate', { json: { host: 'a.test' } })).body).toEqual({ message: 'schema validation successful' });
    expect((await call(mock, 'GET', '/services')).body.data).toEqual([]);
    expect((await call(mock, 'POST', '/schemas/routes/validate', { json: { paths: ['x'] } })).body.message).toBe(
      'schema violation (paths.1: should start with: / (fixed path) or ~/ (regex path))',
    );
    expect((await call(mock, 'POST', '/schemas/plugins/validate', { json: { name: 'rate-limiting', config: { minute: 5 } } })).body).toEqual({ message: 'schema validation successful' });
    expect((await call(mock, 'POST', '/schemas/nope/validate', { json: {} })).body).toEqual({ message: "No entity named 'nope'" });
  });
});

describe('tags', () => {
  it('lists (entity, tag) pairs and filters by one tag', async () => {
    const mock = await newMock();
    const s = (await call(mock, 'POST', '/services', { json: { host: 'a.test', tags: ['t1', 't2'] } })).body;
    const c = (await call(mock, 'POST', '/consumers', { json: { username: 'u', tags: ['t2'] } })).body;
    const all = (await call(mock, 'GET', '/tags')).body;
    expect(all.data).toHaveLength(3);
    const t2 = (await call(mock, 'GET', '/tags/t2')).body;
    expect(t2.data.map((x: { entity_id: string }) => x.entity_id).sort()).toEqual([s.id, c.id].sort());
    expect(t2.data[0]).toEqual({ entity_name: expect.any(String), entity_id: expect.any(String), tag: 't2' });
    expect((await call(mock, 'GET', '/tags/none')).body).toEqual({ data: [], next: null });
    const paged = (await call(mock, 'GET', '/tags?size=2')).body;
    expect(paged.next).toBe(`/tags?offset=${encodeURIComponent(paged.offset)}`);
    expect((await call(mock, 'GET', paged.next)).body.data).toHaveLength(1);
  });
});
