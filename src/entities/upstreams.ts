/**
 * Upstreams: `hash_on` and `algorithm` set each other (reference §6.4), and the healthchecks
 * record decides whether health checks run at all.
 */
import type { Row } from '../store/types.ts';
import type { EntityHooks } from './hooks.ts';

const NO_HASH_ALGORITHMS = new Set(['least-connections', 'latency']);

export const upstreamHooks: EntityHooks = {
  expand({ body }) {
    // Kong's shorthands, in order: a hashless algorithm clears hash_on; then hash_on picks the algorithm.
    if (typeof body.algorithm === 'string' && NO_HASH_ALGORITHMS.has(body.algorithm)) body.hash_on = null;
    if ('hash_on' in body) {
      if (body.hash_on === null) body.hash_on = 'none';
      else body.algorithm = body.hash_on === 'none' ? 'round-robin' : 'consistent-hashing';
    }
    return null;
  },
};

type Record_ = Record<string, unknown>;

function num(record: unknown, ...path: string[]): number {
  let v: unknown = record;
  for (const key of path) v = v && typeof v === 'object' ? (v as Record_)[key] : undefined;
  return typeof v === 'number' ? v : 0;
}

/** Health checks run when an active interval or a passive unhealthy threshold is non-zero. */
export function healthchecksEnabled(upstream: Row): boolean {
  const hc = upstream.healthchecks;
  return (
    num(hc, 'active', 'healthy', 'interval') !== 0 ||
    num(hc, 'active', 'unhealthy', 'interval') !== 0 ||
    num(hc, 'passive', 'unhealthy', 'tcp_failures') !== 0 ||
    num(hc, 'passive', 'unhealthy', 'timeouts') !== 0 ||
    num(hc, 'passive', 'unhealthy', 'http_failures') !== 0
  );
}
