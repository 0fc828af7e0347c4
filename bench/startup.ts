/**
 * npm run bench:startup — cold-start time from process spawn to /api/ready answering 200, on a fresh data
 * directory (initdb + migrations + demo data) and on the reopened one; with DATABASE_URL set, on PostgreSQL.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_ARGS, serverEnv } from './lib/server-env.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function timeToReady(env: Record<string, string>, port: number): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, SERVER_ARGS, {
    cwd: ROOT,
    env: serverEnv({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env }),
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/ready`)).ok) return performance.now() - t0;
      } catch {
        // not yet listening
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const runs = Number(process.argv[2] ?? 3);
const rows: { case: string; ms: number[] }[] = [];
if (process.env.DATABASE_URL) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push(await timeToReady({ DATABASE_URL: process.env.DATABASE_URL }, 3900 + i));
  rows.push({ case: 'PostgreSQL (migrations already applied after run 1)', ms });
} else {
  const fresh: number[] = [];
  const reopened: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'kehui-bench-start-'));
    fresh.push(await timeToReady({ DATA_DIR: dir }, 3900 + i));
    reopened.push(await timeToReady({ DATA_DIR: dir }, 3950 + i));
    rmSync(dir, { recursive: true, force: true });
  }
  rows.push({ case: 'PGlite, fresh data directory (initdb + migrations + demo data)', ms: fresh });
  rows.push({ case: 'PGlite, reopened data directory', ms: reopened });
}
for (const r of rows) {
  const sorted = [...r.ms].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(`${r.case}: median ${Math.round(median)} ms (runs: ${r.ms.map((m) => Math.round(m)).join(', ')} ms)`);
}
