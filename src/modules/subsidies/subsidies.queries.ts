/**
 * All SQL of the subsidies module. Lists are scoped in SQL (`ApplicationScope`); budget and
 * disbursed sums move only by conditional updates, so they never pass their bounds.
 */
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { organizations, users } from '../accounts/index.js';
import { deals } from '../listings/index.js';
import { regionScopePrefix } from '../regions/index.js';
import { APPROVED_STATUSES, CLOSED_STATUSES, REVIEWABLE_STATUSES } from './subsidy-codes.js';
import type { ApplicationScope } from './subsidies.policy.js';
import { subsidyApplications as apps, subsidyDisbursements, subsidyProgrammes as programmes, subsidyReviewScores } from './subsidies.tables.js';

export type ProgrammeRow = typeof programmes.$inferSelect;
export type ProgrammeInsert = typeof programmes.$inferInsert;
export type ApplicationRow = typeof apps.$inferSelect;
export type DisbursementRow = typeof subsidyDisbursements.$inferSelect;
export type ApplicationWithProgramme = { app: ApplicationRow; programme: ProgrammeRow };

const inRegions = (col: typeof apps.regionCode | typeof programmes.regionCode, scopes: string[]) =>
  or(...scopes.map((s) => sql`${col} like ${`${regionScopePrefix(s)}%`}`));

// ---------- programmes ----------

export async function listProgrammes(db: Db, statuses: string[] | null) {
  return db
    .select()
    .from(programmes)
    .where(statuses ? inArray(programmes.status, statuses) : undefined)
    .orderBy(asc(programmes.code), desc(programmes.version));
}

export async function selectProgramme(db: Db, id: string, forUpdate = false): Promise<ProgrammeRow | undefined> {
  const q = db.select().from(programmes).where(eq(programmes.id, id)).limit(1);
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/** Every version of a programme code, newest first; `forUpdate` locks them (serializes approvals within a code). */
export async function selectVersions(db: Db, code: string, forUpdate = false): Promise<ProgrammeRow[]> {
  const q = db.select().from(programmes).where(eq(programmes.code, code)).orderBy(desc(programmes.version));
  return forUpdate ? q.for('update') : q;
}

/** The version of a code in force on a day (active or superseded, effectiveFrom ≤ day ≤ effectiveTo). */
export async function selectVersionOn(db: Db, code: string, day: string): Promise<ProgrammeRow | undefined> {
  const [row] = await db
    .select()
    .from(programmes)
    .where(
      and(
        eq(programmes.code, code),
        inArray(programmes.status, ['active', 'superseded']),
        lte(programmes.effectiveFrom, day),
        or(isNull(programmes.effectiveTo), gte(programmes.effectiveTo, day)),
      ),
    )
    .orderBy(desc(programmes.version))
    .limit(1);
  return row;
}

export async function insertProgramme(db: Db, values: ProgrammeInsert): Promise<ProgrammeRow> {
  const [row] = await db.insert(programmes).values(values).returning();
  if (!row) throw new Error('programme insert returned nothing');
  return row;
}

export async function updateProgrammeIf(db: Db, id: string, fromStatus: string, values: Partial<ProgrammeInsert>): Promise<ProgrammeRow | undefined> {
  const [row] = await db
    .update(programmes)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(programmes.id, id), eq(programmes.status, fromStatus)))
    .returning();
  return row;
}

/**
 * Reserves budget for an approval: applied only while committed + amount stays within the budget
 * (0 rows = the budget is exhausted; nothing changes).
 */
export async function reserveBudget(db: Db, id: string, fen: number): Promise<ProgrammeRow | undefined> {
  const [row] = await db
    .update(programmes)
    .set({ committedFen: sql`${programmes.committedFen} + ${fen}`, updatedAt: new Date() })
    .where(and(eq(programmes.id, id), sql`${programmes.committedFen} + ${fen} <= ${programmes.budgetFen}`))
    .returning();
  return row;
}

/** Adds a disbursement to the programme, never past what it has committed. */
export async function addProgrammeDisbursed(db: Db, id: string, fen: number): Promise<ProgrammeRow | undefined> {
  const [row] = await db
    .update(programmes)
    .set({ disbursedFen: sql`${programmes.disbursedFen} + ${fen}`, updatedAt: new Date() })
    .where(and(eq(programmes.id, id), sql`${programmes.disbursedFen} + ${fen} <= ${programmes.committedFen}`))
    .returning();
  return row;
}

// ---------- applications ----------

export function scopeWhere(scope: ApplicationScope): SQL | undefined {
  if (scope.all) return undefined;
  const conds: (SQL | undefined)[] = [];
  if (scope.organizationId) conds.push(eq(apps.applicantOrganizationId, scope.organizationId));
  if (scope.regionScopes.length) conds.push(inRegions(apps.regionCode, scope.regionScopes), inRegions(programmes.regionCode, scope.regionScopes));
  if (scope.isExpert) conds.push(inArray(apps.status, REVIEWABLE_STATUSES));
  return conds.length ? or(...conds) : sql`false`;
}

export interface ApplicationFilter {
  statuses?: string[] | undefined;
  programmeCode?: string | undefined;
  applicantOrganizationId?: string | undefined;
  /** Only applications whose programme lies in these regions (the ones a gov_admin decides). */
  programmeRegionScopes?: string[] | undefined;
}

export async function listApplications(db: Db, scope: ApplicationScope, f: ApplicationFilter, page: number, pageSize: number, oldestFirst = false) {
  const where = and(
    scopeWhere(scope),
    f.statuses ? inArray(apps.status, f.statuses) : undefined,
    f.programmeCode ? eq(programmes.code, f.programmeCode) : undefined,
    f.applicantOrganizationId ? eq(apps.applicantOrganizationId, f.applicantOrganizationId) : undefined,
    f.programmeRegionScopes ? (f.programmeRegionScopes.length ? inRegions(programmes.regionCode, f.programmeRegionScopes) : sql`false`) : undefined,
  );
  const [items, totals] = await Promise.all([
    db
      .select({ app: apps, programme: programmes })
      .from(apps)
      .innerJoin(programmes, eq(programmes.id, apps.programmeId))
      .where(where)
      .orderBy(oldestFirst ? asc(apps.createdAt) : desc(apps.updatedAt), asc(apps.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(apps).innerJoin(programmes, eq(programmes.id, apps.programmeId)).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function selectApplication(db: Db, id: string, scope: ApplicationScope, forUpdate = false): Promise<ApplicationWithProgramme | undefined> {
  const q = db
    .select({ app: apps, programme: programmes })
    .from(apps)
    .innerJoin(programmes, eq(programmes.id, apps.programmeId))
    .where(and(eq(apps.id, id), scopeWhere(scope)))
    .limit(1);
  const [row] = forUpdate ? await q.for('update', { of: apps }) : await q;
  return row;
}

export async function insertApplication(db: Db, values: typeof apps.$inferInsert): Promise<ApplicationRow> {
  const [row] = await db.insert(apps).values(values).returning();
  if (!row) throw new Error('application insert returned nothing');
  return row;
}

/** A conditional change: applied only while the application is in one of `fromStatuses`. */
export async function updateApplicationIf(db: Db, id: string, fromStatuses: string[], values: Partial<typeof apps.$inferInsert>): Promise<ApplicationRow | undefined> {
  const [row] = await db
    .update(apps)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(apps.id, id), inArray(apps.status, fromStatuses)))
    .returning();
  return row;
}

/**
 * Adds a disbursement to an approved application, never past the approved amount; the full
 * amount moves it to `disbursed`. 0 rows = over-disbursement or not approved; nothing changes.
 */
export async function addApplicationDisbursed(db: Db, id: string, fen: number): Promise<ApplicationRow | undefined> {
  const [row] = await db
    .update(apps)
    .set({
      disbursedFen: sql`${apps.disbursedFen} + ${fen}`,
      status: sql`case when ${apps.disbursedFen} + ${fen} = ${apps.approvedFen} then 'disbursed' else ${apps.status} end`,
      updatedAt: new Date(),
    })
    .where(and(eq(apps.id, id), eq(apps.status, 'approved'), sql`${apps.disbursedFen} + ${fen} <= ${apps.approvedFen}`))
    .returning();
  return row;
}

/** Live applications (not rejected or withdrawn) of a programme code by an applicant for a contract or deal. */
export async function selectLiveApplications(db: Db, code: string, applicantOrganizationId: string, link: { contractId?: string | null; dealId?: string | null }) {
  return db
    .select({ app: apps })
    .from(apps)
    .innerJoin(programmes, eq(programmes.id, apps.programmeId))
    .where(
      and(
        eq(programmes.code, code),
        eq(apps.applicantOrganizationId, applicantOrganizationId),
        sql`${apps.status} not in (${sql.join(CLOSED_STATUSES.map((s) => sql`${s}`), sql`, `)})`,
        link.contractId ? eq(apps.contractId, link.contractId) : undefined,
        link.dealId ? eq(apps.dealId, link.dealId) : undefined,
      ),
    );
}

/**
 * Sum of approved amounts in a cap group (other applications of the same programme code):
 * per applicant and contract, or per achievement.
 */
export async function sumApprovedInGroup(
  db: Db,
  code: string,
  group: { applicantOrganizationId: string; contractId: string } | { achievementId: string },
  excludeId: string | null,
): Promise<number> {
  const [r] = await db
    .select({ total: sql<string>`coalesce(sum(${apps.approvedFen}), 0)` })
    .from(apps)
    .innerJoin(programmes, eq(programmes.id, apps.programmeId))
    .where(
      and(
        eq(programmes.code, code),
        inArray(apps.status, APPROVED_STATUSES),
        'achievementId' in group ? eq(apps.achievementId, group.achievementId) : and(eq(apps.applicantOrganizationId, group.applicantOrganizationId), eq(apps.contractId, group.contractId)),
        excludeId ? ne(apps.id, excludeId) : undefined,
      ),
    );
  return Number(r?.total ?? 0);
}

// ---------- scores ----------

export async function upsertScore(db: Db, values: { applicationId: string; expertUserId: string; score: number; comment: string }) {
  const [row] = await db
    .insert(subsidyReviewScores)
    .values(values)
    .onConflictDoUpdate({ target: [subsidyReviewScores.applicationId, subsidyReviewScores.expertUserId], set: { score: values.score, comment: values.comment, createdAt: new Date() } })
    .returning();
  return row;
}

export async function selectScores(db: Db, applicationId: string) {
  return db
    .select({ expert: users.name, score: subsidyReviewScores.score, comment: subsidyReviewScores.comment, createdAt: subsidyReviewScores.createdAt })
    .from(subsidyReviewScores)
    .innerJoin(users, eq(users.id, subsidyReviewScores.expertUserId))
    .where(eq(subsidyReviewScores.applicationId, applicationId))
    .orderBy(asc(subsidyReviewScores.createdAt));
}

// ---------- disbursements ----------

export async function selectDisbursementByKey(db: Db, key: string): Promise<DisbursementRow | undefined> {
  const [row] = await db.select().from(subsidyDisbursements).where(eq(subsidyDisbursements.idempotencyKey, key)).limit(1);
  return row;
}

export async function insertDisbursement(db: Db, values: typeof subsidyDisbursements.$inferInsert): Promise<DisbursementRow> {
  const [row] = await db.insert(subsidyDisbursements).values(values).returning();
  if (!row) throw new Error('disbursement insert returned nothing');
  return row;
}

export async function selectDisbursements(db: Db, applicationId: string): Promise<DisbursementRow[]> {
  return db.select().from(subsidyDisbursements).where(eq(subsidyDisbursements.applicationId, applicationId)).orderBy(asc(subsidyDisbursements.createdAt));
}

// ---------- other modules' records (read-only) ----------

export async function selectOrganizationFacts(db: Db, id: string) {
  const [r] = await db
    .select({ id: organizations.id, name: organizations.name, type: organizations.type, status: organizations.status, regionCode: organizations.regionCode })
    .from(organizations)
    .where(eq(organizations.id, id))
    .limit(1);
  return r;
}

export async function selectDeal(db: Db, id: string) {
  const [r] = await db
    .select({
      id: deals.id,
      intermediaryOrganizationId: deals.intermediaryOrganizationId,
      buyerOrganizationId: deals.buyerOrganizationId,
      priceFen: deals.priceFen,
      contractId: deals.contractId,
      achievementId: deals.achievementId,
    })
    .from(deals)
    .where(eq(deals.id, id))
    .limit(1);
  return r;
}
