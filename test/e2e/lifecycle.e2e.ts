import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, startServer } from './support.js';

/** The process as `npm start` runs it: data-directory lock, clean shutdown, reopen. */
const dataDir = mkdtempSync(path.join(tmpdir(), 'kehui-life-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function runToExit(env: Record<string, string>, timeoutMs: number) {
  return new Promise<{ code: number | null; output: string; ms: number }>((resolve) => {
    const t0 = Date.now();
    let output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Date.now() - t0 });
    });
  });
}

describe('server process', () => {
  it('refuses a second process on the same data directory, naming the holder, within 10 s', async () => {
    const first = await startServer({ DATA_DIR: dataDir });
    try {
      expect(first.output()).toContain('演示账号');
      const second = await runToExit({ DATA_DIR: dataDir, PORT: '0' }, 15_000);
      expect(second.code).not.toBe(0);
      expect(second.code).not.toBeNull();
      expect(second.ms).toBeLessThan(10_000);
      expect(second.output).toContain(`pid ${first.process.pid}`);
      // The first process is unharmed.
      expect((await fetch(`${first.url}/api/ready`)).status).toBe(200);
    } finally {
      await first.stop();
    }
  });

  it('finishes an in-flight request on SIGTERM, exits 0 and releases the lock', async () => {
    const server = await startServer({ DATA_DIR: dataDir });
    const exited = new Promise<number | null>((r) => server.process.once('exit', (code) => r(code)));
    const inflight = fetch(`${server.url}/api/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'operator@kehui.example.cn', password: 'Demo@2026' }),
    });
    await new Promise((r) => setTimeout(r, 5));
    server.process.kill('SIGTERM');
    const res = await inflight;
    expect(res.status).toBe(200);
    expect(await exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'kehui.lock'))).toBe(false);
  });

  it('reopens the same data directory with its data and does not seed twice', async () => {
    const server = await startServer({ DATA_DIR: dataDir });
    try {
      expect(server.output()).not.toContain('演示账号');
      const stats = (await (await fetch(`${server.url}/api/public/stats`)).json()) as { organizations: { total: number } };
      expect(stats.organizations.total).toBe(36);
    } finally {
      await server.stop();
    }
  });

  it('takes over a lock left by a dead process', async () => {
    const dead = spawn('true');
    await new Promise((r) => dead.once('exit', r));
    writeFileSync(path.join(dataDir, 'kehui.lock'), `${dead.pid}\n`);
    const server = await startServer({ DATA_DIR: dataDir });
    try {
      expect(readFileSync(path.join(dataDir, 'kehui.lock'), 'utf8').trim()).toBe(String(server.process.pid));
    } finally {
      await server.stop();
    }
  });

  it('starts empty with KEHUI_DEMO=0', async () => {
    const server = await startServer({ KEHUI_DEMO: '0' });
    try {
      const stats = (await (await fetch(`${server.url}/api/public/stats`)).json()) as { organizations: { total: number } };
      expect(stats.organizations.total).toBe(0);
    } finally {
      await server.stop();
    }
  });
});
