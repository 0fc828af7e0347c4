import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchSources } from '../../app.js';
import { buildSignupOrganization } from '../../test-support/fixtures.js';
import { call, createTestApp, type Session, sessionFrom, signIn, type TestApp } from '../../test-support/test-app.js';
import { buildAchievementInput } from '../achievements/achievements.fixtures.js';
import { auditLog } from '../audit/index.js';
import { buildDemandInput } from '../demands/demands.fixtures.js';
import { createSearchRuntime, rebuild, type SearchRuntime } from '../search/index.js';
import { COMPONENTS, DEFAULT_WEIGHTS } from './match-scoring.js';
import { recordVerdict, rematchAll } from './matching.service.js';
import { matchFeedback, matchingWeights, matchRecommendations } from './matching.tables.js';

interface Component {
  component: string;
  label: string;
  value: number;
  weight: number;
  contribution: number;
  reason: string;
}
interface Recommendations {
  demand: { id: string; title: string };
  weights: { source: string };
  items: { rank: number; score: number; achievementId: string; components: Component[]; matchedTerms: string[]; achievement: { id: string; title: string; contact?: unknown; indicators?: unknown } }[];
}
interface Problem {
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

const login = (name: string) => `${name}@kehui.example.cn`;
const CHINESE = /[\u4e00-\u9fff]/;

let t: TestApp;
const as: Record<string, Session> = {};
let yichangEnterprise: Session;
const ids = { overBudget: '', inBudget: '', unrelated: '', draftAchievement: '', claimed: '', published: '', draft: '', submitted: '', yichangPublished: '' };

async function ok<T>(res: { statusCode: number; body: string; json: () => unknown }, status = 200): Promise<T> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

async function publishedAchievement(overrides: Record<string, unknown>) {
  const created = await ok<{ id: string }>(await call(t, 'POST', '/api/achievements', { as: as.univ, body: buildAchievementInput(overrides) }), 201);
  await ok(await call(t, 'POST', `/api/achievements/${created.id}/submit`, { as: as.univ }));
  await ok(await call(t, 'POST', `/api/achievements/${created.id}/publish`, { as: as.operator }));
  return created.id;
}

async function demandAt(by: Session, stage: 'draft' | 'submitted' | 'published' | 'claimed', overrides: Record<string, unknown> = {}) {
  const created = await ok<{ id: string }>(await call(t, 'POST', '/api/demands', { as: by, body: buildDemandInput(overrides) }), 201);
  const steps: [Session, string][] = [];
  if (stage !== 'draft') steps.push([by, 'submit']);
  if (stage === 'published' || stage === 'claimed') steps.push([as.operator as Session, 'publish']);
  if (stage === 'claimed') steps.push([as.broker as Session, 'claim']);
  for (const [who, step] of steps) await ok(await call(t, 'POST', `/api/demands/${created.id}/${step}`, { as: who }));
  return created.id;
}

/** The index follows writes through the audit log: wait until it holds `n` records of a type. */
async function waitForIndex(type: 'achievement' | 'demand', n: number) {
  let last = '';
  for (let i = 0; i < 600; i++) {
    const r = await call(t, 'GET', `/api/search?type=${type}&q=&pageSize=1`);
    last = r.body;
    if (r.statusCode === 200 && r.json<{ total: number }>().total >= n) return;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`index did not reach ${n} ${type} records: ${last.slice(0, 300)}`);
}

const recommendations = (id: string, who: Session | null, limit = 10) => call(t, 'GET', `/api/matching/demands/${id}/recommendations?limit=${limit}`, { as: who });

beforeAll(async () => {
  t = await createTestApp();
  for (const [key, name] of Object.entries({ operator: 'operator', hubei: 'gov.hubei', wuhan: 'gov.wuhan', yichang: 'gov.yichang', univ: 'univ.admin', enterprise: 'enterprise.admin', broker: 'broker' })) {
    as[key] = await signIn(t, login(name));
  }
  const signup = await call(t, 'POST', '/api/auth/signup-organization', {
    body: buildSignupOrganization({ organization: { regionCode: '420502', type: 'enterprise' }, admin: { mobile: `137${String(Date.now()).slice(-8)}` } }),
  });
  yichangEnterprise = sessionFrom(signup);
  await ok(await call(t, 'POST', `/api/organizations/${signup.json<{ organization: { id: string } }>().organization.id}/verify`, { as: as.operator }));

  // Two answers to a copper–aluminium laser welding demand (budget 50–80万): one names every part
  // of the problem but asks 300万, the other fits the budget with less of the wording.
  const coded = { keyField: 'intelligent_equipment', industry: 'C', trl: 6, stage: 'pilot', cooperationModes: ['joint_development'], pricingMode: 'asking' };
  ids.overBudget = await publishedAchievement({
    ...coded,
    title: '动力电池极耳铜铝异种材料激光焊接工艺',
    keywords: ['激光焊接', '铜铝焊接', '气孔率'],
    abstract: '针对动力电池极耳铜铝异种材料激光焊接飞溅大、气孔率高的问题，提出摆动激光焊接工艺与在线监测方案，气孔率低于 1%，焊缝拉力达到母材 85%。',
    price: '300万',
  });
  ids.inBudget = await publishedAchievement({
    ...coded,
    title: '激光焊接过程质量在线监测装置',
    keywords: ['激光焊接', '在线监测'],
    abstract: '基于光电信号的激光焊接过程在线监测装置，可识别焊接缺陷，适用于电池制造等场景。',
    price: '60万',
  });
  ids.unrelated = await publishedAchievement({ title: '富硒茶叶深加工工艺', keywords: ['富硒', '茶叶'], abstract: '富硒茶叶的低温萃取与深加工工艺，保留茶多酚与有机硒，提高附加值。', keyField: 'biomedicine_medical_devices' });
  const draft = await ok<{ id: string }>(await call(t, 'POST', '/api/achievements', { as: as.univ, body: buildAchievementInput({ title: '激光焊接草稿成果' }) }), 201);
  ids.draftAchievement = draft.id;

  ids.claimed = await demandAt(as.enterprise as Session, 'claimed');
  ids.published = await demandAt(as.enterprise as Session, 'published');
  ids.draft = await demandAt(as.enterprise as Session, 'draft');
  ids.submitted = await demandAt(as.enterprise as Session, 'submitted');
  ids.yichangPublished = await demandAt(yichangEnterprise, 'published');
  await waitForIndex('achievement', 3);
  await waitForIndex('demand', 3);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('GET /api/matching/demands/:id/recommendations', () => {
  it('ranks achievements for the claimant broker, with every component and a Chinese reason', async () => {
    const r = await ok<Recommendations>(await recommendations(ids.claimed, as.broker as Session));
    expect(r.weights.source).toBe('default');
    const found = r.items.map((i) => i.achievementId);
    expect(found).toContain(ids.overBudget);
    expect(found).toContain(ids.inBudget);
    expect(found).not.toContain(ids.draftAchievement);
    const first = r.items[0];
    expect(first?.rank).toBe(1);
    expect(first?.components.map((c) => c.component)).toEqual([...COMPONENTS]);
    for (const item of r.items) {
      expect(item.score).toBeCloseTo(item.components.reduce((s, c) => s + c.contribution, 0), 3);
      for (const c of item.components) {
        expect(c.reason).toMatch(CHINESE);
        expect(c.label).toMatch(CHINESE);
      }
    }
    const over = r.items.find((i) => i.achievementId === ids.overBudget);
    expect(over?.matchedTerms).toEqual(expect.arrayContaining(['焊接', '气孔率']));
    expect(over?.components.find((c) => c.component === 'price')?.reason).toBe('报价 300万元，超出预算上限 80万元');
    expect(over?.components.find((c) => c.component === 'keyField')?.reason).toBe('同属重点领域：智能装备');
    expect(over?.components.find((c) => c.component === 'region')?.reason).toBe('成果与需求同在武汉市');
    // The summary is the public list item: never contact or gated parts.
    expect(over?.achievement.title).toBe('动力电池极耳铜铝异种材料激光焊接工艺');
    expect(over?.achievement).not.toHaveProperty('contactPhone');
    expect(over?.achievement).not.toHaveProperty('indicators');
  });

  it('is open to the enterprise, the operator and the gov_admins of the region', async () => {
    for (const who of ['enterprise', 'operator', 'hubei', 'wuhan']) {
      expect((await recommendations(ids.claimed, as[who] as Session)).statusCode, who).toBe(200);
    }
    // The enterprise sees its own drafts' recommendations too.
    expect((await recommendations(ids.draft, as.enterprise as Session)).statusCode).toBe(200);
  });

  it('shows a broker only the demands its institution holds: 403 on the board, 404 for drafts', async () => {
    expect((await recommendations(ids.published, as.broker as Session)).statusCode).toBe(403);
    expect((await recommendations(ids.yichangPublished, as.broker as Session)).statusCode).toBe(403);
    expect((await recommendations(ids.draft, as.broker as Session)).statusCode).toBe(404);
    expect((await recommendations(ids.submitted, as.broker as Session)).statusCode).toBe(404);
  });

  it('refuses another enterprise (403 on the board, 404 unpublished) and gov_admins of other regions', async () => {
    const forbidden = await recommendations(ids.claimed, yichangEnterprise);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json<Problem>().detail).toMatch(CHINESE);
    expect((await recommendations(ids.draft, yichangEnterprise)).statusCode).toBe(404);
    expect((await recommendations(ids.submitted, yichangEnterprise)).statusCode).toBe(404);
    expect((await recommendations(ids.claimed, as.yichang as Session)).statusCode).toBe(403);
    // A submitted demand of 武汉 is hidden from 宜昌's gov_admin: no leak of its existence.
    const hidden = await recommendations(ids.submitted, as.yichang as Session);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json<Problem>().detail).toBe('技术需求不存在或无权查看');
    expect((await recommendations(ids.yichangPublished, as.yichang as Session)).statusCode).toBe(200);
    expect((await recommendations(ids.yichangPublished, as.wuhan as Session)).statusCode).toBe(403);
    expect((await recommendations(randomUUID(), as.operator as Session)).statusCode).toBe(404);
    expect((await recommendations(ids.claimed, as.univ as Session)).statusCode).toBe(403);
    expect((await recommendations(ids.claimed, null)).statusCode).toBe(401);
  });

  it('validates the limit', async () => {
    const r = await recommendations(ids.claimed, as.operator as Session, 500);
    expect(r.statusCode).toBe(400);
    expect(r.json<Problem>().errors?.[0]).toEqual({ path: 'query.limit', message: '条数不能超过 50' });
  });
});

describe('GET /api/matching/achievements/:id/demands', () => {
  interface Enterprises {
    enterprises: { organizationId: string; name: string; score: number; demands: { score: number; demandId: string; components: Component[]; demand: { id: string; title: string } }[] }[];
  }

  it('groups the open demands that might need the achievement by enterprise, for its owner', async () => {
    const r = await ok<Enterprises>(await call(t, 'GET', `/api/matching/achievements/${ids.overBudget}/demands`, { as: as.univ }));
    const xingchen = r.enterprises.find((e) => e.name === '武汉光谷星辰激光科技有限公司');
    const demandIds = xingchen?.demands.map((d) => d.demandId) ?? [];
    expect(demandIds).toEqual(expect.arrayContaining([ids.claimed]));
    expect(demandIds.length).toBeLessThanOrEqual(3);
    expect(demandIds).not.toContain(ids.draft);
    expect(demandIds).not.toContain(ids.submitted);
    for (const e of r.enterprises) expect(e.score).toBe(e.demands[0]?.score);
    expect(xingchen?.demands[0]?.components).toHaveLength(COMPONENTS.length);
  });

  it('is for the owner, the operator and the region’s gov_admins only', async () => {
    const url = `/api/matching/achievements/${ids.overBudget}/demands`;
    for (const who of ['operator', 'hubei', 'wuhan']) expect((await call(t, 'GET', url, { as: as[who] })).statusCode, who).toBe(200);
    for (const who of ['enterprise', 'broker', 'yichang']) expect((await call(t, 'GET', url, { as: as[who] })).statusCode, who).toBe(403);
    // A draft is hidden from everyone but its owner.
    const draftUrl = `/api/matching/achievements/${ids.draftAchievement}/demands`;
    expect((await call(t, 'GET', draftUrl, { as: as.univ })).statusCode).toBe(200);
    expect((await call(t, 'GET', draftUrl, { as: as.enterprise })).statusCode).toBe(404);
    expect((await call(t, 'GET', draftUrl, { as: as.wuhan })).statusCode).toBe(404);
  });
});

describe('/api/matching/weights', () => {
  it('refuses values out of range, all zeros and unknown components, with the field path in Chinese', async () => {
    const full = { ...DEFAULT_WEIGHTS };
    const outOfRange = await call(t, 'PUT', '/api/matching/weights', { as: as.operator, body: { weights: { ...full, text: 1.5, price: -0.1 } } });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json<Problem>().errors).toEqual(
      expect.arrayContaining([
        { path: 'weights.text', message: '权重不能大于 1' },
        { path: 'weights.price', message: '权重不能小于 0' },
      ]),
    );
    const zeros = await call(t, 'PUT', '/api/matching/weights', { as: as.operator, body: { weights: Object.fromEntries(COMPONENTS.map((c) => [c, 0])) } });
    expect(zeros.statusCode).toBe(400);
    expect(zeros.json<Problem>().errors).toEqual([{ path: 'weights', message: '至少一项权重须大于 0' }]);
    const unknown = await call(t, 'PUT', '/api/matching/weights', { as: as.operator, body: { weights: { ...full, popularity: 0.2 } } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<Problem>().errors).toEqual([{ path: 'weights.popularity', message: '不允许的字段：popularity' }]);
    const missing = await call(t, 'PUT', '/api/matching/weights', { as: as.operator, body: { weights: { text: 1 } } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<Problem>().errors?.map((e) => e.path)).toContain('weights.keyField');
  });

  it('stores the operator’s weights normalized as a new audited version; gov_admins read them', async () => {
    const body = { weights: { text: 0.9, keyField: 0.2, industry: 0.1, maturity: 0.2, region: 0.2, price: 0.2, cooperation: 0.1, record: 0.1 }, note: '提高文本权重' };
    expect((await call(t, 'PUT', '/api/matching/weights', { as: as.wuhan, body })).statusCode).toBe(403);
    const r = await ok<{ current: { source: string; weights: Record<string, number>; note: string; createdByName: string } }>(
      await call(t, 'PUT', '/api/matching/weights', { as: as.operator, body }),
    );
    expect(r.current.source).toBe('operator');
    expect(r.current.weights.text).toBeCloseTo(0.45);
    expect(Object.values(r.current.weights).reduce((s, x) => s + x, 0)).toBeCloseTo(1);
    expect(r.current.note).toBe('提高文本权重');
    const read = await ok<{ current: { weights: Record<string, number> } }>(await call(t, 'GET', '/api/matching/weights', { as: as.yichang }));
    expect(read.current.weights.text).toBeCloseTo(0.45);
    const history = await ok<{ items: { source: string }[]; total: number }>(await call(t, 'GET', '/api/matching/weights/history', { as: as.hubei }));
    expect(history.items[0]?.source).toBe('operator');
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'matching.weights_set'));
    expect(audit).toHaveLength(1);
    expect((await call(t, 'GET', '/api/matching/weights', { as: as.enterprise })).statusCode).toBe(403);
    // Back to the defaults for the learning test.
    await ok(await call(t, 'PUT', '/api/matching/weights', { as: as.operator, body: { weights: DEFAULT_WEIGHTS } }));
  });
});

describe('learning from verdicts (recordVerdict)', () => {
  let rt: SearchRuntime;
  beforeAll(async () => {
    // The app's runtime is internal; a second one on the same database answers the same.
    rt = createSearchRuntime({ db: t.database.db, sources: searchSources(), log: { error: () => undefined, info: () => undefined } });
    await rebuild(rt);
  });

  const order = async () => {
    const r = await ok<Recommendations>(await recommendations(ids.claimed, as.enterprise as Session));
    const at = (id: string) => r.items.findIndex((i) => i.achievementId === id);
    return { over: at(ids.overBudget), within: at(ids.inBudget) };
  };

  it('declines of over-budget proposals (价格不合适) move the in-budget achievement above the over-budget one', async () => {
    const before = await order();
    expect(before.over).toBeGreaterThanOrEqual(0);
    expect(before.over).toBeLessThan(before.within);
    let after = before;
    let verdicts = 0;
    while (after.within > after.over && verdicts < 30) {
      verdicts++;
      await t.database.db.transaction((tx) =>
        recordVerdict({ search: rt }, tx, { demandId: ids.claimed, achievementId: ids.overBudget, proposalId: randomUUID(), verdict: 'declined', reasons: ['price'] }),
      );
      after = await order();
    }
    // Four declines suffice with these texts; the flip comes from learning, not from the start.
    expect(verdicts).toBeGreaterThan(0);
    expect(after.within).toBeLessThan(after.over);
    const w = await ok<{ current: { source: string; weights: Record<string, number> } }>(await call(t, 'GET', '/api/matching/weights', { as: as.operator }));
    expect(w.current.source).toBe('learned');
    expect(w.current.weights.price).toBeGreaterThan(DEFAULT_WEIGHTS.price);
    const feedback = await t.database.db.select().from(matchFeedback).where(eq(matchFeedback.demandId, ids.claimed));
    expect(feedback.length).toBeGreaterThan(0);
    expect(feedback[0]?.reasons).toEqual(['price']);
    expect(feedback[0]?.values.price).toBeLessThan(0.2);
  });

  it('is idempotent per proposal and learns nothing from a partner-only proposal', async () => {
    const proposalId = randomUUID();
    const input = { demandId: ids.claimed, achievementId: ids.inBudget, proposalId, verdict: 'accepted' as const, reasons: [] };
    const first = await t.database.db.transaction((tx) => recordVerdict({ search: rt }, tx, input));
    const versions = (await t.database.db.select().from(matchingWeights)).length;
    const second = await t.database.db.transaction((tx) => recordVerdict({ search: rt }, tx, input));
    expect(second?.feedbackId).toBe(first?.feedbackId);
    expect((await t.database.db.select().from(matchingWeights)).length).toBe(versions);
    expect(await t.database.db.select().from(matchFeedback).where(eq(matchFeedback.proposalId, proposalId))).toHaveLength(1);
    const none = await t.database.db.transaction((tx) => recordVerdict({ search: rt }, tx, { ...input, achievementId: null, proposalId: randomUUID() }));
    expect(none).toBeNull();
  });
});

describe('verdicts through the demands API', () => {
  it('an enterprise declining a proposal teaches the weights; a claimant withdrawing one does not', async () => {
    const propose = async () =>
      ok<{ proposals: { id: string; achievementId: string | null; status: string }[] }>(
        await call(t, 'POST', `/api/demands/${ids.claimed}/proposals`, { as: as.broker, body: { achievementId: ids.overBudget, summary: '推荐摆动激光焊接工艺，气孔率低于 1%。' } }),
        201,
      ).then((d) => d.proposals.find((p) => p.status === 'proposed' && p.achievementId === ids.overBudget)?.id ?? '');
    const declined = await propose();
    await ok(await call(t, 'POST', `/api/demands/${ids.claimed}/proposals/${declined}/decline`, { as: as.enterprise, body: { reasons: ['price'], reasonText: '报价超出预算' } }));
    const rows = await t.database.db.select().from(matchFeedback).where(eq(matchFeedback.proposalId, declined));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ verdict: 'declined', reasons: ['price'], achievementId: ids.overBudget });
    const withdrawn = await propose();
    await ok(await call(t, 'POST', `/api/demands/${ids.claimed}/proposals/${withdrawn}/decline`, { as: as.broker, body: { reasons: ['other'], reasonText: '方案需要调整' } }));
    expect(await t.database.db.select().from(matchFeedback).where(eq(matchFeedback.proposalId, withdrawn))).toHaveLength(0);
  });
});

describe('POST /api/matching/rematch', () => {
  it('stores the top recommendations of every open demand, for the operator only, audited', async () => {
    expect((await call(t, 'POST', '/api/matching/rematch', { as: as.hubei })).statusCode).toBe(403);
    const r = await ok<{ demands: number; recommendations: number; ms: number }>(await call(t, 'POST', '/api/matching/rematch', { as: as.operator }));
    // Open: the claimed and published 星辰 demands and the 宜昌 one (drafts and submitted ones are not).
    expect(r.demands).toBe(3);
    expect(r.recommendations).toBeGreaterThan(0);
    const rows = await t.database.db.select().from(matchRecommendations).where(eq(matchRecommendations.demandId, ids.claimed));
    expect(rows.map((x) => x.rank).sort((a, b) => a - b)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.map((x) => x.achievementId)).toEqual(expect.arrayContaining([ids.overBudget, ids.inBudget]));
    expect(rows[0]?.components.every((c) => CHINESE.test(c.reason))).toBe(true);
    expect(await t.database.db.select().from(matchRecommendations).where(eq(matchRecommendations.demandId, ids.draft))).toHaveLength(0);
    // A second run replaces rather than adds.
    await ok(await call(t, 'POST', '/api/matching/rematch', { as: as.operator }));
    expect(await t.database.db.select().from(matchRecommendations).where(eq(matchRecommendations.demandId, ids.claimed))).toHaveLength(rows.length);
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'matching.rematch'), eq(auditLog.entityType, 'match_recommendations')));
    expect(audit).toHaveLength(2);
  });

  it('pages through demands of every status by id and keeps the open ones, whatever the page size', async () => {
    const search = createSearchRuntime({ db: t.database.db, sources: searchSources(), log: { error: () => undefined, info: () => undefined } });
    await rebuild(search);
    // Pages of one: most pages hold only a draft or a submitted demand, and the walk goes on past them.
    const r = await rematchAll({ db: t.database.db, search }, { batchSize: 1 });
    expect(r.demands).toBe(3);
    expect(await t.database.db.select().from(matchRecommendations).where(eq(matchRecommendations.demandId, ids.submitted))).toHaveLength(0);
  });
});
