/**
 * Where the state lives. `--state FILE` may be a symlink: everything is written beside its
 * target, and the snapshot replaces the target, so the link stays a link.
 */
import { closeSync, existsSync, fsyncSync, lstatSync, openSync, readdirSync, readlinkSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { StateError, cause, errorCode } from './errors.ts';

export interface StatePaths {
  /** The path as given on the command line (what messages name). */
  given: string;
  /** The file written: the symlink's target, or the given path. */
  snapshot: string;
  dir: string;
  lock: string;
  journal(generation: number): string;
  /** The temporary file a snapshot is written to before it is renamed into place. */
  temporary: string;
}

function followLinks(path: string): string {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let isLink = false;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return current;
      throw error;
    }
    if (!isLink) return current;
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw new StateError(`state file ${path}: too many levels of symbolic links; point --state at a regular file`);
}

export function statePaths(given: string): StatePaths {
  let target: string;
  try {
    target = followLinks(given);
  } catch (error) {
    if (error instanceof StateError) throw error;
    throw new StateError(`state file ${given} cannot be read (${cause(error)}); check the path and its permissions`);
  }
  const dir = dirname(target);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new StateError(`state file ${given}: directory ${dir} does not exist; create it or choose another --state path`);
  }
  const real = join(realpathSync(dir), basename(target));
  return {
    given,
    snapshot: real,
    dir: dirname(real),
    lock: `${real}.lock`,
    journal: (generation) => `${real}.journal.${generation}`,
    temporary: `${real}.tmp-${process.pid}`,
  };
}

/** Journal files beside the snapshot, by generation, oldest first. */
export function journalGenerations(paths: StatePaths): number[] {
  const prefix = `${basename(paths.snapshot)}.journal.`;
  return readdirSync(paths.dir)
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => Number(name.slice(prefix.length)))
    .sort((a, b) => a - b);
}

/**
 * Removes what a killed process left: snapshot temporaries (`FILE.tmp-<pid>`; the lock is held,
 * so no live process is writing one) and the lock's own temporaries whose process is gone.
 */
export function removeStaleTemporaries(paths: StatePaths, alive: (pid: number) => boolean): string[] {
  const base = basename(paths.snapshot);
  const lockTemporary = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.lock\\.(?:stale-)?(\\d+)$`);
  const removed: string[] = [];
  for (const name of readdirSync(paths.dir)) {
    const lockPid = lockTemporary.exec(name)?.[1];
    if (!name.startsWith(`${base}.tmp-`) && (lockPid === undefined || alive(Number(lockPid)))) continue;
    unlinkSync(join(paths.dir, name));
    removed.push(name);
  }
  return removed;
}

/** Makes a rename or a new file in `dir` durable; some file systems cannot, and the rename is atomic anyway. */
export function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not supported here
  }
}
