/**
 * `kong-admin-mock` command line:
 *   kong-admin-mock [serve] [--port 8001] [--host 127.0.0.1] [--kong-version 3.9|2.8]
 *   kong-admin-mock conform --target URL [...]   (see conformance/README.md)
 */
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { createMock } from './admin/mock.ts';
import { listen } from './http/node.ts';
import type { KongVersion } from './entities/types.ts';
import type { DurableState } from './state/durable-state.ts';
import { openState } from './state/open-state.ts';
import { StateError } from './state/errors.ts';
import { parseLatency } from './control/faults.ts';
import { logLine } from './control/log-line.ts';
import { parseSeedOption, seedData } from './control/seed.ts';

const VERSIONS: KongVersion[] = ['3.9', '2.8'];

const USAGE = `usage:
  kong-admin-mock [serve] [--port 8001] [--host 127.0.0.1] [--kong-version 3.9|2.8] [--router-flavor traditional_compatible|expressions] [--state FILE]
                  [--config kong.yml] [--db-less] [--strict] [--latency MS|MIN-MAX] [--quiet] [--journal-size N] [--seed N[:volume]]
  kong-admin-mock conform --target URL [--scenarios GLOB]... [--kong-version V] [--json FILE] [--junit FILE]
                          [--reference URL] [--record DIR] [--replay DIR]`;

async function serve(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', short: 'p', default: process.env.PORT ?? '8001' },
      host: { type: 'string', default: '127.0.0.1' },
      'kong-version': { type: 'string', default: '3.9' },
      state: { type: 'string' },
      config: { type: 'string' },
      'db-less': { type: 'boolean' },
      'router-flavor': { type: 'string', default: 'traditional_compatible' },
      strict: { type: 'boolean' },
      latency: { type: 'string' },
      quiet: { type: 'boolean' },
      'journal-size': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const version = values['kong-version'] as KongVersion;
  if (!VERSIONS.includes(version)) {
    console.error(`unsupported --kong-version '${values['kong-version']}' (expected ${VERSIONS.join(' or ')})`);
    return 2;
  }
  const routerFlavor = values['router-flavor'];
  if (routerFlavor !== 'traditional_compatible' && routerFlavor !== 'expressions') {
    console.error(`unsupported --router-flavor '${routerFlavor}' (expected traditional_compatible or expressions)`);
    return 2;
  }
  if (routerFlavor === 'expressions' && version === '2.8') {
    console.error('--router-flavor expressions needs --kong-version 3.9 (Kong 2.8 has the traditional router only)');
    return 2;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`invalid --port '${values.port}'`);
    return 2;
  }
  const latency = values.latency === undefined ? undefined : parseLatency(values.latency);
  if (latency && 'error' in latency) {
    console.error(`--latency: ${latency.error}`);
    return 2;
  }
  const journalSize = values['journal-size'] === undefined ? undefined : Number(values['journal-size']);
  if (journalSize !== undefined && !(Number.isInteger(journalSize) && journalSize >= 0)) {
    console.error(`invalid --journal-size '${values['journal-size']}' (expected a whole number)`);
    return 2;
  }
  const seed = values.seed === undefined ? undefined : parseSeedOption(values.seed);
  if (seed && 'error' in seed) {
    console.error(seed.error);
    return 2;
  }
  const started = performance.now();
  const stateFile = values.state;
  let serving = false;
  const mock = await createMock({
    version,
    routerFlavor,
    hostname: hostname(),
    dbless: values['db-less'] ?? false,
    control: !values.strict,
    latency: latency?.ok,
    journalSize,
    // requests made while starting (the seed) are not logged: only the clients' are
    onAnswered: values.quiet ? undefined : (entry) => serving && console.log(logLine(entry)),
  });
  let state: DurableState | undefined;
  if (stateFile) {
    try {
      const opened = openState(stateFile, mock.store, { kongVersion: version, compactBytes: compactBytes() });
      state = opened.state;
      const replayed = opened.replayed ? `, ${opened.replayed} journal records replayed` : '';
      console.log(`kong-admin-mock: state ${stateFile} (${opened.rows} entities loaded${replayed})`);
    } catch (error) {
      if (!(error instanceof StateError)) throw error;
      console.error(`kong-admin-mock: ${error.message}`);
      return 1;
    }
    mock.persistWith(state);
    // a lock left behind would make the next start wait for nothing; `kill -9` is still handled by the pid check
    process.once('exit', () => state?.releaseLock());
  }
  if (values.config) {
    const { loadConfigFile } = await import('./declarative/file.ts');
    const loaded = await loadConfigFile(mock, values.config);
    if ('error' in loaded) {
      console.error(loaded.error);
      return 1;
    }
    // the configuration replaces whatever the state file held
    await state?.checkpoint();
    console.log(`kong-admin-mock: declarative config ${values.config} (${loaded.count} entities loaded)`);
  }
  if (seed) {
    const seeded = await seedData(mock, seed.ok);
    if (seeded.error) {
      console.error(`kong-admin-mock: seeding stopped at ${seeded.error.path}: ${seeded.error.status} ${seeded.error.body}`);
      return 1;
    }
    // the seed requests are not the client's: the journal starts empty
    mock.journal.clear();
    await state?.checkpoint();
    console.log(`kong-admin-mock: seed ${values.seed} (${seeded.count} entities created)`);
  }
  serving = true;
  const server = await listen(mock, { port, host: values.host });
  const ms = Math.round(performance.now() - started);
  console.log(`kong-admin-mock: Kong ${mock.version} Admin API on ${server.url} (node_id ${mock.nodeId}, ready in ${ms} ms)`);
  const stop = (): void => {
    void server
      .close()
      .then(() => state?.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

/** `KONG_MOCK_COMPACT_BYTES`: the journal size that starts a compaction (tests use a small one). */
function compactBytes(): number | undefined {
  const raw = Number(process.env.KONG_MOCK_COMPACT_BYTES);
  return Number.isInteger(raw) && raw > 0 ? raw : undefined;
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === 'conform') {
    const { runConformCli } = await import('../conformance/cli.ts');
    return runConformCli(rest);
  }
  if (first === 'help' || first === '--help' || first === '-h') {
    console.log(USAGE);
    return 0;
  }
  return serve(first === 'serve' ? rest : argv);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
