import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../platform/auth.js';
import { call, createTestApp, createVerifiedOrganization, orgIdByName, type Session, signInDemo, type TestApp, within } from '../../test-support/test-app.js';
import { users } from '../accounts/index.js';
import { buildAchievementInput } from '../achievements/achievements.fixtures.js';
import { auditLog } from '../audit/index.js';
import { notifications } from '../notifications/index.js';
import { shanghaiDay } from './demand-rules.js';
import { buildDemandInput } from './demands.fixtures.js';
import { createDemand, sweepDemands } from './demands.service.js';
import { demandClaims, demandFollowUps, demands } from './demands.tables.js';

interface Clock {
  dueAt: string | null;
  firstFollowUpAt: string | null;
  state: string;
  remainingMs: number | null;
}
interface Detail {
  id: string;
  title: string;
  status: string;
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  budgetLabel: string;
  claimantOrganizationId: string | null;
  clock: Clock;
  description: string | null;
  detailsVisible: boolean;
  contact: { visible: boolean; name?: string; phone?: string; message?: string };
  claims: { organizationId: string; mode: string; status: string; refuseReason: string | null }[] | null;
  followUps: { kind: string }[] | null;
  proposals: { id: string; status: string; reasons: { value: string; label: string }[]; allowedActions: string[] }[] | null;
  grants: { id: string; granteeOrganizationId: string; revokedAt: string | null }[] | null;
  timeline: { action: string }[] | null;
  matchedOrganizations: { id: string; name: string }[];
  matchedAchievements: { id: string; title: string }[];
  attachments: { id: string; isPublic: boolean }[];
  closeReason: string | null;
  contractRef: string | null;
  allowedActions: string[];
}
interface Problem {
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}
interface Page<T> {
  items: T[];
  total: number;
}
interface Rate {
  organizationId: string;
  claims: number;
  measured: number;
  onTime: number;
  late: number;
  overdueOpen: number;
  onTimeRate: number | null;
  medianResponseHours: number | null;
}

let t: TestApp;
let enterprise: Session;
let operator: Session;
let govWuhan: Session;
let govYichang: Session;
let broker: Session;
let univ: Session;
let serviceOrgId = '';
let enterpriseOrgId = '';
let universityOrgId = '';
let achievementId = '';
let serial = 0;

/** A new verified service institution (技术转移服务机构) and its admin's session. */
async function newServiceInstitution(): Promise<{ session: Session; orgId: string }> {
  serial++;
  const mobile = `137${String(Date.now() % 1_000_000).padStart(6, '0')}${String(serial % 100).padStart(2, '0')}`;
  return createVerifiedOrganization(t, operator, {
    organization: { type: 'service_institution', regionCode: '420106', name: `测试技术转移服务中心${mobile}` },
    admin: { mobile },
  });
}

async function post(as: Session, overrides: Record<string, unknown> = {}) {
  const res = await call(t, 'POST', '/api/demands', { as, body: buildDemandInput(overrides) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Detail>();
}

async function published(overrides: Record<string, unknown> = {}, reviewer = govWuhan) {
  const d = await post(enterprise, overrides);
  const s = await call(t, 'POST', `/api/demands/${d.id}/submit`, { as: enterprise });
  expect(s.statusCode, s.body).toBe(200);
  const p = await call(t, 'POST', `/api/demands/${d.id}/publish`, { as: reviewer });
  expect(p.statusCode, p.body).toBe(200);
  return p.json<Detail>();
}

async function claimed(as = broker, overrides: Record<string, unknown> = {}) {
  const d = await published(overrides);
  const c = await call(t, 'POST', `/api/demands/${d.id}/claim`, { as });
  expect(c.statusCode, c.body).toBe(200);
  return c.json<Detail>();
}

const get = async (id: string, as: Session | null) => call(t, 'GET', `/api/demands/${id}`, { as });
const detail = async (id: string, as: Session | null) => (await get(id, as)).json<Detail>();
const today = () => shanghaiDay(new Date());
const followUp = { kind: 'call', happenedOn: '', notes: '已电话联系企业技术负责人，约定下周上门。' };

beforeAll(async () => {
  t = await createTestApp();
  ({ enterprise, operator, govWuhan, govYichang, broker, univ } = await signInDemo(t, ['enterprise', 'operator', 'govWuhan', 'govYichang', 'broker', 'univ']));
  serviceOrgId = await orgIdByName(t, '湖北知行技术转移服务有限公司');
  enterpriseOrgId = await orgIdByName(t, '武汉光谷星辰激光科技有限公司');
  universityOrgId = await orgIdByName(t, '江城理工大学');
  // A published achievement to propose.
  const a = await call(t, 'POST', '/api/achievements', { as: univ, body: buildAchievementInput() });
  achievementId = a.json<{ id: string }>().id;
  expect((await call(t, 'POST', `/api/achievements/${achievementId}/submit`, { as: univ })).statusCode).toBe(200);
  expect((await call(t, 'POST', `/api/achievements/${achievementId}/publish`, { as: operator })).statusCode).toBe(200);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('demand life cycle', () => {
  it('goes from an enterprise draft through review, claim, docking, proposals and contract to closed', async () => {
    const draft = await post(enterprise);
    expect(draft).toMatchObject({ status: 'draft', budgetMinFen: 50_000_000, budgetMaxFen: 80_000_000, budgetLabel: '50万–80万元（确定）' });
    expect(draft.clock.state).toBe('none');
    expect(draft.allowedActions).toEqual(expect.arrayContaining(['edit', 'submit', 'close']));
    // Not public while a draft.
    expect((await get(draft.id, null)).statusCode).toBe(404);

    const submitted = await call(t, 'POST', `/api/demands/${draft.id}/submit`, { as: enterprise });
    expect(submitted.json<Detail>().status).toBe('submitted');
    const queue = await call(t, 'GET', '/api/demands/review-queue', { as: govWuhan });
    expect(queue.json<Page<{ id: string }>>().items.map((i) => i.id)).toContain(draft.id);

    const pub = await call(t, 'POST', `/api/demands/${draft.id}/publish`, { as: govWuhan });
    expect(pub.statusCode, pub.body).toBe(200);
    const p = pub.json<Detail>();
    expect(p.status).toBe('published');
    expect(p.clock.state).toBe('running');
    expect(p.clock.remainingMs).toBeGreaterThan(47 * 3600_000);
    // The enterprise is told.
    const enterpriseUser = (await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, 'enterprise.admin@kehui.example.cn')))[0]?.id ?? '';
    const notes = await t.database.db.select().from(notifications).where(and(eq(notifications.userId, enterpriseUser), eq(notifications.entityId, draft.id)));
    expect(notes.map((n) => n.kind)).toContain('demand_published');
    // On the board, for anyone, without details or contact.
    const board = await call(t, 'GET', `/api/demands?q=${encodeURIComponent('铜铝')}&pageSize=100`);
    expect(board.json<Page<{ id: string }>>().items.map((i) => i.id)).toContain(draft.id);
    const anon = await detail(draft.id, null);
    expect(anon).toMatchObject({ detailsVisible: false, description: null, followUps: null, contact: { visible: false, message: '联系方式需企业授权后可见' } });

    const claim = await call(t, 'POST', `/api/demands/${draft.id}/claim`, { as: broker });
    expect(claim.statusCode, claim.body).toBe(200);
    const c = claim.json<Detail>();
    expect(c).toMatchObject({ status: 'claimed', claimantOrganizationId: serviceOrgId, detailsVisible: true });
    expect(c.allowedActions).toEqual(expect.arrayContaining(['followUp', 'message', 'propose', 'refuse']));

    const fu = await call(t, 'POST', `/api/demands/${draft.id}/follow-ups`, { as: broker, body: { ...followUp, happenedOn: today() } });
    expect(fu.statusCode, fu.body).toBe(201);
    const docking = fu.json<Detail>();
    expect(docking.status).toBe('docking');
    expect(docking.clock.state).toBe('met');

    // A proposal declined with structured reasons ("other" needs the text).
    const p1 = await call(t, 'POST', `/api/demands/${draft.id}/proposals`, { as: broker, body: { achievementId, summary: '推荐江城理工大学高功率光纤激光器成果。' } });
    expect(p1.statusCode, p1.body).toBe(201);
    const first = p1.json<Detail>().proposals?.[0];
    expect(first?.status).toBe('proposed');
    const noText = await call(t, 'POST', `/api/demands/${draft.id}/proposals/${first?.id}/decline`, { as: enterprise, body: { reasons: ['price', 'other'] } });
    expect(noText.statusCode).toBe(400);
    expect(noText.json<Problem>().errors).toEqual([{ path: 'reasonText', message: '选择“其他”时请填写补充说明' }]);
    const declined = await call(t, 'POST', `/api/demands/${draft.id}/proposals/${first?.id}/decline`, { as: enterprise, body: { reasons: ['price', 'indicators'] } });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json<Detail>().proposals?.[0]).toMatchObject({
      status: 'declined',
      reasons: [
        { value: 'price', label: '价格不合适' },
        { value: 'indicators', label: '指标不满足' },
      ],
    });

    // A second proposal accepted: matched, with the partner linked; the claimant is told.
    const p2 = await call(t, 'POST', `/api/demands/${draft.id}/proposals`, { as: broker, body: { partnerOrganizationId: universityOrgId, summary: '由江城理工大学激光团队合作开发。' } });
    const second = p2.json<Detail>().proposals?.find((x) => x.status === 'proposed');
    expect(second?.allowedActions).toEqual(['decline']);
    const enterpriseView = await detail(draft.id, enterprise);
    expect(enterpriseView.proposals?.find((x) => x.id === second?.id)?.allowedActions).toEqual(['accept', 'decline']);
    const accepted = await call(t, 'POST', `/api/demands/${draft.id}/proposals/${second?.id}/accept`, { as: enterprise });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<Detail>()).toMatchObject({ status: 'matched', matchedOrganizations: [{ id: universityOrgId, name: '江城理工大学' }] });
    const brokerUser = broker.userId;
    const brokerNotes = await t.database.db.select().from(notifications).where(and(eq(notifications.userId, brokerUser), eq(notifications.entityId, draft.id)));
    expect(brokerNotes.map((n) => n.kind)).toContain('demand_proposal_accepted');

    const contracted = await call(t, 'POST', `/api/demands/${draft.id}/contracted`, { as: broker, body: { contractRef: '2026420100000123' } });
    expect(contracted.statusCode, contracted.body).toBe(200);
    expect(contracted.json<Detail>()).toMatchObject({ status: 'contracted', contractRef: '2026420100000123' });

    const closed = await call(t, 'POST', `/api/demands/${draft.id}/close`, { as: enterprise, body: { reason: 'solved', comment: '已签约实施' } });
    expect(closed.statusCode, closed.body).toBe(200);
    const done = closed.json<Detail>();
    expect(done).toMatchObject({ status: 'closed', closeReason: 'solved' });
    expect(done.claims?.[0]?.status).toBe('ended');
    expect(done.timeline?.map((e) => e.action)).toEqual([
      'created', 'submitted', 'published', 'claimed', 'follow_up', 'proposed', 'proposal_declined', 'proposed', 'proposal_accepted', 'contracted', 'closed',
    ]);
    const audit = await t.database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, draft.id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['demand.created', 'demand.submitted', 'demand.published', 'demand.claimed', 'demand.followed_up', 'demand.proposal_accepted', 'demand.contracted', 'demand.closed']),
    );
    // Contact data never reaches the audit log unmasked.
    const created = await t.database.db.select({ after: auditLog.after }).from(auditLog).where(and(eq(auditLog.entityId, draft.id), eq(auditLog.action, 'demand.created')));
    expect(JSON.stringify(created[0]?.after)).not.toContain('027-87650000');
    expect(JSON.stringify(created[0]?.after)).not.toContain('liu@xingchen.example.cn');

    // Closed after publication: still visible, off the board; the former claimant sees no details.
    const after = await detail(draft.id, broker);
    expect(after).toMatchObject({ status: 'closed', detailsVisible: false, description: null, followUps: null });
    const board2 = await call(t, 'GET', `/api/demands?q=${encodeURIComponent('铜铝')}&pageSize=100`);
    expect(board2.json<Page<{ id: string }>>().items.map((i) => i.id)).not.toContain(draft.id);
  });

  it('returns a demand with per-field reasons and lets the enterprise fix and resubmit it', async () => {
    const d = await post(enterprise);
    await call(t, 'POST', `/api/demands/${d.id}/submit`, { as: enterprise });
    const ret = await call(t, 'POST', `/api/demands/${d.id}/return`, { as: operator, body: { reasons: [{ field: 'indicators', message: '请量化技术指标' }] } });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json<Detail & { returnReasons: unknown }>()).toMatchObject({ status: 'returned', returnReasons: [{ field: 'indicators', message: '请量化技术指标' }] });
    expect((await call(t, 'PATCH', `/api/demands/${d.id}`, { as: enterprise, body: { indicators: '气孔率 < 1%' } })).statusCode).toBe(200);
    expect((await call(t, 'POST', `/api/demands/${d.id}/submit`, { as: enterprise })).json<Detail>().status).toBe('submitted');
  });

  it('lets a broker enter a demand for a named enterprise, and keeps gov_admins to their region', async () => {
    const yichangEnterprise = await orgIdByName(t, '宜昌三峡新能源电池有限公司');
    const byBroker = await call(t, 'POST', '/api/demands', { as: broker, body: buildDemandInput({ enterpriseOrganizationId: enterpriseOrgId }) });
    expect(byBroker.statusCode, byBroker.body).toBe(201);
    expect(byBroker.json<Detail & { source: string; enterpriseName: string }>()).toMatchObject({ source: 'broker', enterpriseName: '武汉光谷星辰激光科技有限公司' });
    // The enterprise sees it among its own.
    const mine = await call(t, 'GET', '/api/demands/mine?pageSize=100', { as: enterprise });
    expect(mine.json<Page<{ id: string }>>().items.map((i) => i.id)).toContain(byBroker.json<Detail>().id);
    const outOfRegion = await call(t, 'POST', '/api/demands', { as: govWuhan, body: buildDemandInput({ enterpriseOrganizationId: yichangEnterprise }) });
    expect(outOfRegion.statusCode).toBe(403);
    expect(outOfRegion.json<Problem>().detail).toBe('科技管理部门只能为本地区的企业录入需求');
    const notEnterprise = await call(t, 'POST', '/api/demands', { as: broker, body: buildDemandInput({ enterpriseOrganizationId: universityOrgId }) });
    expect(notEnterprise.statusCode).toBe(400);
    expect(notEnterprise.json<Problem>().errors?.[0]?.path).toBe('enterpriseOrganizationId');
    // A university member may not post.
    expect((await call(t, 'POST', '/api/demands', { as: univ, body: buildDemandInput() })).statusCode).toBe(403);
  });
});

describe('dispatch and refusal', () => {
  it('dispatches a pool demand to a verified service institution, which refuses it back to the pool', async () => {
    const d = await published();
    const toUniversity = await call(t, 'POST', `/api/demands/${d.id}/dispatch`, { as: govWuhan, body: { organizationId: universityOrgId } });
    expect(toUniversity.statusCode).toBe(400);
    expect(toUniversity.json<Problem>().errors).toEqual([{ path: 'organizationId', message: '派发对象必须是已认证的技术转移服务机构' }]);
    expect((await detail(d.id, govWuhan)).status).toBe('published');

    const dispatched = await call(t, 'POST', `/api/demands/${d.id}/dispatch`, { as: govWuhan, body: { organizationId: serviceOrgId, note: '请王经纪对接' } });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    expect(dispatched.json<Detail>()).toMatchObject({ status: 'claimed', claimantOrganizationId: serviceOrgId });
    expect(dispatched.json<Detail>().claims?.[0]).toMatchObject({ mode: 'dispatch', status: 'active' });
    // The institution's members are told; the broker finds it in its lists.
    const notes = await t.database.db.select().from(notifications).where(and(eq(notifications.userId, broker.userId), eq(notifications.entityId, d.id)));
    expect(notes.map((n) => n.kind)).toContain('demand_dispatched');
    const claimedList = await call(t, 'GET', '/api/demands/claimed?pageSize=100', { as: broker });
    expect(claimedList.json<Page<{ id: string; claim: { mode: string; status: string } }>>().items.find((i) => i.id === d.id)?.claim).toMatchObject({ mode: 'dispatch', status: 'active' });
    const due = await call(t, 'GET', '/api/demands/follow-ups-due', { as: broker });
    expect(due.json<{ items: { demandId: string; kind: string; overdue: boolean }[] }>().items).toContainEqual({ demandId: d.id, title: d.title, kind: 'first_response', dueAt: expect.any(String), overdue: false });

    const refused = await call(t, 'POST', `/api/demands/${d.id}/refuse`, { as: broker, body: { reason: '本机构暂无激光焊接方向的专家' } });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json<Detail>()).toMatchObject({ status: 'published', claimantOrganizationId: null });
    const claims = await t.database.db.select().from(demandClaims).where(eq(demandClaims.demandId, d.id));
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ status: 'refused', refuseReason: '本机构暂无激光焊接方向的专家' });
    const pool = await call(t, 'GET', '/api/demands/pool?pageSize=100', { as: broker });
    expect(pool.json<Page<{ id: string }>>().items.map((i) => i.id)).toContain(d.id);
    // The former claimant no longer sees the details.
    expect((await detail(d.id, broker)).detailsVisible).toBe(false);
  });

  it('hides other regions’ unpublished demands (404) and refuses their review and dispatch', async () => {
    const d = await post(enterprise);
    await call(t, 'POST', `/api/demands/${d.id}/submit`, { as: enterprise });
    expect((await get(d.id, govYichang)).statusCode).toBe(404);
    expect((await call(t, 'POST', `/api/demands/${d.id}/publish`, { as: govYichang })).statusCode).toBe(404);
    const queue = await call(t, 'GET', '/api/demands/review-queue?pageSize=100', { as: govYichang });
    expect(queue.json<Page<{ id: string }>>().items.map((i) => i.id)).not.toContain(d.id);
    expect((await detail(d.id, govWuhan)).status).toBe('submitted');
    const pub = await published();
    const dispatch = await call(t, 'POST', `/api/demands/${pub.id}/dispatch`, { as: govYichang, body: { organizationId: serviceOrgId } });
    expect(dispatch.statusCode).toBe(403);
    expect((await detail(pub.id, govWuhan)).status).toBe('published');
    const view = await call(t, 'GET', '/api/demands/dispatch?pageSize=100', { as: govYichang });
    expect(view.json<Page<{ id: string }>>().items.map((i) => i.id)).not.toContain(pub.id);
    const wuhanView = await call(t, 'GET', '/api/demands/dispatch?pageSize=100', { as: govWuhan });
    expect(wuhanView.json<Page<{ id: string }>>().items.map((i) => i.id)).toContain(pub.id);
  });
});

describe('POST /api/demands/:id/claim', () => {
  it('lets exactly one of 8 concurrent claims win; the others get 409', async () => {
    const claimants = [];
    for (let i = 0; i < 8; i++) claimants.push(await newServiceInstitution());
    const d = await published();
    const results = await Promise.all(claimants.map((c) => call(t, 'POST', `/api/demands/${d.id}/claim`, { as: c.session })));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json<Problem>().detail).toBe('该需求已被认领');
    const active = await t.database.db.select({ n: count() }).from(demandClaims).where(and(eq(demandClaims.demandId, d.id), eq(demandClaims.status, 'active')));
    expect(active[0]?.n).toBe(1);
    const all = await t.database.db.select({ n: count() }).from(demandClaims).where(eq(demandClaims.demandId, d.id));
    expect(all[0]?.n).toBe(1);
    const winner = claimants[results.findIndex((r) => r.statusCode === 200)];
    expect((await detail(d.id, operator)).claimantOrganizationId).toBe(winner?.orgId);
  }, 60_000);

  it('refuses a second claim with 409 and writes nothing', async () => {
    const d = await claimed();
    const other = await newServiceInstitution();
    const res = await call(t, 'POST', `/api/demands/${d.id}/claim`, { as: other.session });
    expect(res.statusCode).toBe(409);
    expect(res.json<Problem>().detail).toBe('该需求已被认领');
    const rows = await t.database.db.select().from(demandClaims).where(eq(demandClaims.demandId, d.id));
    expect(rows.map((r) => r.organizationId)).toEqual([serviceOrgId]);
  });

  it('refuses claimants that are not service institutions', async () => {
    const d = await published();
    const res = await call(t, 'POST', `/api/demands/${d.id}/claim`, { as: univ });
    expect(res.statusCode).toBe(403);
    expect(res.json<Problem>().detail).toBe('只有已认证的技术转移服务机构及其技术经纪人可以认领需求');
  });
});

describe('bad input', () => {
  async function countTitled(title: string) {
    return (await t.database.db.select({ n: count() }).from(demands).where(eq(demands.title, title)))[0]?.n;
  }

  it('refuses a budget minimum above the maximum (path budgetMin) and writes nothing', async () => {
    const body = buildDemandInput({ budgetMin: '90万', budgetMax: '80万' });
    const res = await call(t, 'POST', '/api/demands', { as: enterprise, body });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors).toEqual([{ path: 'budgetMin', message: '预算下限不能高于预算上限' }]);
    expect(res.json<Problem>().detail).toBe('预算下限不能高于预算上限');
    expect(await countTitled(body.title)).toBe(0);
    // The same on an edit: the record is unchanged.
    const d = await post(enterprise);
    const patch = await call(t, 'PATCH', `/api/demands/${d.id}`, { as: enterprise, body: { budgetMin: '100万' } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json<Problem>().errors?.[0]?.path).toBe('budgetMin');
    expect((await detail(d.id, enterprise)).budgetMinFen).toBe(50_000_000);
  });

  it('refuses an unparsable budget with the money rule’s message', async () => {
    const res = await call(t, 'POST', '/api/demands', { as: enterprise, body: buildDemandInput({ budgetMax: '1e5' }) });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors?.[0]?.path).toBe('budgetMax');
  });

  it('refuses a deadline in the past (Asia/Shanghai) and writes nothing', async () => {
    const yesterday = shanghaiDay(new Date(Date.now() - 86400_000));
    const body = buildDemandInput({ deadline: yesterday });
    const res = await call(t, 'POST', '/api/demands', { as: enterprise, body });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors).toEqual([{ path: 'deadline', message: '截止日期不能早于今天' }]);
    expect(await countTitled(body.title)).toBe(0);
    // Today is still fine.
    expect((await call(t, 'POST', '/api/demands', { as: enterprise, body: buildDemandInput({ deadline: today() }) })).statusCode).toBe(201);
  });

  it('lists every missing field on submit', async () => {
    const res = await call(t, 'POST', '/api/demands', { as: enterprise, body: { title: `只有标题的需求${Date.now()}` } });
    const id = res.json<Detail>().id;
    const sub = await call(t, 'POST', `/api/demands/${id}/submit`, { as: enterprise });
    expect(sub.statusCode).toBe(400);
    expect(sub.json<Problem>().errors?.map((e) => e.path)).toEqual(['description', 'keyField', 'demandType']);
    expect((await detail(id, enterprise)).status).toBe('draft');
  });

  it('refuses a follow-up on a closed demand with 409 and writes nothing', async () => {
    const d = await claimed();
    await call(t, 'POST', `/api/demands/${d.id}/follow-ups`, { as: broker, body: { ...followUp, happenedOn: today() } });
    expect((await call(t, 'POST', `/api/demands/${d.id}/close`, { as: operator, body: { reason: 'withdrawn' } })).statusCode).toBe(200);
    const res = await call(t, 'POST', `/api/demands/${d.id}/follow-ups`, { as: broker, body: { ...followUp, happenedOn: today() } });
    expect(res.statusCode).toBe(409);
    expect(res.json<Problem>().detail).toBe('需求已关闭');
    const n = await t.database.db.select({ n: count() }).from(demandFollowUps).where(eq(demandFollowUps.demandId, d.id));
    expect(n[0]?.n).toBe(1);
    for (const [path, body] of [
      ['messages', { body: '还在吗？' }],
      ['proposals', { partnerOrganizationId: universityOrgId, summary: '推荐合作单位' }],
    ] as const) {
      const r = await call(t, 'POST', `/api/demands/${d.id}/${path}`, { as: broker, body });
      expect(r.statusCode).toBe(409);
      expect(r.json<Problem>().detail).toBe('需求已关闭');
    }
  });

  it('refuses a follow-up dated in the future', async () => {
    const d = await claimed();
    const res = await call(t, 'POST', `/api/demands/${d.id}/follow-ups`, { as: broker, body: { ...followUp, happenedOn: shanghaiDay(new Date(Date.now() + 3 * 86400_000)) } });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors?.[0]).toEqual({ path: 'happenedOn', message: '跟进日期不能晚于今天' });
    expect((await detail(d.id, broker)).status).toBe('claimed');
  });

  it('hides the contact from the claimant until the enterprise grants it, and again after revoking', async () => {
    const d = await claimed();
    const before = await detail(d.id, broker);
    expect(before.detailsVisible).toBe(true);
    expect(before.contact).toEqual({ visible: false, message: '联系方式需企业授权后可见' });
    expect((await detail(d.id, enterprise)).contact).toMatchObject({ visible: true, name: '刘工', phone: '027-87650000' });
    // Only an organization that claimed the demand can be granted.
    const wrong = await call(t, 'POST', `/api/demands/${d.id}/grants`, { as: enterprise, body: { organizationId: universityOrgId } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<Problem>().errors?.[0]?.path).toBe('organizationId');
    // The claimant cannot grant itself.
    expect((await call(t, 'POST', `/api/demands/${d.id}/grants`, { as: broker, body: { organizationId: serviceOrgId } })).statusCode).toBe(403);
    const granted = await call(t, 'POST', `/api/demands/${d.id}/grants`, { as: enterprise, body: { organizationId: serviceOrgId } });
    expect(granted.statusCode, granted.body).toBe(201);
    const grantId = granted.json<Detail>().grants?.[0]?.id ?? '';
    expect((await detail(d.id, broker)).contact).toMatchObject({ visible: true, phone: '027-87650000' });
    const again = await call(t, 'POST', `/api/demands/${d.id}/grants`, { as: enterprise, body: { organizationId: serviceOrgId } });
    expect(again.statusCode).toBe(409);
    const revoked = await call(t, 'DELETE', `/api/demands/${d.id}/grants/${grantId}`, { as: enterprise });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((await detail(d.id, broker)).contact).toEqual({ visible: false, message: '联系方式需企业授权后可见' });
    const audit = await t.database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, d.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['demand.contact_granted', 'demand.contact_revoked']));
  });

  it('refuses campaign ids that cannot be checked or do not exist', async () => {
    const res = await call(t, 'POST', '/api/demands', { as: broker, body: buildDemandInput({ enterpriseOrganizationId: enterpriseOrgId, campaignVisitId: randomUUID() }) });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors?.[0]?.path).toBe('campaignVisitId');
    const brokerActor = { userId: broker.userId, name: '王经纪', organizationId: serviceOrgId, organizationRegionCode: '420106', organizationStatus: 'verified' as const, roles: [{ role: 'org_member' as const, regionCode: null }, { role: 'broker' as const, regionCode: null }], via: 'session' as const, sessionId: null, csrfToken: null, scopes: [] };
    const ctx = { ...systemContext('test'), actor: brokerActor };
    const files = { put: async () => '', open: () => { throw new Error('no files'); }, has: () => false };
    await expect(createDemand({ db: t.database.db, files }, ctx, { ...buildDemandInput({ enterpriseOrganizationId: enterpriseOrgId }), campaignId: randomUUID() } as never)).rejects.toMatchObject({
      code: 'validation_failed',
      detail: '科惠行动不存在',
    });
    // With the campaigns module's lookup, a visit links the demand to its campaign.
    const visitId = randomUUID();
    const campaignId = randomUUID();
    const linked = await createDemand(
      { db: t.database.db, files, findCampaignVisit: async (_db, id) => (id === visitId ? { id, campaignId } : null) },
      ctx,
      { ...buildDemandInput({ enterpriseOrganizationId: enterpriseOrgId }), campaignVisitId: visitId } as never,
    );
    expect(linked).toMatchObject({ source: 'campaign', campaignId });
  });
});

describe('attachments', () => {
  const pdf = () => Buffer.from(`%PDF-1.4\n${randomUUID()}\n%%EOF\n`);
  async function upload(id: string, isPublic: boolean) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/demands/${id}/attachments?fileName=${encodeURIComponent('工艺说明.pdf')}&public=${isPublic}`,
      headers: { 'content-type': 'application/pdf', cookie: enterprise.cookie, 'x-csrf-token': enterprise.csrfToken },
      payload: pdf(),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; isPublic: boolean }>();
  }

  it('shows public files on the board and the others to detail viewers only', async () => {
    const d = await published();
    const open = await upload(d.id, true);
    const closed = await upload(d.id, false);
    expect(open.isPublic).toBe(true);
    expect((await detail(d.id, null)).attachments.map((a) => a.id)).toEqual([open.id]);
    expect((await detail(d.id, enterprise)).attachments.map((a) => a.id)).toEqual([open.id, closed.id]);
    expect((await call(t, 'GET', `/api/demands/${d.id}/attachments/${open.id}`)).statusCode).toBe(200);
    expect((await call(t, 'GET', `/api/demands/${d.id}/attachments/${closed.id}`)).statusCode).toBe(404);
    const own = await call(t, 'GET', `/api/demands/${d.id}/attachments/${closed.id}`, { as: enterprise });
    expect(own.statusCode).toBe(200);
    expect(own.body.startsWith('%PDF')).toBe(true);
    const notAFile = await t.app.inject({
      method: 'POST',
      url: `/api/demands/${d.id}/attachments?fileName=a.pdf`,
      headers: { 'content-type': 'application/json', cookie: enterprise.cookie, 'x-csrf-token': enterprise.csrfToken },
      payload: '{"a":1}',
    });
    expect(notAFile.statusCode).toBe(400);
    expect((await call(t, 'DELETE', `/api/demands/${d.id}/attachments/${closed.id}`, { as: broker })).statusCode).toBe(403);
    expect((await call(t, 'DELETE', `/api/demands/${d.id}/attachments/${closed.id}`, { as: enterprise })).statusCode).toBe(200);
  });
});

describe('messages', () => {
  it('gives an enterprise message a 48-hour answer clock that the claimant’s reply stops', async () => {
    const d = await claimed();
    const m = await call(t, 'POST', `/api/demands/${d.id}/messages`, { as: enterprise, body: { body: '请问贵机构有类似项目经验吗？' } });
    expect(m.statusCode, m.body).toBe(201);
    const msg = m.json<Detail & { messages: { side: string; dueAt: string | null; answeredAt: string | null }[] }>().messages[0];
    expect(msg?.side).toBe('enterprise');
    expect(new Date(msg?.dueAt ?? 0).getTime() - Date.now()).toBeGreaterThan(47 * 3600_000);
    const due = await call(t, 'GET', '/api/demands/follow-ups-due', { as: broker });
    expect(due.json<{ items: { demandId: string; kind: string }[] }>().items.filter((i) => i.demandId === d.id).map((i) => i.kind).sort()).toEqual(['first_response', 'message']);
    const reply = await call(t, 'POST', `/api/demands/${d.id}/messages`, { as: broker, body: { body: '有的，去年完成过两个类似项目。' } });
    const all = reply.json<Detail & { messages: { side: string; answeredAt: string | null }[] }>().messages;
    expect(all.map((x) => x.side)).toEqual(['enterprise', 'claimant']);
    expect(all[0]?.answeredAt).not.toBeNull();
    expect((await call(t, 'POST', `/api/demands/${d.id}/messages`, { as: univ, body: { body: '打扰了' } })).statusCode).toBe(403);
  });
});

describe('GET /api/demands/response-rates', () => {
  it('counts on-time first follow-ups per claimant organization, scoped to the caller', async () => {
    const x = await newServiceInstitution();
    // On time: claimed and followed up at once.
    const a = await claimed(x.session);
    expect((await call(t, 'POST', `/api/demands/${a.id}/follow-ups`, { as: x.session, body: { ...followUp, happenedOn: today() } })).statusCode).toBe(201);
    // Overdue: claimed, no follow-up, its 48 hours made to have passed.
    const b = await claimed(x.session);
    await t.database.db.update(demandClaims).set({ dueAt: new Date(Date.now() - 3600_000) }).where(eq(demandClaims.demandId, b.id));
    // Refused at once: not counted against anyone.
    const c = await claimed(x.session);
    expect((await call(t, 'POST', `/api/demands/${c.id}/refuse`, { as: x.session, body: { reason: '方向不符' } })).statusCode).toBe(200);

    const own = await call(t, 'GET', '/api/demands/response-rates', { as: x.session });
    expect(own.statusCode, own.body).toBe(200);
    const items = own.json<{ items: Rate[] }>().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ organizationId: x.orgId, claims: 3, measured: 2, onTime: 1, late: 1, overdueOpen: 1, onTimeRate: 0.5 });
    expect(items[0]?.medianResponseHours).toBeLessThan(0.1);

    const wuhan = (await call(t, 'GET', '/api/demands/response-rates', { as: govWuhan })).json<{ items: Rate[] }>().items;
    expect(wuhan.find((r) => r.organizationId === x.orgId)).toMatchObject({ claims: 3, onTime: 1 });
    const yichang = (await call(t, 'GET', '/api/demands/response-rates', { as: govYichang })).json<{ items: Rate[] }>().items;
    expect(yichang.find((r) => r.organizationId === x.orgId)).toBeUndefined();
    const ops = (await call(t, 'GET', '/api/demands/response-rates', { as: operator })).json<{ items: Rate[] }>().items;
    expect(ops.map((r) => r.organizationId)).toContain(x.orgId);
    // Another institution sees its own organization only.
    const brokers = (await call(t, 'GET', '/api/demands/response-rates', { as: broker })).json<{ items: Rate[] }>().items;
    expect(brokers.every((r) => r.organizationId === serviceOrgId)).toBe(true);
    expect((await call(t, 'GET', '/api/demands/response-rates', { as: enterprise })).statusCode).toBe(403);
  });
});

describe('search', () => {
  async function found(q: string, id: string) {
    const res = await call(t, 'GET', `/api/search?type=demand&q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: { id: string }[] }>().items.some((i) => i.id === id);
  }

  it('finds a published demand by its public text soon after publication, never by its details, and loses it when closed', async () => {
    const secret = '钨铼热电偶';
    const d = await published({ title: `碳化硅晶圆激光隐切需求${Date.now() % 100000}`, keywords: ['碳化硅', '激光隐切'], description: `现有工艺采用${secret}，良率不足。` });
    expect(await within(3000, () => found('碳化硅 隐切', d.id))).toBe(true);
    expect(await found(secret, d.id)).toBe(false);
    expect((await call(t, 'POST', `/api/demands/${d.id}/close`, { as: enterprise, body: { reason: 'withdrawn' } })).statusCode).toBe(200);
    expect(await within(3000, async () => !(await found('碳化硅 隐切', d.id)))).toBe(true);
  });
});

// Last: the sweep runs with `now` days ahead and touches every published demand of this database.
describe('sweepDemands', () => {
  it('reports an overdue demand to the region’s gov_admins once, and closes pool demands past their deadline', async () => {
    const d = await published();
    const tomorrow = shanghaiDay(new Date(Date.now() + 86400_000));
    const expiring = await published({ deadline: tomorrow });
    const wuhanUser = govWuhan.userId;
    const provinceUser = (await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, 'gov.hubei@kehui.example.cn')))[0]?.id ?? '';
    const later = new Date(Date.now() + 49 * 3600_000);
    await sweepDemands({ db: t.database.db }, later);
    await sweepDemands({ db: t.database.db }, later);
    const sent = await t.database.db.select().from(notifications).where(eq(notifications.dedupeKey, `demand-overdue:${d.id}`));
    expect(sent.map((n) => n.userId).sort()).toEqual([wuhanUser, provinceUser].sort());
    expect(sent.map((n) => n.userId)).not.toContain(govYichang.userId);
    const row = (await t.database.db.select().from(demands).where(eq(demands.id, d.id)))[0];
    expect(row?.overdueNotifiedAt?.getTime()).toBe(later.getTime());
    const overdue = await detail(d.id, govWuhan);
    expect(overdue.clock.state).toBe('running'); // by the real clock it is not overdue yet
    expect(overdue.timeline?.map((e) => e.action)).toContain('overdue');

    // Three days on, the deadline (tomorrow, Shanghai) has passed: closed as expired.
    const e = await detail(expiring.id, enterprise);
    expect(e.status).toBe('closed');
    expect(e.closeReason).toBe('expired');
    expect(e.timeline?.map((x) => x.action)).toContain('expired');
    const again = await sweepDemands({ db: t.database.db }, new Date(Date.now() + 3 * 86400_000));
    expect(again.expired).toBe(0);
  });
});
