/**
 * The journal: one JSON line per committed write, holding the rows it changed (a row's whole new
 * state, or null when it is gone). Appends are grouped: while one batch is being written and
 * fsynced, the next writes queue, and the next fsync covers all of them. A crash can leave a
 * torn last line; it was never acknowledged, and is cut off when the journal is read.
 */
import { readFileSync } from 'node:fs';
import { fdatasync, fstat, ftruncate, write } from 'node:fs';
import type { Row, RowChange } from '../store/types.ts';
import { StateError } from './errors.ts';

export type JournalEntry = [table: string, id: string, row: Row | null];

export interface JournalRecord {
  seq: number;
  changes: JournalEntry[];
}

export function encodeRecord(seq: number, changes: readonly RowChange[]): string {
  const entries: JournalEntry[] = changes.map((c) => [c.table, c.id, c.after ?? null]);
  return `${JSON.stringify({ seq, changes: entries })}\n`;
}

export function recordChanges(record: JournalRecord): RowChange[] {
  return record.changes.map(([table, id, row]) => ({ table, id, before: undefined, after: row ?? undefined }));
}

function parseRecord(line: string): JournalRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { seq, changes } = value as { seq?: unknown; changes?: unknown };
  if (!Number.isInteger(seq) || !Array.isArray(changes)) return undefined;
  for (const entry of changes) {
    if (!Array.isArray(entry) || entry.length !== 3 || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') return undefined;
    const row = entry[2] as unknown;
    if (row !== null && (typeof row !== 'object' || Array.isArray(row) || (row as { id?: unknown }).id !== entry[1])) return undefined;
  }
  return { seq: seq as number, changes: changes as JournalEntry[] };
}

export interface ReadJournal {
  records: JournalRecord[];
  /** Bytes up to the end of the last whole record: where appends continue. */
  validBytes: number;
  /** Bytes of a torn last record (a write cut by a crash, never acknowledged). */
  tornBytes: number;
}

/**
 * Reads a journal. Only the end may be unreadable (a torn write); an unreadable line followed by
 * good ones means the file was damaged, and is refused.
 */
export function readJournal(path: string, given: string): ReadJournal {
  const buffer = readFileSync(path);
  const records: JournalRecord[] = [];
  let offset = 0;
  let line = 0;
  let badAt: { line: number; offset: number } | undefined;
  while (offset < buffer.length) {
    const end = buffer.indexOf(0x0a, offset);
    const stop = end === -1 ? buffer.length : end + 1;
    line += 1;
    const record = end === -1 ? undefined : parseRecord(buffer.toString('utf8', offset, end));
    if (!record) badAt ??= { line, offset };
    else if (badAt) {
      throw new StateError(`state journal ${path} (of ${given}) is damaged at line ${badAt.line}; restore the state from a backup, or move the state files away to start empty`);
    } else records.push(record);
    offset = stop;
  }
  const validBytes = badAt ? badAt.offset : buffer.length;
  return { records, validBytes, tornBytes: buffer.length - validBytes };
}

/** The file operations a journal needs; tests give failing ones. */
export interface JournalFs {
  append(fd: number, text: string): Promise<void>;
  sync(fd: number): Promise<void>;
  truncate(fd: number, size: number): Promise<void>;
  /** False once the file was deleted (a removed directory): writes would go nowhere lasting. */
  linked(fd: number): Promise<boolean>;
}

const promised = <T>(run: (done: (error: NodeJS.ErrnoException | null, value?: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value as T))));

async function appendAll(fd: number, text: string): Promise<void> {
  let buffer = Buffer.from(text);
  while (buffer.length > 0) {
    const written = await promised<number>((done) => write(fd, buffer, 0, buffer.length, null, done));
    buffer = buffer.subarray(written);
  }
}

export const nodeJournalFs: JournalFs = {
  append: appendAll,
  sync: (fd) => promised<void>((done) => fdatasync(fd, done)),
  truncate: (fd, size) => promised<void>((done) => ftruncate(fd, size, done)),
  linked: async (fd) => (await promised<{ nlink: number }>((done) => fstat(fd, done))).nlink > 0,
};

interface Waiter {
  seq: number;
  resolve(): void;
  reject(error: Error): void;
}

export interface JournalEvents {
  /** A batch could not be made durable: everything not yet durable must be undone, now. */
  failed(error: unknown, path: string): void;
  /** A batch is durable; the journal now holds `bytes`. A good moment to rotate. */
  flushed(bytes: number): void;
}

/** Appends records with group commit; `durable(seq)` resolves once the record is on disk. */
export class JournalWriter {
  private queue: string[] = [];
  /** Set when a failed batch could not be cut off the file: nothing more may be appended after it. */
  private broken?: Error;
  private lastQueued: number;
  private durableSeq: number;
  private waiters: Waiter[] = [];
  private flushing = false;

  constructor(
    private path: string,
    private fd: number,
    private size: number,
    lastSeq: number,
    private readonly fs: JournalFs,
    private readonly events: JournalEvents,
  ) {
    this.lastQueued = lastSeq;
    this.durableSeq = lastSeq;
  }

  get durable(): number {
    return this.durableSeq;
  }

  get bytes(): number {
    return this.size;
  }

  get descriptor(): number {
    return this.fd;
  }

  get file(): string {
    return this.path;
  }

  append(seq: number, line: string): void {
    this.queue.push(line);
    this.lastQueued = seq;
    if (!this.flushing) void this.flush();
  }

  /** Resolves when record `seq` is durable; rejects if the batch holding it failed. */
  whenDurable(seq: number): Promise<void> {
    if (seq <= this.durableSeq) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  /** Continues in another file (a new generation); called between batches. */
  switchTo(path: string, fd: number): number {
    const old = this.fd;
    this.path = path;
    this.fd = fd;
    this.size = 0;
    return old;
  }

  /** Waits for every queued record (shutdown). */
  async drain(): Promise<void> {
    await this.whenDurable(this.lastQueued).catch(() => undefined);
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const text = this.queue.join('');
      const upTo = this.lastQueued;
      this.queue = [];
      try {
        if (this.broken) throw this.broken;
        await this.fs.append(this.fd, text);
        await this.fs.sync(this.fd);
        if (!(await this.fs.linked(this.fd))) throw new Error(`${this.path} was deleted (is its directory gone?)`);
      } catch (error) {
        await this.fail(error);
        continue;
      }
      this.size += Buffer.byteLength(text);
      this.durableSeq = upTo;
      const ready = this.waiters.filter((w) => w.seq <= upTo);
      this.waiters = this.waiters.filter((w) => w.seq > upTo);
      for (const w of ready) w.resolve();
      this.events.flushed(this.size);
    }
    this.flushing = false;
  }

  /** Cuts the file back to its durable end, drops the queue and fails everyone waiting. */
  private async fail(error: unknown): Promise<void> {
    if (!this.broken) {
      await this.fs.truncate(this.fd, this.size).catch((cut: unknown) => {
        this.broken = new Error(`${this.path} holds a write that failed and cannot be cut off (${cut instanceof Error ? cut.message : String(cut)}); restart the server`);
      });
    }
    // Records queued while this batch was written were made on top of it: they go too.
    this.queue = [];
    this.lastQueued = this.durableSeq;
    this.events.failed(error, this.path);
    const failed = this.waiters;
    this.waiters = [];
    const reason = error instanceof Error ? error : new Error(String(error));
    for (const w of failed) w.reject(reason);
  }
}
