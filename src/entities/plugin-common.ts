/**
 * Pieces the plugin checks (`plugin-checks.ts`) and the plugin field validators
 * (`plugin-validators.ts`) share: rate-limit periods and the node's shared dicts.
 */
import type { ValidatorContext } from './types.ts';

const PERIODS = ['second', 'minute', 'hour', 'day', 'month', 'year'];

/** C's `%.1f`: the exact binary value rounded, ties (only x.25, x.75, …) to the even digit. */
export function fixed1(n: number): string {
  if (Math.abs(n) >= 1e21) return `${BigInt(n)}.0`;
  if (Number.isInteger(n * 4) && !Number.isInteger(n * 2)) {
    const low = Math.floor(n * 10);
    return ((low % 2 === 0 ? low : low + 1) / 10).toFixed(1);
  }
  return n.toFixed(1);
}

/**
 * The first longer period whose limit is lower than a shorter period's, in Kong's scan order
 * (shorter periods first): `[longer, its limit, shorter, its limit]`, or null.
 */
export function periodInversion(limits: Record<string, unknown>): [string, number, string, number] | null {
  for (let i = 0; i < PERIODS.length; i++) {
    const lower = limits[PERIODS[i]];
    if (typeof lower !== 'number') continue;
    for (const period of PERIODS.slice(i + 1)) {
      const upper = limits[period];
      if (typeof upper === 'number' && upper < lower) return [period, upper, PERIODS[i], lower];
    }
  }
  return null;
}

/** The http subsystem's shared dicts of a default node (`nginx_kong.lua`, plus the prometheus dict Kong's configuration injects). */
export function sharedDicts(ctx: ValidatorContext): Set<string> {
  const names = ['kong', 'kong_locks', 'kong_healthchecks', 'kong_cluster_events', 'kong_rate_limiting_counters'];
  names.push('kong_core_db_cache', 'kong_core_db_cache_miss', 'kong_db_cache', 'kong_db_cache_miss');
  if (ctx.version === '2.8') {
    names.push('kong_process_events');
    if (ctx.dbless) names.push('kong_core_db_cache_2', 'kong_core_db_cache_miss_2', 'kong_db_cache_2', 'kong_db_cache_miss_2');
  } else {
    names.push('kong_secrets');
  }
  names.push('prometheus_metrics');
  return new Set(names);
}
