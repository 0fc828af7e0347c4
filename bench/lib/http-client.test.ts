import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeepAliveConnection } from './http-client.js';

describe('KeepAliveConnection', () => {
  let server: http.Server;
  let port = 0;
  const sockets = new Set<string>();
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      sockets.add(`${req.socket.remotePort}`);
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/length') {
        const body = Buffer.from(JSON.stringify({ total: 42, text: '检索'.repeat(15000) }));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
        res.end(body);
      } else if (url.pathname === '/chunked') {
        // No Content-Length: Node sends the parts as chunks, some after a delay.
        res.writeHead(201, { 'content-type': 'text/plain; charset=utf-8' });
        res.write('成果');
        setTimeout(() => {
          res.write('与需求');
          res.end('!');
        }, 5);
      } else if (url.pathname === '/close') {
        req.socket.destroy();
      } else {
        res.writeHead(404, { 'content-length': 0 });
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads whole answers with Content-Length and chunked bodies, several on one connection', async () => {
    const c = new KeepAliveConnection('127.0.0.1', port);
    sockets.clear();
    const a = await c.get('/length?x=1', { keepBody: true });
    expect(a.status).toBe(200);
    expect(JSON.parse(a.body?.toString('utf8') ?? '')).toMatchObject({ total: 42 });
    expect(a.body?.toString('utf8')).toContain('检索检索');
    expect(a.length).toBe(a.body?.length);
    expect(a.length).toBeGreaterThan(64 * 1024); // more than one read
    const b = await c.get('/chunked', { keepBody: true });
    expect(b.status).toBe(201);
    expect(b.body?.toString('utf8')).toBe('成果与需求!');
    expect(b.length).toBe(Buffer.byteLength('成果与需求!'));
    const d = await c.get('/missing');
    expect(d.status).toBe(404);
    expect(d.length).toBe(0);
    // Without keepBody the body is counted, not kept.
    const e = await c.get('/length');
    expect(e.body).toBeNull();
    expect(e.length).toBe(a.length);
    expect((await c.get('/chunked')).length).toBe(b.length);
    expect(sockets.size).toBe(1);
    c.close();
  });

  it('fails a request whose connection closes, and connects again for the next', async () => {
    const c = new KeepAliveConnection('127.0.0.1', port);
    await expect(c.get('/close')).rejects.toThrow('connection closed');
    expect((await c.get('/length')).status).toBe(200);
    c.close();
  });

  it('refuses a second request while one is in flight', async () => {
    const c = new KeepAliveConnection('127.0.0.1', port);
    const first = c.get('/chunked');
    await expect(c.get('/length')).rejects.toThrow('one request at a time');
    expect((await first).length).toBe(Buffer.byteLength('成果与需求!'));
    c.close();
  });
});
