/**
 * All SQL of the campaigns module (科惠行动). Visits are scoped by region in SQL (`VisitScope`);
 * demands and achievements are only read here (counts, existence and titles of presented records).
 */
import { and, asc, count, desc, eq, gte, ilike, inArray, like, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { organizations, users } from '../accounts/index.js';
import { achievements } from '../achievements/index.js';
// Read-only: demands carry campaign_id / campaign_visit_id; the demands module writes them.
import { demands } from '../demands/index.js';
import { regionScopePrefix } from '../regions/index.js';
import { campaignEvents, campaigns, campaignVisits } from './campaigns.tables.js';

export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignInsert = typeof campaigns.$inferInsert;
export type VisitRow = typeof campaignVisits.$inferSelect;
export type VisitInsert = typeof campaignVisits.$inferInsert;
export type EventRow = typeof campaignEvents.$inferSelect;
export type EventInsert = typeof campaignEvents.$inferInsert;

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** The LIKE prefix of a region column's own scope, computed in SQL (see regionScopePrefix). */
const prefixOf = (column: SQL) =>
  sql`(case when ${column} like '__0000' then left(${column}, 2) when ${column} like '____00' then left(${column}, 4) else ${column} end)`;

// ---------- campaigns ----------

export interface CampaignFilter {
  q?: string | undefined;
  regionCode?: string | undefined;
  year?: number | undefined;
  status?: 'upcoming' | 'active' | 'ended' | undefined;
}

function campaignWhere(f: CampaignFilter, today: string): SQL | undefined {
  const rc = sql`rc.code`;
  return and(
    f.q ? ilike(campaigns.name, `%${escapeLike(f.q)}%`) : undefined,
    // Shares ground with the region: one of the campaign's regions lies inside it, or contains it.
    f.regionCode
      ? sql`exists (select 1 from unnest(${campaigns.regionCodes}) as rc(code)
          where ${rc} like ${`${regionScopePrefix(f.regionCode)}%`} or ${f.regionCode} like ${prefixOf(rc)} || '%')`
      : undefined,
    f.year !== undefined ? and(lte(campaigns.startsOn, `${f.year}-12-31`), gte(campaigns.endsOn, `${f.year}-01-01`)) : undefined,
    f.status === 'upcoming' ? sql`${campaigns.startsOn} > ${today}` : undefined,
    f.status === 'active' ? and(lte(campaigns.startsOn, today), gte(campaigns.endsOn, today)) : undefined,
    f.status === 'ended' ? sql`${campaigns.endsOn} < ${today}` : undefined,
  );
}

export async function listCampaigns(db: Db, f: CampaignFilter, today: string, page: number, pageSize: number) {
  const where = campaignWhere(f, today);
  const [items, totals] = await Promise.all([
    db
      .select()
      .from(campaigns)
      .where(where)
      .orderBy(desc(campaigns.startsOn), desc(campaigns.createdAt), campaigns.id)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(campaigns).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function selectCampaign(db: Db, id: string): Promise<CampaignRow | undefined> {
  const r = await db.select().from(campaigns).where(eq(campaigns.id, id)).limit(1);
  return r[0];
}

/** Row lock: a visit, event or edit checks the period and regions against a campaign that cannot change under it. */
export async function selectCampaignForUpdate(db: Db, id: string): Promise<CampaignRow | undefined> {
  const r = await db.select().from(campaigns).where(eq(campaigns.id, id)).limit(1).for('update');
  return r[0];
}

export async function insertCampaign(db: Db, values: CampaignInsert): Promise<CampaignRow> {
  const [row] = await db.insert(campaigns).values(values).returning();
  if (!row) throw new Error('insert campaign returned nothing');
  return row;
}

export async function updateCampaign(db: Db, id: string, values: Partial<CampaignInsert>): Promise<CampaignRow> {
  const [row] = await db
    .update(campaigns)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(campaigns.id, id))
    .returning();
  if (!row) throw new Error('update campaign returned nothing');
  return row;
}

// ---------- actuals ----------

/** Registered enterprises count by id, the others by name. */
const enterpriseKey = sql`coalesce(${campaignVisits.enterpriseOrganizationId}::text, 'name:' || ${campaignVisits.enterpriseName})`;

export interface RawActuals {
  visits: number;
  enterprisesVisited: number;
  demands: number;
  eventsHeld: number;
  eventsPlanned: number;
  participants: number;
  intentionsSigned: number;
  demandsPresented: number;
  achievementsPresented: number;
}

/** Actuals of several campaigns at once (a list page): five grouped queries, not five per campaign. */
export async function actualsOf(db: Db, ids: string[], today: string): Promise<Map<string, RawActuals>> {
  const out = new Map<string, RawActuals>();
  if (!ids.length) return out;
  for (const id of ids) {
    out.set(id, { visits: 0, enterprisesVisited: 0, demands: 0, eventsHeld: 0, eventsPlanned: 0, participants: 0, intentionsSigned: 0, demandsPresented: 0, achievementsPresented: 0 });
  }
  const held = sql`${campaignEvents.heldOn} <= ${today}`;
  const [visits, demandCounts, events, presentedDemands, presentedAchievements] = await Promise.all([
    db
      .select({ id: campaignVisits.campaignId, visits: count(), enterprises: sql<number>`count(distinct ${enterpriseKey})::int` })
      .from(campaignVisits)
      .where(inArray(campaignVisits.campaignId, ids))
      .groupBy(campaignVisits.campaignId),
    db
      .select({ id: demands.campaignId, n: count() })
      .from(demands)
      .where(inArray(demands.campaignId, ids))
      .groupBy(demands.campaignId),
    db
      .select({
        id: campaignEvents.campaignId,
        held: sql<number>`(count(*) filter (where ${held}))::int`,
        planned: sql<number>`(count(*) filter (where not (${held})))::int`,
        participants: sql<number>`coalesce(sum(${campaignEvents.participantCount}) filter (where ${held}), 0)::int`,
        intentions: sql<number>`coalesce(sum(${campaignEvents.intentionsSigned}) filter (where ${held}), 0)::int`,
      })
      .from(campaignEvents)
      .where(inArray(campaignEvents.campaignId, ids))
      .groupBy(campaignEvents.campaignId),
    db.execute(sql`select e.campaign_id as id, count(distinct d)::int as n
      from ${campaignEvents} e, unnest(e.demand_ids) d
      where e.campaign_id in ${ids} and e.held_on <= ${today} group by e.campaign_id`),
    db.execute(sql`select e.campaign_id as id, count(distinct a)::int as n
      from ${campaignEvents} e, unnest(e.achievement_ids) a
      where e.campaign_id in ${ids} and e.held_on <= ${today} group by e.campaign_id`),
  ]);
  for (const v of visits) {
    const a = out.get(v.id);
    if (a) Object.assign(a, { visits: v.visits, enterprisesVisited: v.enterprises });
  }
  for (const d of demandCounts) {
    const a = d.id ? out.get(d.id) : undefined;
    if (a) a.demands = d.n;
  }
  for (const e of events) {
    const a = out.get(e.id);
    if (a) Object.assign(a, { eventsHeld: e.held, eventsPlanned: e.planned, participants: e.participants, intentionsSigned: e.intentions });
  }
  for (const r of (presentedDemands as unknown as { rows: { id: string; n: number }[] }).rows) {
    const a = out.get(r.id);
    if (a) a.demandsPresented = r.n;
  }
  for (const r of (presentedAchievements as unknown as { rows: { id: string; n: number }[] }).rows) {
    const a = out.get(r.id);
    if (a) a.achievementsPresented = r.n;
  }
  return out;
}

/** Counts per month (YYYY-MM): visits by visit day, demands by creation (Beijing time), events held. */
export async function monthlyCounts(db: Db, id: string, today: string) {
  const visitMonth = sql<string>`to_char(${campaignVisits.visitedOn}, 'YYYY-MM')`;
  const demandMonth = sql<string>`to_char(${demands.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  const eventMonth = sql<string>`to_char(${campaignEvents.heldOn}, 'YYYY-MM')`;
  const [visits, demandRows, events] = await Promise.all([
    db.select({ month: visitMonth, n: count() }).from(campaignVisits).where(eq(campaignVisits.campaignId, id)).groupBy(visitMonth),
    db.select({ month: demandMonth, n: count() }).from(demands).where(eq(demands.campaignId, id)).groupBy(demandMonth),
    db
      .select({ month: eventMonth, n: count() })
      .from(campaignEvents)
      .where(and(eq(campaignEvents.campaignId, id), lte(campaignEvents.heldOn, today)))
      .groupBy(eventMonth),
  ]);
  return { visits, demands: demandRows, events };
}

/** Counts per region code, for the regional breakdown (grouped further by the service). */
export async function regionalCounts(db: Db, id: string, today: string) {
  const [visits, enterprises, demandRows, events] = await Promise.all([
    db.select({ regionCode: campaignVisits.regionCode, n: count() }).from(campaignVisits).where(eq(campaignVisits.campaignId, id)).groupBy(campaignVisits.regionCode),
    db
      .selectDistinct({ regionCode: campaignVisits.regionCode, key: sql<string>`${enterpriseKey}` })
      .from(campaignVisits)
      .where(eq(campaignVisits.campaignId, id)),
    db.select({ regionCode: demands.regionCode, n: count() }).from(demands).where(eq(demands.campaignId, id)).groupBy(demands.regionCode),
    db
      .select({ regionCode: campaignEvents.regionCode, n: count() })
      .from(campaignEvents)
      .where(and(eq(campaignEvents.campaignId, id), lte(campaignEvents.heldOn, today)))
      .groupBy(campaignEvents.regionCode),
  ]);
  return { visits, enterprises, demands: demandRows, events };
}

/** Where and when the campaign's records lie, so an edit cannot leave them outside its period or regions. */
export async function recordsExtent(db: Db, id: string) {
  const [v, e, vr, er] = await Promise.all([
    db
      .select({ first: sql<string | null>`min(${campaignVisits.visitedOn})::text`, last: sql<string | null>`max(${campaignVisits.visitedOn})::text` })
      .from(campaignVisits)
      .where(eq(campaignVisits.campaignId, id)),
    db
      .select({ first: sql<string | null>`min(${campaignEvents.heldOn})::text`, last: sql<string | null>`max(${campaignEvents.heldOn})::text` })
      .from(campaignEvents)
      .where(eq(campaignEvents.campaignId, id)),
    db.selectDistinct({ regionCode: campaignVisits.regionCode }).from(campaignVisits).where(eq(campaignVisits.campaignId, id)),
    db.selectDistinct({ regionCode: campaignEvents.regionCode }).from(campaignEvents).where(eq(campaignEvents.campaignId, id)),
  ]);
  const dates = [v[0]?.first, v[0]?.last, e[0]?.first, e[0]?.last].filter((d): d is string => Boolean(d)).sort();
  return {
    firstDay: dates[0] ?? null,
    lastDay: dates[dates.length - 1] ?? null,
    regionCodes: [...new Set([...vr, ...er].map((r) => r.regionCode))],
  };
}

// ---------- visits ----------

/** Which visits a caller sees, in SQL: all, or those in its regions plus its own. */
export type VisitScope = { all: true } | { all: false; regionScopes: string[]; createdBy: string };

function visitScopeWhere(scope: VisitScope): SQL | undefined {
  if (scope.all) return undefined;
  const conds: SQL[] = scope.regionScopes.map((s) => like(campaignVisits.regionCode, `${regionScopePrefix(s)}%`));
  conds.push(eq(campaignVisits.createdBy, scope.createdBy));
  return or(...conds);
}

export async function listVisits(db: Db, campaignId: string, scope: VisitScope, page: number, pageSize: number) {
  const where = and(eq(campaignVisits.campaignId, campaignId), visitScopeWhere(scope));
  const [items, totals] = await Promise.all([
    db
      .select()
      .from(campaignVisits)
      .where(where)
      .orderBy(desc(campaignVisits.visitedOn), desc(campaignVisits.createdAt), campaignVisits.id)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(campaignVisits).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function insertVisit(db: Db, values: VisitInsert): Promise<VisitRow> {
  const [row] = await db.insert(campaignVisits).values(values).returning();
  if (!row) throw new Error('insert visit returned nothing');
  return row;
}

export async function selectVisit(db: Db, id: string): Promise<VisitRow | undefined> {
  const r = await db.select().from(campaignVisits).where(eq(campaignVisits.id, id)).limit(1);
  return r[0];
}

/** The same enterprise visited on the same day in the same campaign: a double entry. */
export async function findSameDayVisit(db: Db, campaignId: string, visitedOn: string, enterpriseOrganizationId: string | null, enterpriseName: string) {
  const r = await db
    .select({ id: campaignVisits.id })
    .from(campaignVisits)
    .where(
      and(
        eq(campaignVisits.campaignId, campaignId),
        eq(campaignVisits.visitedOn, visitedOn),
        enterpriseOrganizationId ? eq(campaignVisits.enterpriseOrganizationId, enterpriseOrganizationId) : eq(campaignVisits.enterpriseName, enterpriseName),
      ),
    )
    .limit(1);
  return r[0];
}

/** Demands recorded against each visit. */
export async function demandsPerVisit(db: Db, visitIds: string[]): Promise<Map<string, number>> {
  if (!visitIds.length) return new Map();
  const rows = await db
    .select({ id: demands.campaignVisitId, n: count() })
    .from(demands)
    .where(inArray(demands.campaignVisitId, visitIds))
    .groupBy(demands.campaignVisitId);
  return new Map(rows.flatMap((r) => (r.id ? [[r.id, r.n] as const] : [])));
}

// ---------- events ----------

export async function listEvents(db: Db, campaignId: string) {
  return db.select().from(campaignEvents).where(eq(campaignEvents.campaignId, campaignId)).orderBy(desc(campaignEvents.heldOn), asc(campaignEvents.createdAt));
}

export async function selectEvent(db: Db, campaignId: string, id: string, forUpdate = false): Promise<EventRow | undefined> {
  const q = db
    .select()
    .from(campaignEvents)
    .where(and(eq(campaignEvents.id, id), eq(campaignEvents.campaignId, campaignId)))
    .limit(1);
  const r = forUpdate ? await q.for('update') : await q;
  return r[0];
}

export async function insertEvent(db: Db, values: EventInsert): Promise<EventRow> {
  const [row] = await db.insert(campaignEvents).values(values).returning();
  if (!row) throw new Error('insert event returned nothing');
  return row;
}

export async function updateEvent(db: Db, id: string, values: Partial<EventInsert>): Promise<EventRow> {
  const [row] = await db.update(campaignEvents).set(values).where(eq(campaignEvents.id, id)).returning();
  if (!row) throw new Error('update event returned nothing');
  return row;
}

// ---------- records of other modules (read only) ----------

export async function selectOrganizationBrief(db: Db, id: string) {
  const r = await db
    .select({ id: organizations.id, name: organizations.name, type: organizations.type, regionCode: organizations.regionCode, status: organizations.status })
    .from(organizations)
    .where(eq(organizations.id, id))
    .limit(1);
  return r[0];
}

export async function demandBriefs(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select({ id: demands.id, title: demands.title, status: demands.status, regionCode: demands.regionCode }).from(demands).where(inArray(demands.id, ids));
}

export async function achievementBriefs(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: achievements.id, title: achievements.title, status: achievements.status, regionCode: achievements.regionCode })
    .from(achievements)
    .where(inArray(achievements.id, ids));
}

// ---------- demo data ----------

export async function selectUserIdByEmail(db: Db, email: string): Promise<string | null> {
  const r = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  return r[0]?.id ?? null;
}

/** A few published achievements of a region, newest first (demo events present them). */
export async function publishedAchievementIds(db: Db, regionPrefix: string, limit: number): Promise<string[]> {
  const r = await db
    .select({ id: achievements.id })
    .from(achievements)
    .where(and(eq(achievements.status, 'published'), like(achievements.regionCode, `${regionPrefix}%`)))
    .orderBy(desc(achievements.publishedAt), achievements.id)
    .limit(limit);
  return r.map((x) => x.id);
}
