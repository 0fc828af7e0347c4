/**
 * The public log (公开存证日志): appends inside the caller's transaction, paged reading, verification.
 */
import { asc, count, desc, gt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { type ChainCheck, type ChainEntry, checkChain, entryHash, GENESIS_HASH } from './hash-chain.js';
import { publicLog } from './public-log.tables.js';

/** Any 64-bit constant: the advisory lock that queues appends across processes on one PostgreSQL. */
const APPEND_LOCK = 7_212_026_001;

export interface PublicLogAppend {
  type: string;
  entityType: string;
  entityId: string;
  /** Public facts only (names of organizations, amounts, dates): the log is world-readable. */
  payload: Record<string, unknown>;
  at?: Date;
}

/**
 * Appends an entry in the caller's transaction, so the log and the change it records commit
 * together. The transaction-scoped advisory lock serializes appends (held until commit); `seq` as
 * primary key is the backstop.
 */
export async function appendPublicLog(tx: Db, e: PublicLogAppend): Promise<ChainEntry> {
  await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK})`);
  const [last] = await tx.select({ seq: publicLog.seq, hash: publicLog.hash }).from(publicLog).orderBy(desc(publicLog.seq)).limit(1);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  // A JSON round trip drops undefined and gives exactly what jsonb will hand back.
  const payload = JSON.parse(JSON.stringify(e.payload)) as Record<string, unknown>;
  const at = e.at ?? new Date();
  const entry = { seq, type: e.type, entityType: e.entityType, entityId: e.entityId, at, payload };
  const hash = entryHash(prevHash, entry);
  await tx.insert(publicLog).values({ ...entry, prevHash, hash });
  return { ...entry, prevHash, hash };
}

export async function listPublicLog(db: Db, p: { page: number; pageSize: number; entityId?: string | undefined }) {
  const where = p.entityId ? sql`${publicLog.entityId} = ${p.entityId}` : undefined;
  const [items, totals] = await Promise.all([
    db.select().from(publicLog).where(where).orderBy(desc(publicLog.seq)).limit(p.pageSize).offset((p.page - 1) * p.pageSize),
    db.select({ n: count() }).from(publicLog).where(where),
  ]);
  return {
    items: items.map((r) => ({ ...r, at: r.at.toISOString() })),
    total: totals[0]?.n ?? 0,
    page: p.page,
    pageSize: p.pageSize,
  };
}

/** Recomputes the whole chain from the first entry (in batches) and reports the first broken seq. */
export async function verifyPublicLog(db: Db): Promise<ChainCheck & { checkedAt: string }> {
  let state = { prevHash: GENESIS_HASH, nextSeq: 1, count: 0 };
  let after = 0;
  for (;;) {
    const rows = await db.select().from(publicLog).where(gt(publicLog.seq, after)).orderBy(asc(publicLog.seq)).limit(1000);
    if (!rows.length) break;
    const r = checkChain(rows, state);
    if (!r.ok) return { ok: false, entries: r.entries, brokenSeq: r.brokenSeq, reason: r.reason, checkedAt: new Date().toISOString() };
    state = r.state;
    after = rows[rows.length - 1]?.seq ?? after;
  }
  return { ok: true, entries: state.count, lastHash: state.prevHash, checkedAt: new Date().toISOString() };
}
