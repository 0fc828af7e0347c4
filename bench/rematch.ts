/**
 * npm run bench:rematch -- [--achievements 100000] [--demands 5000]
 *
 * Batch rematch speed (issue 6: 5,000 demands × 100,000 achievements in ≤ 5 minutes): generated
 * published achievements (src/modules/achievements/achievement-generator.ts) and open demands of
 * the demo enterprises (bench/lib/demand-generator.ts, same vocabulary; a few already matched, so
 * owners have a conversion record) are written into a fresh database; the search index is built as
 * the server builds it; then the matching module's rematchAll recomputes the top 20 of every open
 * demand into match_recommendations. Prints the time, demands/s and peak RSS, on PGlite, and on
 * PostgreSQL when DATABASE_URL is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { searchSources } from '../src/app.js';
import { seedAccountsDemo } from '../src/modules/accounts/demo-data.js';
import { generateAchievement } from '../src/modules/achievements/achievement-generator.js';
import { applyPatch, canonicalizeIpItems, emptyData } from '../src/modules/achievements/achievement-rules.js';
import { insertAchievementsSkippingDuplicates } from '../src/modules/achievements/achievements.queries.js';
import { normalizeTitle } from '../src/modules/achievements/title-similarity.js';
import { normalizeDemandTitle } from '../src/modules/demands/demand-rules.js';
import { demands } from '../src/modules/demands/index.js';
import { countRecommendations } from '../src/modules/matching/matching.queries.js';
import { rematchAll } from '../src/modules/matching/index.js';
import { syncRegions } from '../src/modules/regions/index.js';
import { createSearchRuntime, rebuild } from '../src/modules/search/index.js';
import { acquireDataDirLock } from '../src/platform/data-lock.js';
import { openDatabase, rowsOf } from '../src/platform/db.js';
import { generateDemand } from './lib/demand-generator.js';
import { withThrowawayDatabase } from './lib/throwaway-db.js';

const args = process.argv.slice(2);
const num = (name: string, d: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const ACHIEVEMENTS = num('--achievements', 100_000);
const DEMANDS = num('--demands', 5_000);
const GOAL_MS = 5 * 60_000;
const OPEN = ['published', 'published', 'claimed', 'docking'] as const;

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const secs = (ms: number) => (ms / 1000).toFixed(1);

async function run(label: string, opts: { databaseUrl?: string }) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kehui-bench-rematch-'));
  const lock = opts.databaseUrl ? null : acquireDataDirLock(dataDir);
  const database = await openDatabase(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : { pgliteDir: path.join(dataDir, 'pgdata') });
  try {
    const db = database.db;
    await database.migrate();
    await syncRegions(db);
    const { organizations } = await db.transaction((tx) => seedAccountsDemo(tx));
    const owners = organizations.filter((o) => (o.type === 'university' || o.type === 'institute') && o.status === 'verified');
    const enterprises = organizations.filter((o) => o.type === 'enterprise' && o.status === 'verified');

    // ---- achievements, in bulk (as bench/search-load.ts) ----
    const s0 = performance.now();
    const now = Date.now();
    const sampleIds: string[] = [];
    for (let start = 0; start < ACHIEVEMENTS; start += 2000) {
      const batch: Parameters<typeof insertAchievementsSkippingDuplicates>[1] = [];
      for (let i = start; i < Math.min(ACHIEVEMENTS, start + 2000); i++) {
        const owner = owners[i % owners.length];
        if (!owner) continue;
        const g = generateAchievement(300_000 + i, owner.name);
        const data = applyPatch(emptyData(`${g.title}·${i}`), { ...g, title: `${g.title}·${i}` });
        data.ipItems = canonicalizeIpItems(data.ipItems);
        data.owners = [{ organizationId: owner.id, name: owner.name, share: 100 }];
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
      await db.transaction((tx) => insertAchievementsSkippingDuplicates(tx, batch));
    }
    const some = await db.execute(sql`select id from achievements where status = 'published' order by id limit 400`);
    for (const r of rowsOf<{ id: string }>(some)) sampleIds.push(r.id);
    console.log(`${label}: wrote ${ACHIEVEMENTS} achievements in ${secs(performance.now() - s0)} s`);

    // ---- demands: open ones, plus 5 % already matched (the owners' conversion record) ----
    const d0 = performance.now();
    const matched = Math.round(DEMANDS * 0.05);
    for (let start = 0; start < DEMANDS + matched; start += 1000) {
      const rows: (typeof demands.$inferInsert)[] = [];
      for (let i = start; i < Math.min(DEMANDS + matched, start + 1000); i++) {
        const enterprise = enterprises[i % enterprises.length];
        if (!enterprise) continue;
        const g = generateDemand(900_000 + i);
        const title = `${g.title}·${i}`;
        const isMatched = i >= DEMANDS;
        const publishedAt = new Date(now - (i % 500) * 3600_000);
        rows.push({
          ...g,
          title,
          normalizedTitle: normalizeDemandTitle(title),
          enterpriseOrganizationId: enterprise.id,
          regionCode: enterprise.regionCode,
          source: 'import',
          status: isMatched ? 'matched' : (OPEN[i % OPEN.length] ?? 'published'),
          publishedAt,
          responseDueAt: new Date(publishedAt.getTime() + 48 * 3600_000),
          matchedAchievementIds: isMatched ? [sampleIds[i % sampleIds.length] ?? ''].filter(Boolean) : [],
          matchedAt: isMatched ? publishedAt : null,
        });
      }
      await db.insert(demands).values(rows);
    }
    console.log(`${label}: wrote ${DEMANDS} open and ${matched} matched demands in ${secs(performance.now() - d0)} s`);

    // ---- the index, as the server builds it ----
    const rt = createSearchRuntime({ db, sources: searchSources(), log: { error: console.error, info: () => undefined } });
    const built = await rebuild(rt);
    console.log(`${label}: search index built: ${built.docs} records in ${secs(built.ms)} s, RSS ${mb(process.memoryUsage().rss)} MB`);

    // ---- the rematch ----
    let peak = process.memoryUsage().rss;
    let shown = 0;
    const r = await rematchAll(
      { db, search: rt },
      {
        onProgress: (p) => {
          peak = Math.max(peak, process.memoryUsage().rss);
          if (p.done - shown >= 1000 || p.done === p.total) {
            shown = p.done;
            console.log(`  ${p.done}/${p.total} demands, ${p.recommendations} recommendations, ${secs(p.ms)} s`);
          }
        },
      },
    );
    const stored = await countRecommendations(db);
    const rate = r.demands / (r.ms / 1000);
    console.log(
      `${label}: rematch ${r.demands} demands × ${ACHIEVEMENTS} achievements in ${secs(r.ms)} s — ${rate.toFixed(1)} demands/s, ` +
        `${stored} recommendations stored, peak RSS ${mb(peak)} MB — goal ≤ ${GOAL_MS / 60_000} min: ${r.ms <= GOAL_MS ? 'met' : 'NOT met'}`,
    );
    const p = r.phases;
    console.log(`${label}: time by phase: index queries ${secs(p.search)} s, feature loads ${secs(p.load)} s, scoring ${secs(p.score)} s, writes ${secs(p.write)} s`);
  } finally {
    await database.close();
    lock?.release();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`bench:rematch — ${DEMANDS} open demands × ${ACHIEVEMENTS} achievements (Node ${process.version}, pid ${process.pid})`);
await run('PGlite', {});
await withThrowawayDatabase('kehui_rematch', (url) => run('PostgreSQL', { databaseUrl: url }));
