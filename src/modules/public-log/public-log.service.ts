/**
 * The public log (公开存证日志): appends inside the caller's transaction, paged reading, verification.
 */
import type { Db } from '../../platform/db.js';
import { type ChainCheck, type ChainEntry, checkChain, entryHash, GENESIS_HASH } from './hash-chain.js';
import * as q from './public-log.queries.js';

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
  await q.lockForAppend(tx);
  const last = await q.selectLast(tx);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  // A JSON round trip drops undefined and gives exactly what jsonb will hand back.
  const payload = JSON.parse(JSON.stringify(e.payload)) as Record<string, unknown>;
  const at = e.at ?? new Date();
  const entry = { seq, type: e.type, entityType: e.entityType, entityId: e.entityId, at, payload };
  const hash = entryHash(prevHash, entry);
  await q.insertEntry(tx, { ...entry, prevHash, hash });
  return { ...entry, prevHash, hash };
}

export async function listPublicLog(db: Db, p: { page: number; pageSize: number; entityId?: string | undefined }) {
  const { items, total } = await q.selectPage(db, p);
  return {
    items: items.map((r) => ({ ...r, at: r.at.toISOString() })),
    total,
    page: p.page,
    pageSize: p.pageSize,
  };
}

/** Recomputes the whole chain from the first entry (in batches) and reports the first broken seq. */
export async function verifyPublicLog(db: Db): Promise<ChainCheck & { checkedAt: string }> {
  let state = { prevHash: GENESIS_HASH, nextSeq: 1, count: 0 };
  let after = 0;
  for (;;) {
    const rows = await q.selectAfter(db, after, 1000);
    if (!rows.length) break;
    const r = checkChain(rows, state);
    if (!r.ok) return { ok: false, entries: r.entries, brokenSeq: r.brokenSeq, reason: r.reason, checkedAt: new Date().toISOString() };
    state = r.state;
    after = rows[rows.length - 1]?.seq ?? after;
  }
  return { ok: true, entries: state.count, lastHash: state.prevHash, checkedAt: new Date().toISOString() };
}
