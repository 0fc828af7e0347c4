import type { RequestContext } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { systemActorByEmail } from '../accounts/index.js';
import type { SubsidyKind } from './subsidy-codes.js';
import { activateProgramme, createProgramme } from './subsidies.service.js';

interface DemoProgramme {
  code: string;
  name: string;
  kind: SubsidyKind;
  params: Record<string, number>;
  budgetFen: number;
  description: string;
}

/**
 * The plan's programmes (DOMAIN.md "Rules with numbers") as active version-1 rows of the province
 * (420000) for 2026, created and activated by the demo operator through the module's own use
 * cases (so each is audited). Rates in basis points, caps in fen.
 */
const PROGRAMMES: DemoProgramme[] = [
  {
    code: 'hubei-rd-university-2026',
    name: '湖北省技术开发合同双向补助（高校院所）2026',
    kind: 'rd_university_reward',
    params: { rateBp: 800 },
    budgetFen: 3_000_000_000,
    description: '省内高校、科研院所承担省内企业委托的研发项目，按实际到账经费的 8% 奖励；须为已登记的技术合同。',
  },
  {
    code: 'hubei-rd-enterprise-2026',
    name: '湖北省技术开发合同双向补助（企业）2026',
    kind: 'rd_enterprise_subsidy',
    params: { rateBp: 1000, capFen: 100_000_000 },
    budgetFen: 5_000_000_000,
    description: '省内企业委托省内高校开展研发，按实际支付研发费用的 10% 补助，每份合同最高 100 万元；须为已登记的技术合同。',
  },
  {
    code: 'hubei-intermediary-2026',
    name: '湖北省技术转移机构促成转化补助 2026',
    kind: 'intermediary_conversion',
    params: { rateBp: 100, fixedFen: 2_000_000, capFen: 20_000_000 },
    budgetFen: 500_000_000,
    description: '技术转移服务机构代企业摘牌成交、且技术合同已登记的，按成交价格的 1% 另加 2 万元补助，每项最高 20 万元。',
  },
  {
    code: 'hubei-sales-post-2026',
    name: '湖北省科技成果转化新产品销售后补助 2026',
    kind: 'sales_post_subsidy',
    params: { rateBp: 200, windowMonths: 24, capFen: 500_000_000 },
    budgetFen: 10_000_000_000,
    description: '企业以技术开发或转让合同承接省内成果，合同登记后两年内按新产品销售额的 2% 后补助，每项成果最高 500 万元。',
  },
  {
    code: 'hubei-guidance-2026',
    name: '湖北省创业投资引导基金投后注资 2026',
    kind: 'guidance_injection',
    params: { rateBp: 3000 },
    budgetFen: 20_000_000_000,
    description: '创业投资机构投资科技成果转化企业的，引导基金按投资额的 30% 投后注资。',
  },
  {
    code: 'hubei-incubator-2026',
    name: '湖北省引导基金孵化器初创企业投后注资 2026',
    kind: 'incubator_injection',
    params: { rateBp: 10000, capFen: 1_000_000_000 },
    budgetFen: 10_000_000_000,
    description: '投资孵化器内初创企业的，引导基金按投资额的 100% 投后注资，每笔最高 1000 万元。',
  },
  {
    code: 'hubei-angel-2026',
    name: '湖北省级孵化器天使基金配套 2026',
    kind: 'angel_matching',
    params: { rateBp: 3000 },
    budgetFen: 5_000_000_000,
    description: '省级孵化器设立的天使基金，按实缴出资额的 30% 配套。',
  },
];

export async function seedSubsidiesDemo(db: Db): Promise<number> {
  const operator = await systemActorByEmail(db, 'operator@kehui.example.cn');
  if (!operator) return 0;
  const ctx: RequestContext = { actor: operator, requestId: 'demo-data', ip: null };
  for (const p of PROGRAMMES) {
    const { budgetFen, ...rest } = p;
    const created = await createProgramme({ db }, ctx, { ...rest, regionCode: '420000', effectiveFrom: '2026-01-01', budget: budgetFen });
    await activateProgramme({ db }, ctx, created.id);
  }
  return PROGRAMMES.length;
}
