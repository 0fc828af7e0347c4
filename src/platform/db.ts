import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

/** One Drizzle type for both drivers: modules never know which database they run on. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies the committed migrations (idempotent). */
  migrate(): Promise<void>;
  /** True when the database answers and every committed migration is applied. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (tests start from it in ~1 s). */
  dumpSnapshot?: () => Promise<Blob | File>;
  /**
   * PostgreSQL only: LISTEN on `channel` over a dedicated connection (NOTIFY from other processes,
   * sent with `pg_notify` in their transactions, arrives on commit). Resolves to the unlisten.
   * `onLost` is called once if the connection ends without the unlisten (notifications may then
   * be missed).
   */
  listen?: (channel: string, onPayload: (payload: string) => void, onLost?: () => void) => Promise<() => Promise<void>>;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** Rows of a raw `db.execute` on either driver. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

async function countJournalEntries(): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

async function appliedMigrations(db: Db): Promise<number> {
  const r = await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return rowsOf<{ n: number }>(r)[0]?.n ?? 0;
}

/**
 * Opens PGlite in `<dataDir>/pgdata` (or in memory for `memory://`) or PostgreSQL at `databaseUrl`.
 * The caller must hold the data-directory lock before opening PGlite on disk.
 */
export async function openDatabase(opts: { databaseUrl?: string; pgliteDir?: string; pgliteSnapshot?: Blob }): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection the server ends (restart, failover, a dropped test database) emits
    // 'error' on the pool; unhandled it would crash the process. The pool drops that client and
    // opens a new one on the next query, which fails or succeeds on its own.
    pool.on('error', (err) => {
      process.emitWarning(`PostgreSQL connection closed by the server: ${err.message}`);
    });
    const db = drizzleNodePg(pool) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      async migrate() {
        // Several processes may start at once on one server: serialize migrations.
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock(4242001)');
          await migrateNodePg(drizzleNodePg(client), { migrationsFolder: MIGRATIONS_DIR });
        } finally {
          await client.query('select pg_advisory_unlock(4242001)').catch(() => undefined);
          client.release();
        }
      },
      async isReady() {
        try {
          return (await appliedMigrations(db)) >= (await countJournalEntries());
        } catch {
          return false;
        }
      },
      async close() {
        await pool.end();
      },
      async listen(channel, onPayload, onLost) {
        if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
        const client = new pg.Client({ connectionString: opts.databaseUrl });
        let ending = false;
        let lost = false;
        const lose = () => {
          if (ending || lost) return;
          lost = true;
          onLost?.();
        };
        client.on('error', (err) => {
          process.emitWarning(`PostgreSQL LISTEN connection closed: ${err.message}`);
          lose();
        });
        client.on('end', lose);
        client.on('notification', (m) => {
          if (m.channel === channel) onPayload(m.payload ?? '');
        });
        await client.connect();
        await client.query(`listen ${channel}`);
        return async () => {
          ending = true;
          await client.end().catch(() => undefined);
        };
      },
    };
  }
  const dir = opts.pgliteDir ?? 'memory://';
  // A smaller shared buffer pool than PostgreSQL's 128 MB default: PGlite keeps it inside the WASM
  // heap of this one process, next to the whole application (measured: ~110 MB less RSS).
  const client = await PGlite.create(dir, {
    postgresqlconf: 'shared_buffers = 32MB',
    ...(opts.pgliteSnapshot ? { loadDataDir: opts.pgliteSnapshot } : {}),
  });
  const pgliteDb = drizzlePglite(client);
  const db = pgliteDb as unknown as Db;
  return {
    db,
    kind: 'pglite',
    async migrate() {
      await migratePglite(pgliteDb, { migrationsFolder: MIGRATIONS_DIR });
    },
    async isReady() {
      try {
        return (await appliedMigrations(db)) >= (await countJournalEntries());
      } catch {
        return false;
      }
    },
    async close() {
      await client.close();
    },
    dumpSnapshot: () => client.dumpDataDir('none'),
  };
}

/** PostgreSQL unique violation (23505) from either driver (node-postgres, or PGlite's wrapped cause). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: unknown } | null;
  if (e?.code === '23505') return true;
  return e?.cause ? isUniqueViolation(e.cause) : false;
}
