/**
 * The `configuration` block of `GET /`: the whole configuration of a node started from the default
 * kong.conf (kong-conf-defaults.ts), with this node's own admin listener, Kong's `<name>_listeners`
 * lists and the keys that follow them, and the secrets masked as Kong's `remove_sensitive` does.
 */
import { versionAtLeast, type KongVersion } from '../../entities/types.ts';
import type { Instance } from '../context.ts';
import { listenerFlags, parseListeners } from '../listeners.ts';
import { KONG_CONF_DEFAULTS } from './kong-conf-defaults.ts';
import { currentLogLevel } from './debug.ts';

const MASK = '******';

/** kong/conf_loader/constants.lua `CONF_SENSITIVE` (3.9.3) and kong/conf_loader/init.lua (2.8.5). */
const SENSITIVE: Record<KongVersion, string[]> = {
  '3.9': ['pg_password', 'pg_ro_password', 'proxy_server', 'declarative_config_string', 'cluster_cert_key', 'ssl_cert_key', 'client_ssl_cert_key', 'admin_ssl_cert_key', 'admin_gui_ssl_cert_key', 'status_ssl_cert_key', 'debug_ssl_cert_key'],
  '2.8': ['pg_password', 'pg_ro_password', 'cassandra_password'],
};

interface ListenSetting {
  name: string;
  flags: string[];
  /** The `*_ssl_enabled` key set when one of its listeners has `ssl`. */
  sslFlag?: string;
  /** The prefix of its `*ssl_cert` keys, when Kong generates default certificates for it. */
  certPrefix?: string;
}

function listenSettings(version: KongVersion): ListenSetting[] {
  const http = listenerFlags(version, 'http');
  const settings: ListenSetting[] = [
    { name: 'proxy_listen', flags: http, sslFlag: 'proxy_ssl_enabled', certPrefix: '' },
    { name: 'stream_listen', flags: listenerFlags(version, 'stream'), sslFlag: 'stream_proxy_ssl_enabled' },
    { name: 'admin_listen', flags: http, sslFlag: 'admin_ssl_enabled', certPrefix: 'admin_' },
  ];
  if (versionAtLeast(version, '3.0')) {
    settings.push({ name: 'admin_gui_listen', flags: http, sslFlag: 'admin_gui_ssl_enabled', certPrefix: 'admin_gui_' });
    settings.push({ name: 'status_listen', flags: http, sslFlag: 'status_ssl_enabled', certPrefix: 'status_' });
  } else {
    settings.push({ name: 'status_listen', flags: ['ssl'], sslFlag: 'status_ssl_enabled', certPrefix: 'status_' });
  }
  settings.push({ name: 'cluster_listen', flags: http });
  return settings;
}

/** Kong's default admin listeners, reported when no server of ours is listening (msw, in-process). */
function adminListen(inst: Instance, defaults: Readonly<Record<string, unknown>>): string[] {
  return inst.adminListen ?? (defaults.admin_listen as string[]);
}

export function nodeConfiguration(inst: Instance): Record<string, unknown> {
  const defaults = KONG_CONF_DEFAULTS[inst.version];
  const config: Record<string, unknown> = structuredClone(defaults) as Record<string, unknown>;
  config.database = inst.dbless ? 'off' : 'postgres';
  // a node with a database has its password set (Kong's docker quickstart sets KONG_PG_PASSWORD)
  if (!inst.dbless) config.pg_password = 'set';
  config.admin_listen = [...adminListen(inst, defaults)];
  config.loaded_plugins = Object.fromEntries([...inst.spec.plugins.keys()].sort().map((name) => [name, true]));
  if (versionAtLeast(inst.version, '3.0')) config.router_flavor = inst.spec.routerFlavor;
  config.log_level = currentLogLevel(inst);

  const proxySsl = (): boolean => config.proxy_ssl_enabled === true || config.stream_proxy_ssl_enabled === true;
  for (const setting of listenSettings(inst.version)) {
    const listeners = parseListeners((config[setting.name] as string[] | undefined) ?? [], setting.flags, inst.version);
    config[setting.name.replace(/_listen$/, '_listeners')] = listeners;
    if (setting.sslFlag) config[setting.sslFlag] = listeners.some((l) => l.ssl === true);
  }
  // `kong prepare` points every TLS listener without a certificate of its own at the default pair
  for (const setting of listenSettings(inst.version)) {
    if (setting.certPrefix === undefined) continue;
    const enabled = setting.certPrefix === '' ? proxySsl() : config[setting.sslFlag!] === true;
    const cert = `${setting.certPrefix}ssl_cert`;
    if (!enabled || (config[cert] as string[]).length > 0) continue;
    config[cert] = [config[`${cert}_default`], config[`${cert}_default_ecdsa`]];
    config[`${setting.certPrefix}ssl_cert_key`] = [config[`${setting.certPrefix}ssl_cert_key_default`], config[`${setting.certPrefix}ssl_cert_key_default_ecdsa`]];
  }
  for (const key of SENSITIVE[inst.version]) if (config[key] !== undefined && config[key] !== false) config[key] = MASK;
  return config;
}
