/**
 * All SQL of the auctions module. The public reads only lots and the ledger (paddles, never
 * organizations); registrations are scoped to the caller's organization in SQL.
 */
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db.js';
import { organizations } from '../accounts/index.js';
import { achievements } from '../achievements/index.js';
import { auctionBidders, auctionBids, auctionLots, auctionResults, auctionSessions } from './auctions.tables.js';

export type SessionRow = typeof auctionSessions.$inferSelect;
export type LotRow = typeof auctionLots.$inferSelect;
export type LotInsert = typeof auctionLots.$inferInsert;
export type BidderRow = typeof auctionBidders.$inferSelect;
export type BidRow = typeof auctionBids.$inferSelect;
export type ResultRow = typeof auctionResults.$inferSelect;

// ---- sessions and lots ----

export async function insertSession(db: Db, values: typeof auctionSessions.$inferInsert): Promise<SessionRow> {
  const [row] = await db.insert(auctionSessions).values(values).returning();
  if (!row) throw new Error('session insert returned nothing');
  return row;
}

export async function selectSession(db: Db, id: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(auctionSessions).where(eq(auctionSessions.id, id)).limit(1);
  return row;
}

/** Sessions with the time span and state of their lots; the phase is derived from the lots. */
export async function listSessions(db: Db, page: number, pageSize: number, phase: string | undefined, now: Date) {
  const span = db
    .select({
      sessionId: auctionLots.sessionId,
      firstStart: sql<Date>`min(${auctionLots.startsAt})`.as('first_start'),
      lastEnd: sql<Date>`max(${auctionLots.endsAt})`.as('last_end'),
      open: sql<number>`count(*) filter (where ${auctionLots.status} <> 'closed')`.as('open'),
      lots: sql<number>`count(*)`.as('lots'),
    })
    .from(auctionLots)
    .groupBy(auctionLots.sessionId)
    .as('span');
  const closed = sql`${span.open} = 0`;
  const upcoming = sql`${span.open} > 0 and ${span.firstStart} > ${now}`;
  const live = sql`${span.open} > 0 and ${span.firstStart} <= ${now}`;
  const where = phase === 'closed' ? closed : phase === 'upcoming' ? upcoming : phase === 'live' ? live : undefined;
  const base = db.select({ session: auctionSessions, firstStart: span.firstStart, lastEnd: span.lastEnd, open: span.open, lots: span.lots }).from(auctionSessions).innerJoin(span, eq(span.sessionId, auctionSessions.id));
  const [items, totals] = await Promise.all([
    base.where(where).orderBy(phase === 'closed' ? desc(span.lastEnd) : asc(span.firstStart), asc(auctionSessions.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(auctionSessions).innerJoin(span, eq(span.sessionId, auctionSessions.id)).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function insertLot(db: Db, values: LotInsert): Promise<LotRow> {
  const [row] = await db.insert(auctionLots).values(values).returning();
  if (!row) throw new Error('lot insert returned nothing');
  return row;
}

export async function selectLot(db: Db, id: string, forUpdate = false): Promise<LotRow | undefined> {
  const q = db.select().from(auctionLots).where(eq(auctionLots.id, id)).limit(1);
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function selectLotsOfSessions(db: Db, sessionIds: string[]): Promise<LotRow[]> {
  if (!sessionIds.length) return [];
  return db.select().from(auctionLots).where(inArray(auctionLots.sessionId, sessionIds)).orderBy(asc(auctionLots.startsAt), asc(auctionLots.id));
}

export async function updateLot(db: Db, id: string, values: Partial<LotInsert>): Promise<LotRow> {
  const [row] = await db
    .update(auctionLots)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(auctionLots.id, id))
    .returning();
  if (!row) throw new Error('lot update returned nothing');
  return row;
}

/** Active lots whose end has passed (the sweep closes them; a paused lot waits for its resume). */
export async function selectDueLots(db: Db, now: Date): Promise<{ id: string }[]> {
  return db.select({ id: auctionLots.id }).from(auctionLots).where(and(eq(auctionLots.status, 'active'), lte(auctionLots.endsAt, now)));
}

/** Lots closed before `closedBefore` and not settled (a process stopped between the close and its settlement). */
export async function selectUnsettledLots(db: Db, closedBefore: Date): Promise<{ id: string }[]> {
  return db
    .select({ id: auctionLots.id })
    .from(auctionLots)
    .where(and(eq(auctionLots.status, 'closed'), isNull(auctionLots.settledAt), lt(auctionLots.closedAt, closedBefore)));
}

/** Marks a closed lot settled; undefined when it is not closed or already settled (by another process). */
export async function claimSettlement(db: Db, id: string, at: Date): Promise<LotRow | undefined> {
  const [row] = await db
    .update(auctionLots)
    .set({ settledAt: at, updatedAt: at })
    .where(and(eq(auctionLots.id, id), eq(auctionLots.status, 'closed'), isNull(auctionLots.settledAt)))
    .returning();
  return row;
}

export async function selectAchievementFacts(db: Db, id: string) {
  const [r] = await db
    .select({ id: achievements.id, title: achievements.title, ownerOrganizationId: achievements.ownerOrganizationId, regionCode: achievements.regionCode, status: achievements.status })
    .from(achievements)
    .where(eq(achievements.id, id))
    .limit(1);
  return r;
}

/** Lots of an achievement not yet closed: one at a time. */
export async function countOpenLotsOfAchievement(db: Db, achievementId: string): Promise<number> {
  const [r] = await db.select({ n: count() }).from(auctionLots).where(and(eq(auctionLots.achievementId, achievementId), inArray(auctionLots.status, ['active', 'paused'])));
  return r?.n ?? 0;
}

export async function selectOrganizationFacts(db: Db, id: string) {
  const [r] = await db.select({ id: organizations.id, name: organizations.name, type: organizations.type, status: organizations.status }).from(organizations).where(eq(organizations.id, id)).limit(1);
  return r;
}

// ---- bidders ----

export async function insertBidder(db: Db, values: typeof auctionBidders.$inferInsert): Promise<BidderRow> {
  const [row] = await db.insert(auctionBidders).values(values).returning();
  if (!row) throw new Error('bidder insert returned nothing');
  return row;
}

export async function selectBidder(db: Db, id: string, forUpdate = false): Promise<BidderRow | undefined> {
  const q = db.select().from(auctionBidders).where(eq(auctionBidders.id, id)).limit(1);
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function selectBidderOf(db: Db, lotId: string, organizationId: string): Promise<BidderRow | undefined> {
  const [row] = await db.select().from(auctionBidders).where(and(eq(auctionBidders.lotId, lotId), eq(auctionBidders.organizationId, organizationId))).limit(1);
  return row;
}

export async function selectBiddersOfLot(db: Db, lotId: string): Promise<BidderRow[]> {
  return db.select().from(auctionBidders).where(eq(auctionBidders.lotId, lotId)).orderBy(asc(auctionBidders.createdAt));
}

export async function selectPaddles(db: Db, lotId: string): Promise<Set<number>> {
  const rows = await db.select({ p: auctionBidders.paddle }).from(auctionBidders).where(and(eq(auctionBidders.lotId, lotId), isNotNull(auctionBidders.paddle)));
  return new Set(rows.map((r) => r.p ?? 0));
}

/** An organization suspended from auctions (after a default) registers for nothing more. */
export async function isOrganizationSuspended(db: Db, organizationId: string): Promise<boolean> {
  const [r] = await db.select({ n: count() }).from(auctionBidders).where(and(eq(auctionBidders.organizationId, organizationId), eq(auctionBidders.suspended, true)));
  return (r?.n ?? 0) > 0;
}

export async function updateBidder(db: Db, id: string, values: Partial<typeof auctionBidders.$inferInsert>, fromStatus?: string): Promise<BidderRow | undefined> {
  const [row] = await db
    .update(auctionBidders)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(auctionBidders.id, id), fromStatus ? eq(auctionBidders.depositStatus, fromStatus) : undefined))
    .returning();
  return row;
}

/** At the close: every confirmed deposit but the winner's is released with its refund due date. */
export async function releaseDeposits(db: Db, lotId: string, exceptBidderId: string | null, refundDueOn: string): Promise<BidderRow[]> {
  return db
    .update(auctionBidders)
    .set({ depositStatus: 'released', refundDueOn, updatedAt: new Date() })
    .where(
      and(
        eq(auctionBidders.lotId, lotId),
        inArray(auctionBidders.depositStatus, ['confirmed', 'pending']),
        exceptBidderId ? sql`${auctionBidders.id} <> ${exceptBidderId}` : undefined,
      ),
    )
    .returning();
}

/** The caller's organization's registrations with their lots, newest first. */
export async function listRegistrationsOf(db: Db, organizationId: string, page: number, pageSize: number) {
  const where = eq(auctionBidders.organizationId, organizationId);
  const [items, totals] = await Promise.all([
    db.select({ bidder: auctionBidders, lot: auctionLots }).from(auctionBidders).innerJoin(auctionLots, eq(auctionLots.id, auctionBidders.lotId)).where(where).orderBy(desc(auctionBidders.createdAt)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(auctionBidders).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

/** Operator console: deposits awaiting confirmation, or released and not yet refunded (due first). */
export async function listDeposits(db: Db, status: 'pending' | 'released', page: number, pageSize: number) {
  const where = eq(auctionBidders.depositStatus, status);
  const [items, totals] = await Promise.all([
    db
      .select({ bidder: auctionBidders, lot: auctionLots })
      .from(auctionBidders)
      .innerJoin(auctionLots, eq(auctionLots.id, auctionBidders.lotId))
      .where(where)
      .orderBy(status === 'released' ? asc(auctionBidders.refundDueOn) : asc(auctionBidders.createdAt), asc(auctionBidders.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(auctionBidders).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

// ---- the ledger ----

/** Ledger bids already holding one of the keys (idempotency across batches and processes). */
export async function selectBidsByKeys(db: Db, lotId: string, keys: string[]): Promise<BidRow[]> {
  if (!keys.length) return [];
  return db.select().from(auctionBids).where(and(eq(auctionBids.lotId, lotId), inArray(auctionBids.idempotencyKey, [...new Set(keys)])));
}

export async function insertLedger(db: Db, rows: (typeof auctionBids.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(auctionBids).values(rows);
}

/** Appends bids; a row whose idempotency key is already in the ledger is skipped. Returns how many were written. */
/** The newest published achievements of an organization (ids), for the demo 专场. */
export async function selectNewestPublishedAchievements(db: Db, ownerOrganizationId: string, limit: number): Promise<{ id: string }[]> {
  return db
    .select({ id: achievements.id })
    .from(achievements)
    .where(and(eq(achievements.status, 'published'), eq(achievements.ownerOrganizationId, ownerOrganizationId)))
    .orderBy(desc(achievements.publishedAt))
    .limit(limit);
}

/**
 * Appends ledger entries; entries whose (lot, idempotency key, bidder) is already there are skipped.
 * Returns how many were written. One statement over column arrays (`unnest`): a batch of hundreds
 * of bids is the hot path of a live auction, and building a many-row VALUES list was most of its
 * CPU time (bench:auction profile).
 */
export async function insertBids(db: Db, rows: BidInsert[]): Promise<number> {
  if (!rows.length) return 0;
  const written = await db.execute(sql`
    insert into auction_bids (lot_id, seq, kind, bidder_id, paddle, amount_fen, at_ms, ends_at_ms, extended, note, idempotency_key, user_id, prev_hash, hash)
    ${bidRows(rows)}
    on conflict (lot_id, idempotency_key, bidder_id) do nothing
    returning seq`);
  return (written as unknown as { rows: unknown[] }).rows.length;
}

type BidInsert = typeof auctionBids.$inferInsert;

/** `select * from unnest(…)` over the rows' columns: one parameter per column (an array), not one per value. */
function bidRows(rows: BidInsert[]) {
  const col = <T>(f: (r: BidInsert) => T) => sql.param(rows.map(f));
  return sql`select * from unnest(
      ${col((r) => r.lotId)}::uuid[], ${col((r) => r.seq)}::int[], ${col((r) => r.kind)}::text[], ${col((r) => r.bidderId ?? null)}::uuid[],
      ${col((r) => r.paddle ?? null)}::int[], ${col((r) => (r.amountFen ?? null) === null ? null : String(r.amountFen))}::bigint[],
      ${col((r) => String(r.atMs))}::bigint[], ${col((r) => String(r.endsAtMs))}::bigint[], ${col((r) => r.extended ?? false)}::boolean[],
      ${col((r) => r.note ?? null)}::text[], ${col((r) => r.idempotencyKey ?? null)}::text[], ${col((r) => r.userId ?? null)}::uuid[],
      ${col((r) => r.prevHash)}::text[], ${col((r) => r.hash)}::text[]
    )`;
}

/** NOTIFY on a channel (delivered when the transaction commits). */
export async function notifyChannel(db: Db, channel: string, payload: string): Promise<void> {
  await db.execute(sql`select pg_notify(${channel}, ${payload})`);
}

/** The lot row as a batch computed without its lock assumed it: its last ledger entry and its rules. */
export interface LotExpectation {
  lastSeq: number;
  lastHash: string;
  startPriceFen: number;
  incrementFen: number;
  reserveFen: number;
  startsAt: Date;
  freeEndsAt: Date;
  delayMinutes: number;
  latestEndAt: Date | null;
}

/**
 * A batch of bids in ONE statement (one round trip, its own transaction): the lot row moves to
 * `next` only if it is still as `expect` says (its ledger has not moved, its rules are the same),
 * and the bids are inserted only if it did; on PostgreSQL the other processes are notified in the
 * same statement. Returns false when the lot had moved (nothing written). A bid whose idempotency
 * key is already in the ledger fails the whole statement with a unique violation.
 */
export async function commitBatchIfUnchanged(
  db: Db,
  lotId: string,
  expect: LotExpectation,
  next: Partial<LotInsert>,
  rows: BidInsert[],
  notify: { channel: string; payload: string } | null,
): Promise<boolean> {
  const l = auctionLots;
  // Values go through the columns' own mapping (dates as the driver wants them), nulls compare as equal.
  const is = <C extends AnyPgColumn>(column: C, value: unknown) => sql`${column} is not distinct from ${sql.param(value, column)}`;
  const set = sql.join(
    Object.entries({ ...next, updatedAt: new Date() }).map(([key, value]) => {
      const column = l[key as keyof typeof l.$inferInsert];
      return sql`${sql.identifier(column.name)} = ${sql.param(value, column)}`;
    }),
    sql`, `,
  );
  const result = await db.execute(sql`
    with lot as (
      update ${l} set ${set}
      where ${l.id} = ${lotId} and ${is(l.lastSeq, expect.lastSeq)} and ${is(l.lastHash, expect.lastHash)}
        and ${is(l.startPriceFen, expect.startPriceFen)} and ${is(l.incrementFen, expect.incrementFen)} and ${is(l.reserveFen, expect.reserveFen)}
        and ${is(l.startsAt, expect.startsAt)} and ${is(l.freeEndsAt, expect.freeEndsAt)} and ${is(l.delayMinutes, expect.delayMinutes)}
        and ${is(l.latestEndAt, expect.latestEndAt)}
      returning 1
    ), bids as (
      insert into auction_bids (lot_id, seq, kind, bidder_id, paddle, amount_fen, at_ms, ends_at_ms, extended, note, idempotency_key, user_id, prev_hash, hash)
      ${bidRows(rows)} where exists (select 1 from lot)
      returning 1
    )
    select (select count(*) from lot)::int as updated, (select count(*) from bids)::int as inserted
      ${notify ? sql`, (select count(*) from (select pg_notify(${notify.channel}, ${notify.payload}) from lot) n)::int as notified` : sql``}`);
  const row = (result as unknown as { rows: { updated: number; inserted: number }[] }).rows[0];
  return row?.updated === 1 && row.inserted === rows.length;
}

/**
 * Every entry of a lot's ledger in seq order, read `pageSize` at a time (a busy lot has hundreds of
 * thousands: a single read with a cap cut verification short at 100,000 entries).
 */
export async function selectWholeLedger(db: Db, lotId: string, pageSize = 50_000): Promise<BidRow[]> {
  const out: BidRow[] = [];
  let after = 0;
  for (;;) {
    const page = await selectLedger(db, lotId, after, pageSize);
    for (const r of page) out.push(r);
    const last = page[page.length - 1];
    if (page.length < pageSize || !last) return out;
    after = last.seq;
  }
}

export async function selectLedger(db: Db, lotId: string, afterSeq = 0, limit = 100_000): Promise<BidRow[]> {
  return db
    .select()
    .from(auctionBids)
    .where(and(eq(auctionBids.lotId, lotId), gt(auctionBids.seq, afterSeq)))
    .orderBy(asc(auctionBids.seq))
    .limit(limit);
}

export async function selectRecentBids(db: Db, lotId: string, limit: number): Promise<BidRow[]> {
  return db.select().from(auctionBids).where(and(eq(auctionBids.lotId, lotId), eq(auctionBids.kind, 'bid'))).orderBy(desc(auctionBids.seq)).limit(limit);
}

// ---- results ----

export async function insertResult(db: Db, values: typeof auctionResults.$inferInsert): Promise<ResultRow> {
  const [row] = await db.insert(auctionResults).values(values).returning();
  if (!row) throw new Error('result insert returned nothing');
  return row;
}

export async function selectResultOfLot(db: Db, lotId: string): Promise<ResultRow | undefined> {
  const [row] = await db.select().from(auctionResults).where(eq(auctionResults.lotId, lotId)).limit(1);
  return row;
}

export async function updateResultIf(db: Db, id: string, fromStatuses: string[], values: Partial<typeof auctionResults.$inferInsert>): Promise<ResultRow | undefined> {
  const [row] = await db
    .update(auctionResults)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(auctionResults.id, id), inArray(auctionResults.status, fromStatuses)))
    .returning();
  return row;
}

export async function selectNoticeDue(db: Db, today: string): Promise<ResultRow[]> {
  return db.select().from(auctionResults).where(and(eq(auctionResults.status, 'notice'), lt(auctionResults.noticeEnd, today)));
}

/** Sets (or, with null, clears `ifCurrent`) the technology contract of an auction deal. */
export async function setResultContract(db: Db, id: string, contractId: string | null, ifCurrent?: string): Promise<ResultRow | undefined> {
  const [row] = await db
    .update(auctionResults)
    .set({ contractId, updatedAt: new Date() })
    .where(and(eq(auctionResults.id, id), ifCurrent ? eq(auctionResults.contractId, ifCurrent) : undefined))
    .returning();
  return row;
}

/** Results the organization is a party to (owner or buyer). */
export async function listResultsOf(db: Db, organizationId: string): Promise<ResultRow[]> {
  return db
    .select()
    .from(auctionResults)
    .where(or(eq(auctionResults.ownerOrganizationId, organizationId), eq(auctionResults.buyerOrganizationId, organizationId)))
    .orderBy(desc(auctionResults.createdAt));
}

/** Suspends every other registration of an organization (a default bars it from all auctions); returns them. */
export async function suspendOrganizationBidders(db: Db, organizationId: string, reason: string, at: Date): Promise<BidderRow[]> {
  return db
    .update(auctionBidders)
    .set({ suspended: true, suspendedReason: reason, suspendedAt: at, updatedAt: at })
    .where(and(eq(auctionBidders.organizationId, organizationId), eq(auctionBidders.suspended, false)))
    .returning();
}
