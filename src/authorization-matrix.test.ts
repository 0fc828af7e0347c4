import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations, users } from './modules/accounts/index.js';
import { buildAchievementInput } from './modules/achievements/achievements.fixtures.js';
import { buildSignupOrganization } from './test-support/fixtures.js';
import { call, createTestApp, DEMO_PASSWORD, type Session, sessionFrom, signIn, type TestApp } from './test-support/test-app.js';

/**
 * Every endpoint × every role × a target inside / outside the caller's region → allow or deny.
 * The list of endpoints comes from the app's own route table: an endpoint without an entry
 * below fails this test, so a new endpoint cannot be forgotten.
 *
 * "allow" = the request passed authorization (any status but 401/403/404; a 409 for a state
 * conflict or a 400 for a deliberately wrong current password still counts as allowed).
 * "deny" = 403, or 404 where the record is hidden from the caller. Anonymous denial = 401.
 */
const ACTORS = {
  operator: 'operator@kehui.example.cn',
  gov_province: 'gov.hubei@kehui.example.cn',
  gov_wuhan: 'gov.wuhan@kehui.example.cn',
  gov_yichang: 'gov.yichang@kehui.example.cn',
  univ_admin: 'univ.admin@kehui.example.cn',
  univ_member: 'univ.member@kehui.example.cn',
  enterprise_admin: 'enterprise.admin@kehui.example.cn',
  broker: 'broker@kehui.example.cn',
  lawyer: 'lawyer@kehui.example.cn',
  expert: 'expert@kehui.example.cn',
} as const;
type ActorKey = keyof typeof ACTORS | 'anonymous';
type Target = 'in' | 'out';
type Allowed = 'everyone' | 'signed_in' | ActorKey[];

interface Case {
  allowed: { in: Allowed; out?: Allowed };
  params?: (actor: ActorKey, target: Target) => Promise<Record<string, string>>;
  body?: (actor: ActorKey, target: Target) => unknown;
  /** Sign in anew for this call (sign-out ends the session). */
  freshSession?: boolean;
  query?: string;
}

let t: TestApp;
const sessions = new Map<ActorKey, Session>();

/** Uploads a small PDF as the owner and returns the attachment id. */
async function attach(as: Session | null, achievementId: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/achievements/${achievementId}/attachments?fileName=a.pdf`,
    headers: { 'content-type': 'application/pdf', ...(as ? { cookie: as.cookie, 'x-csrf-token': as.csrfToken } : {}) },
    payload: Buffer.from(`%PDF-1.4\n${randomUUID()}\n%%EOF\n`),
  });
  if (res.statusCode !== 201) throw new Error(`attach failed: ${res.body}`);
  return res.json<{ id: string }>().id;
}
const ids = {
  orgIn: '', orgOut: '', pendingIn: '', pendingOut: '', userIn: '', userOut: '',
  achIn: '', achOut: '', ndaIn: '', ndaOut: '', requestIn: '', requestOut: '', attachmentIn: '', attachmentOut: '', jobIn: '', jobOut: '',
};

async function orgId(name: string) {
  const r = await t.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name));
  const id = r[0]?.id;
  if (!id) throw new Error(`no demo organization ${name}`);
  return id;
}
async function userId(email: string) {
  const r = await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const id = r[0]?.id;
  if (!id) throw new Error(`no demo user ${email}`);
  return id;
}

let serial = 0;
const unique = () => `${Date.now() % 100_000_000}`.padStart(8, '0').slice(0, 6) + String(serial++ % 100).padStart(2, '0');

const REVIEW: Case['allowed'] = { in: ['operator', 'gov_province', 'gov_wuhan'], out: ['operator', 'gov_province', 'gov_yichang'] };
const orgParam = (kind: 'org' | 'pending') => async (_a: ActorKey, target: Target) => ({
  id: kind === 'org' ? (target === 'in' ? ids.orgIn : ids.orgOut) : target === 'in' ? ids.pendingIn : ids.pendingOut,
});
const userParam = async (_a: ActorKey, target: Target) => ({ id: target === 'in' ? ids.userIn : ids.userOut });
// Achievements: a confirmed record of 江城理工大学 (武汉) and one of a 宜昌 university.
const achParam = async (_a: ActorKey, target: Target) => ({ id: target === 'in' ? ids.achIn : ids.achOut });
const MEMBERS: ActorKey[] = ['univ_admin', 'univ_member', 'enterprise_admin', 'broker', 'lawyer'];
const ACH_VISIBLE: Case['allowed'] = {
  in: ['operator', 'gov_province', 'gov_wuhan', 'univ_admin', 'univ_member'],
  out: ['operator', 'gov_province', 'gov_yichang'],
};
const ACH_REVIEW: Case['allowed'] = REVIEW;
const ACH_OWNERS: Case['allowed'] = { in: ['univ_admin', 'univ_member'], out: [] };

const CASES: Record<string, Case> = {
  'GET /api/openapi.json': { allowed: { in: 'everyone' } },
  'GET /api/health': { allowed: { in: 'everyone' } },
  'GET /api/ready': { allowed: { in: 'everyone' } },
  'GET /api/regions': { allowed: { in: 'everyone' } },
  'GET /api/regions/:code': { allowed: { in: 'everyone' }, params: async () => ({ code: '420100' }) },
  'GET /api/public/stats': { allowed: { in: 'everyone' } },
  'GET /api/auth/session': { allowed: { in: 'everyone' } },
  'POST /api/auth/signup': {
    allowed: { in: 'everyone' },
    body: () => ({ name: '矩阵测试', mobile: `137${unique()}`, password: 'Matrix#2026' }),
  },
  'POST /api/auth/signup-organization': {
    allowed: { in: 'everyone' },
    body: () => buildSignupOrganization({ admin: { mobile: `136${unique()}` } }),
  },
  'POST /api/auth/signin': { allowed: { in: 'everyone' }, body: () => ({ login: ACTORS.expert, password: DEMO_PASSWORD }) },
  'POST /api/auth/signout': { allowed: { in: 'signed_in' }, freshSession: true },
  // A wrong current password: passes authorization, then 400; nothing changes.
  'POST /api/auth/password': { allowed: { in: 'signed_in' }, body: () => ({ currentPassword: 'not-the-password', newPassword: 'Another#2026' }) },
  'GET /api/auth/tokens': { allowed: { in: 'signed_in' } },
  'POST /api/auth/tokens': { allowed: { in: 'signed_in' }, body: () => ({ name: '矩阵令牌', scopes: ['read'] }) },
  'DELETE /api/auth/tokens/:id': {
    // in: the caller's own token; out: the operator's token.
    allowed: { in: 'signed_in', out: ['operator'] },
    params: async (actor, target) => {
      const owner = target === 'in' ? actor : 'operator';
      const s = sessions.get(owner);
      if (!s) return { id: randomUUID() };
      const r = await call(t, 'POST', '/api/auth/tokens', { as: s, body: { name: 'to-revoke', scopes: ['read'] } });
      return { id: (r.json() as { id: string }).id };
    },
  },
  'GET /api/organizations': { allowed: { in: 'signed_in' } },
  'GET /api/organizations/:id': {
    allowed: { in: ['operator', 'gov_province', 'gov_wuhan', 'univ_admin', 'univ_member'], out: ['operator', 'gov_province', 'gov_yichang'] },
    params: orgParam('org'),
  },
  'PATCH /api/organizations/:id': {
    allowed: { in: ['operator', 'univ_admin'], out: ['operator'] },
    params: orgParam('org'),
    body: () => ({ address: '武汉市洪山区矩阵路 1 号' }),
  },
  'POST /api/organizations/:id/verify': { allowed: REVIEW, params: orgParam('pending') },
  'POST /api/organizations/:id/reject': { allowed: REVIEW, params: orgParam('pending'), body: () => ({ reason: '材料不全' }) },
  'POST /api/organizations/:id/members': {
    allowed: { in: ['operator', 'univ_admin'], out: ['operator'] },
    params: orgParam('org'),
    body: () => ({ name: '新成员', mobile: `135${unique()}`, password: 'Member#2026' }),
  },
  'GET /api/users': { allowed: { in: ['operator', 'gov_province', 'gov_wuhan', 'gov_yichang', 'univ_admin', 'enterprise_admin'] } },
  'PUT /api/users/:id/roles': {
    allowed: { in: ['operator'] },
    params: userParam,
    body: (_a, target) => ({ roles: target === 'in' ? [{ role: 'org_member' }] : [{ role: 'gov_admin', regionCode: '420500' }] }),
  },
  'POST /api/users/:id/status': { allowed: { in: ['operator'] }, params: userParam, body: () => ({ status: 'active' }) },
  'GET /api/audit': { allowed: { in: ['operator', 'gov_province', 'gov_wuhan', 'gov_yichang'] } },
  'GET /api/audit/export.csv': { allowed: { in: ['operator', 'gov_province', 'gov_wuhan', 'gov_yichang'] } },

  'GET /api/collection/:kind/template.xlsx': { allowed: { in: 'everyone' }, params: async () => ({ kind: 'achievement' }) },
  'POST /api/collection/:kind/imports': {
    allowed: { in: ['operator', ...MEMBERS] },
    params: async () => ({ kind: 'achievement' }),
    query: '?mode=valid_only&asDraft=true&fileName=matrix.json',
    body: () => [{ 成果名称: '矩阵导入测试' }],
  },
  'GET /api/collection/imports': { allowed: { in: ['operator', ...MEMBERS] } },
  'GET /api/collection/imports/:id': {
    allowed: { in: ['operator', 'univ_admin', 'univ_member'], out: ['operator'] },
    params: async (_a, target) => ({ id: target === 'in' ? ids.jobIn : ids.jobOut }),
  },
  'GET /api/collection/imports/:id/errors.xlsx': {
    allowed: { in: ['operator', 'univ_admin', 'univ_member'], out: ['operator'] },
    params: async (_a, target) => ({ id: target === 'in' ? ids.jobIn : ids.jobOut }),
  },
  'GET /api/notifications': { allowed: { in: 'signed_in' } },
  'POST /api/notifications/read': { allowed: { in: 'signed_in' }, body: () => ({}) },
  'GET /api/search': { allowed: { in: 'everyone' } },
  'GET /api/search/suggest': { allowed: { in: 'everyone' } },
  'GET /api/search/hot': { allowed: { in: 'everyone' } },
  // A confirmed (unpublished) record is not in the index: 404 for everyone, published ones are public.
  'GET /api/search/similar/:id': { allowed: { in: [], out: [] }, params: achParam },
  'GET /api/search/dictionary': { allowed: { in: ['operator'] } },
  'PUT /api/search/dictionary': { allowed: { in: ['operator'] }, body: () => ({ terms: [], synonyms: [] }) },
  'GET /api/achievements': { allowed: { in: 'everyone' } },
  'GET /api/achievements/export.xlsx': { allowed: { in: 'everyone' } },
  'GET /api/achievements/export.csv': { allowed: { in: 'everyone' } },
  'GET /api/achievements/mine': { allowed: { in: MEMBERS } },
  'GET /api/achievements/review-queue': { allowed: { in: ['operator', 'gov_province', 'gov_wuhan', 'gov_yichang'] } },
  'GET /api/achievements/project-library': { allowed: { in: 'everyone' } },
  'GET /api/achievements/selections': { allowed: { in: 'everyone' } },
  'POST /api/achievements': { allowed: { in: MEMBERS }, body: () => buildAchievementInput() },
  'GET /api/achievements/:id': { allowed: ACH_VISIBLE, params: achParam },
  'PATCH /api/achievements/:id': { allowed: ACH_OWNERS, params: achParam, body: () => ({ indicators: '矩阵测试' }) },
  'POST /api/achievements/:id/submit': { allowed: ACH_OWNERS, params: achParam },
  'POST /api/achievements/:id/confirm': { allowed: { in: ['univ_admin'], out: [] }, params: achParam },
  'POST /api/achievements/:id/reconfirm': { allowed: ACH_OWNERS, params: achParam },
  'GET /api/achievements/:id/versions': { allowed: ACH_VISIBLE, params: achParam },
  'GET /api/achievements/:id/near-duplicates': { allowed: ACH_VISIBLE, params: achParam },
  'POST /api/achievements/:id/access-requests': { allowed: ACH_VISIBLE, params: achParam, body: () => ({ message: '矩阵', ndaAccepted: true }) },
  'GET /api/achievements/:id/access-requests': { allowed: ACH_OWNERS, params: achParam },
  // The body is not a supported file, so allowed callers get 400 (after every permission check).
  'POST /api/achievements/:id/attachments': { allowed: ACH_OWNERS, params: achParam, query: '?fileName=x.pdf', body: () => ({ not: 'a file' }) },
  'GET /api/achievements/:id/attachments/:attachmentId': {
    allowed: ACH_VISIBLE,
    params: async (_a, target) => (target === 'in' ? { id: ids.achIn, attachmentId: ids.attachmentIn } : { id: ids.achOut, attachmentId: ids.attachmentOut }),
  },
  'DELETE /api/achievements/:id/attachments/:attachmentId': {
    allowed: ACH_OWNERS,
    // Owners delete a fresh attachment each time; everyone else aims at the record's existing one.
    params: async (actor, target) => {
      const id = target === 'in' ? ids.achIn : ids.achOut;
      const isOwner = target === 'in' && (actor === 'univ_admin' || actor === 'univ_member');
      return { id, attachmentId: isOwner ? await attach(sessions.get('univ_admin') ?? null, id) : target === 'in' ? ids.attachmentIn : ids.attachmentOut };
    },
  },
  'POST /api/achievements/:id/access-requests/:requestId/:decision': {
    // Published NDA records with a pending request each; the owners of the 宜昌 one are not in the matrix.
    allowed: ACH_OWNERS,
    params: async (_a, target) =>
      target === 'in'
        ? { id: ids.ndaIn, requestId: ids.requestIn, decision: 'grant' }
        : { id: ids.ndaOut, requestId: ids.requestOut, decision: 'grant' },
  },
  // State-changing reviews after every read of the records in their confirmed state.
  'POST /api/achievements/:id/publish': { allowed: ACH_REVIEW, params: achParam },
  'POST /api/achievements/:id/return': { allowed: ACH_REVIEW, params: achParam, body: () => ({ reasons: [{ field: 'title', message: '矩阵' }] }) },
  'POST /api/achievements/:id/revision/approve': { allowed: ACH_REVIEW, params: achParam },
  'POST /api/achievements/:id/revision/return': { allowed: ACH_REVIEW, params: achParam, body: () => ({ reasons: [{ field: 'title', message: '矩阵' }] }) },
  'POST /api/achievements/:id/selection': { allowed: { in: ['operator'] }, params: achParam, body: () => ({ year: 2026 }) },
  // Last: archiving ends the records' life, so every other check runs before it.
  'POST /api/achievements/:id/archive': { allowed: { in: ['operator', 'univ_admin'], out: ['operator'] }, params: achParam },
};

function expected(allowed: Allowed, actor: ActorKey): 'allow' | 'deny' | 'unauthenticated' {
  if (allowed === 'everyone') return 'allow';
  if (actor === 'anonymous') return 'unauthenticated';
  if (allowed === 'signed_in') return 'allow';
  return allowed.includes(actor) ? 'allow' : 'deny';
}

function outcome(status: number): 'allow' | 'deny' | 'unauthenticated' {
  if (status === 401) return 'unauthenticated';
  if (status === 403 || status === 404) return 'deny';
  return 'allow';
}

beforeAll(async () => {
  t = await createTestApp();
  for (const [key, login] of Object.entries(ACTORS)) sessions.set(key as ActorKey, await signIn(t, login));
  ids.orgIn = await orgId('江城理工大学'); // 420111, Wuhan; univ_admin's own organization
  ids.orgOut = await orgId('宜昌三峡新能源电池有限公司'); // 420506, Yichang
  ids.pendingIn = await orgId('武汉微纳传感技术有限公司'); // 420111, pending
  ids.pendingOut = await orgId('宜昌绿电储能科技有限公司'); // 420506, pending
  ids.userIn = await userId('univ.member@kehui.example.cn');
  ids.userOut = await userId('gov.yichang@kehui.example.cn');

  // Achievements of a 武汉 and a 宜昌 university.
  const signup = await call(t, 'POST', '/api/auth/signup-organization', {
    body: buildSignupOrganization({ organization: { regionCode: '420502', type: 'university' }, admin: { mobile: `138${unique()}` } }),
  });
  const yichang = sessionFrom(signup);
  await call(t, 'POST', `/api/organizations/${signup.json<{ organization: { id: string } }>().organization.id}/verify`, { as: sessions.get('operator') ?? null });
  const univ = sessions.get('univ_admin') ?? null;
  const operator = sessions.get('operator') ?? null;
  const enterprise = sessions.get('enterprise_admin') ?? null;
  async function confirmed(as: Session | null, overrides: Record<string, unknown> = {}) {
    const a = await call(t, 'POST', '/api/achievements', { as, body: buildAchievementInput(overrides) });
    const id = a.json<{ id: string }>().id;
    const s = await call(t, 'POST', `/api/achievements/${id}/submit`, { as });
    if (s.statusCode !== 200) throw new Error(`submit failed: ${s.body}`);
    return id;
  }
  async function ndaWithRequest(as: Session | null) {
    const id = await confirmed(as, { disclosureTier: 'nda' });
    await call(t, 'POST', `/api/achievements/${id}/publish`, { as: operator });
    const r = await call(t, 'POST', `/api/achievements/${id}/access-requests`, { as: enterprise, body: { message: '矩阵', ndaAccepted: true } });
    return { id, requestId: r.json<{ id: string }>().id };
  }
  ids.achIn = await confirmed(univ);
  ids.achOut = await confirmed(yichang);
  ids.attachmentIn = await attach(univ, ids.achIn);
  ids.attachmentOut = await attach(yichang, ids.achOut);
  // Import jobs of each university (an invalid row, so each has an error report).
  async function job(as: Session | null) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/collection/achievement/imports?mode=valid_only&asDraft=true&fileName=m.json',
      headers: { 'content-type': 'application/json', ...(as ? { cookie: as.cookie, 'x-csrf-token': as.csrfToken } : {}) },
      payload: JSON.stringify([{ 成果名称: '缺少字段的成果' }]),
    });
    if (res.statusCode !== 202) throw new Error(`import failed: ${res.body}`);
    const id = res.json<{ job: { id: string } }>().job.id;
    for (let i = 0; i < 100; i++) {
      const j = await call(t, 'GET', `/api/collection/imports/${id}`, { as });
      if (['succeeded', 'failed'].includes(j.json<{ status: string }>().status)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return id;
  }
  ids.jobIn = await job(univ);
  ids.jobOut = await job(yichang);
  const ndaIn = await ndaWithRequest(univ);
  const ndaOut = await ndaWithRequest(yichang);
  ids.ndaIn = ndaIn.id;
  ids.requestIn = ndaIn.requestId;
  ids.ndaOut = ndaOut.id;
  ids.requestOut = ndaOut.requestId;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('authorization matrix', () => {
  it('has an expectation for every /api route the app registers', () => {
    const registered = t.app.kehuiRoutes.map((r) => `${r.method} ${r.url}`).sort();
    const missing = registered.filter((r) => !(r in CASES));
    const stale = Object.keys(CASES).filter((k) => !registered.includes(k));
    expect(missing, 'routes without an authorization expectation').toEqual([]);
    expect(stale, 'expectations for routes that no longer exist').toEqual([]);
  });

  it('allows and denies every endpoint × role × region exactly as declared', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    const actors: ActorKey[] = ['anonymous', ...(Object.keys(ACTORS) as ActorKey[])];
    for (const [key, c] of Object.entries(CASES)) {
      const [method, url] = key.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string];
      const targets: Target[] = c.params ? ['in', 'out'] : ['in'];
      for (const target of targets) {
        const allowed = target === 'out' ? (c.allowed.out ?? c.allowed.in) : c.allowed.in;
        for (const actor of actors) {
          const params = c.params ? await c.params(actor, target) : {};
          const path = url.replace(/:(\w+)/g, (_, p: string) => params[p] ?? 'missing');
          let as: Session | null = actor === 'anonymous' ? null : (sessions.get(actor) ?? null);
          if (c.freshSession && actor !== 'anonymous') as = await signIn(t, ACTORS[actor]);
          const res = await call(t, method, path + (c.query ?? ''), { as, ...(c.body ? { body: c.body(actor, target) } : {}) });
          let want = expected(allowed, actor);
          // On a public route a record hidden from an anonymous caller is a 404, not a 401.
          const isPublic = t.app.kehuiRoutes.find((r) => `${r.method} ${r.url}` === key)?.access === 'public';
          if (want === 'unauthenticated' && isPublic) want = 'deny';
          const got = outcome(res.statusCode);
          checked++;
          if (want !== got) mismatches.push(`${key} [${target}] as ${actor}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
          if (res.statusCode >= 500) mismatches.push(`${key} [${target}] as ${actor}: server error ${res.statusCode}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  }, 300_000);
});
