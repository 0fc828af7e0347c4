/**
 * All SQL of the contracts module. Lists and statistics are scoped in SQL (`ContractScope`),
 * never filtered after the fact.
 */
import { and, asc, count, desc, eq, ilike, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../platform/db.js';
import { organizations, users } from '../accounts/index.js';
import { achievements } from '../achievements/index.js';
import { auditLog } from '../audit/index.js';
import { demands } from '../demands/index.js';
import { deals, listings } from '../listings/index.js';
import { regionScopePrefix } from '../regions/index.js';
import type { ContractScope } from './contracts.policy.js';
import { contractParties, contractPayments, contractRegistrationSerials, contracts } from './contracts.tables.js';

export type ContractRow = typeof contracts.$inferSelect;
export type ContractInsert = typeof contracts.$inferInsert;
export type PartyRow = typeof contractParties.$inferSelect;
export type PaymentRow = typeof contractPayments.$inferSelect;

const inRegions = (scopes: string[]) => or(...scopes.map((s) => like(contracts.regionCode, `${regionScopePrefix(s)}%`)));
const isPartyOrg = (organizationId: string) =>
  sql`exists (select 1 from ${contractParties} p where p.contract_id = ${contracts.id} and p.organization_id = ${organizationId})`;
/** Accepted and past its due day: the overdue flag, in SQL so lists filter and sort by it. */
const overdueSql = (today: string) => sql<boolean>`(${contracts.status} = 'accepted' and ${contracts.decisionDueOn} < ${today})`;

/** operator: all; members: contracts their organization is a party to; gov_admin: its regions. Nobody else sees any. */
export function scopeWhere(scope: ContractScope): SQL | undefined {
  if (scope.all) return undefined;
  const conds: SQL[] = [];
  if (scope.organizationId) conds.push(isPartyOrg(scope.organizationId));
  if (scope.regionScopes.length) {
    const r = inRegions(scope.regionScopes);
    if (r) conds.push(r);
  }
  return conds.length ? or(...conds) : sql`false`;
}

export interface ContractFilter {
  q?: string | undefined;
  statuses?: string[] | undefined;
  overdue?: boolean | undefined;
  /** Only contracts this organization is a party to (我的合同). */
  partyOrganizationId?: string | undefined;
  /** Only contracts registered in these regions (登记队列). */
  regionScopes?: string[] | undefined;
}

function filterWhere(f: ContractFilter, today: string): SQL | undefined {
  const esc = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
  return and(
    f.q ? or(ilike(contracts.title, `%${esc(f.q)}%`), like(contracts.registrationNumber, `${esc(f.q)}%`)) : undefined,
    f.statuses ? inArray(contracts.status, f.statuses) : undefined,
    f.overdue === true ? overdueSql(today) : f.overdue === false ? sql`not ${overdueSql(today)}` : undefined,
    f.partyOrganizationId ? isPartyOrg(f.partyOrganizationId) : undefined,
    f.regionScopes ? (f.regionScopes.length ? inRegions(f.regionScopes) : sql`false`) : undefined,
  );
}

/** A page of contracts; the registrar's queue puts overdue first, then the nearest due day, oldest first. */
export async function listContracts(db: Db, scope: ContractScope, f: ContractFilter, today: string, page: number, pageSize: number, queueOrder = false) {
  const where = and(scopeWhere(scope), filterWhere(f, today));
  const order = queueOrder
    ? [desc(overdueSql(today)), sql`${contracts.decisionDueOn} asc nulls last`, asc(contracts.submittedAt), asc(contracts.id)]
    : [desc(contracts.updatedAt), asc(contracts.id)];
  const [items, totals] = await Promise.all([
    db
      .select()
      .from(contracts)
      .where(where)
      .orderBy(...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(contracts).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function selectContract(db: Db, id: string, scope: ContractScope, forUpdate = false): Promise<ContractRow | undefined> {
  const q = db.select().from(contracts).where(and(eq(contracts.id, id), scopeWhere(scope))).limit(1);
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function selectByRegistrationNumber(db: Db, registrationNumber: string): Promise<ContractRow | undefined> {
  const [row] = await db.select().from(contracts).where(and(eq(contracts.registrationNumber, registrationNumber), eq(contracts.status, 'registered'))).limit(1);
  return row;
}

export async function insertContract(db: Db, values: ContractInsert): Promise<ContractRow> {
  const [row] = await db.insert(contracts).values(values).returning();
  if (!row) throw new Error('contract insert returned nothing');
  return row;
}

/** A conditional change: applied only while the contract is still in one of `fromStatuses` (concurrency guard). */
export async function updateContractIf(db: Db, id: string, fromStatuses: string[], values: Partial<ContractInsert>): Promise<ContractRow | undefined> {
  const [row] = await db
    .update(contracts)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(contracts.id, id), inArray(contracts.status, fromStatuses)))
    .returning();
  return row;
}

export async function touchContract(db: Db, id: string) {
  await db.update(contracts).set({ updatedAt: new Date() }).where(eq(contracts.id, id));
}

// ---- parties and payments ----

export async function insertParties(db: Db, rows: (typeof contractParties.$inferInsert)[]) {
  if (rows.length) await db.insert(contractParties).values(rows);
}

export async function selectParties(db: Db, contractIds: string[]): Promise<PartyRow[]> {
  if (!contractIds.length) return [];
  return db.select().from(contractParties).where(inArray(contractParties.contractId, contractIds)).orderBy(asc(contractParties.contractId), asc(contractParties.position));
}

export async function insertPayments(db: Db, rows: (typeof contractPayments.$inferInsert)[]): Promise<PaymentRow[]> {
  if (!rows.length) return [];
  return db.insert(contractPayments).values(rows).returning();
}

export async function selectPayments(db: Db, contractId: string): Promise<PaymentRow[]> {
  return db.select().from(contractPayments).where(eq(contractPayments.contractId, contractId)).orderBy(asc(contractPayments.onDate), asc(contractPayments.createdAt));
}

export async function sumPaid(db: Db, contractId: string): Promise<number> {
  const [r] = await db
    .select({ total: sql<string>`coalesce(sum(${contractPayments.amountFen}), 0)` })
    .from(contractPayments)
    .where(and(eq(contractPayments.contractId, contractId), eq(contractPayments.kind, 'paid')));
  return Number(r?.total ?? 0);
}

/** Whether the file is one of this contract's (the signed PDF or a payment's evidence). */
export async function isContractFile(db: Db, c: ContractRow, sha256: string): Promise<{ fileName: string } | null> {
  if (c.signedPdfSha256 === sha256) return { fileName: c.signedPdfName };
  const [p] = await db
    .select({ name: contractPayments.evidenceName })
    .from(contractPayments)
    .where(and(eq(contractPayments.contractId, c.id), eq(contractPayments.evidenceSha256, sha256)))
    .limit(1);
  return p ? { fileName: p.name ?? '付款凭证' } : null;
}

// ---- registration serials ----

/**
 * The next serial of a registration region and year: one atomic upsert, so concurrent
 * registrations (also in other processes on one PostgreSQL) never share a serial; the row lock
 * it takes is held until the registering transaction ends.
 */
export async function nextSerial(db: Db, regionCode: string, year: number): Promise<number> {
  const [r] = await db
    .insert(contractRegistrationSerials)
    .values({ regionCode, year, lastSerial: 1 })
    .onConflictDoUpdate({
      target: [contractRegistrationSerials.regionCode, contractRegistrationSerials.year],
      set: { lastSerial: sql`${sql.raw('"contract_registration_serials"."last_serial"')} + 1` },
    })
    .returning({ serial: contractRegistrationSerials.lastSerial });
  if (!r) throw new Error('serial upsert returned nothing');
  return r.serial;
}

// ---- other modules' records (read-only) ----

export async function selectOrganizations(db: Db, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map<string, { id: string; name: string; creditCode: string; regionCode: string; type: string; status: string }>();
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, creditCode: organizations.creditCode, regionCode: organizations.regionCode, type: organizations.type, status: organizations.status })
    .from(organizations)
    .where(inArray(organizations.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function selectDeal(db: Db, id: string) {
  const [r] = await db
    .select({
      id: deals.id,
      achievementId: deals.achievementId,
      ownerOrganizationId: deals.ownerOrganizationId,
      buyerOrganizationId: deals.buyerOrganizationId,
      intermediaryOrganizationId: deals.intermediaryOrganizationId,
      mode: deals.mode,
      priceFen: deals.priceFen,
      contractId: deals.contractId,
      title: listings.title,
    })
    .from(deals)
    .innerJoin(listings, eq(listings.id, deals.listingId))
    .where(eq(deals.id, id))
    .limit(1);
  return r;
}

export async function selectAchievement(db: Db, id: string) {
  const [r] = await db.select({ id: achievements.id, ownerOrganizationId: achievements.ownerOrganizationId, title: achievements.title }).from(achievements).where(eq(achievements.id, id)).limit(1);
  return r;
}

export async function selectDemand(db: Db, id: string) {
  const [r] = await db.select({ id: demands.id, enterpriseOrganizationId: demands.enterpriseOrganizationId, title: demands.title }).from(demands).where(eq(demands.id, id)).limit(1);
  return r;
}

/** The contract's audit entries, oldest first: its timeline. */
export async function selectTimeline(db: Db, contractId: string) {
  return db
    .select({ action: auditLog.action, at: auditLog.at, actorName: auditLog.actorName, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'contract'), eq(auditLog.entityId, contractId)))
    .orderBy(asc(auditLog.id));
}

/** The name of the organization a user acts for (the registrar on a certificate). */
export async function selectUserOrganizationName(db: Db, userId: string): Promise<string | null> {
  const [r] = await db.select({ name: organizations.name }).from(users).innerJoin(organizations, eq(organizations.id, users.organizationId)).where(eq(users.id, userId)).limit(1);
  return r?.name ?? null;
}

// ---- statistics (registered contracts) ----

function statsWhere(scope: ContractScope, year: number | undefined): SQL {
  const yearSql = year ? sql`and extract(year from (c.decided_at at time zone 'Asia/Shanghai')) = ${year}` : sql``;
  let scopeSql = sql``;
  if (!scope.all) {
    const prefixes = scope.regionScopes.map((s) => `${regionScopePrefix(s)}%`);
    scopeSql = prefixes.length ? sql`and (${sql.join(prefixes.map((p) => sql`c.region_code like ${p}`), sql` or `)})` : sql`and false`;
  }
  return sql`c.status = 'registered' ${yearSql} ${scopeSql}`;
}

type Grouped = { key: string | null; n: number | string; amount: number | string | null };

export async function statistics(db: Db, scope: ContractScope, year: number | undefined) {
  const where = statsWhere(scope, year);
  const q = (groupBy: SQL) => sql`select ${groupBy} as key, count(*) as n, coalesce(sum(c.transaction_amount_fen), 0) as amount from ${contracts} c where ${where} group by 1 order by 3 desc, 1`;
  const [total, byType, byKeyField, byRegion, byNature] = await Promise.all([
    db.execute(sql`select count(*) as n, coalesce(sum(c.transaction_amount_fen), 0) as amount, coalesce(sum(c.contract_value_fen), 0) as value from ${contracts} c where ${where}`),
    db.execute(q(sql`c.contract_type`)),
    db.execute(q(sql`coalesce(c.key_field, 'other')`)),
    db.execute(q(sql`case when c.region_code like '%0000' then c.region_code else substr(c.region_code, 1, 4) || '00' end`)),
    // One row per contract, role and nature (two buyers of one nature count the contract once).
    db.execute(sql`select x.role, x.legal_nature as key, count(*) as n, coalesce(sum(x.amount), 0) as amount from (
      select distinct c.id, p.role, p.legal_nature, c.transaction_amount_fen as amount
      from ${contracts} c join ${contractParties} p on p.contract_id = c.id
      where ${where} and p.role in ('buyer', 'seller')) x group by 1, 2 order by 1, 4 desc, 2`),
  ]);
  const t = rowsOf<{ n: number | string; amount: number | string; value: number | string }>(total)[0];
  return {
    total: { count: Number(t?.n ?? 0), amountFen: Number(t?.amount ?? 0), valueFen: Number(t?.value ?? 0) },
    byType: rowsOf<Grouped>(byType),
    byKeyField: rowsOf<Grouped>(byKeyField),
    byRegion: rowsOf<Grouped>(byRegion),
    byNature: rowsOf<Grouped & { role: string }>(byNature),
  };
}
