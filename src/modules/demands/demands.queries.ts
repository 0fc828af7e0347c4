/**
 * All SQL of the demands module (技术需求). Rows are scoped by organization and region in SQL
 * (`DemandScope`), never filtered after the fact.
 */
import { and, arrayOverlaps, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, like, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { organizations, users } from '../accounts/index.js';
import { achievements } from '../achievements/index.js';
import { regionScopePrefix } from '../regions/index.js';
import {
  demandAttachments,
  demandClaims,
  demandContactGrants,
  demandEvents,
  demandFollowUps,
  demandMessages,
  demandProposals,
  demands,
} from './demands.tables.js';

export type DemandRow = typeof demands.$inferSelect;
export type DemandInsert = typeof demands.$inferInsert;

export type EventRow = typeof demandEvents.$inferSelect;
export type ClaimRow = typeof demandClaims.$inferSelect;
export type FollowUpRow = typeof demandFollowUps.$inferSelect;
export type MessageRow = typeof demandMessages.$inferSelect;
export type GrantRow = typeof demandContactGrants.$inferSelect;
export type ProposalRow = typeof demandProposals.$inferSelect;
export type AttachmentRow = typeof demandAttachments.$inferSelect;

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** Statuses anyone may see (the board), plus closed records that were once published. */
export const PUBLIC_STATUSES = ['published', 'claimed', 'docking', 'matched', 'contracted'];

function inRegions(regionScopes: string[]): SQL | undefined {
  return or(...regionScopes.map((s) => like(demands.regionCode, `${regionScopePrefix(s)}%`)));
}

/**
 * Which demands a caller may see, in SQL. Everyone: the public statuses and demands closed after
 * publication. Members of the enterprise: all of theirs; the poster (a broker or official who
 * entered it): what they entered; a gov_admin: everything but drafts inside its regions; the
 * operator: all.
 */
export type DemandScope = { all: true } | { all: false; organizationId: string | null; userId: string | null; regionScopes: string[] };

export function scopeWhere(scope: DemandScope): SQL | undefined {
  if (scope.all) return undefined;
  const conds: (SQL | undefined)[] = [
    inArray(demands.status, PUBLIC_STATUSES),
    and(eq(demands.status, 'closed'), isNotNull(demands.publishedAt)),
  ];
  if (scope.organizationId) conds.push(eq(demands.enterpriseOrganizationId, scope.organizationId));
  if (scope.userId) conds.push(eq(demands.createdBy, scope.userId));
  if (scope.regionScopes.length) conds.push(and(inRegions(scope.regionScopes), ne(demands.status, 'draft')));
  return or(...conds);
}

export interface DemandFilter {
  q?: string | undefined;
  statuses?: readonly string[] | undefined;
  keyField?: string | undefined;
  industry?: string | undefined;
  demandType?: string | undefined;
  cooperationMode?: string | undefined;
  regionCode?: string | undefined;
  /** Restrict to these regions (a gov_admin's own views: review queue, dispatch). */
  regionScopes?: string[] | undefined;
  source?: string | undefined;
  campaignId?: string | undefined;
  enterpriseOrganizationId?: string | undefined;
  /** The enterprise's demands or the ones the user entered (我的需求). */
  mine?: { organizationId: string | null; userId: string } | undefined;
  /** Published + 48 h passed without a first follow-up. */
  overdueAt?: Date | undefined;
  /** The dispatch view: the pool plus overdue demands. */
  dispatchAt?: Date | undefined;
}

function overdueWhere(at: Date): SQL | undefined {
  return and(inArray(demands.status, ['published', 'claimed']), isNull(demands.firstFollowUpAt), lt(demands.responseDueAt, at));
}

export function filterWhere(f: DemandFilter): SQL | undefined {
  return and(
    f.q
      ? or(
          ilike(demands.title, `%${escapeLike(f.q)}%`),
          ilike(demands.publicSummary, `%${escapeLike(f.q)}%`),
          sql`${f.q} = any(${demands.keywords})`,
        )
      : undefined,
    f.statuses?.length ? inArray(demands.status, [...f.statuses]) : undefined,
    f.keyField ? eq(demands.keyField, f.keyField) : undefined,
    f.industry ? eq(demands.industry, f.industry) : undefined,
    f.demandType ? eq(demands.demandType, f.demandType) : undefined,
    f.cooperationMode ? arrayOverlaps(demands.cooperationModes, [f.cooperationMode]) : undefined,
    f.regionCode ? like(demands.regionCode, `${regionScopePrefix(f.regionCode)}%`) : undefined,
    f.regionScopes ? (f.regionScopes.length ? inRegions(f.regionScopes) : sql`false`) : undefined,
    f.source ? eq(demands.source, f.source) : undefined,
    f.campaignId ? eq(demands.campaignId, f.campaignId) : undefined,
    f.enterpriseOrganizationId ? eq(demands.enterpriseOrganizationId, f.enterpriseOrganizationId) : undefined,
    f.mine
      ? or(f.mine.organizationId ? eq(demands.enterpriseOrganizationId, f.mine.organizationId) : undefined, eq(demands.createdBy, f.mine.userId))
      : undefined,
    f.overdueAt ? overdueWhere(f.overdueAt) : undefined,
    f.dispatchAt ? or(eq(demands.status, 'published'), overdueWhere(f.dispatchAt)) : undefined,
  );
}

export type DemandSort = 'newest' | 'updated' | 'deadline' | 'budget_desc' | 'oldest_submitted' | 'due_first';

function orderOf(sort: DemandSort) {
  switch (sort) {
    case 'updated':
      return [desc(demands.updatedAt)];
    case 'deadline':
      return [sql`${demands.deadline} asc nulls last`, desc(demands.publishedAt)];
    case 'budget_desc':
      return [sql`coalesce(${demands.budgetMaxFen}, ${demands.budgetMinFen}) desc nulls last`, desc(demands.publishedAt)];
    case 'oldest_submitted':
      return [asc(sql`coalesce(${demands.submittedAt}, ${demands.updatedAt})`)];
    case 'due_first':
      return [sql`${demands.responseDueAt} asc nulls last`];
    default:
      return [sql`${demands.publishedAt} desc nulls last`, desc(demands.createdAt)];
  }
}

export async function listDemands(db: Db, scope: DemandScope, f: DemandFilter, sort: DemandSort, page: number, pageSize: number) {
  const where = and(scopeWhere(scope), filterWhere(f));
  const [items, totals] = await Promise.all([
    db.select().from(demands).where(where).orderBy(...orderOf(sort), demands.id).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(demands).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function selectDemand(db: Db, id: string, scope: DemandScope): Promise<DemandRow | undefined> {
  const r = await db.select().from(demands).where(and(eq(demands.id, id), scopeWhere(scope))).limit(1);
  return r[0];
}

/** Row lock for a state change: two deciders at once cannot both act. */
export async function selectDemandForUpdate(db: Db, id: string, scope: DemandScope): Promise<DemandRow | undefined> {
  const r = await db.select().from(demands).where(and(eq(demands.id, id), scopeWhere(scope))).limit(1).for('update');
  return r[0];
}

export async function insertDemand(db: Db, values: DemandInsert): Promise<DemandRow> {
  const [row] = await db.insert(demands).values(values).returning();
  if (!row) throw new Error('insert demand returned nothing');
  return row;
}

export async function updateDemand(db: Db, id: string, values: Partial<DemandInsert>): Promise<DemandRow> {
  const [row] = await db
    .update(demands)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(demands.id, id))
    .returning();
  if (!row) throw new Error('update demand returned nothing');
  return row;
}

/**
 * Takes a demand out of the pool only if it is still there: under concurrent claims exactly one
 * UPDATE matches (the others wait for the row lock, then see it claimed). Undefined when lost.
 */
export async function takeFromPool(db: Db, id: string, values: Partial<DemandInsert>): Promise<DemandRow | undefined> {
  const [row] = await db
    .update(demands)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(demands.id, id), eq(demands.status, 'published'), isNull(demands.claimantOrganizationId)))
    .returning();
  return row;
}

export async function findByEnterpriseTitle(db: Db, enterpriseOrganizationId: string, normalizedTitle: string, exceptId?: string) {
  const r = await db
    .select({ id: demands.id, title: demands.title })
    .from(demands)
    .where(
      and(
        eq(demands.enterpriseOrganizationId, enterpriseOrganizationId),
        eq(demands.normalizedTitle, normalizedTitle),
        ne(demands.status, 'closed'),
        exceptId ? ne(demands.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return r[0];
}

// ---- other modules' public tables, read only ----

export interface OrganizationFacts {
  id: string;
  name: string;
  type: string;
  status: string;
  regionCode: string;
}

export async function selectOrganizationFacts(db: Db, id: string): Promise<OrganizationFacts | undefined> {
  const r = await db
    .select({ id: organizations.id, name: organizations.name, type: organizations.type, status: organizations.status, regionCode: organizations.regionCode })
    .from(organizations)
    .where(eq(organizations.id, id))
    .limit(1);
  return r[0];
}

export async function selectOrganizationType(db: Db, id: string): Promise<string | null> {
  const r = await db.select({ type: organizations.type }).from(organizations).where(eq(organizations.id, id)).limit(1);
  return r[0]?.type ?? null;
}

export async function selectVerifiedOrganizationIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const r = await db.select({ id: organizations.id }).from(organizations).where(and(inArray(organizations.id, ids), eq(organizations.status, 'verified')));
  return new Set(r.map((x) => x.id));
}

export async function selectUserFacts(db: Db, id: string) {
  const r = await db.select({ id: users.id, organizationId: users.organizationId, status: users.status }).from(users).where(eq(users.id, id)).limit(1);
  return r[0];
}

export async function selectUserNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const r = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(r.map((u) => [u.id, u.name]));
}

export async function selectAchievementTitles(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const r = await db.select({ id: achievements.id, title: achievements.title }).from(achievements).where(inArray(achievements.id, unique));
  return new Map(r.map((a) => [a.id, a.title]));
}

/** Of these ids, the published achievements (what a claimant may propose or link). */
export async function selectPublishedAchievementIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const r = await db.select({ id: achievements.id }).from(achievements).where(and(inArray(achievements.id, ids), eq(achievements.status, 'published')));
  return new Set(r.map((a) => a.id));
}

// ---- timeline ----

export async function insertEvent(db: Db, values: typeof demandEvents.$inferInsert) {
  await db.insert(demandEvents).values(values);
}

export async function listEvents(db: Db, demandId: string) {
  return db.select().from(demandEvents).where(eq(demandEvents.demandId, demandId)).orderBy(asc(demandEvents.at), asc(demandEvents.id));
}

export async function selectLastEvent(db: Db, demandId: string): Promise<EventRow | undefined> {
  const r = await db.select().from(demandEvents).where(eq(demandEvents.demandId, demandId)).orderBy(desc(demandEvents.at)).limit(1);
  return r[0];
}

// ---- claims ----

export async function insertClaim(db: Db, values: typeof demandClaims.$inferInsert): Promise<ClaimRow> {
  const [row] = await db.insert(demandClaims).values(values).returning();
  if (!row) throw new Error('insert claim returned nothing');
  return row;
}

export async function selectActiveClaim(db: Db, demandId: string): Promise<ClaimRow | undefined> {
  const r = await db.select().from(demandClaims).where(and(eq(demandClaims.demandId, demandId), eq(demandClaims.status, 'active'))).limit(1);
  return r[0];
}

export async function updateClaim(db: Db, id: string, values: Partial<typeof demandClaims.$inferInsert>) {
  await db.update(demandClaims).set(values).where(eq(demandClaims.id, id));
}

/** Ends the active claim (refused: back to the pool; ended: the demand closed). */
export async function endActiveClaim(db: Db, demandId: string, status: 'refused' | 'ended', at: Date, refuseReason: string | null = null) {
  await db
    .update(demandClaims)
    .set({ status, endedAt: at, refuseReason })
    .where(and(eq(demandClaims.demandId, demandId), eq(demandClaims.status, 'active')));
}

export async function listClaims(db: Db, demandId: string) {
  return db.select().from(demandClaims).where(eq(demandClaims.demandId, demandId)).orderBy(asc(demandClaims.createdAt));
}

export async function hasClaimBy(db: Db, demandId: string, organizationId: string): Promise<boolean> {
  const r = await db
    .select({ id: demandClaims.id })
    .from(demandClaims)
    .where(and(eq(demandClaims.demandId, demandId), eq(demandClaims.organizationId, organizationId)))
    .limit(1);
  return r.length > 0;
}

/** 我的认领: an organization's claims with their demands, active first, newest first. */
export async function listClaimsOf(db: Db, organizationId: string, page: number, pageSize: number) {
  const where = eq(demandClaims.organizationId, organizationId);
  const [items, totals] = await Promise.all([
    db
      .select({ claim: demandClaims, demand: demands })
      .from(demandClaims)
      .innerJoin(demands, eq(demands.id, demandClaims.demandId))
      .where(where)
      .orderBy(sql`case when ${demandClaims.status} = 'active' then 0 else 1 end`, desc(demandClaims.createdAt), demandClaims.id)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(demandClaims).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

/** Claims with their demands for response rates; scoped to a region (gov_admin) or an organization. */
export async function selectClaimsForRates(db: Db, scope: { regionScopes: string[] | null; organizationId: string | null }) {
  return db
    .select({
      organizationId: demandClaims.organizationId,
      organizationName: organizations.name,
      status: demandClaims.status,
      createdAt: demandClaims.createdAt,
      dueAt: demandClaims.dueAt,
      firstFollowUpAt: demandClaims.firstFollowUpAt,
      endedAt: demandClaims.endedAt,
    })
    .from(demandClaims)
    .innerJoin(demands, eq(demands.id, demandClaims.demandId))
    .innerJoin(organizations, eq(organizations.id, demandClaims.organizationId))
    .where(
      and(
        scope.regionScopes ? (scope.regionScopes.length ? inRegions(scope.regionScopes) : sql`false`) : undefined,
        scope.organizationId ? eq(demandClaims.organizationId, scope.organizationId) : undefined,
      ),
    );
}

// ---- follow-ups and messages ----

export async function insertFollowUp(db: Db, values: typeof demandFollowUps.$inferInsert): Promise<FollowUpRow> {
  const [row] = await db.insert(demandFollowUps).values(values).returning();
  if (!row) throw new Error('insert follow-up returned nothing');
  return row;
}

export async function listFollowUps(db: Db, demandId: string) {
  return db.select().from(demandFollowUps).where(eq(demandFollowUps.demandId, demandId)).orderBy(asc(demandFollowUps.createdAt));
}

export async function insertMessage(db: Db, values: typeof demandMessages.$inferInsert): Promise<MessageRow> {
  const [row] = await db.insert(demandMessages).values(values).returning();
  if (!row) throw new Error('insert message returned nothing');
  return row;
}

/** The claimant's message answers every open enterprise message of the demand. */
export async function answerEnterpriseMessages(db: Db, demandId: string, at: Date) {
  await db
    .update(demandMessages)
    .set({ answeredAt: at })
    .where(and(eq(demandMessages.demandId, demandId), eq(demandMessages.side, 'enterprise'), isNull(demandMessages.answeredAt)));
}

export async function listMessages(db: Db, demandId: string) {
  return db.select().from(demandMessages).where(eq(demandMessages.demandId, demandId)).orderBy(asc(demandMessages.createdAt));
}

/**
 * What an organization owes on its active claims: first responses not yet given, the next step of
 * the latest follow-up, and enterprise messages not yet answered.
 */
export async function selectDueItems(db: Db, organizationId: string) {
  const active = and(eq(demandClaims.organizationId, organizationId), eq(demandClaims.status, 'active'));
  const [first, steps, messages] = await Promise.all([
    db
      .select({ demandId: demands.id, title: demands.title, dueAt: demandClaims.dueAt })
      .from(demandClaims)
      .innerJoin(demands, eq(demands.id, demandClaims.demandId))
      .where(and(active, isNull(demandClaims.firstFollowUpAt))),
    db
      .selectDistinctOn([demandFollowUps.demandId], { demandId: demands.id, title: demands.title, nextStepOn: demandFollowUps.nextStepOn })
      .from(demandFollowUps)
      .innerJoin(demandClaims, eq(demandClaims.id, demandFollowUps.claimId))
      .innerJoin(demands, eq(demands.id, demandFollowUps.demandId))
      .where(active)
      .orderBy(demandFollowUps.demandId, desc(demandFollowUps.createdAt)),
    db
      .select({ demandId: demands.id, title: demands.title, dueAt: demandMessages.dueAt })
      .from(demandMessages)
      .innerJoin(demands, eq(demands.id, demandMessages.demandId))
      .innerJoin(demandClaims, eq(demandClaims.demandId, demands.id))
      .where(and(active, eq(demandMessages.side, 'enterprise'), isNull(demandMessages.answeredAt), isNotNull(demandMessages.dueAt))),
  ]);
  return { first, steps, messages };
}

// ---- contact grants ----

export async function insertGrant(db: Db, values: typeof demandContactGrants.$inferInsert): Promise<GrantRow> {
  const [row] = await db.insert(demandContactGrants).values(values).returning();
  if (!row) throw new Error('insert grant returned nothing');
  return row;
}

export async function selectGrant(db: Db, demandId: string, id: string): Promise<GrantRow | undefined> {
  const r = await db.select().from(demandContactGrants).where(and(eq(demandContactGrants.id, id), eq(demandContactGrants.demandId, demandId))).limit(1);
  return r[0];
}

export async function selectLiveGrant(db: Db, demandId: string, organizationId: string): Promise<GrantRow | undefined> {
  const r = await db
    .select()
    .from(demandContactGrants)
    .where(and(eq(demandContactGrants.demandId, demandId), eq(demandContactGrants.granteeOrganizationId, organizationId), isNull(demandContactGrants.revokedAt)))
    .limit(1);
  return r[0];
}

export async function revokeGrant(db: Db, id: string, by: string, at: Date): Promise<GrantRow | undefined> {
  const [row] = await db
    .update(demandContactGrants)
    .set({ revokedBy: by, revokedAt: at })
    .where(and(eq(demandContactGrants.id, id), isNull(demandContactGrants.revokedAt)))
    .returning();
  return row;
}

export async function listGrants(db: Db, demandId: string) {
  return db.select().from(demandContactGrants).where(eq(demandContactGrants.demandId, demandId)).orderBy(asc(demandContactGrants.grantedAt));
}

// ---- proposals ----

export async function insertProposal(db: Db, values: typeof demandProposals.$inferInsert): Promise<ProposalRow> {
  const [row] = await db.insert(demandProposals).values(values).returning();
  if (!row) throw new Error('insert proposal returned nothing');
  return row;
}

export async function selectProposal(db: Db, demandId: string, id: string): Promise<ProposalRow | undefined> {
  const r = await db.select().from(demandProposals).where(and(eq(demandProposals.id, id), eq(demandProposals.demandId, demandId))).limit(1);
  return r[0];
}

/** Decides a proposal still open; undefined when someone decided it first. */
export async function decideProposal(db: Db, id: string, values: Partial<typeof demandProposals.$inferInsert>): Promise<ProposalRow | undefined> {
  const [row] = await db
    .update(demandProposals)
    .set(values)
    .where(and(eq(demandProposals.id, id), eq(demandProposals.status, 'proposed')))
    .returning();
  return row;
}

export async function listProposals(db: Db, demandId: string) {
  return db.select().from(demandProposals).where(eq(demandProposals.demandId, demandId)).orderBy(asc(demandProposals.createdAt));
}

// ---- attachments ----

export async function listAttachments(db: Db, demandId: string) {
  return db.select().from(demandAttachments).where(eq(demandAttachments.demandId, demandId)).orderBy(asc(demandAttachments.createdAt));
}

export async function insertAttachment(db: Db, values: typeof demandAttachments.$inferInsert): Promise<AttachmentRow> {
  const [row] = await db.insert(demandAttachments).values(values).returning();
  if (!row) throw new Error('insert attachment returned nothing');
  return row;
}

export async function selectAttachment(db: Db, demandId: string, id: string): Promise<AttachmentRow | undefined> {
  const r = await db.select().from(demandAttachments).where(and(eq(demandAttachments.id, id), eq(demandAttachments.demandId, demandId))).limit(1);
  return r[0];
}

export async function deleteAttachment(db: Db, id: string) {
  await db.delete(demandAttachments).where(eq(demandAttachments.id, id));
}

export async function countAttachments(db: Db, demandId: string): Promise<number> {
  const r = await db.select({ n: count() }).from(demandAttachments).where(eq(demandAttachments.demandId, demandId));
  return r[0]?.n ?? 0;
}

// ---- the sweep ----

/** Overdue demands not yet reported to the region's gov_admins. */
export async function selectOverdueUnnotified(db: Db, at: Date, limit = 500) {
  return db
    .select()
    .from(demands)
    .where(and(overdueWhere(at), isNull(demands.overdueNotifiedAt)))
    .orderBy(asc(demands.responseDueAt))
    .limit(limit);
}

/** Marks the overdue report; undefined when another process (or sweep) did it first. */
export async function markOverdueNotified(db: Db, id: string, at: Date): Promise<DemandRow | undefined> {
  const [row] = await db
    .update(demands)
    .set({ overdueNotifiedAt: at, updatedAt: at })
    .where(and(eq(demands.id, id), isNull(demands.overdueNotifiedAt), isNull(demands.firstFollowUpAt)))
    .returning();
  return row;
}

/** Published, unclaimed demands whose deadline (a Shanghai calendar day) is before `today`. */
export async function selectExpiredInPool(db: Db, today: string, limit = 500) {
  return db
    .select()
    .from(demands)
    .where(and(eq(demands.status, 'published'), isNull(demands.claimantOrganizationId), lt(demands.deadline, today)))
    .orderBy(asc(demands.deadline))
    .limit(limit);
}

export async function closeIfStillInPool(db: Db, id: string, at: Date): Promise<DemandRow | undefined> {
  const [row] = await db
    .update(demands)
    .set({ status: 'closed', closeReason: 'expired', closedAt: at, updatedAt: at })
    .where(and(eq(demands.id, id), eq(demands.status, 'published'), isNull(demands.claimantOrganizationId)))
    .returning();
  return row;
}

// ---- search ----

/**
 * Demands after an id in id order, of every status (a full search rebuild keeps the public ones; the
 * status is left out of the query for the reason given at achievements' selectAchievementsAfter).
 */
export async function selectDemandsAfter(db: Db, afterId: string, limit: number) {
  return db.select().from(demands).where(sql`${demands.id} > ${afterId}`).orderBy(demands.id).limit(limit);
}

export async function selectPublicByIds(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select().from(demands).where(and(inArray(demands.id, ids), inArray(demands.status, PUBLIC_STATUSES)));
}

// ---- bulk import ----

/** What bulk import needs to know about the enterprise a row belongs to. */
export interface ImportEnterprise {
  id: string;
  name: string;
  creditCode: string;
  type: string;
  status: string;
  regionCode: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string | null;
}

const importEnterpriseColumns = {
  id: organizations.id,
  name: organizations.name,
  creditCode: organizations.creditCode,
  type: organizations.type,
  status: organizations.status,
  regionCode: organizations.regionCode,
  contactName: organizations.contactName,
  contactPhone: organizations.contactPhone,
  contactEmail: organizations.contactEmail,
};

export async function findImportEnterpriseById(db: Db, id: string): Promise<ImportEnterprise | undefined> {
  const [row] = await db.select(importEnterpriseColumns).from(organizations).where(eq(organizations.id, id)).limit(1);
  return row;
}

/** Organizations by credit code (stored canonical: upper-case, half-width), whatever their type or status. */
export async function findImportEnterprisesByCreditCodes(db: Db, codes: string[]): Promise<ImportEnterprise[]> {
  if (!codes.length) return [];
  return db.select(importEnterpriseColumns).from(organizations).where(inArray(organizations.creditCode, codes));
}

/**
 * Inserts imported demands, skipping those whose enterprise already has an open demand of the same
 * normalized title (demands_enterprise_title_uq, closed demands excepted); returns the created ones.
 */
export async function insertImportedDemands(db: Db, values: DemandInsert[]) {
  if (!values.length) return [];
  return db
    .insert(demands)
    .values(values)
    .onConflictDoNothing({ target: [demands.enterpriseOrganizationId, demands.normalizedTitle], where: sql`${demands.status} <> 'closed'` })
    .returning({ id: demands.id, enterpriseOrganizationId: demands.enterpriseOrganizationId, normalizedTitle: demands.normalizedTitle, regionCode: demands.regionCode });
}

export type ImportEventInsert = typeof demandEvents.$inferInsert;

export async function insertImportEvents(db: Db, values: ImportEventInsert[]): Promise<void> {
  if (values.length) await db.insert(demandEvents).values(values);
}
