import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMock } from '../src/admin/mock.ts';
import { listen, type RunningServer } from '../src/http/node.ts';
import { loadScenarioFile, loadScenarios } from './scenario.ts';
import { runScenarios } from './runner.ts';
import { runConformCli } from './cli.ts';
import { junitReport } from './report.ts';
import { tempDir } from '../src/testkit.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const servers: Array<{ close(): unknown }> = [];

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ close: () => new Promise((r) => server.close(r)) });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A proxy in front of `target` that may rewrite the request URL or the response body. */
function proxy(target: string, rewrite: { url?: (url: string) => string; body?: (text: string) => string } = {}): Promise<string> {
  return serve(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
    const upstream = await fetch(target + (rewrite.url ? rewrite.url(req.url ?? '/') : req.url), {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    let text = await upstream.text();
    if (rewrite.body) text = rewrite.body(text);
    upstream.headers.forEach((v, k) => {
      if (k !== 'content-length' && k !== 'transfer-encoding') res.setHeader(k, v);
    });
    res.statusCode = upstream.status;
    res.end(text);
  });
}

let mock: RunningServer;
beforeAll(async () => {
  mock = await listen(await createMock(), { port: 0 });
  servers.push(mock);
});
afterAll(async () => {
  for (const s of servers) await s.close();
});

const services = () => loadScenarioFile(join(ROOT, 'fixtures/scenarios/services.yaml'));

describe('the runner against wrong servers', () => {
  it('reports deviations with diffs and exits 1 against a server that answers 200 {} to everything', async () => {
    const wrong = await serve((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end('{}');
    });
    const dir = tempDir('conform-');
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const code = await runConformCli(['--target', wrong, '--scenarios', 'fixtures/scenarios/services.yaml', '--json', join(dir, 'r.json'), '--junit', join(dir, 'r.xml')]);
    log.mockRestore();
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(report.summary.steps).toBeGreaterThan(10);
    expect(report.summary.deviations).toBeGreaterThan(10);
    expect(report.summary.shapeDeviations).toBeGreaterThan(0);
    const create = report.deviations.find((d: { step: string; kind: string }) => d.step === 'create with the url shorthand' && d.kind === 'behaviour');
    expect(create.request).toMatchObject({ method: 'POST', url: `${wrong}/services` });
    expect(create.differences).toContainEqual({ path: 'status', expected: '201', actual: '200' });
    expect(create.differences).toContainEqual({ path: '$.id', expected: '"@uuid"', actual: '(absent)' });
    expect(report.coverage.seedOperations.total).toBe(108);
    const xml = readFileSync(join(dir, 'r.xml'), 'utf8');
    expect(xml).toMatch(/^<\?xml/);
    expect((xml.match(/<testcase /g) ?? []).length).toBe(report.summary.steps);
    expect(xml).toContain('<failure');
  });

  it('finds an off-by-one page size', async () => {
    const offByOne = await proxy(mock.url, { url: (u) => u.replace(/([?&]size=)(\d+)/, (_, p: string, n: string) => `${p}${Number(n) - 1}`) });
    const result = await runScenarios({ target: offByOne, scenarios: services(), root: ROOT });
    const paging = result.deviations.filter((d) => d.scenario === 'services page with keyset offsets and next links');
    expect(paging.length).toBeGreaterThan(0);
    expect(paging[0].differences).toContainEqual({ path: '$.data', expected: 'length 2', actual: 'length 1' });
  });
});

describe('differential mode', () => {
  it('finds no difference between two servers that behave the same', async () => {
    const other = await listen(await createMock(), { port: 0 });
    servers.push(other);
    const result = await runScenarios({ target: mock.url, reference: other.url, scenarios: loadScenarios(['fixtures/scenarios/consumers.yaml', 'fixtures/scenarios/routes.yaml'], ROOT), root: ROOT });
    expect(result.deviations).toEqual([]);
  });

  it('reports where a server differs from the reference, without expectations', async () => {
    const altered = await proxy(mock.url, { body: (t) => t.replace('"retries":5', '"retries":4') });
    const other = await listen(await createMock(), { port: 0 });
    servers.push(other);
    const result = await runScenarios({ target: altered, reference: other.url, scenarios: services(), root: ROOT });
    const diffs = result.deviations.filter((d) => d.kind === 'differential');
    expect(diffs.length).toBeGreaterThan(0);
    expect(diffs[0].differences).toContainEqual({ path: '$.body.retries', expected: '5', actual: '4' });
  });

  it('records golden responses and replays them', async () => {
    // Pages of random ids hold different members on each run, so the replayed family has no paging.
    const plugins = () => loadScenarioFile(join(ROOT, 'fixtures/scenarios/plugins.yaml'));
    const dir = tempDir('golden-');
    await runScenarios({ target: mock.url, scenarios: plugins(), root: ROOT, record: dir });
    expect((await runScenarios({ target: mock.url, scenarios: plugins(), root: ROOT, replay: dir })).deviations).toEqual([]);
    const altered = await proxy(mock.url, { body: (t) => t.replace('"private_network":false', '"private_network":true') });
    const replayed = await runScenarios({ target: altered, scenarios: plugins(), root: ROOT, replay: dir });
    expect(replayed.deviations[0].differences).toContainEqual({ path: '$.body.config.private_network', expected: 'false', actual: 'true' });
  });

  it('writes one JUnit testcase per step', async () => {
    const result = await runScenarios({ target: mock.url, scenarios: services(), root: ROOT });
    const xml = junitReport(result);
    expect((xml.match(/<testcase /g) ?? []).length).toBe(result.steps.length);
    expect(xml).not.toContain('<failure');
  });
});
