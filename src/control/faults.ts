/**
 * Injected faults: rules that make matching Admin API requests slow, fail with a chosen status,
 * or lose their connection; and the same for one request through the `X-Kong-Mock-Fault` header.
 */
import type { AdminRequest } from '../admin/types.ts';
import { pathMatcher } from './journal.ts';

export const FAULT_HEADER = 'x-kong-mock-fault';

/** What happens to one request. */
export interface FaultEffect {
  /** Milliseconds to wait before answering: a fixed time or a range picked from at random. */
  latency?: number | [number, number];
  /** Answer this status with Kong's body (`{"message": …}`) instead of the real answer. */
  status?: number;
  /** The `message` of that body (a default per status otherwise). */
  message?: string;
  /** Drop the connection with no answer (`drop`: closed; `reset`: TCP reset, node server only). */
  abort?: 'drop' | 'reset';
}

export interface FaultRuleInput extends FaultEffect {
  /** Any method when absent. */
  method?: string;
  /** An exact path or a pattern with `*` (`/services/*`); every path when absent. */
  path?: string;
  /** Only requests carrying this header (any value when `value` is absent). */
  header?: { name: string; value?: string };
  /** Act on every Nth matching request only (the Nth, the 2Nth, …). */
  every?: number;
  /** Act this many times, then the rule removes itself (1: one-shot); until removed when absent. */
  times?: number;
}

export interface FaultRule extends FaultRuleInput {
  id: string;
  /** Matching requests seen so far (counts toward `every`). */
  matched: number;
  /** Times the rule has acted. */
  applied: number;
}

export type Parsed<T> = { ok: T } | { error: string };

export class FaultRules {
  private rules: FaultRule[] = [];
  private nextId = 1;

  /** Adds a rule (checked with `parseFaultRule` first when it comes from outside). */
  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { ...input, id: String(this.nextId++), matched: 0, applied: 0 };
    this.rules.push(rule);
    return rule;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** The effect of the first rule that acts on this request; counts it against the rules. */
  effectFor(req: AdminRequest): FaultEffect | undefined {
    for (const rule of this.rules) {
      if (!matches(rule, req)) continue;
      rule.matched += 1;
      if (rule.every !== undefined && rule.matched % rule.every !== 0) continue;
      rule.applied += 1;
      if (rule.times !== undefined && rule.applied >= rule.times) this.remove(rule.id);
      return { latency: rule.latency, status: rule.status, message: rule.message, abort: rule.abort };
    }
    return undefined;
  }
}

function matches(rule: FaultRuleInput, req: AdminRequest): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== req.method) return false;
  if (rule.path !== undefined && !pathMatcher(rule.path).test(req.path)) return false;
  if (rule.header) {
    const value = req.headers[rule.header.name.toLowerCase()];
    if (value === undefined) return false;
    if (rule.header.value !== undefined && (Array.isArray(value) ? value.join(', ') : value) !== rule.header.value) return false;
  }
  return true;
}

/** The wait a latency asks for, in milliseconds. */
export function pickLatency(latency: number | [number, number] | undefined): number {
  if (latency === undefined) return 0;
  if (typeof latency === 'number') return latency;
  const [min, max] = latency;
  return min + Math.floor(Math.random() * (max - min + 1));
}

/** `300` or `100-300` (the `--latency` option and the header's `latency=`). */
export function parseLatency(text: string): Parsed<number | [number, number]> {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) return { error: `invalid latency '${text}' (expected MS or MIN-MAX)` };
  const min = Number(m[1]);
  if (m[2] === undefined) return { ok: min };
  const max = Number(m[2]);
  if (max < min) return { error: `invalid latency '${text}' (MIN is above MAX)` };
  return { ok: [min, max] };
}

/** The header's value: `status=500`, `latency=300`, `latency=100-300; status=503`, `abort=reset`, `message=…`. */
export function parseFaultHeader(value: string): Parsed<FaultEffect> {
  const effect: FaultEffect = {};
  for (const part of value.split(/[;,]/)) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const key = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
    const text = eq === -1 ? '' : part.slice(eq + 1).trim();
    const error = setField(effect, key, text);
    if (error) return { error: `invalid ${FAULT_HEADER} header: ${error}` };
  }
  return { ok: effect };
}

function setField(effect: FaultEffect, key: string, text: string): string | undefined {
  if (key === 'latency') {
    const latency = parseLatency(text);
    if ('error' in latency) return latency.error;
    effect.latency = latency.ok;
  } else if (key === 'status') {
    const status = Number(text);
    if (!isStatus(status)) return `invalid status '${text}' (expected 100-599)`;
    effect.status = status;
  } else if (key === 'abort') {
    if (text !== 'drop' && text !== 'reset') return `invalid abort '${text}' (expected drop or reset)`;
    effect.abort = text;
  } else if (key === 'message') {
    effect.message = text;
  } else {
    return `unknown key '${key}' (expected latency, status, message or abort)`;
  }
  return undefined;
}

const isStatus = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 100 && n <= 599;
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;
const isMs = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/** A rule sent as JSON to `POST /__mock/faults`, checked field by field. */
export function parseFaultRule(input: unknown): Parsed<FaultRuleInput> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { error: 'a fault rule must be a JSON object' };
  const known = new Set(['method', 'path', 'header', 'every', 'times', 'latency', 'status', 'message', 'abort']);
  const body = input as Record<string, unknown>;
  for (const key of Object.keys(body)) if (!known.has(key)) return { error: `unknown field '${key}'` };
  const { method, path, header, every, times, latency, status, message, abort } = body;
  if (method !== undefined && (typeof method !== 'string' || method === '')) return { error: "'method' must be a method name" };
  if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/'))) return { error: "'path' must be a path starting with '/'" };
  if (header !== undefined) {
    const h = header as Record<string, unknown>;
    if (typeof h !== 'object' || h === null || typeof h.name !== 'string' || (h.value !== undefined && typeof h.value !== 'string')) return { error: "'header' must be {\"name\": string, \"value\"?: string}" };
  }
  if (every !== undefined && !isCount(every)) return { error: "'every' must be an integer of 1 or more" };
  if (times !== undefined && !isCount(times)) return { error: "'times' must be an integer of 1 or more" };
  let lat: FaultEffect['latency'];
  if (latency !== undefined) {
    const parsed = typeof latency === 'string' ? parseLatency(latency) : isMs(latency) ? { ok: latency } : Array.isArray(latency) && latency.length === 2 && latency.every(isMs) && latency[0] <= latency[1] ? { ok: latency as [number, number] } : { error: '' };
    if ('error' in parsed) return { error: "'latency' must be milliseconds, [MIN, MAX] or \"MIN-MAX\"" };
    lat = parsed.ok;
  }
  if (status !== undefined && !isStatus(status)) return { error: "'status' must be an HTTP status (100-599)" };
  if (message !== undefined && typeof message !== 'string') return { error: "'message' must be a string" };
  if (abort !== undefined && abort !== 'drop' && abort !== 'reset') return { error: "'abort' must be 'drop' or 'reset'" };
  if (lat === undefined && status === undefined && abort === undefined) return { error: 'a fault rule needs latency, status or abort' };
  const rule: FaultRuleInput = {};
  if (method !== undefined) rule.method = (method as string).toUpperCase();
  if (path !== undefined) rule.path = path as string;
  if (header !== undefined) rule.header = header as FaultRuleInput['header'];
  if (every !== undefined) rule.every = every;
  if (times !== undefined) rule.times = times;
  if (lat !== undefined) rule.latency = lat;
  if (status !== undefined) rule.status = status;
  if (message !== undefined) rule.message = message as string;
  if (abort !== undefined) rule.abort = abort as 'drop' | 'reset';
  return { ok: rule };
}
