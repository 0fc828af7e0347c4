import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, createVerifiedOrganization, orgIdByName, type Session, signIn, signInDemo, type TestApp } from '../../test-support/test-app.js';
import { buildAchievementInput } from '../achievements/achievements.fixtures.js';
import { auditLog } from '../audit/index.js';
import { contractParties, contractPayments, contracts } from '../contracts/index.js';
import { deals, listings } from '../listings/index.js';
import { notifications } from '../notifications/index.js';
import { subsidyApplications, subsidyDisbursements, subsidyProgrammes } from './subsidies.tables.js';

interface Programme {
  id: string;
  code: string;
  version: number;
  status: string;
  effectiveTo: string | null;
  budgetFen: number;
  committedFen: number;
  disbursedFen: number;
  remainingFen: number;
  rule: string;
  versions: { id: string; version: number; status: string }[];
}
interface Application {
  id: string;
  status: string;
  programme: { id: string; version: number };
  computedFen: number;
  approvedFen: number | null;
  disbursedFen: number;
  formula: string;
  inputs: Record<string, unknown>;
  scores: { score: number }[];
  averageScore: number | null;
  disbursements: { id: string; amountFen: number }[];
  timeline: { text: string }[];
  allowedActions: string[];
}
interface Computation {
  programme: { code: string };
  eligible: boolean;
  reasons: { path: string; message: string }[];
  amountFen: number;
  formula: string;
}
interface Problem {
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

let t: TestApp;
let operator: Session;
let govHubei: Session;
let govWuhan: Session;
let govYichang: Session;
let univ: Session;
let enterprise: Session;
let broker: Session;
let expert: Session;
let univOrg = '';
let entOrg = '';
let serial = 0;

// ---- fixtures: registered contracts written straight into the contracts tables (the contracts API is built elsewhere) ----

interface ContractSpec {
  status?: string;
  contractType?: string;
  registeredOn?: string;
  paidFen?: number;
  buyer?: { organizationId: string | null; regionCode: string; legalNature: string };
  seller?: { organizationId: string | null; regionCode: string; legalNature: string };
  achievementId?: string | null;
  dealId?: string | null;
}

async function contractFixture(spec: ContractSpec = {}): Promise<string> {
  const db = t.database.db;
  const status = spec.status ?? 'registered';
  const registeredOn = spec.registeredOn ?? '2026-03-02';
  const n = String(++serial).padStart(5, '0');
  const [c] = await db
    .insert(contracts)
    .values({
      status,
      contractType: spec.contractType ?? 'development_commissioned',
      title: `补助测试合同 ${n}`,
      signedOn: '2026-01-10',
      regionCode: '420111',
      submittedByOrganizationId: univOrg,
      achievementId: spec.achievementId ?? null,
      dealId: spec.dealId ?? null,
      contractValueFen: 2_000_000_000,
      signedPdfSha256: 'a'.repeat(64),
      signedPdfName: 'contract.pdf',
      signedPdfBytes: 1024,
      decidedAt: status === 'registered' ? new Date(`${registeredOn}T02:00:00Z`) : null,
      registrationNumber: status === 'registered' ? `4201112026${String(serial % 10)}${n}` : null,
    })
    .returning({ id: contracts.id });
  if (!c) throw new Error('contract fixture failed');
  const buyer = spec.buyer ?? { organizationId: entOrg, regionCode: '420111', legalNature: 'enterprise_private' };
  const seller = spec.seller ?? { organizationId: univOrg, regionCode: '420111', legalNature: 'university' };
  await db.insert(contractParties).values([
    { contractId: c.id, role: 'buyer', name: '委托方', position: 0, ...buyer },
    { contractId: c.id, role: 'seller', name: '研究开发方', position: 1, ...seller },
  ]);
  if (spec.paidFen) await db.insert(contractPayments).values({ contractId: c.id, kind: 'paid', onDate: registeredOn, amountFen: spec.paidFen, evidenceSha256: 'b'.repeat(64), evidenceName: 'slip.pdf' });
  return c.id;
}

async function programme(kind: string, params: Record<string, unknown>, opts: { budget?: string; effectiveFrom?: string; regionCode?: string } = {}): Promise<Programme> {
  const code = `t-${kind.replaceAll('_', '-')}-${++serial}`;
  const c = await call(t, 'POST', '/api/subsidies/programmes', {
    as: operator,
    body: { code, kind, name: `测试项目 ${code}`, params, regionCode: opts.regionCode ?? '420000', effectiveFrom: opts.effectiveFrom ?? '2025-01-01', budget: opts.budget ?? '100,000,000' },
  });
  expect(c.statusCode, c.body).toBe(201);
  const a = await call(t, 'POST', `/api/subsidies/programmes/${c.json<Programme>().id}/activate`, { as: operator });
  expect(a.statusCode, a.body).toBe(200);
  return a.json<Programme>();
}

const apply = (as: Session, body: Record<string, unknown>) => call(t, 'POST', '/api/subsidies/applications', { as, body });
async function applied(as: Session, body: Record<string, unknown>): Promise<Application> {
  const r = await apply(as, body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json<Application>();
}
const approve = (id: string, as: Session, body: Record<string, unknown>) => call(t, 'POST', `/api/subsidies/applications/${id}/approve`, { as, body });
const disburse = (id: string, body: Record<string, unknown>, as = operator) => call(t, 'POST', `/api/subsidies/applications/${id}/disbursements`, { as, body });
const getProgrammeRow = async (id: string) => (await t.database.db.select().from(subsidyProgrammes).where(eq(subsidyProgrammes.id, id)))[0];
const getApplicationRow = async (id: string) => (await t.database.db.select().from(subsidyApplications).where(eq(subsidyApplications.id, id)))[0];
async function countWhere(table: typeof subsidyApplications | typeof subsidyDisbursements, where: ReturnType<typeof eq>) {
  return (await t.database.db.select({ n: count() }).from(table).where(where))[0]?.n ?? 0;
}
async function notificationsOf(kind: string, entityId: string) {
  const r = await t.database.db.select({ n: count() }).from(notifications).where(and(eq(notifications.kind, kind), eq(notifications.entityId, entityId)));
  return r[0]?.n ?? 0;
}
async function auditCount(action: string, entityId: string) {
  const r = await t.database.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)));
  return r[0]?.n ?? 0;
}

beforeAll(async () => {
  t = await createTestApp();
  ({ operator, govHubei, govWuhan, govYichang, univ, enterprise, broker } = await signInDemo(t, ['operator', 'govHubei', 'govWuhan', 'govYichang', 'univ', 'enterprise', 'broker']));
  expert = await signIn(t, 'expert@kehui.example.cn');
  univOrg = await orgIdByName(t, '江城理工大学');
  entOrg = await orgIdByName(t, '武汉光谷星辰激光科技有限公司');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('subsidy programmes', () => {
  it('lets the operator create a draft, hidden from the public until activated, with budget figures', async () => {
    const c = await call(t, 'POST', '/api/subsidies/programmes', {
      as: operator,
      body: { code: 't-draft-1', kind: 'rd_enterprise_subsidy', name: '湖北省技术开发合同双向补助（企业）测试', params: {}, regionCode: '420000', effectiveFrom: '2026-01-01', budget: '50,000,000.00' },
    });
    expect(c.statusCode, c.body).toBe(201);
    const p = c.json<Programme>();
    expect(p).toMatchObject({ version: 1, status: 'draft', budgetFen: 5_000_000_000, committedFen: 0, remainingFen: 5_000_000_000 });
    expect(p.rule).toContain('10%');
    expect((await call(t, 'GET', `/api/subsidies/programmes/${p.id}`)).statusCode).toBe(404);
    const listed = async () => (await call(t, 'GET', '/api/subsidies/programmes')).json<{ items: Programme[] }>().items.some((i) => i.id === p.id);
    expect(await listed()).toBe(false);
    expect((await call(t, 'POST', `/api/subsidies/programmes/${p.id}/activate`, { as: operator })).statusCode).toBe(200);
    expect(await listed()).toBe(true);
    expect((await call(t, 'POST', `/api/subsidies/programmes/${p.id}/activate`, { as: operator })).statusCode).toBe(409);
    const dup = await call(t, 'POST', '/api/subsidies/programmes', {
      as: operator,
      body: { code: 't-draft-1', kind: 'rd_enterprise_subsidy', name: '重复', params: {}, regionCode: '420000', effectiveFrom: '2026-01-01', budget: '1' },
    });
    expect(dup.statusCode).toBe(409);
  });

  it('refuses a rate outside the policy bounds, a negative budget and a budget finer than a fen, writing nothing', async () => {
    const body = { code: 't-bad-1', kind: 'rd_university_reward', name: '越界', params: { rateBp: 1100 }, regionCode: '420000', effectiveFrom: '2026-01-01', budget: '1000' };
    const rate = await call(t, 'POST', '/api/subsidies/programmes', { as: operator, body });
    expect(rate.statusCode).toBe(400);
    expect(rate.json<Problem>().errors).toEqual([{ path: 'params.rateBp', message: '奖励比例须在 5%–10% 之间（500–1000 个基点）' }]);
    const neg = await call(t, 'POST', '/api/subsidies/programmes', { as: operator, body: { ...body, params: { rateBp: 800 }, budget: '-5' } });
    expect(neg.json<Problem>().errors?.[0]).toMatchObject({ path: 'budget', message: '金额不能为负数' });
    const fine = await call(t, 'POST', '/api/subsidies/programmes', { as: operator, body: { ...body, params: { rateBp: 800 }, budget: '100.001' } });
    expect(fine.json<Problem>().errors?.[0]).toMatchObject({ path: 'budget', message: '金额最多精确到分（小数点后两位）' });
    const rows = await t.database.db.select({ n: count() }).from(subsidyProgrammes).where(eq(subsidyProgrammes.code, 't-bad-1'));
    expect(rows[0]?.n).toBe(0);
    expect((await call(t, 'POST', '/api/subsidies/programmes', { as: govHubei, body: { ...body, params: { rateBp: 800 } } })).statusCode).toBe(403);
  });
});

describe('programme versions', () => {
  it('supersedes the old version the day before the new one and binds applications by registration day', async () => {
    const v1 = await programme('rd_university_reward', { rateBp: 500 }, { effectiveFrom: '2025-01-01' });
    const bad = await call(t, 'POST', `/api/subsidies/programmes/${v1.id}/versions`, {
      as: operator,
      body: { name: 'v2', params: { rateBp: 1000 }, regionCode: '420000', effectiveFrom: '2024-12-31', budget: '1000000' },
    });
    expect(bad.json<Problem>().errors?.[0]?.path).toBe('effectiveFrom');
    const r = await call(t, 'POST', `/api/subsidies/programmes/${v1.id}/versions`, {
      as: operator,
      body: { name: '测试奖励 第二版', params: { rateBp: 1000 }, regionCode: '420000', effectiveFrom: '2026-07-01', budget: '1,000,000' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const v2 = r.json<Programme>();
    expect(v2).toMatchObject({ version: 2, status: 'active', code: v1.code });
    expect(v2.versions.map((v) => [v.version, v.status])).toEqual([[2, 'active'], [1, 'superseded']]);
    expect(await getProgrammeRow(v1.id)).toMatchObject({ status: 'superseded', effectiveTo: '2026-06-30' });
    // Only the version in force can be edited.
    const again = await call(t, 'POST', `/api/subsidies/programmes/${v1.id}/versions`, {
      as: operator,
      body: { name: 'v3', params: { rateBp: 900 }, regionCode: '420000', effectiveFrom: '2026-09-01', budget: '1000' },
    });
    expect(again.statusCode).toBe(409);

    const early = await contractFixture({ registeredOn: '2026-03-02', paidFen: 100_000_000 });
    const late = await contractFixture({ registeredOn: '2026-08-03', paidFen: 100_000_000 });
    const a1 = await applied(univ, { programmeCode: v1.code, contractId: early });
    const a2 = await applied(univ, { programmeCode: v1.code, contractId: late });
    expect(a1).toMatchObject({ programme: { id: v1.id, version: 1 }, computedFen: 5_000_000 });
    expect(a1.formula).toContain('× 5%');
    expect(a2).toMatchObject({ programme: { id: v2.id, version: 2 }, computedFen: 10_000_000 });
    expect(a2.inputs).toMatchObject({ basisDate: '2026-08-03', baseFen: 100_000_000 });
  });
});

describe('POST /api/subsidies/applications', () => {
  it('computes the enterprise subsidy from payments actually made: 10% of 10,000,000.01 is the 1,000,000.00 cap', async () => {
    const p = await programme('rd_enterprise_subsidy', { rateBp: 1000, capFen: 100_000_000 });
    const contractId = await contractFixture({ paidFen: 1_000_000_001 });
    const preview = await call(t, 'POST', '/api/subsidies/applications/preview', { as: enterprise, body: { programmeCode: p.code, contractId } });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json<Computation>()).toMatchObject({ eligible: true, amountFen: 100_000_000, reasons: [] });
    expect(await countWhere(subsidyApplications, eq(subsidyApplications.contractId, contractId))).toBe(0);
    const a = await applied(enterprise, { programmeCode: p.code, contractId });
    expect(a).toMatchObject({ status: 'submitted', computedFen: 100_000_000, approvedFen: null });
    expect(a.formula).toContain('实际支付高校研发费用 ¥10,000,000.01 × 10% = ¥1,000,000.00（按分向下取整）');
    expect(a.inputs).toMatchObject({ baseFen: 1_000_000_001, contract: { paidFen: 1_000_000_001 } });
    expect(await auditCount('subsidy_application.created', a.id)).toBe(1);
    expect(await notificationsOf('subsidy_submitted', a.id)).toBeGreaterThan(0);
    // The same contract, programme and applicant once only.
    const dup = await apply(enterprise, { programmeCode: p.code, contractId });
    expect(dup.statusCode).toBe(409);
  });

  it('refuses a contract that is not registered, and one without payments, writing nothing', async () => {
    const p = await programme('rd_enterprise_subsidy', {});
    const accepted = await contractFixture({ status: 'accepted', paidFen: 100_000 });
    const r = await apply(enterprise, { programmeCode: p.code, contractId: accepted });
    expect(r.statusCode).toBe(400);
    expect(r.json<Problem>().detail).toContain('仅已登记的技术合同可申请');
    expect(r.json<Problem>().errors?.[0]?.path).toBe('contractId');
    expect(await countWhere(subsidyApplications, eq(subsidyApplications.contractId, accepted))).toBe(0);
    const unpaid = await contractFixture({ paidFen: 0 });
    const u = await apply(enterprise, { programmeCode: p.code, contractId: unpaid });
    expect(u.json<Problem>().errors?.map((e) => e.message)).toEqual(['尚无实际支付记录']);
    const none = await apply(enterprise, { programmeCode: p.code });
    expect(none.json<Problem>().errors?.[0]).toMatchObject({ path: 'contractId', message: '请选择已登记的技术合同' });
  });

  it('refuses the wrong party, a non-R&D contract and a programme outside the applicant’s region', async () => {
    const p = await programme('rd_enterprise_subsidy', {});
    const contractId = await contractFixture({ paidFen: 100_000 });
    const wrong = await apply(univ, { programmeCode: p.code, contractId });
    expect(wrong.json<Problem>().errors?.map((e) => e.message)).toEqual(['申请单位须为该合同的委托方企业']);
    const licence = await contractFixture({ paidFen: 100_000, contractType: 'license_patent' });
    expect((await apply(enterprise, { programmeCode: p.code, contractId: licence })).json<Problem>().detail).toContain('仅技术开发合同');
    const yichang = await programme('rd_enterprise_subsidy', {}, { regionCode: '420500' });
    const out = await apply(enterprise, { programmeCode: yichang.code, contractId });
    expect(out.json<Problem>().errors?.[0]).toMatchObject({ path: 'programmeCode', message: '申请单位不在该项目的适用地区（宜昌市）内' });
    expect((await apply(enterprise, { programmeCode: 'no-such-programme', contractId })).json<Problem>().errors?.[0]?.path).toBe('programmeCode');
  });

  it('refuses negative amounts and more than two decimals at the schema, naming the field', async () => {
    const p = await programme('guidance_injection', { rateBp: 3000 });
    const neg = await apply(enterprise, { programmeCode: p.code, inputs: { investment: '-100', investeeName: '某企业' } });
    expect(neg.statusCode).toBe(400);
    expect(neg.json<Problem>().errors?.[0]).toMatchObject({ path: 'inputs.investment', message: '金额不能为负数' });
    const fine = await apply(enterprise, { programmeCode: p.code, inputs: { investment: '100.123', investeeName: '某企业' } });
    expect(fine.json<Problem>().errors?.[0]).toMatchObject({ path: 'inputs.investment', message: '金额最多精确到分（小数点后两位）' });
    // An enterprise is not an investor.
    const who = await apply(enterprise, { programmeCode: p.code, inputs: { investment: '100', investeeName: '某企业' } });
    expect(who.json<Problem>().errors?.[0]?.message).toBe('申请单位须为投资机构');
  });

  it('gives an investor 30% of its investment', async () => {
    const p = await programme('guidance_injection', { rateBp: 3000 });
    const investor = await createVerifiedOrganization(t, operator, { organization: { type: 'investor', regionCode: '420102' } });
    const a = await applied(investor.session, { programmeCode: p.code, inputs: { investeeName: '武汉某成果转化公司', investment: '3,333,333.33', investedOn: '2026-05-01' } });
    expect(a.computedFen).toBe(99_999_999);
    expect(a.formula).toBe('投资额 ¥3,333,333.33 × 30% = ¥999,999.99（按分向下取整）；补助金额 ¥999,999.99');
    const mine = await call(t, 'GET', '/api/subsidies/applications/mine', { as: investor.session });
    expect(mine.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([a.id]);
    // Other organizations do not see it.
    expect((await call(t, 'GET', `/api/subsidies/applications/${a.id}`, { as: enterprise })).statusCode).toBe(404);
    expect((await call(t, 'GET', `/api/subsidies/applications/${a.id}`, { as: govYichang })).statusCode).toBe(404);
    expect((await call(t, 'GET', `/api/subsidies/applications/${a.id}`, { as: govWuhan })).statusCode).toBe(200);
  });
});

describe('intermediary conversion subsidy', () => {
  /** A deal delisted by 湖北知行 for the demo enterprise, written straight into the listings tables. */
  async function dealFixture(priceFen: number): Promise<string> {
    const db = t.database.db;
    const ach = await call(t, 'POST', '/api/achievements', { as: univ, body: buildAchievementInput() });
    const achievementId = ach.json<{ id: string }>().id;
    const [l] = await db
      .insert(listings)
      .values({ achievementId, ownerOrganizationId: univOrg, regionCode: '420111', title: '补助测试挂牌', mode: 'transfer', priceFen, periodKind: 'working_days', periodWorkingDays: 20, terms: '测试', publicityWorkingDays: 5, status: 'delisted' })
      .returning({ id: listings.id });
    const [d] = await db
      .insert(deals)
      .values({
        listingId: l?.id ?? '',
        achievementId,
        ownerOrganizationId: univOrg,
        regionCode: '420111',
        buyerOrganizationId: entOrg,
        intermediaryOrganizationId: await orgIdByName(t, '湖北知行技术转移服务有限公司'),
        delistedBy: broker.userId,
        mode: 'transfer',
        priceFen,
        status: 'awaiting_contract',
        noticeWorkingDays: 5,
        noticeStart: '2026-02-02',
        noticeEnd: '2026-02-06',
      })
      .returning({ id: deals.id });
    return d?.id ?? '';
  }

  it('pays the intermediary a rate of the deal price plus a fixed amount once the deal’s contract is registered', async () => {
    const p = await programme('intermediary_conversion', { rateBp: 100, fixedFen: 1_000_000, capFen: 5_000_000 });
    const dealId = await dealFixture(180_000_000);
    const noContract = await apply(broker, { programmeCode: p.code, dealId });
    expect(noContract.json<Problem>().errors?.[0]?.message).toContain('仅已登记的技术合同可申请');
    // The contract names the deal (the contracts module also fills deals.contract_id at registration).
    const contractId = await contractFixture({ contractType: 'transfer_patent', dealId, paidFen: 0 });
    const foreign = await contractFixture({ contractType: 'transfer_patent', paidFen: 0 });
    expect((await apply(broker, { programmeCode: p.code, dealId, contractId: foreign })).json<Problem>().errors?.[0]?.message).toBe('该合同不属于所选成交');
    expect((await apply(enterprise, { programmeCode: p.code, dealId, contractId })).json<Problem>().errors?.map((e) => e.message)).toContain('申请单位须为该成交的中介机构');
    const a = await applied(broker, { programmeCode: p.code, dealId, contractId });
    expect(a.computedFen).toBe(2_800_000);
    expect(a.formula).toContain('成交价格 ¥1,800,000.00 × 1% + 固定金额 ¥10,000.00 = ¥28,000.00');
    expect((await apply(broker, { programmeCode: p.code, dealId, contractId })).statusCode).toBe(409);
  });
});

describe('POST /api/subsidies/simulate', () => {
  it('tells anyone what each active programme gives for a contract, with the formula', async () => {
    const p = await programme('rd_enterprise_subsidy', {});
    const r = await call(t, 'POST', '/api/subsidies/simulate', {
      body: {
        programmeCode: p.code,
        contract: { contractType: 'development_commissioned', seller: { legalNature: 'university', regionCode: '420111' }, buyer: { legalNature: 'enterprise_private', regionCode: '420502' }, paid: '10,000,000.01' },
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<{ results: Computation[] }>().results).toEqual([expect.objectContaining({ eligible: true, amountFen: 100_000_000 })]);
    const all = await call(t, 'POST', '/api/subsidies/simulate', {
      body: { contract: { contractType: 'consulting', seller: { legalNature: 'university', regionCode: '420111' }, buyer: { legalNature: 'enterprise_private', regionCode: '110108' }, paid: '100' } },
    });
    const results = all.json<{ results: Computation[] }>().results;
    expect(results.length).toBeGreaterThan(1);
    expect(results.find((x) => x.programme.code === p.code)?.reasons.map((x) => x.message)).toEqual(['仅技术开发合同可申请研发合同补助与奖励', '委托方须为省内企业']);
    expect((await call(t, 'POST', '/api/subsidies/simulate', { body: { contract: { contractType: 'consulting', seller: { legalNature: 'university', regionCode: '420111' }, buyer: { legalNature: 'enterprise_private', regionCode: '420111' }, paid: '-1' } } })).statusCode).toBe(400);
  });

  it('lets the parties of a registered contract see what they would get', async () => {
    const p = await programme('rd_university_reward', { rateBp: 800 });
    const contractId = await contractFixture({ paidFen: 50_000_000 });
    const r = await call(t, 'GET', `/api/subsidies/simulate/contract/${contractId}`, { as: univ });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<{ results: Computation[] }>().results.find((x) => x.programme.code === p.code)).toMatchObject({ eligible: true, amountFen: 4_000_000 });
    // The buyer may look too, but the reward is the seller's.
    const e = await call(t, 'GET', `/api/subsidies/simulate/contract/${contractId}`, { as: enterprise });
    expect(e.json<{ results: Computation[] }>().results.find((x) => x.programme.code === p.code)?.eligible).toBe(false);
    expect((await call(t, 'GET', `/api/subsidies/simulate/contract/${contractId}`, { as: broker })).statusCode).toBe(404);
    expect((await call(t, 'GET', `/api/subsidies/simulate/contract/${contractId}`)).statusCode).toBe(401);
  });
});

describe('review and approval', () => {
  it('takes expert scores, then approves within the computed amount, reserving budget and notifying the applicant', async () => {
    const p = await programme('rd_enterprise_subsidy', {}, { budget: '5,000,000' });
    const a = await applied(enterprise, { programmeCode: p.code, contractId: await contractFixture({ paidFen: 300_000_000 }) });
    expect(a.computedFen).toBe(30_000_000);
    expect((await call(t, 'POST', `/api/subsidies/applications/${a.id}/scores`, { as: govHubei, body: { score: 90 } })).statusCode).toBe(403);
    const s = await call(t, 'POST', `/api/subsidies/applications/${a.id}/scores`, { as: expert, body: { score: 85, comment: '研发内容真实' } });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json<Application>()).toMatchObject({ status: 'under_review', averageScore: 85 });
    expect((await call(t, 'POST', `/api/subsidies/applications/${a.id}/scores`, { as: expert, body: { score: 101 } })).statusCode).toBe(400);

    const over = await approve(a.id, govHubei, { amount: '300,000.01' });
    expect(over.json<Problem>().errors?.[0]?.path).toBe('amount');
    const lower = await approve(a.id, govHubei, { amount: '200,000' });
    expect(lower.json<Problem>().errors?.[0]).toMatchObject({ path: 'comment' });
    // The Wuhan gov_admin sees its enterprise's application but does not decide a province programme; Yichang's does not see it.
    expect((await approve(a.id, govWuhan, { amount: '300,000' })).statusCode).toBe(403);
    expect((await approve(a.id, govYichang, { amount: '300,000' })).statusCode).toBe(404);
    expect((await approve(a.id, enterprise, { amount: '300,000' })).statusCode).toBe(403);

    const ok = await approve(a.id, govHubei, { amount: '250,000', comment: '部分费用不属于研发支出' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Application>()).toMatchObject({ status: 'approved', approvedFen: 25_000_000, computedFen: 30_000_000, allowedActions: ['disburse'] });
    expect(await getProgrammeRow(p.id)).toMatchObject({ committedFen: 25_000_000, disbursedFen: 0 });
    expect(await notificationsOf('subsidy_approved', a.id)).toBeGreaterThan(0);
    expect((await approve(a.id, govHubei, { amount: '1' })).statusCode).toBe(409);
    expect((await call(t, 'POST', `/api/subsidies/applications/${a.id}/reject`, { as: operator, body: { reason: '晚了' } })).statusCode).toBe(409);
  });

  it('refuses an approval beyond the budget with 409 and writes nothing', async () => {
    const p = await programme('rd_enterprise_subsidy', {}, { budget: '1,500,000' });
    const first = await applied(enterprise, { programmeCode: p.code, contractId: await contractFixture({ paidFen: 1_000_000_000 }) });
    const second = await applied(enterprise, { programmeCode: p.code, contractId: await contractFixture({ paidFen: 1_000_000_000 }) });
    expect((await approve(first.id, operator, { amount: '1,000,000' })).statusCode).toBe(200);
    const r = await approve(second.id, operator, { amount: '1,000,000' });
    expect(r.statusCode).toBe(409);
    expect(r.json<Problem>().detail).toContain('该项目预算已用完');
    expect(await getProgrammeRow(p.id)).toMatchObject({ committedFen: 100_000_000 });
    expect(await getApplicationRow(second.id)).toMatchObject({ status: 'submitted', approvedFen: null, reviewedAt: null });
    expect(await auditCount('subsidy_application.approved', second.id)).toBe(0);
    expect(await notificationsOf('subsidy_approved', second.id)).toBe(0);
    // What is left still fits.
    expect((await approve(second.id, operator, { amount: '500,000', comment: '预算余额' })).statusCode).toBe(200);
    expect(await getProgrammeRow(p.id)).toMatchObject({ committedFen: 150_000_000 });
  });

  it('caps the sales post-subsidy per achievement across applications, checked again at approval', async () => {
    const p = await programme('sales_post_subsidy', {});
    const ach = await call(t, 'POST', '/api/achievements', { as: univ, body: buildAchievementInput() });
    const achievementId = ach.json<{ id: string }>().id;
    const other = await createVerifiedOrganization(t, operator, { organization: { type: 'enterprise', regionCode: '420502' } });
    const c1 = await contractFixture({ contractType: 'transfer_patent', registeredOn: '2025-12-01', achievementId });
    const c2 = await contractFixture({ contractType: 'transfer_patent', registeredOn: '2025-12-01', achievementId, buyer: { organizationId: other.orgId, regionCode: '420502', legalNature: 'enterprise_private' } });
    const inputs = { newProductSales: '200,000,000', periodFrom: '2026-01-01', periodTo: '2026-06-30' };
    const a1 = await applied(enterprise, { programmeCode: p.code, contractId: c1, inputs });
    const a2 = await applied(other.session, { programmeCode: p.code, contractId: c2, inputs });
    expect([a1.computedFen, a2.computedFen]).toEqual([400_000_000, 400_000_000]);
    expect((await approve(a1.id, operator, { amount: '4,000,000' })).statusCode).toBe(200);
    // a2 was computed before a1 was approved: at approval only 1,000,000.00 of the cap is left.
    const tooMuch = await approve(a2.id, operator, { amount: '4,000,000' });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json<Problem>().detail).toContain('批准金额不能超过测算金额 ¥1,000,000.00');
    const ok = await approve(a2.id, operator, { amount: '1,000,000' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Application>().formula).toContain('同一成果已批准 ¥4,000,000.00，剩余额度 ¥1,000,000.00');
    // A period outside the 24 months and an overlapping one are refused.
    const late = await apply(enterprise, { programmeCode: p.code, contractId: c1, inputs: { ...inputs, periodFrom: '2027-07-01', periodTo: '2027-12-01' } });
    expect(late.json<Problem>().errors?.[0]?.message).toContain('24 个月内（2025-12-01 至 2027-11-30）');
  });

  it('rejects with a reason and notifies the applicant; the applicant may withdraw before a decision', async () => {
    const p = await programme('rd_university_reward', { rateBp: 600 });
    const a = await applied(univ, { programmeCode: p.code, contractId: await contractFixture({ paidFen: 10_000 }) });
    const r = await call(t, 'POST', `/api/subsidies/applications/${a.id}/reject`, { as: govHubei, body: { reason: '到账凭证不全' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<Application>().status).toBe('rejected');
    expect(await notificationsOf('subsidy_rejected', a.id)).toBeGreaterThan(0);
    const b = await applied(univ, { programmeCode: p.code, contractId: await contractFixture({ paidFen: 10_000 }) });
    expect((await call(t, 'POST', `/api/subsidies/applications/${b.id}/withdraw`, { as: enterprise, body: { reason: 'x' } })).statusCode).toBe(404);
    const w = await call(t, 'POST', `/api/subsidies/applications/${b.id}/withdraw`, { as: univ, body: { reason: '材料有误，重新申请' } });
    expect(w.json<Application>().status).toBe('withdrawn');
  });

  it('shows reviewers their queue: the province gov_admin and the expert, not Yichang', async () => {
    const p = await programme('rd_university_reward', { rateBp: 700 });
    const a = await applied(univ, { programmeCode: p.code, contractId: await contractFixture({ paidFen: 10_000 }) });
    const ids = async (as: Session) => (await call(t, 'GET', `/api/subsidies/applications/review-queue?programmeCode=${p.code}`, { as })).json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(await ids(govHubei)).toEqual([a.id]);
    expect(await ids(expert)).toEqual([a.id]);
    expect(await ids(govYichang)).toEqual([]);
    expect(await ids(govWuhan)).toEqual([]);
  });
});

describe('POST /api/subsidies/applications/:id/disbursements', () => {
  async function approvedApplication(amountYuan: string, paidFen: number) {
    const p = await programme('rd_enterprise_subsidy', {});
    const a = await applied(enterprise, { programmeCode: p.code, contractId: await contractFixture({ paidFen }) });
    expect((await approve(a.id, operator, { amount: amountYuan })).statusCode).toBe(200);
    return { programmeId: p.id, id: a.id };
  }

  it('pays in parts, returns the existing entry for a repeated key, and never pays past the approved amount', async () => {
    const { programmeId, id } = await approvedApplication('100,000', 100_000_000);
    const key = `pay-${randomUUID()}`;
    const first = await disburse(id, { idempotencyKey: key, amount: '60,000', paidOn: '2026-11-20', reference: 'GK-2026-0001' });
    expect(first.statusCode, first.body).toBe(201);
    const again = await disburse(id, { idempotencyKey: key, amount: '60,000', paidOn: '2026-11-20', reference: 'GK-2026-0001' });
    expect(again.statusCode).toBe(200);
    expect(again.json<{ created: boolean; disbursement: { id: string } }>()).toMatchObject({ created: false, disbursement: { id: first.json<{ disbursement: { id: string } }>().disbursement.id } });
    expect(await countWhere(subsidyDisbursements, eq(subsidyDisbursements.applicationId, id))).toBe(1);
    const changed = await disburse(id, { idempotencyKey: key, amount: '40,000', paidOn: '2026-11-20', reference: 'GK-2026-0001' });
    expect(changed.statusCode).toBe(409);

    const over = await disburse(id, { idempotencyKey: `pay-${randomUUID()}`, amount: '40,000.01', paidOn: '2026-11-21', reference: 'GK-2026-0002' });
    expect(over.statusCode).toBe(400);
    expect(over.json<Problem>().errors?.[0]).toMatchObject({ path: 'amount' });
    expect(over.json<Problem>().detail).toContain('拨付金额超过批准金额');
    expect(await getApplicationRow(id)).toMatchObject({ disbursedFen: 6_000_000, status: 'approved' });
    expect(await countWhere(subsidyDisbursements, eq(subsidyDisbursements.applicationId, id))).toBe(1);

    const rest = await disburse(id, { idempotencyKey: `pay-${randomUUID()}`, amount: '40,000', paidOn: '2026-11-22', reference: 'GK-2026-0003' });
    expect(rest.statusCode).toBe(201);
    const app = rest.json<{ application: Application }>().application;
    expect(app).toMatchObject({ status: 'disbursed', disbursedFen: 10_000_000 });
    expect(app.timeline.map((x) => x.text)).toContain('已全额拨付');
    expect(await getProgrammeRow(programmeId)).toMatchObject({ committedFen: 10_000_000, disbursedFen: 10_000_000 });
    expect(await notificationsOf('subsidy_disbursed', id)).toBeGreaterThan(0);
    const more = await disburse(id, { idempotencyKey: `pay-${randomUUID()}`, amount: '0.01', paidOn: '2026-11-23', reference: 'GK-2026-0004' });
    expect(more.statusCode).toBe(409);
    expect((await disburse(id, { idempotencyKey: `pay-${randomUUID()}`, amount: '-1', paidOn: '2026-11-23', reference: 'x' })).statusCode).toBe(400);
  });

  it('writes exactly one entry for parallel identical requests', async () => {
    const { programmeId, id } = await approvedApplication('50,000', 50_000_000);
    const body = { idempotencyKey: `pay-${randomUUID()}`, amount: '20,000', paidOn: '2026-11-25', reference: 'GK-2026-0100' };
    const results = await Promise.all([disburse(id, body), disburse(id, body), disburse(id, body), disburse(id, body)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 201]);
    expect(await countWhere(subsidyDisbursements, eq(subsidyDisbursements.idempotencyKey, body.idempotencyKey))).toBe(1);
    expect(await getApplicationRow(id)).toMatchObject({ disbursedFen: 2_000_000 });
    expect(await getProgrammeRow(programmeId)).toMatchObject({ disbursedFen: 2_000_000 });
    // Different keys racing for the rest: never past the approved amount.
    const racing = await Promise.all([1, 2, 3].map((i) => disburse(id, { idempotencyKey: `pay-${randomUUID()}`, amount: '30,000', paidOn: '2026-11-26', reference: `GK-R-${i}` })));
    expect(racing.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(await getApplicationRow(id)).toMatchObject({ disbursedFen: 5_000_000, status: 'disbursed' });
  });

  it('lets only the operator and the programme region’s gov_admin record payments, and only on approved applications', async () => {
    const p = await programme('rd_enterprise_subsidy', {});
    const a = await applied(enterprise, { programmeCode: p.code, contractId: await contractFixture({ paidFen: 10_000_000 }) });
    const body = { idempotencyKey: `pay-${randomUUID()}`, amount: '1', paidOn: '2026-11-25', reference: 'x' };
    expect((await disburse(a.id, body)).statusCode).toBe(409);
    expect((await disburse(a.id, body, enterprise)).statusCode).toBe(403);
    expect((await disburse(a.id, body, govWuhan)).statusCode).toBe(403);
  });
});
