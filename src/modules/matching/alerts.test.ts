import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchSources } from '../../app.js';
import { mailText, type ReceivedMail, startSmtpServer, testMailer } from '../../test-support/smtp-server.js';
import { call, createTestApp, createVerifiedOrganization, type Session, signInDemo, type TestApp, within } from '../../test-support/test-app.js';
import { buildAchievementInput } from '../achievements/achievements.fixtures.js';
import { maxAuditId } from '../audit/index.js';
import { buildDemandInput } from '../demands/demands.fixtures.js';
import { deliverDue } from '../notifications/index.js';
import { emailOutbox, notifications } from '../notifications/notifications.tables.js';
import { createSearchRuntime, rebuild } from '../search/index.js';
import { createAlerts, DEMAND_ALERT_MIN_SCORE, demandsToAlert, pollAlerts, startAlerts, stopAlerts } from './matching.alerts.js';
import { savedSearches } from './matching.tables.js';

/**
 * Alerts end to end: the app's own follower (started with the app, as in production) notices a
 * publication in the audit log, waits for the search index, and notifies; e-mail leaves through
 * the outbox to a real SMTP server.
 */
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let univ: Session;
let operator: Session;
let enterprise: Session;
let broker: Session;
let gov: Session;
let lawyer: Session;
const BASE = 'https://kehui.example.cn';
const quiet = { error: () => undefined, info: () => undefined };
const tag = Date.now().toString(36).slice(-5);
const ids = { achievement: '', matching: '', unrelated: '', alertOn: '', alertOff: '', otherTopic: '', govSearch: '', lawyerSearch: '', demandSearch: '', orgSearch: '' };


const noticesOf = (userId: string, kind: string) =>
  t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

/** A user's alert mails in the outbox (not the daily digest, which the app's own job may queue at any time). */
const outboxOf = (userId: string) => t.database.db.select().from(emailOutbox).where(and(eq(emailOutbox.userId, userId), eq(emailOutbox.kind, 'saved_search')));

async function save(as: Session, name: string, query: Record<string, unknown>, alert: 'on' | 'off' = 'on') {
  const res = await call(t, 'POST', '/api/saved-searches', { as, body: { name, query, alert } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

async function publishDemand(overrides: Record<string, unknown>) {
  const c = await call(t, 'POST', '/api/demands', { as: enterprise, body: buildDemandInput(overrides) });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json<{ id: string }>().id;
  expect((await call(t, 'POST', `/api/demands/${id}/submit`, { as: enterprise })).statusCode).toBe(200);
  const p = await call(t, 'POST', `/api/demands/${id}/publish`, { as: operator });
  expect(p.statusCode, p.body).toBe(200);
  return id;
}

/** The owner's admin submits (confirmed at once), the operator publishes: the review flow. */
async function publishAchievement(overrides: Record<string, unknown>) {
  const a = await call(t, 'POST', '/api/achievements', { as: univ, body: buildAchievementInput(overrides) });
  expect(a.statusCode, a.body).toBe(201);
  const id = a.json<{ id: string }>().id;
  const s = await call(t, 'POST', `/api/achievements/${id}/submit`, { as: univ });
  expect(s.json<{ status: string }>().status).toBe('confirmed');
  const p = await call(t, 'POST', `/api/achievements/${id}/publish`, { as: operator });
  expect(p.statusCode, p.body).toBe(200);
  return id;
}

async function searchable(type: string, q: string, id: string) {
  const res = await call(t, 'GET', `/api/search?type=${type}&q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { id: string }[] }>().items.some((i) => i.id === id);
}

const mailsTo = (address: string): ReceivedMail[] => smtp.received.filter((m) => m.to.includes(address));

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startSmtpServer();
  ({ univ, operator, enterprise, broker, govWuhan: gov, lawyer } = await signInDemo(t, ['univ', 'operator', 'enterprise', 'broker', 'govWuhan', 'lawyer']));

  // Saved searches, before anything is published.
  const laser = { q: '激光熔覆', type: 'achievement', filters: { keyField: 'intelligent_equipment', trlMin: 5 } };
  ids.alertOn = await save(broker, '激光熔覆成果', laser);
  ids.alertOff = await save(broker, '激光熔覆（不提醒）', laser, 'off');
  ids.otherTopic = await save(broker, '钙钛矿成果', { q: '钙钛矿', type: 'achievement', filters: {} });
  // The same query with a filter the record fails: no alert.
  await save(broker, '激光熔覆（宜昌）', { ...laser, filters: { city: '420500' } });
  ids.govSearch = await save(gov, '激光熔覆', laser);
  ids.lawyerSearch = await save(lawyer, '激光熔覆', laser);
  // Demands and organizations can be watched too.
  ids.demandSearch = await save(univ, '膜生物反应器需求', { q: '膜生物反应器', type: 'demand', filters: { demandType: 'service' } });
  ids.orgSearch = await save(univ, '激光研究院', { q: '楚天激光研究院', type: 'organization', filters: { city: '420100' } });
  expect((await call(t, 'PUT', '/api/notifications/preferences', { as: gov, body: { emailMode: 'off' } })).statusCode).toBe(200);
  expect((await call(t, 'PUT', '/api/notifications/preferences', { as: lawyer, body: { emailMode: 'daily' } })).statusCode).toBe(200);

  // 星辰激光's open demands: one on laser cladding, one on something else entirely.
  ids.matching = await publishDemand({
    title: `激光熔覆再制造工艺需求${tag}`,
    publicSummary: '寻求轧辊、液压支架立柱磨损表面的激光熔覆再制造工艺，要求熔覆层无裂纹、结合强度高。',
    description: '磨损的液压支架立柱需要激光熔覆修复，熔覆层易开裂，希望合作开发稳定的熔覆工艺与合金粉末配方。',
    indicators: '熔覆层硬度 HRC 50 以上，稀释率低于 5%。',
    keywords: ['激光熔覆', '再制造'],
    keyField: 'intelligent_equipment',
    industry: 'C',
    demandType: 'development',
    cooperationModes: ['joint_development'],
  });
  ids.unrelated = await publishDemand({
    title: `城镇污水深度处理膜生物反应器需求${tag}`,
    publicSummary: '寻求城镇污水处理厂提标改造的膜生物反应器工艺与抗污染膜材料。',
    description: '现有活性污泥工艺出水总氮偏高，需要膜生物反应器改造方案。',
    indicators: '出水总氮低于 10mg/L。',
    keywords: ['污水处理', '膜生物反应器'],
    keyField: 'energy_saving_recycling',
    industry: 'N',
    demandType: 'service',
    cooperationModes: ['technical_service'],
    budgetMode: 'negotiable',
    budgetMin: undefined,
    budgetMax: undefined,
    budgetFirm: false,
  });
  expect(await within(5000, () => searchable('demand', '激光熔覆', ids.matching))).toBe(true);

  // Then 江城理工大学 publishes an achievement on laser cladding.
  ids.achievement = await publishAchievement({
    title: `高性能激光熔覆再制造技术${tag}`,
    keywords: ['激光熔覆', '再制造', '合金粉末'],
    abstract: '研制了面向液压支架立柱与轧辊的激光熔覆再制造成套工艺及专用合金粉末，熔覆层无裂纹、稀释率低，已在煤矿机械再制造中应用。',
    keyField: 'intelligent_equipment',
    industry: 'C',
    trl: 7,
    cooperationModes: ['transfer', 'joint_development'],
    pricingMode: 'asking',
    price: '600,000',
  });
}, 180_000);

afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

describe('saved-search alerts', () => {
  it('a published achievement notifies the owner of a matching saved search once, in-app and by e-mail', async () => {
    expect(await within(8000, async () => (await noticesOf(broker.userId, 'saved_search')).length > 0)).toBe(true);
    const notices = await noticesOf(broker.userId, 'saved_search');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      title: '保存的检索「激光熔覆成果」有新的科技成果',
      link: `/achievements/${ids.achievement}`,
      entityType: 'achievement',
      entityId: ids.achievement,
      dedupeKey: `saved-search:${ids.alertOn}:${ids.achievement}`,
    });
    expect(notices[0]?.body).toContain(`高性能激光熔覆再制造技术${tag}`);
    expect(notices[0]?.body).toContain('江城理工大学');
    const [row] = await t.database.db.select().from(savedSearches).where(eq(savedSearches.id, ids.alertOn));
    expect(row?.lastAlertAt).not.toBeNull();

    const sent = await deliverDue({ db: t.database.db, mailer: testMailer(smtp.port), baseUrl: BASE });
    expect(sent.failed).toBe(0);
    const mails = mailsTo('broker@kehui.example.cn');
    expect(mails).toHaveLength(1);
    const text = mailText(mails[0]?.raw ?? '');
    expect(text).toContain(`高性能激光熔覆再制造技术${tag}`);
    expect(text).toContain(`${BASE}/achievements/${ids.achievement}`);
  });

  it('a user who turned e-mail off gets the in-app notice but no e-mail', async () => {
    expect(await within(8000, async () => (await noticesOf(gov.userId, 'saved_search')).length > 0)).toBe(true);
    expect(await noticesOf(gov.userId, 'saved_search')).toHaveLength(1);
    expect(await outboxOf(gov.userId)).toEqual([]);
    await deliverDue({ db: t.database.db, mailer: testMailer(smtp.port), baseUrl: BASE });
    expect(mailsTo('gov.wuhan@kehui.example.cn')).toEqual([]);
  });

  it('a user on the daily digest gets the notice held for the digest, not an instant e-mail', async () => {
    expect(await within(8000, async () => (await noticesOf(lawyer.userId, 'saved_search')).length > 0)).toBe(true);
    const [notice] = await noticesOf(lawyer.userId, 'saved_search');
    expect(notice?.digestPending).toBe(true);
    expect(await outboxOf(lawyer.userId)).toEqual([]);
  });

  it('a published demand and a verified organization reach the saved searches watching them', async () => {
    expect(await within(8000, async () => (await noticesOf(univ.userId, 'saved_search')).length > 0)).toBe(true);
    const [demandNotice] = await noticesOf(univ.userId, 'saved_search');
    expect(demandNotice).toMatchObject({
      title: '保存的检索「膜生物反应器需求」有新的技术需求',
      link: `/demands/${ids.unrelated}`,
      dedupeKey: `saved-search:${ids.demandSearch}:${ids.unrelated}`,
    });
    expect(demandNotice?.body).toContain('武汉光谷星辰激光科技有限公司');
    // Signing up is not enough: only verified organizations are public.
    const { orgId } = await createVerifiedOrganization(t, operator, { organization: { name: `楚天激光研究院${tag}`, type: 'institute', regionCode: '420111' } });
    const key = `saved-search:${ids.orgSearch}:${orgId}`;
    expect(await within(8000, async () => (await noticesOf(univ.userId, 'saved_search')).some((n) => n.dedupeKey === key))).toBe(true);
    const orgNotice = (await noticesOf(univ.userId, 'saved_search')).find((n) => n.dedupeKey === key);
    expect(orgNotice?.title).toBe('保存的检索「激光研究院」有新的机构');
    expect(orgNotice?.link).toBe(`/search?type=organization&q=${encodeURIComponent(`楚天激光研究院${tag}`)}`);
  });

  it('searches with the alert off, another topic or a filter the record fails stay silent', async () => {
    const keys = (await noticesOf(broker.userId, 'saved_search')).map((n) => n.dedupeKey);
    expect(keys).toEqual([`saved-search:${ids.alertOn}:${ids.achievement}`]);
  });
});

describe('demand alerts', () => {
  it('an enterprise whose open demand matches the new achievement gets one alert and one e-mail', async () => {
    expect(await within(8000, async () => (await noticesOf(enterprise.userId, 'match_alert')).length > 0)).toBe(true);
    const alerts = await noticesOf(enterprise.userId, 'match_alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      title: `您的需求「激光熔覆再制造工艺需求${tag}」有新的匹配成果`,
      link: `/demands/${ids.matching}`,
      entityType: 'demand',
      entityId: ids.matching,
      dedupeKey: `match-alert:${ids.achievement}:${ids.matching}`,
    });
    expect(alerts[0]?.body).toMatch(/匹配度为 \d+%/);
    await deliverDue({ db: t.database.db, mailer: testMailer(smtp.port), baseUrl: BASE });
    const mails = mailsTo('enterprise.admin@kehui.example.cn');
    expect(mails).toHaveLength(1);
    expect(mailText(mails[0]?.raw ?? '')).toContain(`${BASE}/demands/${ids.matching}`);
  });

  it('scores the matching demand above the threshold and leaves the unrelated one out', async () => {
    const search = createSearchRuntime({ db: t.database.db, log: quiet, sources: searchSources() });
    await rebuild(search);
    const found = await demandsToAlert(search, t.database.db, ids.achievement);
    expect(found.map((f) => f.demandId)).toEqual([ids.matching]);
    expect(found[0]?.score).toBeGreaterThanOrEqual(DEMAND_ALERT_MIN_SCORE);
    const unrelated = await noticesOf(enterprise.userId, 'match_alert');
    expect(unrelated.some((n) => n.entityId === ids.unrelated)).toBe(false);
  });
});

describe('the alerts follower', () => {
  it('never notifies twice: another process replaying the whole log, and repeated rounds, add nothing', async () => {
    const db = t.database.db;
    const userIds = [broker.userId, gov.userId, lawyer.userId, enterprise.userId, univ.userId];
    // What alerts write (the app's own daily-digest job may queue a digest mail meanwhile: it failed
    // this test once, at 10:38 Shanghai time, when the count included every mail).
    const count = async () => ({
      notices: (await db.select().from(notifications).where(and(inArray(notifications.userId, userIds), eq(notifications.kind, 'saved_search')))).length,
      mails: (await db.select().from(emailOutbox).where(and(inArray(emailOutbox.userId, userIds), eq(emailOutbox.kind, 'saved_search')))).length,
    });
    const before = await count();
    // The earlier tests' alerts are there: replaying the log would duplicate them if it could.
    expect(before.notices).toBeGreaterThan(0);
    expect(before.mails).toBeGreaterThan(0);
    // A second process with its own index, reading the log from its very start.
    const search = createSearchRuntime({ db, log: quiet, sources: searchSources() });
    await rebuild(search);
    const peer = createAlerts({ db, search, log: quiet, fromAuditId: 0 });
    const first = await pollAlerts(peer);
    expect(first).toEqual({ notified: 0, pending: 0 });
    expect(await pollAlerts(peer)).toEqual({ notified: 0, pending: 0 });
    expect(await count()).toEqual(before);
  });

  it('starts at the end of the log, so a restart does not alert history', async () => {
    const search = createSearchRuntime({ db: t.database.db, log: quiet, sources: searchSources() });
    await rebuild(search);
    const restarted = createAlerts({ db: t.database.db, search, log: quiet, pollMs: 60_000 });
    await startAlerts(restarted);
    expect(restarted.lastAuditId).toBe(await maxAuditId(t.database.db));
    await stopAlerts(restarted);
  });

  it('waits for the search index before matching, and alerts once it has the record', async () => {
    const db = t.database.db;
    const search = createSearchRuntime({ db, log: quiet, sources: searchSources() });
    await rebuild(search);
    const follower = createAlerts({ db, search, log: quiet, fromAuditId: await maxAuditId(db) });
    const s = await save(enterprise, `晚到的检索${tag}`, { q: '超声波探伤', type: 'achievement', filters: {} });
    const id = await publishAchievement({ title: `便携式超声波探伤仪${tag}`, keywords: ['超声波探伤', '无损检测'], abstract: '便携式相控阵超声波探伤仪，用于焊缝无损检测。' });
    // This runtime's index has not applied the publication yet: the change waits.
    expect(await pollAlerts(follower)).toEqual({ notified: 0, pending: 1 });
    await rebuild(search);
    const r = await pollAlerts(follower);
    // The app's own follower may have been first: either way exactly one notice exists.
    expect(r.pending).toBe(0);
    expect(await within(5000, async () => (await noticesOf(enterprise.userId, 'saved_search')).some((n) => n.dedupeKey === `saved-search:${s}:${id}`))).toBe(true);
    expect((await noticesOf(enterprise.userId, 'saved_search')).filter((n) => n.entityId === id)).toHaveLength(1);
  });
});
