/**
 * npm run bench:search:load -- [--records 100000] [--seconds 20] [--connections 50] [--cpu-prof DIR]
 *        [--first-repeated S]
 *
 * Search speed over HTTP: a generator in the repo (src/modules/achievements/achievement-generator.ts)
 * writes N published achievements of realistic Chinese text into a fresh database; a real server
 * process starts on it (building its index); then C concurrent keep-alive connections send
 * 1–3-term queries drawn from the records' keywords to GET /api/search for a fixed time, and the
 * same connections hit bare GET /api/health for the same time as the baseline. Prints queries/s,
 * p50/p95/p99 latency and the server's memory, on PGlite, and on PostgreSQL when DATABASE_URL is set.
 * The connections are bench/lib/http-client.ts's: the generator shares the two cores with the
 * server, and undici took twice the CPU per answer (0.15–0.18 ms against 0.08 ms).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { seedAchievementsDemo } from '../src/modules/achievements/demo-data.js';
import { generateAchievement, prng } from '../src/modules/achievements/achievement-generator.js';
import { applyPatch, canonicalizeIpItems, emptyData } from '../src/modules/achievements/achievement-rules.js';
import { insertAchievementsSkippingDuplicates } from '../src/modules/achievements/achievements.queries.js';
import { normalizeTitle } from '../src/modules/achievements/title-similarity.js';
import { seedAccountsDemo } from '../src/modules/accounts/demo-data.js';
import { createExchange, syncExchange } from '../src/modules/exchange/index.js';
import { syncRegions } from '../src/modules/regions/index.js';
import { acquireDataDirLock } from '../src/platform/data-lock.js';
import { openDatabase } from '../src/platform/db.js';
import { KeepAliveConnection } from './lib/http-client.js';
import { percentile } from './lib/ir-eval.js';
import { withThrowawayDatabase } from './lib/throwaway-db.js';
import { SERVER_ARGS, serverEnv } from './lib/server-env.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const num = (name: string, d: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const RECORDS = num('--records', 100_000);
const SECONDS = num('--seconds', 20);
const CONNECTIONS = num('--connections', 50);
/** `--cpu-prof DIR`: the server writes a V8 CPU profile there (open it in Chrome DevTools). */
const CPU_PROF = args.includes('--cpu-prof') ? (args[args.indexOf('--cpu-prof') + 1] ?? '') : '';
/** `--threads N`: the server's search replicas (KEHUI_SEARCH_THREADS; default: the server's own default). */
const THREADS = args.includes('--threads') ? (args[args.indexOf('--threads') + 1] ?? '') : '';
/**
 * `--first-repeated S`: before the warm-up, S seconds of one search sent over and over (a popular
 * search right after a start); 0 (none) by default. Started that way, a server run without
 * `--no-allocation-site-pretenuring` (lib/server-env.ts says why) made its request objects in the old
 * generation and stayed at 60–85 % of its search throughput: this phase shows whether a server does.
 */
const FIRST_REPEATED = num('--first-repeated', 0);
/** `--only pglite|postgresql`: run one of the two databases. */
const ONLY = args.includes('--only') ? (args[args.indexOf('--only') + 1] ?? '') : '';

/**
 * Writes the records in a child process (this script with `--seed-into DIR [--seed-db URL]`), which
 * leaves the keywords in DIR/keywords.json: the load generator's heap then holds none of the seeding's
 * objects, whose full collections would pause it while it times the server.
 */
async function seed(opts: { databaseUrl?: string; dataDir: string }): Promise<string[]> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--seed-into', opts.dataDir, '--records', String(RECORDS), ...(opts.databaseUrl ? ['--seed-db', opts.databaseUrl] : [])], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`seeding failed (exit ${code})`);
  return JSON.parse(readFileSync(path.join(opts.dataDir, 'keywords.json'), 'utf8')) as string[];
}

async function seedHere(opts: { databaseUrl?: string; dataDir: string }): Promise<string[]> {
  const lock = opts.databaseUrl ? null : acquireDataDirLock(opts.dataDir);
  const db = await openDatabase(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : { pgliteDir: path.join(opts.dataDir, 'pgdata') });
  await db.migrate();
  await syncRegions(db.db);
  const { organizations } = await db.db.transaction((tx) => seedAccountsDemo(tx));
  await db.db.transaction((tx) => seedAchievementsDemo(tx, organizations));
  const owners = organizations.filter((o) => o.type === 'university' || o.type === 'institute');
  const keywords: string[] = [];
  const now = Date.now();
  for (let start = 0; start < RECORDS; start += 2000) {
    const batch: Parameters<typeof insertAchievementsSkippingDuplicates>[1] = [];
    for (let i = start; i < Math.min(RECORDS, start + 2000); i++) {
      const owner = owners[i % owners.length];
      if (!owner) continue;
      const g = generateAchievement(200_000 + i, owner.name);
      const data = applyPatch(emptyData(`${g.title}·${i}`), { ...g, title: `${g.title}·${i}` });
      data.ipItems = canonicalizeIpItems(data.ipItems);
      data.owners = [{ organizationId: owner.id, name: owner.name, share: 100 }];
      if (i % 50 === 0) keywords.push(...data.keywords);
      const at = new Date(now - (i % 1000) * 3600_000);
      batch.push({
        ...data,
        normalizedTitle: normalizeTitle(data.title),
        ownerOrganizationId: owner.id,
        regionCode: owner.regionCode,
        status: 'published',
        source: 'bench',
        version: 1,
        publishedAt: at,
        lastConfirmedAt: at,
      });
    }
    await db.db.transaction((tx) => insertAchievementsSkippingDuplicates(tx, batch));
  }
  // The records went in without the services, so the exchange repository (OAI-PMH, change feed) is
  // built here, once, as the first start of a server would: otherwise the server measured builds it
  // in its first minutes, one long transaction beside the searches (on PGlite, in the same thread).
  const x0 = performance.now();
  await syncExchange(createExchange({ db: db.db, secret: 'bench-search-load', adminEmail: 'bench@example.invalid' }));
  console.log(`exchange repository built in ${((performance.now() - x0) / 1000).toFixed(1)} s (before the server starts)`);
  await db.close();
  lock?.release();
  return [...new Set(keywords)];
}

/** User + system CPU time of a process so far, in ms (/proc/PID/stat fields 14 and 15, in clock ticks of 10 ms). */
function cpuMs(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
}

function rssMb(pid: number) {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Math.round(Number(m?.[1] ?? 0) / 1024);
}

/** Set by the query generator for the path it just returned: whether the server saw it before (else null). */
let lastFresh: boolean | null = null;

async function load(port: number, pathFor: () => string, seconds: number) {
  const latencies: number[] = [];
  const byFreshness: Record<'fresh' | 'repeat', number[]> = { fresh: [], repeat: [] };
  let errors = 0;
  let bytes = 0;
  const totals: number[] = [];
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const connection = new KeepAliveConnection('127.0.0.1', port);
      while (performance.now() < end) {
        const t0 = performance.now();
        lastFresh = null;
        const path = pathFor();
        const fresh = lastFresh;
        try {
          // Matches per answer, from every 20th body (keeping all would load the client).
          const sample = latencies.length % 20 === 0;
          const { status, length, body } = await connection.get(path, { keepBody: sample });
          bytes += length;
          if (body) {
            const total = /"total":(\d+)/.exec(body.toString('utf8'));
            if (total) totals.push(Number(total[1]));
          }
          if (status !== 200) errors++;
        } catch {
          errors++;
        }
        const ms = performance.now() - t0;
        latencies.push(ms);
        if (fresh !== null) byFreshness[fresh ? 'fresh' : 'repeat'].push(ms);
      }
      connection.close();
    }),
  );
  return { rps: latencies.length / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), errors, n: latencies.length, fresh: byFreshness.fresh, repeat: byFreshness.repeat, kb: bytes / 1024 / Math.max(1, latencies.length), meanTotal: totals.length ? Math.round(totals.reduce((a, b) => a + b, 0) / totals.length) : 0 };
}

async function run(label: string, env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kehui-bench-load-'));
  const s0 = performance.now();
  const keywords = await seed({ dataDir, ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}) });
  console.log(`${label}: wrote ${RECORDS} generated achievements in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
  const port = 4600 + Math.floor(Math.random() * 300);
  const t0 = performance.now();
  const profile = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(CPU_PROF)}`] : [];
  const child = spawn(process.execPath, [...profile, ...SERVER_ARGS], {
    cwd: ROOT,
    env: serverEnv({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', KEHUI_DEMO: '0', ...(THREADS ? { KEHUI_SEARCH_THREADS: THREADS } : {}), ...env }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      try {
        // Ready when the index is built in the request thread and in every search replica.
        const r = await fetch(`${base}/api/search/status`);
        const s = r.ok ? ((await r.json()) as { ready: boolean; threads: { threads: number; ready: number } }) : null;
        if (s?.ready && s.threads.ready === s.threads.threads) break;
      } catch {}
      if (i > 3000 * Math.max(1, RECORDS / 100_000)) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`${label}: server ready with its index in ${((performance.now() - t0) / 1000).toFixed(1)} s, RSS ${rssMb(child.pid ?? 0)} MB`);
    const rand = prng(7);
    const pick = () => keywords[Math.floor(rand() * keywords.length)] ?? '技术';
    const sent = new Set<string>();
    const query = () => {
      const n = 1 + Math.floor(rand() * 3);
      const path = `/api/search?q=${encodeURIComponent(Array.from({ length: n }, pick).join(' '))}&pageSize=10`;
      lastFresh = !sent.has(path);
      sent.add(path);
      return path;
    };
    const f = (x: number) => x.toFixed(1);
    if (FIRST_REPEATED > 0) {
      const one = `/api/search?q=${encodeURIComponent(keywords.slice(0, 2).join(' '))}&pageSize=10`;
      const r = await load(port, () => one, FIRST_REPEATED);
      console.log(`${label}: first ${FIRST_REPEATED} s, one search repeated: ${Math.round(r.rps)} q/s  p50 ${f(r.p50)} ms  p95 ${f(r.p95)} ms  p99 ${f(r.p99)} ms`);
    }
    await load(port, query, 3); // warm-up
    const warm = sent.size;
    const pid = child.pid ?? 0;
    const replicas = async () => ((await (await fetch(`${base}/api/search/status`)).json()) as { threads: { threads: number; answered: number } }).threads;
    const replicas0 = await replicas();
    let cpu0 = cpuMs(pid);
    const own0 = process.cpuUsage();
    // The generator's own stalls (its event loop late to read answers) would count as server latency.
    const clientDelay = monitorEventLoopDelay({ resolution: 5 });
    clientDelay.enable();
    const s = await load(port, query, SECONDS);
    clientDelay.disable();
    const searchCpu = cpuMs(pid) - cpu0;
    const own = process.cpuUsage(own0);
    const replicas1 = await replicas();
    const rss = rssMb(pid);
    cpu0 = cpuMs(pid);
    const h = await load(port, () => '/api/health', SECONDS);
    const healthCpu = cpuMs(pid) - cpu0;
    console.log(`${label}: search  ${Math.round(s.rps)} q/s  p50 ${f(s.p50)} ms  p95 ${f(s.p95)} ms  p99 ${f(s.p99)} ms  (${s.n} requests, ${s.errors} errors, ${CONNECTIONS} connections, ${SECONDS} s, ${f(s.kb)} KB per answer, ${s.meanTotal} matches per answer) server RSS ${rss} MB, server CPU ${(searchCpu / s.n).toFixed(3)} ms per request`);
    console.log(
      `${label}: ${replicas1.threads} search replica thread(s) answered ${replicas1.answered - replicas0.answered} of the ${s.n} searches; the load generator (this process) used ${((own.user + own.system) / 1000 / s.n).toFixed(3)} ms CPU per request`,
    );
    // The server keeps answers until the next write (search.service searchAnswer): how often a
    // query repeats decides how many are answered from there.
    console.log(`${label}: ${sent.size - warm} queries not sent before among the ${s.n} of the timed phase (${warm} distinct in the 3 s warm-up; ${keywords.length} keywords drawn from)`);
    // A repeated query is usually answered from the kept answers (until the next write): its latency is mostly waiting its turn.
    const split = (name: string, xs: number[]) => `${name} ${xs.length}: p50 ${f(percentile(xs, 50))} ms, p95 ${f(percentile(xs, 95))} ms, p99 ${f(percentile(xs, 99))} ms`;
    console.log(`${label}: latency by query — ${split('sent before', s.repeat)}; ${split('new', s.fresh)}`);
    // The histogram holds the time between its 5 ms ticks: the delay is what exceeds 5 ms.
    const late = (ns: number) => f(Math.max(0, ns / 1e6 - 5));
    console.log(`${label}: the load generator's event loop was late by p50 ${late(clientDelay.percentile(50))} ms, p99 ${late(clientDelay.percentile(99))} ms, max ${late(clientDelay.max)} ms`);
    console.log(`${label}: health  ${Math.round(h.rps)} req/s  p50 ${f(h.p50)} ms  p95 ${f(h.p95)} ms  p99 ${f(h.p99)} ms  server CPU ${(healthCpu / h.n).toFixed(3)} ms per request (baseline in the same run)`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (args.includes('--seed-into')) {
  const dataDir = args[args.indexOf('--seed-into') + 1] ?? '';
  const databaseUrl = args.includes('--seed-db') ? args[args.indexOf('--seed-db') + 1] : undefined;
  const keywords = await seedHere({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
  writeFileSync(path.join(dataDir, 'keywords.json'), JSON.stringify(keywords));
} else {
  console.log(`bench:search:load — ${RECORDS} records, ${CONNECTIONS} connections, ${SECONDS} s per phase`);
  if (ONLY !== 'postgresql' && ONLY !== 'postgres') await run('PGlite', {});
  if (ONLY !== 'pglite') await withThrowawayDatabase('kehui_load', (url) => run('PostgreSQL', { DATABASE_URL: url }));
}
