import { and, arrayOverlaps, asc, count, desc, eq, gte, ilike, inArray, isNotNull, like, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { regionScopePrefix } from '../regions/index.js';
import {
  achievementAccessRequests,
  achievementAttachments,
  achievementRevisions,
  achievements,
  achievementVersions,
} from './achievements.tables.js';

export type AchievementRow = typeof achievements.$inferSelect;
export type AchievementInsert = typeof achievements.$inferInsert;
export type RevisionRow = typeof achievementRevisions.$inferSelect;
export type AccessRequestRow = typeof achievementAccessRequests.$inferSelect;
export type AttachmentRow = typeof achievementAttachments.$inferSelect;

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/**
 * Which records a caller may see, in SQL. Public: published only. Members of the owner see all of
 * their organization's records; a gov_admin sees everything but drafts inside its regions; the
 * operator sees all.
 */
export type AchievementScope =
  | { all: true }
  | { all: false; organizationId: string | null; regionScopes: string[] };

export function scopeWhere(scope: AchievementScope): SQL | undefined {
  if (scope.all) return undefined;
  const conds: SQL[] = [eq(achievements.status, 'published')];
  if (scope.organizationId) conds.push(eq(achievements.ownerOrganizationId, scope.organizationId));
  for (const s of scope.regionScopes) {
    const inRegion = and(like(achievements.regionCode, `${regionScopePrefix(s)}%`), ne(achievements.status, 'draft'));
    if (inRegion) conds.push(inRegion);
  }
  return or(...conds);
}

export interface AchievementFilter {
  q?: string | undefined;
  status?: string[] | undefined;
  keyField?: string | undefined;
  industry?: string | undefined;
  type?: string | undefined;
  stage?: string | undefined;
  trlMin?: number | undefined;
  trlMax?: number | undefined;
  cooperationMode?: string | undefined;
  priceMinFen?: number | undefined;
  priceMaxFen?: number | undefined;
  negotiable?: boolean | undefined;
  regionCode?: string | undefined;
  fiscal?: boolean | undefined;
  dualUse?: boolean | undefined;
  selectionYear?: number | undefined;
  selected?: boolean | undefined;
  ownerOrganizationId?: string | undefined;
  staleBefore?: Date | undefined;
  fundingProgramme?: string | undefined;
}

export function filterWhere(f: AchievementFilter): SQL | undefined {
  return and(
    f.q ? or(ilike(achievements.title, `%${escapeLike(f.q)}%`), sql`${f.q} = any(${achievements.keywords})`, ilike(achievements.abstract, `%${escapeLike(f.q)}%`)) : undefined,
    f.status?.length ? inArray(achievements.status, f.status) : undefined,
    f.keyField ? eq(achievements.keyField, f.keyField) : undefined,
    f.industry ? eq(achievements.industry, f.industry) : undefined,
    f.type ? eq(achievements.type, f.type) : undefined,
    f.stage ? eq(achievements.stage, f.stage) : undefined,
    f.trlMin !== undefined ? gte(achievements.trl, f.trlMin) : undefined,
    f.trlMax !== undefined ? lte(achievements.trl, f.trlMax) : undefined,
    f.cooperationMode ? arrayOverlaps(achievements.cooperationModes, [f.cooperationMode]) : undefined,
    f.priceMinFen !== undefined ? gte(achievements.priceFen, f.priceMinFen) : undefined,
    f.priceMaxFen !== undefined ? lte(achievements.priceFen, f.priceMaxFen) : undefined,
    f.negotiable !== undefined ? (f.negotiable ? eq(achievements.pricingMode, 'negotiable') : ne(achievements.pricingMode, 'negotiable')) : undefined,
    f.regionCode ? like(achievements.regionCode, `${regionScopePrefix(f.regionCode)}%`) : undefined,
    f.fiscal !== undefined ? eq(achievements.isFiscallyFunded, f.fiscal) : undefined,
    f.dualUse !== undefined ? eq(achievements.isDualUse, f.dualUse) : undefined,
    f.selectionYear !== undefined ? eq(achievements.selectionYear, f.selectionYear) : undefined,
    f.selected ? isNotNull(achievements.selectionYear) : undefined,
    f.ownerOrganizationId ? eq(achievements.ownerOrganizationId, f.ownerOrganizationId) : undefined,
    f.fundingProgramme ? eq(achievements.fundingProgramme, f.fundingProgramme) : undefined,
    f.staleBefore ? and(eq(achievements.status, 'published'), lt(achievements.lastConfirmedAt, f.staleBefore)) : undefined,
  );
}

export type AchievementSort = 'newest' | 'updated' | 'price_asc' | 'price_desc' | 'oldest_waiting';

function orderOf(sort: AchievementSort) {
  switch (sort) {
    case 'price_asc':
      return [sql`${achievements.priceFen} asc nulls last`, desc(achievements.publishedAt)];
    case 'price_desc':
      return [sql`${achievements.priceFen} desc nulls last`, desc(achievements.publishedAt)];
    case 'updated':
      return [desc(achievements.updatedAt)];
    case 'oldest_waiting':
      return [asc(sql`coalesce(${achievements.confirmedAt}, ${achievements.submittedAt}, ${achievements.updatedAt})`)];
    default:
      return [sql`${achievements.publishedAt} desc nulls last`, desc(achievements.createdAt)];
  }
}

export async function listAchievements(db: Db, scope: AchievementScope, f: AchievementFilter, sort: AchievementSort, page: number, pageSize: number) {
  const where = and(scopeWhere(scope), filterWhere(f));
  const [items, totals] = await Promise.all([
    db.select().from(achievements).where(where).orderBy(...orderOf(sort), achievements.id).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(achievements).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

/** Streams a filtered list in id-stable pages, for exports. */
export async function* iterateAchievements(db: Db, scope: AchievementScope, f: AchievementFilter, batch = 1000) {
  const where = and(scopeWhere(scope), filterWhere(f));
  for (let offset = 0; ; offset += batch) {
    const rows = await db.select().from(achievements).where(where).orderBy(...orderOf('newest'), achievements.id).limit(batch).offset(offset);
    if (rows.length) yield rows;
    if (rows.length < batch) return;
  }
}

export async function selectAchievement(db: Db, id: string, scope: AchievementScope): Promise<AchievementRow | undefined> {
  const r = await db.select().from(achievements).where(and(eq(achievements.id, id), scopeWhere(scope))).limit(1);
  return r[0];
}

/** Row lock for a state change: two reviewers at once cannot both decide. */
export async function selectAchievementForUpdate(db: Db, id: string, scope: AchievementScope): Promise<AchievementRow | undefined> {
  const r = await db.select().from(achievements).where(and(eq(achievements.id, id), scopeWhere(scope))).limit(1).for('update');
  return r[0];
}

export async function insertAchievement(db: Db, values: AchievementInsert): Promise<AchievementRow> {
  const [row] = await db.insert(achievements).values(values).returning();
  if (!row) throw new Error('insert achievement returned nothing');
  return row;
}

/** Columns a bulk import writes; the rest take their defaults. */
const BULK_COLUMNS: Record<string, keyof AchievementInsert> = {
  owner_organization_id: 'ownerOrganizationId', region_code: 'regionCode', created_by: 'createdBy', title: 'title',
  normalized_title: 'normalizedTitle', type: 'type', attribute: 'attribute', key_field: 'keyField', industry: 'industry',
  keywords: 'keywords', abstract: 'abstract', innovation_points: 'innovationPoints', indicators: 'indicators',
  application_scenarios: 'applicationScenarios', trl: 'trl', stage: 'stage', ip_items: 'ipItems', owners: 'owners', team: 'team',
  contact_name: 'contactName', contact_phone: 'contactPhone', contact_email: 'contactEmail', cooperation_modes: 'cooperationModes',
  pricing_mode: 'pricingMode', price_fen: 'priceFen', funding_programme: 'fundingProgramme', funding_project_number: 'fundingProjectNumber',
  is_fiscally_funded: 'isFiscallyFunded', is_dual_use: 'isDualUse', disclosure_tier: 'disclosureTier', status: 'status',
  source: 'source', submitted_at: 'submittedAt', confirmed_at: 'confirmedAt', published_at: 'publishedAt',
  last_confirmed_at: 'lastConfirmedAt', version: 'version',
};

/**
 * Inserts many in one statement; rows whose (owner, normalized title) already exist are skipped and
 * reported. The rows travel as one JSON parameter expanded by json_populate_recordset: thousands of
 * bound parameters per batch would cost more than the insert itself.
 */
export async function insertAchievementsSkippingDuplicates(db: Db, values: AchievementInsert[]): Promise<Set<string>> {
  if (!values.length) return new Set();
  const cols = Object.keys(BULK_COLUMNS);
  const json = JSON.stringify(
    values.map((v) =>
      Object.fromEntries(
        cols.map((c) => {
          const val = v[BULK_COLUMNS[c] as keyof AchievementInsert];
          // Columns with defaults get them when a caller leaves them out.
          if (c === 'version') return [c, val ?? 0];
          return [c, val instanceof Date ? val.toISOString() : (val ?? null)];
        }),
      ),
    ),
  );
  const list = sql.raw(cols.join(', '));
  const rows = await db.execute(sql`
    insert into achievements (${list})
    select ${list} from json_populate_recordset(null::achievements, ${json}::json)
    on conflict (owner_organization_id, normalized_title) where status <> 'archived' do nothing
    returning normalized_title`);
  return new Set((rows as unknown as { rows: { normalized_title: string }[] }).rows.map((r) => r.normalized_title));
}

export async function updateAchievement(db: Db, id: string, values: Partial<AchievementInsert>): Promise<AchievementRow> {
  const [row] = await db
    .update(achievements)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(achievements.id, id))
    .returning();
  if (!row) throw new Error('update achievement returned nothing');
  return row;
}

export async function findByOwnerTitle(db: Db, ownerOrganizationId: string, normalizedTitle: string, exceptId?: string) {
  const r = await db
    .select({ id: achievements.id, title: achievements.title })
    .from(achievements)
    .where(
      and(
        eq(achievements.ownerOrganizationId, ownerOrganizationId),
        eq(achievements.normalizedTitle, normalizedTitle),
        ne(achievements.status, 'archived'),
        exceptId ? ne(achievements.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return r[0];
}

/** Candidates for near-duplicate comparison: other owners' live records sharing a keyword or a title fragment. */
export async function nearDuplicateCandidates(db: Db, row: AchievementRow, limit = 200) {
  const fragment = row.normalizedTitle.slice(0, 4);
  return db
    .select({ id: achievements.id, title: achievements.title, normalizedTitle: achievements.normalizedTitle, ownerOrganizationId: achievements.ownerOrganizationId, status: achievements.status })
    .from(achievements)
    .where(
      and(
        ne(achievements.ownerOrganizationId, row.ownerOrganizationId),
        ne(achievements.status, 'archived'),
        ne(achievements.status, 'draft'),
        or(
          row.keywords.length ? arrayOverlaps(achievements.keywords, row.keywords) : undefined,
          fragment.length >= 2 ? like(achievements.normalizedTitle, `%${escapeLike(fragment)}%`) : undefined,
        ),
      ),
    )
    .limit(limit);
}

export async function countByStatus(db: Db) {
  return db.select({ status: achievements.status, n: count() }).from(achievements).groupBy(achievements.status);
}

// ---- versions ----

export async function insertVersion(db: Db, achievementId: string, version: number, data: Record<string, unknown>, publishedBy: string | null) {
  await db.insert(achievementVersions).values({ achievementId, version, data, publishedBy });
}

export async function listVersions(db: Db, achievementId: string) {
  return db.select().from(achievementVersions).where(eq(achievementVersions.achievementId, achievementId)).orderBy(asc(achievementVersions.version));
}

// ---- revisions ----

export async function selectOpenRevision(db: Db, achievementId: string): Promise<RevisionRow | undefined> {
  const r = await db
    .select()
    .from(achievementRevisions)
    .where(and(eq(achievementRevisions.achievementId, achievementId), inArray(achievementRevisions.status, ['draft', 'submitted'])))
    .limit(1);
  return r[0];
}

export async function upsertOpenRevision(db: Db, achievementId: string, data: Record<string, unknown>, userId: string, submit: boolean) {
  const open = await selectOpenRevision(db, achievementId);
  const status = submit ? 'submitted' : 'draft';
  if (open) {
    const [row] = await db
      .update(achievementRevisions)
      .set({ data, status, submittedAt: submit ? new Date() : open.submittedAt, updatedAt: new Date(), returnReasons: null })
      .where(eq(achievementRevisions.id, open.id))
      .returning();
    return row;
  }
  const [row] = await db
    .insert(achievementRevisions)
    .values({ achievementId, data, status, createdBy: userId, submittedAt: submit ? new Date() : null })
    .returning();
  return row;
}

export async function decideRevision(db: Db, id: string, values: Partial<typeof achievementRevisions.$inferInsert>) {
  const [row] = await db
    .update(achievementRevisions)
    .set({ ...values, decidedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(achievementRevisions.id, id), eq(achievementRevisions.status, 'submitted')))
    .returning();
  return row;
}

/** Records with a submitted revision, for the review queue. */
export async function listSubmittedRevisions(db: Db, scope: AchievementScope) {
  return db
    .select({ revision: achievementRevisions, achievement: achievements })
    .from(achievementRevisions)
    .innerJoin(achievements, eq(achievementRevisions.achievementId, achievements.id))
    .where(and(eq(achievementRevisions.status, 'submitted'), scopeWhere(scope)))
    .orderBy(asc(achievementRevisions.submittedAt));
}

// ---- access requests ----

export async function insertAccessRequest(db: Db, values: typeof achievementAccessRequests.$inferInsert): Promise<AccessRequestRow> {
  const [row] = await db.insert(achievementAccessRequests).values(values).returning();
  if (!row) throw new Error('insert access request returned nothing');
  return row;
}

export async function selectAccessRequests(db: Db, achievementId: string, requesterUserId?: string) {
  return db
    .select()
    .from(achievementAccessRequests)
    .where(
      and(
        eq(achievementAccessRequests.achievementId, achievementId),
        requesterUserId ? eq(achievementAccessRequests.requesterUserId, requesterUserId) : undefined,
      ),
    )
    .orderBy(desc(achievementAccessRequests.createdAt));
}

export async function selectAccessRequest(db: Db, id: string): Promise<AccessRequestRow | undefined> {
  const r = await db.select().from(achievementAccessRequests).where(eq(achievementAccessRequests.id, id)).limit(1);
  return r[0];
}

export async function decideAccessRequest(db: Db, id: string, status: 'granted' | 'refused' | 'revoked', decidedBy: string) {
  const [row] = await db
    .update(achievementAccessRequests)
    .set({ status, decidedBy, decidedAt: new Date() })
    .where(eq(achievementAccessRequests.id, id))
    .returning();
  return row;
}

export async function hasGrantedAccess(db: Db, achievementId: string, userId: string): Promise<boolean> {
  const r = await db
    .select({ id: achievementAccessRequests.id })
    .from(achievementAccessRequests)
    .where(
      and(
        eq(achievementAccessRequests.achievementId, achievementId),
        eq(achievementAccessRequests.requesterUserId, userId),
        eq(achievementAccessRequests.status, 'granted'),
      ),
    )
    .limit(1);
  return r.length > 0;
}

// ---- attachments ----

export async function listAttachments(db: Db, achievementId: string) {
  return db.select().from(achievementAttachments).where(eq(achievementAttachments.achievementId, achievementId)).orderBy(asc(achievementAttachments.createdAt));
}

export async function insertAttachment(db: Db, values: typeof achievementAttachments.$inferInsert): Promise<AttachmentRow> {
  const [row] = await db.insert(achievementAttachments).values(values).returning();
  if (!row) throw new Error('insert attachment returned nothing');
  return row;
}

export async function selectAttachment(db: Db, achievementId: string, id: string): Promise<AttachmentRow | undefined> {
  const r = await db
    .select()
    .from(achievementAttachments)
    .where(and(eq(achievementAttachments.id, id), eq(achievementAttachments.achievementId, achievementId)))
    .limit(1);
  return r[0];
}

export async function deleteAttachment(db: Db, id: string) {
  await db.delete(achievementAttachments).where(eq(achievementAttachments.id, id));
}

export async function countAttachments(db: Db, achievementId: string): Promise<number> {
  const r = await db.select({ n: count() }).from(achievementAttachments).where(eq(achievementAttachments.achievementId, achievementId));
  return r[0]?.n ?? 0;
}

/** Project library (财政资金成果转化项目库): published fiscally funded records grouped by programme. */
export async function projectLibraryGroups(db: Db) {
  return db
    .select({ programme: sql<string>`${achievements.fundingProgramme}`, n: count() })
    .from(achievements)
    .where(and(eq(achievements.status, 'published'), eq(achievements.isFiscallyFunded, true), isNotNull(achievements.fundingProgramme)))
    .groupBy(sql`1`)
    .orderBy(desc(count()));
}

export async function selectionYears(db: Db) {
  return db
    .select({ year: achievements.selectionYear, n: count() })
    .from(achievements)
    .where(and(eq(achievements.status, 'published'), isNotNull(achievements.selectionYear)))
    .groupBy(achievements.selectionYear)
    .orderBy(desc(achievements.selectionYear));
}

/** Published records confirmed before `before` and not reminded since `remindedBefore`. */
export async function staleDue(db: Db, before: Date, remindedBefore: Date, limit = 500) {
  return db
    .select()
    .from(achievements)
    .where(
      and(
        eq(achievements.status, 'published'),
        lt(achievements.lastConfirmedAt, before),
        or(sql`${achievements.staleRemindedAt} is null`, lt(achievements.staleRemindedAt, remindedBefore)),
      ),
    )
    .limit(limit);
}

/** Published records after an id, in id order (full search rebuilds). */
/**
 * Records after an id in id order, of every status (a full search rebuild keeps the published ones).
 * The status is left out of the query on purpose: with stale statistics (PGlite runs no autovacuum;
 * any database right after a bulk import) the planner took the status index and sorted every
 * published record for each batch: 11 s per batch of 2,000 at 1M records, 38 ms by the primary key.
 */
export async function selectAchievementsAfter(db: Db, afterId: string, limit: number) {
  return db.select().from(achievements).where(sql`${achievements.id} > ${afterId}`).orderBy(achievements.id).limit(limit);
}

export async function selectPublishedByIds(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select().from(achievements).where(and(inArray(achievements.id, ids), eq(achievements.status, 'published')));
}

export async function idsWithSubmittedRevision(db: Db, ids: string[]): Promise<string[]> {
  const rows = await db
    .select({ id: achievementRevisions.achievementId })
    .from(achievementRevisions)
    .where(and(inArray(achievementRevisions.achievementId, ids), eq(achievementRevisions.status, 'submitted')));
  return rows.map((r) => r.id);
}
