import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './platform/config.js';
import type { Database } from './platform/db.js';
import { registerAuth } from './platform/http/auth-hooks.js';
import { registerHealthRoutes } from './platform/http/health.js';
import { createHttpServer } from './platform/http/server.js';
import { persistedSessionSecret } from './platform/settings.js';
import { createFileStore } from './platform/file-store.js';
import {
  type AccountsDeps,
  allOrganizationDocs,
  followAccountChanges,
  organizationDocsByIds,
  organizationFacetLabel,
  organizationHits,
  organizationNames,
  registerAccountRoutes,
  resolveApiToken,
  resolveSession,
} from './modules/accounts/index.js';
import {
  achievementDocsByIds,
  achievementFacetLabel,
  achievementHits,
  achievementRecordKind,
  allAchievementDocs,
  registerAchievementRoutes,
} from './modules/achievements/index.js';
import { registerCollectionRoutes } from './modules/collection/index.js';
import { createExchange, registerExchangeRoutes, startExchange, stopExchange } from './modules/exchange/index.js';
import { allHarvestedDocs, type HarvestDeps, harvestedDocsByIds, harvestedHits, registerHarvestRoutes, sweepHarvests } from './modules/harvest/index.js';
import {
  allDemandDocs,
  demandDocsByIds,
  demandFacetLabel,
  demandHits,
  demandRecordKind,
  type DemandsDeps,
  registerDemandRoutes,
  sweepDemands,
} from './modules/demands/index.js';
import { registerAuditRoutes } from './modules/audit/index.js';
import { createAuctions, registerAuctionRoutes, startAuctions, stopAuctions, sweepAuctions } from './modules/auctions/index.js';
import { findCampaignVisit, registerCampaignRoutes } from './modules/campaigns/index.js';
import { createAlerts, type MatchingDeps, recordVerdict, registerMatchingRoutes, registerSavedSearchRoutes, startAlerts, stopAlerts } from './modules/matching/index.js';
import { type ListingsDeps, registerListingRoutes, sweepListings } from './modules/listings/index.js';
import { registerSubsidyRoutes } from './modules/subsidies/index.js';
import { registerContractRoutes } from './modules/contracts/index.js';
import { registerNotificationRoutes, startEmailDelivery } from './modules/notifications/index.js';
import { registerPublicLogRoutes } from './modules/public-log/index.js';
import { registerTraceRoutes } from './modules/trace/index.js';
import { createMailer } from './platform/mailer.js';
import { registerRegionRoutes } from './modules/regions/index.js';
import { createSearchRuntime, registerSearchRoutes, type SearchSource, startSearch, stopSearch } from './modules/search/index.js';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

/** The records search indexes, by module (also used by `kehui reindex`). */
export function searchSources(): SearchSource[] {
  return [
    {
      type: 'achievement',
      entityTypes: ['achievement'],
      all: allAchievementDocs,
      byIds: achievementDocsByIds,
      hits: achievementHits,
      facetLabel: achievementFacetLabel,
    },
    // Harvested achievements (采集): found and matched beside local ones (docs/adr/0006-harvested-records-search-source.md).
    {
      type: 'achievement',
      entityTypes: ['harvested_record'],
      all: allHarvestedDocs,
      byIds: harvestedDocsByIds,
      hits: harvestedHits,
    },
    {
      type: 'demand',
      entityTypes: ['demand'],
      all: allDemandDocs,
      byIds: demandDocsByIds,
      hits: demandHits,
      facetLabel: demandFacetLabel,
    },
    {
      type: 'organization',
      entityTypes: ['organization'],
      all: allOrganizationDocs,
      byIds: organizationDocsByIds,
      hits: organizationHits,
      facetLabel: organizationFacetLabel,
    },
  ];
}

/** Wires every module by hand: the one place that knows them all. */
export async function buildApp(config: Config, database: Database, opts: { logger?: boolean; serveWeb?: boolean } = {}) {
  const serveWeb = opts.serveWeb !== false && existsSync(path.join(WEB_DIST, 'index.html'));
  const app = await createHttpServer({ trustProxy: config.trustProxy, logLevel: config.logLevel }, { logger: opts.logger, webRoot: serveWeb ? WEB_DIST : null });
  const db = database.db;
  const sessionSecret = config.sessionSecret ?? (await persistedSessionSecret(db));
  // On PGlite this process is the only writer (the data-directory lock), and its own account writes
  // invalidate cached sessions at once: the cache needs no time limit there (ADR 0007, addendum).
  const sessionCacheMs = database.kind === 'pglite' && config.sessionCacheMs > 0 ? Number.POSITIVE_INFINITY : config.sessionCacheMs;
  const accounts: AccountsDeps = { db, sessionSecret, sessionTtlHours: config.sessionTtlHours, sessionCacheMs };

  // On PostgreSQL, processes tell each other of account changes, and cached sessions follow them.
  const listen = database.listen;
  if (listen) {
    let stopFollowing = async () => {};
    app.addHook('onReady', async () => {
      stopFollowing = await followAccountChanges(accounts, listen);
    });
    app.addHook('onClose', async () => stopFollowing());
  }
  registerAuth(app, {
    fromSession: (token) => resolveSession(accounts, token),
    fromApiToken: (token) => resolveApiToken(accounts, token),
  });
  registerHealthRoutes(app, database);
  registerRegionRoutes(app, db);
  registerAccountRoutes(app, accounts);
  registerAuditRoutes(app, db);
  registerNotificationRoutes(app, db);
  // E-mail leaves through the outbox: sent by this loop, retried until delivered.
  const mailer = createMailer(config.smtp);
  let stopEmail = () => {};
  app.addHook('onReady', async () => {
    stopEmail = startEmailDelivery({ db, mailer, baseUrl: config.publicUrl ?? `http://localhost:${config.port}`, log: app.log });
  });
  app.addHook('onClose', async () => {
    stopEmail();
    mailer?.close();
  });
  const files = createFileStore(path.join(config.dataDir, 'files'));
  registerAchievementRoutes(app, { db, files });
  // Demands collected on a campaign visit are checked against the visit (科惠行动).
  // Verdicts on proposals teach the matching weights (the search runtime is created below).
  const demands: DemandsDeps = {
    db,
    files,
    findCampaignVisit,
    onVerdict: (tx, ctx, v) => recordVerdict({ search }, tx, v, ctx),
  };
  registerDemandRoutes(app, demands);
  // The demand sweep (48-hour clock, deadlines) every minute; its failures are logged, never thrown.
  let demandSweep: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    demandSweep = setInterval(() => {
      sweepDemands(demands).catch((err: unknown) => app.log.error({ err }, 'demand sweep failed'));
    }, 60_000);
    demandSweep.unref();
  });
  app.addHook('onClose', async () => {
    if (demandSweep) clearInterval(demandSweep);
  });
  registerCampaignRoutes(app, { db });
  // Listings (挂牌/摘牌) and the hash-chained public log they append to.
  const listings: ListingsDeps = { db };
  registerListingRoutes(app, listings);
  // Subsidies (补助与奖励): programme rules as data, applications, review, budget, idempotent disbursement.
  registerSubsidyRoutes(app, { db });
  // 技术合同认定登记: parties submit the signed contract; registrars decide within 30 days.
  registerContractRoutes(app, { db, files, publicUrl: config.publicUrl, pdfFont: config.pdfFont });
  registerPublicLogRoutes(app, db);
  // 全流程追溯: demand → match → listing/deal → contract → subsidy, as far as the caller may see.
  registerTraceRoutes(app, { db });
  // The listing sweep (publicity → open → expired, deal notice → awaiting contract) every minute.
  let listingSweep: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    listingSweep = setInterval(() => {
      sweepListings(listings).catch((err: unknown) => app.log.error({ err }, 'listing sweep failed'));
    }, 60_000);
    listingSweep.unref();
  });
  app.addHook('onClose', async () => {
    if (listingSweep) clearInterval(listingSweep);
  });
  // 网上拍卖会: per-process bid queues and live streams; closes lots at their end (timers, and this
  // sweep every second as the fallback); on PostgreSQL LISTEN/NOTIFY carries bids between processes.
  const auctions = createAuctions({ database, pdfFont: config.pdfFont, log: app.log });
  registerAuctionRoutes(app, auctions, { publicUrl: config.publicUrl });
  let auctionSweep: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    await startAuctions(auctions);
    let sweeping = false;
    auctionSweep = setInterval(() => {
      if (sweeping) return;
      sweeping = true;
      sweepAuctions(auctions)
        .catch((err: unknown) => app.log.error({ err }, 'auction sweep failed'))
        .finally(() => {
          sweeping = false;
        });
    }, 1_000);
    auctionSweep.unref();
  });
  // Live streams never go idle: end them before the server waits for its connections.
  app.addHook('preClose', async () => {
    if (auctionSweep) clearInterval(auctionSweep);
    await stopAuctions(auctions);
  });
  // Bulk collection (采集汇交): one machinery, one record kind per module that accepts uploads.
  const orgName = async (tx: typeof db, id: string) => (await organizationNames(tx, [id])).get(id) ?? '';
  registerCollectionRoutes(app, { db, kinds: { achievement: achievementRecordKind(orgName), demand: demandRecordKind() } });

  // Search follows every write through the audit log (also those of other processes on one PostgreSQL).
  // Searches also run on replicas of the index in worker threads (docs/adr/0009-search-replicas.md).
  const search = createSearchRuntime({ db, log: app.log, sources: searchSources(), threads: config.searchThreads });
  registerSearchRoutes(app, search);
  app.addHook('onReady', async () => startSearch(search));
  app.addHook('onClose', () => stopSearch(search));

  // Matching (供需对接): candidates and text relevance from this process's search index.
  const matching: MatchingDeps = { db, search };
  registerMatchingRoutes(app, matching);
  // Saved searches, and alerts when records appear (saved searches, demands matching a new
  // achievement): a follower of the audit log that runs after the search index has the change.
  registerSavedSearchRoutes(app, { db });
  const alerts = createAlerts({ db, search, log: app.log });
  app.addHook('onReady', async () => startAlerts(alerts));
  app.addHook('onClose', () => stopAlerts(alerts));

  // 互联互通: OAI-PMH at /oai and the change feed, over public records only; the repository follows
  // the audit log (a background sync, and one before each request).
  const exchange = createExchange({
    db,
    secret: sessionSecret,
    adminEmail: config.adminEmail,
    publicUrl: config.publicUrl,
    log: app.log,
    // Webhooks (推送订阅): links in payloads; deliveries leave through the outbox the sync writes.
    webhookBaseUrl: config.publicUrl ?? `http://localhost:${config.port}`,
  });
  registerExchangeRoutes(app, exchange);
  app.addHook('onReady', async () => startExchange(exchange));
  app.addHook('onClose', () => stopExchange(exchange));

  // 采集: peers harvested over OAI-PMH or the change feed; scheduled harvests swept every minute.
  const harvest: HarvestDeps = { db, log: app.log };
  registerHarvestRoutes(app, harvest);
  let harvestSweep: NodeJS.Timeout | null = null;
  let harvesting: Promise<unknown> = Promise.resolve();
  app.addHook('onReady', async () => {
    harvestSweep = setInterval(() => {
      harvesting = sweepHarvests(harvest).catch((err: unknown) => app.log.error({ err }, 'harvest sweep failed'));
    }, 60_000);
    harvestSweep.unref();
  });
  app.addHook('onClose', async () => {
    if (harvestSweep) clearInterval(harvestSweep);
    await harvesting;
  });

  return app;
}
