/**
 * All SQL of the exchange module (互联互通). Owns `exchange_records` and `exchange_sync_state`; reads
 * `achievements` and `demands` (never writes them) through their modules' tables.
 */
import { and, asc, count, eq, gt, gte, inArray, isNotNull, lt, max, min, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { achievements } from '../achievements/index.js';
import { demands } from '../demands/index.js';
import { exchangeRecords, exchangeSyncState } from './exchange.tables.js';
import type { SetFilter } from './oai-protocol.js';
import type { RecordType } from './public-record.js';

export type ExchangeRow = typeof exchangeRecords.$inferSelect;
export type ExchangeInsert = typeof exchangeRecords.$inferInsert;

/** Key of the transaction-scoped advisory lock that serializes syncs across processes. */
const SYNC_LOCK_KEY = 4242011;
const STATE_NAME = 'records';

// ---------- sources (read-only) ----------

export async function selectAchievementsByIds(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select().from(achievements).where(and(inArray(achievements.id, ids), isNotNull(achievements.publishedAt)));
}

export async function selectDemandsByIds(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select().from(demands).where(and(inArray(demands.id, ids), isNotNull(demands.publishedAt)));
}

/**
 * Achievements after an id in id order, published or not (the full reconcile keeps those ever
 * published). Conditions stay out of these two queries for the reason given at achievements'
 * selectAchievementsAfter: with stale statistics the planner sorted every matching row per page.
 */
export async function selectAchievementsAfter(db: Db, afterId: string, limit: number) {
  return db.select().from(achievements).where(gt(achievements.id, afterId)).orderBy(asc(achievements.id)).limit(limit);
}

/** Demands after an id in id order, published or not (see {@link selectAchievementsAfter}). */
export async function selectDemandsAfter(db: Db, afterId: string, limit: number) {
  return db.select().from(demands).where(gt(demands.id, afterId)).orderBy(asc(demands.id)).limit(limit);
}

/** Records that show an organization's name (owner, enterprise, claimant): renamed, they change. */
export async function recordIdsOfOrganizations(db: Db, orgIds: string[]): Promise<{ achievementIds: string[]; demandIds: string[] }> {
  if (!orgIds.length) return { achievementIds: [], demandIds: [] };
  const [a, d] = await Promise.all([
    db.select({ id: achievements.id }).from(achievements).where(and(inArray(achievements.ownerOrganizationId, orgIds), isNotNull(achievements.publishedAt))),
    db
      .select({ id: demands.id })
      .from(demands)
      .where(and(or(inArray(demands.enterpriseOrganizationId, orgIds), inArray(demands.claimantOrganizationId, orgIds)), isNotNull(demands.publishedAt))),
  ]);
  return { achievementIds: a.map((r) => r.id), demandIds: d.map((r) => r.id) };
}

// ---------- sync state ----------

/** Serializes syncs (this and other processes) until the transaction ends. */
export async function lockSync(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SYNC_LOCK_KEY})`);
}

export async function selectSyncPosition(db: Db): Promise<number | null> {
  const r = await db.select({ auditId: exchangeSyncState.auditId }).from(exchangeSyncState).where(eq(exchangeSyncState.name, STATE_NAME));
  return r[0]?.auditId ?? null;
}

export async function saveSyncPosition(db: Db, auditId: number): Promise<void> {
  await db
    .insert(exchangeSyncState)
    .values({ name: STATE_NAME, auditId })
    .onConflictDoUpdate({ target: exchangeSyncState.name, set: { auditId, updatedAt: new Date() } });
}

export async function selectHashes(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: exchangeRecords.recordId, hash: exchangeRecords.contentHash }).from(exchangeRecords).where(inArray(exchangeRecords.recordId, ids));
  return new Map(rows.map((r) => [r.id, r.hash]));
}

export async function maxDatestamp(db: Db): Promise<Date | null> {
  const r = await db.select({ d: max(exchangeRecords.datestamp) }).from(exchangeRecords);
  return r[0]?.d ?? null;
}

/** Inserts or replaces entries; `first_datestamp` keeps its first value. */
export async function upsertEntries(db: Db, rows: ExchangeInsert[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insert(exchangeRecords)
    .values(rows)
    .onConflictDoUpdate({
      target: exchangeRecords.recordId,
      set: {
        recordType: sql`excluded.record_type`,
        datestamp: sql`excluded.datestamp`,
        isDeleted: sql`excluded.is_deleted`,
        keyField: sql`excluded.key_field`,
        regionCode: sql`excluded.region_code`,
        cityCode: sql`excluded.city_code`,
        contentHash: sql`excluded.content_hash`,
        metadata: sql`excluded.metadata`,
      },
    });
}

/** Entries whose source row no longer exists (never expected: records are archived, not deleted). */
export async function selectIdsAmong(db: Db, ids: string[]): Promise<ExchangeRow[]> {
  if (!ids.length) return [];
  return db.select().from(exchangeRecords).where(inArray(exchangeRecords.recordId, ids));
}

// ---------- reading the repository ----------

export interface RecordFilter extends SetFilter {
  from?: Date | undefined;
  /** Exclusive. */
  before?: Date | undefined;
}

export interface Position {
  datestamp: Date;
  id: string;
}

function filterWhere(f: RecordFilter): SQL | undefined {
  const t = exchangeRecords;
  return and(
    f.recordType ? eq(t.recordType, f.recordType) : undefined,
    f.keyField ? eq(t.keyField, f.keyField) : undefined,
    f.hasKeyField ? isNotNull(t.keyField) : undefined,
    f.cityCode ? eq(t.cityCode, f.cityCode) : undefined,
    f.from ? gte(t.datestamp, f.from) : undefined,
    f.before ? lt(t.datestamp, f.before) : undefined,
  );
}

/**
 * The next page in (datestamp, record_id) order after a position: a keyset read on the
 * (…, datestamp, record_id) indexes, as cheap on page 1000 as on page 1.
 */
export async function listEntries(db: Db, f: RecordFilter, after: Position | null, limit: number): Promise<ExchangeRow[]> {
  const t = exchangeRecords;
  const keyset = after ? sql`(${t.datestamp}, ${t.recordId}) > (${after.datestamp.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined;
  return db
    .select()
    .from(t)
    .where(and(filterWhere(f), keyset))
    .orderBy(asc(t.datestamp), asc(t.recordId))
    .limit(limit);
}

export async function countEntries(db: Db, f: RecordFilter): Promise<number> {
  const r = await db.select({ n: count() }).from(exchangeRecords).where(filterWhere(f));
  return r[0]?.n ?? 0;
}

export async function selectEntry(db: Db, recordType: RecordType, id: string): Promise<ExchangeRow | undefined> {
  const r = await db
    .select()
    .from(exchangeRecords)
    .where(and(eq(exchangeRecords.recordId, id), eq(exchangeRecords.recordType, recordType)))
    .limit(1);
  return r[0];
}

export async function earliestDatestamp(db: Db): Promise<Date | null> {
  const r = await db.select({ d: min(exchangeRecords.datestamp) }).from(exchangeRecords);
  return r[0]?.d ?? null;
}

/** The (type, key field, city) combinations present, from which ListSets is built. */
export async function selectSetValues(db: Db) {
  return db
    .selectDistinct({ recordType: exchangeRecords.recordType, keyField: exchangeRecords.keyField, cityCode: exchangeRecords.cityCode })
    .from(exchangeRecords);
}
