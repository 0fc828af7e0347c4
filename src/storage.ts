import path from 'node:path';
import { count } from 'drizzle-orm';
import type { Config } from './platform/config.js';
import { acquireDataDirLock, type DataDirLock } from './platform/data-lock.js';
import { type Database, openDatabase } from './platform/db.js';
import { type DemoAccount, DEMO_PASSWORD, seedAccountsDemo } from './modules/accounts/demo-data.js';
import { users } from './modules/accounts/index.js';
import { seedAchievementsDemo } from './modules/achievements/demo-data.js';
import { seedCampaignsDemo } from './modules/campaigns/demo-data.js';
import { seedContractsDemo } from './modules/contracts/demo-data.js';
import { seedDemandsDemo } from './modules/demands/demo-data.js';
import { seedListingsDemo } from './modules/listings/index.js';
import { syncRegions } from './modules/regions/index.js';
import { seedSubsidiesDemo } from './modules/subsidies/index.js';
import { seedAuctionsDemo } from './modules/auctions/index.js';

export interface Storage {
  database: Database;
  lock: DataDirLock | null;
  close(): Promise<void>;
}

/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite in
 * DATA_DIR/pgdata under an exclusive lock on DATA_DIR. Applies migrations and reference data.
 */
export async function openStorage(config: Config, opts: { migrate?: boolean } = {}): Promise<Storage> {
  const lock = config.databaseUrl ? null : acquireDataDirLock(config.dataDir);
  try {
    const database = await openDatabase(
      config.databaseUrl ? { databaseUrl: config.databaseUrl } : { pgliteDir: path.join(config.dataDir, 'pgdata') },
    );
    if (opts.migrate !== false) {
      await database.migrate();
      await syncRegions(database.db);
    }
    return {
      database,
      lock,
      async close() {
        await database.close();
        lock?.release();
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

export async function isEmpty(database: Database): Promise<boolean> {
  const r = await database.db.select({ n: count() }).from(users);
  return (r[0]?.n ?? 0) === 0;
}

/** Demo data of every module, written only into an empty database. */
export async function seedDemo(database: Database): Promise<{ accounts: DemoAccount[]; password: string } | null> {
  if (!(await isEmpty(database))) return null;
  const accounts = await database.db.transaction(async (tx) => {
    const seeded = await seedAccountsDemo(tx);
    await seedAchievementsDemo(tx, seeded.organizations);
    await seedCampaignsDemo(tx, seeded.organizations);
    // After the campaigns: demands collected on campaign visits point back to them.
    await seedDemandsDemo(tx, seeded.organizations);
    // Listings of 江城理工大学's published achievements, one of them already delisted (a deal awaiting its contract).
    await seedListingsDemo(tx);
    // Technology contracts of 江城理工大学 and 武汉光谷星辰激光科技 (one registered, one accepted, one submitted for the demo deal).
    await seedContractsDemo(tx);
    // The plan's subsidy programmes (2026, province-wide), active version 1 each.
    await seedSubsidiesDemo(tx);
    // An auction 专场 with a lot open for bidding (the demo enterprise holds a paddle) and one to come.
    await seedAuctionsDemo(tx);
    return seeded.accounts;
  });
  return { accounts, password: DEMO_PASSWORD };
}

export function formatDemoAccounts(seeded: { accounts: DemoAccount[]; password: string }): string {
  const lines = seeded.accounts.map((a) => `  ${a.login.padEnd(36)} ${a.role.padEnd(11)} ${a.description}`);
  return [`演示数据已写入。演示账号（密码均为 ${seeded.password}）：`, ...lines].join('\n');
}
