/**
 * The node:http server under requests that should not get far: a chunked body that never ends
 * past 10 MiB is answered 413 at the limit, and a handler that throws is logged with its stack
 * while the client gets Kong's 500 body.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { request } from 'node:http';
import { createMock } from '../admin/mock.ts';
import { listen, type RunningServer } from './node.ts';
import type { AdminRequest } from '../admin/types.ts';

let kong: RunningServer;
beforeAll(async () => {
  kong = await listen(await createMock({ version: '3.9' }), { port: 0 });
});
afterAll(() => kong.close());

describe('node server limits', () => {
  it('answers a chunked body 413 as soon as it passes 10 MiB, without waiting for its end', async () => {
    const answer = await new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
      const req = request(`${kong.url}/consumers`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection });
          req.destroy();
        });
      });
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      // 11 MiB, and the request is never ended: only a server that stops at the limit answers
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i < 11; i++) req.write(chunk);
    });
    expect(answer).toEqual({ status: 413, body: '{"message":"Request body too large"}', connection: 'close' });
  });

  it('prints an unexpected error with its stack to stderr and answers 500 with Kong body', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const mock = await createMock({ version: '3.9' });
      const broken = new Uint8Array(2);
      Object.defineProperty(broken, 'length', { get: () => { throw new Error('broken body'); } });
      const req: AdminRequest = { method: 'POST', path: '/services', query: '', headers: { 'content-type': 'application/json' }, body: broken };
      const res = await mock.handle(req);
      expect(res.status).toBe(500);
      expect(res.body).toBe('{"message":"An unexpected error occurred"}');
      expect(errors).toHaveBeenCalledTimes(1);
      const logged = errors.mock.calls[0];
      expect(String(logged[0])).toContain('POST /services');
      expect((logged[1] as Error).stack).toMatch(/broken body\n\s+at /);
    } finally {
      errors.mockRestore();
    }
  });
});
