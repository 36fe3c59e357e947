/**
 * Seed data: services with routes, plugins with real configurations, consumers with key-auth
 * credentials, upstreams with targets — made from a number, so the same seed gives the same rows
 * (ids, names, values). Every entity is created through the mock's own Admin API, so each one
 * passed its validation. `volume` is the number of services (default 10).
 */
import type { AdminHandler } from '../admin/types.ts';
import type { Parsed } from './faults.ts';

export interface SeedOptions {
  seed: number;
  volume?: number;
}

export const MAX_SEED_VOLUME = 100_000;

/** mulberry32: a small PRNG, enough for varied, repeatable data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const encoder = new TextEncoder();
const WORDS = ['billing', 'orders', 'users', 'catalog', 'search', 'payments', 'inventory', 'shipping', 'auth', 'reports'];

/** Creates the seed data; the first refusal (which would be a bug in the seed) is returned as `error`. */
export async function seedData(mock: AdminHandler, options: SeedOptions): Promise<{ count: number; error?: { path: string; status: number; body: string } }> {
  const next = random(options.seed);
  const uuid = (): string => {
    const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = '89ab'[Math.floor(next() * 4)];
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  let count = 0;
  const post = async (path: string, body: Record<string, unknown>): Promise<{ path: string; status: number; body: string } | undefined> => {
    const res = await mock.handle({ method: 'POST', path, query: '', headers: { 'content-type': 'application/json' }, body: encoder.encode(JSON.stringify(body)) });
    if (res.status !== 201) return { path, status: res.status, body: res.body };
    count += 1;
    return undefined;
  };
  const volume = options.volume ?? 10;
  for (let i = 0; i < volume; i++) {
    const word = `${pick(WORDS)}-${i}`;
    const service = uuid();
    const failed =
      (await post('/services', { id: service, name: word, protocol: pick(['http', 'https']), host: `${word}.internal`, port: pick([80, 443, 8080]), path: `/${word.split('-')[0]}`, tags: ['seed', pick(['team-a', 'team-b', 'team-c'])] })) ??
      (await post(`/services/${service}/routes`, { id: uuid(), name: `${word}-api`, paths: [`/api/${word}`], methods: pick([['GET'], ['GET', 'POST'], ['GET', 'PUT', 'PATCH', 'DELETE']]), strip_path: next() < 0.5, tags: ['seed'] })) ??
      (i % 3 === 0 ? await post(`/services/${service}/plugins`, { id: uuid(), name: 'rate-limiting', config: { minute: 10 + Math.floor(next() * 990), policy: 'local' }, tags: ['seed'] }) : undefined) ??
      (i % 4 === 0 ? await post(`/services/${service}/plugins`, { id: uuid(), name: 'cors', config: { origins: [`https://${word}.example.test`], credentials: true }, tags: ['seed'] }) : undefined);
    if (failed) return { count, error: failed };
  }
  for (let i = 0; i < Math.ceil(volume / 2); i++) {
    const consumer = uuid();
    const failed =
      (await post('/consumers', { id: consumer, username: `user-${i}`, custom_id: `cust-${Math.floor(next() * 1e6)}`, tags: ['seed'] })) ??
      (await post(`/consumers/${consumer}/key-auth`, { id: uuid(), key: `key-${uuid()}` }));
    if (failed) return { count, error: failed };
  }
  for (let i = 0; i < Math.ceil(volume / 10); i++) {
    const upstream = uuid();
    let failed = await post('/upstreams', { id: upstream, name: `upstream-${i}.internal`, algorithm: pick(['round-robin', 'least-connections', 'consistent-hashing']), tags: ['seed'] });
    for (let t = 0; !failed && t < 2; t++) failed = await post(`/upstreams/${upstream}/targets`, { id: uuid(), target: `10.${i % 256}.${t}.${1 + Math.floor(next() * 250)}:8080`, weight: 100 });
    if (failed) return { count, error: failed };
  }
  return { count };
}

/** `N` or `N:volume` (the `--seed` option). */
export function parseSeedOption(text: string): Parsed<SeedOptions> {
  const m = /^(\d+)(?::(\d+))?$/.exec(text);
  if (!m) return { error: `invalid --seed '${text}' (expected N or N:volume)` };
  return checkSeed(Number(m[1]), m[2] === undefined ? undefined : Number(m[2]));
}

/** The body of `POST /__mock/seed`: `{"seed": 42, "volume": 100}`. */
export function parseSeedBody(body: Record<string, unknown>): Parsed<SeedOptions> {
  const { seed, volume } = body;
  if (typeof seed !== 'number') return { error: "'seed' must be a whole number" };
  if (volume !== undefined && typeof volume !== 'number') return { error: `'volume' must be a whole number from 0 to ${MAX_SEED_VOLUME}` };
  return checkSeed(seed, volume);
}

function checkSeed(seed: number, volume: number | undefined): Parsed<SeedOptions> {
  if (!Number.isSafeInteger(seed) || seed < 0) return { error: "'seed' must be a whole number" };
  if (volume !== undefined && !(Number.isInteger(volume) && volume >= 0 && volume <= MAX_SEED_VOLUME)) return { error: `'volume' must be a whole number from 0 to ${MAX_SEED_VOLUME}` };
  return { ok: volume === undefined ? { seed } : { seed, volume } };
}
