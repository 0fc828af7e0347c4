import { z } from 'zod';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.js';
import { CONTRACT_TYPE_VALUES, LEGAL_NATURE_VALUES } from '../contracts/contract-codes.js';
import { APPLICATION_STATUS_VALUES, SUBSIDY_KIND_VALUES } from './subsidy-codes.js';
import { YuanAmountSchema } from './subsidy-rules.js';

/** Request and response schemas of the subsidies module (补助与奖励). Requests are strict. */

export const IdParamSchema = z.strictObject({ id: z.uuid('ID 格式不正确') });
export const ContractParamSchema = z.strictObject({ contractId: z.uuid('ID 格式不正确') });

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const text = (label: string, max: number) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 字`);
const REGION = z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字');
const CODE = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{2,62}$/, '项目编码须为 3–63 位小写字母、数字或连字符');

/** Programme fields the operator edits (a new version carries all of them again, except code and kind). */
const ProgrammeFields = {
  name: text('项目名称', 200),
  /** Rule parameters, validated per kind (subsidy-rules.ts PARAM_SCHEMAS): rates in bp, caps in fen. */
  params: z.record(z.string(), z.unknown(), '请填写规则参数'),
  regionCode: REGION,
  effectiveFrom: DAY,
  effectiveTo: DAY.nullable().optional(),
  /** Yuan as typed, exact to the fen. */
  budget: YuanAmountSchema,
  description: z.string().trim().max(4000, '说明不能超过 4000 字').optional(),
};

export const CreateProgrammeSchema = z.strictObject({
  code: CODE,
  kind: z.enum(SUBSIDY_KIND_VALUES, '请选择补助类型'),
  ...ProgrammeFields,
});
export type CreateProgramme = z.infer<typeof CreateProgrammeSchema>;

export const NewVersionSchema = z.strictObject(ProgrammeFields);
export type NewVersion = z.infer<typeof NewVersionSchema>;

/** What a rule needs besides linked records; amounts in yuan as typed (refused at the schema when negative or finer than a fen). */
export const ApplicationInputsSchema = z.strictObject({
  newProductSales: YuanAmountSchema.optional(),
  periodFrom: DAY.optional(),
  periodTo: DAY.optional(),
  investeeName: z.string().trim().max(200, '被投企业名称不能超过 200 字').optional(),
  investment: YuanAmountSchema.optional(),
  investedOn: DAY.optional(),
  paidInCapital: YuanAmountSchema.optional(),
  isInIncubator: z.boolean().optional(),
});
export type ApplicationInputs = z.infer<typeof ApplicationInputsSchema>;

export const CreateApplicationSchema = z.strictObject({
  programmeCode: CODE,
  contractId: z.uuid('合同 ID 格式不正确').optional(),
  dealId: z.uuid('成交 ID 格式不正确').optional(),
  inputs: ApplicationInputsSchema.default({}),
});
export type CreateApplication = z.infer<typeof CreateApplicationSchema>;

export const ScoreSchema = z.strictObject({
  score: z.number('请填写评分').int('评分须为整数').min(0, '评分须在 0–100 之间').max(100, '评分须在 0–100 之间'),
  comment: z.string().trim().max(2000, '评审意见不能超过 2000 字').optional(),
});
export const ApproveSchema = z.strictObject({
  amount: YuanAmountSchema,
  comment: z.string().trim().max(1000, '审核意见不能超过 1000 字').optional(),
});
export type Approve = z.infer<typeof ApproveSchema>;
export const ReasonSchema = z.strictObject({ reason: text('理由', 1000) });

export const DisbursementSchema = z.strictObject({
  /** The payment order's own key: the same key twice is one payment. */
  idempotencyKey: z.string().trim().min(8, '幂等键至少 8 个字符').max(100, '幂等键不能超过 100 个字符'),
  amount: YuanAmountSchema,
  paidOn: DAY,
  reference: text('支付凭证号', 200),
});
export type Disbursement = z.infer<typeof DisbursementSchema>;

const PartySchema = z.strictObject({
  legalNature: z.enum(LEGAL_NATURE_VALUES, '请选择法人性质'),
  regionCode: REGION,
});
export const SimulateSchema = z.strictObject({
  /** One programme, or every active one when omitted. */
  programmeCode: CODE.optional(),
  contract: z
    .strictObject({
      contractType: z.enum(CONTRACT_TYPE_VALUES, '请选择合同类型'),
      seller: PartySchema,
      buyer: PartySchema,
      /** Payments actually made (研发经费到账 / 实际支付). */
      paid: YuanAmountSchema,
      registeredOn: DAY.optional(),
      hasIntermediary: z.boolean().optional(),
      dealPrice: YuanAmountSchema.optional(),
    })
    .optional(),
  inputs: ApplicationInputsSchema.optional(),
});
export type Simulate = z.infer<typeof SimulateSchema>;

export const ApplicationListQuerySchema = PageQuerySchema.extend({
  status: z.enum(APPLICATION_STATUS_VALUES).optional(),
  programmeCode: z.string().trim().max(63).optional(),
}).strict();
export type ApplicationListQuery = z.infer<typeof ApplicationListQuerySchema>;

const Org = z.object({ id: z.string(), name: z.string() });

export const ProgrammeOutSchema = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number().int(),
  name: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  params: z.record(z.string(), z.unknown()),
  /** The rule in words. */
  rule: z.string(),
  regionCode: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  description: z.string(),
  budgetFen: z.number().int(),
  committedFen: z.number().int(),
  disbursedFen: z.number().int(),
  remainingFen: z.number().int(),
  allowedActions: z.array(z.string()),
});
export const ProgrammeDetailSchema = ProgrammeOutSchema.extend({
  versions: z.array(z.object({ id: z.string(), version: z.number().int(), status: z.string(), statusLabel: z.string(), effectiveFrom: z.string(), effectiveTo: z.string().nullable() })),
});
export const ProgrammeListSchema = z.object({ items: z.array(ProgrammeOutSchema) });

export const ComputationSchema = z.object({
  programme: z.object({ id: z.string(), code: z.string(), version: z.number().int(), name: z.string(), kind: z.string(), kindLabel: z.string() }),
  eligible: z.boolean(),
  reasons: z.array(z.object({ path: z.string(), message: z.string() })),
  amountFen: z.number().int(),
  amount: z.string(),
  formula: z.string(),
  capped: z.boolean(),
  remainingCapFen: z.number().int().nullable(),
});
export const SimulationSchema = z.object({ results: z.array(ComputationSchema) });

export const ApplicationSummarySchema = z.object({
  id: z.string(),
  programme: z.object({ id: z.string(), code: z.string(), version: z.number().int(), name: z.string(), kind: z.string(), kindLabel: z.string(), regionCode: z.string() }),
  applicant: Org,
  regionCode: z.string(),
  contractId: z.string().nullable(),
  dealId: z.string().nullable(),
  achievementId: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  computedFen: z.number().int(),
  approvedFen: z.number().int().nullable(),
  disbursedFen: z.number().int(),
  formula: z.string(),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummarySchema>;

export const ApplicationDetailSchema = ApplicationSummarySchema.extend({
  inputs: z.record(z.string(), z.unknown()),
  reviewComment: z.string().nullable(),
  scores: z.array(z.object({ expert: z.string(), score: z.number().int(), comment: z.string(), createdAt: z.string() })),
  averageScore: z.number().nullable(),
  disbursements: z.array(z.object({ id: z.string(), idempotencyKey: z.string(), amountFen: z.number().int(), paidOn: z.string(), reference: z.string(), createdAt: z.string() })),
  timeline: z.array(z.object({ at: z.string(), text: z.string() })),
  allowedActions: z.array(z.string()),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetailSchema>;

export const ApplicationPageSchema = pageOf(ApplicationSummarySchema);
export const DisbursementOutSchema = z.object({
  disbursement: z.object({ id: z.string(), idempotencyKey: z.string(), amountFen: z.number().int(), paidOn: z.string(), reference: z.string(), createdAt: z.string() }),
  /** false when the idempotency key was already used: the existing entry, nothing paid again. */
  created: z.boolean(),
  application: ApplicationDetailSchema,
});

export type ProgrammeOut = z.infer<typeof ProgrammeOutSchema>;
export type ProgrammeDetail = z.infer<typeof ProgrammeDetailSchema>;
export type Computation = z.infer<typeof ComputationSchema>;
export type DisbursementOut = z.infer<typeof DisbursementOutSchema>;
/** Request bodies as the web app sends them (amounts as typed, before the schema parses them). */
export type CreateProgrammeBody = z.input<typeof CreateProgrammeSchema>;
export type NewVersionBody = z.input<typeof NewVersionSchema>;
export type CreateApplicationBody = z.input<typeof CreateApplicationSchema>;
export type SimulateBody = z.input<typeof SimulateSchema>;
