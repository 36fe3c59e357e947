/**
 * Requests Node's HTTP parser refuses but nginx (and so Kong) accepts: an unknown method and raw
 * UTF-8 bytes in the request line. Sent over a plain socket, as such clients send them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { createMock } from '../admin/mock.ts';
import { listen, type RunningServer } from './node.ts';

let kong: RunningServer;
beforeAll(async () => {
  kong = await listen(await createMock({ version: '3.9' }), { port: 0 });
});
afterAll(() => kong.close());

/** Writes `head` (request line and headers) as bytes; resolves with the status and body. */
function rawRequest(head: Buffer): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(kong.port, '127.0.0.1', () => socket.write(head));
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [headers, body] = [text.slice(0, text.indexOf('\r\n\r\n')), text.slice(text.indexOf('\r\n\r\n') + 4)];
      resolve({ status: Number(headers.split(' ')[1]), headers, body });
    });
  });
}

const line = (method: string, path: Buffer | string) =>
  Buffer.concat([Buffer.from(`${method} `), Buffer.isBuffer(path) ? path : Buffer.from(path), Buffer.from(' HTTP/1.1\r\nHost: kong\r\nConnection: close\r\n\r\n')]);

describe('raw requests', () => {
  it('an unknown method on a known path is 405 with JSON, on an unknown path 404', async () => {
    const known = await rawRequest(line('GEEEET', '/'));
    expect(known.status).toBe(405);
    expect(JSON.parse(known.body)).toEqual({ message: 'Method not allowed' });
    expect(known.headers).toMatch(/^Content-Type: application\/json; charset=utf-8$/m);
    const unknown = await rawRequest(line('GEEEET', '/nowhere'));
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toEqual({ message: 'Not found' });
  });

  it('raw UTF-8 in the path and in ?tags= reads like its percent-encoded form', async () => {
    await fetch(`${kong.url}/services`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: '円', host: 'yen.test' }) });
    const byName = await rawRequest(line('GET', Buffer.from('/services/円', 'utf8')));
    expect(byName.status).toBe(200);
    expect(JSON.parse(byName.body)).toMatchObject({ name: '円', host: 'yen.test' });
    const bad = await rawRequest(line('GET', Buffer.concat([Buffer.from('/consumers?tags='), Buffer.from([0xff])])));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).message).toBe('invalid option (tags: invalid filter syntax)');
  });

  it("a request line that cannot be read at all gets nginx's own 400 page", async () => {
    for (const head of ['GET\r\n\r\n', 'GET / HTTP/1.1\r\nHost: kong\r\nContent-Length: x\r\n\r\n', 'GET / HTTP/1.1\r\nBad Header\r\n\r\n']) {
      const res = await rawRequest(Buffer.from(head));
      expect(res.status, head).toBe(400);
      expect(res.headers.split('\r\n').slice(1)).toEqual(['Server: openresty', 'Content-Type: text/html', 'Content-Length: 154', 'Connection: close']);
      expect(res.body).toBe(
        '<html>\r\n<head><title>400 Bad Request</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<hr><center>openresty</center>\r\n</body>\r\n</html>\r\n',
      );
    }
  });
});
