/**
 * npm run bench:auction -- [--seconds 60] [--bidders 200] [--watchers 1000] [--measure 10] [--rate 1100]
 *                           [--phases paced,max] [--warmup 5] [--cpu-prof DIR] [--only pglite|postgresql]
 *
 * One lot, over HTTP, against a real server process: B confirmed bidders (each its own verified
 * organization and session) bid concurrently for S seconds while W Server-Sent-Events watchers
 * follow the lot. Two phases, each on its own lot: `paced`, where the bidders together offer
 * `--rate` bids/s (1,100 by default, so that over 1,000 are accepted: the goal's throughput) and
 * latency is what a bidder waits at that load; and `max`, where every bidder bids as fast as the
 * server's rate limit allows (~3,600 bids/s offered by 200 bidders), which shows the ceiling of
 * this machine, with latency then mostly queueing (bidders wait for their previous answer). Prints accepted bids/s, p99 bid latency (request → response) and p99
 * bid → watcher latency (request sent → event received by a watcher; measured on M of the
 * watchers, the others only drain their streams), then checks the invariants on the result:
 * the ledger (hash chain + replay = stored result), accepted responses = ledger bids with no
 * duplicates, price never decreasing, every bid on the ladder and ≥ previous + increment, end
 * time only forward and only through bids in the delay window, no bid accepted after the close,
 * and the winner holding the maximum accepted bid. On PGlite, and on PostgreSQL when DATABASE_URL
 * is set (a throwaway database).
 *
 * Bidding: each bid is one increment above the last one any bidder sent (a counter shared by the
 * bidders of this process), so most bids are valid and arrive nearly in order; a bid overtaken on
 * the way by a higher one decided in an earlier batch is refused as below the price. The bids sent
 * in the lot's last second and after its close are also reported apart (they meet the close). Each bidder stays under the server's rate limit (20 bids/s).
 * The lot's latest end is set to the end of the run, so bids keep arriving after the close.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { seedAccountsDemo } from '../src/modules/accounts/demo-data.js';
import { createOrganization, createUser, makeCreditCode } from '../src/modules/accounts/accounts.factories.js';
import { hashPassword } from '../src/modules/accounts/passwords.js';
import { seedAchievementsDemo } from '../src/modules/achievements/demo-data.js';
import { checkLedgerInvariants, type LedgerEvent, type LotRules } from '../src/modules/auctions/auction-rules.js';
import { syncRegions } from '../src/modules/regions/index.js';
import { acquireDataDirLock } from '../src/platform/data-lock.js';
import { openDatabase } from '../src/platform/db.js';
import { percentile } from './lib/ir-eval.js';
import { withThrowawayDatabase } from './lib/throwaway-db.js';
import { SERVER_ARGS, serverEnv } from './lib/server-env.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const num = (name: string, d: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const SECONDS = num('--seconds', 60);
const BIDDERS = num('--bidders', 200);
const WATCHERS = num('--watchers', 1000);
// Measuring watchers parse every event in this process, which shares the machine's two cores with
// the server: 50 of them parsed ~100,000 events/s at 2,000 bids/s and slowed the bidders they
// measure. Ten still give over a million latency samples a minute.
const MEASURED = Math.min(WATCHERS, num('--measure', 10));
const PASSWORD = 'Bench#2026';
const START_FEN = 1_000_000_00;
const INCREMENT_FEN = 100;
/** Per bidder, below the server's 20 bids/s. */
const MIN_GAP_MS = 55;
/**
 * Bids per second offered by all bidders together in the paced phase (`--rate`): 1,100, so that
 * over 1,000 are accepted (nearly every bid is, since a batch applies its bids in ascending amount).
 */
const RATE = num('--rate', 1100);
/** `--phases paced,max`: which phases run (both by default). */
const PHASES = (args.includes('--phases') ? (args[args.indexOf('--phases') + 1] ?? '') : 'paced,max').split(',');
/** Seconds of bidding before the timed window (`--warmup`). */
const WARMUP_S = num('--warmup', 5);
/** `--cpu-prof DIR`: the server writes a V8 CPU profile there. */
const CPU_PROF = args.includes('--cpu-prof') ? (args[args.indexOf('--cpu-prof') + 1] ?? '') : '';
const FREE_MINUTES = Math.max(1, Math.ceil(SECONDS / 60));

async function seed(opts: { databaseUrl?: string; dataDir: string }): Promise<string[]> {
  const lock = opts.databaseUrl ? null : acquireDataDirLock(opts.dataDir);
  const db = await openDatabase(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : { pgliteDir: path.join(opts.dataDir, 'pgdata') });
  await db.migrate();
  await syncRegions(db.db);
  const { organizations } = await db.db.transaction((tx) => seedAccountsDemo(tx));
  await db.db.transaction((tx) => seedAchievementsDemo(tx, organizations, 5));
  const passwordHash = await hashPassword(PASSWORD);
  const logins: string[] = [];
  await db.db.transaction(async (tx) => {
    for (let i = 0; i < BIDDERS; i++) {
      const org = await createOrganization(tx, { name: `竞买测试企业${i}`, type: 'enterprise', regionCode: '420111', creditCode: makeCreditCode('420111', 5_000_000 + i * 7919) });
      const email = `bidder${i}@bench.example.cn`;
      await createUser(tx, { name: `竞买人${i}`, email, password: PASSWORD, passwordHash, organizationId: org.id, roles: [{ role: 'org_admin' }] });
      logins.push(email);
    }
  });
  await db.close();
  lock?.release();
  return logins;
}

interface Client {
  cookie: string;
  csrf: string;
}

async function signIn(base: string, login: string): Promise<Client> {
  const r = await fetch(`${base}/api/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: login.startsWith('bidder') ? PASSWORD : 'Demo@2026' }) });
  if (!r.ok) throw new Error(`sign-in ${login}: ${r.status} ${await r.text()}`);
  const cookies = r.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const csrf = cookies.find((c) => c.startsWith('kehui_csrf='))?.slice('kehui_csrf='.length) ?? '';
  return { cookie: cookies.join('; '), csrf };
}

async function api<T>(base: string, c: Client | null, method: string, url: string, body?: unknown): Promise<T> {
  const r = await fetch(`${base}${url}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(c ? { cookie: c.cookie, 'x-csrf-token': c.csrf } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${text}`);
  return JSON.parse(text) as T;
}

function rssMb(pid: number) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Math.round(Number(m?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

async function run(label: string, env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kehui-bench-auction-'));
  const s0 = performance.now();
  const logins = await seed({ dataDir, ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}) });
  console.log(`${label}: seeded ${BIDDERS} bidder organizations in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
  const port = 4900 + Math.floor(Math.random() * 300);
  const profile = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(CPU_PROF)}`] : [];
  const child = spawn(process.execPath, [...profile, ...SERVER_ARGS], {
    cwd: ROOT,
    // The PGlite run must not inherit the PostgreSQL URL of the other run.
    env: serverEnv({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', KEHUI_DEMO: '0', ...env }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const watcherAgent = new Agent({ connections: WATCHERS + 10, pipelining: 0, bodyTimeout: 0, headersTimeout: 0 });
  const bidAgent = new Agent({ connections: BIDDERS, pipelining: 1, keepAliveTimeout: 60_000 });
  const streams: AbortController[] = [];
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/ready`)).ok) break;
      } catch {}
      if (i > 600) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    // ---- the lot, the bidders, the deposits ----
    const operator = await signIn(base, 'operator@kehui.example.cn');
    const achievements = await api<{ items: { id: string }[] }>(base, null, 'GET', '/api/achievements?pageSize=2');
    const session = await api<{ id: string }>(base, operator, 'POST', '/api/auctions/sessions', { title: '压力测试专场', kind: 'industry', industry: 'C' });
    const clients: Client[] = [];
    for (let i = 0; i < logins.length; i += 20) clients.push(...(await Promise.all(logins.slice(i, i + 20).map((l) => signIn(base, l)))));
    const phase = async (name: string, gapMs: number, achievementId: string) => {
      console.log(`${name}: ${BIDDERS} bidders, one bid each every ${gapMs} ms at most (${Math.round((BIDDERS * 1000) / gapMs)} bids/s offered at most)`);
      // Bidding opens at T0 and the lot ends exactly SECONDS later (its latest end), while bids still arrive.
      const setupMs = 20_000 + BIDDERS * 40;
      const T0 = Date.now() + setupMs;
      const lot = await api<{ id: string }>(base, operator, 'POST', `/api/auctions/sessions/${session.id}/lots`, {
        achievementId,
        startPrice: String(START_FEN / 100),
        increment: String(INCREMENT_FEN / 100),
        reserve: String(START_FEN / 100),
        deposit: '10000',
        // Free bidding until a minute before the end, then the one-minute delay window.
        startsAt: new Date(T0 + SECONDS * 1000 - 60_000 - FREE_MINUTES * 60_000).toISOString(),
        freeMinutes: FREE_MINUTES,
        delayMinutes: 1,
        latestEndAt: new Date(T0 + SECONDS * 1000 + 1000).toISOString(),
      });
      for (let i = 0; i < clients.length; i += 20) {
        await Promise.all(
          clients.slice(i, i + 20).map(async (c) => {
            const reg = await api<{ myBidder: { id: string } }>(base, c, 'POST', `/api/auctions/lots/${lot.id}/register`);
            await api(base, operator, 'POST', `/api/auctions/bidders/${reg.myBidder.id}/confirm-deposit`, { paymentReference: `BENCH-${reg.myBidder.id.slice(0, 8)}` });
          }),
        );
      }

      // ---- watchers ----
      const sentAt = new Map<number, number>();
      const watcherLatencies: number[] = [];
      let watcherEvents = 0;
      let streamsOpen = 0;
      for (let w = 0; w < WATCHERS; w++) {
        const ac = new AbortController();
        streams.push(ac);
        // Spread over the connection order (deliveries go out in that order, in slices).
        const measure = MEASURED > 0 && w % Math.floor(WATCHERS / MEASURED) === Math.floor(WATCHERS / MEASURED) - 1;
        if (!measure) {
          // A draining watcher is a bare socket that reads and drops the stream: an HTTP client's
          // body stream per watcher cost this process (which shares the two cores with the server
          // and times the bidders) more CPU than the server spent writing the events.
          const sock = connect(port, '127.0.0.1', () => {
            sock.write(`GET /api/auctions/lots/${lot.id}/events HTTP/1.1\r\nhost: 127.0.0.1\r\naccept: text/event-stream\r\n\r\n`);
          });
          let head = '';
          let open = false;
          sock.on('data', (chunk: Buffer) => {
            if (open) return;
            head += chunk.toString('latin1');
            if (head.includes('\r\n\r\n')) {
              open = true;
              if (head.startsWith('HTTP/1.1 200')) streamsOpen++;
            }
          });
          sock.on('error', () => undefined);
          ac.signal.addEventListener('abort', () => sock.destroy());
          continue;
        }
        void (async () => {
          const res = await request(`${base}/api/auctions/lots/${lot.id}/events`, { dispatcher: watcherAgent, signal: ac.signal, headers: { accept: 'text/event-stream' } });
          streamsOpen++;
          let buf = '';
          for await (const chunk of res.body) {
            if (!measure) continue;
            buf += (chunk as Buffer).toString('utf8');
            let i = buf.indexOf('\n\n');
            while (i >= 0) {
              const block = buf.slice(0, i);
              buf = buf.slice(i + 2);
              if (block.startsWith('id: ') && block.includes('event: bid')) {
                const m = /"amountFen":(\d+)/.exec(block);
                const sent = m ? sentAt.get(Number(m[1])) : undefined;
                if (sent !== undefined) watcherLatencies.push(performance.now() - sent);
                watcherEvents++;
              }
              i = buf.indexOf('\n\n');
            }
          }
        })().catch(() => undefined);
      }
      for (let i = 0; streamsOpen < WATCHERS && i < 600; i++) await new Promise((r) => setTimeout(r, 100));
      console.log(`${name}: ${streamsOpen} watchers connected; server RSS ${rssMb(child.pid ?? 0)} MB`);

      // ---- bidding ----
      // Bidding starts WARMUP_S before T0 (the server's code paths and caches warm up, as on a live
      // platform); only what is sent from T0 on is timed, every bid counts for the invariants.
      await new Promise((r) => setTimeout(r, Math.max(0, T0 - WARMUP_S * 1000 - Date.now())));
      let ticket = 0;
      const accepted: { amountFen: number; seq: number; atMs: number }[] = [];
      const latencies: number[] = [];
      /** Latencies of the bids sent from the last second before the lot's latest end on (the close). */
      const closingLatencies: number[] = [];
      const openLatencies: number[] = [];
      const acceptedLatencies: number[] = [];
      const refusals = new Map<string, number>();
      const refusedLatencies = new Map<string, number[]>();
      /** The slowest requests: when they were sent (ms after the start) and how they were answered. */
      const slowest: { ms: number; at: number; code: string }[] = [];
      let errors = 0;
      /** Every bid request, the warm-up's included (as in `accepted`). */
      let sentAll = 0;
      const stopAt = T0 + SECONDS * 1000 + 3000;
      await Promise.all(
        clients.map(async (c) => {
          while (Date.now() < stopAt) {
            const t = performance.now();
            const amountFen = START_FEN + INCREMENT_FEN * ticket++;
            if (Date.now() >= T0) sentAt.set(amountFen, t);
            sentAll++;
            try {
              const res = await request(`${base}/api/auctions/lots/${lot.id}/bids`, {
                dispatcher: bidAgent,
                method: 'POST',
                headers: { 'content-type': 'application/json', cookie: c.cookie, 'x-csrf-token': c.csrf },
                body: JSON.stringify({ amount: (amountFen / 100).toFixed(2), idempotencyKey: randomUUID() }),
              });
              const text = await res.body.text();
              const ms = performance.now() - t;
              const timed = Date.now() - ms >= T0;
              if (timed) latencies.push(ms);
              if (Date.now() - ms >= T0 + SECONDS * 1000) closingLatencies.push(ms);
              else if (timed) openLatencies.push(ms);
              if (timed && ms > 1000) slowest.push({ ms, at: Date.now() - ms - T0, code: String(res.headers['x-kehui-bid-refusal'] ?? res.statusCode) });
              if (res.statusCode === 201) {
                const b = JSON.parse(text) as { seq: number; amountFen: number; at: string };
                accepted.push({ amountFen: b.amountFen, seq: b.seq, atMs: Date.parse(b.at) });
                if (timed) acceptedLatencies.push(ms);
              } else {
                const code = String(res.headers['x-kehui-bid-refusal'] ?? res.statusCode);
                refusals.set(code, (refusals.get(code) ?? 0) + 1);
                if (timed) refusedLatencies.set(code, [...(refusedLatencies.get(code) ?? []), ms]);
              }
            } catch {
              errors++;
            }
            const wait = gapMs - (performance.now() - t);
            if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          }
        }),
      );
      await new Promise((r) => setTimeout(r, 2000));
      const inWindow = accepted.filter((a) => a.atMs >= T0 && a.atMs < T0 + SECONDS * 1000).length;
      const f = (x: number) => x.toFixed(1);
      console.log(
        `${name}: accepted ${Math.round(inWindow / SECONDS)} bids/s (${accepted.length} accepted of ${sentAll} sent, the ${WARMUP_S} s warm-up included; refused ${[...refusals].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}; ${errors} errors)`,
      );
      if (slowest.length) {
        const worst = slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
        console.log(`${name}: ${slowest.length} bids took over 1 s; slowest: ${worst.map((w) => `${f(w.ms)} ms sent at +${f(w.at / 1000)} s (${w.code})`).join('; ')}`);
      }
      console.log(`${name}: bid latency p50 ${f(percentile(latencies, 50))} ms, p99 ${f(percentile(latencies, 99))} ms (p99 of accepted ${f(percentile(acceptedLatencies, 99))} ms${[...refusedLatencies].map(([code, l]) => `, of ${code} ${f(percentile(l, 99))} ms`).join('')})`);
      console.log(`${name}: p99 of the ${openLatencies.length} bids sent in the ${SECONDS} s window ${f(percentile(openLatencies, 99))} ms; of the ${closingLatencies.length} sent in the lot's last second and after its close ${f(percentile(closingLatencies, 99))} ms`);
      console.log(
        `${name}: bid → watcher p50 ${f(percentile(watcherLatencies, 50))} ms, p99 ${f(percentile(watcherLatencies, 99))} ms (${watcherEvents} events on ${MEASURED} measuring watchers of ${WATCHERS}); server RSS ${rssMb(child.pid ?? 0)} MB`,
      );
      const goal = inWindow / SECONDS >= 1000 && percentile(latencies, 99) <= 100 && percentile(watcherLatencies, 99) <= 100;
      console.log(`${name}: goal (≥ 1,000 accepted bids/s, both p99 ≤ 100 ms) ${goal ? 'met' : 'NOT met'}`);

      // ---- invariants ----
      for (const ac of streams) ac.abort();
      const detail = await api<{ status: string; result: string | null; priceFen: number | null; leaderPaddle: number | null; startPriceFen: number; incrementFen: number; startsAt: string; freeEndsAt: string; delayMinutes: number; latestEndAt: string | null }>(base, operator, 'GET', `/api/auctions/lots/${lot.id}`);
      // The ledger API answers at most 10,000 entries per call: page with afterSeq.
      type Entry = { seq: number; kind: string; paddle: number | null; amountFen: number | null; atMs: number; endsAtMs: number; extended: boolean; note: string | null };
      const ledger = { items: [] as Entry[] };
      for (;;) {
        const page = await api<{ items: Entry[] }>(base, null, 'GET', `/api/auctions/lots/${lot.id}/ledger?afterSeq=${ledger.items[ledger.items.length - 1]?.seq ?? 0}`);
        if (!page.items.length) break;
        ledger.items.push(...page.items);
      }
      const verify = await api<{ ok: boolean; replay: { matchesStored: boolean; result: string | null } }>(base, null, 'GET', `/api/auctions/lots/${lot.id}/verify`);
      const rules: LotRules = {
        startPriceFen: detail.startPriceFen,
        incrementFen: detail.incrementFen,
        reserveFen: START_FEN,
        startsAt: Date.parse(detail.startsAt),
        freeEndsAt: Date.parse(detail.freeEndsAt),
        delayMs: detail.delayMinutes * 60_000,
        latestEndAt: detail.latestEndAt ? Date.parse(detail.latestEndAt) : null,
      };
      const events: LedgerEvent[] = ledger.items.map((e) => ({ seq: e.seq, kind: e.kind as LedgerEvent['kind'], at: e.atMs, paddle: e.paddle, amountFen: e.amountFen, endsAt: e.endsAtMs, extended: e.extended, note: e.note }));
      const problems = checkLedgerInvariants(rules, events);
      const bidEntries = events.filter((e) => e.kind === 'bid');
      const close = events.find((e) => e.kind === 'close');
      const max = accepted.reduce((m, a) => Math.max(m, a.amountFen), 0);
      const seqs = new Set(accepted.map((a) => a.seq));
      const checks: [string, boolean][] = [
        ['ledger invariants (ladder, price, end time, nothing after close)', problems.length === 0],
        ['hash chain intact and replay = stored result', verify.ok && verify.replay.matchesStored],
        ['accepted bids = ledger bid entries, no duplicates', bidEntries.length === accepted.length && seqs.size === accepted.length && bidEntries.every((e) => seqs.has(e.seq))],
        ['no bid accepted after the close', close !== undefined && !accepted.some((a) => a.seq > close.seq)],
        ['lot closed and sold to the maximum accepted bid', detail.status === 'closed' && detail.result === 'sold' && detail.priceFen === max && close?.amountFen === max],
      ];
      for (const [check, ok] of checks) console.log(`${name}: ${ok ? 'OK  ' : 'FAIL'} ${check}`);
      if (problems.length) console.log(problems.slice(0, 10).join('\n'));
      if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
      for (const ac of streams.splice(0)) ac.abort();
    };
    const [paced, max] = [achievements.items[0]?.id ?? '', achievements.items[1]?.id ?? ''];
    if (PHASES.includes('paced')) await phase(`${label} paced`, Math.round((BIDDERS * 1000) / RATE), paced);
    if (PHASES.includes('max')) await phase(`${label} max`, MIN_GAP_MS, max);
  } finally {
    for (const ac of streams) ac.abort();
    await watcherAgent.destroy().catch(() => undefined);
    await bidAgent.close().catch(() => undefined);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`bench:auction — ${BIDDERS} bidders, ${WATCHERS} SSE watchers (${MEASURED} measuring), ${SECONDS} s on one lot`);
/** `--only pglite|postgresql`: one of the two runs. */
const ONLY = args.includes('--only') ? (args[args.indexOf('--only') + 1] ?? '') : '';
if (ONLY !== 'postgresql') await run('PGlite', {});
if (ONLY !== 'pglite') await withThrowawayDatabase('kehui_auction', (url) => run('PostgreSQL', { DATABASE_URL: url }));
