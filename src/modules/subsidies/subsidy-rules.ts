/**
 * Pure rules of the subsidy engine (补助与奖励): the parameter schema of each rule kind with its
 * policy bounds, the amount with its formula, and the eligibility checks. No I/O.
 *
 * Money: integer fen only. A rate is an integer number of basis points (1% = 100 bp); an amount is
 * `floor(base × rateBp / 10000)` computed in BigInt (exact for any amount up to MAX_FEN and any
 * rate), i.e. rounded down to the fen: a subsidy never pays a fraction of a fen more than the
 * rule gives. No floating point touches money anywhere in this file.
 */
import { z } from 'zod';
import type { FieldError } from '../../platform/errors.js';
import { formatFen, MAX_FEN, parseYuanToFen } from '../../platform/money.js';
import type { SubsidyKind } from './subsidy-codes.js';
import { shanghaiDay } from '../../platform/shanghai-day.js';

// ---------- parameters ----------

const rate = (min: number, max: number, message: string) => z.number({ error: message }).int(message).min(min, message).max(max, message);
const cap = (max: number, message: string) =>
  z.number({ error: '封顶金额须为整数（分）' }).int('封顶金额须为整数（分）').min(1, '封顶金额须大于 0').max(max, message);
const OPTIONAL_CAP = cap(MAX_FEN, '封顶金额过大').optional();

/** 100 万元: the enterprise R&D subsidy cap (湖北省技术开发合同双向补助). */
export const RD_ENTERPRISE_CAP_FEN = 100_000_000;
/** 500 万元 per achievement: the new-product sales post-subsidy cap. */
export const SALES_CAP_FEN = 500_000_000;

/**
 * Parameters per kind, with the policy bounds of the plan (DOMAIN.md "Rules with numbers"):
 * - rd_university_reward: 5%–10% of funds actually received.
 * - rd_enterprise_subsidy: 10% of fees actually paid (at most 10%), capped at 100 万元 per contract.
 * - intermediary_conversion: a rate (≤ 10%) of the deal price and/or a fixed amount, with a cap (our decision).
 * - sales_post_subsidy: 2% (at most) of new-product sales within 24 months of registration, ≤ 500 万元 per achievement.
 * - guidance_injection 30%–50%, incubator_injection 100%–300% of the investment; angel_matching ≤ 30% of paid-in capital.
 */
export const PARAM_SCHEMAS = {
  rd_university_reward: z.strictObject({ rateBp: rate(500, 1000, '奖励比例须在 5%–10% 之间（500–1000 个基点）') }),
  rd_enterprise_subsidy: z.strictObject({
    rateBp: rate(1, 1000, '补助比例须在 0.01%–10% 之间（1–1000 个基点）').default(1000),
    capFen: cap(RD_ENTERPRISE_CAP_FEN, '每份合同的封顶金额不能超过 100 万元').default(RD_ENTERPRISE_CAP_FEN),
  }),
  intermediary_conversion: z
    .strictObject({
      rateBp: rate(0, 1000, '补助比例须在 0–10% 之间（0–1000 个基点）').default(0),
      fixedFen: z.number({ error: '固定金额须为整数（分）' }).int('固定金额须为整数（分）').min(0, '固定金额不能为负数').max(MAX_FEN, '固定金额过大').default(0),
      capFen: cap(MAX_FEN, '封顶金额过大'),
    })
    .refine((p) => p.rateBp > 0 || p.fixedFen > 0, { message: '补助比例与固定金额至少设置一项', path: ['rateBp'] }),
  sales_post_subsidy: z.strictObject({
    rateBp: rate(1, 200, '后补助比例须在 0.01%–2% 之间（1–200 个基点）').default(200),
    windowMonths: z.number({ error: '适用期须为 1–24 个月' }).int('适用期须为 1–24 个月').min(1, '适用期须为 1–24 个月').max(24, '适用期须为 1–24 个月').default(24),
    capFen: cap(SALES_CAP_FEN, '每项成果的封顶金额不能超过 500 万元').default(SALES_CAP_FEN),
  }),
  guidance_injection: z.strictObject({ rateBp: rate(3000, 5000, '注资比例须在 30%–50% 之间（3000–5000 个基点）'), capFen: OPTIONAL_CAP }),
  incubator_injection: z.strictObject({ rateBp: rate(10000, 30000, '注资比例须在 100%–300% 之间（10000–30000 个基点）'), capFen: OPTIONAL_CAP }),
  angel_matching: z.strictObject({ rateBp: rate(1, 3000, '配套比例不能超过实缴出资额的 30%（1–3000 个基点）'), capFen: OPTIONAL_CAP }),
} as const satisfies Record<SubsidyKind, z.ZodType>;

export type ParamsOf<K extends SubsidyKind> = z.output<(typeof PARAM_SCHEMAS)[K]>;
export interface RuleParams {
  rateBp: number;
  capFen?: number | undefined;
  fixedFen?: number | undefined;
  windowMonths?: number | undefined;
}

/** Validates (and fills defaults of) a programme's parameters; errors carry `params.<field>` paths. */
export function parseParams(kind: SubsidyKind, raw: unknown, prefix = 'params'): { ok: true; params: RuleParams } | { ok: false; errors: FieldError[] } {
  const r = PARAM_SCHEMAS[kind].safeParse(raw ?? {});
  if (r.success) return { ok: true, params: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => ({
      path: [prefix, ...i.path.map(String)].join('.'),
      message: i.code === 'unrecognized_keys' ? `不允许的参数：${i.keys.join('、')}` : i.message,
    })),
  };
}

// ---------- amounts ----------

/** ¥1,234.56 */
export const yuan = (fen: number) => `¥${formatFen(fen)}`;

/** 500 → "5%", 250 → "2.5%", 1234 → "12.34%" (integer arithmetic, no float). */
export function formatRate(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = bp % 100;
  return frac === 0 ? `${whole}%` : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}%`;
}

/** floor(baseFen × rateBp / 10000), exact in BigInt. */
export function applyRate(baseFen: number, rateBp: number): { fen: number; truncated: boolean } {
  const product = BigInt(baseFen) * BigInt(rateBp);
  return { fen: Number(product / 10_000n), truncated: product % 10_000n !== 0n };
}

/** What the base amount of each kind is called in a formula. */
export const BASE_LABELS: Record<SubsidyKind, string> = {
  rd_university_reward: '实际到账研发经费',
  rd_enterprise_subsidy: '实际支付高校研发费用',
  intermediary_conversion: '成交价格',
  sales_post_subsidy: '新产品销售额',
  guidance_injection: '投资额',
  incubator_injection: '投资额',
  angel_matching: '实缴出资额',
};

/** Over which records a cap runs (README "Caps"). */
export const CAP_SCOPES: Record<SubsidyKind, string> = {
  rd_university_reward: '本申请',
  rd_enterprise_subsidy: '同一合同',
  intermediary_conversion: '本申请',
  sales_post_subsidy: '同一成果',
  guidance_injection: '本申请',
  incubator_injection: '本申请',
  angel_matching: '本申请',
};

export interface RuleInputs {
  /** The base amount in fen: funds received / fees paid / deal price / sales / investment / paid-in capital. */
  baseFen: number;
}

export interface RuleContext {
  /** Amounts already approved against the same cap (other applications), fen. */
  alreadyApprovedFen: number;
}

export interface RuleResult {
  amountFen: number;
  /** Chinese, with the inputs as ¥ amounts and the rate as %. */
  formula: string;
  /** The cap (what is left of it) cut the amount. */
  capped: boolean;
  /** What is left of the cap after this amount, fen; null without a cap. */
  remainingCap: number | null;
}

const checkFen = (name: string, fen: number) => {
  if (!Number.isSafeInteger(fen) || fen < 0 || fen > MAX_FEN) throw new RangeError(`${name} must be a non-negative integer of fen up to MAX_FEN, got ${fen}`);
};

/**
 * The amount a programme gives: `fixed + floor(base × rate)`, rounded down to the fen, then cut
 * to what is left of the cap (cap − already approved against it). Parameters are validated again
 * (a rate outside the policy bounds throws), amounts must be integer fen.
 */
export function compute(kind: SubsidyKind, params: unknown, inputs: RuleInputs, context: RuleContext = { alreadyApprovedFen: 0 }): RuleResult {
  const parsed = parseParams(kind, params);
  if (!parsed.ok) throw new RangeError(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  const p = parsed.params;
  checkFen('baseFen', inputs.baseFen);
  checkFen('alreadyApprovedFen', context.alreadyApprovedFen);
  const rated = applyRate(inputs.baseFen, p.rateBp);
  const fixed = p.fixedFen ?? 0;
  const raw = rated.fen + fixed;
  const parts: string[] = [];
  const rateText = p.rateBp > 0 ? `${BASE_LABELS[kind]} ${yuan(inputs.baseFen)} × ${formatRate(p.rateBp)}` : '';
  const fixedText = fixed > 0 ? `固定金额 ${yuan(fixed)}` : '';
  parts.push(`${[rateText, fixedText].filter(Boolean).join(' + ')} = ${yuan(raw)}${rated.truncated ? '（按分向下取整）' : ''}`);
  if (p.capFen === undefined) {
    parts.push(`补助金额 ${yuan(raw)}`);
    return { amountFen: raw, formula: parts.join('；'), capped: false, remainingCap: null };
  }
  const available = Math.max(0, p.capFen - context.alreadyApprovedFen);
  const amount = Math.min(raw, available);
  const capped = raw > available;
  let capText = `封顶 ${yuan(p.capFen)}`;
  if (context.alreadyApprovedFen > 0) capText += `，${CAP_SCOPES[kind]}已批准 ${yuan(context.alreadyApprovedFen)}，剩余额度 ${yuan(available)}`;
  if (capped) capText += `，按${context.alreadyApprovedFen > 0 ? '剩余额度' : '封顶'}计`;
  parts.push(capText, `补助金额 ${yuan(amount)}`);
  return { amountFen: amount, formula: parts.join('；'), capped, remainingCap: available - amount };
}

// ---------- money input ----------

/**
 * An amount in yuan as typed ("1,200,000.50", "120万", 1200000.5) → integer fen, refused at the
 * schema when negative, with more than two decimals, or not a number (messages from money.ts).
 */
export const YuanAmountSchema = z.union([z.string().max(40, '金额过长'), z.number()], { error: '请填写金额' }).transform((v, ctx) => {
  const r = parseYuanToFen(v);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.fen;
});

// ---------- dates ----------

export type Day = string;

/** The Asia/Shanghai calendar day of an instant. */
export { shanghaiDay };

/** The same day n months later, clamped to the month's end (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(day: Day, n: number): Day {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function addDays(day: Day, n: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
}

/** The last day of the post-subsidy window: registration day + N months − 1 day (inclusive). */
export function windowEnd(registeredOn: Day, months: number): Day {
  return addDays(addMonths(registeredOn, months), -1);
}

// ---------- eligibility ----------

/** The facts of a technology contract the rules read (from contracts' `contractFacts`). */
export interface ContractView {
  status: string;
  contractType: string;
  /** Shanghai day of registration, null unless registered. */
  registeredOn: Day | null;
  parties: { role: string; organizationId: string | null; regionCode: string; legalNature: string }[];
  paidFen: number;
  achievementId: string | null;
  dealId: string | null;
}

export interface DealView {
  id: string;
  intermediaryOrganizationId: string | null;
  buyerOrganizationId: string;
  priceFen: number;
  contractId: string | null;
}

/** The applying organization; null in the simulator (the right party is assumed to apply). */
export interface ApplicantView {
  organizationId: string;
  type: string;
  regionCode: string;
}

export interface InvestmentInputs {
  investmentFen?: number | undefined;
  paidInCapitalFen?: number | undefined;
  isInIncubator?: boolean | undefined;
  investeeName?: string | undefined;
}

export interface SalesInputs {
  newProductSalesFen?: number | undefined;
  periodFrom?: Day | undefined;
  periodTo?: Day | undefined;
}

export type Reason = FieldError;

export const NOT_REGISTERED = '仅已登记的技术合同可申请补助（合同尚未登记）';
export const NO_PAYMENT = '尚无实际支付记录';

const sameProvince = (regionCode: string, programmeRegion: string) => regionCode.slice(0, 2) === programmeRegion.slice(0, 2);
const isEnterprise = (nature: string) => nature.startsWith('enterprise');
const isRd = (type: string) => type.startsWith('development_');
const isTransferOrRd = (type: string) => type.startsWith('development_') || type.startsWith('transfer_');
const partiesOf = (c: ContractView, role: string) => c.parties.filter((p) => p.role === role);

/** The applicant is inside the programme's region (a province programme: anywhere in the province). */
export function checkApplicantRegion(applicant: ApplicantView | null, programmeRegion: string, regionName = programmeRegion): Reason[] {
  if (!applicant) return [];
  const prefix = programmeRegion.replace(/(00)+$/, '');
  return applicant.regionCode.startsWith(prefix) ? [] : [{ path: 'programmeCode', message: `申请单位不在该项目的适用地区（${regionName}）内` }];
}

function registered(c: ContractView | null, path = 'contractId'): Reason[] {
  if (!c) return [{ path, message: '请选择已登记的技术合同' }];
  return c.status === 'registered' && c.registeredOn ? [] : [{ path, message: NOT_REGISTERED }];
}

/**
 * (a) R&D contract rules. University reward: the seller is an in-province university or research
 * institute (the applicant), the buyer an in-province enterprise. Enterprise subsidy: the buyer is
 * an in-province enterprise (the applicant), the seller an in-province university. Both: a
 * registered technology-development contract with payments actually made.
 */
export function checkRdContract(kind: 'rd_university_reward' | 'rd_enterprise_subsidy', c: ContractView | null, applicant: ApplicantView | null, programmeRegion: string): Reason[] {
  const reasons = registered(c);
  if (!c) return reasons;
  if (!isRd(c.contractType)) reasons.push({ path: 'contractId', message: '仅技术开发合同可申请研发合同补助与奖励' });
  const sellers = partiesOf(c, 'seller');
  const buyers = partiesOf(c, 'buyer');
  const inProvinceEnterpriseBuyer = buyers.some((b) => isEnterprise(b.legalNature) && sameProvince(b.regionCode, programmeRegion));
  if (kind === 'rd_university_reward') {
    const okSellers = sellers.filter((s) => ['university', 'research_institute'].includes(s.legalNature) && sameProvince(s.regionCode, programmeRegion));
    if (!okSellers.length) reasons.push({ path: 'contractId', message: '研究开发方须为省内高校或科研院所' });
    if (!inProvinceEnterpriseBuyer) reasons.push({ path: 'contractId', message: '委托方须为省内企业' });
    if (applicant && okSellers.length && !okSellers.some((s) => s.organizationId === applicant.organizationId)) {
      reasons.push({ path: 'contractId', message: '申请单位须为该合同的研究开发方（高校或科研院所）' });
    }
  } else {
    const okSellers = sellers.filter((s) => s.legalNature === 'university' && sameProvince(s.regionCode, programmeRegion));
    if (!okSellers.length) reasons.push({ path: 'contractId', message: '研究开发方须为省内高校' });
    if (!inProvinceEnterpriseBuyer) reasons.push({ path: 'contractId', message: '委托方须为省内企业' });
    if (applicant && !buyers.some((b) => b.organizationId === applicant.organizationId && isEnterprise(b.legalNature))) {
      reasons.push({ path: 'contractId', message: '申请单位须为该合同的委托方企业' });
    }
  }
  if (c.paidFen <= 0) reasons.push({ path: 'contractId', message: NO_PAYMENT });
  return reasons;
}

/**
 * (b) Intermediary subsidy: a deal (摘牌成交) with an intermediary, whose technology contract is
 * registered; the applicant is the intermediary.
 */
export function checkIntermediaryDeal(deal: DealView | null, c: ContractView | null, applicant: ApplicantView | null): Reason[] {
  if (!deal) return [{ path: 'dealId', message: '请选择成交项目' }];
  const reasons: Reason[] = [];
  if (!deal.intermediaryOrganizationId) reasons.push({ path: 'dealId', message: '该成交没有中介机构，不适用中介机构补助' });
  else if (applicant && applicant.organizationId !== deal.intermediaryOrganizationId) reasons.push({ path: 'dealId', message: '申请单位须为该成交的中介机构' });
  if (!c) reasons.push({ path: 'contractId', message: '该成交尚未关联技术合同，仅已登记的技术合同可申请补助' });
  else reasons.push(...registered(c));
  return reasons;
}

/**
 * (c) Post-subsidy on new-product sales: a registered transfer or development contract, the
 * applicant is the buyer, and the sales period lies within the window after registration.
 */
export function checkSalesPostSubsidy(c: ContractView | null, applicant: ApplicantView | null, programmeRegion: string, inputs: SalesInputs, windowMonths: number): Reason[] {
  const reasons = registered(c);
  if (!c) return reasons;
  if (!isTransferOrRd(c.contractType)) reasons.push({ path: 'contractId', message: '仅技术转让或技术开发合同可申请新产品销售后补助' });
  if (!partiesOf(c, 'seller').some((s) => sameProvince(s.regionCode, programmeRegion))) reasons.push({ path: 'contractId', message: '须为省内单位的科技成果（让与方或研究开发方在省内）' });
  if (applicant && !partiesOf(c, 'buyer').some((b) => b.organizationId === applicant.organizationId)) reasons.push({ path: 'contractId', message: '申请单位须为该合同的受让方或委托方' });
  if (inputs.newProductSalesFen === undefined) reasons.push({ path: 'inputs.newProductSales', message: '请填写新产品销售额' });
  else if (inputs.newProductSalesFen <= 0) reasons.push({ path: 'inputs.newProductSales', message: '新产品销售额须大于 0' });
  if (!inputs.periodFrom) reasons.push({ path: 'inputs.periodFrom', message: '请填写销售期间起始日' });
  if (!inputs.periodTo) reasons.push({ path: 'inputs.periodTo', message: '请填写销售期间截止日' });
  if (inputs.periodFrom && inputs.periodTo && inputs.periodFrom > inputs.periodTo) reasons.push({ path: 'inputs.periodTo', message: '销售期间截止日不能早于起始日' });
  if (c.registeredOn && inputs.periodFrom && inputs.periodTo) {
    const end = windowEnd(c.registeredOn, windowMonths);
    if (inputs.periodFrom < c.registeredOn || inputs.periodTo > end) {
      reasons.push({ path: 'inputs.periodTo', message: `新产品销售期间须在合同登记之日起 ${windowMonths} 个月内（${c.registeredOn} 至 ${end}）` });
    }
  }
  return reasons;
}

/**
 * (d) Venture guidance fund: the applicant is an investor (投资机构; angel funds of incubators
 * also as an incubator), the amounts are given; injection into start-ups inside incubators needs
 * the incubator flag.
 */
export function checkInvestment(kind: 'guidance_injection' | 'incubator_injection' | 'angel_matching', applicant: ApplicantView | null, inputs: InvestmentInputs): Reason[] {
  const reasons: Reason[] = [];
  const allowedTypes = kind === 'angel_matching' ? ['investor', 'incubator'] : ['investor'];
  if (applicant && !allowedTypes.includes(applicant.type)) {
    reasons.push({ path: 'programmeCode', message: kind === 'angel_matching' ? '申请单位须为投资机构或孵化器设立的天使基金' : '申请单位须为投资机构' });
  }
  if (kind === 'angel_matching') {
    if (inputs.paidInCapitalFen === undefined) reasons.push({ path: 'inputs.paidInCapital', message: '请填写天使基金实缴出资额' });
    else if (inputs.paidInCapitalFen <= 0) reasons.push({ path: 'inputs.paidInCapital', message: '实缴出资额须大于 0' });
    return reasons;
  }
  if (!inputs.investeeName?.trim()) reasons.push({ path: 'inputs.investeeName', message: '请填写被投企业名称' });
  if (inputs.investmentFen === undefined) reasons.push({ path: 'inputs.investment', message: '请填写投资额' });
  else if (inputs.investmentFen <= 0) reasons.push({ path: 'inputs.investment', message: '投资额须大于 0' });
  if (kind === 'incubator_injection' && inputs.isInIncubator !== true) reasons.push({ path: 'inputs.isInIncubator', message: '被投企业须为孵化器内的初创企业' });
  return reasons;
}

/** The base amount of a kind from its facts (fen). */
export function baseOf(kind: SubsidyKind, f: { contract?: ContractView | null; deal?: DealView | null; sales?: SalesInputs; investment?: InvestmentInputs }): number {
  switch (kind) {
    case 'rd_university_reward':
    case 'rd_enterprise_subsidy':
      return f.contract?.paidFen ?? 0;
    case 'intermediary_conversion':
      return f.deal?.priceFen ?? 0;
    case 'sales_post_subsidy':
      return f.sales?.newProductSalesFen ?? 0;
    case 'angel_matching':
      return f.investment?.paidInCapitalFen ?? 0;
    default:
      return f.investment?.investmentFen ?? 0;
  }
}

/** The rule in words, for the public programme list. */
export function describeRule(kind: SubsidyKind, params: RuleParams): string {
  const r = formatRate(params.rateBp);
  const capText = params.capFen !== undefined ? `，封顶 ${yuan(params.capFen)}` : '';
  switch (kind) {
    case 'rd_university_reward':
      return `省内高校、科研院所承担省内企业委托的技术开发项目，按实际到账经费的 ${r} 给予奖励（须为已登记的技术合同）`;
    case 'rd_enterprise_subsidy':
      return `省内企业委托省内高校开展研发，按实际支付研发费用的 ${r} 给予补助，每份合同封顶 ${yuan(params.capFen ?? RD_ENTERPRISE_CAP_FEN)}（须为已登记的技术合同）`;
    case 'intermediary_conversion':
      return `技术转移服务机构促成摘牌成交且合同已登记的，${[params.rateBp ? `按成交价格的 ${r}` : '', params.fixedFen ? `${params.rateBp ? '另' : ''}给予固定 ${yuan(params.fixedFen)}` : ''].filter(Boolean).join('')} 补助${capText}`;
    case 'sales_post_subsidy':
      return `企业以技术转让或技术开发合同承接省内科技成果，合同登记后 ${params.windowMonths ?? 24} 个月内按新产品销售额的 ${r} 给予后补助，每项成果封顶 ${yuan(params.capFen ?? SALES_CAP_FEN)}`;
    case 'guidance_injection':
      return `创业投资机构投资科技成果转化企业的，引导基金按投资额的 ${r} 投后注资${capText}`;
    case 'incubator_injection':
      return `投资孵化器内初创企业的，引导基金按投资额的 ${r} 投后注资${capText}`;
    case 'angel_matching':
      return `省级孵化器设立的天使基金，按实缴出资额的 ${r} 配套${capText}`;
  }
}
