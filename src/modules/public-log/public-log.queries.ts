/** All SQL of the public log. */
import { asc, count, desc, gt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { publicLog } from './public-log.tables.js';

export type PublicLogRow = typeof publicLog.$inferSelect;

/** Any 64-bit constant: the advisory lock that queues appends across processes on one PostgreSQL. */
const APPEND_LOCK = 7_212_026_001;

/** Takes the append lock for the rest of the transaction (released at commit). */
export async function lockForAppend(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK})`);
}

export async function selectLast(tx: Db): Promise<{ seq: number; hash: string } | undefined> {
  const [last] = await tx.select({ seq: publicLog.seq, hash: publicLog.hash }).from(publicLog).orderBy(desc(publicLog.seq)).limit(1);
  return last;
}

export async function insertEntry(tx: Db, values: typeof publicLog.$inferInsert): Promise<void> {
  await tx.insert(publicLog).values(values);
}

export async function selectPage(db: Db, p: { page: number; pageSize: number; entityId?: string | undefined }): Promise<{ items: PublicLogRow[]; total: number }> {
  const where = p.entityId ? sql`${publicLog.entityId} = ${p.entityId}` : undefined;
  const [items, totals] = await Promise.all([
    db.select().from(publicLog).where(where).orderBy(desc(publicLog.seq)).limit(p.pageSize).offset((p.page - 1) * p.pageSize),
    db.select({ n: count() }).from(publicLog).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

/** Entries after `seq`, oldest first, at most `limit`. */
export async function selectAfter(db: Db, seq: number, limit: number): Promise<PublicLogRow[]> {
  return db.select().from(publicLog).where(gt(publicLog.seq, seq)).orderBy(asc(publicLog.seq)).limit(limit);
}
