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
import { registerAuditRoutes } from './modules/audit/index.js';
import { registerNotificationRoutes } from './modules/notifications/index.js';
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
  const accounts: AccountsDeps = { db, sessionSecret, sessionTtlHours: config.sessionTtlHours };

  registerAuth(app, {
    fromSession: (token) => resolveSession(accounts, token),
    fromApiToken: (token) => resolveApiToken(accounts, token),
  });
  registerHealthRoutes(app, database);
  registerRegionRoutes(app, db);
  registerAccountRoutes(app, accounts);
  registerAuditRoutes(app, db);
  registerNotificationRoutes(app, db);
  registerAchievementRoutes(app, { db, files: createFileStore(path.join(config.dataDir, 'files')) });
  // Bulk collection (采集汇交): one machinery, one record kind per module that accepts uploads.
  const orgName = async (tx: typeof db, id: string) => (await organizationNames(tx, [id])).get(id) ?? '';
  registerCollectionRoutes(app, { db, kinds: { achievement: achievementRecordKind(orgName) } });

  // Search follows every write through the audit log (also those of other processes on one PostgreSQL).
  const search = createSearchRuntime({ db, log: app.log, sources: searchSources() });
  registerSearchRoutes(app, search);
  app.addHook('onReady', async () => startSearch(search));
  app.addHook('onClose', () => stopSearch(search));

  return app;
}
