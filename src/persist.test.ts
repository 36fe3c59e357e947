import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './testkit.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** Starts `kong-admin-mock serve` on an ephemeral port and resolves with its URL. */
function start(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /on (http:\/\/[^ ]+) /.exec(out);
      if (m) resolve({ url: m[1], child });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

describe('--state FILE', () => {
  it('keeps every acknowledged write across a kill -9', async () => {
    const file = join(tempDir('state-'), 'kong.json');
    const first = await start(['--state', file]);
    const svc = await fetch(`${first.url}/services`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'kept', host: 'a.test' }) });
    expect(svc.status).toBe(201);
    const route = await fetch(`${first.url}/services/kept/routes`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'r', paths: ['/a'] }) });
    expect(route.status).toBe(201);
    first.child.kill('SIGKILL');

    const second = await start(['--state', file]);
    const again = (await (await fetch(`${second.url}/services/kept/routes/r`)).json()) as { name: string; service: { id: string } };
    expect(again.name).toBe('r');
    expect(again.service.id).toBe(((await svc.json()) as { id: string }).id);
    const blocked = await fetch(`${second.url}/services/kept`, { method: 'DELETE' });
    expect(blocked.status).toBe(400);
  }, 30_000);
});
