/**
 * What one mock instance owns, and what a handler sees of one request.
 */
import type { Spec, OperationDef, EntityDef } from '../spec/index.ts';
import type { Store } from '../store/types.ts';
import type { KongVersion } from '../entities/types.ts';
import type { ConnectionStats } from '../http/stats.ts';
import type { AdminRequest } from './types.ts';
import type { Match } from './router.ts';
import type { QueryArgs } from './query.ts';
import type { HealthState } from './health-state.ts';

export interface Instance {
  spec: Spec;
  store: Store;
  version: KongVersion;
  /** Kong version string reported by `GET /` and the Server header. */
  release: string;
  nodeId: string;
  hostname: string;
  /** Milliseconds since the epoch; injectable for tests. */
  clock: () => number;
  health: HealthState;
  stats?: ConnectionStats;
  requests: number;
  /** The router of this instance, for `/endpoints`. */
  paths: () => string[];
  /** DB-less node (reference §7.7): `/config` served, entity writes refused after validation. */
  dbless: boolean;
  /** Validate as a DB-less node does (plugin checks that depend on the node), without refusing writes. */
  dblessChecks: boolean;
  /** Kong `admin_listen` entries of the server answering for this node, when one listens (`GET /`). */
  adminListen?: string[];
  /** md5 of the declarative configuration loaded last (DB-less), for `/status` and `check_hash`. */
  configHash?: string;
  /** A log level set through `/debug/.../log-level` (reference §7.6), until `until` ms on `clock`. */
  logLevel?: { level: string; until: number };
  /**
   * The earliest expiry (seconds) a row with a `ttl` may have: 0 until the rows are first scanned
   * (a state file may hold some), Infinity when none has one. Requests before it skip the scan.
   */
  nextExpiry: number;
}

/** The request body after the transport checks: JSON as sent, or form/multipart keys decoded (not yet inferred). */
export type BodyInput =
  | { kind: 'none' }
  | { kind: 'json'; value: Record<string, unknown> }
  | { kind: 'form'; value: Record<string, unknown> };

export interface Ctx {
  inst: Instance;
  req: AdminRequest;
  op: OperationDef;
  match: Match<OperationDef>;
  /** Percent-decoded path parameters, in template order. */
  params: string[];
  query: QueryArgs;
  body: BodyInput;
}

export function entityOf(inst: Instance, name: string): EntityDef {
  const entity = inst.spec.entities.get(name);
  if (!entity) throw new Error(`unknown entity ${name}`);
  return entity;
}
