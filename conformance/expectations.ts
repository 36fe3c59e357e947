/**
 * A step's expectations for a Kong version: version ranges, version-dependent values, and the
 * differences between the expectation and the response.
 */
import type { Step } from './scenario.ts';
import type { Exchange } from './http.ts';
import { diff, type Difference } from './matchers.ts';
import { interpolate, type Context } from './interpolate.ts';
import { versionAtLeast } from '../src/entities/types.ts';

export function inRange(version: string, range?: { since?: string; until?: string }): boolean {
  if (!range) return true;
  if (range.since && !versionAtLeast(version, range.since)) return false;
  if (range.until && versionAtLeast(version, range.until)) return false;
  return true;
}

/** `{"@since": "3.3", "@value": x}` expects x from that version on, and an absent key before it. */
export function forVersion(expected: unknown, version: string): unknown {
  if (Array.isArray(expected)) return expected.map((e) => forVersion(e, version));
  if (typeof expected !== 'object' || expected === null) return expected;
  const obj = expected as Record<string, unknown>;
  if (typeof obj['@since'] === 'string' && '@value' in obj) return versionAtLeast(version, obj['@since']) ? forVersion(obj['@value'], version) : '@absent';
  if (typeof obj['@until'] === 'string' && '@value' in obj) return versionAtLeast(version, obj['@until']) ? '@absent' : forVersion(obj['@value'], version);
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, forVersion(v, version)]));
}

export function expectationDifferences(step: Step, ex: Exchange, ctx: Context, version: string): Difference[] {
  const out: Difference[] = [];
  const expect = step.expect ? (forVersion(interpolate(step.expect, ctx), version) as Step['expect']) : undefined;
  if (!expect) return out;
  if (expect.status !== undefined && expect.status !== ex.status) out.push({ path: 'status', expected: String(expect.status), actual: String(ex.status) });
  for (const [name, value] of Object.entries(expect.headers ?? {})) diff(value, ex.headers[name.toLowerCase()], `headers.${name}`, out);
  if ('body' in expect) diff(expect.body, ex.body, '$', out);
  if (expect.bodyMatch && expect.bodyMatch.length > 0) {
    // Any alternative will do; when none matches, the closest one's differences are reported.
    const tries = expect.bodyMatch.map((alternative) => diff(alternative, ex.body));
    if (!tries.some((t) => t.length === 0)) out.push(...tries.reduce((best, t) => (t.length < best.length ? t : best)));
  }
  return out;
}
