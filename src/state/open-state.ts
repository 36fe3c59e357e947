/**
 * Start-up of `--state FILE`: take the lock, load the snapshot, replay the journal after it, cut
 * a torn last record, and ready the journal for appends. Anything unusable is refused with a
 * StateError that names the file and says what to do.
 */
import { ftruncateSync, openSync, unlinkSync } from 'node:fs';
import type { Store } from '../store/types.ts';
import { DurableState, type StateOptions } from './durable-state.ts';
import { StateError, cause } from './errors.ts';
import { readJournal, recordChanges } from './journal.ts';
import { acquireLock, alive } from './lock.ts';
import { journalGenerations, removeStaleTemporaries, statePaths, syncDirectory } from './paths.ts';
import { loadSnapshot, STATE_VERSION, storeTables, writeSnapshotNow } from './snapshot-file.ts';

export interface OpenedState {
  state: DurableState;
  /** Rows in the store once the snapshot and the journal are loaded. */
  rows: number;
  /** Journal records replayed on top of the snapshot. */
  replayed: number;
}

function countRows(store: Store): number {
  return store.tables().reduce((n, t) => n + t.size, 0);
}

/** Opens the state behind `file` into an empty store. */
export function openState(file: string, store: Store, options: StateOptions): OpenedState {
  const paths = statePaths(file);
  const lock = acquireLock(paths.lock, file);
  try {
    removeStaleTemporaries(paths, alive);
    const loaded = loadSnapshot(paths, store, options.kongVersion);
    const generations = journalGenerations(paths);
    // No snapshot: any journal left is from a state file that was removed to start afresh.
    const stale = generations.filter((g) => !loaded || g < loaded.generation);
    for (const g of stale) unlinkSync(paths.journal(g));
    const live = generations.filter((g) => !stale.includes(g));
    let seq = loaded?.seq ?? 0;
    let replayed = 0;
    let tail = { generation: loaded?.generation ?? 0, validBytes: 0 };
    for (const g of live) {
      const read = readJournal(paths.journal(g), file);
      if (read.tornBytes > 0 && g !== live[live.length - 1]) {
        throw new StateError(`state journal ${paths.journal(g)} (of ${file}) is damaged at its end although a newer journal follows it; restore the state from a backup`);
      }
      for (const record of read.records) {
        if (record.seq <= seq) continue;
        if (record.seq !== seq + 1) throw new StateError(`state journal ${paths.journal(g)} (of ${file}) skips from record ${seq} to ${record.seq}; restore the state from a backup`);
        try {
          store.restore(recordChanges(record));
        } catch (error) {
          throw new StateError(`state journal ${paths.journal(g)} (of ${file}), record ${record.seq}: ${cause(error)}; restore the state from a backup`);
        }
        seq = record.seq;
        replayed += 1;
      }
      tail = { generation: g, validBytes: read.validBytes };
    }
    let generation = tail.generation;
    let snapshotBytes = loaded?.bytes ?? 0;
    let journalBytes = tail.validBytes;
    if (!loaded || loaded.version !== STATE_VERSION) {
      // a new state, or one written before the journal: start it as a snapshot of its own
      generation = Math.max(0, ...generations) + 1;
      snapshotBytes = writeSnapshotNow(paths, { kongVersion: options.kongVersion, generation, seq, tables: storeTables(store) });
      for (const g of live) unlinkSync(paths.journal(g));
      journalBytes = 0;
    }
    let fd: number;
    try {
      fd = openSync(paths.journal(generation), 'a');
      ftruncateSync(fd, journalBytes); // a torn last record was never acknowledged
    } catch (error) {
      throw new StateError(`state file ${file}: cannot open its journal ${paths.journal(generation)} (${cause(error)}); make the directory writable`);
    }
    syncDirectory(paths.dir);
    const state = new DurableState(paths, store, lock, options, generation, snapshotBytes, { fd, bytes: journalBytes, seq });
    return { state, rows: countRows(store), replayed };
  } catch (error) {
    lock.release();
    if (error instanceof StateError) throw error;
    throw new StateError(`state file ${file}: ${cause(error)}; check the path, its directory and their permissions`);
  }
}
