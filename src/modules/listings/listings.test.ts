import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, orgIdByName, type Session, signInDemo, type TestApp } from '../../test-support/test-app.js';
import { buildAchievementInput } from '../achievements/achievements.fixtures.js';
import { auditLog } from '../audit/index.js';
import { notifications } from '../notifications/index.js';
import { publicLog } from '../public-log/index.js';
import { sweepListings } from './listings.service.js';
import { deals } from './listings.tables.js';
import { nextWorkingDay, shanghaiStartOf } from './working-days.js';

interface Deal {
  id: string;
  status: string;
  buyer: { id: string; name: string };
  intermediary: { id: string; name: string } | null;
  priceFen: number;
  noticeStart: string;
  noticeEnd: string;
  contractId: string | null;
}
interface Detail {
  id: string;
  status: string;
  priceFen: number;
  price: string;
  publicityStart: string | null;
  publicityEnd: string | null;
  openStart: string | null;
  openEnd: string | null;
  publicityWorkingDaysLeft: number;
  objections: { id: string; organization: { id: string } | null; reason: string | null; status: string; allowedActions: string[] }[];
  objectionsSummary: { total: number; pending: number; upheld: number; dismissed: number };
  deal: Deal | null;
  allowedActions: string[];
}
interface Problem {
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

let t: TestApp;
let univ: Session;
let univMember: Session;
let enterprise: Session;
let broker: Session;
let operator: Session;
let govWuhan: Session;
let govYichang: Session;
let enterpriseOrgId = '';
let serviceOrgId = '';

async function publishedAchievement(): Promise<string> {
  const a = await call(t, 'POST', '/api/achievements', { as: univ, body: buildAchievementInput() });
  expect(a.statusCode, a.body).toBe(201);
  const id = a.json<{ id: string }>().id;
  expect((await call(t, 'POST', `/api/achievements/${id}/submit`, { as: univ })).statusCode).toBe(200);
  expect((await call(t, 'POST', `/api/achievements/${id}/publish`, { as: operator })).statusCode).toBe(200);
  return id;
}

const listingBody = (achievementId: string, overrides: Record<string, unknown> = {}) => ({
  achievementId,
  mode: 'licence_exclusive',
  price: '1,200,000.50',
  period: { kind: 'working_days', workingDays: 20 },
  terms: '独占许可五年，许可费一次性支付；成果所属单位提供技术培训与三个月现场支持。',
  ...overrides,
});

async function submitted(overrides: Record<string, unknown> = {}): Promise<Detail> {
  const res = await call(t, 'POST', '/api/listings', { as: univ, body: listingBody(await publishedAchievement(), overrides) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Detail>();
}

async function inPublicity(): Promise<Detail> {
  const l = await submitted();
  const res = await call(t, 'POST', `/api/listings/${l.id}/approve`, { as: govWuhan, body: {} });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Detail>();
}

/** The first instant of the day after a period's last day (Asia/Shanghai). */
const dayAfter = (end: string | null) => shanghaiStartOf(new Date(Date.parse(`${end ?? ''}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));

async function open(): Promise<Detail> {
  const l = await inPublicity();
  await sweepListings({ db: t.database.db }, dayAfter(l.publicityEnd));
  const d = await detail(l.id, null);
  expect(d.status).toBe('open');
  return d;
}

const detail = async (id: string, as: Session | null) => (await call(t, 'GET', `/api/listings/${id}`, { as })).json<Detail>();
const delist = (id: string, as: Session, body: Record<string, unknown> = {}) => call(t, 'POST', `/api/listings/${id}/delist`, { as, body });

async function notificationsOf(kind: string, entityId: string) {
  const r = await t.database.db.select({ n: count() }).from(notifications).where(and(eq(notifications.kind, kind), eq(notifications.entityId, entityId)));
  return r[0]?.n ?? 0;
}

beforeAll(async () => {
  t = await createTestApp();
  ({ univ, univMember, enterprise, broker, operator, govWuhan, govYichang } = await signInDemo(t, ['univ', 'univMember', 'enterprise', 'broker', 'operator', 'govWuhan', 'govYichang']));
  enterpriseOrgId = await orgIdByName(t, '武汉光谷星辰激光科技有限公司');
  serviceOrgId = await orgIdByName(t, '湖北知行技术转移服务有限公司');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('POST /api/listings', () => {
  it('lists a published achievement at an exact price, pending review', async () => {
    const l = await submitted({ price: '1,200,000.50', mode: 'transfer' });
    expect(l).toMatchObject({ status: 'pending_review', priceFen: 120_000_050, price: '1200000.50', publicityStart: null });
    // Not public before approval.
    expect((await call(t, 'GET', `/api/listings/${l.id}`)).statusCode).toBe(404);
    expect((await call(t, 'GET', `/api/listings/${l.id}`, { as: univMember })).statusCode).toBe(200);
  });

  it('refuses negative prices, three decimals and a too-short period, naming every field in Chinese', async () => {
    const achievementId = await publishedAchievement();
    const neg = await call(t, 'POST', '/api/listings', { as: univ, body: listingBody(achievementId, { price: '-100', period: { kind: 'working_days', workingDays: 2 } }) });
    expect(neg.statusCode).toBe(400);
    const p = neg.json<Problem>();
    expect(p.errors?.map((e) => e.path).sort()).toEqual(['period.workingDays', 'price']);
    expect(p.errors?.find((e) => e.path === 'price')?.message).toContain('不能为负数');
    const three = await call(t, 'POST', '/api/listings', { as: univ, body: listingBody(achievementId, { price: '100.005' }) });
    expect(three.statusCode).toBe(400);
    expect(three.json<Problem>().errors?.[0]).toMatchObject({ path: 'price' });
    expect(three.json<Problem>().errors?.[0]?.message).toContain('精确到分');
    const zero = await call(t, 'POST', '/api/listings', { as: univ, body: listingBody(achievementId, { price: '0' }) });
    expect(zero.json<Problem>().errors?.[0]?.message).toBe('挂牌价格必须大于 0');
    const early = await call(t, 'POST', '/api/listings', { as: univ, body: listingBody(achievementId, { period: { kind: 'end_date', endDate: '2020-01-01' } }) });
    expect(early.json<Problem>().errors?.[0]?.path).toBe('period.endDate');
    const strict = await call(t, 'POST', '/api/listings', { as: univ, body: { ...listingBody(achievementId), extra: 1 } });
    expect(strict.statusCode).toBe(400);
  });

  it('lets only the owner list, only published achievements, and one active listing per achievement', async () => {
    const achievementId = await publishedAchievement();
    expect((await call(t, 'POST', '/api/listings', { as: enterprise, body: listingBody(achievementId) })).statusCode).toBe(403);
    const draft = await call(t, 'POST', '/api/achievements', { as: univ, body: buildAchievementInput() });
    const notPublished = await call(t, 'POST', '/api/listings', { as: univ, body: listingBody(draft.json<{ id: string }>().id) });
    expect(notPublished.statusCode).toBe(409);
    expect((await call(t, 'POST', '/api/listings', { as: univMember, body: listingBody(achievementId) })).statusCode).toBe(201);
    const second = await call(t, 'POST', '/api/listings', { as: univ, body: listingBody(achievementId) });
    expect(second.statusCode).toBe(409);
    expect(second.json<Problem>().detail).toBe('该成果已有进行中的挂牌');
  });
});

describe('review and publicity', () => {
  it('is approved by the gov_admin of the region (not another region), starting publicity on the next working day', async () => {
    const l = await submitted();
    expect((await call(t, 'POST', `/api/listings/${l.id}/approve`, { as: govYichang, body: {} })).statusCode).toBe(404);
    expect((await call(t, 'POST', `/api/listings/${l.id}/approve`, { as: univ, body: {} })).statusCode).toBe(403);
    const res = await call(t, 'POST', `/api/listings/${l.id}/approve`, { as: govWuhan, body: {} });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<Detail>();
    expect(d.status).toBe('publicity');
    expect(d.publicityStart && d.publicityStart > new Date().toISOString().slice(0, 10)).toBe(true);
    expect(d.publicityWorkingDaysLeft).toBe(5);
    expect(d.openStart).toBe(nextWorkingDay(d.publicityEnd ?? ''));
    expect((await call(t, 'POST', `/api/listings/${l.id}/approve`, { as: operator, body: {} })).statusCode).toBe(409);
    const logged = await t.database.db.select().from(publicLog).where(eq(publicLog.entityId, l.id));
    expect(logged.map((e) => e.type)).toEqual(['publicity_notice']);
    const audits = await t.database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, l.id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['listing.created', 'listing.approved']));
  });

  it('refuses delisting during publicity, and takes objections from verified organizations', async () => {
    const l = await inPublicity();
    const early = await delist(l.id, enterprise);
    expect(early.statusCode).toBe(409);
    expect(early.json<Problem>().detail).toContain('公示期');
    expect((await call(t, 'POST', `/api/listings/${l.id}/objections`, { as: univ, body: { reason: '自己的异议' } })).statusCode).toBe(403);
    const o = await call(t, 'POST', `/api/listings/${l.id}/objections`, { as: enterprise, body: { reason: '该成果与我公司在先专利存在权属争议。' } });
    expect(o.statusCode, o.body).toBe(201);
    expect(await notificationsOf('listing_objection', l.id)).toBeGreaterThan(0);
    // The public sees that there is an objection, not who filed it or why.
    const pub = await detail(l.id, null);
    expect(pub.objectionsSummary).toEqual({ total: 1, pending: 1, upheld: 0, dismissed: 0 });
    expect(pub.objections[0]).toMatchObject({ organization: null, reason: null });
    const owner = await detail(l.id, univ);
    expect(owner.objections[0]?.organization?.id).toBe(enterpriseOrgId);

    // While an objection is pending, the listing does not open.
    await sweepListings({ db: t.database.db }, dayAfter(l.publicityEnd));
    expect((await detail(l.id, null)).status).toBe('publicity');
    const oid = (await detail(l.id, govWuhan)).objections[0]?.id ?? '';
    expect((await call(t, 'POST', `/api/listings/${l.id}/objections/${oid}/resolve`, { as: govYichang, body: { outcome: 'dismissed', resolution: '不成立' } })).statusCode).toBe(403);
    const dismissed = await call(t, 'POST', `/api/listings/${l.id}/objections/${oid}/resolve`, { as: govWuhan, body: { outcome: 'dismissed', resolution: '经核查，权属清晰，异议不成立。' } });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect((await call(t, 'POST', `/api/listings/${l.id}/objections/${oid}/resolve`, { as: operator, body: { outcome: 'upheld', resolution: '再次处理' } })).statusCode).toBe(409);
    expect((await sweepListings({ db: t.database.db }, dayAfter(l.publicityEnd))).opened).toBeGreaterThanOrEqual(1);
    expect((await detail(l.id, null)).status).toBe('open');
    const types = (await t.database.db.select().from(publicLog).where(eq(publicLog.entityId, l.id))).map((e) => e.type);
    expect(types).toEqual(['publicity_notice', 'objection_resolved', 'listing_published']);
  });

  it('withdraws the listing when an objection is upheld', async () => {
    const l = await inPublicity();
    await call(t, 'POST', `/api/listings/${l.id}/objections`, { as: broker, body: { reason: '成果完成人对权属有异议。' } });
    const oid = (await detail(l.id, operator)).objections[0]?.id ?? '';
    const res = await call(t, 'POST', `/api/listings/${l.id}/objections/${oid}/resolve`, { as: operator, body: { outcome: 'upheld', resolution: '权属存在争议，撤销挂牌。' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Detail>()).toMatchObject({ status: 'withdrawn', objectionsSummary: { upheld: 1 } });
    expect(await notificationsOf('listing_objection_resolved', l.id)).toBeGreaterThan(0);
  });
});

describe('POST /api/listings/:id/delist', () => {
  it('refuses the owner delisting its own listing, and strangers to the rules, writing nothing', async () => {
    const l = await open();
    const own = await delist(l.id, univMember);
    expect(own.statusCode).toBe(403);
    expect(own.json<Problem>().detail).toBe('不能摘牌本单位挂牌的成果');
    const noClient = await delist(l.id, broker);
    expect(noClient.statusCode).toBe(400);
    expect(noClient.json<Problem>().errors?.[0]?.path).toBe('onBehalfOfOrganizationId');
    expect((await t.database.db.select({ n: count() }).from(deals).where(eq(deals.listingId, l.id)))[0]?.n).toBe(0);
    expect((await detail(l.id, null)).status).toBe('open');
  });

  it('lets exactly one of 8 parallel delistings win; the rest get 409 该成果已被摘牌', async () => {
    const l = await open();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? delist(l.id, enterprise) : delist(l.id, broker, { onBehalfOfOrganizationId: enterpriseOrgId }))),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(7);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json<Problem>().detail).toBe('该成果已被摘牌');
    expect((await t.database.db.select({ n: count() }).from(deals).where(eq(deals.listingId, l.id)))[0]?.n).toBe(1);
    const d = await detail(l.id, null);
    expect(d.status).toBe('delisted');
    expect(d.deal).toMatchObject({ status: 'notice', priceFen: l.priceFen, buyer: { id: enterpriseOrgId }, contractId: null });
    const deltype = (await t.database.db.select().from(publicLog).where(eq(publicLog.entityId, d.deal?.id ?? ''))).map((e) => e.type);
    expect(deltype).toEqual(['deal_concluded']);
    expect(await notificationsOf('listing_delisted', l.id)).toBeGreaterThan(0);
  });

  it('credits a service institution as intermediary, and ends the deal notice into awaiting_contract', async () => {
    const l = await open();
    const res = await delist(l.id, broker, { onBehalfOfOrganizationId: enterpriseOrgId });
    expect(res.statusCode, res.body).toBe(200);
    const deal = res.json<Detail>().deal;
    expect(deal).toMatchObject({ buyer: { id: enterpriseOrgId }, intermediary: { id: serviceOrgId }, status: 'notice' });
    // The last day of the notice is not yet the end; the next Shanghai day is.
    const lastDay = shanghaiStartOf(deal?.noticeEnd ?? '');
    expect((await sweepListings({ db: t.database.db }, new Date(lastDay.getTime() + 3_600_000))).noticesEnded).toBe(0);
    expect((await sweepListings({ db: t.database.db }, dayAfter(deal?.noticeEnd ?? null))).noticesEnded).toBeGreaterThanOrEqual(1);
    expect((await detail(l.id, null)).deal?.status).toBe('awaiting_contract');
    expect(await notificationsOf('deal_notice_ended', deal?.id ?? '')).toBeGreaterThan(0);
    const mine = await call(t, 'GET', '/api/listings/deals', { as: broker });
    expect(mine.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(deal?.id);
  });

  it('expires a listing at the end of its period; delisting after it is refused', async () => {
    const l = await open();
    await sweepListings({ db: t.database.db }, dayAfter(l.openEnd));
    expect((await detail(l.id, null)).status).toBe('expired');
    const late = await delist(l.id, enterprise);
    expect(late.statusCode).toBe(409);
    expect(late.json<Problem>().detail).toContain('挂牌期');
  });
});

describe('public log', () => {
  it('refuses to change or delete a logged entry in SQL', async () => {
    const [target] = await t.database.db.select().from(publicLog).limit(1);
    const seq = target?.seq ?? 0;
    await expect(t.database.db.execute(sql`update public_log set payload = '{}'::jsonb where seq = ${seq}`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from public_log where seq = ${seq}`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`truncate public_log`)).rejects.toThrow();
    expect((await call(t, 'GET', '/api/public-log/verify')).json()).toMatchObject({ ok: true });
  });

  it('verifies the chain, and detects a row changed by the table owner past the trigger, at its seq', async () => {
    const ok = await call(t, 'GET', '/api/public-log/verify');
    expect(ok.json()).toMatchObject({ ok: true });
    const page = await call(t, 'GET', '/api/public-log?pageSize=5');
    expect(page.statusCode).toBe(200);
    const [target] = await t.database.db.select().from(publicLog).where(eq(publicLog.type, 'deal_concluded')).limit(1);
    expect(target).toBeDefined();
    const seq = target?.seq ?? 0;
    const tamper = async (change: () => Promise<unknown>) => {
      await t.database.db.execute(sql`alter table public_log disable trigger public_log_no_update_delete`);
      try {
        await change();
      } finally {
        await t.database.db.execute(sql`alter table public_log enable trigger public_log_no_update_delete`);
      }
    };
    await tamper(() => t.database.db.execute(sql`update public_log set payload = jsonb_set(payload, '{price}', '"0.01"') where seq = ${seq}`));
    const broken = await call(t, 'GET', '/api/public-log/verify');
    expect(broken.json()).toMatchObject({ ok: false, brokenSeq: seq });
    await tamper(() => t.database.db.update(publicLog).set({ payload: target?.payload ?? {} }).where(eq(publicLog.seq, seq)));
    expect((await call(t, 'GET', '/api/public-log/verify')).json()).toMatchObject({ ok: true });
  });
});

describe('settings', () => {
  it('lets the operator change the default periods within bounds', async () => {
    expect((await call(t, 'PUT', '/api/listings/settings', { as: operator, body: { publicityWorkingDays: 4, dealNoticeWorkingDays: 5 } })).statusCode).toBe(400);
    const res = await call(t, 'PUT', '/api/listings/settings', { as: operator, body: { publicityWorkingDays: 7, dealNoticeWorkingDays: 5 } });
    expect(res.statusCode, res.body).toBe(200);
    const l = await submitted();
    expect((await detail(l.id, univ)) as unknown as { publicityWorkingDays: number }).toMatchObject({ publicityWorkingDays: 7 });
    await call(t, 'PUT', '/api/listings/settings', { as: operator, body: { publicityWorkingDays: 5, dealNoticeWorkingDays: 5 } });
  });
});
