import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { lazyChildLogger, loggerOptions } from './logger.js';

/** A Fastify app logging JSON lines into an array, with the platform's logger options. */
async function appLogging(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const options = loggerOptions({ logLevel: level as 'info' });
  const app = Fastify({ logger: { ...(options as object), stream }, childLoggerFactory: lazyChildLogger });
  let children = 0;
  const child = app.log.child.bind(app.log);
  app.log.child = (...args: Parameters<typeof child>) => {
    children++;
    return child(...args);
  };
  app.get('/quiet', async (request) => {
    request.log.debug('not at this level');
    return { ok: true };
  });
  app.get('/warns', async (request) => {
    request.log.info('info line');
    request.log.warn({ user: { email: 'a@b.cn', name: '张三' } }, 'a warning');
    return { ok: true };
  });
  await app.ready();
  return { app, lines, children: () => children };
}

describe('request loggers', () => {
  it('makes no child logger for a request that logs nothing at the level', async () => {
    const { app, lines, children } = await appLogging('warn');
    for (let i = 0; i < 3; i++) expect((await app.inject({ url: '/quiet', headers: { cookie: 'sid=secret' } })).statusCode).toBe(200);
    expect(children()).toBe(0);
    expect(lines).toEqual([]);
    await app.close();
  });

  it('binds what a request logs to its id, and redacts contact data', async () => {
    const { app, lines, children } = await appLogging('warn');
    const res = await app.inject({ url: '/warns' });
    expect(res.statusCode).toBe(200);
    expect(children()).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'a warning', reqId: expect.stringMatching(/.+/), user: { email: '[redacted]', name: '张三' } });
    await app.close();
  });

  it('logs requests with their ids at level info, the cookie redacted', async () => {
    const { app, lines } = await appLogging('info');
    await app.inject({ url: '/quiet', headers: { cookie: 'sid=secret' } });
    const incoming = lines.find((l) => l.msg === 'incoming request') as { reqId: string; req: { headers?: Record<string, string> } } | undefined;
    expect(incoming?.reqId).toEqual(expect.any(String));
    expect(lines.find((l) => l.msg === 'request completed')).toMatchObject({ reqId: incoming?.reqId });
    expect(JSON.stringify(lines)).not.toContain('secret');
    await app.close();
  });
});
