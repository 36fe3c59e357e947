/**
 * Special node endpoints (reference §7.6): `/cache`, `/timers`, `/status/dns`, the dynamic log
 * level under `/debug` and hybrid-mode `/clustering`. The mock has no proxy (its cache is always
 * empty), uses no DNS client (Kong's default, the legacy one, has no statistics) and is never a
 * control plane.
 */
import type { Ctx, Instance } from '../context.ts';
import type { Handler } from '../operations.ts';
import { noContent, ok } from '../result.ts';
import { message, notFound } from '../errors.ts';
import { luaToNumber } from '../args.ts';

/** Kong's `log_level` default (kong_defaults.lua). */
const DEFAULT_LOG_LEVEL = 'notice';
/** Seconds a changed level holds without `?timeout=` (debug.lua, 3.9). */
const DEFAULT_TIMEOUT = 60;
const LOG_LEVELS = new Set(['debug', 'info', 'notice', 'warn', 'error', 'crit', 'alert', 'emerg']);

/** The level in force now: a dynamic one until its timeout passes, then the configured one. */
export function currentLogLevel(inst: Instance): string {
  const dynamic = inst.logLevel;
  if (dynamic && inst.clock() < dynamic.until) return dynamic.level;
  inst.logLevel = undefined;
  return DEFAULT_LOG_LEVEL;
}

const logLevelGet: Handler = (ctx) => ok({ message: `log level: ${currentLogLevel(ctx.inst)}` });

const logLevelPut: Handler = (ctx: Ctx) => {
  if (ctx.inst.dbless) return message(405, 'cannot change log level when not using a database');
  const level = ctx.params[0];
  const raw = ctx.query.text('timeout');
  const timeout = Math.ceil((raw === undefined ? null : luaToNumber(raw)) ?? DEFAULT_TIMEOUT);
  if (!LOG_LEVELS.has(level)) return message(400, `unknown log level: ${level}`);
  if (timeout < 0) return message(400, 'timeout must be greater than or equal to 0');
  if (currentLogLevel(ctx.inst) === level) return ok({ message: `log level is already ${level}` });
  ctx.inst.logLevel = { level, until: ctx.inst.clock() + timeout * 1000 };
  return ok({ message: 'log level changed' });
};

const timers: Handler = () => {
  const timer = (name: string, runs: number, avg: number) => ({
    name,
    meta: { name, callstack: `@/usr/local/share/lua/5.1/kong/init.lua:${name.length * 37}:init_worker();` },
    stats: {
      elapsed_time: { min: 0, max: avg * 3, avg, variance: 0 },
      runs,
      finish: runs,
      last_err_msg: '',
    },
  });
  const list = [timer('kong_healthchecks', 12, 1), timer('rate-limiting-sync', 40, 0), timer('kong_cluster_events', 120, 2)];
  return ok({
    worker: { id: 0, count: 1 },
    stats: {
      sys: { total: list.length, runs: list.reduce((n, t) => n + t.stats.runs, 0), running: 0, pending: 0, waiting: list.length },
      timers: Object.fromEntries(list.map((t) => [t.name, t])),
      flamegraph: { running: '', pending: '', elapsed_time: list.map((t) => `${t.meta.callstack}${t.name} ${t.stats.elapsed_time.avg * t.stats.runs}`).join('\n') + '\n' },
    },
  });
};

export const debugHandlers: Record<string, Handler> = {
  'cache-get': () => notFound(),
  'cache-delete': () => noContent(),
  'cache-purge': () => noContent(),
  timers,
  'dns-status': () => message(501, 'not implemented with the legacy DNS client'),
  'log-level-get': logLevelGet,
  'log-level-put': logLevelPut,
  clustering: () => message(400, 'this endpoint is only available when Kong is configured to run as Control Plane for the cluster'),
};
