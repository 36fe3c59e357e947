/**
 * The `configuration` block of `GET /`: the keys of a default kong.conf as the node would report
 * them, with secrets masked as Kong masks them.
 */
import { versionAtLeast } from '../../entities/types.ts';
import type { Instance } from '../context.ts';

const MASK = '******';

export function nodeConfiguration(inst: Instance): Record<string, unknown> {
  const v3 = versionAtLeast(inst.version, '3.0');
  const plugins = [...inst.spec.plugins.keys()].sort();
  const config: Record<string, unknown> = {
    prefix: '/usr/local/kong',
    database: inst.dbless ? 'off' : 'postgres',
    role: 'traditional',
    log_level: 'notice',
    proxy_listen: ['0.0.0.0:8000', '0.0.0.0:8443 http2 ssl'],
    admin_listen: ['127.0.0.1:8001', '127.0.0.1:8444 http2 ssl'],
    status_listen: ['0.0.0.0:8007'],
    stream_listen: ['off'],
    admin_gui_listen: v3 ? ['0.0.0.0:8002', '0.0.0.0:8445 ssl'] : undefined,
    plugins: ['bundled'],
    loaded_plugins: Object.fromEntries(plugins.map((name) => [name, true])),
    headers: ['server_tokens', 'latency_tokens'],
    pg_host: '127.0.0.1',
    pg_port: 5432,
    pg_database: 'kong',
    pg_user: 'kong',
    pg_password: MASK,
    pg_ssl: false,
    pg_timeout: 5000,
    cluster_cert_key: v3 ? MASK : undefined,
    ssl_cert_key: [MASK],
    admin_ssl_cert_key: [MASK],
    db_update_frequency: 5,
    db_cache_ttl: 0,
    mem_cache_size: '128m',
    nginx_worker_processes: 'auto',
    anonymous_reports: false,
    lua_package_path: './?.lua;./?/init.lua;',
    dns_resolver: {},
    dns_order: ['LAST', 'SRV', 'A', 'CNAME'],
    node_id: inst.nodeId,
  };
  if (v3) config.router_flavor = inst.spec.routerFlavor;
  for (const key of Object.keys(config)) if (config[key] === undefined) delete config[key];
  return config;
}
