/**
 * One fake Kong: its document view, its store and its router. Every adapter drives `handle`.
 */
import { randomUUID } from '../crypto/index.ts';
import type { EntityDef, OperationDef, Spec } from '../spec/index.ts';
import { loadSpec, type RouterFlavor } from '../spec/index.ts';
import { createStore } from '../store/index.ts';
import type { Store, TableDef } from '../store/types.ts';
import type { KongVersion } from '../entities/types.ts';
import type { ConnectionStats } from '../http/stats.ts';
import type { AdminHandler, AdminRequest, AdminResponse } from './types.ts';
import type { Instance } from './context.ts';
import { Router } from './router.ts';
import { dispatch, encodeJson } from './dispatch.ts';
import { unexpected } from './errors.ts';
import { HealthState } from './health-state.ts';
import { purgeExpired } from './ttl.ts';
import { listenEntry } from './listeners.ts';
import { render } from './dispatch.ts';
import { badControlRequest, injectedFault } from './errors.ts';
import type { Outcome } from './result.ts';
import { MockClock } from '../control/clock.ts';
import { DEFAULT_JOURNAL_SIZE, RequestJournal, type JournalEntry } from '../control/journal.ts';
import { FAULT_HEADER, FaultRules, parseFaultHeader, pickLatency, type FaultEffect } from '../control/faults.ts';
import { countRows, restoreSnapshot, summarize, takeSnapshot, type Snapshot, type SnapshotSummary } from '../control/snapshots.ts';
import { handleControl, isControlPath } from '../control/http.ts';
import { loadDeclarativeText, type Loaded } from '../declarative/load.ts';

export interface MockOptions {
  /** Kong version to emulate: '3.9' (default) or '2.8'. */
  version?: KongVersion;
  /** 3.x router flavor: `expressions` adds the route fields `expression` and `priority`. */
  routerFlavor?: RouterFlavor;
  /** A spec already loaded (to share one between many instances). */
  spec?: Spec;
  /** Milliseconds since the epoch; defaults to Date.now. */
  clock?: () => number;
  nodeId?: string;
  /** The node's host name in `GET /` (default `localhost`: the core asks no OS; the CLI passes the machine's). */
  hostname?: string;
  /** Emulate a DB-less node: `POST /config` replaces the store, entity writes answer 405. */
  dbless?: boolean;
  /**
   * The node's admin listeners as kong.conf `admin_listen` entries (`["0.0.0.0:8001"]`), reported by
   * `GET /`; Kong's defaults when unset. The node adapter sets it to the address it listens on.
   */
  adminListen?: string[];
  /** Validate entities as a DB-less node does while accepting writes (the scratch store of a declarative load). */
  dblessChecks?: boolean;
  /**
   * The control surface over HTTP: `/__mock/…` endpoints and the `X-Kong-Mock-Fault` header (on by
   * default). `false` is `--strict`: `/__mock/…` answers Kong's 404 and the header is only a header.
   */
  control?: boolean;
  /** How many requests the journal keeps (default 1000; 0 keeps none). */
  journalSize?: number;
  /** Milliseconds every Admin API answer waits: fixed, or a range picked from at random (`--latency`). */
  latency?: number | [number, number];
  /** Told of every request once it is answered, control requests included (the CLI's log line). */
  onAnswered?: (entry: AnsweredRequest) => void;
}

/** What `onAnswered` is told: the method, path and query, the status (0 for a dropped connection) and the time taken. */
export type AnsweredRequest = Pick<JournalEntry, 'method' | 'path' | 'query' | 'status' | 'duration'>;

/**
 * Keeps the store on disk (`--state`): runs each request so that its answer waits until what it
 * changed is durable. When that cannot be done it undoes the changes and rejects, and the
 * client gets Kong's 500.
 */
export interface Durability {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Makes the whole store durable as it is now (after a change made outside `run`, such as a restore). */
  checkpoint(): Promise<void>;
}

/** The control endpoints that replace the store's content outside a request's transaction. */
const STORE_CHANGES = /^\/__mock\/(reset|config|seed|snapshots\/[^/]+\/restore)\/?$/;

const RELEASES: Record<KongVersion, string> = { '2.8': '2.8.5', '3.9': '3.9.3' };

export class KongMock implements AdminHandler {
  readonly store: Store;
  private readonly inst: Instance;
  private readonly router = new Router<OperationDef>();
  private durability?: Durability;
  private readonly saved = new Map<string, Snapshot>();
  /** The mock's clock: freeze or advance it to move ttl expiry, timeouts and timestamps. */
  readonly clock: MockClock;
  /** Every Admin API request answered, with its answer (bounded). */
  readonly journal: RequestJournal;
  /** Injected latency, error answers and dropped connections. */
  readonly faults = new FaultRules();
  /** Whether `/__mock/…` and the fault header are served (false under `--strict`). */
  readonly controlOverHttp: boolean;
  latency: number | [number, number] | undefined;
  private readonly onAnswered?: (entry: AnsweredRequest) => void;

  constructor(readonly spec: Spec, options: MockOptions = {}) {
    for (const op of spec.operations) this.router.add(op.method, op.path, op);
    this.store = createStore(tableDefs(spec));
    this.clock = new MockClock(options.clock ?? Date.now);
    this.journal = new RequestJournal(options.journalSize ?? DEFAULT_JOURNAL_SIZE);
    this.controlOverHttp = options.control ?? true;
    this.latency = options.latency;
    this.onAnswered = options.onAnswered;
    this.inst = {
      spec,
      store: this.store,
      version: spec.version,
      release: RELEASES[spec.version],
      nodeId: options.nodeId ?? randomUUID(),
      hostname: options.hostname ?? 'localhost',
      clock: this.clock.now,
      health: new HealthState(),
      requests: 0,
      paths: () => this.router.all().map((r) => r.template),
      dbless: options.dbless ?? false,
      dblessChecks: options.dblessChecks ?? options.dbless ?? false,
      adminListen: options.adminListen,
      nextExpiry: 0,
    };
  }

  get version(): KongVersion {
    return this.inst.version;
  }

  get nodeId(): string {
    return this.inst.nodeId;
  }

  get dbless(): boolean {
    return this.inst.dbless;
  }

  /** md5 of the declarative configuration loaded last (DB-less `/status` and `check_hash`). */
  get configHash(): string | undefined {
    return this.inst.configHash;
  }

  set configHash(hash: string | undefined) {
    this.inst.configHash = hash;
  }

  async handle(req: AdminRequest): Promise<AdminResponse> {
    const started = performance.now();
    if (this.controlOverHttp && isControlPath(req.path)) {
      const controlled = await handleControl(this, req);
      // a reset, restore, kong.yml or seed is answered once the store it left is durable
      const answer = req.method === 'POST' && STORE_CHANGES.test(req.path) && !(await this.persisted()) ? render(this.inst, req, unexpected(), 0) : render(this.inst, req, controlled, 0);
      this.onAnswered?.({ method: req.method, path: req.path, query: req.query, status: answer.status, duration: performance.now() - started });
      return answer;
    }
    const time = this.clock.now();
    const { request, effect, error } = this.faultOf(req);
    const response = error ? render(this.inst, request, error, 0) : await this.answer(request, effect);
    const answered = { method: request.method, path: request.path, query: request.query, status: response.abort ? 0 : response.status, duration: performance.now() - started };
    this.journal.record({ ...answered, time, headers: request.headers, body: request.body, response: response.abort ? null : response.body });
    this.onAnswered?.(answered);
    return response;
  }

  /** The request without the fault header, and the fault that applies to it (header first, then rules). */
  private faultOf(req: AdminRequest): { request: AdminRequest; effect?: FaultEffect; error?: ReturnType<typeof badControlRequest> } {
    const value = this.controlOverHttp ? req.headers[FAULT_HEADER] : undefined;
    if (value === undefined) return { request: req, effect: this.faults.effectFor(req) };
    const { [FAULT_HEADER]: _fault, ...headers } = req.headers;
    const request = { ...req, headers };
    const parsed = parseFaultHeader(Array.isArray(value) ? value.join(', ') : value);
    if ('error' in parsed) return { request, error: badControlRequest(parsed.error) };
    return { request, effect: parsed.ok };
  }

  private async answer(req: AdminRequest, effect: FaultEffect | undefined): Promise<AdminResponse> {
    const wait = pickLatency(this.latency) + pickLatency(effect?.latency);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (effect?.abort) return { status: 0, headers: {}, body: '', abort: effect.abort };
    if (effect?.status !== undefined) return render(this.inst, req, injectedFault(effect.status, effect.message), wait);
    return this.admin(req);
  }

  private async admin(req: AdminRequest): Promise<AdminResponse> {
    // expired rows go outside any request's transaction: undoing them only brings them back to expire again
    purgeExpired(this.inst);
    if (!this.durability) return dispatch(this.inst, this.router, req);
    let response: AdminResponse | undefined;
    try {
      return await this.durability.run(async () => (response = await dispatch(this.inst, this.router, req)));
    } catch (error) {
      if (!response) throw error;
      return unexpectedAnswer(req, response);
    }
  }

  /**
   * Resolves once the store as it is now is durable (at once without `persistWith`); false when it
   * could not be written (the cause is on stderr). In-process callers of `reset`, `restore` and
   * `loadConfig` on a persisted mock await it.
   */
  async persisted(): Promise<boolean> {
    if (!this.durability) return true;
    try {
      await this.durability.checkpoint();
      return true;
    } catch (error) {
      console.error('kong-admin-mock: the store could not be made durable:', error);
      return false;
    }
  }

  /** From now on every answer waits until its changes are durable (see Durability). */
  persistWith(durability: Durability): void {
    this.durability = durability;
  }

  /** Whether the path is one of Kong's routes for this version, whatever the method (unknown paths answer 404). */
  hasRoute(path: string): boolean {
    if (this.controlOverHttp && isControlPath(path)) return true;
    return this.router.match(path) !== undefined;
  }

  /** Connection counters of the node server, for `GET /status`. */
  attachStats(stats: ConnectionStats): void {
    this.inst.stats = stats;
  }

  /** The address a server answers on for this node, reported as its admin listener by `GET /`. */
  attachListener(host: string, port: number): void {
    this.inst.adminListen = [listenEntry(host, port)];
  }

  /** Forget every entity, health mark, dynamic log level and configuration hash (not the snapshots, the journal or the faults). */
  reset(): void {
    this.store.clear();
    this.inst.health.clear();
    this.inst.logLevel = undefined;
    this.inst.configHash = undefined;
    this.inst.nextExpiry = 0;
  }

  /** Keeps the whole state under `name` (replacing a snapshot of that name); O(rows). */
  snapshot(name = 'default'): SnapshotSummary {
    const snap = takeSnapshot(this.inst, name);
    this.saved.set(name, snap);
    return summarize(snap);
  }

  /** Puts back the state kept under `name`; false when there is none. O(rows). */
  restore(name = 'default'): boolean {
    const snap = this.saved.get(name);
    if (!snap) return false;
    restoreSnapshot(this.inst, snap);
    return true;
  }

  snapshots(): SnapshotSummary[] {
    return [...this.saved.values()].map(summarize);
  }

  dropSnapshot(name: string): boolean {
    return this.saved.delete(name);
  }

  /** Replaces the store with a declarative configuration (kong.yml as YAML or JSON text), validated as `POST /config` does. */
  async loadConfig(kongYml: string): Promise<Outcome<Loaded>> {
    const loaded = await loadDeclarativeText(this, kongYml, { clock: this.clock.now });
    if (loaded.value) this.inst.configHash = loaded.value.hash;
    return loaded;
  }

  /** Rows per table, tables without rows left out. */
  counts(): Record<string, number> {
    return countRows(this.store);
  }
}

/** Kong's 500 in place of an answer whose changes could not be kept; the other headers stay. */
function unexpectedAnswer(req: AdminRequest, answered: AdminResponse): AdminResponse {
  const body = encodeJson(unexpected().body);
  const headers: Record<string, string> = { ...answered.headers, 'Content-Type': 'application/json; charset=utf-8' };
  if (req.method === 'HEAD') return { status: 500, headers: { ...headers, 'Content-Length': String(new TextEncoder().encode(body).length) }, body: '' };
  delete headers['Content-Length'];
  return { status: 500, headers, body };
}

export async function createMock(options: MockOptions = {}): Promise<KongMock> {
  const spec = options.spec ?? (await loadSpec({ version: options.version ?? '3.9', routerFlavor: options.routerFlavor }));
  return new KongMock(spec, options);
}

function tableDefs(spec: Spec): TableDef[] {
  const defs: TableDef[] = [];
  for (const entity of spec.entities.values()) {
    // schema-only DAOs never hold rows: no table, so no state file, export or tag index sees them
    if (entity.schemaOnly) continue;
    if (entity.generate.length === 0 && !entity.schema.properties?.id) continue;
    defs.push(tableDef(entity));
  }
  return defs;
}

function tableDef(entity: EntityDef): TableDef {
  const uniques = entity.uniques.map((field) => [field]);
  if (entity.cacheKey) uniques.push(entity.cacheKey);
  return {
    name: entity.name,
    uniques,
    foreignKeys: entity.foreignKeys.map((fk) => ({ field: fk.field, table: fk.entity, onDelete: fk.onDelete })),
    tagsField: entity.schema.properties?.tags ? 'tags' : undefined,
  };
}
