import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onTestFinished, describe, expect, it } from 'vitest';
import { call, newMock, tempDir } from '../testkit.ts';
import type { KongMock } from '../admin/mock.ts';
import type { StateOptions } from './durable-state.ts';
import { openState } from './open-state.ts';
import { nodeJournalFs, type JournalFs } from './journal.ts';

const UNEXPECTED = { message: 'An unexpected error occurred' };

/** A mock whose store is kept in `file`; closed (lock released) when the test ends. */
async function persisted(file: string, options: Partial<StateOptions> = {}): Promise<{ mock: KongMock; logs: string[]; close: () => Promise<void> }> {
  const mock = await newMock();
  const logs: string[] = [];
  const { state } = openState(file, mock.store, { kongVersion: '3.9', log: (m) => logs.push(m), ...options });
  mock.persistWith(state);
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await state.close();
  };
  onTestFinished(close);
  return { mock, logs, close };
}

/** What a fresh server would load from `file`. */
async function reloaded(file: string): Promise<string[]> {
  const { mock, close } = await persisted(file);
  const names = [...mock.store.table('services').all()].map((s) => String(s.name)).sort();
  await close();
  return names;
}

/** Node's file operations, with appends failing while `broken.on` is set. */
function faultyFs(): { fs: JournalFs; broken: { on: boolean }; syncs: () => number } {
  const broken = { on: false };
  let syncs = 0;
  const fs: JournalFs = {
    ...nodeJournalFs,
    append: (fd, text) => (broken.on ? Promise.reject(Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' })) : nodeJournalFs.append(fd, text)),
    sync: (fd) => {
      syncs += 1;
      return nodeJournalFs.sync(fd);
    },
  };
  return { fs, broken, syncs: () => syncs };
}

const service = (name: string): { json: unknown } => ({ json: { name, host: `${name}.test` } });

describe('--state: a write that cannot be made durable is undone (issue 13, defect 5)', () => {
  it('answers 500 and keeps nothing when the directory disappears under the server', async () => {
    const dir = tempDir('state-');
    const file = join(dir, 'kong.json');
    const { mock, logs } = await persisted(file);
    expect((await call(mock, 'POST', '/services', service('kept'))).status).toBe(201);
    rmSync(dir, { recursive: true });

    const post = await call(mock, 'POST', '/services', service('lost'));
    expect(post.status).toBe(500);
    expect(post.body).toEqual(UNEXPECTED);
    expect((await call(mock, 'GET', '/services/lost')).status).toBe(404);
    const del = await call(mock, 'DELETE', '/services/kept');
    expect(del.status).toBe(500);
    expect(del.body).toEqual(UNEXPECTED);
    expect((await call(mock, 'GET', '/services/kept')).status).toBe(200);
    expect(logs.join('\n')).toContain(file);
  });

  it('undoes every write of a failed group commit, cascades included, and works again once the disk does', async () => {
    const file = join(tempDir('state-'), 'kong.json');
    const faults = faultyFs();
    const { mock, logs } = await persisted(file, { fs: faults.fs });
    const up = await call(mock, 'POST', '/upstreams', { json: { name: 'u' } });
    expect((await call(mock, 'POST', '/upstreams/u/targets', { json: { target: 'a.test:80' } })).status).toBe(201);

    faults.broken.on = true;
    const writes = [
      call(mock, 'POST', '/services', service('one')),
      call(mock, 'POST', '/services', service('two')),
      call(mock, 'DELETE', '/upstreams/u'),
      call(mock, 'PATCH', `/upstreams/${up.body.id}`, { json: { slots: 100 } }),
    ];
    const reads = await Promise.all([1, 2, 3].map(() => new Promise((r) => setImmediate(r)).then(() => call(mock, 'GET', '/services/one'))));
    const answers = await Promise.all(writes);
    expect(answers.map((a) => a.status)).toEqual([500, 500, 500, 500]);
    // a read answered while those writes were pending never shows what was undone
    expect(reads.map((r) => r.status)).not.toContain(200);
    expect(answers.every((a) => JSON.stringify(a.body) === JSON.stringify(UNEXPECTED))).toBe(true);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain(`${file}.journal.`);
    expect(logs[0]).toContain('EIO');

    faults.broken.on = false;
    expect((await call(mock, 'GET', '/services')).body.data).toEqual([]);
    expect((await call(mock, 'GET', '/upstreams/u')).body.slots).toBe(10000);
    expect((await call(mock, 'GET', '/upstreams/u/targets')).body.data).toHaveLength(1);
    expect((await call(mock, 'POST', '/services', service('one'))).status).toBe(201);
  });
});

describe('--state journal', () => {
  it('shares one fsync between concurrent writes, and answers each after it', async () => {
    const file = join(tempDir('state-'), 'kong.json');
    const faults = faultyFs();
    const { mock, close } = await persisted(file, { fs: faults.fs });
    const names = Array.from({ length: 40 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    const answers = await Promise.all(names.map((n) => call(mock, 'POST', '/services', service(n))));
    expect(answers.every((a) => a.status === 201)).toBe(true);
    expect(faults.syncs()).toBeLessThan(names.length / 2);
    await close();
    expect(await reloaded(file)).toEqual(names);
  });

  it('keeps deletes with their cascades, and updates, across a restart', async () => {
    const file = join(tempDir('state-'), 'kong.json');
    const first = await persisted(file);
    await call(first.mock, 'POST', '/services', service('a'));
    await call(first.mock, 'POST', '/services', service('b'));
    await call(first.mock, 'POST', '/upstreams', { json: { name: 'u' } });
    await call(first.mock, 'POST', '/upstreams/u/targets', { json: { target: 'a.test:80' } });
    await call(first.mock, 'PATCH', '/services/a', { json: { name: 'c' } });
    await call(first.mock, 'DELETE', '/upstreams/u');
    await first.close();
    const second = await persisted(file);
    expect([...second.mock.store.table('services').all()].map((s) => s.name).sort()).toEqual(['b', 'c']);
    expect(second.mock.store.table('targets').size).toBe(0);
    expect((await call(second.mock, 'POST', '/services', service('a'))).status).toBe(201);
  });

  it('compacts into a snapshot when the journal grows, and leaves one small journal', async () => {
    const dir = tempDir('state-');
    const file = join(dir, 'kong.json');
    const { mock, close } = await persisted(file, { compactBytes: 8_000 });
    const names: string[] = [];
    for (let i = 0; i < 120; i++) {
      names.push(`s${String(i).padStart(3, '0')}`);
      expect((await call(mock, 'POST', '/services', service(names[i]))).status).toBe(201);
    }
    await close();
    const journals = readdirSync(dir).filter((f) => f.includes('.journal.'));
    expect(journals).toHaveLength(1);
    expect(journals[0]).not.toBe('kong.json.journal.1');
    const snap = JSON.parse(readFileSync(file, 'utf8')) as { version: number; tables: { services: unknown[] } };
    expect(snap.version).toBe(2);
    expect(snap.tables.services.length).toBeGreaterThan(0);
    expect(statSync(join(dir, journals[0])).size).toBeLessThan(Math.max(8_000, statSync(file).size) + 1_000);
    expect(await reloaded(file)).toEqual(names);
  });

  it('recovers from a kill at each step of a compaction', async () => {
    const dir = tempDir('state-');
    const file = join(dir, 'kong.json');
    // what the first journal holds when writes move to the second: every append to its descriptor
    let firstFd: number | undefined;
    let firstJournal = '';
    const fs: JournalFs = {
      ...nodeJournalFs,
      append: (fd, text) => {
        firstFd ??= fd;
        if (fd === firstFd) firstJournal += text;
        return nodeJournalFs.append(fd, text);
      },
    };
    const { mock, close } = await persisted(file, { compactBytes: 6_000, fs });
    const oldSnapshot = readFileSync(file);
    const names: string[] = [];
    const post = async (n: string): Promise<void> => {
      names.push(n);
      expect((await call(mock, 'POST', '/services', service(n))).status).toBe(201);
    };
    for (let i = 0; i < 20; i++) await post(`a${i}`);
    await close();
    expect(readdirSync(dir).filter((f) => f.includes('.journal.'))).toEqual(['kong.json.journal.2']);
    const after = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
    const restore = (files: Record<string, Buffer>): void => {
      for (const f of readdirSync(dir)) rmSync(join(dir, f));
      for (const [f, content] of Object.entries(files)) writeFileSync(join(dir, f), content);
    };
    const oldJournal = Buffer.from(firstJournal);
    const newJournal = Object.keys(after).find((f) => f.includes('.journal.'))!;
    // killed while the new snapshot was being written: old snapshot, both journals, a temporary
    restore({ 'kong.json': oldSnapshot, 'kong.json.journal.1': oldJournal, [newJournal]: after[newJournal], 'kong.json.tmp-4242': Buffer.from('{"format":') });
    expect(await reloaded(file)).toEqual([...names].sort());
    expect(readdirSync(dir).some((f) => f.includes('.tmp-'))).toBe(false);
    // killed after the rename, before the old journal was removed
    restore({ ...after, 'kong.json.journal.1': oldJournal });
    expect(await reloaded(file)).toEqual([...names].sort());
    expect(existsSync(`${file}.journal.1`)).toBe(false);
  });

  it('cuts off a torn last record, and refuses a journal damaged in the middle', async () => {
    const dir = tempDir('state-');
    const file = join(dir, 'kong.json');
    const first = await persisted(file);
    await call(first.mock, 'POST', '/services', service('a'));
    await call(first.mock, 'POST', '/services', service('b'));
    await first.close();
    const journal = `${file}.journal.1`;
    const good = readFileSync(journal, 'utf8');
    writeFileSync(journal, `${good}{"seq":3,"changes":[["services","x",{"id"`);
    expect(await reloaded(file)).toEqual(['a', 'b']);
    expect(readFileSync(journal, 'utf8')).toBe(good);
    const [line1, line2] = good.split('\n');
    writeFileSync(journal, `${line1.slice(0, 20)}\n${line2}\n`);
    const mock = await newMock();
    expect(() => openState(file, mock.store, { kongVersion: '3.9' })).toThrow(`state journal ${journal} (of ${file}) is damaged at line 1; restore the state from a backup, or move the state files away to start empty`);
  });
});
