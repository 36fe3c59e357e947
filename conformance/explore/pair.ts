/**
 * The two servers of a comparison: each request goes to the reference, then to the target (its ids
 * swapped for the target's own), and both answers are compared after normalising ids, timestamps
 * and paging tokens. Every exchange is recorded, so a failing sequence can be written as a scenario.
 */
import type { Difference } from '../matchers.ts';
import { diff } from '../matchers.ts';
import { normalizeExchange, type IdMap } from '../normalize.ts';
import type { Exchange } from '../http.ts';
import type { ExploreRequest, ExploreResponse, Transport } from './transport.ts';

export interface Recorded {
  title: string;
  request: ExploreRequest;
  /** The reference's answer: the expectation of the scenario step. */
  response: ExploreResponse;
  /** A slot whose id this answer's `body.id` gives (creates and upserts). */
  saves?: number;
  /** This page's `next` is followed by the next recorded step. */
  savesNext?: string;
  /** The step reads a page of a list: members come in id order, which differs between servers. */
  page?: boolean;
}

/** A status difference drags every body key along: the message shows the first few. */
const SHOWN_DIFFERENCES = 6;

export class DifferenceFound extends Error {
  constructor(
    readonly step: string,
    readonly request: ExploreRequest,
    readonly differences: Difference[],
    /** The entity the request was about (`node` for the node's own endpoints), when known. */
    readonly entity?: string,
  ) {
    const shown = differences.slice(0, SHOWN_DIFFERENCES).map((d) => `  ${d.path}: reference ${d.expected}, target ${d.actual}`);
    if (differences.length > SHOWN_DIFFERENCES) shown.push(`  … and ${differences.length - SHOWN_DIFFERENCES} more differences`);
    super(`${step}: ${request.method} ${request.path}${request.query ? `?${request.query}` : ''}\n${shown.join('\n')}`);
  }
}

/** A known difference to leave out: a JSON path (and what is below it; `[*]` for any index) of the compared view, for one entity or all. */
export interface Ignored {
  entity?: string;
  path: string;
}

export interface Budget {
  requests: number;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export class Pair {
  readonly log: Recorded[] = [];
  /** Paths of what only the target created (the reference refused it): deleted after the sequence. */
  readonly targetOnly: string[] = [];
  /** Commands of the sequence that have run (a list read to its end is one). */
  commandsRun = 0;
  /** Slot → id on each server; reference id → target id. */
  readonly refIds = new Map<number, string>();
  private readonly targetIds = new Map<number, string>();
  private readonly toTargetId = new Map<string, string>();

  /** Values sent for fields the server rewrites on write: an answer holding one shows it was not rewritten. */
  private readonly sentRewritten = new Set<string>();

  /**
   * `rewritten`: fields a server stores rewritten (Kong's on-write transformations: a basic-auth
   * password is hashed with the consumer's id, so the two servers' hashes differ). They are compared
   * as `<as sent>` or `<rewritten>`.
   */
  constructor(
    readonly reference: Transport,
    readonly target: Transport,
    private readonly budget: Budget,
    private readonly ignored: Ignored[] = [],
    private readonly rewritten = new Set<string>(),
  ) {}

  idOf(slot: number): string {
    return this.refIds.get(slot)!;
  }

  bind(slot: number, refId: string, targetId: string): void {
    this.refIds.set(slot, refId);
    this.targetIds.set(slot, targetId);
    this.toTargetId.set(refId.toLowerCase(), targetId);
  }

  /** The reference request with the target's ids in place of the reference's. */
  forTarget(req: ExploreRequest): ExploreRequest {
    const swap = (text: string): string => text.replace(UUID, (id) => this.toTargetId.get(id.toLowerCase()) ?? id);
    return { ...req, path: swap(req.path), query: req.query === undefined ? undefined : swap(req.query), json: req.json === undefined ? undefined : JSON.parse(swap(JSON.stringify(req.json))), form: req.form?.map(([k, v]) => [k, swap(v)]) };
  }

  /** Both answers to one request (the target's may be given its own request, e.g. its own `next`). */
  async send(title: string, req: ExploreRequest, targetReq = this.forTarget(req)): Promise<{ ref: ExploreResponse; target: ExploreResponse; record: Recorded }> {
    for (const [key, value] of req.form ?? Object.entries((req.json ?? {}) as Record<string, unknown>)) if (this.rewritten.has(key) && typeof value === 'string') this.sentRewritten.add(value);
    const ref = await this.reference.send(req);
    this.budget.requests++;
    const record: Recorded = { title, request: req, response: ref };
    this.log.push(record);
    let target: ExploreResponse;
    try {
      target = await this.target.send(targetReq);
      const created = (res: ExploreResponse) => (req.method === 'POST' && res.status === 201) || (req.method === 'PUT' && res.status === 200);
      const id = (target.body as { id?: unknown } | undefined)?.id;
      if (created(target) && !created(ref) && typeof id === 'string') targetOnly(this.targetOnly, targetReq, id);
    } catch (error) {
      throw new DifferenceFound(title, req, [{ path: 'status', expected: String(ref.status), actual: error instanceof Error ? error.message : String(error) }]);
    }
    return { ref, target, record };
  }

  /** One command's request, sent to both and compared (throws DifferenceFound). */
  async compare(entity: string, title: string, req: ExploreRequest): Promise<{ ref: ExploreResponse; target: ExploreResponse; record: Recorded }> {
    this.commandsRun++;
    const sent = await this.send(title, req);
    const views = this.normalized(sent.ref, sent.target);
    this.expectSame(entity, title, req, views.ref, views.target);
    return sent;
  }

  /** Normalised views of both answers: ids of known slots become `<eN>`, others are numbered. */
  normalized(ref: ExploreResponse, target: ExploreResponse): { ref: { status: number; body?: unknown }; target: { status: number; body?: unknown } } {
    const seeded = (ids: Map<number, string>): IdMap => new Map([...ids].map(([slot, id]) => [id.toLowerCase(), `<e${slot}>`]));
    const view = (res: ExploreResponse, ids: IdMap) => this.markRewritten(normalizeExchange({ status: res.status, body: res.body } as Exchange, ids));
    return { ref: view(ref, seeded(this.refIds)), target: view(target, seeded(this.targetIds)) };
  }

  private markRewritten<T>(value: T, key?: string): T {
    if (key !== undefined && this.rewritten.has(key) && typeof value === 'string') return (this.sentRewritten.has(value) ? '<as sent>' : '<rewritten>') as T;
    if (Array.isArray(value)) return value.map((v) => this.markRewritten(v)) as T;
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.markRewritten(v, k)])) as T;
    return value;
  }

  /** Throws DifferenceFound when the two views differ (in more than the ignored paths). */
  expectSame(entity: string, title: string, req: ExploreRequest, expected: unknown, actual: unknown): void {
    const ignoredHere = this.ignored.filter((i) => i.entity === undefined || i.entity === entity);
    // `$.data[*].x` covers every index; a path covers what is below it
    const general = (path: string): string => path.replace(/\[\d+\]/g, '[*]');
    const covered = (path: string, by: string): boolean => path === by || path.startsWith(`${by}.`) || path.startsWith(`${by}[`);
    const differences = diff(escapeMatchers(expected), actual).filter((d) => !ignoredHere.some((i) => covered(general(d.path), general(i.path))));
    if (differences.length > 0) throw new DifferenceFound(title, req, differences, entity);
  }
}

function targetOnly(list: string[], req: ExploreRequest, id: string): void {
  const path = req.path.split('?')[0].replace(/\/+$/, '');
  list.push(req.method === 'POST' ? `${path}/${id}` : path);
}

/** The reference's values are literal: a string that starts with `@` is not a matcher here. */
function escapeMatchers(value: unknown): unknown {
  if (typeof value === 'string') return value.startsWith('@') ? `@${value}` : value;
  if (Array.isArray(value)) return value.map(escapeMatchers);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeMatchers(v)]));
  return value;
}
