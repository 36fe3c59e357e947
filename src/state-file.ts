/**
 * `--state FILE`: the store kept on disk. Every acknowledged write is on disk before its response
 * is sent (the file is replaced atomically: write a temporary file, fsync, rename, fsync the
 * directory), so a `kill -9` right after an answer loses nothing. The file is reloaded on start.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Store } from './store/types.ts';
import { parentFirst, type StateFile } from './persist.ts';

export function writeState(file: string, state: StateFile): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, JSON.stringify(state));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  try {
    const dir = openSync(dirname(file), 'r');
    fsyncSync(dir);
    closeSync(dir);
  } catch {
    // some file systems cannot fsync a directory; the rename is still atomic
  }
}

/** Loads a state file into an empty store; returns the number of rows loaded. */
export function loadState(file: string, store: Store, kongVersion: string): number {
  if (!existsSync(file)) return 0;
  const state = JSON.parse(readFileSync(file, 'utf8')) as StateFile;
  if (state.format !== 'kong-admin-mock/state') throw new Error(`${file} is not a kong-admin-mock state file`);
  if (state.kongVersion !== kongVersion) throw new Error(`${file} holds a Kong ${state.kongVersion} store; start with --kong-version ${state.kongVersion}`);
  let count = 0;
  for (const name of parentFirst(store)) {
    for (const row of state.tables[name] ?? []) {
      store.table(name).insert(row);
      count += 1;
    }
  }
  return count;
}
