import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expandGlobs, loadScenarioFile, loadScenarios } from './scenario.ts';
import { runScenarios } from './runner.ts';
import { runConformCli } from './cli.ts';
import { describeDeviation, summarize } from './report.ts';
import { startToy, type ToyOptions, type ToyServer } from './testing/toy-server.ts';
import { tempDir } from '../src/testkit.ts';
import { createMock } from '../src/admin/mock.ts';
import { listen } from '../src/http/node.ts';
import { PLANTED_BUGS } from './testing/planted.ts';

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

/** The command line as a CI log sees it (or a terminal with `tty`): exit code, stdout and stderr. */
async function cli(args: string[], tty = false): Promise<{ code: number; out: string; err: string }> {
  const lines: string[] = [];
  const errors: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => lines.push(String(chunk)) > 0);
  try {
    return { code: await runConformCli(args, { tty }), out: lines.join('\n'), err: errors.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}

describe('the runner against a correct toy server', () => {
  it('finds no deviation, cleans up after itself and exits 0', async () => {
    const server = await toy();
    const { code, out } = await cli(['--target', server.url, '--scenarios', EXAMPLES], true);
    expect(out).toContain('✓ example service is created, read, updated and deleted (6 steps)');
    expect(out).toMatch(/^3 scenarios \(0 failing\), 12 steps: 12 passed, 0 behaviour deviations, 0 shape deviations in \d+\.\d s$/m);
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
    expect(behaviour.map((d) => d.step)).toEqual(['create with JSON', 'a second service with the same name conflicts', 'first', 'second', 'third', 'first page of two', 'create']);
    for (const d of behaviour) expect(d.differences.length).toBeGreaterThan(0);
    const create = behaviour[0];
    expect(create.step).toBe('create with JSON');
    expect(create.request).toMatchObject({ method: 'POST', url: `${server.url}/services` });
    expect(create.differences).toContainEqual({ path: 'status', expected: '201', actual: '200' });
    expect(create.differences).toContainEqual({ path: '$.id', expected: '"@uuid"', actual: '(absent)' });
    const name = JSON.parse(create.request.body ?? '{}').name as string;
    expect(name).toMatch(/^toy-[0-9a-f]{8}$/);
    expect(create.differences).toContainEqual({ path: '$.name', expected: JSON.stringify(name), actual: '(absent)' });
    // What needed the id the create did not answer is skipped once, naming the create, instead of run with a hole.
    const needsId = "needs 'svc' from step 'create with JSON', which did not save it";
    expect(result.steps.filter((s) => s.skipped).map((s) => [s.step, s.skipped])).toEqual([
      ['read by name', needsId],
      ['update with a form', needsId],
      ['delete', needsId],
      ['gone afterwards', needsId],
      ['last page of one', "needs 'offset' from step 'first page of two', which did not save it"],
    ]);
    expect(server.log.some((l) => l.includes('undefined'))).toBe(false);
    expect(describeDeviation(create)).toContain(`POST ${server.url}/services → 200`);
    expect(out).toContain('$.id: expected "@uuid", got (absent)');
    expect(out).toContain("    4× example service is created, read, updated and deleted › needed what step 'create with JSON' did not save");
    const shapes = result.deviations.filter((d) => d.kind === 'shape');
    expect(shapes.find((d) => d.step === 'first page of two')?.differences.map((d) => d.actual)).toContain("$ must have required property 'data'");
    expect(summarize(result)).toMatchObject({ steps: 12, passed: 0, skipped: 5, deviations: 7, behaviourDeviations: 7 });
    expect(result.coverage.operations.covered).toBe(0);
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
    expect(out).toContain('$.body.retries: reference 5, target 4');
    expect(out).toContain('6 differences between the target and the reference in 1 groups by endpoint family and rule:');
    expect(out).toMatch(/^3 scenarios \(3 failing\), 12 steps: 6 passed, 0 behaviour deviations, 0 shape deviations, 6 differential findings in /m);
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

  it('exits 2 on a bad --timeout, --max-time, --kong-version or --grep, and when --grep matches nothing', async () => {
    const server = await toy();
    const runs = [
      [['--timeout', 'soon'], "--timeout must be a number of seconds above 0, not 'soon'"],
      [['--max-time', '0'], "--max-time must be a number of seconds above 0, not '0'"],
      [['--kong-version', 'latest'], "--kong-version must look like 3.9 or 2.8, not 'latest'"],
      [['--grep', '(unclosed'], "--grep '(unclosed' is not a regular expression"],
      [['--grep', 'no such scenario'], 'no scenario name matches --grep /no such scenario/i'],
    ] as const;
    for (const [args, message] of runs) {
      const { code, err } = await cli(['--target', server.url, '--scenarios', EXAMPLES, ...args]);
      expect([code, err]).toEqual([2, message]);
    }
    expect(server.log).toEqual([]);
  });

  it('matches --scenarios globs with braces and character classes', () => {
    const names = (glob: string) => expandGlobs([glob], ROOT).map((f) => f.slice(ROOT.length + 1));
    expect(names('fixtures/scenarios/{services,routes}.yaml')).toEqual(['fixtures/scenarios/routes.yaml', 'fixtures/scenarios/services.yaml']);
    expect(names('fixtures/scenarios/[sr]*.yaml')).toEqual(['fixtures/scenarios/routes.yaml', 'fixtures/scenarios/services.yaml', 'fixtures/scenarios/special.yaml']);
    expect(names('fixtures/scenarios/_examples/{services,nothing}.yaml')).toEqual([EXAMPLES]);
  });

  it('runs only the scenarios --grep names, and stops after the first failing scenario with --bail', async () => {
    const grep = await cli(['--target', (await toy({ wrong: true })).url, '--scenarios', EXAMPLES, '--grep', 'PAGE through']);
    expect(grep.out).toMatch(/^1 scenarios \(1 failing\), 5 steps: /m);
    const server = await toy({ wrong: true });
    const bail = await cli(['--target', server.url, '--scenarios', EXAMPLES, '--bail']);
    expect(bail.code).toBe(1);
    expect(bail.out).toMatch(/^3 scenarios \(1 failing\), 12 steps: 0 passed, .*, 10 skipped in /m);
    expect(bail.out).toContain('stopped early: --bail stopped the run after the first failing scenario');
    expect(server.log.filter((l) => l.includes('p1.test') || l.startsWith('GET /services?'))).toEqual([]);
  });

  it('shows live progress on a terminal and only failing scenarios in a log', async () => {
    const server = await toy({ offByOne: true });
    const terminal = await cli(['--target', server.url, '--scenarios', EXAMPLES], true);
    expect(terminal.out).toMatch(/\[12\/12\] 1 deviation · \d+\.\d s/);
    expect(terminal.out).toContain('✓ example service is created, read, updated and deleted (6 steps)');
    const log = await cli(['--target', server.url, '--scenarios', EXAMPLES]);
    expect(log.out.split('\n').filter((l) => /^[✓✗]/.test(l))).toEqual(['✗ example services page through a tag (5 steps, 1 with deviations)']);
    expect(log.out).not.toContain('[12/12]');
  });

  it('reports every step as not run when the run reaches --max-time', async () => {
    const server = await toy();
    const { code, out } = await cli(['--target', server.url, '--scenarios', EXAMPLES, '--max-time', '0.001']);
    expect(code).toBe(1);
    expect(out).toContain('stopped early: the run reached its time bound of 0 s');
    // how many steps start within 1 ms depends on the machine: whatever did not is reported as not run
    const notRun = Number(/^ +(\d+)× not run: the run reached its time bound of 0 s$/m.exec(out)?.[1]);
    expect(notRun).toBeGreaterThanOrEqual(6);
    expect(server.log.length - 1 + notRun).toBeGreaterThanOrEqual(12);
  });
});

describe('servers that are wrong in ordinary ways', () => {
  const lines = (text: string) => text.split('\n').length;

  it('a closed port: one line with the cause, exit 2, no step run', async () => {
    const server = await toy();
    const url = server.url;
    await server.close();
    started.splice(started.indexOf(server), 1);
    const { code, out, err } = await cli(['--target', url, '--scenarios', EXAMPLES]);
    expect(code).toBe(2);
    expect(err).toBe(`cannot reach the target ${url}: ECONNREFUSED ${url.slice('http://'.length)}`);
    expect(out).toBe('');
    const live = await toy();
    const differential = await cli(['--target', live.url, '--reference', url, '--scenarios', EXAMPLES]);
    expect([differential.code, differential.err]).toEqual([2, `cannot reach the reference ${url}: ECONNREFUSED ${url.slice('http://'.length)}`]);
    expect(live.log).toEqual(['GET /']);
  });

  it('a server that never answers: a timeout before the first step, exit 2', async () => {
    const server = await toy({ hangAfter: 0 });
    const { code, err } = await cli(['--target', server.url, '--scenarios', EXAMPLES, '--timeout', '0.2']);
    expect(code).toBe(2);
    expect(err).toBe(`cannot reach the target ${server.url}: timeout: no answer within 200 ms`);
  });

  it('a server that stops answering: three timeouts stop the scenario, GET / confirms, the rest is not run', async () => {
    const server = await toy({ hangAfter: 1 });
    const { code, out } = await cli(['--target', server.url, '--scenarios', EXAMPLES, '--timeout', '0.2']);
    expect(code).toBe(2);
    // GET / before the first step, three steps without an answer, GET / again: nothing more is sent.
    expect(server.log.map((l) => l.replace(/\?.*/, ''))).toEqual(['GET /', 'POST /services', 'POST /services', 'POST /services', 'GET /']);
    expect(out).toContain('3 steps without an answer in 1 groups by endpoint family and rule:');
    expect(out).toContain(`    3× Services · timeout: no answer within N ms (2 scenarios), e.g.`);
    expect(out).toContain(`          POST ${server.url}/services`);
    expect(out).toContain('    4× not run: 3 requests in a row got no answer (timeout: no answer within 200 ms)');
    expect(out).toContain('    1× not run: the target stopped answering (timeout: no answer within 200 ms)');
    expect(out).toContain('stopped early: the target stopped answering (timeout: no answer within 200 ms)');
    expect(lines(out)).toBeLessThan(40);
  });

  it('a server that crashes mid-run: the network error with its cause, the rest compactly, exit 2', async () => {
    const server = await toy({ crashAfter: 4 });
    const { code, out } = await cli(['--target', server.url, '--scenarios', EXAMPLES]);
    expect(code).toBe(2);
    const port = server.url.slice('http://'.length);
    expect(out).toMatch(/^ {4}\d× Services · (ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET)/m);
    expect(out).toContain(`error: ECONNREFUSED ${port}`);
    expect(out).toContain(`stopped early: the target stopped answering (ECONNREFUSED ${port})`);
    expect(out).not.toContain('fetch failed');
    expect(lines(out)).toBeLessThan(50);
  });

  it('a server that answers 200 {} to everything: a short console report, every deviation in a JSON of reasonable size', async () => {
    const server = await toy({ wrong: true });
    const dir = tempDir('conform-');
    const { code, out } = await cli(['--target', server.url, '--json', join(dir, 'r.json')]);
    expect(code).toBe(1);
    expect(lines(out)).toBeLessThan(200);
    expect(out).toMatch(/^ +\d+× Consumers · status 201 → 200 \(\d+ scenarios\), e\.g\.$/m);
    expect(out).toMatch(/^coverage: seed operations 0\/108, document operations 0\/\d+ /m);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    // every deviation is there, at under 1 kB per step of the suite (2.1 kB per step before grouping)
    expect(statSync(join(dir, 'r.json')).size / report.summary.steps).toBeLessThan(1000);
    expect(report.deviations).toHaveLength(report.summary.deviations + report.summary.shapeDeviations);
    expect(report.groups.find((g: { family: string; rule: string }) => g.family === 'Consumers' && g.rule === 'status 201 → 200')).toEqual({ kind: 'behaviour', family: 'Consumers', rule: 'status 201 → 200', count: expect.any(Number), scenarios: expect.any(Number) });
  }, 60_000);

  it('a services-only server against the whole suite: skipped steps name what they needed, no holes in URLs', async () => {
    const server = await toy();
    const { code, out, err } = await cli(['--target', server.url]);
    expect(code).toBe(1);
    expect(err).toBe('note: GET / reports no Kong version: checking the 3.9 profile (set --kong-version to choose)');
    expect(server.log.filter((l) => l.includes('undefined'))).toEqual([]);
    expect(out).not.toContain('expected (absent), got (absent)');
    expect(out).toMatch(/^ +\d+× acls nested, at \/acls and their consumer › needed what step 'a consumer' did not save$/m);
    expect(out).not.toContain('steps without an answer');
    expect(out).toMatch(/^coverage: seed operations \d+\/108, /m);
    expect(lines(out)).toBeLessThan(200);
    expect(server.services()).toEqual([]);
  }, 60_000);

  it('a 2.8 node checked without --kong-version passes as 2.8; with --kong-version 3.9 it warns', async () => {
    const node = await listen(await createMock({ version: '2.8' }), { port: 0 });
    try {
      const scenarios = ['--scenarios', 'fixtures/scenarios/{services,routes}.yaml'];
      const detected = await cli(['--target', node.url, ...scenarios]);
      expect(detected.code).toBe(0);
      expect(detected.out).toContain('GET / reports Kong 2.8.5: checking the 2.8 profile');
      expect(detected.out).toContain(`target ${node.url} (Kong 2.8)`);
      const forced = await cli(['--target', node.url, ...scenarios, '--kong-version', '3.9']);
      expect(forced.code).toBe(1);
      expect(forced.err).toBe('warning: GET / reports Kong 2.8.5, but the expectations follow --kong-version 3.9');
    } finally {
      await node.close();
    }
  }, 60_000);
});

describe('servers with one planted rule bug', () => {
  // The scenario file of the bug's family (the whole suite catches each too; it takes 16 times longer),
  // and the line of the console report that names the rule.
  const S = 'fixtures/scenarios';
  const caughtBy: Record<string, [string, RegExp]> = {
    'page-size-ignored': [`${S}/services.yaml`, /^ +\d+× Services · \$\.data /m],
    'lookup-by-id-only': [`${S}/services.yaml`, /^ +\d+× Services · status 200 → 404 /m],
    'delete-missing-404': [`${S}/services.yaml`, /^ +\d+× Services · status 204 → 404 /m],
    'unique-conflict-400': [`${S}/services.yaml`, /^ +\d+× Services · status 409 → 400 /m],
    'foreign-key-404': [`${S}/routes.yaml`, /^ +\d+× Services · status 400 → 404 /m],
    'default-retries-4': [`${S}/services.yaml`, /^ +\d+× Services · \$\.retries /m],
    'required-message': [`${S}/services.yaml`, /^ +\d+× Services · \$\.message /m],
    'form-last-value-wins': [`${S}/routes.yaml`, /^ +\d+× Routes · \$\.methods /m],
    'tags-filter-ignored': [`${S}/services.yaml`, /^ +\d+× Services · \$\.next /m],
    'route-path-slash-added': [`${S}/routes.yaml`, /^ +\d+× Routes · status 400 → 201 /m],
    'target-default-port-80': [`${S}/upstreams.yaml`, /^ +\d+× Targets · \$\.(data|target)/m],
    'certificate-snis-empty': [`${S}/certificates.yaml`, /^ +\d+× Certificates · \$\.snis /m],
    'basic-auth-plaintext': [`${S}/credentials.yaml`, /^ +\d+× Basic Auths · \$(\.data\[\])?\.password /m],
    'plugin-protocols-http-only': [`${S}/plugins.yaml`, /^ +\d+× Plugins · \$\.protocols /m],
    'node-tagline': [`${S}/node.yaml`, /^ +\d+× Information · \$\.tagline /m],
    'method-not-allowed-404': [`${S}/services.yaml`, /^ +\d+× \/services · status 405 → 404 /m],
  };

  it('covers at least ten rule families', () => {
    expect(new Set(PLANTED_BUGS.map((b) => b.family)).size).toBeGreaterThanOrEqual(10);
    expect(Object.keys(caughtBy).sort()).toEqual(PLANTED_BUGS.map((b) => b.name).sort());
  });

  it.each(PLANTED_BUGS.map((b) => [b.name, b] as const))('%s: its family\'s scenarios fail it with a short report that names the rule, exit 1', async (name, bug) => {
    const node = await listen(bug.create('3.9'), { port: 0 });
    try {
      const [scenarios, finding] = caughtBy[name];
      const { code, out } = await cli(['--target', node.url, '--scenarios', scenarios, '--no-shapes']);
      expect(code).toBe(1);
      expect(out).toMatch(finding);
      expect(out.split('\n').length).toBeLessThan(80);
    } finally {
      await node.close();
    }
  }, 60_000);
});
