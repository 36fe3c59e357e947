/**
 * Adversarial requests for every operation of the document, and a runner that sends them through
 * the core and measures each one's CPU time (process.cpuUsage around the call: the work this
 * process did, whatever else the machine runs). Shared by the bounded property test (`npm test`)
 * and the long run (`npm run fuzz`).
 *
 * The inputs are the ones that broke the mock before: sparse and huge form indexes, deep and long
 * bracket runs, percent-encodings, long numbers and URLs, deep JSON, prototype keys, big arrays
 * of invalid elements, and bodies up to a few MB.
 */
import fc from 'fast-check';
import type { KongMock } from '../../src/admin/mock.ts';
import type { AdminRequest } from '../../src/admin/types.ts';
import type { KongVersion } from '../../src/entities/types.ts';
import { loadSpec, type OperationDef } from '../../src/spec/index.ts';

/**
 * The CPU time one request may take: 500 ms for inputs up to 1 MB, and 500 ms per MB beyond
 * (some generated bodies reach 2-3 MB): a linear bound, which a quadratic path breaks at once.
 */
export const CPU_BUDGET_MS = 500;
export const budgetFor = (bytes: number): number => CPU_BUDGET_MS * Math.max(1, bytes / 2 ** 20);

/** Operations whose regular answer is a 5xx: operationId → that status. */
const DOCUMENTED_5XX: Record<string, number> = { 'get-dns-status': 501 };

const FIELDS = ['name', 'host', 'url', 'path', 'port', 'tags', 'paths', 'hosts', 'methods', 'protocols', 'service', 'route', 'consumer',
  'config', 'username', 'custom_id', 'target', 'weight', 'snis', 'cert', 'key', 'enabled', 'retries', 'http_endpoint', 'account_email', 'key_names'];

const long = (unit: string, max: number) => fc.integer({ min: 1, max }).map((n) => unit.repeat(n));

/** Strings that cost: long runs of one character, huge numbers, URLs with long tails. */
const nastyString = fc.oneof(
  fc.string({ maxLength: 20 }),
  long('#', 80_000), long('[', 100_000), long('%', 50_000), long('a', 200_000), long('1', 300_000), long(' ', 50_000), long('é', 50_000),
  fc.integer({ min: 1, max: 50_000 }).map((n) => `http://a.test/${'#'.repeat(n)}`),
  fc.integer({ min: 1, max: 50_000 }).map((n) => `https://${'a.'.repeat(n)}test:${'9'.repeat(n % 30)}/`),
  fc.integer({ min: 1, max: 100_000 }).map((n) => `${'a'.repeat(n)}@`),
  fc.constantFrom('1e400', '-0', '0x1F', '0x', '1e-400', 'NaN', 'Infinity', '  12  ', '1.5e3', '9007199254740993', '\u0000', '%zz'),
);

const nastyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, 4294967296, -1, 0.5, 65536));

/** JSON bodies: entity-shaped objects with nasty values, arrays of junk, deep nesting, prototype keys. */
const jsonBody: fc.Arbitrary<string> = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS, '__proto__', 'constructor', 'prototype'), fc.oneof(nastyString, nastyNumber, fc.jsonValue({ maxDepth: 3 })), { maxKeys: 5 })
    .map((o) => JSON.stringify(o)),
  fc.record({ field: fc.constantFrom(...FIELDS), n: fc.integer({ min: 1, max: 20_000 }), junk: fc.constantFrom('1', '{}', '[]', 'null', '"x"', 'true') })
    .map(({ field, n, junk }) => `{"${field}":[${Array(n).fill(junk).join(',')}]}`),
  fc.record({ n: fc.integer({ min: 1, max: 20_000 }), junk: fc.constantFrom('1', '{}', '"x"') }).map(({ n, junk }) => `[${Array(n).fill(junk).join(',')}]`),
  fc.record({ field: fc.constantFrom(...FIELDS), depth: fc.integer({ min: 1, max: 300_000 }) })
    .map(({ field, depth }) => `{"${field}":${'['.repeat(depth)}${']'.repeat(depth)}}`),
  fc.record({ field: fc.constantFrom('config', 'service', 'tags'), depth: fc.integer({ min: 1, max: 1200 }) })
    .map(({ field, depth }) => `{"name":"key-auth","${field}":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 40 }),
);

/** Form keys: sparse and huge indexes, deep brackets, percent-encoded brackets, stray `%`. */
const formKey = fc.oneof(
  fc.record({ field: fc.constantFrom(...FIELDS), index: fc.constantFrom('0', '1', '2', '1001', '1002', '100000000', '4294967294', '4294967295', '4294967296', '9'.repeat(400), '-1', '1.5', '') })
    .map(({ field, index }) => `${field}[${index}]`),
  fc.record({ field: fc.constantFrom(...FIELDS), depth: fc.integer({ min: 1, max: 5_000 }) }).map(({ field, depth }) => `${field}${'[x]'.repeat(depth)}`),
  fc.record({ field: fc.constantFrom(...FIELDS), depth: fc.integer({ min: 1, max: 5_000 }) }).map(({ field, depth }) => `${field}${'.x'.repeat(depth)}`),
  long('%255B', 150_000), long('%5B', 100_000), long('[', 150_000), long(']', 50_000), long('.', 50_000),
  fc.record({ field: fc.constantFrom(...FIELDS), n: fc.integer({ min: 1, max: 50_000 }) }).map(({ field, n }) => `${field}${'%255Bx%255D'.repeat(n)}`),
  fc.constantFrom(...FIELDS, 'config.key_names', 'config.anonymous', '__proto__', 'constructor[prototype]', '%', '%FF', '%zz', '='),
);

const formBody = fc.array(fc.tuple(formKey, fc.oneof(fc.constantFrom('a', '', '1', 'true', 'a.test', 'http://a.test'), nastyString)), { maxLength: 25 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&'));

const query = fc.oneof(
  fc.constantFrom('', 'size=0', 'size=1000', 'size=1001', 'size=1e400', 'offset=!!', 'offset=' + 'A'.repeat(10_000), 'tags=a,b/c', 'tags=',
    'unit=x', 'scale=-1', 'scale=101', 'scale=1e3', 'scale=99.9', 'unit=k&scale=4294967296', 'balancer_health=1'),
  formBody.map((q) => q.slice(0, 200_000)),
);

export interface FuzzRequest {
  op: OperationDef;
  request: AdminRequest;
  /** Bytes of path, query and body: what the budget is measured against. */
  size: number;
}

export function requestFor(ops: OperationDef[], segments: string[]): fc.Arbitrary<FuzzRequest> {
  const segment = fc.oneof(fc.constantFrom(...segments), fc.uuid(), fc.constantFrom('x', '%FF', '..', '円', '%255B'.repeat(1000), 'a'.repeat(5000)));
  const body = fc.oneof(
    fc.constant<[string, string] | null>(null),
    jsonBody.map((b): [string, string] => ['application/json', b]),
    formBody.map((b): [string, string] => ['application/x-www-form-urlencoded', b]),
    fc.string({ maxLength: 50 }).map((b): [string, string] => ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="${b}"\r\n\r\n${b}\r\n--x--`]),
  );
  return fc.record({ op: fc.constantFrom(...ops), parts: fc.array(segment, { minLength: 3, maxLength: 3 }), query, body }).map(({ op, parts, query: q, body: b }) => {
    let i = 0;
    const path = op.path.replace(/\{[^}]+\}/g, () => parts[i++ % parts.length]);
    const bytes = b === null ? null : new TextEncoder().encode(b[1]);
    const headers: Record<string, string> = b === null ? {} : { 'content-type': b[0] };
    return { op, request: { method: op.method, path, query: q, headers, body: bytes }, size: path.length + q.length + (bytes?.length ?? 0) };
  });
}

/** A few entities the paths can name, so requests reach the handlers; their ids and keys. */
export async function seed(mock: KongMock): Promise<string[]> {
  const send = (method: string, path: string, json: unknown) =>
    mock.handle({ method, path, query: '', headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode(JSON.stringify(json)) });
  const made = [
    await send('POST', '/services', { name: 'x', url: 'https://a.test/p' }),
    await send('POST', '/services/x/routes', { name: 'x', paths: ['/x'] }),
    await send('POST', '/consumers', { username: 'x' }),
    await send('POST', '/consumers/x/key-auth', { key: 'x' }),
    await send('POST', '/upstreams', { name: 'a.test' }),
    await send('POST', '/upstreams/a.test/targets', { target: '10.0.0.1:8000' }),
    await send('POST', '/plugins', { name: 'key-auth', service: { name: 'x' } }),
  ];
  const ids = made.map((r) => (JSON.parse(r.body) as { id?: string }).id).filter((id): id is string => typeof id === 'string');
  return [...ids, 'x', 'a.test', '10.0.0.1:8000'];
}

export interface FuzzFigures {
  requests: number;
  slowestCpuMs: number;
  slowest: string;
  answers5xx: number;
  /** Requests that broke a rule: 5xx, a body that is not JSON, or CPU over the budget. */
  failures: string[];
}

const describeRequest = (r: FuzzRequest) => `${r.request.method} ${r.request.path.slice(0, 80)}?${r.request.query.slice(0, 80)} (${r.size} bytes)`;

/** Send one request through the core, measure its CPU time, and record what it broke. */
export async function sendAndCheck(mock: KongMock, r: FuzzRequest, figures: FuzzFigures): Promise<void> {
  const before = process.cpuUsage();
  const res = await mock.handle(r.request);
  const used = process.cpuUsage(before);
  const cpuMs = (used.user + used.system) / 1000;
  figures.requests++;
  if (cpuMs > figures.slowestCpuMs) {
    figures.slowestCpuMs = cpuMs;
    figures.slowest = describeRequest(r);
  }
  const where = `${describeRequest(r)} → ${res.status} ${res.body.slice(0, 160)}`;
  if (res.status >= 500 && res.status !== DOCUMENTED_5XX[r.op.operationId]) {
    figures.answers5xx++;
    figures.failures.push(`5xx: ${where}`);
  }
  if (res.body !== '') {
    try {
      JSON.parse(res.body);
    } catch {
      figures.failures.push(`not JSON: ${where}`);
    }
  }
  if (cpuMs > budgetFor(r.size)) figures.failures.push(`${cpuMs.toFixed(0)} ms CPU: ${where}`);
}

export const newFigures = (): FuzzFigures => ({ requests: 0, slowestCpuMs: 0, slowest: '', answers5xx: 0, failures: [] });

/** `runs` adversarial requests against a fresh mock of `version`; the figures of the run. */
export async function fuzzCore(createMock: (version: KongVersion) => Promise<KongMock>, version: KongVersion, runs: number, seedValue: number, figures = newFigures()): Promise<FuzzFigures> {
  const spec = await loadSpec({ version });
  const mock = await createMock(version);
  const arbitrary = requestFor(spec.operations, await seed(mock));
  // every request is checked and recorded (no stop at the first failure, no shrinking): the
  // caller asserts on the figures; requests are generated one at a time, never held together
  await fc.assert(
    fc.asyncProperty(arbitrary, async (r) => {
      await sendAndCheck(mock, r, figures);
    }),
    { numRuns: runs, seed: seedValue, endOnFailure: true },
  );
  return figures;
}
