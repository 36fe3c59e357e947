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
import { snapshot } from './persist.ts';
import { loadState, writeState } from './state-file.ts';

const VERSIONS: KongVersion[] = ['3.9', '2.8'];

const USAGE = `usage:
  kong-admin-mock [serve] [--port 8001] [--host 127.0.0.1] [--kong-version 3.9|2.8] [--router-flavor traditional_compatible|expressions] [--state FILE]
                  [--config kong.yml] [--db-less]
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
  const started = performance.now();
  const stateFile = values.state;
  const mock = await createMock({
    version,
    routerFlavor,
    hostname: hostname(),
    onWrite: stateFile ? (m) => writeState(stateFile, snapshot(m.store, m.version)) : undefined,
    dbless: values['db-less'] ?? false,
  });
  if (stateFile) {
    const rows = loadState(stateFile, mock.store, version);
    console.log(`kong-admin-mock: state ${stateFile} (${rows} entities loaded)`);
  }
  if (values.config) {
    const { loadConfigFile } = await import('./declarative/file.ts');
    const loaded = await loadConfigFile(mock, values.config);
    if ('error' in loaded) {
      console.error(loaded.error);
      return 1;
    }
    // the configuration replaces whatever the state file held
    if (stateFile) writeState(stateFile, snapshot(mock.store, mock.version));
    console.log(`kong-admin-mock: declarative config ${values.config} (${loaded.count} entities loaded)`);
  }
  const server = await listen(mock, { port, host: values.host });
  const ms = Math.round(performance.now() - started);
  console.log(`kong-admin-mock: Kong ${mock.version} Admin API on ${server.url} (node_id ${mock.nodeId}, ready in ${ms} ms)`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
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
