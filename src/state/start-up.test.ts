import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onTestFinished, describe, expect, it } from 'vitest';
import { call, newMock, tempDir } from '../testkit.ts';
import { openState } from './open-state.ts';

const SERVICE = { id: '5b1484f2-5209-49d9-b43e-92ba09dd9d52', name: 'svc', host: 'a.test', protocol: 'http', port: 80, path: null, retries: 5, connect_timeout: 60000, write_timeout: 60000, read_timeout: 60000, tags: null, client_certificate: null, tls_verify: null, tls_verify_depth: null, ca_certificates: null, enabled: true, created_at: 1700000000, updated_at: 1700000000 };

/** Opens `file` into a fresh 3.9 store; the state is closed when the test ends. */
async function open(file: string): Promise<{ mock: Awaited<ReturnType<typeof newMock>>; rows: number }> {
  const mock = await newMock();
  const { state, rows } = openState(file, mock.store, { kongVersion: '3.9', log: () => undefined });
  mock.persistWith(state);
  onTestFinished(() => state.close());
  return { mock, rows };
}

async function refusal(file: string): Promise<string> {
  const mock = await newMock();
  try {
    const { state } = openState(file, mock.store, { kongVersion: '3.9' });
    await state.close();
  } catch (error) {
    return (error as Error).message;
  }
  return 'opened';
}

const state = (tables: Record<string, unknown[]>, version = 2): string =>
  JSON.stringify({ format: 'kong-admin-mock/state', version, kongVersion: '3.9', journal: { generation: 1, seq: 0 }, tables });

describe('--state start-up: every error names the file and says what to do', () => {
  it('refuses a missing directory', async () => {
    const file = join(tempDir('state-'), 'missing', 'kong.json');
    expect(await refusal(file)).toBe(`state file ${file}: directory ${join(file, '..')} does not exist; create it or choose another --state path`);
  });

  it('refuses a directory it cannot write', async () => {
    const file = '/proc/kong-admin-mock-state.json';
    const message = await refusal(file);
    expect(message).toMatch(/^state file \/proc\/kong-admin-mock-state\.json: cannot create \/proc\/kong-admin-mock-state\.json\.lock\.\d+ \(.+\); make the directory writable or choose another --state path$/);
  });

  it('refuses an unknown format version', async () => {
    const file = join(tempDir('state-'), 'kong.json');
    writeFileSync(file, state({}, 99));
    expect(await refusal(file)).toBe(`state file ${file} has format version 99, which this kong-admin-mock cannot read (it reads 1 and 2); use the kong-admin-mock that wrote it, or another --state file`);
  });

  it('refuses a row without an id instead of loading it', async () => {
    const file = join(tempDir('state-'), 'kong.json');
    const { id: _, ...noId } = SERVICE;
    writeFileSync(file, state({ services: [SERVICE, noId] }));
    expect(await refusal(file)).toBe(`state file ${file}: services row 2 has no "id"; give it one or remove that row`);
  });

  it('refuses rows that break a unique or a foreign key', async () => {
    const file = join(tempDir('state-'), 'kong.json');
    writeFileSync(file, state({ services: [SERVICE, { ...SERVICE, id: '6b1484f2-5209-49d9-b43e-92ba09dd9d52' }] }));
    expect(await refusal(file)).toBe(`state file ${file}: services row 2 (id 6b1484f2-5209-49d9-b43e-92ba09dd9d52) has the same name as an earlier row; fix or remove that row`);
    writeFileSync(file, state({ routes: [{ id: '7b1484f2-5209-49d9-b43e-92ba09dd9d52', service: { id: SERVICE.id } }] }));
    expect(await refusal(file)).toBe(`state file ${file}: routes row 1 (id 7b1484f2-5209-49d9-b43e-92ba09dd9d52) points at services ${SERVICE.id} (field service), which the file does not hold; fix or remove that row`);
  });

  it('refuses text that is not JSON, naming the file', async () => {
    const file = join(tempDir('state-'), 'kong.json');
    writeFileSync(file, '{"format": "kong-admin');
    expect(await refusal(file)).toMatch(new RegExp(`^state file ${file} is not valid JSON \\(.+\\); restore it from a backup, or move it away to start empty$`));
  });
});

describe('--state lock (issue 13, defect 6)', () => {
  it('refuses a second server on the same state, naming the file and the pid', async () => {
    const file = join(tempDir('state-'), 'kong.json');
    await open(file);
    expect(await refusal(file)).toBe(`state file ${file} is in use by process ${process.pid} (lock ${file}.lock); stop that kong-admin-mock first, or give this one another --state file`);
  });

  it('refuses it through another path to the same file too', async () => {
    const dir = tempDir('state-');
    const file = join(dir, 'kong.json');
    await open(file);
    symlinkSync(file, join(dir, 'alias.json'));
    expect(await refusal(join(dir, 'alias.json'))).toContain(`is in use by process ${process.pid} (lock ${file}.lock)`);
  });

  it('takes over the lock of a process that is gone', async () => {
    const file = join(tempDir('state-'), 'kong.json');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(`${file}.lock`, `${gone.stdout}\n`);
    const { mock } = await open(file);
    expect((await call(mock, 'POST', '/services', { json: { name: 'a', host: 'a.test' } })).status).toBe(201);
    expect(readFileSync(`${file}.lock`, 'utf8').trim()).toBe(String(process.pid));
  });
});

describe('--state files', () => {
  it('loads the version 1 file of earlier releases and rewrites it as version 2', async () => {
    const file = join(tempDir('state-'), 'kong.json');
    writeFileSync(file, JSON.stringify({ format: 'kong-admin-mock/state', version: 1, kongVersion: '3.9', tables: { services: [SERVICE] } }));
    const { mock, rows } = await open(file);
    expect(rows).toBe(1);
    expect((await call(mock, 'GET', '/services/svc')).body.id).toBe(SERVICE.id);
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(2);
  });

  it('keeps a symlinked state path a symlink, writing through to its target', async () => {
    const dir = tempDir('state-');
    mkdirSync(join(dir, 'data'));
    const link = join(dir, 'kong.json');
    symlinkSync(join(dir, 'data', 'real.json'), link);
    const { mock } = await open(link);
    expect((await call(mock, 'POST', '/services', { json: { name: 'a', host: 'a.test' } })).status).toBe(201);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(link, 'utf8')).format).toBe('kong-admin-mock/state');
    expect(readdirSync(join(dir, 'data')).sort()).toEqual(['real.json', 'real.json.journal.1', 'real.json.lock']);
  });

  it('removes the temporary files a killed server left', async () => {
    const dir = tempDir('state-');
    const file = join(dir, 'kong.json');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(`${file}.tmp-4242`, '{"format":"kong-adm');
    writeFileSync(`${file}.lock.${gone}`, `${gone}\n`);
    await open(file);
    expect(readdirSync(join(file, '..')).sort()).toEqual(['kong.json', 'kong.json.journal.1', 'kong.json.lock']);
  });
});
