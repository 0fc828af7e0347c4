import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, orgIdByName, type Session, signInDemo, type TestApp } from '../../test-support/test-app.js';
import { organizations } from '../accounts/index.js';
import { buildAchievementInput } from '../achievements/achievements.fixtures.js';
import { auditLog } from '../audit/index.js';
import { demands } from '../demands/index.js';
import { buildCampaignInput, buildEventInput, buildVisitInput, dayFromToday } from './campaigns.fixtures.js';
import { campaignEvents, campaigns, campaignVisits } from './campaigns.tables.js';
import { seedCampaignsDemo } from './demo-data.js';

interface Detail {
  id: string;
  name: string;
  scopeRegionCode: string;
  status: string;
  regions: { code: string; name: string }[];
  targets: { visits: number; demands: number; events: number };
  actuals: Record<string, number>;
  series: { month: string; visits: number; demands: number; events: number }[];
  byRegion: { code: string; name: string; visits: number; enterprisesVisited: number; demands: number; events: number }[];
  allowedActions: string[];
}
interface Visit {
  id: string;
  enterpriseName: string;
  enterpriseOrganizationId: string | null;
  regionCode: string;
  demandsCollected: number;
  allowedActions: string[];
}
interface Event {
  id: string;
  isHeld: boolean;
  participants: string[] | null;
  demandIds: string[] | null;
  achievements: { id: string; title: string }[];
  hiddenPresented: number;
  outcomes: string;
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

let t: TestApp;
let operator: Session;
let govHubei: Session;
let govWuhan: Session;
let govYichang: Session;
let broker: Session;
let enterprise: Session;
let univ: Session;
let laserId = ''; // 武汉光谷星辰激光科技有限公司, 420111
let carsId = ''; // 武汉长江智能网联汽车有限公司, 420115
let univId = ''; // 江城理工大学 (not an enterprise)


async function create(as: Session, overrides: Record<string, unknown> = {}) {
  const res = await call(t, 'POST', '/api/campaigns', { as, body: buildCampaignInput(overrides) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Detail>();
}

async function visit(as: Session, campaignId: string, overrides: Record<string, unknown> = {}) {
  const res = await call(t, 'POST', `/api/campaigns/${campaignId}/visits`, { as, body: buildVisitInput(overrides) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Visit>();
}

async function rowCounts() {
  const n = async (table: typeof campaigns | typeof campaignVisits | typeof campaignEvents | typeof auditLog) =>
    (await t.database.db.select({ n: count() }).from(table))[0]?.n ?? 0;
  return { campaigns: await n(campaigns), visits: await n(campaignVisits), events: await n(campaignEvents), audit: await n(auditLog) };
}

function paths(res: { json: <T>() => T }) {
  return (res.json<Problem>().errors ?? []).map((e) => e.path);
}

/**
 * A demand of the campaign: through the demands API when it is registered, otherwise written
 * directly (the demands module was being built alongside this one).
 */
async function addDemand(campaignId: string, visitId: string, enterpriseId: string, title: string) {
  const hasApi = t.app.kehuiRoutes.some((r) => r.method === 'POST' && r.url === '/api/demands');
  if (hasApi) {
    const res = await call(t, 'POST', '/api/demands', {
      as: operator,
      body: { title, enterpriseOrganizationId: enterpriseId, source: 'campaign', campaignId, campaignVisitId: visitId },
    });
    expect(res.statusCode, res.body).toBe(201);
    return;
  }
  await t.database.db.insert(demands).values({
    enterpriseOrganizationId: enterpriseId,
    regionCode: '420111',
    title,
    normalizedTitle: title,
    source: 'campaign',
    campaignId,
    campaignVisitId: visitId,
  });
}

beforeAll(async () => {
  t = await createTestApp();
  ({ operator, govHubei, govWuhan, govYichang, broker, enterprise, univ } = await signInDemo(t, ['operator', 'govHubei', 'govWuhan', 'govYichang', 'broker', 'enterprise', 'univ']));
  laserId = await orgIdByName(t, '武汉光谷星辰激光科技有限公司');
  carsId = await orgIdByName(t, '武汉长江智能网联汽车有限公司');
  univId = await orgIdByName(t, '江城理工大学');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('POST /api/campaigns', () => {
  it('lets the operator start a campaign across cities, scoped to their narrowest common region, and audits it', async () => {
    const c = await create(operator, { regionCodes: ['420100', '420500'] });
    expect(c.scopeRegionCode).toBe('420000');
    expect(c.regions).toEqual([
      { code: '420100', name: '武汉市' },
      { code: '420500', name: '宜昌市' },
    ]);
    expect(c.status).toBe('active');
    expect(c.allowedActions).toEqual(expect.arrayContaining(['edit', 'recordVisit', 'viewVisits', 'recordEvent']));
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, c.id));
    expect(audit.map((a) => [a.action, a.entityType, a.regionCode])).toEqual([['campaign.created', 'campaign', '420000']]);
  });

  it('lets a city gov_admin start one inside its city', async () => {
    const c = await create(govWuhan, { regionCodes: ['420111', '420115'] });
    expect(c.scopeRegionCode).toBe('420100');
    expect(c.allowedActions).toContain('edit');
  });

  it('refuses a gov_admin regions outside its own, and writes nothing', async () => {
    const before = await rowCounts();
    const across = await call(t, 'POST', '/api/campaigns', { as: govWuhan, body: buildCampaignInput({ regionCodes: ['420100', '420500'] }) });
    expect(across.statusCode).toBe(403);
    expect(across.json<Problem>().detail).toContain('武汉市');
    expect((await call(t, 'POST', '/api/campaigns', { as: govYichang, body: buildCampaignInput() })).statusCode).toBe(403);
    expect((await call(t, 'POST', '/api/campaigns', { as: broker, body: buildCampaignInput() })).statusCode).toBe(403);
    expect((await call(t, 'POST', '/api/campaigns', { as: enterprise, body: buildCampaignInput() })).statusCode).toBe(403);
    expect((await call(t, 'POST', '/api/campaigns', { body: buildCampaignInput() })).statusCode).toBe(401);
    expect(await rowCounts()).toEqual(before);
  });

  it('rejects bad input with Chinese messages at every field path, and writes nothing', async () => {
    const before = await rowCounts();
    const shape = await call(t, 'POST', '/api/campaigns', {
      as: operator,
      body: buildCampaignInput({ name: '', startsOn: '2026/01/01', targetVisits: -1, targetDemands: 1.5, targetEvents: 100_001 }),
    });
    expect(shape.statusCode).toBe(400);
    const errors = shape.json<Problem>().errors ?? [];
    expect(Object.fromEntries(errors.map((e) => [e.path, e.message]))).toMatchObject({
      name: '请填写活动名称',
      startsOn: '开始日期应为 YYYY-MM-DD 格式的日期',
      targetVisits: '走访企业目标不能为负数',
      targetDemands: '挖掘需求目标应为整数',
      targetEvents: '对接活动目标不能超过 100000',
    });

    const period = await call(t, 'POST', '/api/campaigns', { as: operator, body: buildCampaignInput({ startsOn: '2026-06-01', endsOn: '2026-05-31' }) });
    expect(period.statusCode).toBe(400);
    expect(period.json<Problem>().errors).toEqual([{ path: 'endsOn', message: '结束日期不能早于开始日期' }]);

    const regions = await call(t, 'POST', '/api/campaigns', { as: operator, body: buildCampaignInput({ regionCodes: ['420100', '420111', '999999'] }) });
    expect(regions.statusCode).toBe(400);
    expect(regions.json<Problem>().errors).toEqual([{ path: 'regionCodes.2', message: '地区代码 999999 不存在' }]);
    const inside = await call(t, 'POST', '/api/campaigns', { as: operator, body: buildCampaignInput({ regionCodes: ['420100', '420111'] }) });
    expect(inside.json<Problem>().errors).toEqual([{ path: 'regionCodes.1', message: '「洪山区」已包含在「武汉市」中，请只保留一个' }]);

    const tooLong = await call(t, 'POST', '/api/campaigns', { as: operator, body: buildCampaignInput({ startsOn: '2024-01-01', endsOn: '2027-06-30' }) });
    expect(paths(tooLong)).toEqual(['endsOn']);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('PATCH /api/campaigns/:id', () => {
  it('lets the governing gov_admins edit and refuses other regions', async () => {
    const c = await create(govWuhan);
    expect((await call(t, 'PATCH', `/api/campaigns/${c.id}`, { as: govYichang, body: { targetVisits: 5 } })).statusCode).toBe(403);
    const byProvince = await call(t, 'PATCH', `/api/campaigns/${c.id}`, { as: govHubei, body: { targetVisits: 25 } });
    expect(byProvince.statusCode, byProvince.body).toBe(200);
    expect(byProvince.json<Detail>().targets.visits).toBe(25);
    // Moving the campaign out of its own city is not for the city's admin.
    expect((await call(t, 'PATCH', `/api/campaigns/${c.id}`, { as: govWuhan, body: { regionCodes: ['420500'] } })).statusCode).toBe(403);
    const moved = await call(t, 'PATCH', `/api/campaigns/${c.id}`, { as: govWuhan, body: { regionCodes: ['420111'] } });
    expect(moved.json<Detail>().scopeRegionCode).toBe('420111');
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, c.id));
    expect(audit.map((a) => a.action)).toEqual(['campaign.created', 'campaign.updated', 'campaign.updated']);
    expect(audit[2]?.regionCode).toBe('420111');
  });

  it('keeps recorded visits inside the period and the regions', async () => {
    const c = await create(operator, { regionCodes: ['420100', '420500'] });
    await visit(operator, c.id, { visitedOn: dayFromToday(-30) });
    const shrink = await call(t, 'PATCH', `/api/campaigns/${c.id}`, { as: operator, body: { startsOn: dayFromToday(-20) } });
    expect(shrink.statusCode).toBe(400);
    expect(paths(shrink)).toEqual(['startsOn']);
    const order = await call(t, 'PATCH', `/api/campaigns/${c.id}`, { as: operator, body: { endsOn: dayFromToday(-70) } });
    expect(order.json<Problem>().errors).toEqual([{ path: 'endsOn', message: '结束日期不能早于开始日期' }]);
    const drop = await call(t, 'PATCH', `/api/campaigns/${c.id}`, { as: operator, body: { regionCodes: ['420500'] } });
    expect(drop.statusCode).toBe(400);
    expect(drop.json<Problem>().errors?.[0]?.message).toContain('洪山区');
  });
});

describe('campaign visits', () => {
  it('lets a broker record a visit to a registered enterprise, named and placed from its record', async () => {
    const c = await create(govWuhan);
    const v = await visit(broker, c.id, { enterpriseOrganizationId: laserId, enterpriseName: undefined, regionCode: undefined });
    expect(v).toMatchObject({ enterpriseName: '武汉光谷星辰激光科技有限公司', enterpriseOrganizationId: laserId, regionCode: '420111', demandsCollected: 0 });
    expect(v.allowedActions).toEqual(['collectDemand']);
    // The same enterprise the same day again is a double entry.
    const again = await call(t, 'POST', `/api/campaigns/${c.id}/visits`, { as: broker, body: buildVisitInput({ enterpriseOrganizationId: laserId, enterpriseName: undefined, regionCode: undefined }) });
    expect(again.statusCode).toBe(409);
  });

  it('rejects dates outside the period or ahead, places outside the regions and non-enterprises, writing nothing', async () => {
    const c = await create(govWuhan, { startsOn: dayFromToday(-30), endsOn: dayFromToday(30) });
    const before = await rowCounts();
    const bad = async (overrides: Record<string, unknown>) => {
      const res = await call(t, 'POST', `/api/campaigns/${c.id}/visits`, { as: govWuhan, body: buildVisitInput(overrides) });
      expect(res.statusCode, res.body).toBe(400);
      return res.json<Problem>().errors ?? [];
    };
    expect(await bad({ visitedOn: dayFromToday(-31) })).toEqual([
      { path: 'visitedOn', message: `走访日期应在活动周期 ${dayFromToday(-30)} 至 ${dayFromToday(30)} 之内` },
    ]);
    expect(await bad({ visitedOn: dayFromToday(2) })).toEqual([{ path: 'visitedOn', message: '走访日期不能晚于今天' }]);
    expect(await bad({ regionCode: '420502' })).toEqual([{ path: 'regionCode', message: '企业所在地区「西陵区」不在本次活动范围（武汉市）内' }]);
    expect((await bad({ enterpriseOrganizationId: univId, enterpriseName: undefined })).map((e) => e.path)).toEqual(['enterpriseOrganizationId']);
    expect((await bad({ enterpriseName: '', regionCode: undefined, team: [] })).map((e) => e.path).sort()).toEqual(['team']);
    expect((await bad({ enterpriseName: '  ', regionCode: undefined })).map((e) => e.path).sort()).toEqual(['enterpriseName', 'regionCode']);
    expect(await rowCounts()).toEqual(before);
  });

  it('shows visits to the governing gov_admins, brokers their own, and nobody else', async () => {
    const c = await create(operator, { regionCodes: ['420100', '420500'] });
    const byBroker = await visit(broker, c.id);
    const inWuhan = await visit(govWuhan, c.id);
    const inYichang = await visit(govYichang, c.id, { regionCode: '420502', enterpriseName: '宜昌测试化工有限公司' });
    // A city admin records only in its own city.
    expect((await call(t, 'POST', `/api/campaigns/${c.id}/visits`, { as: govYichang, body: buildVisitInput() })).statusCode).toBe(403);

    const ids = async (as: Session) => (await call(t, 'GET', `/api/campaigns/${c.id}/visits`, { as })).json<Page<Visit>>().items.map((v) => v.id).sort();
    expect(await ids(operator)).toEqual([byBroker.id, inWuhan.id, inYichang.id].sort());
    expect(await ids(govHubei)).toEqual([byBroker.id, inWuhan.id, inYichang.id].sort());
    expect(await ids(govWuhan)).toEqual([byBroker.id, inWuhan.id].sort());
    expect(await ids(govYichang)).toEqual([inYichang.id]);
    expect(await ids(broker)).toEqual([byBroker.id]);

    const wuhanOnly = await create(govWuhan);
    expect((await call(t, 'GET', `/api/campaigns/${wuhanOnly.id}/visits`, { as: govYichang })).statusCode).toBe(403);
    expect((await call(t, 'POST', `/api/campaigns/${wuhanOnly.id}/visits`, { as: govYichang, body: buildVisitInput() })).statusCode).toBe(403);
    expect((await call(t, 'GET', `/api/campaigns/${wuhanOnly.id}/visits`, { as: enterprise })).statusCode).toBe(403);
    expect((await call(t, 'GET', `/api/campaigns/${wuhanOnly.id}/visits`)).statusCode).toBe(401);
    // The public campaign page says nothing of the visits beyond the counts.
    const pub = await call(t, 'GET', `/api/campaigns/${c.id}`);
    expect(pub.json<Detail>().allowedActions).toEqual([]);
    expect(pub.body).not.toContain('宜昌测试化工有限公司');
  });
});

describe('docking events', () => {
  let campaignId = '';
  let publishedAchievementId = '';
  let draftAchievementId = '';

  beforeAll(async () => {
    campaignId = (await create(govWuhan)).id;
    const a = await call(t, 'POST', '/api/achievements', { as: univ, body: buildAchievementInput() });
    publishedAchievementId = a.json<{ id: string }>().id;
    expect((await call(t, 'POST', `/api/achievements/${publishedAchievementId}/submit`, { as: univ })).statusCode).toBe(200);
    expect((await call(t, 'POST', `/api/achievements/${publishedAchievementId}/publish`, { as: operator })).statusCode).toBe(200);
    draftAchievementId = (await call(t, 'POST', '/api/achievements', { as: univ, body: buildAchievementInput() })).json<{ id: string }>().id;
  });

  it('rejects presented records that do not exist and dates outside the period, writing nothing', async () => {
    const before = await rowCounts();
    const res = await call(t, 'POST', `/api/campaigns/${campaignId}/events`, {
      as: govWuhan,
      body: buildEventInput({
        heldOn: dayFromToday(90),
        demandIds: ['00000000-0000-4000-8000-000000000001'],
        achievementIds: [publishedAchievementId, '00000000-0000-4000-8000-000000000002'],
      }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors).toEqual([
      { path: 'heldOn', message: `举办日期应在活动周期 ${dayFromToday(-60)} 至 ${dayFromToday(60)} 之内` },
      { path: 'demandIds.0', message: '所选需求不存在' },
      { path: 'achievementIds.1', message: '所选成果不存在' },
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it('is recorded by the governing gov_admins only, shown to the public without the participant list', async () => {
    expect((await call(t, 'POST', `/api/campaigns/${campaignId}/events`, { as: broker, body: buildEventInput() })).statusCode).toBe(403);
    expect((await call(t, 'POST', `/api/campaigns/${campaignId}/events`, { as: govYichang, body: buildEventInput() })).statusCode).toBe(403);
    const res = await call(t, 'POST', `/api/campaigns/${campaignId}/events`, {
      as: govWuhan,
      body: buildEventInput({ achievementIds: [publishedAchievementId, draftAchievementId] }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json<Event>();
    expect(e.participants).toHaveLength(2);
    expect(e.achievements.map((a) => a.id)).toEqual([publishedAchievementId, draftAchievementId]);

    const pub = await call(t, 'GET', `/api/campaigns/${campaignId}/events/${e.id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json<Event>()).toMatchObject({ isHeld: true, participants: null, demandIds: null, hiddenPresented: 1, allowedActions: [] });
    expect(pub.json<Event>().achievements.map((a) => a.id)).toEqual([publishedAchievementId]);
    expect((await call(t, 'GET', `/api/campaigns/${campaignId}/events`)).json<{ items: Event[] }>().items.map((i) => i.id)).toEqual([e.id]);

    expect((await call(t, 'PATCH', `/api/campaigns/${campaignId}/events/${e.id}`, { as: govYichang, body: { outcomes: '越权' } })).statusCode).toBe(403);
    const patched = await call(t, 'PATCH', `/api/campaigns/${campaignId}/events/${e.id}`, { as: govWuhan, body: { outcomes: '签约意向 4 项', intentionsSigned: 4 } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<Event>().outcomes).toBe('签约意向 4 项');
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, campaignId));
    expect(audit.map((a) => a.action)).toEqual(['campaign.created', 'campaign.event_recorded', 'campaign.event_updated']);
  });
});

describe('actuals against targets', () => {
  it('counts visits, distinct enterprises, demands, events held and planned, by month and by region', async () => {
    const c = await create(operator, { regionCodes: ['420111', '420115'], targetVisits: 10, targetDemands: 8, targetEvents: 2 });
    const first = await visit(broker, c.id, { enterpriseOrganizationId: laserId, enterpriseName: undefined, regionCode: undefined, visitedOn: dayFromToday(-20) });
    await visit(govWuhan, c.id, { enterpriseOrganizationId: laserId, enterpriseName: undefined, regionCode: undefined, visitedOn: dayFromToday(-3) });
    await visit(operator, c.id, { enterpriseOrganizationId: carsId, enterpriseName: undefined, regionCode: undefined, visitedOn: dayFromToday(-3) });
    await addDemand(c.id, first.id, laserId, '高反射材料激光焊接工艺需求');
    await addDemand(c.id, first.id, laserId, '激光器散热模块国产化需求');
    const held = await call(t, 'POST', `/api/campaigns/${c.id}/events`, {
      as: govWuhan,
      body: buildEventInput({ regionCode: '420111', participantCount: 40, intentionsSigned: 2, heldOn: dayFromToday(-2) }),
    });
    expect(held.statusCode, held.body).toBe(201);
    const planned = await call(t, 'POST', `/api/campaigns/${c.id}/events`, {
      as: operator,
      body: buildEventInput({ regionCode: '420115', participantCount: 100, intentionsSigned: 0, heldOn: dayFromToday(20) }),
    });
    expect(planned.statusCode, planned.body).toBe(201);

    const res = await call(t, 'GET', `/api/campaigns/${c.id}`);
    expect(res.statusCode).toBe(200);
    const d = res.json<Detail>();
    expect(d.targets).toEqual({ visits: 10, demands: 8, events: 2 });
    expect(d.actuals).toEqual({
      visits: 3,
      enterprisesVisited: 2,
      demands: 2,
      eventsHeld: 1,
      eventsPlanned: 1,
      participants: 40,
      intentionsSigned: 2,
      demandsPresented: 0,
      achievementsPresented: 0,
    });
    const sum = (k: 'visits' | 'demands' | 'events') => d.series.reduce((n, p) => n + p[k], 0);
    expect([sum('visits'), sum('demands'), sum('events')]).toEqual([3, 2, 1]);
    expect(d.series[0]?.month).toBe(dayFromToday(-60).slice(0, 7));
    expect(d.series.at(-1)?.month).toBe(dayFromToday(60).slice(0, 7));
    expect(d.byRegion).toEqual([
      { code: '420111', name: '洪山区', visits: 2, enterprisesVisited: 1, demands: 2, events: 1 },
      { code: '420115', name: '江夏区', visits: 1, enterprisesVisited: 1, demands: 0, events: 0 },
    ]);
    const visits = (await call(t, 'GET', `/api/campaigns/${c.id}/visits`, { as: operator })).json<Page<Visit>>().items;
    expect(visits.find((v) => v.id === first.id)?.demandsCollected).toBe(2);

    // The list carries the same actuals.
    const list = (await call(t, 'GET', '/api/campaigns?regionCode=420115&status=active&pageSize=100')).json<Page<Detail>>();
    expect(list.items.find((i) => i.id === c.id)?.actuals.enterprisesVisited).toBe(2);
  });
});

describe('GET /api/campaigns', () => {
  it('filters by region, year and status (Beijing calendar)', async () => {
    const ended = await create(govYichang, { regionCodes: ['420500'], startsOn: '2024-03-01', endsOn: '2024-11-30' });
    const upcoming = await create(govWuhan, { startsOn: dayFromToday(10), endsOn: dayFromToday(100) });
    const ids = async (query: string) => (await call(t, 'GET', `/api/campaigns?pageSize=100&${query}`)).json<Page<Detail>>().items.map((i) => i.id);
    expect(await ids('status=ended')).toContain(ended.id);
    expect(await ids('status=ended')).not.toContain(upcoming.id);
    expect(await ids('status=upcoming')).toEqual([upcoming.id]);
    expect(await ids('year=2024')).toEqual([ended.id]);
    // A district sees its city's campaigns and the province-wide ones, not another city's.
    const inHongshan = await ids('regionCode=420111');
    expect(inHongshan).toContain(upcoming.id);
    expect(inHongshan).not.toContain(ended.id);
    expect(await ids('regionCode=420502')).toContain(ended.id);
    const bad = await call(t, 'GET', '/api/campaigns?status=running');
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['query.status']);
  });
});

describe('demo data', () => {
  it('seeds campaigns in Hubei cities with visits and events, one of them ended', async () => {
    const orgs = await t.database.db.select({ id: organizations.id, name: organizations.name, type: organizations.type, regionCode: organizations.regionCode, status: organizations.status }).from(organizations);
    expect(await seedCampaignsDemo(t.database.db, orgs)).toBe(3);
    const list = (await call(t, 'GET', `/api/campaigns?q=${encodeURIComponent('科惠行动')}&pageSize=100`)).json<Page<Detail>>().items;
    const demo = list.filter((c) => /武汉东湖高新区|宜昌市科惠行动|襄阳·荆门/.test(c.name));
    expect(demo.map((c) => c.status).sort()).toEqual(['active', 'active', 'ended']);
    const wuhan = demo.find((c) => c.name.includes('武汉东湖高新区'));
    expect(wuhan?.scopeRegionCode).toBe('420100');
    expect(wuhan?.actuals).toMatchObject({ visits: 11, enterprisesVisited: 9, eventsHeld: 2, eventsPlanned: 1, participants: 140, intentionsSigned: 8 });
  });
});
