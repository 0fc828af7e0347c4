import { and, count, desc, eq, gt, ilike, inArray, isNull, like, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { regionScopePrefix } from '../regions/index.js';
import { apiTokens, loginAttempts, organizations, sessions, userRoles, users } from './accounts.tables.js';

export type OrganizationRow = typeof organizations.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type UserRoleRow = typeof userRoles.$inferSelect;

/**
 * Bumped by every write here that can change what a session resolves to (user, organization,
 * roles, sessions), and by notices of such writes from other processes ({@link ACCOUNTS_CHANNEL}).
 * Resolved sessions cached in this process are valid only at the version they were read at (see
 * resolveSession); a global counter, so several app instances in one process (the tests)
 * invalidate each other, which errs on the safe side.
 */
let version = 0;
export const accountsVersion = () => version;

/**
 * NOTIFY channel of account changes: sent in the writing transaction, so other processes on the
 * same PostgreSQL hear of it once it commits and drop their cached sessions (ADR 0007). PGlite has
 * no other process and discards it.
 */
export const ACCOUNTS_CHANNEL = 'kehui_accounts';

/** Another process changed accounts (a notice on {@link ACCOUNTS_CHANNEL}), or notices may have been missed. */
export function accountsChangedElsewhere(): void {
  version++;
}

/** Called before an account write: cached sessions read from now on are re-read. */
const changed = () => {
  version++;
};

/** Called after an account write, in its transaction: tells the other processes (delivered on commit). */
async function notifyChanged(db: Db): Promise<void> {
  await db.execute(sql`select pg_notify(${ACCOUNTS_CHANNEL}, '')`);
}
export type ApiTokenRow = typeof apiTokens.$inferSelect;

/**
 * Which organizations' rows a caller may see, applied in SQL: `all` for operators, otherwise
 * organizations inside the caller's gov_admin regions plus the caller's own organization.
 */
export type OrgScope = { all: true } | { all: false; regionScopes: string[]; organizationId: string | null };

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

function orgScopeWhere(scope: OrgScope, regionColumn = organizations.regionCode, idColumn = organizations.id): SQL | undefined {
  if (scope.all) return undefined;
  const conds: SQL[] = scope.regionScopes.map((s) => like(regionColumn, `${regionScopePrefix(s)}%`));
  if (scope.organizationId) conds.push(eq(idColumn, scope.organizationId));
  return conds.length ? or(...conds) : sql`false`;
}

// ---------- organizations ----------

export async function insertOrganization(db: Db, values: typeof organizations.$inferInsert): Promise<OrganizationRow> {
  const [row] = await db.insert(organizations).values(values).returning();
  if (!row) throw new Error('insert organization returned nothing');
  return row;
}

export async function selectOrganization(db: Db, id: string, scope: OrgScope): Promise<OrganizationRow | undefined> {
  const r = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.id, id), orgScopeWhere(scope)))
    .limit(1);
  return r[0];
}

export async function selectOrganizationByCreditCode(db: Db, creditCode: string) {
  const r = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.creditCode, creditCode)).limit(1);
  return r[0];
}

export interface OrganizationFilter {
  status?: OrganizationRow['status'];
  type?: string;
  regionCode?: string;
  q?: string;
}

export async function listOrganizations(db: Db, scope: OrgScope, f: OrganizationFilter, page: number, pageSize: number) {
  const where = and(
    orgScopeWhere(scope),
    f.status ? eq(organizations.status, f.status) : undefined,
    f.type ? eq(organizations.type, f.type) : undefined,
    f.regionCode ? like(organizations.regionCode, `${regionScopePrefix(f.regionCode)}%`) : undefined,
    f.q ? or(ilike(organizations.name, `%${escapeLike(f.q)}%`), eq(organizations.creditCode, f.q.toUpperCase())) : undefined,
  );
  // The verification queue reads oldest first; other lists newest first.
  const order = f.status === 'pending' ? [organizations.createdAt] : [desc(organizations.createdAt)];
  const [items, totals] = await Promise.all([
    db.select().from(organizations).where(where).orderBy(...order, organizations.id).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(organizations).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

/** Changes status only if it is still `fromStatus`: two reviewers at once cannot both decide. */
export async function decideOrganization(
  db: Db,
  id: string,
  fromStatus: OrganizationRow['status'],
  values: Partial<typeof organizations.$inferInsert>,
): Promise<OrganizationRow | undefined> {
  changed();
  const r = await db
    .update(organizations)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(organizations.id, id), eq(organizations.status, fromStatus)))
    .returning();
  await notifyChanged(db);
  return r[0];
}

export async function updateOrganization(db: Db, id: string, values: Partial<typeof organizations.$inferInsert>) {
  changed();
  const r = await db
    .update(organizations)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(organizations.id, id))
    .returning();
  await notifyChanged(db);
  return r[0];
}

export async function organizationStats(db: Db) {
  const rows = await db
    .select({ type: organizations.type, status: organizations.status, n: count() })
    .from(organizations)
    .groupBy(organizations.type, organizations.status);
  const cities = await db
    .select({ n: sql<number>`count(distinct substr(${organizations.regionCode}, 1, 4))::int` })
    .from(organizations)
    .where(eq(organizations.status, 'verified'));
  const userCount = await db.select({ n: count() }).from(users).where(eq(users.status, 'active'));
  return { rows, cities: cities[0]?.n ?? 0, users: userCount[0]?.n ?? 0 };
}

// ---------- users and roles ----------

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('insert user returned nothing');
  return row;
}

export async function selectUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const r = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return r[0];
}

export async function selectUserByLogin(db: Db, kind: 'mobile' | 'email', value: string): Promise<UserRow | undefined> {
  const r = await db
    .select()
    .from(users)
    .where(kind === 'mobile' ? eq(users.mobile, value) : eq(users.email, value))
    .limit(1);
  return r[0];
}

export async function loginTaken(db: Db, mobile: string | undefined, email: string | undefined) {
  const conds = [mobile ? eq(users.mobile, mobile) : undefined, email ? eq(users.email, email) : undefined].filter(
    (c): c is SQL => c !== undefined,
  );
  if (!conds.length) return { mobile: false, email: false };
  const r = await db.select({ mobile: users.mobile, email: users.email }).from(users).where(or(...conds));
  return { mobile: Boolean(mobile && r.some((u) => u.mobile === mobile)), email: Boolean(email && r.some((u) => u.email === email)) };
}

export async function selectRoles(db: Db, userIds: string[]): Promise<UserRoleRow[]> {
  if (!userIds.length) return [];
  return db.select().from(userRoles).where(inArray(userRoles.userId, userIds)).orderBy(userRoles.role);
}

export async function replaceRoles(db: Db, userId: string, roles: { role: string; regionCode: string | null }[]) {
  changed();
  await db.delete(userRoles).where(eq(userRoles.userId, userId));
  if (roles.length) await db.insert(userRoles).values(roles.map((r) => ({ userId, role: r.role, regionCode: r.regionCode })));
  await notifyChanged(db);
}

export async function insertRole(db: Db, userId: string, role: string, regionCode: string | null = null) {
  changed();
  await db.insert(userRoles).values({ userId, role, regionCode });
  await notifyChanged(db);
}

export interface UserFilter {
  q?: string;
  role?: string;
  organizationId?: string;
}

/** Users visible under an organization scope: a user is in scope through its organization. */
export async function listUsers(db: Db, scope: OrgScope, f: UserFilter, page: number, pageSize: number) {
  const where = and(
    scope.all ? undefined : orgScopeWhere(scope),
    f.organizationId ? eq(users.organizationId, f.organizationId) : undefined,
    f.q ? or(ilike(users.name, `%${escapeLike(f.q)}%`), eq(users.email, f.q.toLowerCase()), eq(users.mobile, f.q)) : undefined,
    f.role ? sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = ${f.role})` : undefined,
  );
  const base = db.select({ user: users, org: organizations }).from(users).leftJoin(organizations, eq(users.organizationId, organizations.id));
  const [items, totals] = await Promise.all([
    base.where(where).orderBy(desc(users.createdAt), users.id).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(users).leftJoin(organizations, eq(users.organizationId, organizations.id)).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function selectUserWithOrg(db: Db, id: string, scope: OrgScope) {
  const r = await db
    .select({ user: users, org: organizations })
    .from(users)
    .leftJoin(organizations, eq(users.organizationId, organizations.id))
    .where(and(eq(users.id, id), scope.all ? undefined : orgScopeWhere(scope)))
    .limit(1);
  return r[0];
}

export async function updateUser(db: Db, id: string, values: Partial<typeof users.$inferInsert>) {
  changed();
  const r = await db
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  await notifyChanged(db);
  return r[0];
}

// ---------- sessions ----------

export async function insertSession(db: Db, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

/** A session with its user, organization and roles: one query, since every signed-in request asks it. */
export async function selectSession(db: Db, id: string) {
  const r = await db
    .select({
      session: sessions,
      user: users,
      org: organizations,
      roles: sql<{ role: string; regionCode: string | null }[]>`(select coalesce(json_agg(json_build_object('role', ${userRoles.role}, 'regionCode', ${userRoles.regionCode}) order by ${userRoles.role}, ${userRoles.regionCode}), '[]'::json) from ${userRoles} where ${userRoles.userId} = ${users.id})`,
    })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .leftJoin(organizations, eq(users.organizationId, organizations.id))
    .where(eq(sessions.id, id))
    .limit(1);
  return r[0];
}

export async function deleteSession(db: Db, id: string) {
  changed();
  await db.delete(sessions).where(eq(sessions.id, id));
  await notifyChanged(db);
}

export async function deleteUserSessions(db: Db, userId: string, exceptId: string | null) {
  changed();
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), exceptId ? sql`${sessions.id} <> ${exceptId}` : undefined));
  await notifyChanged(db);
}

export async function deleteExpiredSessions(db: Db, now: Date) {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

// ---------- sign-in throttling ----------

export async function selectLoginAttempt(db: Db, login: string) {
  const r = await db.select().from(loginAttempts).where(eq(loginAttempts.login, login)).limit(1);
  return r[0];
}

export async function saveLoginAttempt(db: Db, values: typeof loginAttempts.$inferInsert) {
  await db
    .insert(loginAttempts)
    .values(values)
    .onConflictDoUpdate({
      target: loginAttempts.login,
      set: { failures: values.failures, firstFailureAt: values.firstFailureAt, lockedUntil: values.lockedUntil },
    });
}

export async function clearLoginAttempts(db: Db, login: string) {
  await db.delete(loginAttempts).where(eq(loginAttempts.login, login));
}

// ---------- API tokens ----------

export async function insertApiToken(db: Db, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  if (!row) throw new Error('insert token returned nothing');
  return row;
}

export async function listApiTokens(db: Db, userId: string) {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Db, userId: string, id: string) {
  const r = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning();
  return r[0];
}

export async function selectActiveApiToken(db: Db, tokenHash: string, now: Date) {
  const r = await db
    .select({ token: apiTokens, user: users, org: organizations })
    .from(apiTokens)
    .innerJoin(users, eq(apiTokens.userId, users.id))
    .leftJoin(organizations, eq(users.organizationId, organizations.id))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    )
    .limit(1);
  return r[0];
}

export async function touchApiToken(db: Db, id: string, now: Date) {
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
}

export async function selectOrganizationNames(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, ids));
}

/**
 * Organizations after an id in id order, of every status (a full search rebuild keeps the verified
 * ones; the status stays out of the query for the reason given at achievements' selectAchievementsAfter).
 */
export async function selectOrganizationsAfter(db: Db, afterId: string, limit: number) {
  return db.select().from(organizations).where(sql`${organizations.id} > ${afterId}`).orderBy(organizations.id).limit(limit);
}

export async function selectVerifiedOrganizationsByIds(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select().from(organizations).where(and(inArray(organizations.id, ids), eq(organizations.status, 'verified')));
}
