/**
 * Node endpoints: `GET /` (reference §7.1), `GET /status` (§7.2), `GET /endpoints` (§7.3) and
 * `GET /plugins/enabled` (§7.4).
 */
import { versionAtLeast } from '../../entities/types.ts';
import type { Ctx } from '../context.ts';
import type { Handler } from '../operations.ts';
import { ok } from '../result.ts';
import { sizeFormat } from './memory-units.ts';
import { nodeConfiguration } from './configuration.ts';
import { heapUsed, processId } from '../runtime.ts';

function availablePlugins(ctx: Ctx): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const names = [...ctx.inst.spec.plugins.keys()].sort();
  for (const name of names) {
    const plugin = ctx.inst.spec.plugins.get(name)!;
    out[name] = versionAtLeast(ctx.inst.version, '3.0') ? { version: plugin.version, priority: plugin.priority } : true;
  }
  return out;
}

function enabledInCluster(ctx: Ctx): string[] {
  const names = new Set<string>();
  for (const row of ctx.inst.store.table('plugins').all()) names.add(String(row.name));
  return [...names].sort();
}

const root: Handler = (ctx) => {
  const body: Record<string, unknown> = {
    tagline: 'Welcome to kong',
    version: ctx.inst.release,
  };
  if (versionAtLeast(ctx.inst.version, '3.6')) body.edition = 'community';
  Object.assign(body, {
    hostname: ctx.inst.hostname,
    node_id: ctx.inst.nodeId,
    timers: { running: 0, pending: 1 },
    plugins: { available_on_server: availablePlugins(ctx), enabled_in_cluster: enabledInCluster(ctx) },
    lua_version: 'LuaJIT 2.1.0-20231117',
    configuration: nodeConfiguration(ctx.inst),
    pids: { master: processId(), workers: [processId()] },
  });
  return ok(body);
};

const status: Handler = (ctx) => {
  const format = sizeFormat(ctx.inst.version, ctx.query.text('unit'), ctx.query.text('scale'));
  if (format.error) return format.error;
  const size = format.value;
  const mem = { heapUsed: heapUsed() };
  const stats = ctx.inst.stats?.snapshot();
  const body: Record<string, unknown> = {
    memory: {
      workers_lua_vms: [{ http_allocated_gc: size(mem.heapUsed), pid: processId() }],
      lua_shared_dicts: {
        kong: { capacity: size(5 * 1024 ** 2), allocated_slabs: size(40 * 1024) },
        kong_db_cache: { capacity: size(128 * 1024 ** 2), allocated_slabs: size(Math.min(mem.heapUsed, 128 * 1024 ** 2)) },
      },
    },
    server: stats ?? {
      connections_active: 0,
      connections_reading: 0,
      connections_writing: 1,
      connections_waiting: 0,
      connections_accepted: 0,
      connections_handled: 0,
      total_requests: ctx.inst.requests,
    },
    database: { reachable: true },
  };
  if (ctx.inst.dbless) {
    // DB-less: the hash of the loaded configuration; 3.4+ leaves `database` out (reference §8).
    body.configuration_hash = ctx.inst.configHash ?? '00000000000000000000000000000000';
    if (versionAtLeast(ctx.inst.version, '3.4')) delete body.database;
  }
  return ok(body);
};

const endpoints: Handler = (ctx) => {
  const paths = ctx.inst.paths().sort((a, b) => {
    const x = a.replace(/\//g, '\u0000');
    const y = b.replace(/\//g, '\u0000');
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return ok({ data: paths });
};

const pluginsEnabled: Handler = (ctx) => ok({ enabled_plugins: [...ctx.inst.spec.plugins.keys()].sort() });

export const nodeHandlers: Record<string, Handler> = {
  root,
  status,
  endpoints,
  'plugins-enabled': pluginsEnabled,
};
