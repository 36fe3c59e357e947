/**
 * One autocannon run: warm-up (discarded), then a fixed-duration measurement.
 */
import autocannon from 'autocannon';

export interface LoadOptions {
  connections: number;
  warmupSec: number;
  durationSec: number;
}

/** A request as autocannon takes it; `setupRequest` and `onResponse` keep per-connection state in `context`. */
export interface BenchRequest {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: BenchRequest, context: Record<string, unknown>) => BenchRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}

export interface LoadResult {
  rps: number;
  latencyMs: { mean: number; p50: number; p99: number };
  requests: number;
  non2xx: number;
  /** Responses per status code. */
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
}

function once(url: string, requests: BenchRequest[], connections: number, duration: number): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration, requests: requests as autocannon.Request[] });
}

export async function load(url: string, makeRequests: () => BenchRequest[], opts: LoadOptions): Promise<LoadResult> {
  if (opts.warmupSec > 0) await once(url, makeRequests(), opts.connections, opts.warmupSec);
  const r = await once(url, makeRequests(), opts.connections, opts.durationSec);
  return {
    rps: round(r.requests.total / opts.durationSec),
    latencyMs: { mean: round(r.latency.average), p50: r.latency.p50, p99: r.latency.p99 },
    requests: r.requests.total,
    non2xx: r.non2xx,
    statuses: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, v]) => [code, v.count])),
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
