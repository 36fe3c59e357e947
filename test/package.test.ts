/**
 * The package as a user gets it: `npm pack`, then consumer projects in a temporary folder outside
 * the repository install the tarball (from npm's cache where possible) and run the README's
 * examples: a plain Node ES module, vitest with msw's setupServer, jest with its default
 * configuration, TypeScript with Bundler and NodeNext resolution, and the installed command line
 * serving and checking itself with the package's own scenarios.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, freePort, readmeFiles, run } from './consumer.ts';

const ROOT = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const dev = (name: string): string => `${name}@${pkg.devDependencies[name]}`;
const examples = readmeFiles(join(ROOT, 'README.md'));

/** What each consumer project installs besides the tarball (versions as the repository pins them). */
const PROJECTS: Record<string, { type: 'module' | 'commonjs'; deps: string[] }> = {
  node: { type: 'module', deps: [] },
  vitest: { type: 'module', deps: [dev('msw'), dev('vitest'), dev('typescript'), dev('@types/node')] },
  jest: { type: 'commonjs', deps: [dev('jest')] },
};

const tsconfig = (moduleResolution: 'Bundler' | 'NodeNext') => ({
  compilerOptions: {
    target: 'ES2022',
    module: moduleResolution === 'Bundler' ? 'ESNext' : 'NodeNext',
    moduleResolution,
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    types: ['node'],
    strict: true,
    noEmit: true,
    // as Vite's template and `tsc --init` set it: libraries' declarations are used, not checked line by line
    skipLibCheck: true,
  },
  include: ['*.ts'],
});

describe('the packed package, installed outside the repository', () => {
  const work = mkdtempSync(join(tmpdir(), 'kong-admin-mock-package-'));
  const dir = (project: string): string => join(work, project);
  let tarball = '';

  beforeAll(async () => {
    const began = performance.now();
    const packed = await run('npm', ['pack', '--pack-destination', work, '--silent'], ROOT);
    expect(packed.code, packed.stderr).toBe(0);
    tarball = join(work, packed.stdout.trim().split('\n').pop() as string);
    for (const [project, { type }] of Object.entries(PROJECTS)) {
      mkdirSync(dir(project));
      writeFileSync(join(dir(project), 'package.json'), JSON.stringify({ name: `consumer-${project}`, private: true, type }, null, 2));
    }
    for (const [file, text] of examples) {
      const [project, name] = file.startsWith('types/') ? ['vitest', file.slice('types/'.length)] : file.split('/');
      writeFileSync(join(dir(project), name), text);
    }
    writeFileSync(join(dir('vitest'), 'tsconfig.bundler.json'), JSON.stringify(tsconfig('Bundler'), null, 2));
    writeFileSync(join(dir('vitest'), 'tsconfig.nodenext.json'), JSON.stringify(tsconfig('NodeNext'), null, 2));
    const packedAt = performance.now();
    const installs = await Promise.all(
      Object.entries(PROJECTS).map(([project, { deps }]) =>
        run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball, ...deps], dir(project)),
      ),
    );
    for (const installed of installs) expect(installed.code, installed.stderr).toBe(0);
    const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
    console.log(`npm pack (with the build) ${seconds(packedAt - began)}, three consumer installs ${seconds(performance.now() - packedAt)}`);
  }, 600_000);

  afterAll(() => rm(work, { recursive: true, force: true }), 300_000);

  it('ships compiled JavaScript, declarations and the data the runtime reads, and no TypeScript sources', () => {
    const installed = join(dir('node'), 'node_modules', 'kong-admin-mock');
    const files = readdirSync(installed, { recursive: true }).map(String);
    expect(files).toEqual(expect.arrayContaining(['dist/src/index.js', 'dist/src/index.d.ts', 'dist/cjs/index.cjs', 'openapi/kong-admin.yaml', 'openapi/seed-operations.tsv']));
    expect(files.filter((f) => f.startsWith('fixtures/scenarios/')).length).toBeGreaterThan(10);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    const deps = readdirSync(join(dir('node'), 'node_modules'));
    expect(deps).not.toContain('tsx');
  });

  it('runs in a plain Node ES module with no loader', async () => {
    const ran = await run(process.execPath, ['main.mjs'], dir('node'));
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toBe(`201 80\n409 UNIQUE violation detected on '{name="billing"}'\n`);
  }, 60_000);

  it('runs under vitest with msw setupServer', async () => {
    const ran = await run('npx', ['vitest', 'run'], dir('vitest'));
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/Tests\s+.*1 passed/);
  }, 180_000);

  it("runs under jest's default configuration", async () => {
    const ran = await run('npx', ['jest'], dir('jest'));
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    expect(ran.stderr).toMatch(/Tests:\s+1 passed, 1 total/);
  }, 180_000);

  it.each(['bundler', 'nodenext'])('compiles the README snippets with TypeScript, moduleResolution %s', async (flavor) => {
    const ran = await run('npx', ['tsc', '-p', `tsconfig.${flavor}.json`], dir('vitest'));
    expect(ran.stdout + ran.stderr).toBe('');
    expect(ran.code).toBe(0);
  }, 180_000);

  it('serves with `npx kong-admin-mock` and passes its own scenarios with `npx kong-admin-mock conform`', async () => {
    const port = await freePort();
    const server: ChildProcess = spawn('npx', ['kong-admin-mock', '--port', String(port)], { cwd: dir('node'), env: cleanEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        server.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('ready in')) resolve();
        });
        server.once('exit', (code) => reject(new Error(`npx kong-admin-mock exited with ${code}: ${out}`)));
      });
      const node = (await (await fetch(`http://127.0.0.1:${port}/`)).json()) as { version: string };
      expect(node.version).toBe('3.9.3');
      const conform = await run('npx', ['kong-admin-mock', 'conform', '--quiet', '--target', `http://127.0.0.1:${port}`], dir('node'));
      expect(conform.code, conform.stdout + conform.stderr).toBe(0);
      expect(conform.stdout).toMatch(/\d+ scenarios \(0 failing\), (\d+) steps: \1 passed, 0 behaviour deviations, 0 shape deviations/);
      expect(conform.stdout).toContain('coverage: seed operations 108/108');
    } finally {
      // npx and its children form one process group, started here
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
    }
  }, 180_000);
});
