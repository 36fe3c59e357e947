/**
 * `npm run bench [-- --quick]`: the mock against bare node:http, Prism, json-server and itself
 * behind msw's getResponse; the mock at 1k/10k/100k services; start-up time; the store against
 * @mswjs/data. Writes bench/report.json and prints the tables.
 * `npm run bench -- --startup` measures start-to-listening only (printed, report.json untouched).
 * `npm run bench -- --only persistence` runs the persistence workload alone (bench/persistence.json).
 */
import { fork } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { load, round, type LoadOptions, type LoadResult } from './load.ts';
import { buildShippedCli, forkServer, installPackedCli, startPrism, timeCliStart, timeNodeStart, timeNpxStart, type Child } from './spawn.ts';
import { plan, WORKLOADS, type Flavour, type Workload } from './workloads.ts';
import { machine, peerTable, ratio, scaleTable, storeTable, target, targetTable, type PeerTable, type ScalePoint } from './report.ts';
import type { StoreFigures } from './store-scale.ts';
import { mswDataLimits } from './mswjs-data-limits.ts';
import { persistenceTable, runPersistence } from './persistence.ts';

const quick = process.argv.includes('--quick');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const opts: LoadOptions = { connections: 50, warmupSec: quick ? 1.5 : 5, durationSec: quick ? 2 : 10 };
const PRELOAD = { BENCH_SERVICES: '1000', BENCH_CONSUMERS: '1000', BENCH_ROUTES: '0' };
const mb = (bytes: number): number => round(bytes / 1e6, 1);
const log = (msg: string): void => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface PeerDef {
  name: string;
  flavour: Flavour;
  start: () => Promise<Child>;
}

const PEERS: PeerDef[] = [
  { name: 'mock (node adapter)', flavour: 'kong', start: () => forkServer('mock-node', PRELOAD) },
  { name: 'mock via msw getResponse', flavour: 'kong', start: () => forkServer('mock-msw', PRELOAD) },
  { name: 'bare node:http', flavour: 'bare', start: () => forkServer('bare') },
  { name: 'json-server 0.17.4', flavour: 'json-server', start: () => forkServer('json-server', PRELOAD) },
  { name: 'Prism 5.14.2', flavour: 'prism', start: () => startPrism('openapi/kong-admin.yaml') },
];
const [MOCK, MSW, BARE, JSON_SERVER, PRISM] = PEERS.map((p) => p.name);

async function runPeers(peers: PeerTable, failures: Record<string, string>): Promise<void> {
  for (const peer of PEERS) {
    log(`starting ${peer.name}`);
    let child: Child;
    try {
      child = await peer.start();
    } catch (e) {
      failures[peer.name] = (e as Error).message;
      log(`${peer.name} failed to start:\n${failures[peer.name]}`);
      peers[peer.name] = Object.fromEntries(WORKLOADS.map((w) => [w, { na: 'failed to start' }]));
      continue;
    }
    const row: PeerTable[string] = (peers[peer.name] = {});
    const t = { flavour: peer.flavour, ids: child.ready.ids.length ? child.ready.ids : ['0364e1c5-bc19-40f4-8b16-6dc0580ab960'], names: child.ready.names, services: 1000 };
    for (const w of WORKLOADS) {
      const p = plan(w, t);
      if ('na' in p) {
        row[w] = p;
        continue;
      }
      log(`${peer.name}: ${w}`);
      row[w] = await load(child.url, p.requests, opts);
    }
    await child.stop();
  }
}

async function runScale(): Promise<ScalePoint[]> {
  const points: ScalePoint[] = [];
  for (const [services, routes] of [[1000, 0], [10_000, 0], [100_000, 100_000]]) {
    log(`scale: preloading ${services} services, ${routes} routes`);
    const child = await forkServer('mock-node', { BENCH_SERVICES: String(services), BENCH_ROUTES: String(routes), BENCH_CONSUMERS: '0', BENCH_PRELOAD: 'store' });
    const r = child.ready;
    const memS = r.memServices ?? r.memAfter;
    const t = { flavour: 'kong' as const, ids: r.ids, names: r.names, services };
    const run = async (w: Workload): Promise<LoadResult> => {
      const p = plan(w, t);
      if ('na' in p) throw new Error(p.na);
      log(`scale ${services}: ${w}`);
      return load(child.url, p.requests, opts);
    };
    const page_walk = await run('page_walk');
    const get_by_id = await run('get_by_id');
    await child.stop();
    points.push({
      services, routes, preloadMs: round(r.preloadMs), servicesPreloadMs: round(r.servicesMs ?? r.preloadMs),
      rssMbServices: mb(memS.rss), heapMbServices: mb(memS.heapUsed),
      rssMbPer1k: round(mb(memS.rss - r.memBefore.rss) / (services / 1000), 3),
      heapMbPer1k: round(mb(memS.heapUsed - r.memBefore.heapUsed) / (services / 1000), 3),
      rssMbTotal: mb(r.memAfter.rss), page_walk, get_by_id,
    });
  }
  return points;
}

function runStoreScale(): Promise<StoreFigures[]> {
  const child = fork(fileURLToPath(new URL('./store-scale.ts', import.meta.url)), quick ? ['--quick'] : [], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.on('message', (m: { type: string; figures: StoreFigures[] }) => m.type === 'store-scale' && resolve(m.figures));
    child.once('exit', (code) => reject(new Error(`store-scale exited with ${code}`)));
  });
}

/**
 * Start to listening of `npx kong-admin-mock` from a project that installed the packed package
 * (what a user runs), next to `node dist/src/cli.js` in the repository (what `npm start` runs
 * after its staleness check), the sources through tsx, and bare `node -e` listening.
 */
async function measureStartup() {
  log('start-up: packing and installing the package in a temporary project');
  const distEntry = buildShippedCli();
  const project = installPackedCli();
  const runs = quick ? 3 : 5;
  const starts: { wallMs: number; readyInMs: number }[] = [];
  for (let i = 0; i < runs; i++) starts.push(project ? await timeNpxStart(project) : await timeCliStart(distEntry ?? undefined));
  if (project) rmSync(project, { recursive: true, force: true });
  const distStarts: number[] = [];
  for (let i = 0; i < 3 && distEntry; i++) distStarts.push((await timeCliStart(distEntry)).wallMs);
  const tsxStarts: number[] = [];
  for (let i = 0; i < 3; i++) tsxStarts.push((await timeCliStart()).wallMs);
  const nodeStarts: number[] = [];
  for (let i = 0; i < 3; i++) nodeStarts.push(await timeNodeStart());
  return { shipped: project !== null, starts, distStarts, tsxStarts, nodeStarts };
}

function startupLine(s: Awaited<ReturnType<typeof measureStartup>>): string {
  const what = s.shipped ? '`npx kong-admin-mock` from an installed package' : 'the CLI (packing or installing failed)';
  return `Start to listening of ${what}: median ${round(median(s.starts.map((x) => x.wallMs)))} ms (in-process ${median(s.starts.map((x) => x.readyInMs))} ms; \`node dist/src/cli.js\`: ${s.distStarts.length ? round(median(s.distStarts)) : 'n/a'} ms; the sources through tsx: ${round(median(s.tsxStarts))} ms; bare node -e: ${round(median(s.nodeStarts))} ms)`;
}

/** The CLI as `npm start` runs it (the bundle), or the sources through tsx if the build failed. */
const cliEntry = (shipped: string | null): string[] => (shipped ? [shipped] : ['--import', 'tsx', fileURLToPath(new URL('../src/cli.ts', import.meta.url))]);

async function persistenceOnly(): Promise<void> {
  const began = performance.now();
  const loadAtStart = round(loadavg()[0]);
  log(`persistence only, mode ${quick ? 'quick' : 'full'}: ${opts.connections} connections, ${opts.warmupSec}s warm-up, ${opts.durationSec}s per run`);
  const figures = await runPersistence(cliEntry(buildShippedCli()), opts, undefined, log);
  const report = { generated_at: new Date().toISOString(), mode: quick ? 'quick' : 'full', settings: opts, machine: { ...machine(), load_average_1m_at_start: loadAtStart }, persistence: figures, total_seconds: round((performance.now() - began) / 1000, 1) };
  writeFileSync(fileURLToPath(new URL('./persistence.json', import.meta.url)), JSON.stringify(report, null, 2) + '\n');
  console.log(`\nMachine: ${report.machine.cpus} × ${report.machine.cpu_model}, Node ${report.machine.node}, load average ${loadAtStart} → ${report.machine.load_average_1m_at_end}.\n`);
  console.log('Persistence (--state FILE, durable writes answered after their fsync):\n');
  console.log(persistenceTable(figures));
  console.log(`\nbench/persistence.json written (${report.total_seconds} s)`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--startup')) {
    console.log(startupLine(await measureStartup()));
    return;
  }
  if (only === 'persistence') return persistenceOnly();
  if (only !== undefined) throw new Error(`--only ${only}: the only part that runs alone is persistence`);
  const began = performance.now();
  const loadAtStart = round(loadavg()[0]);
  const peers: PeerTable = {};
  const failures: Record<string, string> = {};
  log(`mode ${quick ? 'quick' : 'full'}: ${opts.connections} connections, ${opts.warmupSec}s warm-up, ${opts.durationSec}s per run`);
  const { shipped, starts, distStarts, tsxStarts, nodeStarts } = await measureStartup();
  await runPeers(peers, failures);
  const scale = await runScale();
  log('store comparison with @mswjs/data');
  const store = await runStoreScale();
  const limits = await mswDataLimits();
  log('persistence: --state at 1k, 10k and 100k services');
  const persistence = await runPersistence(cliEntry(buildShippedCli()), opts, undefined, log);

  const s1k = scale[0];
  const s100k = scale[scale.length - 1];
  const pageRatio = round(s100k.page_walk.latencyMs.mean / s1k.page_walk.latencyMs.mean);
  const startup = round(median(starts.map((s) => s.wallMs)));
  const ratios = {
    get_by_id_vs_prism: ratio(peers, 'get_by_id', MOCK, PRISM),
    get_by_id_vs_json_server: ratio(peers, 'get_by_id', MOCK, JSON_SERVER),
    get_by_id_vs_bare_node: ratio(peers, 'get_by_id', MOCK, BARE),
    post_vs_json_server: ratio(peers, 'post', MOCK, JSON_SERVER),
    patch_vs_json_server: ratio(peers, 'patch', MOCK, JSON_SERVER),
    page_walk_vs_json_server: ratio(peers, 'page_walk', MOCK, JSON_SERVER),
    get_by_id_msw_vs_node_adapter: ratio(peers, 'get_by_id', MSW, MOCK),
  };
  const targets = [
    target('GET by id vs Prism', ratios.get_by_id_vs_prism.value, '>= 5x', (v) => v >= 5),
    target('GET by id vs json-server', ratios.get_by_id_vs_json_server.value, '>= 2x', (v) => v >= 2),
    target('GET by id vs bare node:http', ratios.get_by_id_vs_bare_node.value, '>= 0.6x', (v) => v >= 0.6),
    target('POST vs json-server', ratios.post_vs_json_server.value, '>= 2x', (v) => v >= 2),
    target('page latency 100k / 1k', pageRatio, '<= 1.5x', (v) => v <= 1.5),
    target('RSS MB, 100k services', s100k.rssMbServices, '<= 250', (v) => v <= 250),
    target('start to listening, ms', startup, '<= 500', (v) => v <= 500),
    target('durable POST/s with --state, 100k services', persistence.points[persistence.points.length - 1].post.rps, '>= 1000', (v) => v >= 1000),
  ];
  const report = {
    generated_at: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    settings: { ...opts, tool: 'autocannon 9.0.0, same process as the runner; servers in child processes', preload: 'peers: 1000 services + 1000 consumers (json-server: same rows in its in-memory db)' },
    machine: { ...machine(), load_average_1m_at_start: loadAtStart },
    ratios,
    scale: {
      page_latency_100k_over_1k: { value: pageRatio, mean_ms_1k: s1k.page_walk.latencyMs.mean, mean_ms_100k: s100k.page_walk.latencyMs.mean, rps_1k: s1k.page_walk.rps, rps_100k: s100k.page_walk.rps },
      rss_mb_100k_services: { value: s100k.rssMbServices, heap_mb: s100k.heapMbServices, rss_mb_before_preload: mb(0), rss_mb_per_1k: s100k.rssMbPer1k, rss_mb_with_100k_routes_too: s100k.rssMbTotal },
      points: scale,
    },
    startup_ms: { value: startup, runs_wall_ms: starts.map((s) => round(s.wallMs)), in_process_ready_ms: starts.map((s) => s.readyInMs), bare_node_listen_ms: nodeStarts.map((x) => round(x)), dist_cli_wall_ms: distStarts.map((x) => round(x)), tsx_sources_wall_ms: tsxStarts.map((x) => round(x)), what: shipped ? 'spawn of `npx kong-admin-mock serve --port 0` in a project that installed the packed package, until its listening line' : 'spawn of the CLI in the repository (packing or installing the package failed) until its listening line' },
    targets,
    peers,
    peer_failures: failures,
    store_compare: store,
    mswjs_data_limits: limits,
    persistence,
    total_seconds: round((performance.now() - began) / 1000, 1),
  };
  delete (report.scale.rss_mb_100k_services as Partial<typeof report.scale.rss_mb_100k_services>).rss_mb_before_preload;
  writeFileSync(fileURLToPath(new URL('./report.json', import.meta.url)), JSON.stringify(report, null, 2) + '\n');

  const m = report.machine;
  console.log(`\nMachine: ${m.cpus} × ${m.cpu_model}, ${m.memory_gb} GB, Node ${m.node}, load average ${m.load_average_1m_at_start} → ${m.load_average_1m_at_end}. ${opts.connections} connections, ${opts.durationSec}s per run after ${opts.warmupSec}s warm-up.\n`);
  console.log(peerTable(peers));
  for (const [name, err] of Object.entries(failures)) console.log(`\n${name} did not start:\n${err}`);
  console.log(`\nThe mock at scale (RSS/heap per 1k services; the 100k point also holds 100k routes, RSS ${s100k.rssMbTotal} MB in all):\n`);
  console.log(scaleTable(scale));
  console.log(`\n${startupLine({ shipped, starts, distStarts, tsxStarts, nodeStarts })}\n`);
  console.log('Store alone, in process:\n');
  console.log(storeTable(store));
  console.log('\nPersistence (--state FILE, durable writes answered after their fsync):\n');
  console.log(persistenceTable(persistence));
  console.log('\nTargets:\n');
  console.log(targetTable(targets));
  console.log(`\nbench/report.json written (${report.total_seconds} s)`);
}

await main();
