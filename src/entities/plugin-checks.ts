/**
 * Rules of bundled plugins that only code can say, named by `custom:` checks in
 * openapi/src/plugins/<name>.yaml. Checks named there but not written here are skipped.
 */
import type { CustomCheck } from '../admin/validate.ts';

const PERIODS = ['second', 'minute', 'hour', 'day', 'month', 'year'];

const configOf = (entity: Record<string, unknown>): Record<string, unknown> =>
  typeof entity.config === 'object' && entity.config !== null ? (entity.config as Record<string, unknown>) : {};

/** rate-limiting: a longer period's limit cannot be lower than a shorter one's; sync_rate only with redis. */
export const rateLimitingPeriods: CustomCheck = (entity) => {
  const config = configOf(entity);
  for (let i = 0; i < PERIODS.length; i++) {
    const lower = config[PERIODS[i]];
    if (typeof lower !== 'number') continue;
    for (const upper of PERIODS.slice(i + 1)) {
      const value = config[upper];
      if (typeof value === 'number' && value < lower) {
        return { config: `The limit for ${upper}(${value.toFixed(1)}) cannot be lower than the limit for ${PERIODS[i]}(${lower.toFixed(1)})` };
      }
    }
  }
  if (config.policy !== 'redis' && config.sync_rate !== undefined && config.sync_rate !== -1) return { config: 'sync_rate can only be used with the redis policy' };
  if (config.policy === 'redis' && typeof config.sync_rate === 'number' && config.sync_rate !== -1 && config.sync_rate < 0.02) {
    return { config: 'sync_rate must be greater than 0.02, or -1 to disable' };
  }
  return null;
};

export const pluginChecks: Record<string, CustomCheck> = {
  'rate-limiting-periods': rateLimitingPeriods,
};
