/**
 * All SQL of the matching module (供需对接). It owns matching_weights, match_recommendations and
 * match_feedback; it reads demands and achievements (their public tables, never writes them).
 */
import { and, asc, count, desc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { rowsOf } from '../../platform/db.js';
import { organizations, users } from '../accounts/index.js';
import { achievements } from '../achievements/index.js';
import { demands } from '../demands/index.js';
import { matchFeedback, matchingWeights, matchRecommendations } from './matching.tables.js';

/** Demands still looking for a solution: recommendations are kept for these (rematch). */
export const OPEN_DEMAND_STATUSES = ['published', 'claimed', 'docking'] as const;
/** Demands whose docking succeeded: they make the owner's conversion record. */
export const CONVERTED_DEMAND_STATUSES = ['matched', 'contracted'] as const;

/**
 * `column = any(ids)` with the ids as one text parameter: a rematch batch asks for some 20,000
 * candidates at once, and as many bound parameters would cost more than the query.
 */
function idIn(column: typeof achievements.id, ids: string[]): SQL {
  return sql`${column} = any(string_to_array(${ids.join(',')}, ',')::uuid[])`;
}

// ---------- demands (read) ----------

const demandColumns = {
  id: demands.id,
  title: demands.title,
  status: demands.status,
  enterpriseOrganizationId: demands.enterpriseOrganizationId,
  regionCode: demands.regionCode,
  createdBy: demands.createdBy,
  claimantOrganizationId: demands.claimantOrganizationId,
  publishedAt: demands.publishedAt,
  keywords: demands.keywords,
  publicSummary: demands.publicSummary,
  description: demands.description,
  indicators: demands.indicators,
  keyField: demands.keyField,
  industry: demands.industry,
  demandType: demands.demandType,
  cooperationModes: demands.cooperationModes,
  budgetMode: demands.budgetMode,
  budgetMinFen: demands.budgetMinFen,
  budgetMaxFen: demands.budgetMaxFen,
};
/** The demand as matching reads it: visibility facts, its text and its coded fields. */
export type DemandForMatching = Pick<typeof demands.$inferSelect, keyof typeof demandColumns>;

/** One demand by id, unscoped: the service decides visibility with the policy (404 or 403). */
export async function selectDemand(db: Db, id: string): Promise<DemandForMatching | undefined> {
  const r = await db.select(demandColumns).from(demands).where(eq(demands.id, id)).limit(1);
  return r[0];
}

/** Open demands among some ids (candidates from the index, which also holds matched/contracted ones). */
export async function selectOpenDemands(db: Db, ids: string[]): Promise<DemandForMatching[]> {
  if (!ids.length) return [];
  return db.select(demandColumns).from(demands).where(and(inArray(demands.id, ids), inArray(demands.status, [...OPEN_DEMAND_STATUSES])));
}

/**
 * Demands after `afterId` in id order, a page at a time, of every status (rematch keeps the open
 * ones, {@link OPEN_DEMAND_STATUSES}). The status stays out of the query for the reason given at
 * achievements' selectAchievementsAfter: with stale statistics the planner sorted every matching
 * row for each page instead of walking the primary key.
 */
export async function selectDemandsForMatchingAfter(db: Db, afterId: string, limit: number): Promise<DemandForMatching[]> {
  return db.select(demandColumns).from(demands).where(gt(demands.id, afterId)).orderBy(asc(demands.id)).limit(limit);
}

export function isOpenDemand(d: Pick<DemandForMatching, 'status'>): boolean {
  return (OPEN_DEMAND_STATUSES as readonly string[]).includes(d.status);
}

export async function countOpenDemands(db: Db): Promise<number> {
  const r = await db.select({ n: count() }).from(demands).where(inArray(demands.status, [...OPEN_DEMAND_STATUSES]));
  return r[0]?.n ?? 0;
}

// ---------- achievements (read) ----------

const featureColumns = {
  id: achievements.id,
  ownerOrganizationId: achievements.ownerOrganizationId,
  keyField: achievements.keyField,
  industry: achievements.industry,
  trl: achievements.trl,
  cooperationModes: achievements.cooperationModes,
  pricingMode: achievements.pricingMode,
  priceFen: achievements.priceFen,
  regionCode: achievements.regionCode,
};
export interface AchievementFeatureRow {
  id: string;
  ownerOrganizationId: string;
  keyField: string | null;
  industry: string | null;
  trl: number | null;
  cooperationModes: string[];
  pricingMode: string;
  priceFen: number | null;
  regionCode: string;
}

/** The coded fields matching scores, of the published records among `ids` (one query for a whole batch). */
export async function selectPublishedFeatures(db: Db, ids: string[]): Promise<AchievementFeatureRow[]> {
  if (!ids.length) return [];
  return db.select(featureColumns).from(achievements).where(and(idIn(achievements.id, ids), eq(achievements.status, 'published')));
}

/** One achievement (any status) with what the reverse direction needs: features and its public text. */
export async function selectAchievement(db: Db, id: string) {
  const r = await db
    .select({
      ...featureColumns,
      title: achievements.title,
      keywords: achievements.keywords,
      abstract: achievements.abstract,
      status: achievements.status,
    })
    .from(achievements)
    .where(eq(achievements.id, id))
    .limit(1);
  return r[0];
}

/**
 * The conversion record (转化记录) per owner organization: demands matched or contracted whose
 * linked achievements include one of the owner's. All owners when `ownerIds` is absent (rematch
 * loads it once).
 */
export async function selectOwnerConversions(db: Db, ownerIds?: string[]): Promise<Map<string, number>> {
  if (ownerIds && !ownerIds.length) return new Map();
  const ownerFilter = ownerIds ? sql`and a.owner_organization_id in (${sql.join(ownerIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  const r = await db.execute(sql`
    select a.owner_organization_id as owner, count(distinct d.id)::int as n
    from ${demands} d
    join ${achievements} a on a.id = any(d.matched_achievement_ids)
    where d.status in ('matched', 'contracted') ${ownerFilter}
    group by a.owner_organization_id`);
  return new Map(rowsOf<{ owner: string; n: number }>(r).map((x) => [x.owner, Number(x.n)]));
}

/** Name and region of organizations (the enterprises behind matching demands). */
export async function selectOrganizations(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: organizations.id, name: organizations.name, regionCode: organizations.regionCode })
    .from(organizations)
    .where(inArray(organizations.id, ids));
}

// ---------- weights ----------

export type WeightsRow = typeof matchingWeights.$inferSelect;

/** The weights in force: the newest version (none: the defaults apply). */
export async function selectCurrentWeights(db: Db): Promise<WeightsRow | undefined> {
  const r = await db.select().from(matchingWeights).orderBy(desc(matchingWeights.createdAt), desc(matchingWeights.id)).limit(1);
  return r[0];
}

/**
 * Serializes weight updates (operator edits and learned ones) until the transaction ends, so two
 * verdicts at once each build on the other's result instead of one overwriting the other.
 */
export async function lockWeights(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('kehui.matching_weights'))`);
}

export async function insertWeights(db: Db, values: typeof matchingWeights.$inferInsert): Promise<WeightsRow> {
  const r = await db.insert(matchingWeights).values(values).returning();
  const row = r[0];
  if (!row) throw new Error('insert matching_weights returned nothing');
  return row;
}

/** Weight versions, newest first, with the name of the operator who set them. */
export async function listWeights(db: Db, page: number, pageSize: number) {
  const [items, totals] = await Promise.all([
    db
      .select({ row: matchingWeights, createdByName: users.name })
      .from(matchingWeights)
      .leftJoin(users, eq(users.id, matchingWeights.createdBy))
      .orderBy(desc(matchingWeights.createdAt), desc(matchingWeights.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(matchingWeights),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

// ---------- feedback ----------

export type FeedbackRow = typeof matchFeedback.$inferSelect;

export async function selectFeedbackByProposal(db: Db, proposalId: string): Promise<FeedbackRow | undefined> {
  const r = await db.select().from(matchFeedback).where(eq(matchFeedback.proposalId, proposalId)).limit(1);
  return r[0];
}

/** Inserts a verdict; a second one for the same proposal is ignored (undefined). */
export async function insertFeedback(db: Db, values: typeof matchFeedback.$inferInsert): Promise<FeedbackRow | undefined> {
  const r = await db.insert(matchFeedback).values(values).onConflictDoNothing({ target: matchFeedback.proposalId }).returning();
  return r[0];
}

// ---------- stored recommendations ----------

export type RecommendationInsert = typeof matchRecommendations.$inferInsert;

/** Rows per INSERT statement (rematch writes 20 per demand). */
const INSERT_CHUNK = 5000;

/**
 * Replaces the stored recommendations of these demands with `rows`. The rows travel as one JSON
 * parameter expanded by json_populate_recordset: six bound parameters per row would cost more than
 * the insert itself.
 */
export async function replaceRecommendations(tx: Db, demandIds: string[], rows: RecommendationInsert[]): Promise<void> {
  if (!demandIds.length) return;
  await tx.delete(matchRecommendations).where(inArray(matchRecommendations.demandId, demandIds));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const json = JSON.stringify(
      rows.slice(i, i + INSERT_CHUNK).map((r) => ({
        demand_id: r.demandId,
        achievement_id: r.achievementId,
        rank: r.rank,
        score: r.score,
        components: r.components,
        computed_at: (r.computedAt ?? new Date()).toISOString(),
      })),
    );
    await tx.execute(sql`
      insert into ${matchRecommendations} (demand_id, achievement_id, rank, score, components, computed_at)
      select demand_id, achievement_id, rank, score, components, computed_at
      from json_populate_recordset(null::match_recommendations, ${json}::json)`);
  }
}

/** Removes stored recommendations of demands that are no longer open. */
export async function deleteStaleRecommendations(db: Db): Promise<number> {
  const r = await db.execute(sql`
    delete from ${matchRecommendations} r
    using ${demands} d
    where d.id = r.demand_id and d.status not in ('published', 'claimed', 'docking')`);
  return (r as { rowCount?: number; affectedRows?: number }).rowCount ?? (r as { affectedRows?: number }).affectedRows ?? 0;
}

export async function countRecommendations(db: Db, demandId?: string): Promise<number> {
  const r = await db
    .select({ n: count() })
    .from(matchRecommendations)
    .where(demandId ? eq(matchRecommendations.demandId, demandId) : undefined);
  return r[0]?.n ?? 0;
}

/** Stored recommendations of one demand, best first. */
export async function listStoredRecommendations(db: Db, demandId: string) {
  return db.select().from(matchRecommendations).where(eq(matchRecommendations.demandId, demandId)).orderBy(asc(matchRecommendations.rank));
}
