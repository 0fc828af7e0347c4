/** All SQL of webhooks (推送订阅 and the delivery outbox), owned by the exchange module. */
import { and, asc, count, desc, eq, gt, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { apiTokens } from '../accounts/index.js';
import type { ExchangeInsert } from './exchange.queries.js';
import { exchangeRecords, webhookDeliveries, webhookSubscriptions } from './exchange.tables.js';
import { subscriptionWants } from './webhook-rules.js';

export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export async function insertSubscription(db: Db, v: typeof webhookSubscriptions.$inferInsert): Promise<SubscriptionRow> {
  const r = await db.insert(webhookSubscriptions).values(v).returning();
  const row = r[0];
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function updateSubscription(db: Db, id: string, set: Partial<typeof webhookSubscriptions.$inferInsert>): Promise<SubscriptionRow | undefined> {
  const r = await db.update(webhookSubscriptions).set({ ...set, updatedAt: new Date() }).where(eq(webhookSubscriptions.id, id)).returning();
  return r[0];
}

export async function selectSubscription(db: Db, id: string): Promise<SubscriptionRow | undefined> {
  const r = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).limit(1);
  return r[0];
}

/** Scoped in SQL: the operator sees all (`ownerUserId` null), anyone else their own. */
export async function listSubscriptions(db: Db, scope: { ownerUserId: string | null }, limit: number, offset: number) {
  const where = scope.ownerUserId ? eq(webhookSubscriptions.ownerUserId, scope.ownerUserId) : undefined;
  const [items, total] = await Promise.all([
    db.select().from(webhookSubscriptions).where(where).orderBy(desc(webhookSubscriptions.createdAt)).limit(limit).offset(offset),
    db.select({ n: count() }).from(webhookSubscriptions).where(where),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}

/** Whether a user holds an API token that is neither revoked nor expired. */
export async function hasActiveApiToken(db: Db, userId: string, now: Date): Promise<boolean> {
  const r = await db
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))))
    .limit(1);
  return r.length > 0;
}

/**
 * Queues the changes just written to the repository for every active subscription that wants them,
 * in the caller's transaction (the sync's): a change and its deliveries commit together.
 */
export async function enqueueChanges(db: Db, rows: ExchangeInsert[], firstSeen: Set<string>): Promise<number> {
  if (!rows.length) return 0;
  const subs = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.isActive, true));
  if (!subs.length) return 0;
  const values: (typeof webhookDeliveries.$inferInsert)[] = [];
  for (const r of rows) {
    const change = r.isDeleted ? 'deleted' : firstSeen.has(r.recordId) ? 'created' : 'updated';
    for (const s of subs) {
      if (subscriptionWants(s, { recordType: r.recordType, keyField: r.keyField ?? null, cityCode: r.cityCode })) {
        values.push({ subscriptionId: s.id, recordType: r.recordType, recordId: r.recordId, change, datestamp: r.datestamp, nextAttemptAt: new Date(0) });
      }
    }
  }
  for (let i = 0; i < values.length; i += 1000) await db.insert(webhookDeliveries).values(values.slice(i, i + 1000)).onConflictDoNothing();
  return values.length;
}

/**
 * Replay: queues every change of the repository after a position (exclusive) that the subscription
 * wants, each record at its latest state (as the change feed lists it).
 */
export async function enqueueReplay(db: Db, sub: SubscriptionRow, after: { datestamp: Date; id: string } | null, now: Date): Promise<number> {
  const t = exchangeRecords;
  let queued = 0;
  let pos = after;
  for (;;) {
    const keyset: SQL | undefined = pos ? sql`(${t.datestamp}, ${t.recordId}) > (${pos.datestamp.toISOString()}::timestamptz, ${pos.id}::uuid)` : undefined;
    const page = await db
      .select({ recordId: t.recordId, recordType: t.recordType, datestamp: t.datestamp, firstDatestamp: t.firstDatestamp, isDeleted: t.isDeleted, keyField: t.keyField, cityCode: t.cityCode })
      .from(t)
      .where(and(sub.recordTypes.length ? inArray(t.recordType, sub.recordTypes) : undefined, keyset))
      .orderBy(asc(t.datestamp), asc(t.recordId))
      .limit(1000);
    const wanted = page.filter((r) => subscriptionWants(sub, r));
    if (wanted.length) {
      await db.insert(webhookDeliveries).values(
        wanted.map((r) => ({
          subscriptionId: sub.id,
          recordType: r.recordType,
          recordId: r.recordId,
          change: r.isDeleted ? 'deleted' : r.datestamp.getTime() === r.firstDatestamp.getTime() ? 'created' : 'updated',
          datestamp: r.datestamp,
          isReplay: true,
          nextAttemptAt: now,
        })),
      );
      queued += wanted.length;
    }
    const last = page[page.length - 1];
    if (!last || page.length < 1000) return queued;
    pos = { datestamp: last.datestamp, id: last.recordId };
  }
}

/**
 * Claims due deliveries of active subscriptions: their next attempt moves ahead by the lease, so
 * other processes skip them (SKIP LOCKED) and a crash mid-send only delays a retry.
 */
export async function claimDueDeliveries(db: Db, now: Date, limit: number, leaseMs: number) {
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now), eq(webhookSubscriptions.isActive, true)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.datestamp))
    .limit(limit)
    .for('update', { of: webhookDeliveries, skipLocked: true });
  const claimed = await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: new Date(now.getTime() + leaseMs) })
    .where(inArray(webhookDeliveries.id, due))
    .returning();
  const subs = claimed.length
    ? await db.select().from(webhookSubscriptions).where(inArray(webhookSubscriptions.id, [...new Set(claimed.map((d) => d.subscriptionId))]))
    : [];
  const byId = new Map(subs.map((s) => [s.id, s]));
  return claimed.flatMap((d) => {
    const sub = byId.get(d.subscriptionId);
    return sub ? [{ delivery: d, sub }] : [];
  });
}

/**
 * Records an attempt's outcome, only if no other attempt was recorded meanwhile (a lease that ran out
 * during a slow send lets another process try too: each attempt is counted once).
 */
export async function recordAttempt(db: Db, id: string, attemptsBefore: number, set: Partial<typeof webhookDeliveries.$inferInsert>): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set(set)
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.attempts, attemptsBefore), eq(webhookDeliveries.status, 'pending')));
}

export async function listDeliveries(db: Db, subscriptionId: string, status: string | undefined, limit: number, offset: number) {
  const where = and(eq(webhookDeliveries.subscriptionId, subscriptionId), status ? eq(webhookDeliveries.status, status) : undefined);
  const [items, total] = await Promise.all([
    db.select().from(webhookDeliveries).where(where).orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.datestamp)).limit(limit).offset(offset),
    db.select({ n: count() }).from(webhookDeliveries).where(where),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}

/** Counts by status, for the subscription's page. */
export async function deliveryCounts(db: Db, subscriptionIds: string[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (!subscriptionIds.length) return out;
  const rows = await db
    .select({ id: webhookDeliveries.subscriptionId, status: webhookDeliveries.status, n: count() })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.subscriptionId, subscriptionIds))
    .groupBy(webhookDeliveries.subscriptionId, webhookDeliveries.status);
  for (const r of rows) out.set(r.id, { ...(out.get(r.id) ?? {}), [r.status]: r.n });
  return out;
}

/** Dead deliveries back in the queue (attempts reset), for a replay. */
export async function reviveDead(db: Db, subscriptionId: string, now: Date): Promise<number> {
  const r = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now })
    .where(and(eq(webhookDeliveries.subscriptionId, subscriptionId), eq(webhookDeliveries.status, 'dead')))
    .returning({ id: webhookDeliveries.id });
  return r.length;
}
