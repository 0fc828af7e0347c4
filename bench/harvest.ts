/**
 * npm run bench:harvest -- [--records 100000] [--format kehui|oai_dc]
 *
 * Harvest speed (issue 9: 100,000 records from a local peer in ≤ 5 minutes). A provider platform is
 * a real Kehui server on PGlite with generated published achievements (bulk-loaded, as
 * bench/rematch.ts does), listening on a local port; the harvester, on its own database (PGlite, or
 * PostgreSQL when DATABASE_URL is set), harvests it over OAI-PMH with the harvest module's own
 * harvestPeer. Prints the time, records/s, and the provider's ListRecords page latency (p50/p95/max
 * of the pages of a second, timed pass over the list).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { seedAccountsDemo } from '../src/modules/accounts/demo-data.js';
import { generateAchievement } from '../src/modules/achievements/achievement-generator.js';
import { applyPatch, canonicalizeIpItems, emptyData } from '../src/modules/achievements/achievement-rules.js';
import { insertAchievementsSkippingDuplicates } from '../src/modules/achievements/achievements.queries.js';
import { normalizeTitle } from '../src/modules/achievements/title-similarity.js';
import { harvestedRecords, harvestPeer, harvestPeers } from '../src/modules/harvest/index.js';
import { fetchOaiPage, oaiUrl } from '../src/modules/harvest/oai-client.js';
import { syncRegions } from '../src/modules/regions/index.js';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/db.js';
import { withThrowawayDatabase } from './lib/throwaway-db.js';

const args = process.argv.slice(2);
const arg = (name: string, d: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? d) : d;
};
const RECORDS = Number(arg('--records', '100000'));
const FORMAT = arg('--format', 'kehui');
const GOAL_MS = 5 * 60_000;
const secs = (ms: number) => (ms / 1000).toFixed(1);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** The provider: a Kehui server on PGlite with RECORDS published achievements. */
async function provider() {
  const dir = mkdtempSync(path.join(tmpdir(), 'kehui-bench-provider-'));
  const database = await openDatabase({ pgliteDir: path.join(dir, 'pgdata') });
  const db = database.db;
  await database.migrate();
  await syncRegions(db);
  const { organizations } = await db.transaction((tx) => seedAccountsDemo(tx));
  const owners = organizations.filter((o) => (o.type === 'university' || o.type === 'institute') && o.status === 'verified');
  const t0 = performance.now();
  const now = Date.now();
  for (let start = 0; start < RECORDS; start += 2000) {
    const batch: Parameters<typeof insertAchievementsSkippingDuplicates>[1] = [];
    for (let i = start; i < Math.min(RECORDS, start + 2000); i++) {
      const owner = owners[i % owners.length];
      if (!owner) continue;
      const g = generateAchievement(500_000 + i, owner.name);
      const title = `${g.title}·${i}`;
      const data = applyPatch(emptyData(title), { ...g, title });
      data.ipItems = canonicalizeIpItems(data.ipItems);
      data.owners = [{ organizationId: owner.id, name: owner.name, share: 100 }];
      const at = new Date(now - (i % 1000) * 3600_000);
      batch.push({ ...data, normalizedTitle: normalizeTitle(title), ownerOrganizationId: owner.id, regionCode: owner.regionCode, status: 'published', source: 'bench', version: 1, publishedAt: at, lastConfirmedAt: at });
    }
    await db.transaction((tx) => insertAchievementsSkippingDuplicates(tx, batch));
  }
  console.log(`provider: wrote ${RECORDS} published achievements in ${secs(performance.now() - t0)} s`);
  const config = loadConfig({ DATA_DIR: dir, SESSION_SECRET: randomBytes(32).toString('hex'), KEHUI_DEMO: '0', LOG_LEVEL: 'silent' });
  const app = await buildApp(config, database, { logger: false, serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/oai`;
  // The server's start-up sync builds the OAI repository from every published record (once per
  // database); the first answer waits for it.
  const b0 = performance.now();
  await fetchOaiPage(oaiUrl(base, 'ListIdentifiers', { metadataPrefix: FORMAT }), { timeoutMs: 600_000, maxBytes: 50_000_000 });
  console.log(`provider: first OAI answer (repository built) after ${secs(performance.now() - b0)} s`);
  return { base, close: async () => { await app.close(); await database.close(); } };
}

async function harvester(label: string, base: string, opts: { databaseUrl?: string }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kehui-bench-harvester-'));
  const database = await openDatabase(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : { pgliteDir: path.join(dir, 'pgdata') });
  try {
    const db = database.db;
    await database.migrate();
    const [peer] = await db.insert(harvestPeers).values({ name: '基准对方平台', baseUrl: base, protocol: 'oai-pmh', metadataPrefix: FORMAT }).returning();
    if (!peer) throw new Error('peer insert failed');
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 500);
    const t0 = performance.now();
    const { run } = await harvestPeer({ db, timeoutMs: 120_000 }, peer.id);
    const ms = performance.now() - t0;
    clearInterval(sampler);
    const stored = (await db.select({ n: count() }).from(harvestedRecords))[0]?.n ?? 0;
    console.log(
      `${label}: ${run.status}${run.errorCode ? ` (${run.errorCode}: ${run.errorMessage})` : ''}, ${run.pages} pages, ${run.created} created, ${stored} stored, ` +
        `${secs(ms)} s, ${Math.round((stored / ms) * 1000)} records/s, peak RSS ${mb(peak)} MB — goal ≤ ${GOAL_MS / 60_000} min: ${ms <= GOAL_MS && stored >= RECORDS ? 'met' : 'NOT met'}`,
    );
    // Incremental harvest right after: nothing has changed, nothing is written.
    const i0 = performance.now();
    const again = await harvestPeer({ db, timeoutMs: 120_000 }, peer.id);
    console.log(`${label}: incremental harvest after it: ${again.run.created + again.run.updated} written, ${secs(performance.now() - i0)} s`);
  } finally {
    await database.close();
  }
}

/** The provider's ListRecords latency: a timed pass over the first pages of the list. */
async function pageLatency(base: string, pages = 50) {
  const times: number[] = [];
  let token: string | null = null;
  for (let i = 0; i < pages; i++) {
    const t0 = performance.now();
    const page = await fetchOaiPage(oaiUrl(base, 'ListRecords', token ? { resumptionToken: token } : { metadataPrefix: FORMAT }), { timeoutMs: 60_000, maxBytes: 50_000_000 });
    times.push(performance.now() - t0);
    token = page.resumptionToken;
    if (!token) break;
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]?.toFixed(0);
  console.log(`provider: ListRecords (${FORMAT}, 100 records a page) latency over ${times.length} pages: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
}

const p = await provider();
try {
  await pageLatency(p.base);
  await harvester('PGlite harvester', p.base, {});
  await withThrowawayDatabase('kehui_bench_harvest', (url) => harvester('PostgreSQL harvester', p.base, { databaseUrl: url }));
} finally {
  await p.close();
}
