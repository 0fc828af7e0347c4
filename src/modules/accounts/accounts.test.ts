import { randomBytes } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db.js';
import { buildSignupOrganization } from '../../test-support/fixtures.js';
import { call, createTestApp, DEMO_PASSWORD, type Session, sessionFrom, signIn, type TestApp } from '../../test-support/test-app.js';
import { auditLog } from '../audit/index.js';
import { makeCreditCode } from './accounts.factories.js';
import { apiTokens, organizations, sessions, users } from './accounts.tables.js';

/**
 * HTTP-level tests of the accounts module (and the audit log it writes) against a real, fresh
 * database with the demo data. One app for the whole file; tests that change shared demo records
 * run in the order written, the rest create their own organizations and users.
 */

// ---------- response shapes ----------

interface FieldErr {
  path: string;
  message: string;
}
interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldErr[];
}
interface Org {
  id: string;
  name: string;
  creditCode: string;
  type: string;
  regionCode: string;
  address: string;
  status: 'pending' | 'verified' | 'rejected';
  rejectionReason: string | null;
  decidedAt: string | null;
  allowedActions: string[];
}
interface RoleOut {
  role: string;
  regionCode: string | null;
  regionName: string | null;
}
interface User {
  id: string;
  name: string;
  email: string | null;
  mobile: string | null;
  status: 'active' | 'disabled';
  organization: { id: string; name: string; type: string; status: string; regionCode: string } | null;
  roles: RoleOut[];
  allowedActions: string[];
}
interface SessionOut {
  user: Omit<User, 'allowedActions'> | null;
  csrfToken: string | null;
  can: { reviewOrganizations: boolean; manageUsers: boolean; viewAudit: boolean; manageOwnOrganization: boolean };
}
interface TokenOut {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  token?: string;
}
interface AuditItem {
  id: number;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}
interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// ---------- harness ----------

const CHINESE = /[\u4e00-\u9fff]/;
const NEW_PASSWORD = 'Secret#2026';

let t: TestApp;
let db: Db;
const demo = {} as Record<
  'operator' | 'govHubei' | 'govWuhan' | 'govYichang' | 'univAdmin' | 'univMember' | 'enterpriseAdmin' | 'broker',
  Session
>;
const pending = {} as Record<'wuhan' | 'yichang' | 'xiangyang', string>;
let univOrgId: string;

/**
 * Checks what must hold for every response of the API: an x-request-id header, and for every
 * error an RFC 9457 problem+json with a stable code, a Chinese detail and the request id.
 */
function checkInvariants(res: LightMyRequestResponse): LightMyRequestResponse {
  const requestId = res.headers['x-request-id'];
  expect(typeof requestId === 'string' && requestId.length > 0, `x-request-id on a ${res.statusCode} response`).toBe(true);
  if (res.statusCode >= 400) {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const p = res.json<Problem>();
    expect(p.status).toBe(res.statusCode);
    expect(p.code).toMatch(/^[a-z_]+$/);
    expect(p.title).toMatch(CHINESE);
    expect(p.detail).toMatch(CHINESE);
    expect(p.requestId).toBe(requestId);
  }
  return res;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
async function send(method: Method, url: string, opts: Parameters<typeof call>[3] = {}) {
  return checkInvariants(await call(t, method, url, opts));
}
async function raw(opts: InjectOptions) {
  return checkInvariants(await t.app.inject(opts));
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function expectProblem(res: LightMyRequestResponse, status: number, code: string): Problem {
  expect(res.statusCode, res.body).toBe(status);
  const p = res.json<Problem>();
  expect(p.code).toBe(code);
  return p;
}

/** A 400 validation problem naming `path`, with a Chinese message for it. */
function expectFieldError(res: LightMyRequestResponse, path: string, status = 400, code = 'validation_failed'): FieldErr {
  const p = expectProblem(res, status, code);
  const e = p.errors?.find((x) => x.path === path);
  expect(e, `errors: ${JSON.stringify(p.errors)}`).toBeDefined();
  expect(e?.message).toMatch(CHINESE);
  return e as FieldErr;
}

function requestIdOf(res: LightMyRequestResponse): string {
  return String(res.headers['x-request-id']);
}

/** Audit rows written while handling one request (linked by its x-request-id). */
function auditOf(res: LightMyRequestResponse) {
  return db.select().from(auditLog).where(eq(auditLog.requestId, requestIdOf(res))).orderBy(auditLog.id);
}

async function counts() {
  const [o] = await db.select({ n: count() }).from(organizations);
  const [u] = await db.select({ n: count() }).from(users);
  const [a] = await db.select({ n: count() }).from(auditLog);
  return { organizations: o?.n, users: u?.n, audit: a?.n };
}

let serial = 0;
function uniqueEmail(): string {
  return `t${serial++}.${randomBytes(4).toString('hex')}@example.cn`;
}

/** Signs up a new organization (420111 unless overridden); its admin is signed in. */
async function signupOrg(overrides: Parameters<typeof buildSignupOrganization>[0] = {}) {
  const input = buildSignupOrganization(overrides);
  const res = await send('POST', '/api/auth/signup-organization', { body: input });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json<{ organization: Org; user: User; csrfToken: string }>();
  return { input, res, org: body.organization, user: body.user, session: sessionFrom(res) };
}

/** Signs up an individual account (no organization), signed in. */
async function signupPerson(password = NEW_PASSWORD) {
  const login = uniqueEmail();
  const res = await send('POST', '/api/auth/signup', { body: { name: '测试个人', email: login, password } });
  expect(res.statusCode, res.body).toBe(201);
  return { login, password, session: sessionFrom(res), userId: res.json<{ user: User }>().user.id };
}

/** Every item of a list endpoint, following the pages. */
async function allItems<T>(url: string, as: Session): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const res = await send('GET', `${url}${url.includes('?') ? '&' : '?'}page=${page}&pageSize=100`, { as });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Page<T>>();
    out.push(...body.items);
    if (out.length >= body.total || body.items.length === 0) return out;
  }
}

async function orgIdByName(name: string): Promise<string> {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name));
  if (!row) throw new Error(`no organization ${name}`);
  return row.id;
}

async function orgRow(id: string) {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.database.db;
  const logins = {
    operator: 'operator@kehui.example.cn',
    govHubei: 'gov.hubei@kehui.example.cn',
    govWuhan: 'gov.wuhan@kehui.example.cn',
    govYichang: 'gov.yichang@kehui.example.cn',
    univAdmin: 'univ.admin@kehui.example.cn',
    univMember: 'univ.member@kehui.example.cn',
    enterpriseAdmin: 'enterprise.admin@kehui.example.cn',
    broker: 'broker@kehui.example.cn',
  } as const;
  for (const [key, login] of Object.entries(logins)) demo[key as keyof typeof logins] = await signIn(t, login);
  pending.wuhan = await orgIdByName('武汉微纳传感技术有限公司');
  pending.yichang = await orgIdByName('宜昌绿电储能科技有限公司');
  pending.xiangyang = await orgIdByName('襄阳新锐检测技术有限公司');
  univOrgId = await orgIdByName('江城理工大学');
});

afterAll(async () => {
  await t?.close();
});

// ---------- sign-up ----------

describe('POST /api/auth/signup-organization', () => {
  it('creates a pending organization and its admin, signs the admin in and writes audit rows', async () => {
    const input = buildSignupOrganization();
    const res = await send('POST', '/api/auth/signup-organization', { body: input });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ organization: Org; user: User; csrfToken: string }>();
    expect(body.organization).toMatchObject({
      name: input.organization.name,
      creditCode: input.organization.creditCode,
      type: 'enterprise',
      regionCode: '420111',
      status: 'pending',
      rejectionReason: null,
    });
    expect(body.user).toMatchObject({ name: input.admin.name, mobile: input.admin.mobile, status: 'active' });
    expect(body.user.organization?.id).toBe(body.organization.id);
    expect(body.user.roles).toEqual([{ role: 'org_admin', regionCode: null, regionName: null }]);
    expect(res.body).not.toMatch(/passwordHash|argon2/);

    // Signed in: the cookies open a session that shows the org_admin role.
    const session = sessionFrom(res);
    expect(body.csrfToken).toBe(session.csrfToken);
    const me = await send('GET', '/api/auth/session', { as: session });
    expect(me.statusCode).toBe(200);
    const s = me.json<SessionOut>();
    expect(s.user?.id).toBe(body.user.id);
    expect(s.user?.organization).toMatchObject({ id: body.organization.id, status: 'pending' });
    expect(s.user?.roles.map((r) => r.role)).toEqual(['org_admin']);
    expect(s.csrfToken).toBe(session.csrfToken);
    expect(s.can).toEqual({ reviewOrganizations: false, manageUsers: true, viewAudit: false, manageOwnOrganization: true });

    const rows = await auditOf(res);
    expect(rows.map((r) => [r.action, r.entityId, r.regionCode])).toEqual([
      ['organization.signup', body.organization.id, '420111'],
      ['user.signup', body.user.id, '420111'],
    ]);
  });

  it('refuses a credit code with a wrong check character with a Chinese field error and writes nothing', async () => {
    const input = buildSignupOrganization();
    const good = input.organization.creditCode;
    const last = good.slice(-1);
    input.organization.creditCode = good.slice(0, 17) + (last === '0' ? '1' : '0');
    const before = await counts();
    const res = await send('POST', '/api/auth/signup-organization', { body: input });
    const e = expectFieldError(res, 'organization.creditCode');
    expect(e.message).toContain('统一社会信用代码');
    expect(res.json<Problem>().detail).toContain('统一社会信用代码');
    expect(res.cookies).toEqual([]);
    expect(await counts()).toEqual(before);
    const [u] = await db.select().from(users).where(eq(users.mobile, input.admin.mobile));
    expect(u).toBeUndefined();
  });

  it('refuses a credit code of the wrong length or alphabet', async () => {
    for (const creditCode of ['91420111MA4K', '91420111MA4KOOOOOO', '']) {
      const res = await send('POST', '/api/auth/signup-organization', { body: buildSignupOrganization({ organization: { creditCode } }) });
      expectFieldError(res, 'organization.creditCode');
    }
  });

  it('refuses a credit code that is already registered with 409 on organization.creditCode, also when typed in full-width', async () => {
    const first = await signupOrg();
    const before = await counts();
    const again = await send('POST', '/api/auth/signup-organization', {
      body: buildSignupOrganization({ organization: { creditCode: first.input.organization.creditCode } }),
    });
    expectFieldError(again, 'organization.creditCode', 409, 'duplicate');
    // Chinese IMEs type full-width characters: the same code, still a duplicate.
    const fullWidth = [...first.input.organization.creditCode].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    const typed = await send('POST', '/api/auth/signup-organization', {
      body: buildSignupOrganization({ organization: { creditCode: ` ${fullWidth.toLowerCase()} ` } }),
    });
    expectFieldError(typed, 'organization.creditCode', 409, 'duplicate');
    expect(await counts()).toEqual(before);
  });

  it('lets only one of two simultaneous sign-ups with the same credit code through', async () => {
    const creditCode = makeCreditCode('420111');
    const before = await counts();
    const results = await Promise.all([
      send('POST', '/api/auth/signup-organization', { body: buildSignupOrganization({ organization: { creditCode } }) }),
      send('POST', '/api/auth/signup-organization', { body: buildSignupOrganization({ organization: { creditCode } }) }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const loser = results.find((r) => r.statusCode === 409);
    if (loser) expectFieldError(loser, 'organization.creditCode', 409, 'duplicate');
    const after = await counts();
    expect(after.organizations).toBe((before.organizations ?? 0) + 1);
    expect(after.users).toBe((before.users ?? 0) + 1);
  });

  it('refuses a six-digit region code that is not a region with a field error on organization.regionCode', async () => {
    const before = await counts();
    const res = await send('POST', '/api/auth/signup-organization', { body: buildSignupOrganization({ organization: { regionCode: '420199' } }) });
    const e = expectFieldError(res, 'organization.regionCode');
    expect(e.message).toContain('420199');
    expect(await counts()).toEqual(before);
    const malformed = await send('POST', '/api/auth/signup-organization', { body: buildSignupOrganization({ organization: { regionCode: '4201' } }) });
    expectFieldError(malformed, 'organization.regionCode');
  });

  it('refuses a mobile number that is already registered with 409 on admin.mobile, whatever its formatting', async () => {
    const first = await signupOrg();
    const before = await counts();
    const res = await send('POST', '/api/auth/signup-organization', { body: buildSignupOrganization({ admin: { mobile: first.input.admin.mobile } }) });
    const e = expectFieldError(res, 'admin.mobile', 409, 'duplicate');
    expect(e.message).toBe('该手机号已注册');
    const m = first.input.admin.mobile;
    const formatted = `+86 ${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`;
    const res2 = await send('POST', '/api/auth/signup-organization', { body: buildSignupOrganization({ admin: { mobile: formatted } }) });
    expectFieldError(res2, 'admin.mobile', 409, 'duplicate');
    expect(await counts()).toEqual(before);
  });

  it('refuses an email that is already registered with 409 on admin.email, ignoring case', async () => {
    const before = await counts();
    const res = await send('POST', '/api/auth/signup-organization', {
      body: buildSignupOrganization({ admin: { email: 'Operator@Kehui.Example.CN' } }),
    });
    expectFieldError(res, 'admin.email', 409, 'duplicate');
    expect(await counts()).toEqual(before);
  });

  it('refuses unknown fields and names each of them', async () => {
    const input = buildSignupOrganization();
    const before = await counts();
    const res = await send('POST', '/api/auth/signup-organization', {
      body: { ...input, organization: { ...input.organization, website: 'https://example.cn' } },
    });
    const e = expectFieldError(res, 'organization.website');
    expect(e.message).toContain('website');
    expect(res.json<Problem>().detail).toContain('website');
    const top = await send('POST', '/api/auth/signup-organization', { body: { ...input, role: 'operator' } });
    expect(expectFieldError(top, 'role').message).toContain('role');
    expect(await counts()).toEqual(before);
  });

  it('answers malformed JSON with 400 bad_request', async () => {
    const res = await raw({
      method: 'POST',
      url: '/api/auth/signup-organization',
      headers: { 'content-type': 'application/json' },
      payload: '{"organization": {"name": "半截',
    });
    expectProblem(res, 400, 'bad_request');
    const empty = await raw({ method: 'POST', url: '/api/auth/signup-organization', headers: { 'content-type': 'application/json' }, payload: '' });
    expectProblem(empty, 400, 'bad_request');
  });

  it('answers a body that is not JSON with 415 unsupported_media_type', async () => {
    const res = await raw({ method: 'POST', url: '/api/auth/signup-organization', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it('refuses values of the wrong type, listing every bad field', async () => {
    const input = buildSignupOrganization();
    const before = await counts();
    const res = await send('POST', '/api/auth/signup-organization', {
      body: {
        organization: { ...input.organization, name: 12345, type: 'spaceship' },
        admin: { ...input.admin, password: 12345678, mobile: 13900000000 },
      },
    });
    expectProblem(res, 400, 'validation_failed');
    for (const path of ['organization.name', 'organization.type', 'admin.password', 'admin.mobile']) expectFieldError(res, path);
    const notObject = await send('POST', '/api/auth/signup-organization', { body: { organization: '机构', admin: [] } });
    expectFieldError(notObject, 'organization');
    expectFieldError(notObject, 'admin');
    expect(await counts()).toEqual(before);
  });

  it('refuses self sign-up as a government or operator organization', async () => {
    for (const type of ['government', 'operator']) {
      const res = await send('POST', '/api/auth/signup-organization', { body: buildSignupOrganization({ organization: { type } }) });
      expectFieldError(res, 'organization.type');
    }
  });

  it('answers a body over 1 MiB with 413 payload_too_large', async () => {
    const input = buildSignupOrganization({ organization: { address: '长'.repeat(400_000) } });
    const payload = JSON.stringify(input);
    expect(Buffer.byteLength(payload)).toBeGreaterThan(1024 * 1024);
    const before = await counts();
    const res = await raw({ method: 'POST', url: '/api/auth/signup-organization', headers: { 'content-type': 'application/json' }, payload });
    expectProblem(res, 413, 'payload_too_large');
    expect(await counts()).toEqual(before);
  });

  it('refuses a digits-only or too short password on admin.password', async () => {
    const before = await counts();
    const digits = await send('POST', '/api/auth/signup-organization', { body: buildSignupOrganization({ admin: { password: '1234567890' } }) });
    expect(expectFieldError(digits, 'admin.password').message).toContain('数字');
    const fullWidthDigits = await send('POST', '/api/auth/signup-organization', { body: buildSignupOrganization({ admin: { password: '１２３４５６７８９' } }) });
    expectFieldError(fullWidthDigits, 'admin.password');
    const short = await send('POST', '/api/auth/signup-organization', { body: buildSignupOrganization({ admin: { password: 'Ab#1x' } }) });
    expect(expectFieldError(short, 'admin.password').message).toContain('8');
    expect(await counts()).toEqual(before);
  });

  it('requires a mobile or an email for the admin', async () => {
    const input = buildSignupOrganization();
    const { mobile: _m, ...admin } = input.admin;
    const res = await send('POST', '/api/auth/signup-organization', { body: { ...input, admin } });
    expectFieldError(res, 'admin.mobile');
  });
});

// ---------- sign-in ----------

describe('POST /api/auth/signin', () => {
  it('signs in with an email and sets an httpOnly SameSite=Lax session cookie and a readable CSRF cookie', async () => {
    const res = await send('POST', '/api/auth/signin', { body: { login: 'operator@kehui.example.cn', password: DEMO_PASSWORD } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ user: User; csrfToken: string }>();
    expect(body.user.roles.map((r) => r.role)).toEqual(['operator']);
    const session = res.cookies.find((c) => c.name === 'kehui_session');
    const csrf = res.cookies.find((c) => c.name === 'kehui_csrf');
    expect(session).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax' });
    expect(session?.value.length).toBeGreaterThanOrEqual(32);
    expect(session?.expires?.getTime()).toBeGreaterThan(Date.now());
    expect(csrf).toMatchObject({ path: '/', sameSite: 'Lax' });
    expect(csrf?.httpOnly).toBeFalsy();
    expect(csrf?.value).toBe(body.csrfToken);
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(setCookie.find((c) => c.startsWith('kehui_session='))).toMatch(/HttpOnly/);
    expect(setCookie.find((c) => c.startsWith('kehui_session='))).toMatch(/SameSite=Lax/);
    expect(setCookie.find((c) => c.startsWith('kehui_csrf='))).not.toMatch(/HttpOnly/);
    expect((await auditOf(res)).map((r) => [r.action, r.actorUserId])).toEqual([['auth.signin', body.user.id]]);
  });

  it('signs in with a mobile number however it is formatted', async () => {
    const { input, user } = await signupOrg();
    const m = input.admin.mobile;
    const res = await send('POST', '/api/auth/signin', { body: { login: `+86 ${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`, password: input.admin.password } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ user: User }>().user.id).toBe(user.id);
  });

  it('refuses a wrong password and an unknown login alike with 401 invalid_credentials', async () => {
    const person = await signupPerson();
    const wrong = await send('POST', '/api/auth/signin', { body: { login: person.login, password: 'Wrong#2026' } });
    const p = expectProblem(wrong, 401, 'invalid_credentials');
    expect(wrong.cookies).toEqual([]);
    const unknown = await send('POST', '/api/auth/signin', { body: { login: uniqueEmail(), password: 'Wrong#2026' } });
    expect(expectProblem(unknown, 401, 'invalid_credentials').title).toBe(p.title);
    expect((await auditOf(wrong)).map((r) => r.action)).toEqual(['auth.signin_failed']);
  });

  it('locks a login for 15 minutes after 5 failures, refusing even the right password', async () => {
    const person = await signupPerson();
    for (let i = 1; i <= 4; i++) {
      const res = await send('POST', '/api/auth/signin', { body: { login: person.login, password: `Wrong#${i}abc` } });
      expectProblem(res, 401, 'invalid_credentials');
    }
    const fifth = await send('POST', '/api/auth/signin', { body: { login: person.login, password: 'Wrong#5abc' } });
    const p = expectProblem(fifth, 429, 'too_many_attempts');
    expect(p.detail).toMatch(/锁定/);
    expect(Number(fifth.headers['retry-after'])).toBe(15 * 60);
    expect((await auditOf(fifth)).map((r) => r.action)).toEqual(['auth.locked']);

    const right = await send('POST', '/api/auth/signin', { body: { login: person.login, password: person.password } });
    const locked = expectProblem(right, 429, 'too_many_attempts');
    expect(locked.detail).toMatch(CHINESE);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(right.cookies).toEqual([]);
    // The same login typed in another case is the same login.
    const upper = await send('POST', '/api/auth/signin', { body: { login: person.login.toUpperCase(), password: person.password } });
    expectProblem(upper, 429, 'too_many_attempts');
    // The existing session is not affected, nor are other logins.
    expect((await send('GET', '/api/auth/session', { as: person.session })).json<SessionOut>().user?.id).toBe(person.userId);
    await signIn(t, 'expert@kehui.example.cn');
  });

  it('refuses an empty login or password with field errors', async () => {
    const res = await send('POST', '/api/auth/signin', { body: { login: ' ', password: '' } });
    expectFieldError(res, 'login');
    expectFieldError(res, 'password');
  });
});

// ---------- sessions ----------

describe('GET /api/auth/session', () => {
  it('answers {user: null} without a session', async () => {
    const res = await send('GET', '/api/auth/session');
    expect(res.statusCode).toBe(200);
    expect(res.json<SessionOut>()).toMatchObject({ user: null, csrfToken: null, can: { reviewOrganizations: false } });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('shows a gov_admin its role with the region name and its capabilities', async () => {
    const s = (await send('GET', '/api/auth/session', { as: demo.govWuhan })).json<SessionOut>();
    expect(s.user?.roles).toEqual([{ role: 'gov_admin', regionCode: '420100', regionName: '武汉市' }]);
    expect(s.can).toEqual({ reviewOrganizations: true, manageUsers: true, viewAudit: true, manageOwnOrganization: false });
    expect(s.csrfToken).toBe(demo.govWuhan.csrfToken);
  });

  it('answers 401 session_expired on a protected route once the session has expired', async () => {
    const person = await signupPerson();
    await db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, person.userId));
    const res = await send('GET', '/api/organizations', { as: person.session });
    const p = expectProblem(res, 401, 'session_expired');
    expect(p.detail).toContain('过期');
    // The expired session is gone for good.
    expect(await db.select().from(sessions).where(eq(sessions.userId, person.userId))).toEqual([]);
    const after = await send('GET', '/api/auth/session', { as: person.session });
    expect(after.json<SessionOut>().user).toBeNull();
  });

  it('answers 401 unauthenticated on a protected route without a session, and for a forged cookie', async () => {
    expectProblem(await send('GET', '/api/organizations'), 401, 'unauthenticated');
    const forged = await send('GET', '/api/organizations', { headers: { cookie: 'kehui_session=forged-token; kehui_csrf=x' } });
    expectProblem(forged, 401, 'unauthenticated');
  });
});

describe('POST /api/auth/signout', () => {
  it('ends the session and clears the cookies', async () => {
    const person = await signupPerson();
    const res = await send('POST', '/api/auth/signout', { as: person.session });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    const cleared = res.cookies.filter((c) => c.name === 'kehui_session' || c.name === 'kehui_csrf');
    expect(cleared).toHaveLength(2);
    for (const c of cleared) expect(c.value).toBe('');
    expect(await db.select().from(sessions).where(eq(sessions.userId, person.userId))).toEqual([]);
    expect((await send('GET', '/api/auth/session', { as: person.session })).json<SessionOut>().user).toBeNull();
    expectProblem(await send('GET', '/api/auth/tokens', { as: person.session }), 401, 'unauthenticated');
    expect((await auditOf(res)).map((r) => [r.action, r.actorUserId])).toEqual([['auth.signout', person.userId]]);
  });

  it('refuses to sign out without the CSRF token', async () => {
    const person = await signupPerson();
    const res = await send('POST', '/api/auth/signout', { headers: { cookie: person.session.cookie } });
    expectProblem(res, 403, 'csrf_failed');
    expect((await send('GET', '/api/auth/session', { as: person.session })).json<SessionOut>().user?.id).toBe(person.userId);
  });
});

describe('POST /api/auth/password', () => {
  it('refuses a password change without the CSRF token and keeps the old password', async () => {
    const person = await signupPerson();
    const res = await send('POST', '/api/auth/password', {
      headers: { cookie: person.session.cookie },
      body: { currentPassword: person.password, newPassword: 'Changed#2026' },
    });
    expectProblem(res, 403, 'csrf_failed');
    await signIn(t, person.login, person.password);
  });
  it('changes the password, refuses the old one afterwards and ends the other sessions of the user', async () => {
    const person = await signupPerson();
    const other = await signIn(t, person.login, person.password);
    const res = await send('POST', '/api/auth/password', { as: person.session, body: { currentPassword: person.password, newPassword: 'Changed#2026' } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await auditOf(res)).map((r) => [r.action, r.entityId])).toEqual([['user.password_changed', person.userId]]);

    expectProblem(await send('POST', '/api/auth/signin', { body: { login: person.login, password: person.password } }), 401, 'invalid_credentials');
    await signIn(t, person.login, 'Changed#2026');
    // The session that changed it stays; the other one has ended.
    expect((await send('GET', '/api/auth/session', { as: person.session })).json<SessionOut>().user?.id).toBe(person.userId);
    expect((await send('GET', '/api/auth/session', { as: other })).json<SessionOut>().user).toBeNull();
    expectProblem(await send('GET', '/api/auth/tokens', { as: other }), 401, 'unauthenticated');
  });

  it('refuses a wrong current password on currentPassword and keeps the password', async () => {
    const person = await signupPerson();
    const res = await send('POST', '/api/auth/password', { as: person.session, body: { currentPassword: 'Wrong#2026', newPassword: 'Changed#2026' } });
    expectFieldError(res, 'currentPassword');
    await signIn(t, person.login, person.password);
  });

  it('applies the password policy to the new password', async () => {
    const person = await signupPerson();
    const res = await send('POST', '/api/auth/password', { as: person.session, body: { currentPassword: person.password, newPassword: '12345678' } });
    expectFieldError(res, 'newPassword');
  });

  it('requires a session', async () => {
    expectProblem(await send('POST', '/api/auth/password', { body: { currentPassword: 'a', newPassword: 'Changed#2026' } }), 401, 'unauthenticated');
  });

  it('refuses a password change made with an API token, even a write-scoped one', async () => {
    const person = await signupPerson();
    const created = await send('POST', '/api/auth/tokens', { as: person.session, body: { name: '写令牌', scopes: ['write'] } });
    const token = created.json<{ token: string }>().token;
    const res = await send('POST', '/api/auth/password', {
      headers: { authorization: `Bearer ${token}` },
      body: { currentPassword: person.password, newPassword: 'ViaToken#2026' },
    });
    expectProblem(res, 403, 'forbidden');
    await signIn(t, person.login, person.password);
  });
});

// ---------- API tokens ----------

describe('POST /api/auth/tokens, DELETE /api/auth/tokens/:id', () => {
  it('creates a token shown once, usable as a Bearer token without CSRF, stored only hashed', async () => {
    const { org, session, user } = await signupOrg();
    const res = await send('POST', '/api/auth/tokens', { as: session, body: { name: '数据同步', scopes: ['read', 'write'], expiresInDays: 30 } });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<TokenOut & { token: string }>();
    expect(created.token).toMatch(/^khk_[\w-]{20,}$/);
    expect(created.prefix).toBe(created.token.slice(0, 10));
    expect(created.scopes).toEqual(['read', 'write']);
    expect(new Date(created.expiresAt ?? 0).getTime()).toBeGreaterThan(Date.now() + 29 * 86400_000);
    expect((await auditOf(res)).map((r) => [r.action, r.entityId])).toEqual([['token.created', created.id]]);

    // Shown once: the list never carries it again.
    const list = await send('GET', '/api/auth/tokens', { as: session });
    const items = list.json<{ items: TokenOut[] }>().items;
    expect(items.map((i) => i.id)).toEqual([created.id]);
    expect(items[0]).not.toHaveProperty('token');
    expect(list.body).not.toContain(created.token);

    // Bearer: identifies the user; a change needs no CSRF token.
    const me = await send('GET', '/api/auth/session', { headers: bearer(created.token) });
    expect(me.json<SessionOut>().user?.id).toBe(user.id);
    const patch = await send('PATCH', `/api/organizations/${org.id}`, { headers: bearer(created.token), body: { address: '武汉市洪山区令牌路 8 号' } });
    expect(patch.statusCode, patch.body).toBe(200);
    expect((await orgRow(org.id))?.address).toBe('武汉市洪山区令牌路 8 号');
    expect((await auditOf(patch)).map((r) => [r.action, r.actorUserId])).toEqual([['organization.updated', user.id]]);

    // Stored hashed: the token string appears nowhere in the database rows.
    const rows = await db.select().from(apiTokens);
    expect(JSON.stringify(rows)).not.toContain(created.token);
    const mine = rows.find((r) => r.id === created.id);
    expect(mine?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(mine?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(await db.select().from(auditLog))).not.toContain(created.token);
  });

  it('refuses a change with a read-only token with 403 and changes nothing', async () => {
    const { org, session } = await signupOrg();
    const created = (await send('POST', '/api/auth/tokens', { as: session, body: { name: '只读', scopes: ['read'] } })).json<TokenOut & { token: string }>();
    expect(created.expiresAt).toBeNull();
    const read = await send('GET', `/api/organizations/${org.id}`, { headers: bearer(created.token) });
    expect(read.statusCode).toBe(200);
    const res = await send('PATCH', `/api/organizations/${org.id}`, { headers: bearer(created.token), body: { address: '不应写入' } });
    expectProblem(res, 403, 'forbidden');
    expect((await orgRow(org.id))?.address).toBe(org.address);
    expect(await auditOf(res)).toEqual([]);
  });

  it('refuses a token after it is revoked, and refuses to revoke another user\'s token', async () => {
    const { session } = await signupOrg();
    const created = (await send('POST', '/api/auth/tokens', { as: session, body: { name: '临时', scopes: ['read'] } })).json<TokenOut & { token: string }>();
    expect((await send('GET', '/api/auth/tokens', { headers: bearer(created.token) })).statusCode).toBe(200);

    const foreign = await send('DELETE', `/api/auth/tokens/${created.id}`, { as: demo.operator });
    expectProblem(foreign, 404, 'not_found');

    const res = await send('DELETE', `/api/auth/tokens/${created.id}`, { as: session });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TokenOut>().revokedAt).not.toBeNull();
    expect((await auditOf(res)).map((r) => r.action)).toEqual(['token.revoked']);
    expectProblem(await send('GET', '/api/auth/tokens', { headers: bearer(created.token) }), 401, 'unauthenticated');
    expectProblem(await send('DELETE', `/api/auth/tokens/${created.id}`, { as: session }), 404, 'not_found');
  });

  it('refuses an expired token and a malformed one with 401', async () => {
    const { session } = await signupOrg();
    const created = (await send('POST', '/api/auth/tokens', { as: session, body: { name: '过期', scopes: ['read'], expiresInDays: 1 } })).json<TokenOut & { token: string }>();
    await db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, created.id));
    expectProblem(await send('GET', '/api/auth/tokens', { headers: bearer(created.token) }), 401, 'unauthenticated');
    expectProblem(await send('GET', '/api/auth/tokens', { headers: bearer('khk_not-a-real-token') }), 401, 'unauthenticated');
  });

  it('creates tokens only from a browser session, not with another token', async () => {
    const { session } = await signupOrg();
    const created = (await send('POST', '/api/auth/tokens', { as: session, body: { name: '写', scopes: ['write'] } })).json<TokenOut & { token: string }>();
    const res = await send('POST', '/api/auth/tokens', { headers: bearer(created.token), body: { name: '套娃', scopes: ['read'] } });
    expectProblem(res, 403, 'forbidden');
  });

  it('validates the token request', async () => {
    const res = await send('POST', '/api/auth/tokens', { as: demo.broker, body: { name: '', scopes: ['admin'] } });
    expectFieldError(res, 'name');
    expectProblem(res, 400, 'validation_failed');
    expect(res.json<Problem>().errors?.some((e) => e.path.startsWith('scopes'))).toBe(true);
  });
});

// ---------- verification ----------

describe('POST /api/organizations/:id/verify', () => {
  it('offers verify and reject only to the reviewers of the organization\'s region', async () => {
    const wuhanQueue = await allItems<Org>('/api/organizations?status=pending', demo.govWuhan);
    expect(wuhanQueue.map((o) => o.id)).toContain(pending.wuhan);
    for (const o of wuhanQueue) {
      expect(o.regionCode.startsWith('4201')).toBe(true);
      expect(o.allowedActions).toEqual(expect.arrayContaining(['verify', 'reject']));
    }

    const opQueue = await allItems<Org>('/api/organizations?status=pending', demo.operator);
    expect(opQueue.map((o) => o.id)).toEqual(expect.arrayContaining([pending.wuhan, pending.yichang, pending.xiangyang]));
    for (const o of opQueue) expect(o.allowedActions).toEqual(expect.arrayContaining(['verify', 'reject']));

    // Verified organizations offer no decision, even to their reviewers.
    for (const o of await allItems<Org>('/api/organizations?status=verified', demo.govWuhan)) {
      expect(o.allowedActions).not.toContain('verify');
      expect(o.allowedActions).not.toContain('reject');
    }

    // An org_admin sees its own pending organization without the reviewer's actions.
    const { org, session } = await signupOrg();
    const own = (await send('GET', `/api/organizations/${org.id}`, { as: session })).json<Org>();
    expect(own.allowedActions).toEqual(['view', 'edit', 'addMember']);
    const univ = (await send('GET', `/api/organizations/${univOrgId}`, { as: demo.univMember })).json<Org>();
    expect(univ.allowedActions).toEqual(['view']);
  });

  it('lets the province gov_admin see and review pending organizations of every city of the province', async () => {
    for (const id of [pending.wuhan, pending.yichang, pending.xiangyang]) {
      const res = await send('GET', `/api/organizations/${id}`, { as: demo.govHubei });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Org>().allowedActions).toEqual(expect.arrayContaining(['verify', 'reject']));
    }
    const queue = await allItems<Org>('/api/organizations?status=pending', demo.govHubei);
    expect(queue.map((o) => o.id)).toEqual(expect.arrayContaining([pending.wuhan, pending.yichang, pending.xiangyang]));
  });

  it('hides another city\'s pending organization from a city gov_admin: 404 on read and on verify', async () => {
    expectProblem(await send('GET', `/api/organizations/${pending.yichang}`, { as: demo.govWuhan }), 404, 'not_found');
    const res = await send('POST', `/api/organizations/${pending.yichang}/verify`, { as: demo.govWuhan });
    expectProblem(res, 404, 'not_found');
    expect((await orgRow(pending.yichang))?.status).toBe('pending');
    expect(await auditOf(res)).toEqual([]);
    expectProblem(await send('POST', `/api/organizations/${pending.wuhan}/verify`, { as: demo.govYichang }), 404, 'not_found');
  });

  it('refuses verification by roles that are not reviewers', async () => {
    const { org, session } = await signupOrg();
    expectProblem(await send('POST', `/api/organizations/${org.id}/verify`, { as: session }), 403, 'forbidden');
    expectProblem(await send('POST', `/api/organizations/${org.id}/verify`, { as: demo.broker }), 403, 'forbidden');
    expect((await orgRow(org.id))?.status).toBe('pending');
  });

  it('lets the Wuhan gov_admin verify the Wuhan pending organization', async () => {
    const res = await send('POST', `/api/organizations/${pending.wuhan}/verify`, { as: demo.govWuhan });
    expect(res.statusCode, res.body).toBe(200);
    const org = res.json<Org>();
    expect(org).toMatchObject({ id: pending.wuhan, status: 'verified', rejectionReason: null });
    expect(org.decidedAt).not.toBeNull();
    expect(org.allowedActions).not.toContain('verify');
    const row = await orgRow(pending.wuhan);
    expect(row?.status).toBe('verified');
    expect(row?.decidedBy).toBe(demo.govWuhan.userId);
    const audit = await auditOf(res);
    expect(audit.map((r) => [r.action, r.entityId, r.actorUserId, r.regionCode])).toEqual([
      ['organization.verified', pending.wuhan, demo.govWuhan.userId, '420111'],
    ]);
    expect(audit[0]?.before).toEqual({ status: 'pending' });
  });

  it('lets the operator verify a pending organization anywhere, and refuses a second decision with 409 invalid_state', async () => {
    const res = await send('POST', `/api/organizations/${pending.xiangyang}/verify`, { as: demo.operator });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Org>().status).toBe('verified');

    const again = await send('POST', `/api/organizations/${pending.xiangyang}/verify`, { as: demo.operator });
    expectProblem(again, 409, 'invalid_state');
    expect(await auditOf(again)).toEqual([]);
    const reject = await send('POST', `/api/organizations/${pending.xiangyang}/reject`, { as: demo.operator, body: { reason: '资料不全' } });
    expectProblem(reject, 409, 'invalid_state');
    expect((await orgRow(pending.xiangyang))?.status).toBe('verified');
  });

  it('answers 404 for an organization that does not exist and 400 for a malformed id', async () => {
    expectProblem(await send('POST', '/api/organizations/00000000-0000-4000-8000-000000000000/verify', { as: demo.operator }), 404, 'not_found');
    expectFieldError(await send('POST', '/api/organizations/not-a-uuid/verify', { as: demo.operator }), 'params.id');
  });
});

describe('POST /api/organizations/:id/reject', () => {
  it('requires a reason', async () => {
    const { org } = await signupOrg();
    expectFieldError(await send('POST', `/api/organizations/${org.id}/reject`, { as: demo.govWuhan, body: {} }), 'reason');
    expectFieldError(await send('POST', `/api/organizations/${org.id}/reject`, { as: demo.govWuhan, body: { reason: '   ' } }), 'reason');
    expectProblem(await send('POST', `/api/organizations/${org.id}/reject`, { as: demo.govWuhan }), 400, 'validation_failed');
    expect((await orgRow(org.id))?.status).toBe('pending');
  });

  it('rejects with the reason stored and shown to the organization', async () => {
    const { org, session } = await signupOrg();
    const res = await send('POST', `/api/organizations/${org.id}/reject`, { as: demo.govWuhan, body: { reason: '  营业执照照片不清晰  ' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Org>()).toMatchObject({ status: 'rejected', rejectionReason: '营业执照照片不清晰' });
    expect((await orgRow(org.id))?.rejectionReason).toBe('营业执照照片不清晰');
    const seen = (await send('GET', `/api/organizations/${org.id}`, { as: session })).json<Org>();
    expect(seen).toMatchObject({ status: 'rejected', rejectionReason: '营业执照照片不清晰' });
    const audit = await auditOf(res);
    expect(audit.map((r) => [r.action, r.actorUserId])).toEqual([['organization.rejected', demo.govWuhan.userId]]);
    expect(audit[0]?.after).toEqual({ status: 'rejected', rejectionReason: '营业执照照片不清晰' });
  });
});

describe('PATCH /api/organizations/:id', () => {
  it('refuses a change without x-csrf-token with 403 csrf_failed and changes nothing', async () => {
    const { org, session } = await signupOrg();
    const res = await send('PATCH', `/api/organizations/${org.id}`, { headers: { cookie: session.cookie }, body: { address: '被篡改的地址' } });
    const p = expectProblem(res, 403, 'csrf_failed');
    expect(p.detail).toContain('CSRF');
    expect((await orgRow(org.id))?.address).toBe(org.address);
    expect(await auditOf(res)).toEqual([]);
  });

  it('refuses a change carrying the CSRF token of another session', async () => {
    const { org, session } = await signupOrg();
    const res = await send('PATCH', `/api/organizations/${org.id}`, {
      headers: { cookie: session.cookie, 'x-csrf-token': demo.operator.csrfToken },
      body: { address: '被篡改的地址' },
    });
    expectProblem(res, 403, 'csrf_failed');
    expect((await orgRow(org.id))?.address).toBe(org.address);
  });

  it('resubmits a rejected organization for verification when its org_admin edits it', async () => {
    const { org, session } = await signupOrg();
    await send('POST', `/api/organizations/${org.id}/reject`, { as: demo.govWuhan, body: { reason: '地址不详' } });
    expectProblem(await send('POST', `/api/organizations/${org.id}/verify`, { as: demo.govWuhan }), 409, 'invalid_state');

    const res = await send('PATCH', `/api/organizations/${org.id}`, { as: session, body: { address: '武汉市洪山区珞喻路 1 号 3 栋 201 室' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Org>()).toMatchObject({ status: 'pending', rejectionReason: null, decidedAt: null, address: '武汉市洪山区珞喻路 1 号 3 栋 201 室' });
    expect((await auditOf(res)).map((r) => [r.action, r.actorUserId])).toEqual([['organization.resubmitted', session.userId]]);

    // Back in the reviewer's queue, with the decision actions again.
    const reviewed = (await send('GET', `/api/organizations/${org.id}`, { as: demo.govWuhan })).json<Org>();
    expect(reviewed.allowedActions).toEqual(expect.arrayContaining(['verify', 'reject']));
    expect((await send('POST', `/api/organizations/${org.id}/verify`, { as: demo.govWuhan })).statusCode).toBe(200);
  });

  it('keeps a verified organization verified when its admin edits contact details', async () => {
    const res = await send('PATCH', `/api/organizations/${univOrgId}`, { as: demo.univAdmin, body: { contactName: '赵老师', contactPhone: '027-87654321' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Org>()).toMatchObject({ status: 'verified' });
    expect((await auditOf(res)).map((r) => r.action)).toEqual(['organization.updated']);
  });

  it('refuses edits by members, gov_admins, and admins of other organizations', async () => {
    expectProblem(await send('PATCH', `/api/organizations/${univOrgId}`, { as: demo.univMember, body: { address: 'x 路' } }), 403, 'forbidden');
    expectProblem(await send('PATCH', `/api/organizations/${univOrgId}`, { as: demo.govWuhan, body: { address: 'x 路' } }), 403, 'forbidden');
    expectProblem(await send('PATCH', `/api/organizations/${univOrgId}`, { as: demo.enterpriseAdmin, body: { address: 'x 路' } }), 404, 'not_found');
  });

  it('refuses fields that are not editable and an empty change', async () => {
    expectFieldError(await send('PATCH', `/api/organizations/${univOrgId}`, { as: demo.univAdmin, body: { status: 'verified' } }), 'status');
    expectFieldError(await send('PATCH', `/api/organizations/${univOrgId}`, { as: demo.univAdmin, body: { creditCode: makeCreditCode('420111') } }), 'creditCode');
    expectProblem(await send('PATCH', `/api/organizations/${univOrgId}`, { as: demo.univAdmin, body: {} }), 400, 'validation_failed');
  });
});

// ---------- region scoping ----------

describe('GET /api/organizations', () => {
  it('shows a Wuhan gov_admin only organizations of 4201xx, never of 4205xx', async () => {
    const items = await allItems<Org>('/api/organizations', demo.govWuhan);
    expect(items.length).toBeGreaterThan(5);
    for (const o of items) expect(o.regionCode.startsWith('4201'), `${o.name} ${o.regionCode}`).toBe(true);
    expect(items.some((o) => o.regionCode.startsWith('4205'))).toBe(false);
    // The operator sees the others, so the scoping above is meaningful.
    const all = await allItems<Org>('/api/organizations', demo.operator);
    expect(all.some((o) => o.regionCode.startsWith('4205'))).toBe(true);
    expect(all.length).toBeGreaterThan(items.length);
  });

  it('does not widen the scope through the regionCode filter', async () => {
    const res = await send('GET', '/api/organizations?regionCode=420500', { as: demo.govWuhan });
    expect(res.json<Page<Org>>()).toMatchObject({ items: [], total: 0 });
    const yichang = await allItems<Org>('/api/organizations?regionCode=420500', demo.govHubei);
    expect(yichang.length).toBeGreaterThan(0);
    for (const o of yichang) expect(o.regionCode.startsWith('4205')).toBe(true);
  });

  it('shows a Yichang gov_admin only 4205xx organizations', async () => {
    const items = await allItems<Org>('/api/organizations', demo.govYichang);
    expect(items.length).toBeGreaterThan(0);
    for (const o of items) expect(o.regionCode.startsWith('4205'), `${o.name} ${o.regionCode}`).toBe(true);
  });

  it('shows an org member only its own organization', async () => {
    const items = await allItems<Org>('/api/organizations', demo.univMember);
    expect(items.map((o) => o.id)).toEqual([univOrgId]);
  });

  it('pages with {items,total,page,pageSize} and refuses a page size over 100', async () => {
    const res = await send('GET', '/api/organizations?page=2&pageSize=5', { as: demo.operator });
    const body = res.json<Page<Org>>();
    expect(body).toMatchObject({ page: 2, pageSize: 5 });
    expect(body.items).toHaveLength(5);
    expect(body.total).toBeGreaterThan(10);
    expectFieldError(await send('GET', '/api/organizations?pageSize=101', { as: demo.operator }), 'query.pageSize');
    expectFieldError(await send('GET', '/api/organizations?colour=red', { as: demo.operator }), 'query.colour');
  });
});

describe('GET /api/users', () => {
  it('shows a Wuhan gov_admin only users of 4201xx organizations', async () => {
    const items = await allItems<User>('/api/users', demo.govWuhan);
    expect(items.length).toBeGreaterThan(3);
    for (const u of items) {
      expect(u.organization, u.name).not.toBeNull();
      expect(u.organization?.regionCode.startsWith('4201'), `${u.name} ${u.organization?.regionCode}`).toBe(true);
      expect(u.allowedActions).toEqual([]);
    }
    const emails = items.map((u) => u.email);
    expect(emails).toContain('univ.admin@kehui.example.cn');
    expect(emails).not.toContain('gov.yichang@kehui.example.cn');
    expect(emails).not.toContain('expert@kehui.example.cn');
    expect(items.some((u) => u.organization?.regionCode.startsWith('4205'))).toBe(false);
    expect(JSON.stringify(items)).not.toMatch(/passwordHash|argon2/);
  });

  it('shows a Yichang gov_admin no Wuhan users', async () => {
    const items = await allItems<User>('/api/users', demo.govYichang);
    expect(items.map((u) => u.email)).toContain('gov.yichang@kehui.example.cn');
    for (const u of items) expect(u.organization?.regionCode.startsWith('4205')).toBe(true);
  });

  it('refuses an org member with 403', async () => {
    expectProblem(await send('GET', '/api/users', { as: demo.univMember }), 403, 'forbidden');
    expectProblem(await send('GET', '/api/users', { as: demo.broker }), 403, 'forbidden');
  });

  it('shows an org_admin only the users of its own organization, whatever the filter', async () => {
    const items = await allItems<User>('/api/users', demo.univAdmin);
    expect(items.map((u) => u.email).sort()).toEqual(['univ.admin@kehui.example.cn', 'univ.member@kehui.example.cn']);
    for (const u of items) expect(u.organization?.id).toBe(univOrgId);
    const enterpriseOrg = await orgIdByName('武汉光谷星辰激光科技有限公司');
    const other = await send('GET', `/api/users?organizationId=${enterpriseOrg}`, { as: demo.univAdmin });
    expect(other.json<Page<User>>()).toMatchObject({ items: [], total: 0 });
  });

  it('shows the operator every user, with the administration actions', async () => {
    const items = await allItems<User>('/api/users', demo.operator);
    expect(items.map((u) => u.email)).toEqual(expect.arrayContaining(['expert@kehui.example.cn', 'gov.yichang@kehui.example.cn']));
    for (const u of items) expect(u.allowedActions).toEqual(['setRoles', 'setStatus']);
  });
});

describe('POST /api/organizations/:id/members', () => {
  it('lets an org_admin add a member to its own organization', async () => {
    const { org, session } = await signupOrg();
    const login = uniqueEmail();
    const res = await send('POST', `/api/organizations/${org.id}/members`, { as: session, body: { name: '新成员', email: login, password: NEW_PASSWORD } });
    expect(res.statusCode, res.body).toBe(201);
    const member = res.json<User>();
    expect(member.roles.map((r) => r.role)).toEqual(['org_member']);
    expect(member.organization?.id).toBe(org.id);
    expect((await auditOf(res)).map((r) => [r.action, r.entityId])).toEqual([['user.member_added', member.id]]);
    const s = await signIn(t, login, NEW_PASSWORD);
    expectProblem(await send('GET', '/api/users', { as: s }), 403, 'forbidden');
  });

  it('refuses to add members to another organization, and a taken email', async () => {
    const res = await send('POST', `/api/organizations/${univOrgId}/members`, { as: demo.enterpriseAdmin, body: { name: '越权', email: uniqueEmail(), password: NEW_PASSWORD } });
    expectProblem(res, 404, 'not_found');
    const dup = await send('POST', `/api/organizations/${univOrgId}/members`, { as: demo.univAdmin, body: { name: '重复', email: 'broker@kehui.example.cn', password: NEW_PASSWORD } });
    expectFieldError(dup, 'email', 409, 'duplicate');
  });
});

// ---------- roles and status ----------

describe('PUT /api/users/:id/roles', () => {
  it('lets the operator make a user gov_admin of a region, which scopes what the user sees', async () => {
    const person = await signupPerson();
    const res = await send('PUT', `/api/users/${person.userId}/roles`, { as: demo.operator, body: { roles: [{ role: 'gov_admin', regionCode: '420500' }] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<User>().roles).toEqual([{ role: 'gov_admin', regionCode: '420500', regionName: '宜昌市' }]);
    const audit = await auditOf(res);
    expect(audit.map((r) => [r.action, r.entityId, r.actorUserId])).toEqual([['user.roles_changed', person.userId, demo.operator.userId]]);
    expect(audit[0]?.after).toEqual([{ role: 'gov_admin', regionCode: '420500', regionName: '宜昌市' }]);

    // Takes effect on the user's existing session.
    const s = (await send('GET', '/api/auth/session', { as: person.session })).json<SessionOut>();
    expect(s.can.reviewOrganizations).toBe(true);
    const items = await allItems<Org>('/api/organizations', person.session);
    expect(items.length).toBeGreaterThan(0);
    for (const o of items) expect(o.regionCode.startsWith('4205')).toBe(true);
  });

  it('refuses gov_admin without a region code, and an unknown region', async () => {
    const person = await signupPerson();
    const res = await send('PUT', `/api/users/${person.userId}/roles`, { as: demo.operator, body: { roles: [{ role: 'gov_admin' }] } });
    expectFieldError(res, 'roles.0.regionCode');
    const unknown = await send('PUT', `/api/users/${person.userId}/roles`, { as: demo.operator, body: { roles: [{ role: 'gov_admin', regionCode: '420199' }] } });
    expectFieldError(unknown, 'roles.0.regionCode');
    expectFieldError(await send('PUT', `/api/users/${person.userId}/roles`, { as: demo.operator, body: { roles: [{ role: 'king' }] } }), 'roles.0.role');
    expectFieldError(await send('PUT', `/api/users/${person.userId}/roles`, { as: demo.operator, body: { roles: [{ role: 'org_admin' }] } }), 'roles.0.role');
    expect(await auditOf(res)).toEqual([]);
    expect((await send('GET', '/api/auth/session', { as: person.session })).json<SessionOut>().user?.roles).toEqual([]);
  });

  it('refuses anyone but the operator with 403', async () => {
    const person = await signupPerson();
    for (const as of [demo.govHubei, demo.univAdmin, person.session]) {
      const res = await send('PUT', `/api/users/${person.userId}/roles`, { as, body: { roles: [{ role: 'operator' }] } });
      expectProblem(res, 403, 'forbidden');
    }
    expect((await send('GET', '/api/auth/session', { as: person.session })).json<SessionOut>().user?.roles).toEqual([]);
  });
});

describe('POST /api/users/:id/status', () => {
  it('lets the operator disable an account, which ends its sessions and refuses its sign-in, and enable it again', async () => {
    const person = await signupPerson();
    const res = await send('POST', `/api/users/${person.userId}/status`, { as: demo.operator, body: { status: 'disabled' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<User>().status).toBe('disabled');
    expect((await auditOf(res)).map((r) => r.action)).toEqual(['user.disabled']);
    expect((await send('GET', '/api/auth/session', { as: person.session })).json<SessionOut>().user).toBeNull();
    // The right password on a disabled account is told "停用", never counted as a guess.
    for (let i = 0; i < 6; i++) {
      const refused = expectProblem(await send('POST', '/api/auth/signin', { body: { login: person.login, password: person.password } }), 403, 'forbidden');
      expect(refused.detail).toContain('停用');
    }

    const enable = await send('POST', `/api/users/${person.userId}/status`, { as: demo.operator, body: { status: 'active' } });
    expect(enable.statusCode).toBe(200);
    await signIn(t, person.login, person.password);
  });

  it('refuses the operator disabling itself, and anyone else', async () => {
    expectProblem(await send('POST', `/api/users/${demo.operator.userId}/status`, { as: demo.operator, body: { status: 'disabled' } }), 409, 'invalid_state');
    expectProblem(await send('POST', `/api/users/${demo.univMember.userId}/status`, { as: demo.govWuhan, body: { status: 'disabled' } }), 403, 'forbidden');
  });
});

// ---------- audit ----------

describe('GET /api/audit', () => {
  it('records a verification with its actor and the request id of the response', async () => {
    const { org } = await signupOrg();
    const res = await send('POST', `/api/organizations/${org.id}/verify`, { as: demo.operator, headers: { 'x-request-id': 'req-verify-0001' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-request-id']).toBe('req-verify-0001');
    const list = await send('GET', `/api/audit?action=organization.verified&entityId=${org.id}`, { as: demo.operator });
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json<Page<AuditItem>>().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      action: 'organization.verified',
      entityType: 'organization',
      entityId: org.id,
      actorUserId: demo.operator.userId,
      regionCode: '420111',
      requestId: 'req-verify-0001',
      after: { status: 'verified', rejectionReason: null },
    });
  });

  it('is refused by the database on UPDATE, DELETE and TRUNCATE', async () => {
    const [row] = await db.select().from(auditLog).orderBy(auditLog.id).limit(1);
    if (!row) throw new Error('no audit rows');
    const refused = async (statement: Promise<unknown>) => {
      const err = await statement.then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, 'the statement should have been refused').not.toBeNull();
      const e = err as { message?: string; cause?: { message?: string } };
      expect(`${e.message} ${e.cause?.message ?? ''}`).toMatch(/append-only/);
    };
    await refused(db.execute(sql`update audit_log set action = 'tampered' where id = ${row.id}`));
    await refused(db.execute(sql`delete from audit_log where id = ${row.id}`));
    await refused(db.execute(sql`truncate audit_log`));
    const [again] = await db.select().from(auditLog).where(eq(auditLog.id, row.id));
    expect(again).toEqual(row);
  });

  it('shows a Yichang gov_admin no Wuhan rows', async () => {
    const mine = await allItems<AuditItem>('/api/audit', demo.govYichang);
    expect(mine.length).toBeGreaterThan(0);
    for (const r of mine) expect(r.regionCode?.startsWith('4205'), `${r.action} ${r.regionCode}`).toBe(true);
    const all = await allItems<AuditItem>('/api/audit', demo.operator);
    expect(all.some((r) => r.regionCode?.startsWith('4201'))).toBe(true);
    expect(all.length).toBeGreaterThan(mine.length);
  });

  it('shows a Wuhan gov_admin its own verification but not the operator\'s Xiangyang one', async () => {
    const rows = await allItems<AuditItem>('/api/audit?action=organization.verified', demo.govWuhan);
    expect(rows.map((r) => r.entityId)).toContain(pending.wuhan);
    expect(rows.map((r) => r.entityId)).not.toContain(pending.xiangyang);
  });

  it('filters by actor and time window (actorUserId, from, until) and names the actor', async () => {
    const from = new Date(Date.now() - 3600_000).toISOString();
    const until = new Date(Date.now() + 3600_000).toISOString();
    const res = await send('GET', `/api/audit?actorUserId=${demo.govWuhan.userId}&from=${from}&until=${until}`, { as: demo.operator });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<Page<AuditItem & { actorName: string | null }>>().items;
    expect(items.length).toBeGreaterThan(0);
    for (const r of items) {
      expect(r.actorUserId).toBe(demo.govWuhan.userId);
      expect(r.actorName).toBe('武汉市科技局管理员');
    }
    const csv = await send('GET', `/api/audit/export.csv?actorUserId=${demo.govWuhan.userId}&until=${until}`, { as: demo.operator });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('武汉市科技局管理员');
    const past = await send('GET', `/api/audit?until=${new Date(Date.now() - 86400_000).toISOString()}`, { as: demo.operator });
    expect(past.json<Page<AuditItem>>().total).toBe(0);
    const future = await send('GET', `/api/audit?from=${until}`, { as: demo.operator });
    expect(future.json<Page<AuditItem>>().total).toBe(0);
    expectFieldError(await send('GET', '/api/audit?until=not-a-date', { as: demo.operator }), 'query.until');
  });

  it('refuses org admins and members with 403', async () => {
    expectProblem(await send('GET', '/api/audit', { as: demo.univAdmin }), 403, 'forbidden');
    expectProblem(await send('GET', '/api/audit', { as: demo.broker }), 403, 'forbidden');
  });

  it('never holds a password hash, a password, a token or a full mobile number', async () => {
    const rows = await db.select().from(auditLog);
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/passwordHash|password_hash|\$argon2/);
    expect(text).not.toContain(NEW_PASSWORD);
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text).not.toMatch(/khk_[\w-]{20,}/);
    const people = await db.select({ mobile: users.mobile, passwordHash: users.passwordHash }).from(users);
    const mobiles = people.map((p) => p.mobile).filter((m): m is string => Boolean(m));
    expect(mobiles.length).toBeGreaterThan(3);
    for (const m of mobiles) expect(text).not.toContain(m);
    for (const p of people) expect(text).not.toContain(p.passwordHash);
    // Contact data is there, masked.
    expect(text).toMatch(/1\d\d\*\*\*\*\d\d/);
  });
});

describe('GET /api/audit/export.csv', () => {
  function parseCsv(body: string): string[][] {
    return body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter((line) => line.length > 0)
      .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] ?? '').replace(/""/g, '"')));
  }

  it('exports text/csv in UTF-8 with a BOM and a header row', async () => {
    const res = await send('GET', '/api/audit/export.csv?action=organization.', { as: demo.operator });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(res.body);
    expect(rows[0]).toEqual(['时间(UTC)', '操作人ID', '操作人', '操作人机构', '操作', '对象类型', '对象ID', '地区', '变更前', '变更后', '请求编号', 'IP']);
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows.slice(1)) {
      expect(r).toHaveLength(12);
      expect(r[4]?.startsWith('organization.')).toBe(true);
    }
    expect(rows.some((r) => r[10] === 'req-verify-0001')).toBe(true);
  });

  it('exports only the region of a gov_admin', async () => {
    const res = await send('GET', '/api/audit/export.csv', { as: demo.govYichang });
    expect(res.statusCode).toBe(200);
    const rows = parseCsv(res.body).slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r[7]?.startsWith('4205'), r.join(',')).toBe(true);
  });

  it('refuses others with a problem+json, not a CSV', async () => {
    expectProblem(await send('GET', '/api/audit/export.csv', { as: demo.univAdmin }), 403, 'forbidden');
    expectProblem(await send('GET', '/api/audit/export.csv'), 401, 'unauthenticated');
  });
});

// ---------- conventions ----------

describe('All endpoints: problem+json errors and x-request-id', () => {
  it('answers an unknown /api route with a 404 problem+json', async () => {
    const res = await send('GET', '/api/no-such-thing');
    const p = expectProblem(res, 404, 'not_found');
    expect(p.instance).toBe('/api/no-such-thing');
    expect(p.type).toMatch(/not_found$/);
  });

  it('puts x-request-id on successful responses too, echoing a well-formed one and replacing a malformed one', async () => {
    const ok = await send('GET', '/api/health');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['x-request-id']).toMatch(/^[\w-]{8,64}$/);
    const echoed = await send('GET', '/api/health', { headers: { 'x-request-id': 'client-abc-123' } });
    expect(echoed.headers['x-request-id']).toBe('client-abc-123');
    const replaced = await send('GET', '/api/health', { headers: { 'x-request-id': 'bad id; drop table' } });
    expect(replaced.headers['x-request-id']).not.toBe('bad id; drop table');
  });

  it('answers a URL that cannot be decoded with a 400 problem+json carrying x-request-id', async () => {
    const res = await raw({ method: 'GET', url: '/api/organizations/%zz', headers: { 'x-request-id': 'bad-url-0001' } });
    expectProblem(res, 400, 'bad_request');
    expect(res.headers['x-request-id']).toBe('bad-url-0001');
  });

  it('explains a body of the wrong shape in a plain sentence', async () => {
    const res = await send('POST', '/api/auth/signin', { body: '"登录"', headers: { 'content-type': 'application/json' } });
    const p = expectProblem(res, 400, 'validation_failed');
    expect(p.detail).not.toMatch(/^[：:]/);
  });

  it('answers 401 for a bearer token that is not valid, even on an otherwise public route', async () => {
    expectProblem(await send('GET', '/api/auth/session', { headers: bearer('nonsense') }), 401, 'unauthenticated');
  });

  it('answers 401 before validating the body of a protected route', async () => {
    expectProblem(await send('PUT', `/api/users/${demo.broker.userId}/roles`, { body: { nonsense: true } }), 401, 'unauthenticated');
  });
});
