/**
 * `--state FILE`: the store kept on disk, and never ahead of it. Each request runs as a
 * transaction: the row changes it makes are journaled as one record, and its answer waits for the
 * fsync that covers that record (concurrent requests share one). If the record cannot be made
 * durable, every change not yet durable is undone in memory and the requests that made or saw
 * them get Kong's 500: what a client was told is what the store holds. When the journal outgrows
 * the snapshot it is compacted: a new journal generation starts, and the store as of that point
 * is written as the new snapshot while the server keeps answering.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { closeSync, openSync, unlinkSync } from 'node:fs';
import { ChangeSet } from '../store/changes.ts';
import type { Row, RowChange, Store } from '../store/types.ts';
import { parentFirst } from '../persist.ts';
import { cause } from './errors.ts';
import { encodeRecord, JournalWriter, nodeJournalFs, type JournalFs } from './journal.ts';
import type { Lock } from './lock.ts';
import { journalGenerations, type StatePaths } from './paths.ts';
import { writeSnapshot, type SnapshotContent } from './snapshot-file.ts';

export interface StateOptions {
  kongVersion: string;
  /**
   * The journal size that starts a compaction. Default: 16 MiB or the snapshot's size, whichever
   * is larger, so that compaction costs a bounded share of the writes at any store size.
   */
  compactBytes?: number;
  fs?: JournalFs;
  /** Where failures are reported (stderr by default). */
  log?: (message: string) => void;
}

interface Transaction {
  undone: boolean;
}

/** A record handed to the journal and not yet durable, with what it changed and who. */
interface Pending {
  seq: number;
  changes: ChangeSet;
  transactions: Set<Transaction>;
}

const DEFAULT_COMPACT_BYTES = 16 * 1024 * 1024;

export class RolledBack extends Error {
  constructor() {
    super('the changes of this request could not be made durable and were undone');
  }
}

export class DurableState {
  private readonly context = new AsyncLocalStorage<Transaction>();
  private open = new ChangeSet();
  private openTransactions = new Set<Transaction>();
  private pending: Pending[] = [];
  private lastSeq: number;
  private compacting: Promise<void> | undefined;
  private readonly writer: JournalWriter;
  private readonly stopWatching: () => void;
  private readonly log: (message: string) => void;
  private closed = false;

  constructor(
    private readonly paths: StatePaths,
    private readonly store: Store,
    private readonly lock: Lock,
    private readonly options: StateOptions,
    private generation: number,
    private snapshotBytes: number,
    journal: { fd: number; bytes: number; seq: number },
  ) {
    this.lastSeq = journal.seq;
    this.log = options.log ?? ((message) => console.error(message));
    this.writer = new JournalWriter(paths.journal(generation), journal.fd, journal.bytes, journal.seq, options.fs ?? nodeJournalFs, {
      failed: (error, path) => this.rollback(error, path),
      flushed: (bytes) => this.compactIfDue(bytes),
    });
    this.stopWatching = store.watch((change) => this.recordChange(change));
  }

  /** Runs one request; resolves once its changes are durable, rejects (`RolledBack`) once they are undone. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const transaction: Transaction = { undone: false };
    const result = await this.context.run(transaction, work);
    if (transaction.undone) throw new RolledBack();
    this.seal();
    await this.writer.whenDurable(this.lastSeq);
    return result;
  }

  /**
   * Makes the changes made outside any request (a `--config` load) durable, then compacts: the
   * snapshot holds the whole store, the journal starts empty.
   */
  async checkpoint(): Promise<void> {
    this.seal();
    await this.writer.whenDurable(this.lastSeq);
    await this.compacting;
    this.startCompaction();
    await this.compacting;
  }

  /** Finishes the journal and the compaction under way, then lets go of the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.seal();
    await this.writer.drain();
    await this.compacting;
    this.stopWatching();
    try {
      closeSync(this.writer.descriptor);
    } catch {
      // already closed
    }
    this.lock.release();
  }

  /** Lets go of the lock at once (the process is exiting). */
  releaseLock(): void {
    this.lock.release();
  }

  private recordChange(change: RowChange): void {
    this.open.add(change);
    const transaction = this.context.getStore();
    if (transaction) this.openTransactions.add(transaction);
  }

  /** Turns the changes made since the last record into the next record, in the order made. */
  private seal(): void {
    if (this.open.size === 0) return;
    const changes = this.open;
    const transactions = this.openTransactions;
    this.open = new ChangeSet();
    this.openTransactions = new Set();
    const net = changes.net();
    if (net.length === 0) return;
    const seq = ++this.lastSeq;
    this.pending.push({ seq, changes, transactions });
    this.writer.append(seq, encodeRecord(seq, net));
  }

  /** Undoes every change that is not durable, newest first, and marks whoever made them. */
  private rollback(error: unknown, path: string): void {
    const all = new ChangeSet();
    for (const p of this.pending) all.append(p.changes);
    all.append(this.open);
    this.store.restore(all.undo());
    for (const p of this.pending) for (const t of p.transactions) t.undone = true;
    for (const t of this.openTransactions) t.undone = true;
    const undone = this.pending.length;
    this.pending = [];
    this.open = new ChangeSet();
    this.openTransactions = new Set();
    this.lastSeq = this.writer.durable;
    this.log(`kong-admin-mock: cannot write the state journal ${path} (state file ${this.paths.given}): ${cause(error)}; ${undone} write(s) undone and answered 500. Check the disk and that the directory still exists.`);
  }

  private compactIfDue(bytes: number): void {
    while (this.pending.length > 0 && this.pending[0].seq <= this.writer.durable) this.pending.shift();
    if (this.compacting || this.closed || bytes < (this.options.compactBytes ?? Math.max(DEFAULT_COMPACT_BYTES, this.snapshotBytes))) return;
    this.startCompaction();
  }

  /** Starts the next journal generation and writes the snapshot it continues; between batches only. */
  private startCompaction(): void {
    const generation = this.generation + 1;
    let fd: number;
    try {
      fd = openSync(this.paths.journal(generation), 'a');
    } catch (error) {
      this.log(`kong-admin-mock: cannot start a new state journal for ${this.paths.given}: ${cause(error)}; the current one keeps growing`);
      return;
    }
    // Between batches: the new generation starts exactly after the durable point.
    const old = this.writer.switchTo(this.paths.journal(generation), fd);
    this.generation = generation;
    const content = { kongVersion: this.options.kongVersion, generation, seq: this.writer.durable, tables: this.durableTables() };
    this.compacting = this.finishCompaction(content, old);
  }

  /** Writes the snapshot, then drops the journals it replaces; on failure they stay and are replayed. */
  private async finishCompaction(content: SnapshotContent, oldFd: number): Promise<void> {
    try {
      this.snapshotBytes = await writeSnapshot(this.paths, content);
      for (const g of journalGenerations(this.paths)) if (g < content.generation) unlinkSync(this.paths.journal(g));
    } catch (error) {
      this.log(`kong-admin-mock: compaction of ${this.paths.given} failed (${cause(error)}); the journal is kept and replayed on start`);
    } finally {
      try {
        closeSync(oldFd);
      } catch {
        // already closed
      }
      this.compacting = undefined;
    }
  }

  /** The rows as they are on disk: the live ones with every change not yet durable taken back. */
  private durableTables(): Array<[string, Row[]]> {
    const back = new ChangeSet();
    for (const p of this.pending) back.append(p.changes);
    back.append(this.open);
    const overrides = new Map<string, Map<string, Row | undefined>>();
    for (const c of back.undo()) {
      let table = overrides.get(c.table);
      if (!table) overrides.set(c.table, (table = new Map()));
      table.set(c.id, c.after);
    }
    return parentFirst(this.store.tables()).map((name) => {
      const changed = new Map(overrides.get(name));
      const rows: Row[] = [];
      for (const row of this.store.table(name).all()) {
        if (!changed.has(row.id)) rows.push(row);
        else {
          const old = changed.get(row.id);
          if (old) rows.push(old);
          changed.delete(row.id);
        }
      }
      for (const old of changed.values()) if (old) rows.push(old);
      return [name, rows];
    });
  }
}
