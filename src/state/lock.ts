/**
 * One server per state: `FILE.lock` holds the pid of the server using it. A second server on the
 * same state refuses to start; a lock whose process is gone (a `kill -9`) is taken over.
 */
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { StateError, cause, errorCode } from './errors.ts';

/** Locks held by this process: a pid check cannot tell two servers of one process apart. */
const heldHere = new Set<string>();

export interface Lock {
  release(): void;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function holder(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The lock is held by a live server other than a previous incarnation of this process. */
function inUse(path: string, pid: number | undefined): boolean {
  if (heldHere.has(path)) return true;
  return pid !== undefined && pid !== process.pid && alive(pid);
}

export function acquireLock(path: string, stateFile: string): Lock {
  const mine = `${path}.${process.pid}`;
  try {
    writeFileSync(mine, `${process.pid}\n`);
  } catch (error) {
    throw new StateError(`state file ${stateFile}: cannot create ${mine} (${cause(error)}); make the directory writable or choose another --state path`);
  }
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(mine, path); // atomic: the lock appears with its pid already in it
        heldHere.add(path);
        return { release: () => release(path) };
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw new StateError(`state file ${stateFile}: cannot create ${path} (${cause(error)}); make the directory writable or choose another --state path`);
      }
      const pid = holder(path);
      if (inUse(path, pid)) {
        throw new StateError(
          `state file ${stateFile} is in use by process ${pid ?? '(unknown)'} (lock ${path}); stop that kong-admin-mock first, or give this one another --state file`,
        );
      }
      takeOver(path, pid);
    }
    throw new StateError(`state file ${stateFile}: could not take the lock ${path}; another process keeps taking it, stop it and retry`);
  } finally {
    try {
      unlinkSync(mine);
    } catch {
      // already gone
    }
  }
}

/** Moves a stale lock aside; if a live server took it meanwhile, puts that one back. */
function takeOver(path: string, stalePid: number | undefined): void {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else moved it: try again
  }
  const moved = holder(aside);
  if (moved !== stalePid && moved !== undefined && alive(moved)) {
    try {
      linkSync(aside, path);
    } catch {
      // a third server holds it now: the next attempt sees that one
    }
  }
  unlinkSync(aside);
}

function release(path: string): void {
  if (!heldHere.delete(path)) return;
  if (holder(path) === process.pid) {
    try {
      unlinkSync(path);
    } catch {
      // the directory is gone; nothing left to release
    }
  }
}
