import type { Actor, ActorRole, RequestContext, Role } from '../../platform/auth.js';
import type { Database, Db } from '../../platform/db.js';
import { AppError, type FieldError, fieldError, forbidden, notFound } from '../../platform/errors.js';
import type { SessionLookup } from '../../platform/http/auth-hooks.js';
import { recordAudit } from '../audit/index.js';
import { regionByCode, regionName, regionPath } from '../regions/index.js';
import * as q from './accounts.queries.js';
import type { OrganizationRow, UserRoleRow, UserRow } from './accounts.queries.js';
import {
  canAdministerUsers,
  canEditOrganization,
  canManageMembers,
  canReviewOrganization,
  orgScopeOf,
  organizationActions,
  sessionCapabilities,
  userActions,
  userScopeOf,
} from './accounts.policy.js';
import {
  type CreateTokenInput,
  ORGANIZATION_TYPE_LABELS,
  type OrganizationOut,
  type OrganizationType,
  type RoleAssignment,
  type SignupInput,
  type SignupOrganizationInput,
  type UpdateOrganizationInput,
  type UserOut,
} from './accounts.schemas.js';
import { classifyLogin } from './contact-rules.js';
import { dummyPasswordHash, hashPassword, randomToken, sessionIdOf, sha256, verifyPassword } from './passwords.js';

export interface AccountsDeps {
  db: Db;
  sessionSecret: string;
  sessionTtlHours: number;
  /**
   * Resolved sessions reused for `sessionCacheMs` (default 0: none). Every signed-in request asks
   * for its session, and under load (a live auction) that query is most of a request's database
   * work. Any change to users, organizations, roles or sessions made by this process invalidates
   * the cache at once; a change made by another process is seen when its notice arrives
   * ({@link followAccountChanges}), or within `sessionCacheMs` when this process does not hear
   * them (docs/adr/0007-session-cache.md).
   */
  sessionCacheMs?: number;
  sessionCache?: Map<string, CachedSession>;
}

interface CachedSession {
  actor: Actor;
  expiresAt: number;
  /** When the entry must be read again: a random point in the second half of the cache time. */
  staleAt: number;
  version: number;
}

/** At most this many sessions are cached (the oldest entry goes first). */
const SESSION_CACHE_SIZE = 10_000;

/** Sign-in throttling: 5 failures within 15 minutes lock the login for 15 minutes. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

// ---------- presenters ----------

function presentRoles(rows: Pick<UserRoleRow, 'role' | 'regionCode'>[]) {
  return rows.map((r) => ({ role: r.role as Role, regionCode: r.regionCode, regionName: regionName(r.regionCode) }));
}

export function presentOrganization(org: OrganizationRow, actor: Actor | null): OrganizationOut {
  return {
    id: org.id,
    name: org.name,
    creditCode: org.creditCode,
    type: org.type as OrganizationType,
    typeLabel: ORGANIZATION_TYPE_LABELS[org.type as OrganizationType] ?? org.type,
    regionCode: org.regionCode,
    regionName: regionName(org.regionCode),
    regionPath: regionPath(org.regionCode),
    address: org.address,
    contactName: org.contactName,
    contactPhone: org.contactPhone,
    contactEmail: org.contactEmail,
    status: org.status,
    rejectionReason: org.rejectionReason,
    decidedAt: org.decidedAt?.toISOString() ?? null,
    createdAt: org.createdAt.toISOString(),
    allowedActions: actor ? organizationActions(actor, org) : [],
  };
}

function presentUser(user: UserRow, org: OrganizationRow | null, roles: UserRoleRow[], actor: Actor | null): UserOut {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    mobile: user.mobile,
    status: user.status,
    organization: org ? { id: org.id, name: org.name, type: org.type, status: org.status, regionCode: org.regionCode } : null,
    roles: presentRoles(roles),
    createdAt: user.createdAt.toISOString(),
    allowedActions: actor ? userActions(actor) : [],
  };
}

function toActor(
  user: UserRow,
  org: OrganizationRow | null,
  roles: Pick<UserRoleRow, 'role' | 'regionCode'>[],
  via: { session: { id: string; csrfToken: string } } | { scopes: ('read' | 'write')[] },
): Actor {
  return {
    userId: user.id,
    name: user.name,
    organizationId: org?.id ?? null,
    organizationRegionCode: org?.regionCode ?? null,
    organizationStatus: org?.status ?? null,
    roles: roles.map((r): ActorRole => ({ role: r.role as Role, regionCode: r.regionCode })),
    via: 'session' in via ? 'session' : 'token',
    sessionId: 'session' in via ? via.session.id : null,
    csrfToken: 'session' in via ? via.session.csrfToken : null,
    scopes: 'session' in via ? ['read', 'write'] : via.scopes,
  };
}

/**
 * The actor of a person acting through the system rather than a request (demo data written by
 * calling the modules' own use cases). Null when there is no such user.
 */
export async function systemActorByEmail(db: Db, email: string): Promise<Actor | null> {
  const user = await q.selectUserByLogin(db, 'email', email);
  if (!user) return null;
  const org = user.organizationId ? ((await q.selectOrganization(db, user.organizationId, { all: true })) ?? null) : null;
  return toActor(user, org, await q.selectRoles(db, [user.id]), { scopes: ['read', 'write'] });
}

// ---------- helpers ----------

function assertRegion(code: string, path: string) {
  if (!regionByCode(code)) throw fieldError(path, `未知的地区代码：${code}`);
}

async function assertLoginFree(db: Db, mobile: string | undefined, email: string | undefined, prefix: string) {
  const taken = await q.loginTaken(db, mobile, email);
  const errors: FieldError[] = [];
  if (taken.mobile) errors.push({ path: `${prefix}mobile`, message: '该手机号已注册' });
  if (taken.email) errors.push({ path: `${prefix}email`, message: '该邮箱已注册' });
  if (errors.length) throw new AppError('duplicate', errors.map((e) => e.message).join('；'), { errors });
}

/** A unique violation that slipped past the pre-checks (a concurrent insert) as a field-level 409. */
function duplicateFrom(err: unknown, prefix: { org: string; user: string }): never {
  const constraint = String((err as { constraint?: string; cause?: { constraint?: string } }).constraint ?? (err as { cause?: { constraint?: string } }).cause?.constraint ?? '');
  const map: Record<string, FieldError> = {
    organizations_credit_code_uq: { path: `${prefix.org}creditCode`, message: '该统一社会信用代码已注册' },
    users_mobile_uq: { path: `${prefix.user}mobile`, message: '该手机号已注册' },
    users_email_uq: { path: `${prefix.user}email`, message: '该邮箱已注册' },
  };
  const e = map[constraint];
  if (e) throw new AppError('duplicate', e.message, { errors: [e] });
  throw err;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

// ---------- sessions ----------

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

async function createSession(deps: AccountsDeps, db: Db, userId: string, ip: string | null): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(Date.now() + deps.sessionTtlHours * 3600_000);
  await q.insertSession(db, { id: sessionIdOf(token, deps.sessionSecret), userId, csrfToken, expiresAt, ip });
  return { token, csrfToken, expiresAt };
}

/** How long a cached session is used while this process hears other processes' account changes. */
export const NOTIFIED_SESSION_CACHE_MS = 60_000;

/**
 * PostgreSQL: listens for other processes' account changes (accounts.queries ACCOUNTS_CHANNEL,
 * sent on their commit). While it hears them, each notice drops every cached session, and an
 * entry is kept up to {@link NOTIFIED_SESSION_CACHE_MS}; if the connection is lost, every cached
 * session is dropped and the configured `sessionCacheMs` applies again. Returns the stop.
 */
export async function followAccountChanges(deps: AccountsDeps, listen: NonNullable<Database['listen']>): Promise<() => Promise<void>> {
  const configured = deps.sessionCacheMs ?? 0;
  if (configured <= 0) return async () => {};
  const unlisten = await listen(q.ACCOUNTS_CHANNEL, q.accountsChangedElsewhere, () => {
    q.accountsChangedElsewhere();
    deps.sessionCacheMs = configured;
  });
  deps.sessionCacheMs = Math.max(configured, NOTIFIED_SESSION_CACHE_MS);
  return async () => {
    deps.sessionCacheMs = configured;
    await unlisten();
  };
}

export async function resolveSession(deps: AccountsDeps, token: string): Promise<SessionLookup> {
  if (token.length > 200) return null;
  const id = sessionIdOf(token, deps.sessionSecret);
  const ttl = deps.sessionCacheMs ?? 0;
  const now = Date.now();
  const cached = ttl > 0 ? deps.sessionCache?.get(id) : undefined;
  if (cached && cached.version === q.accountsVersion() && now < cached.staleAt && cached.expiresAt > now) return { actor: cached.actor };
  // The version before reading: a change made while the query runs leaves the entry invalid.
  const version = q.accountsVersion();
  const found = await q.selectSession(deps.db, id);
  if (!found) return null;
  if (found.session.expiresAt.getTime() <= Date.now()) {
    await q.deleteSession(deps.db, id);
    return { expired: true };
  }
  if (found.user.status !== 'active') return null;
  const actor = toActor(found.user, found.org, found.roles, { session: { id, csrfToken: found.session.csrfToken } });
  if (ttl > 0) {
    const cache = deps.sessionCache ?? new Map<string, CachedSession>();
    deps.sessionCache = cache;
    cache.delete(id);
    // Shared by the requests of the session: nothing may change it.
    for (const r of actor.roles) Object.freeze(r);
    Object.freeze(actor.roles);
    Object.freeze(actor);
    // Spread, so that sessions cached together (a crowd arriving at an auction's opening) are not
    // all read again in the same instant: that burst of lookups stalled bids every 5 s in bench:auction.
    cache.set(id, { actor, expiresAt: found.session.expiresAt.getTime(), staleAt: now + ttl * (0.5 + Math.random() / 2), version });
    if (cache.size > SESSION_CACHE_SIZE) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
  }
  return { actor };
}

export async function resolveApiToken(deps: AccountsDeps, token: string): Promise<Actor | null> {
  if (!token.startsWith('khk_') || token.length > 200) return null;
  const now = new Date();
  const found = await q.selectActiveApiToken(deps.db, sha256(token), now);
  if (!found) return null;
  if (found.user.status !== 'active') return null;
  await q.touchApiToken(deps.db, found.token.id, now);
  const roles = await q.selectRoles(deps.db, [found.user.id]);
  return toActor(found.user, found.org, roles, { scopes: found.token.scopes as ('read' | 'write')[] });
}

// ---------- sign-up, sign-in ----------

export async function signup(deps: AccountsDeps, ctx: RequestContext, input: SignupInput) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await deps.db.transaction(async (tx) => {
      await assertLoginFree(tx, input.mobile, input.email, '');
      const user = await q.insertUser(tx, { name: input.name, mobile: input.mobile ?? null, email: input.email ?? null, passwordHash });
      await recordAudit(tx, { ...ctx, actor: null }, { action: 'user.signup', entityType: 'user', entityId: user.id, after: user });
      const session = await createSession(deps, tx, user.id, ctx.ip);
      return { user: presentUser(user, null, [], null), session };
    });
  } catch (err) {
    if (isUniqueViolation(err)) duplicateFrom(err, { org: '', user: '' });
    throw err;
  }
}

export async function signupOrganization(deps: AccountsDeps, ctx: RequestContext, input: SignupOrganizationInput) {
  const { organization: o, admin } = input;
  assertRegion(o.regionCode, 'organization.regionCode');
  const passwordHash = await hashPassword(admin.password);
  try {
    return await deps.db.transaction(async (tx) => {
      if (await q.selectOrganizationByCreditCode(tx, o.creditCode)) {
        throw new AppError('duplicate', '该统一社会信用代码已注册，请联系本机构管理员或平台', {
          errors: [{ path: 'organization.creditCode', message: '该统一社会信用代码已注册' }],
        });
      }
      await assertLoginFree(tx, admin.mobile, admin.email, 'admin.');
      const org = await q.insertOrganization(tx, {
        name: o.name,
        creditCode: o.creditCode,
        type: o.type,
        regionCode: o.regionCode,
        address: o.address,
        contactName: o.contactName,
        contactPhone: o.contactPhone,
        contactEmail: o.contactEmail ?? null,
      });
      const user = await q.insertUser(tx, {
        name: admin.name,
        mobile: admin.mobile ?? null,
        email: admin.email ?? null,
        passwordHash,
        organizationId: org.id,
      });
      await q.insertRole(tx, user.id, 'org_admin');
      const auditCtx = { ...ctx, actor: null };
      await recordAudit(tx, auditCtx, { action: 'organization.signup', entityType: 'organization', entityId: org.id, regionCode: org.regionCode, after: org });
      await recordAudit(tx, auditCtx, { action: 'user.signup', entityType: 'user', entityId: user.id, regionCode: org.regionCode, after: { ...user, roles: ['org_admin'] } });
      const session = await createSession(deps, tx, user.id, ctx.ip);
      const roles = await q.selectRoles(tx, [user.id]);
      return { organization: presentOrganization(org, null), user: presentUser(user, org, roles, null), session };
    });
  } catch (err) {
    if (isUniqueViolation(err)) duplicateFrom(err, { org: 'organization.', user: 'admin.' });
    throw err;
  }
}

export async function signin(deps: AccountsDeps, ctx: RequestContext, input: { login: string; password: string }) {
  const login = classifyLogin(input.login);
  const key = login ? `${login.kind}:${login.value}` : `raw:${input.login.trim().toLowerCase()}`;
  const now = new Date();
  const attempt = await q.selectLoginAttempt(deps.db, key);
  if (attempt?.lockedUntil && attempt.lockedUntil > now) {
    const minutes = Math.ceil((attempt.lockedUntil.getTime() - now.getTime()) / 60_000);
    throw new AppError('too_many_attempts', `登录失败次数过多，账号已临时锁定，请 ${minutes} 分钟后再试`, {
      headers: { 'retry-after': String(minutes * 60) },
    });
  }
  const user = login ? await q.selectUserByLogin(deps.db, login.kind, login.value) : undefined;
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyPassword(await dummyPasswordHash(), input.password);
  // A disabled account with the right password is told so, and not counted as a failed guess.
  if (user && ok && user.status !== 'active') throw new AppError('forbidden', '该账号已停用，请联系平台运营方');
  if (!user || !ok) {
    const windowStart = attempt && now.getTime() - attempt.firstFailureAt.getTime() < LOCK_MINUTES * 60_000 ? attempt : null;
    const failures = (windowStart?.failures ?? 0) + 1;
    const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
    await deps.db.transaction(async (tx) => {
      await q.saveLoginAttempt(tx, { login: key, failures: lockedUntil ? 0 : failures, firstFailureAt: windowStart?.firstFailureAt ?? now, lockedUntil });
      await recordAudit(tx, { ...ctx, actor: null }, {
        action: lockedUntil ? 'auth.locked' : 'auth.signin_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        after: { failures },
      });
    });
    if (lockedUntil) {
      throw new AppError('too_many_attempts', `登录失败次数过多，账号已临时锁定，请 ${LOCK_MINUTES} 分钟后再试`, {
        headers: { 'retry-after': String(LOCK_MINUTES * 60) },
      });
    }
    throw new AppError('invalid_credentials', `账号或密码错误（再失败 ${MAX_FAILURES - failures} 次将锁定 ${LOCK_MINUTES} 分钟）`);
  }
  return deps.db.transaction(async (tx) => {
    await q.clearLoginAttempts(tx, key);
    const session = await createSession(deps, tx, user.id, ctx.ip);
    const org = user.organizationId ? ((await q.selectOrganization(tx, user.organizationId, { all: true })) ?? null) : null;
    const roles = await q.selectRoles(tx, [user.id]);
    await recordAudit(tx, { ...ctx, actor: toActor(user, org, roles, { scopes: [] }) }, {
      action: 'auth.signin',
      entityType: 'user',
      entityId: user.id,
      regionCode: org?.regionCode ?? null,
    });
    return { user: presentUser(user, org, roles, null), session };
  });
}

export async function signout(deps: AccountsDeps, ctx: RequestContext) {
  const actor = ctx.actor;
  if (!actor?.sessionId) return;
  const sessionId = actor.sessionId;
  await deps.db.transaction(async (tx) => {
    await q.deleteSession(tx, sessionId);
    await recordAudit(tx, ctx, { action: 'auth.signout', entityType: 'user', entityId: actor.userId, regionCode: actor.organizationRegionCode });
  });
}

export async function currentSession(deps: AccountsDeps, actor: Actor | null) {
  const can = sessionCapabilities(actor);
  if (!actor) return { user: null, csrfToken: null, can };
  const found = await q.selectUserWithOrg(deps.db, actor.userId, { all: true });
  if (!found) return { user: null, csrfToken: null, can };
  const roles = await q.selectRoles(deps.db, [actor.userId]);
  const { allowedActions: _ignored, ...user } = presentUser(found.user, found.org, roles, null);
  return { user, csrfToken: actor.csrfToken, can };
}

export async function changePassword(deps: AccountsDeps, ctx: RequestContext, input: { currentPassword: string; newPassword: string }) {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated', '请先登录');
  if (actor.via !== 'session') throw forbidden('修改密码需要在网页登录后进行，API 令牌不能修改密码');
  const user = await q.selectUserById(deps.db, actor.userId);
  if (!user) throw notFound('用户');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('validation_failed', '当前密码不正确', { errors: [{ path: 'currentPassword', message: '当前密码不正确' }] });
  }
  if (input.currentPassword === input.newPassword) throw fieldError('newPassword', '新密码不能与当前密码相同');
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await q.updateUser(tx, user.id, { passwordHash, passwordChangedAt: new Date() });
    // Other sessions of this user end: a changed password must lock out whoever else had it.
    await q.deleteUserSessions(tx, user.id, actor.sessionId);
    await recordAudit(tx, ctx, { action: 'user.password_changed', entityType: 'user', entityId: user.id, regionCode: actor.organizationRegionCode });
  });
}

// ---------- organizations ----------

export async function listOrganizationsFor(deps: AccountsDeps, actor: Actor, filter: q.OrganizationFilter, page: number, pageSize: number) {
  const { items, total } = await q.listOrganizations(deps.db, orgScopeOf(actor), filter, page, pageSize);
  return { items: items.map((o) => presentOrganization(o, actor)), total, page, pageSize };
}

async function loadOrganization(db: Db, actor: Actor, id: string) {
  const org = await q.selectOrganization(db, id, orgScopeOf(actor));
  if (!org) throw notFound('机构');
  return org;
}

export async function getOrganization(deps: AccountsDeps, actor: Actor, id: string) {
  return presentOrganization(await loadOrganization(deps.db, actor, id), actor);
}

export async function updateOrganizationDetails(deps: AccountsDeps, ctx: RequestContext, id: string, input: UpdateOrganizationInput) {
  const actor = ctx.actor as Actor;
  return deps.db.transaction(async (tx) => {
    const before = await loadOrganization(tx, actor, id);
    if (!canEditOrganization(actor, before)) throw forbidden('只有本机构管理员或平台运营方可以修改机构信息');
    // Editing a rejected organization resubmits it for verification.
    const resubmit = before.status === 'rejected';
    const after = await q.updateOrganization(tx, id, {
      ...input,
      ...(resubmit ? { status: 'pending' as const, rejectionReason: null, decidedAt: null, decidedBy: null } : {}),
    });
    if (!after) throw notFound('机构');
    await recordAudit(tx, ctx, { action: resubmit ? 'organization.resubmitted' : 'organization.updated', entityType: 'organization', entityId: id, regionCode: after.regionCode, before, after });
    return presentOrganization(after, actor);
  });
}

export async function decideOrganizationVerification(
  deps: AccountsDeps,
  ctx: RequestContext,
  id: string,
  decision: { verdict: 'verified' } | { verdict: 'rejected'; reason: string },
) {
  const actor = ctx.actor as Actor;
  return deps.db.transaction(async (tx) => {
    const before = await loadOrganization(tx, actor, id);
    if (!canReviewOrganization(actor, before)) throw forbidden('只有平台运营方或该机构所在地区的科技管理部门可以审核');
    if (before.status !== 'pending') {
      throw new AppError('invalid_state', `该机构当前状态为「${before.status === 'verified' ? '已认证' : '已驳回'}」，不能重复审核`);
    }
    const after = await q.decideOrganization(tx, id, 'pending', {
      status: decision.verdict,
      rejectionReason: decision.verdict === 'rejected' ? decision.reason : null,
      decidedAt: new Date(),
      decidedBy: actor.userId,
    });
    if (!after) throw new AppError('invalid_state', '该机构已被其他审核人处理，请刷新');
    await recordAudit(tx, ctx, {
      action: decision.verdict === 'verified' ? 'organization.verified' : 'organization.rejected',
      entityType: 'organization',
      entityId: id,
      regionCode: after.regionCode,
      before: { status: before.status },
      after: { status: after.status, rejectionReason: after.rejectionReason },
    });
    return presentOrganization(after, actor);
  });
}

export async function addMember(deps: AccountsDeps, ctx: RequestContext, organizationId: string, input: SignupInput) {
  const actor = ctx.actor as Actor;
  const passwordHash = await hashPassword(input.password);
  try {
    return await deps.db.transaction(async (tx) => {
      const org = await loadOrganization(tx, actor, organizationId);
      if (!canManageMembers(actor, org)) throw forbidden('只有本机构管理员或平台运营方可以添加成员');
      await assertLoginFree(tx, input.mobile, input.email, '');
      const user = await q.insertUser(tx, { name: input.name, mobile: input.mobile ?? null, email: input.email ?? null, passwordHash, organizationId });
      await q.insertRole(tx, user.id, 'org_member');
      await recordAudit(tx, ctx, { action: 'user.member_added', entityType: 'user', entityId: user.id, regionCode: org.regionCode, after: { ...user, roles: ['org_member'] } });
      return presentUser(user, org, await q.selectRoles(tx, [user.id]), actor);
    });
  } catch (err) {
    if (isUniqueViolation(err)) duplicateFrom(err, { org: '', user: '' });
    throw err;
  }
}

// ---------- users ----------

export async function listUsersFor(deps: AccountsDeps, actor: Actor, filter: q.UserFilter, page: number, pageSize: number) {
  const { items, total } = await q.listUsers(deps.db, userScopeOf(actor), filter, page, pageSize);
  const roles = await q.selectRoles(deps.db, items.map((i) => i.user.id));
  return {
    items: items.map((i) => presentUser(i.user, i.org, roles.filter((r) => r.userId === i.user.id), actor)),
    total,
    page,
    pageSize,
  };
}

export async function setUserRoles(deps: AccountsDeps, ctx: RequestContext, userId: string, roles: RoleAssignment[]) {
  const actor = ctx.actor as Actor;
  if (!canAdministerUsers(actor)) throw forbidden('只有平台运营方可以分配角色');
  roles.forEach((r, i) => {
    if (r.regionCode) assertRegion(r.regionCode, `roles.${i}.regionCode`);
  });
  return deps.db.transaction(async (tx) => {
    const found = await q.selectUserWithOrg(tx, userId, { all: true });
    if (!found) throw notFound('用户');
    const errors: FieldError[] = [];
    roles.forEach((r, i) => {
      if ((r.role === 'org_admin' || r.role === 'org_member') && !found.user.organizationId) {
        errors.push({ path: `roles.${i}.role`, message: '该用户不属于任何机构，不能担任机构角色' });
      }
    });
    if (errors.length) throw new AppError('validation_failed', errors[0]?.message ?? '角色无效', { errors });
    const unique = [...new Map(roles.map((r) => [`${r.role}:${r.role === 'gov_admin' ? r.regionCode : ''}`, r])).values()];
    const before = await q.selectRoles(tx, [userId]);
    await q.replaceRoles(tx, userId, unique.map((r) => ({ role: r.role, regionCode: r.role === 'gov_admin' ? (r.regionCode ?? null) : null })));
    const after = await q.selectRoles(tx, [userId]);
    await recordAudit(tx, ctx, {
      action: 'user.roles_changed',
      entityType: 'user',
      entityId: userId,
      regionCode: found.org?.regionCode ?? null,
      before: presentRoles(before),
      after: presentRoles(after),
    });
    return presentUser(found.user, found.org, after, actor);
  });
}

export async function setUserStatus(deps: AccountsDeps, ctx: RequestContext, userId: string, status: 'active' | 'disabled') {
  const actor = ctx.actor as Actor;
  if (!canAdministerUsers(actor)) throw forbidden('只有平台运营方可以停用或启用账号');
  if (userId === actor.userId) throw new AppError('invalid_state', '不能停用自己的账号');
  return deps.db.transaction(async (tx) => {
    const found = await q.selectUserWithOrg(tx, userId, { all: true });
    if (!found) throw notFound('用户');
    const after = await q.updateUser(tx, userId, { status });
    if (!after) throw notFound('用户');
    if (status === 'disabled') await q.deleteUserSessions(tx, userId, null);
    await recordAudit(tx, ctx, { action: `user.${status === 'active' ? 'enabled' : 'disabled'}`, entityType: 'user', entityId: userId, regionCode: found.org?.regionCode ?? null, before: { status: found.user.status }, after: { status } });
    return presentUser(after, found.org, await q.selectRoles(tx, [userId]), actor);
  });
}

// ---------- API tokens ----------

function presentToken(t: q.ApiTokenRow) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  };
}

export async function createApiToken(deps: AccountsDeps, ctx: RequestContext, input: CreateTokenInput) {
  const actor = ctx.actor as Actor;
  if (actor.via !== 'session') throw forbidden('API 令牌只能在登录后的网页会话中创建');
  const token = `khk_${randomToken()}`;
  return deps.db.transaction(async (tx) => {
    const row = await q.insertApiToken(tx, {
      userId: actor.userId,
      name: input.name,
      tokenHash: sha256(token),
      prefix: token.slice(0, 10),
      scopes: [...new Set(input.scopes)],
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86400_000) : null,
    });
    await recordAudit(tx, ctx, { action: 'token.created', entityType: 'api_token', entityId: row.id, regionCode: actor.organizationRegionCode, after: presentToken(row) });
    return { ...presentToken(row), token };
  });
}

export async function listApiTokensFor(deps: AccountsDeps, actor: Actor) {
  return { items: (await q.listApiTokens(deps.db, actor.userId)).map(presentToken) };
}

export async function revokeApiTokenFor(deps: AccountsDeps, ctx: RequestContext, id: string) {
  const actor = ctx.actor as Actor;
  return deps.db.transaction(async (tx) => {
    const row = await q.revokeApiToken(tx, actor.userId, id);
    if (!row) throw notFound('令牌');
    await recordAudit(tx, ctx, { action: 'token.revoked', entityType: 'api_token', entityId: id, regionCode: actor.organizationRegionCode, after: presentToken(row) });
    return presentToken(row);
  });
}

// ---------- public ----------

export async function publicStats(deps: AccountsDeps) {
  const s = await q.organizationStats(deps.db);
  const byType: Record<string, number> = {};
  let total = 0;
  let verified = 0;
  for (const r of s.rows) {
    total += r.n;
    if (r.status === 'verified') {
      verified += r.n;
      byType[r.type] = (byType[r.type] ?? 0) + r.n;
    }
  }
  return { organizations: { total, verified, byType }, users: s.users, cities: s.cities };
}

/** Names of organizations by id, for other modules' presenters (one query). */
export async function organizationNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await q.selectOrganizationNames(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}
