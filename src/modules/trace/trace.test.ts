import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../storage.js';
import { call, orgIdByName, type Session, signInDemo, type TestApp, createTestApp } from '../../test-support/test-app.js';
import { contractParties, contracts } from '../contracts/index.js';
import { demands } from '../demands/index.js';
import { deals } from '../listings/index.js';
import { subsidyApplications, subsidyProgrammes } from '../subsidies/index.js';

/**
 * The one trace over the demo data: the demo deal (a listing of 江城理工大学 delisted by
 * 武汉光谷星辰激光科技), a contract submitted for it and a subsidy application on that contract.
 * The contract and application are written straight into their tables here, so this test is about
 * linking and visibility only; their own modules test how they come to be.
 */
let t: TestApp;
let s: Record<'enterprise' | 'univ' | 'govWuhan' | 'govYichang' | 'broker', Session>;
let deal: typeof deals.$inferSelect;
let contractId = '';
let applicationId = '';

interface Trace {
  root: { kind: string; id: string };
  nodes: { kind: string; id: string; title: string; status: string; statusLabel: string; listingId?: string }[];
  edges: { from: string; to: string }[];
  events: { at: string; kind: string; id: string; label: string }[];
}
const trace = async (kind: string, id: string, as: Session | null = null) => {
  const r = await call(t, 'GET', `/api/trace/${kind}/${id}`, { as });
  return { status: r.statusCode, body: r.json() as Trace & { detail?: string } };
};

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  expect(await seedDemo(t.database)).not.toBeNull();
  s = await signInDemo(t, ['enterprise', 'univ', 'govWuhan', 'govYichang', 'broker']);
  const db = t.database.db;
  [deal] = (await db.select().from(deals)) as [typeof deals.$inferSelect];
  const university = await orgIdByName(t, '江城理工大学');
  const [c] = await db
    .insert(contracts)
    .values({
      status: 'submitted',
      contractType: 'license',
      title: '高反射材料激光焊接光束整形技术许可合同',
      signedOn: '2026-11-20',
      regionCode: '420111',
      submittedByOrganizationId: university,
      achievementId: deal.achievementId,
      dealId: deal.id,
      contractValueFen: deal.priceFen,
      signedPdfSha256: 'a'.repeat(64),
      signedPdfName: 'contract.pdf',
      signedPdfBytes: 1000,
    })
    .returning();
  contractId = (c as { id: string }).id;
  await db.insert(contractParties).values([
    { contractId, role: 'seller', organizationId: university, name: '江城理工大学', regionCode: '420111', legalNature: 'university', position: 0 },
    { contractId, role: 'buyer', organizationId: deal.buyerOrganizationId, name: '武汉光谷星辰激光科技有限公司', regionCode: '420111', legalNature: 'enterprise', position: 1 },
  ]);
  await db.update(deals).set({ contractId }).where(eq(deals.id, deal.id));
  const [p] = await db
    .insert(subsidyProgrammes)
    .values({ code: 'trace-test', version: 1, name: '技术开发合同企业补助（测试）', kind: 'rd_enterprise_subsidy', params: { rateBp: 1000 }, regionCode: '420000', effectiveFrom: '2026-01-01', budgetFen: 100_000_000, status: 'active' })
    .returning();
  const [a] = await db
    .insert(subsidyApplications)
    .values({
      programmeId: (p as { id: string }).id,
      applicantOrganizationId: deal.buyerOrganizationId,
      regionCode: '420111',
      contractId,
      inputs: {},
      computedFen: 18_000_000,
      formula: '测试',
    })
    .returning();
  applicationId = (a as { id: string }).id;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('GET /api/trace/:kind/:id', () => {
  it('shows an anonymous visitor the public part of the chain from the deal, in time order', async () => {
    const r = await trace('deal', deal.id);
    expect(r.status).toBe(200);
    expect(r.body.nodes.map((n) => n.kind)).toEqual(['achievement', 'listing', 'deal']);
    const listing = r.body.nodes.find((n) => n.kind === 'listing');
    expect(listing?.statusLabel).toBe('已摘牌');
    expect(r.body.nodes.find((n) => n.kind === 'deal')?.listingId).toBe(deal.listingId);
    expect(r.body.edges).toEqual(
      expect.arrayContaining([
        { from: deal.achievementId, to: listing?.id },
        { from: listing?.id, to: deal.id },
      ]),
    );
    const times = r.body.events.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    const labels = r.body.events.map((e) => e.label).join('\n');
    expect(labels).toContain('申请挂牌，挂牌价 ¥1,800,000.00');
    expect(labels).toContain('公示期满，开始挂牌');
    expect(labels).toContain('摘牌成交，成交价 ¥1,800,000.00');
    // Nothing of the unregistered contract or the application leaks.
    expect(JSON.stringify(r.body)).not.toContain(contractId);
    expect(JSON.stringify(r.body)).not.toContain(applicationId);
  });

  it('shows the buyer enterprise its contract and its subsidy application, linked', async () => {
    const r = await trace('achievement', deal.achievementId, s.enterprise);
    expect(r.status).toBe(200);
    expect(r.body.nodes.map((n) => n.kind)).toEqual(['achievement', 'listing', 'deal', 'contract', 'subsidy']);
    expect(r.body.edges).toEqual(expect.arrayContaining([{ from: deal.id, to: contractId }, { from: contractId, to: applicationId }]));
    expect(r.body.events.map((e) => e.label)).toEqual(expect.arrayContaining(['提交技术合同认定登记', '申请「技术开发合同企业补助（测试）」，测算 ¥180,000.00']));
  });

  it('shows the university (a party) the contract but not the enterprise’s application; the Wuhan reviewer sees both', async () => {
    const univ = await trace('contract', contractId, s.univ);
    expect(univ.status).toBe(200);
    expect(univ.body.nodes.map((n) => n.kind)).toEqual(['achievement', 'listing', 'deal', 'contract']);
    const gov = await trace('subsidy', applicationId, s.govWuhan);
    expect(gov.status).toBe(200);
    expect(gov.body.nodes.map((n) => n.kind)).toEqual(['achievement', 'listing', 'deal', 'contract', 'subsidy']);
  });

  it('answers 404 in Chinese for a record the caller may not see or that does not exist', async () => {
    for (const [kind, id, as] of [
      ['contract', contractId, null],
      ['contract', contractId, s.govYichang],
      ['subsidy', applicationId, s.univ],
      ['subsidy', applicationId, s.broker],
      ['listing', '00000000-0000-4000-8000-000000000000', s.govWuhan],
    ] as const) {
      const r = await trace(kind, id, as);
      expect(r.status, `${kind} as ${as ? 'someone' : 'anonymous'}`).toBe(404);
      expect(r.body.detail).toBe('记录不存在或无权查看');
    }
  });

  it('refuses an unknown kind or a malformed id with a Chinese message', async () => {
    const kind = await trace('auction', deal.id);
    expect(kind.status).toBe(400);
    expect(JSON.stringify(kind.body)).toContain('记录类型应为');
    const id = await trace('deal', 'not-a-uuid');
    expect(id.status).toBe(400);
    expect(JSON.stringify(id.body)).toContain('记录编号格式不正确');
  });

  it('starts from a matched demo demand and reaches the achievements it was matched with', async () => {
    const [matched] = await t.database.db.select().from(demands).where(eq(demands.status, 'matched'));
    if (!matched) throw new Error('the demo data has a matched demand');
    const r = await trace('demand', matched.id);
    expect(r.status).toBe(200);
    const achievementIds = r.body.nodes.filter((n) => n.kind === 'achievement').map((n) => n.id);
    expect(achievementIds.length).toBeGreaterThan(0);
    expect(matched.matchedAchievementIds).toEqual(expect.arrayContaining(achievementIds));
    for (const id of achievementIds) expect(r.body.edges).toContainEqual({ from: matched.id, to: id });
  });
});
