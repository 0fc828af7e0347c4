/**
 * All SQL of the listings module. Lists are scoped in SQL (`ListingScope`), never filtered after the fact.
 */
import { and, asc, count, desc, eq, ilike, inArray, isNull, like, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { platformSettings } from '../../platform/settings.tables.js';
import { organizations } from '../accounts/index.js';
import { achievements } from '../achievements/index.js';
import { regionScopePrefix } from '../regions/index.js';
import { PUBLIC_LISTING_STATUSES } from './listing-codes.js';
import type { ListingScope } from './listings.policy.js';
import { deals, listingObjections, listings } from './listings.tables.js';

export type ListingRow = typeof listings.$inferSelect;
export type ListingInsert = typeof listings.$inferInsert;
export type ObjectionRow = typeof listingObjections.$inferSelect;
export type DealRow = typeof deals.$inferSelect;

const inRegions = (col: typeof listings.regionCode, scopes: string[]) => or(...scopes.map((s) => like(col, `${regionScopePrefix(s)}%`)));

/** Everyone: published listings; owner members: all of theirs; a gov_admin: everything in its regions; the operator: all. */
export function scopeWhere(scope: ListingScope): SQL | undefined {
  if (scope.all) return undefined;
  const conds: (SQL | undefined)[] = [inArray(listings.status, PUBLIC_LISTING_STATUSES)];
  if (scope.organizationId) conds.push(eq(listings.ownerOrganizationId, scope.organizationId));
  if (scope.regionScopes.length) conds.push(inRegions(listings.regionCode, scope.regionScopes));
  return or(...conds);
}

export interface ListingFilter {
  q?: string | undefined;
  statuses?: string[] | undefined;
  mode?: string | undefined;
  achievementId?: string | undefined;
  ownerOrganizationId?: string | undefined;
  regionScopes?: string[] | undefined;
}

function filterWhere(f: ListingFilter): SQL | undefined {
  return and(
    f.q ? ilike(listings.title, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
    f.statuses ? inArray(listings.status, f.statuses) : undefined,
    f.mode ? eq(listings.mode, f.mode) : undefined,
    f.achievementId ? eq(listings.achievementId, f.achievementId) : undefined,
    f.ownerOrganizationId ? eq(listings.ownerOrganizationId, f.ownerOrganizationId) : undefined,
    f.regionScopes ? (f.regionScopes.length ? inRegions(listings.regionCode, f.regionScopes) : sql`false`) : undefined,
  );
}

export async function listListings(db: Db, scope: ListingScope, f: ListingFilter, page: number, pageSize: number, oldestFirst = false) {
  const where = and(scopeWhere(scope), filterWhere(f));
  const [items, totals] = await Promise.all([
    db
      .select()
      .from(listings)
      .where(where)
      .orderBy(oldestFirst ? asc(listings.submittedAt) : desc(listings.updatedAt), asc(listings.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(listings).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function selectListing(db: Db, id: string, scope: ListingScope, forUpdate = false): Promise<ListingRow | undefined> {
  const q = db.select().from(listings).where(and(eq(listings.id, id), scopeWhere(scope))).limit(1);
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function insertListing(db: Db, values: ListingInsert): Promise<ListingRow> {
  const [row] = await db.insert(listings).values(values).returning();
  if (!row) throw new Error('listing insert returned nothing');
  return row;
}

/** A conditional change: applied only while the listing is still in `fromStatus` (concurrency guard). */
export async function updateListingIf(db: Db, id: string, fromStatus: string, values: Partial<ListingInsert>): Promise<ListingRow | undefined> {
  const [row] = await db
    .update(listings)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(listings.id, id), eq(listings.status, fromStatus)))
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

export async function selectOrganizationFacts(db: Db, id: string) {
  const [r] = await db
    .select({ id: organizations.id, name: organizations.name, type: organizations.type, status: organizations.status })
    .from(organizations)
    .where(eq(organizations.id, id))
    .limit(1);
  return r;
}

// ---- objections ----

export async function insertObjection(db: Db, values: typeof listingObjections.$inferInsert): Promise<ObjectionRow> {
  const [row] = await db.insert(listingObjections).values(values).returning();
  if (!row) throw new Error('objection insert returned nothing');
  return row;
}

export async function selectObjections(db: Db, listingId: string): Promise<ObjectionRow[]> {
  return db.select().from(listingObjections).where(eq(listingObjections.listingId, listingId)).orderBy(asc(listingObjections.createdAt));
}

export async function countPendingObjections(db: Db, listingIds: string[]): Promise<Map<string, number>> {
  if (!listingIds.length) return new Map();
  const rows = await db
    .select({ id: listingObjections.listingId, n: count() })
    .from(listingObjections)
    .where(and(inArray(listingObjections.listingId, listingIds), eq(listingObjections.status, 'pending')))
    .groupBy(listingObjections.listingId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function resolveObjectionIf(db: Db, id: string, listingId: string, values: Partial<typeof listingObjections.$inferInsert>): Promise<ObjectionRow | undefined> {
  const [row] = await db
    .update(listingObjections)
    .set(values)
    .where(and(eq(listingObjections.id, id), eq(listingObjections.listingId, listingId), eq(listingObjections.status, 'pending')))
    .returning();
  return row;
}

export async function selectObjection(db: Db, id: string, listingId: string): Promise<ObjectionRow | undefined> {
  const [row] = await db.select().from(listingObjections).where(and(eq(listingObjections.id, id), eq(listingObjections.listingId, listingId))).limit(1);
  return row;
}

// ---- deals ----

export async function insertDeal(db: Db, values: typeof deals.$inferInsert): Promise<DealRow> {
  const [row] = await db.insert(deals).values(values).returning();
  if (!row) throw new Error('deal insert returned nothing');
  return row;
}

export async function selectDealOfListing(db: Db, listingId: string): Promise<DealRow | undefined> {
  const [row] = await db.select().from(deals).where(eq(deals.listingId, listingId)).limit(1);
  return row;
}

/** Deals the organization is a party to (owner, buyer or intermediary), newest first. */
export async function listDealsOf(db: Db, organizationId: string, page: number, pageSize: number) {
  const where = or(eq(deals.ownerOrganizationId, organizationId), eq(deals.buyerOrganizationId, organizationId), eq(deals.intermediaryOrganizationId, organizationId));
  const [items, totals] = await Promise.all([
    db
      .select({ deal: deals, title: listings.title })
      .from(deals)
      .innerJoin(listings, eq(listings.id, deals.listingId))
      .where(where)
      .orderBy(desc(deals.createdAt))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(deals).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

/** Sets (or, with `contractId` null, clears) the deal's technology contract; `ifCurrent` guards the clearing. */
export async function setDealContract(db: Db, dealId: string, contractId: string | null, ifCurrent?: string): Promise<DealRow | undefined> {
  const [row] = await db
    .update(deals)
    .set({ contractId, updatedAt: new Date() })
    .where(and(eq(deals.id, dealId), ifCurrent ? eq(deals.contractId, ifCurrent) : undefined))
    .returning();
  return row;
}

// ---- the sweep ----

/** Listings in publicity whose last publicity day is before `today`, without pending objections. */
export async function selectPublicityDue(db: Db, today: string) {
  return db
    .select()
    .from(listings)
    .where(
      and(
        eq(listings.status, 'publicity'),
        lt(listings.publicityEnd, today),
        sql`not exists (select 1 from ${listingObjections} o where o.listing_id = ${listings.id} and o.status = 'pending')`,
      ),
    );
}

export async function selectOpenExpired(db: Db, today: string) {
  return db.select().from(listings).where(and(eq(listings.status, 'open'), lt(listings.openEnd, today)));
}

export async function selectNoticeDue(db: Db, today: string) {
  return db.select().from(deals).where(and(eq(deals.status, 'notice'), lt(deals.noticeEnd, today)));
}

export async function endNoticeIf(db: Db, id: string, now: Date): Promise<DealRow | undefined> {
  const [row] = await db
    .update(deals)
    .set({ status: 'awaiting_contract', noticeEndedAt: now, updatedAt: now })
    .where(and(eq(deals.id, id), eq(deals.status, 'notice'), isNull(deals.noticeEndedAt)))
    .returning();
  return row;
}

// ---- settings (platform_settings rows owned by this module) ----

export async function selectSettings(db: Db, keys: string[]): Promise<Map<string, string>> {
  const rows = await db.select().from(platformSettings).where(inArray(platformSettings.key, keys));
  return new Map(rows.map((r) => [r.key, r.value]));
}

export async function upsertSetting(db: Db, key: string, value: string) {
  await db.insert(platformSettings).values({ key, value }).onConflictDoUpdate({ target: platformSettings.key, set: { value } });
}

