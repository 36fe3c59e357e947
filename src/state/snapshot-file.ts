/**
 * The snapshot file: the whole store as JSON, with the journal generation that continues it.
 * Version 1 (the whole store, rewritten on every write) still loads; it is then rewritten as 2.
 * Written atomically: a temporary file, fsync, rename over the snapshot, fsync the directory.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { parentFirst, STATE_FORMAT } from '../persist.ts';
import type { Row, Store, StoreError } from '../store/types.ts';
import { StoreConflict } from '../store/types.ts';
import { StateError, cause } from './errors.ts';
import { syncDirectory, type StatePaths } from './paths.ts';

export const STATE_VERSION = 2;
const READABLE_VERSIONS = [1, 2];

export interface LoadedSnapshot {
  version: number;
  /** The journal generation that continues this snapshot. */
  generation: number;
  /** The last journal record the snapshot holds. */
  seq: number;
  rows: number;
  bytes: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function conflictText(e: StoreError): string {
  switch (e.kind) {
    case 'primary-key':
      return 'repeats the id of an earlier row';
    case 'unique':
      return `has the same ${e.fields.join(', ')} as an earlier row`;
    case 'foreign-key':
      return `points at ${e.parentTable} ${e.parentId} (field ${e.field}), which the file does not hold`;
    case 'restrict':
      return 'is still referenced';
  }
}

/** Reads the snapshot into an empty store; undefined when there is no file yet. */
export function loadSnapshot(paths: StatePaths, store: Store, kongVersion: string): LoadedSnapshot | undefined {
  const file = paths.given;
  if (!existsSync(paths.snapshot)) return undefined;
  let text: string;
  try {
    text = readFileSync(paths.snapshot, 'utf8');
  } catch (error) {
    throw new StateError(`state file ${file} cannot be read (${cause(error)}); check its permissions`);
  }
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch (error) {
    throw new StateError(`state file ${file} is not valid JSON (${cause(error)}); restore it from a backup, or move it away to start empty`);
  }
  if (!isObject(state) || state.format !== STATE_FORMAT) {
    throw new StateError(`${file} is not a kong-admin-mock state file (no "format": "${STATE_FORMAT}"); check the --state path`);
  }
  const version = state.version;
  if (typeof version !== 'number' || !READABLE_VERSIONS.includes(version)) {
    throw new StateError(
      `state file ${file} has format version ${JSON.stringify(version)}, which this kong-admin-mock cannot read (it reads ${READABLE_VERSIONS.join(' and ')}); use the kong-admin-mock that wrote it, or another --state file`,
    );
  }
  if (state.kongVersion !== kongVersion) {
    throw new StateError(`state file ${file} holds a Kong ${String(state.kongVersion)} store; start with --kong-version ${String(state.kongVersion)} or use another --state file`);
  }
  const journal = state.journal;
  const generation = version === 1 ? 0 : isObject(journal) && Number.isInteger(journal.generation) ? (journal.generation as number) : -1;
  const seq = version === 1 ? 0 : isObject(journal) && Number.isInteger(journal.seq) ? (journal.seq as number) : -1;
  if (generation < 0 || seq < 0) throw new StateError(`state file ${file} has no valid "journal" entry; restore it from a backup, or move it away to start empty`);
  if (!isObject(state.tables)) throw new StateError(`state file ${file} has no "tables" object; restore it from a backup, or move it away to start empty`);
  const rows = loadTables(file, store, state.tables);
  return { version, generation, seq, rows, bytes: Buffer.byteLength(text) };
}

function loadTables(file: string, store: Store, tables: Record<string, unknown>): number {
  const known = new Set(store.tables().map((t) => t.def.name));
  for (const name of Object.keys(tables)) {
    if (!known.has(name)) throw new StateError(`state file ${file} has a table "${name}" that this Kong version does not have; remove it from the file`);
  }
  let count = 0;
  for (const name of parentFirst(store.tables())) {
    const rows = tables[name] ?? [];
    if (!Array.isArray(rows)) throw new StateError(`state file ${file}: "${name}" is not a list of rows; fix the file`);
    rows.forEach((row: unknown, i) => {
      const where = `state file ${file}: ${name} row ${i + 1}`;
      if (!isObject(row)) throw new StateError(`${where} is not an object; fix or remove that row`);
      if (typeof row.id !== 'string' || row.id === '') throw new StateError(`${where} has no "id"; give it one or remove that row`);
      try {
        store.table(name).insert(row as Row);
      } catch (error) {
        if (!(error instanceof StoreConflict)) throw error;
        throw new StateError(`${where} (id ${row.id}) ${conflictText(error.error)}; fix or remove that row`);
      }
      count += 1;
    });
  }
  return count;
}

export interface SnapshotContent {
  kongVersion: string;
  generation: number;
  seq: number;
  /** Parent tables first, as a load needs them. */
  tables: Array<[string, Iterable<Row>]>;
}

/** The store as a parent-first list of tables, for `writeSnapshot`. */
export function storeTables(store: Store): Array<[string, Iterable<Row>]> {
  return parentFirst(store.tables()).map((name) => [name, store.table(name).all()]);
}

const CHUNK_ROWS = 500;

/** The snapshot's JSON in pieces, so a large store is written without one huge string. */
function* chunks(content: SnapshotContent): Generator<string> {
  const head = { format: STATE_FORMAT, version: STATE_VERSION, kongVersion: content.kongVersion, journal: { generation: content.generation, seq: content.seq } };
  yield `${JSON.stringify(head).slice(0, -1)},"tables":{`;
  let firstTable = true;
  for (const [name, rows] of content.tables) {
    yield `${firstTable ? '' : ','}${JSON.stringify(name)}:[`;
    firstTable = false;
    let batch: string[] = [];
    let first = true;
    for (const row of rows) {
      batch.push(JSON.stringify(row));
      if (batch.length === CHUNK_ROWS) {
        yield (first ? '' : ',') + batch.join(',');
        first = false;
        batch = [];
      }
    }
    if (batch.length) yield (first ? '' : ',') + batch.join(',');
    yield ']';
  }
  yield '}}\n';
}

/** Writes the snapshot in one go (start-up); returns its size in bytes. */
export function writeSnapshotNow(paths: StatePaths, content: SnapshotContent): number {
  let bytes = 0;
  try {
    const fd = openSync(paths.temporary, 'w');
    try {
      for (const chunk of chunks(content)) {
        writeFileSync(fd, chunk); // writes it all, from the current position
        bytes += Buffer.byteLength(chunk);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(paths.temporary, paths.snapshot);
  } catch (error) {
    try {
      unlinkSync(paths.temporary);
    } catch {
      // never created
    }
    throw new StateError(`state file ${paths.given} cannot be written (${cause(error)}); make its directory writable and check the disk`);
  }
  syncDirectory(paths.dir);
  return bytes;
}

/** Writes the snapshot while the server keeps answering (compaction); returns its size in bytes. */
export async function writeSnapshot(paths: StatePaths, content: SnapshotContent): Promise<number> {
  let bytes = 0;
  try {
    const handle = await open(paths.temporary, 'w');
    try {
      let pending = '';
      for (const chunk of chunks(content)) {
        pending += chunk;
        if (pending.length < 1 << 20) continue;
        await handle.writeFile(pending); // writes it all, from the current position
        bytes += Buffer.byteLength(pending);
        pending = '';
      }
      await handle.writeFile(pending);
      bytes += Buffer.byteLength(pending);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(paths.temporary, paths.snapshot);
  } catch (error) {
    await unlink(paths.temporary).catch(() => undefined);
    throw new StateError(`state file ${paths.given} cannot be written (${cause(error)}); make its directory writable and check the disk`);
  }
  syncDirectory(paths.dir);
  return bytes;
}
