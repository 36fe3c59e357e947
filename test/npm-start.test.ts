/**
 * `npm start` as a developer runs it: the first start may build dist/, a second one starts from
 * the build without rebuilding, and a SIGTERM or SIGINT sent to the npm process alone stops the
 * server (the port is free again), not just npm.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, freePort, portInUse } from './consumer.ts';

const ROOT = join(import.meta.dirname, '..');
const REBUILD_NOTE = 'sources changed since the last build';

async function startThenSignal(signal: NodeJS.Signals): Promise<{ output: string; portFreeAfter: boolean; npmExit: number | null }> {
  const port = await freePort();
  // its own process group, so that whatever the test leaves behind can be cleaned up below
  const npm = spawn('npm', ['start', '--', '--port', String(port)], { cwd: ROOT, env: cleanEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  npm.stdout.on('data', (d: Buffer) => (output += d.toString()));
  npm.stderr.on('data', (d: Buffer) => (output += d.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => output.includes('ready in') && (clearInterval(timer), resolve()), 50);
      npm.once('exit', (code) => (clearInterval(timer), reject(new Error(`npm start exited with ${code}: ${output}`))));
    });
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code, sig) => resolve(code ?? (sig ? -1 : null))));
    npm.kill(signal); // the npm process only
    const npmExit = await exited;
    let free = false;
    for (let i = 0; i < 50 && !free; i++) {
      free = !(await portInUse(port));
      if (!free) await new Promise((r) => setTimeout(r, 100));
    }
    return { output, portFreeAfter: free, npmExit };
  } finally {
    try {
      process.kill(-(npm.pid as number), 'SIGKILL');
    } catch {
      // the group is gone: nothing left behind
    }
  }
}

describe('npm start', () => {
  it('stops the server when npm gets SIGTERM, and a second start does not rebuild', async () => {
    const first = await startThenSignal('SIGTERM');
    expect(first.portFreeAfter, first.output).toBe(true);
    const second = await startThenSignal('SIGINT');
    expect(second.output).not.toContain(REBUILD_NOTE);
    expect(second.output).toMatch(/Kong 3\.9 Admin API on http:\/\/127\.0\.0\.1:\d+/);
    expect(second.portFreeAfter, second.output).toBe(true);
  }, 180_000);
});
