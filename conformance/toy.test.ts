import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expandGlobs, loadScenarioFile, loadScenarios } from './scenario.ts';
import { runScenarios } from './runner.ts';
import { runConformCli } from './cli.ts';
import { describeDeviation, summarize } from './report.ts';
import { startToy, type ToyOptions, type ToyServer } from './testing/toy-server.ts';
import { tempDir } from '../src/testkit.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = 'fixtures/scenarios/_examples/services.yaml';
const examples = () => loadScenarioFile(join(ROOT, EXAMPLES));

const started: ToyServer[] = [];
async function toy(options: ToyOptions = {}): Promise<ToyServer> {
  const server = await startToy(options);
  started.push(server);
  return server;
}
afterEach(async () => {
  for (const s of started.splice(0)) await s.close();
});

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    return { code: await runConformCli(args), out: lines.join('\n') };
  } finally {
    log.mockRestore();
  }
}

describe('the runner against a correct toy server', () => {
  it('finds no deviation, cleans up after itself and exits 0', async () => {
    const server = await toy();
    const { code, out } = await cli(['--target', server.url, '--scenarios', EXAMPLES]);
    expect(out).toContain('✓ example service is created, read, updated and deleted (6 steps)');
    expect(out).toContain('3 scenarios, 12 steps: 12 passed, 0 behaviour deviations, 0 shape deviations');
    expect(out).toContain('coverage: seed operations 5/108, document operations 5/');
    expect(out).toMatch(/seed operations not covered: POST \/certificates\/\{certificate\}\/services, .* and 91 more \(all in --json\)$/m);
    expect(code).toBe(0);
    expect(server.services()).toEqual([]);
    expect(server.log.filter((l) => /^DELETE \/services\/kept-[0-9a-f]+$/.test(l))).toHaveLength(1);
  });

  it('gives each run its own unique names', async () => {
    const server = await toy();
    await runScenarios({ target: server.url, scenarios: examples(), root: ROOT });
    await runScenarios({ target: server.url, scenarios: examples(), root: ROOT });
    const names = server.log.filter((l) => l.startsWith('GET /services/toy-')).map((l) => l.split('/')[2]);
    expect(names).toHaveLength(2);
    expect(names[0]).not.toBe(names[1]);
  });

  it('runs scenarios concurrently with the same result, in scenario order', async () => {
    const server = await toy();
    const twice = [...examples(), ...examples().map((s) => ({ ...s, name: `${s.name} again` }))];
    const result = await runScenarios({ target: server.url, scenarios: twice, root: ROOT, concurrency: 3 });
    expect(result.deviations).toEqual([]);
    expect(server.services()).toEqual([]);
    expect([...new Set(result.steps.map((s) => s.scenario))]).toEqual(twice.map((s) => s.name));
  });

  it('keeps unique names per run in sequence and per scenario when concurrent', async () => {
    const server = await toy();
    await runScenarios({ target: server.url, scenarios: examples(), root: ROOT });
    await runScenarios({ target: server.url, scenarios: examples(), root: ROOT, concurrency: 3 });
    const reads = server.log.filter((l) => l.startsWith('GET /services/toy-'));
    expect(reads[0]).toMatch(/^GET \/services\/toy-[0-9a-f]{8}$/);
    expect(reads[1]).toMatch(/^GET \/services\/toy-[0-9a-f]{8}-0$/);
  });

  it('runs without the OpenAPI document, saying that shapes were not checked', async () => {
    const server = await toy();
    const result = await runScenarios({ target: server.url, scenarios: examples(), root: ROOT, document: join(ROOT, 'no-such-document.yaml') });
    expect(result.deviations).toEqual([]);
    expect(result.notes).toEqual([`no OpenAPI document at ${join(ROOT, 'no-such-document.yaml')}: shapes not checked, coverage not counted`]);
    expect(result.coverage.seedOperations).toEqual({ covered: 0, total: 108 });
  });

  it('leaves directories starting with _ out of wildcard globs unless named', () => {
    const all = expandGlobs(['fixtures/scenarios/**/*.yaml'], ROOT).map((f) => f.slice(ROOT.length + 1));
    expect(all).not.toContain(EXAMPLES);
    expect(expandGlobs(['fixtures/scenarios/_examples/*.yaml'], ROOT).map((f) => f.slice(ROOT.length + 1))).toEqual([EXAMPLES]);
    expect(loadScenarios(['fixtures/scenarios/_examples'], ROOT)).toHaveLength(3);
    expect(expandGlobs([join(ROOT, 'fixtures/scenarios/_examples/*.y*ml'), join(ROOT, EXAMPLES)], '/')).toEqual([join(ROOT, EXAMPLES)]);
  });
});

describe('the runner against wrong toy servers', () => {
  it('reports behaviour and shape deviations with diffs and exits 1 against 200 {} for everything', async () => {
    const server = await toy({ wrong: true });
    const { code, out } = await cli(['--target', server.url, '--scenarios', EXAMPLES]);
    expect(code).toBe(1);
    const result = await runScenarios({ target: server.url, scenarios: examples(), root: ROOT });
    const behaviour = result.deviations.filter((d) => d.kind === 'behaviour');
    expect(behaviour).toHaveLength(12);
    for (const d of behaviour) expect(d.differences.length).toBeGreaterThan(0);
    const create = behaviour[0];
    expect(create.step).toBe('create with JSON');
    expect(create.request).toMatchObject({ method: 'POST', url: `${server.url}/services` });
    expect(create.differences).toContainEqual({ path: 'status', expected: '201', actual: '200' });
    expect(create.differences).toContainEqual({ path: '$.id', expected: '"@uuid"', actual: '(absent)' });
    const name = JSON.parse(create.request.body ?? '{}').name as string;
    expect(name).toMatch(/^toy-[0-9a-f]{8}$/);
    expect(create.differences).toContainEqual({ path: '$.name', expected: JSON.stringify(name), actual: '(absent)' });
    const gone = behaviour.find((d) => d.step === 'gone afterwards');
    expect(gone?.differences).toEqual([
      { path: 'status', expected: '404', actual: '200' },
      { path: '$.message', expected: '"Not found"', actual: '(absent)' },
    ]);
    expect(describeDeviation(create)).toContain(`POST ${server.url}/services → 200`);
    expect(out).toContain('$.id: expected "@uuid", got (absent)');
    const shapes = result.deviations.filter((d) => d.kind === 'shape');
    expect(shapes.length).toBeGreaterThan(0);
    expect(shapes.find((d) => d.step === 'delete')?.differences[0].actual).toBe('status 200 is not declared for delete-services');
    expect(summarize(result)).toMatchObject({ steps: 12, passed: 0, deviations: 12 });
  });

  it('finds an off-by-one page', async () => {
    const server = await toy({ offByOne: true });
    const result = await runScenarios({ target: server.url, scenarios: examples(), root: ROOT });
    expect(result.deviations.map((d) => [d.kind, d.step, d.differences])).toEqual([
      ['behaviour', 'first page of two', [{ path: '$.data', expected: 'length 2', actual: 'length 1' }]],
    ]);
  });

  it('reports extra keys and wrong values at their JSON path', async () => {
    const server = await toy({ retries: 4 });
    const result = await runScenarios({ target: server.url, scenarios: examples().slice(0, 1), root: ROOT });
    expect(result.deviations.map(describeDeviation).join('\n')).toContain('  $.retries: expected 5, got 4');
  });
});

describe('differential mode between toy servers', () => {
  it('finds nothing between two copies that behave the same', async () => {
    const [a, b] = [await toy(), await toy()];
    const result = await runScenarios({ target: a.url, reference: b.url, scenarios: examples(), root: ROOT });
    expect(result.deviations).toEqual([]);
  });

  it('reports where the target differs from the reference, without expectations', async () => {
    const [a, b] = [await toy({ retries: 4 }), await toy()];
    const { code, out } = await cli(['--target', a.url, '--reference', b.url, '--scenarios', EXAMPLES]);
    expect(code).toBe(1);
    expect(out).toContain('$.body.retries: expected 5, got 4');
    const result = await runScenarios({ target: a.url, reference: b.url, scenarios: examples(), root: ROOT });
    const create = result.deviations.find((d) => d.step === 'create with JSON');
    expect(create?.kind).toBe('differential');
    expect(create?.differences).toEqual([{ path: '$.body.retries', expected: '5', actual: '4' }]);
  });

  it('records golden files and replays them against another server', async () => {
    const dir = tempDir('golden-');
    const good = await toy();
    expect((await cli(['--target', good.url, '--scenarios', EXAMPLES, '--record', dir])).code).toBe(0);
    const golden = JSON.parse(readFileSync(join(dir, 'example-service-is-created-read-updated-and-deleted.json'), 'utf8'));
    expect(golden[0]).toMatchObject({ status: 201, body: { id: '<id1>', name: 'toy-<run>', created_at: '<timestamp>' } });
    expect((await cli(['--target', (await toy()).url, '--scenarios', EXAMPLES, '--replay', dir])).code).toBe(0);
    const result = await runScenarios({ target: (await toy({ offByOne: true })).url, scenarios: examples(), root: ROOT, replay: dir });
    expect(result.deviations.map((d) => [d.kind, d.step])).toEqual([['differential', 'first page of two']]);
    expect(result.deviations[0].differences).toContainEqual({ path: '$.body.data', expected: '2 elements', actual: '1 elements' });
  });
});

describe('the command line', () => {
  it('exits 2 on a malformed scenario, an empty glob or a missing target', async () => {
    const dir = tempDir('conform-');
    writeFileSync(join(dir, 'bad.yaml'), '- name: bad\n  steps:\n    - {name: no request}\n');
    const errors: string[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
    try {
      expect(await runConformCli(['--target', 'http://127.0.0.1:9', '--scenarios', join(dir, 'bad.yaml')])).toBe(2);
      expect(await runConformCli(['--target', 'http://127.0.0.1:9', '--scenarios', 'fixtures/none/*.yaml'])).toBe(2);
      expect(await runConformCli(['--scenarios', EXAMPLES])).toBe(2);
    } finally {
      error.mockRestore();
    }
    expect(errors[0]).toBe(`${join(dir, 'bad.yaml')}: scenario 'bad': step 'no request' needs request.method and request.path`);
    expect(errors[1]).toBe('no scenarios match fixtures/none/*.yaml');
  });

  it('reports an unreachable server as an error deviation per step and exits 1', async () => {
    const server = await toy();
    const url = server.url;
    await server.close();
    started.splice(started.indexOf(server), 1);
    const result = await runScenarios({ target: url, scenarios: examples().slice(0, 1), root: ROOT });
    expect(result.deviations.map((d) => d.kind)).toEqual(Array(6).fill('error'));
    expect(result.deviations[0].message).toMatch(/^ECONNREFUSED 127\.0\.0\.1:\d+$/);
    expect((await cli(['--target', url, '--scenarios', EXAMPLES])).code).toBe(1);
  });
});

describe('expectations', () => {
  it('accept any one of the bodyMatch alternatives and report the closest when none matches', async () => {
    const server = await toy();
    const dir = tempDir('conform-');
    const file = join(dir, 'alternatives.yaml');
    writeFileSync(
      file,
      `- name: alternatives
  steps:
    - {name: one matches, request: {method: GET, path: /services/none}, expect: {status: 404, bodyMatch: [{message: Gone}, {message: Not found}]}}
    - {name: none matches, request: {method: GET, path: /services/none}, expect: {status: 404, bodyMatch: [{message: Gone, code: 1}, {message: Missing}]}}
`,
    );
    const result = await runScenarios({ target: server.url, scenarios: loadScenarioFile(file), root: ROOT, shapes: false });
    expect(result.deviations.map((d) => [d.step, d.differences])).toEqual([['none matches', [{ path: '$.message', expected: '"Missing"', actual: '"Not found"' }]]]);
  });
});

describe('golden files', () => {
  it('line up with the steps that ran, whatever the version ranges and the concurrency', async () => {
    const dir = tempDir('golden-');
    const file = join(dir, 'versions.yaml');
    writeFileSync(
      file,
      `- name: versioned
  steps:
    - {name: only before 3.0, kong: {until: "3.0"}, request: {method: GET, path: /services/nothing-here}}
    - {name: create, request: {method: POST, path: /services, json: {name: "{{unique:v}}", host: v.test}}}
    - {name: read, request: {method: GET, path: "/services/{{unique:v}}"}}
`,
    );
    const scenarios = [...loadScenarioFile(file), ...examples()];
    const golden = join(dir, 'golden');
    await runScenarios({ target: (await toy()).url, scenarios, root: ROOT, record: golden });
    const recorded = JSON.parse(readFileSync(join(golden, 'versioned.json'), 'utf8'));
    expect(recorded.map((r: { status: number }) => r.status)).toEqual([201, 200]);
    expect(recorded[1].body.name).toBe('v-<run>');
    const replayed = await runScenarios({ target: (await toy()).url, scenarios, root: ROOT, replay: golden, concurrency: 4 });
    expect(replayed.deviations).toEqual([]);
  });
});

describe('reports', () => {
  it('writes a JSON report with summary, coverage and deviations, and one JUnit testcase per step', async () => {
    const dir = tempDir('conform-');
    const server = await toy({ offByOne: true });
    const { code } = await cli(['--target', server.url, '--scenarios', EXAMPLES, '--json', join(dir, 'r.json'), '--junit', join(dir, 'r.xml')]);
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(report.summary).toEqual({ steps: 12, passed: 11, deviations: 1, shapeDeviations: 0 });
    expect(Object.keys(report.coverage)).toEqual(expect.arrayContaining(['seedOperations', 'operations', 'missingSeedOperations']));
    expect(report.coverage.operations.covered).toBe(5);
    expect(report.coverage.seedOperations.total).toBe(108);
    expect(report.coverage.seedOperations.covered).toBe(5);
    expect(report.coverage.missingSeedOperations).not.toContain('GET /services');
    expect(report.coverage.missingSeedOperations).toContain('POST /routes');
    expect(report.deviations[0]).toMatchObject({ kind: 'behaviour', step: 'first page of two', request: { method: 'GET' } });
    const xml = readFileSync(join(dir, 'r.xml'), 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites [^>]*tests="12" failures="1">/);
    expect((xml.match(/<testcase /g) ?? []).length).toBe(12);
    expect((xml.match(/<failure /g) ?? []).length).toBe(1);
    expect(xml).toContain('$.data: expected length 2, got length 1');
  });
});

describe('cleanup', () => {
  it('runs the cleanup steps and deletes every created entity, children first, after a failing step', async () => {
    const server = await toy();
    const dir = tempDir('conform-');
    const file = join(dir, 'failing.yaml');
    writeFileSync(
      file,
      `- name: fails halfway
  steps:
    - {name: one, request: {method: POST, path: /services, json: {name: "{{unique:one}}", host: a.test}}, expect: {status: 201}, save: {one: body.id}}
    - {name: two, request: {method: POST, path: /services, json: {host: b.test}}, expect: {status: 201}, save: {two: body.id}}
    - {name: wrong expectation, request: {method: GET, path: "/services/{{one}}"}, expect: {status: 418}}
    - {name: runs anyway, request: {method: GET, path: /services}}
  cleanup:
    - {name: explicit, request: {method: DELETE, path: "/services/{{unique:one}}"}}
`,
    );
    const result = await runScenarios({ target: server.url, scenarios: loadScenarioFile(file), root: ROOT, shapes: false });
    expect(result.deviations.map((d) => d.step)).toEqual(['wrong expectation']);
    expect(server.services()).toEqual([]);
    const ids = server.log.filter((l) => l.startsWith('POST')).length;
    expect(ids).toBe(2);
    const deletes = server.log.filter((l) => l.startsWith('DELETE'));
    // The cleanup steps first, then what was created, the most recent first.
    expect(deletes).toHaveLength(3);
    expect(deletes[0]).toMatch(/^DELETE \/services\/one-[0-9a-f]+$/);
    expect(deletes.slice(1)).toEqual([`DELETE /services/${server.created[1]}`, `DELETE /services/${server.created[0]}`]);
  });
});
