/**
 * A recorded sequence as a ready-to-commit scenario (the format of fixtures/scenarios): ids the
 * reference returned become captures (`{{e3}}`), this run's names `{{unique:…}}`, timestamps and
 * paging tokens matchers, and each step expects the reference's status and body.
 */
import { stringify } from 'yaml';
import type { Recorded } from './pair.ts';
import type { Step, StepRequest } from '../scenario.ts';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TIMESTAMPS = new Set(['created_at', 'updated_at']);
/** Beyond this many members, a page's possible orders are too many to list: its length is checked. */
const MAX_PERMUTED = 4;

interface Context {
  runTag: string;
  /** Reference id → capture name, for ids saved by earlier steps. */
  captures: Map<string, string>;
  /** File contents → path: such a value is written `{{file:path}}`. */
  files: Map<string, string>;
  /** Fields a server stores rewritten, and the values sent for them so far. */
  rewritten: Set<string>;
  sent: Set<string>;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Splits a string into literal text, ids, this run's names and paging tokens. */
function segments(text: string, ctx: Context): Array<{ kind: 'text' | 'id' | 'name' | 'offset'; value: string }> {
  const pattern = new RegExp(`(${UUID})|([a-z0-9_]+)-${ctx.runTag}|offset=[^&]+`, 'gi');
  const out: Array<{ kind: 'text' | 'id' | 'name' | 'offset'; value: string }> = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) out.push({ kind: 'text', value: text.slice(last, match.index) });
    out.push(match[1] ? { kind: 'id', value: match[1] } : match[2] ? { kind: 'name', value: match[2] } : { kind: 'offset', value: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', value: text.slice(last) });
  return out;
}

/** A request string: captured ids and names become placeholders, the rest stays as sent. */
function requestString(text: string, ctx: Context): string {
  if (ctx.files.has(text)) return `{{file:${ctx.files.get(text)}}}`;
  return segments(text, ctx)
    .map((s) => (s.kind === 'id' ? (ctx.captures.has(s.value.toLowerCase()) ? `{{${ctx.captures.get(s.value.toLowerCase())}}}` : s.value) : s.kind === 'name' ? `{{unique:${s.value}}}` : s.value))
    .join('');
}

function requestValue(value: unknown, ctx: Context): unknown {
  if (typeof value === 'string') return requestString(value, ctx);
  if (Array.isArray(value)) return value.map((v) => requestValue(v, ctx));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, requestValue(v, ctx)]));
  return value;
}

/** An expected string: exact with placeholders, or a regex when it holds an id no step saved or a paging token. */
function expectedString(text: string, ctx: Context, key?: string): string {
  if (ctx.files.has(text)) return `{{file:${ctx.files.get(text)}}}`;
  const parts = segments(text, ctx);
  const unknownId = (s: { kind: string; value: string }) => s.kind === 'id' && !ctx.captures.has(s.value.toLowerCase());
  if (parts.length === 1 && unknownId(parts[0])) return '@uuid';
  if (key === 'offset') return '@string';
  if (parts.some((s) => unknownId(s) || s.kind === 'offset')) {
    const body = parts
      .map((s) => (s.kind === 'text' ? escapeRegex(s.value) : s.kind === 'offset' ? 'offset=[^&]+' : s.kind === 'name' ? `{{unique:${s.value}}}` : unknownId(s) ? UUID : `{{${ctx.captures.get(s.value.toLowerCase())}}}`))
      .join('');
    return `@regex:^${body}$`;
  }
  const exact = requestString(text, ctx);
  return exact.startsWith('@') ? `@${exact}` : exact;
}

/** A rewritten field (a hashed password) is expected to be anything but what was sent. */
function rewrittenValue(value: string, ctx: Context): string {
  if (ctx.sent.has(value) || ctx.sent.size === 0) return expectedString(value, ctx);
  const sent = [...ctx.sent].map((v) => segments(v, ctx).map((p) => (p.kind === 'name' ? `{{unique:${p.value}}}` : escapeRegex(p.value))).join(''));
  return `@regex:^(?!(${sent.join('|')})$)`;
}

function expectedValue(value: unknown, ctx: Context, key?: string): unknown {
  if (key !== undefined && ctx.rewritten.has(key) && typeof value === 'string') return rewrittenValue(value, ctx);
  if (key !== undefined && TIMESTAMPS.has(key) && typeof value === 'number') return Number.isInteger(value) ? '@timestamp' : '@number';
  if (typeof value === 'string') return expectedString(value, ctx, key);
  if (Array.isArray(value)) return value.map((v) => expectedValue(v, ctx));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expectedValue(v, ctx, k)]));
  return value;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** A list page: members in any order when the whole list is on it, else only how many there are. */
function expectedPage(body: Record<string, unknown>, ctx: Context, wholeList: boolean): unknown {
  const { data, ...rest } = body;
  const members = Array.isArray(data) ? data.map((m) => expectedValue(m, ctx)) : expectedValue(data, ctx);
  const out = expectedValue(rest, ctx) as Record<string, unknown>;
  if (!Array.isArray(members) || members.length <= 1) return { data: members, ...out };
  if (wholeList && members.length <= MAX_PERMUTED) return { data: { '@oneOf': permutations(members) }, ...out };
  return { data: { '@length': members.length }, ...out };
}

export interface ScenarioHeader {
  name: string;
  /** Comment lines above the scenario (how it was found, what differed). */
  comment: string[];
  runTag: string;
  files?: Map<string, string>;
  rewritten?: Set<string>;
}

export function scenarioSteps(log: Recorded[], runTag: string, files = new Map<string, string>(), rewritten = new Set<string>()): Step[] {
  const ctx: Context = { runTag, captures: new Map(), files, rewritten, sent: new Set() };
  return log.map((record, index) => {
    const previous = log[index - 1];
    const request: StepRequest = { method: record.request.method, path: previous?.savesNext ? `{{${previous.savesNext}}}` : requestString(record.request.path, ctx) };
    if (record.request.query && !previous?.savesNext) request.query = requestString(record.request.query, ctx);
    if (record.request.json !== undefined) request.json = requestValue(record.request.json, ctx);
    if (record.request.form !== undefined) request.form = record.request.form.map(([k, v]): [string, string] => [k, requestString(v, ctx)]);
    for (const [key, value] of record.request.form ?? Object.entries((record.request.json ?? {}) as Record<string, unknown>)) if (rewritten.has(key) && typeof value === 'string') ctx.sent.add(value);
    const body = record.response.body;
    const wholeList = !previous?.savesNext && !record.savesNext;
    const expected = record.page && typeof body === 'object' && body !== null && !Array.isArray(body) ? expectedPage(body as Record<string, unknown>, ctx, wholeList) : expectedValue(body, ctx);
    const step: Step = { name: `${index + 1}. ${record.title}`, request, expect: body === undefined ? { status: record.response.status } : { status: record.response.status, body: expected } };
    const save: Record<string, string> = {};
    if (record.saves !== undefined) {
      save[`e${record.saves}`] = 'body.id';
      const id = (body as { id?: unknown }).id;
      if (typeof id === 'string') ctx.captures.set(id.toLowerCase(), `e${record.saves}`);
    }
    if (record.savesNext) save[record.savesNext] = 'body.next';
    if (Object.keys(save).length > 0) step.save = save;
    return step;
  });
}

export function scenarioYaml(log: Recorded[], header: ScenarioHeader): string {
  const comment = header.comment.map((line) => `# ${line}`.trimEnd()).join('\n');
  return `${comment}\n${stringify([{ name: header.name, steps: scenarioSteps(log, header.runTag, header.files, header.rewritten) }], { lineWidth: 0 })}`;
}
