import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  addMonths,
  applyRate,
  checkApplicantRegion,
  checkInvestment,
  checkIntermediaryDeal,
  checkRdContract,
  checkSalesPostSubsidy,
  type ContractView,
  compute,
  formatRate,
  NO_PAYMENT,
  NOT_REGISTERED,
  parseParams,
  windowEnd,
  YuanAmountSchema,
} from './subsidy-rules.js';

const UNIV = 'org-univ';
const ENT = 'org-ent';

function contract(overrides: Partial<ContractView> = {}): ContractView {
  return {
    status: 'registered',
    contractType: 'development_commissioned',
    registeredOn: '2026-03-01',
    parties: [
      { role: 'buyer', organizationId: ENT, regionCode: '420111', legalNature: 'enterprise_private' },
      { role: 'seller', organizationId: UNIV, regionCode: '420111', legalNature: 'university' },
    ],
    paidFen: 1_000_000_000,
    achievementId: 'ach-1',
    dealId: null,
    ...overrides,
  };
}
const univ = { organizationId: UNIV, type: 'university', regionCode: '420111' };
const ent = { organizationId: ENT, type: 'enterprise', regionCode: '420111' };
const messages = (r: { message: string }[]) => r.map((x) => x.message);

describe('enterprise R&D subsidy (10%, capped at 1,000,000.00 per contract)', () => {
  const params = { rateBp: 1000, capFen: 100_000_000 };
  it('gives exactly the cap for 10,000,000.00 paid, not capped', () => {
    const r = compute('rd_enterprise_subsidy', params, { baseFen: 1_000_000_000 });
    expect(r).toMatchObject({ amountFen: 100_000_000, capped: false, remainingCap: 0 });
    expect(r.formula).toContain('¥10,000,000.00 × 10% = ¥1,000,000.00');
    expect(r.formula).toContain('封顶 ¥1,000,000.00');
  });
  it('still gives 1,000,000.00 for 10,000,000.01 (rounded down to the fen)', () => {
    const r = compute('rd_enterprise_subsidy', params, { baseFen: 1_000_000_001 });
    expect(r.amountFen).toBe(100_000_000);
    expect(r.formula).toContain('按分向下取整');
  });
  it('caps 10,000,000.10 and more at 1,000,000.00', () => {
    const r = compute('rd_enterprise_subsidy', params, { baseFen: 1_000_000_010 });
    expect(r).toMatchObject({ amountFen: 100_000_000, capped: true, remainingCap: 0 });
    expect(compute('rd_enterprise_subsidy', params, { baseFen: 5_000_000_000 }).amountFen).toBe(100_000_000);
  });
  it('gives 999,999.99 for 9,999,999.99 (rounded down) and 0.00 for 0.09', () => {
    expect(compute('rd_enterprise_subsidy', params, { baseFen: 999_999_999 }).amountFen).toBe(99_999_999);
    expect(compute('rd_enterprise_subsidy', params, { baseFen: 9 }).amountFen).toBe(0);
  });
  it('counts amounts approved on other applications of the same contract against the cap', () => {
    const r = compute('rd_enterprise_subsidy', params, { baseFen: 600_000_000 }, { alreadyApprovedFen: 70_000_000 });
    expect(r).toMatchObject({ amountFen: 30_000_000, capped: true, remainingCap: 0 });
    expect(r.formula).toContain('同一合同已批准 ¥700,000.00，剩余额度 ¥300,000.00');
    expect(compute('rd_enterprise_subsidy', params, { baseFen: 600_000_000 }, { alreadyApprovedFen: 100_000_000 }).amountFen).toBe(0);
  });
  it('fills the defaults (10%, 1,000,000.00) and refuses a rate above 10% or a cap above 1,000,000.00', () => {
    expect(parseParams('rd_enterprise_subsidy', {})).toEqual({ ok: true, params: { rateBp: 1000, capFen: 100_000_000 } });
    const bad = parseParams('rd_enterprise_subsidy', { rateBp: 1001, capFen: 100_000_001 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.path).sort()).toEqual(['params.capFen', 'params.rateBp']);
  });
});

describe('university reward (5%–10% of funds received)', () => {
  it('accepts 5% and 10% exactly and computes them', () => {
    expect(compute('rd_university_reward', { rateBp: 500 }, { baseFen: 1_000_000_000 }).amountFen).toBe(50_000_000);
    const r = compute('rd_university_reward', { rateBp: 1000 }, { baseFen: 1_000_000_000 });
    expect(r).toMatchObject({ amountFen: 100_000_000, capped: false, remainingCap: null });
    expect(r.formula).toBe('实际到账研发经费 ¥10,000,000.00 × 10% = ¥1,000,000.00；补助金额 ¥1,000,000.00');
  });
  it('refuses a rate outside 5%–10% (499 bp, 1001 bp, a fraction of a basis point)', () => {
    for (const rateBp of [499, 1001, 750.5, 0, -500]) {
      const r = parseParams('rd_university_reward', { rateBp });
      expect(r.ok, String(rateBp)).toBe(false);
      if (!r.ok) expect(r.errors[0]).toMatchObject({ path: 'params.rateBp', message: '奖励比例须在 5%–10% 之间（500–1000 个基点）' });
      expect(() => compute('rd_university_reward', { rateBp }, { baseFen: 100 })).toThrow(RangeError);
    }
    expect(parseParams('rd_university_reward', { rateBp: 800, extra: 1 }).ok).toBe(false);
  });
  it('rounds 7.5% of ¥0.13 down to ¥0.00 and of ¥1,234,567.89 to ¥92,592.59', () => {
    expect(compute('rd_university_reward', { rateBp: 750 }, { baseFen: 13 }).amountFen).toBe(0);
    expect(compute('rd_university_reward', { rateBp: 750 }, { baseFen: 123_456_789 }).amountFen).toBe(9_259_259);
  });
});

describe('sales post-subsidy (2% for 24 months, 5,000,000.00 per achievement)', () => {
  const params = { rateBp: 200, windowMonths: 24, capFen: 500_000_000 };
  it('gives exactly the cap for 250,000,000.00 of sales and caps beyond', () => {
    expect(compute('sales_post_subsidy', params, { baseFen: 25_000_000_000 })).toMatchObject({ amountFen: 500_000_000, capped: false, remainingCap: 0 });
    expect(compute('sales_post_subsidy', params, { baseFen: 25_000_000_050 })).toMatchObject({ amountFen: 500_000_000, capped: true });
  });
  it('counts every approved application of the same achievement against the cap', () => {
    const first = compute('sales_post_subsidy', params, { baseFen: 20_000_000_000 });
    expect(first.amountFen).toBe(400_000_000);
    const second = compute('sales_post_subsidy', params, { baseFen: 20_000_000_000 }, { alreadyApprovedFen: first.amountFen });
    expect(second).toMatchObject({ amountFen: 100_000_000, capped: true, remainingCap: 0 });
    expect(second.formula).toContain('同一成果已批准 ¥4,000,000.00');
    expect(compute('sales_post_subsidy', params, { baseFen: 1 }, { alreadyApprovedFen: 500_000_000 }).amountFen).toBe(0);
  });
  it('refuses a rate above 2%, a window beyond 24 months and a cap above 5,000,000.00', () => {
    const r = parseParams('sales_post_subsidy', { rateBp: 201, windowMonths: 25, capFen: 500_000_001 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path).sort()).toEqual(['params.capFen', 'params.rateBp', 'params.windowMonths']);
  });
  it('accepts a sales period inside the 24 months after registration, to the last day', () => {
    expect(windowEnd('2026-03-01', 24)).toBe('2028-02-29');
    const ok = checkSalesPostSubsidy(contract({ contractType: 'transfer_patent' }), ent, '420000', { newProductSalesFen: 100, periodFrom: '2026-03-01', periodTo: '2028-02-29' }, 24);
    expect(ok).toEqual([]);
  });
  it('refuses a period reaching one day past the window, or before registration', () => {
    const late = checkSalesPostSubsidy(contract(), ent, '420000', { newProductSalesFen: 100, periodFrom: '2027-03-01', periodTo: '2028-03-01' }, 24);
    expect(messages(late)).toEqual(['新产品销售期间须在合同登记之日起 24 个月内（2026-03-01 至 2028-02-29）']);
    const early = checkSalesPostSubsidy(contract(), ent, '420000', { newProductSalesFen: 100, periodFrom: '2026-02-28', periodTo: '2026-12-31' }, 24);
    expect(early).toHaveLength(1);
  });
  it('refuses consulting contracts, the seller as applicant and unregistered contracts', () => {
    const r = checkSalesPostSubsidy(contract({ contractType: 'consulting' }), univ, '420000', { newProductSalesFen: 100, periodFrom: '2026-04-01', periodTo: '2026-12-31' }, 24);
    expect(messages(r)).toEqual(['仅技术转让或技术开发合同可申请新产品销售后补助', '申请单位须为该合同的受让方或委托方']);
    const u = checkSalesPostSubsidy(contract({ status: 'accepted', registeredOn: null }), ent, '420000', { newProductSalesFen: 100, periodFrom: '2026-04-01', periodTo: '2026-12-31' }, 24);
    expect(messages(u)).toContain(NOT_REGISTERED);
  });
});

describe('guidance fund and angel matching', () => {
  it('injects 30%–50% of an investment, refusing 29.99% and 50.01%', () => {
    expect(compute('guidance_injection', { rateBp: 3000 }, { baseFen: 1_000_000_000 }).amountFen).toBe(300_000_000);
    expect(compute('guidance_injection', { rateBp: 5000 }, { baseFen: 1_000_000_000 }).amountFen).toBe(500_000_000);
    expect(parseParams('guidance_injection', { rateBp: 2999 }).ok).toBe(false);
    expect(parseParams('guidance_injection', { rateBp: 5001 }).ok).toBe(false);
  });
  it('injects 100%–300% for start-ups inside incubators, with an optional cap', () => {
    expect(compute('incubator_injection', { rateBp: 30000 }, { baseFen: 200_000_000 }).amountFen).toBe(600_000_000);
    expect(compute('incubator_injection', { rateBp: 10000, capFen: 50_000_000 }, { baseFen: 200_000_000 })).toMatchObject({ amountFen: 50_000_000, capped: true });
    expect(parseParams('incubator_injection', { rateBp: 9999 }).ok).toBe(false);
    expect(parseParams('incubator_injection', { rateBp: 30001 }).ok).toBe(false);
    expect(messages(checkInvestment('incubator_injection', { organizationId: 'x', type: 'investor', regionCode: '420102' }, { investeeName: '某初创企业', investmentFen: 1, isInIncubator: false }))).toEqual([
      '被投企业须为孵化器内的初创企业',
    ]);
  });
  it('matches at most 30% of paid-in capital for angel funds', () => {
    expect(compute('angel_matching', { rateBp: 3000 }, { baseFen: 1_000_000_001 }).amountFen).toBe(300_000_000);
    expect(parseParams('angel_matching', { rateBp: 3001 }).ok).toBe(false);
  });
  it('accepts only investors (and incubators for angel funds) as applicants', () => {
    expect(messages(checkInvestment('guidance_injection', univ, { investeeName: '某企业', investmentFen: 100 }))).toEqual(['申请单位须为投资机构']);
    expect(checkInvestment('angel_matching', { organizationId: 'i', type: 'incubator', regionCode: '420111' }, { paidInCapitalFen: 100 })).toEqual([]);
  });
  it('computes huge amounts exactly (no floating point): 300% of ¥999,999,999,999.99', () => {
    expect(applyRate(99_999_999_999_999, 30000)).toEqual({ fen: 299_999_999_999_997, truncated: false });
  });
});

describe('intermediary conversion subsidy', () => {
  it('gives rate of the deal price plus a fixed amount, capped', () => {
    const r = compute('intermediary_conversion', { rateBp: 100, fixedFen: 1_000_000, capFen: 5_000_000 }, { baseFen: 180_000_000 });
    expect(r).toMatchObject({ amountFen: 2_800_000, capped: false });
    expect(r.formula).toContain('成交价格 ¥1,800,000.00 × 1% + 固定金额 ¥10,000.00 = ¥28,000.00');
    expect(compute('intermediary_conversion', { fixedFen: 1_000_000, capFen: 500_000 }, { baseFen: 1 }).amountFen).toBe(500_000);
    expect(parseParams('intermediary_conversion', { capFen: 100 }).ok).toBe(false);
  });
  it('needs a deal with an intermediary (the applicant) and a registered contract', () => {
    const deal = { id: 'd', intermediaryOrganizationId: 'svc', buyerOrganizationId: ENT, priceFen: 100, contractId: 'c' };
    expect(checkIntermediaryDeal(deal, contract(), { organizationId: 'svc', type: 'service_institution', regionCode: '420106' })).toEqual([]);
    expect(messages(checkIntermediaryDeal({ ...deal, intermediaryOrganizationId: null }, null, null))).toEqual([
      '该成交没有中介机构，不适用中介机构补助',
      '该成交尚未关联技术合同，仅已登记的技术合同可申请补助',
    ]);
    expect(messages(checkIntermediaryDeal(deal, contract(), ent))).toEqual(['申请单位须为该成交的中介机构']);
  });
});

describe('R&D contract eligibility', () => {
  it('accepts the university for the reward and the enterprise for the subsidy', () => {
    expect(checkRdContract('rd_university_reward', contract(), univ, '420000')).toEqual([]);
    expect(checkRdContract('rd_enterprise_subsidy', contract(), ent, '420000')).toEqual([]);
  });
  it('refuses an unregistered contract, a non-R&D type and a contract without payments', () => {
    const r = checkRdContract('rd_enterprise_subsidy', contract({ status: 'accepted', registeredOn: null, contractType: 'license_patent', paidFen: 0 }), ent, '420000');
    expect(messages(r)).toEqual([NOT_REGISTERED, '仅技术开发合同可申请研发合同补助与奖励', NO_PAYMENT]);
    expect(messages(checkRdContract('rd_enterprise_subsidy', null, ent, '420000'))).toEqual(['请选择已登记的技术合同']);
  });
  it('refuses the wrong party, an out-of-province counterpart and an enterprise seller', () => {
    expect(messages(checkRdContract('rd_university_reward', contract(), ent, '420000'))).toEqual(['申请单位须为该合同的研究开发方（高校或科研院所）']);
    expect(messages(checkRdContract('rd_enterprise_subsidy', contract(), univ, '420000'))).toEqual(['申请单位须为该合同的委托方企业']);
    const outOfProvince = contract({ parties: [
      { role: 'buyer', organizationId: ENT, regionCode: '110108', legalNature: 'enterprise_private' },
      { role: 'seller', organizationId: UNIV, regionCode: '420111', legalNature: 'university' },
    ] });
    expect(messages(checkRdContract('rd_university_reward', outOfProvince, univ, '420000'))).toEqual(['委托方须为省内企业']);
    const institute = contract({ parties: [
      { role: 'buyer', organizationId: ENT, regionCode: '420111', legalNature: 'enterprise_state' },
      { role: 'seller', organizationId: UNIV, regionCode: '420111', legalNature: 'research_institute' },
    ] });
    expect(checkRdContract('rd_university_reward', institute, univ, '420000')).toEqual([]);
    expect(messages(checkRdContract('rd_enterprise_subsidy', institute, ent, '420000'))).toEqual(['研究开发方须为省内高校']);
  });
  it('checks the applicant is inside the programme region', () => {
    expect(checkApplicantRegion(univ, '420000')).toEqual([]);
    expect(checkApplicantRegion(univ, '420100')).toEqual([]);
    expect(checkApplicantRegion(univ, '420500', '宜昌市')[0]?.message).toBe('申请单位不在该项目的适用地区（宜昌市）内');
  });
});

describe('money input and formatting', () => {
  const schema = z.object({ amount: YuanAmountSchema });
  it('parses yuan exactly to fen', () => {
    expect(schema.parse({ amount: '10,000,000.01' }).amount).toBe(1_000_000_001);
    expect(schema.parse({ amount: '12.5万' }).amount).toBe(12_500_000);
    expect(schema.parse({ amount: 1234.5 }).amount).toBe(123_450);
  });
  it('refuses more than two decimals and negative amounts at the schema, naming the field', () => {
    const three = schema.safeParse({ amount: '100.005' });
    expect(three.success).toBe(false);
    expect(three.error?.issues[0]).toMatchObject({ path: ['amount'], message: '金额最多精确到分（小数点后两位）' });
    const neg = schema.safeParse({ amount: '-1' });
    expect(neg.error?.issues[0]?.message).toBe('金额不能为负数');
    expect(schema.safeParse({ amount: 0.1 + 0.2 }).success).toBe(false);
    expect(schema.safeParse({ amount: -0.5 }).success).toBe(false);
  });
  it('formats rates without floats and adds months clamped to the month end', () => {
    expect([500, 250, 1234, 30000, 1].map(formatRate)).toEqual(['5%', '2.5%', '12.34%', '300%', '0.01%']);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
  it('refuses non-integer base amounts (a bug upstream)', () => {
    expect(() => compute('guidance_injection', { rateBp: 3000 }, { baseFen: 10.5 })).toThrow(RangeError);
    expect(() => compute('guidance_injection', { rateBp: 3000 }, { baseFen: -1 })).toThrow(RangeError);
  });
});
