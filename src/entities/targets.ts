/**
 * Targets: the target string is normalised before anything else on create (reference §6.5), and
 * lists of an upstream's targets keep only the newest entry per target, newest first (§6.7).
 */
import type { Row } from '../store/types.ts';
import type { EntityHooks } from './hooks.ts';
import type { Instance } from '../admin/context.ts';
import { schemaViolation } from '../admin/errors.ts';
import { normalizeTarget } from './normalize.ts';

export const DEFAULT_TARGET_PORT = 8000;

/** Newest first: created_at descending, then id descending. */
function newestFirst(a: Row, b: Row): number {
  const ca = Number(a.created_at);
  const cb = Number(b.created_at);
  if (ca !== cb) return cb - ca;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The upstream's targets as Kong's balancer sees them: one per target string, newest first. */
export function activeTargets(inst: Instance, upstreamId: string): Row[] {
  const all = inst.store.table('targets').children('upstream', upstreamId).slice().sort(newestFirst);
  const seen = new Set<string>();
  return all.filter((t) => {
    const key = String(t.target);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A target of an upstream by id or by its exact `host:port` string (the newest such target). */
export function findTarget(inst: Instance, upstreamId: string, key: string): Row | undefined {
  const candidates = inst.store.table('targets').children('upstream', upstreamId).slice().sort(newestFirst);
  return candidates.find((t) => t.id === key.toLowerCase() || t.target === key);
}

export const targetHooks: EntityHooks = {
  expand({ body, mode }) {
    if (mode === 'update' || typeof body.target !== 'string') return null;
    const normalized = normalizeTarget(body.target);
    if ('error' in normalized) return schemaViolation({ target: normalized.error });
    body.target = normalized.target;
    return null;
  },
};
