import { z } from 'zod';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.js';
import { INDUSTRY_VALUES, KEY_FIELD_VALUES } from '../achievements/achievement-codes.js';
import { CONTRACT_STATUS_VALUES, CONTRACT_TYPE_VALUES, LEGAL_NATURE_VALUES, PARTY_ROLE_VALUES } from './contract-codes.js';

/** Request and response schemas of the contracts module (技术合同认定登记). Requests are strict. */

export const IdParamSchema = z.strictObject({ id: z.uuid('ID 格式不正确') });
export const FileParamSchema = z.strictObject({ id: z.uuid('ID 格式不正确'), sha256: z.string().regex(/^[0-9a-f]{64}$/, '文件标识格式不正确') });

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const text = (label: string, max: number) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 字`);
/** Yuan as typed ("1,200,000.50", "120万"); parsed exactly to the fen by the service. */
const AMOUNT = z.string().max(40, '金额过长');

/** A file uploaded first (POST /api/contracts/uploads), referenced by its SHA-256. */
export const FileRefSchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '文件标识格式不正确'),
  fileName: z.string().trim().min(1, '请提供文件名').max(200, '文件名过长'),
});

export const UploadQuerySchema = z.strictObject({
  fileName: z.string().trim().min(1, '请提供文件名').max(200),
  /** contract: the signed contract (PDF only); evidence: payment evidence (PDF or image). */
  kind: z.enum(['contract', 'evidence'], '请指明上传的是合同文本还是付款凭证').default('contract'),
});

export const PartyInputSchema = z.strictObject({
  role: z.enum(PARTY_ROLE_VALUES, '请选择当事方角色'),
  /** The platform organization, when the party has one: its name, credit code and region are taken from it. */
  organizationId: z.uuid('机构 ID 格式不正确').optional(),
  name: z.string().trim().max(200, '名称不能超过 200 字').optional(),
  creditCode: z.string().trim().max(18, '统一社会信用代码为 18 位').optional(),
  regionCode: z.string().trim().optional(),
  legalNature: z.enum(LEGAL_NATURE_VALUES, '请选择法人性质'),
});
export type PartyInput = z.infer<typeof PartyInputSchema>;

export const ScheduleInputSchema = z.strictObject({
  onDate: DAY,
  amount: AMOUNT,
  note: z.string().trim().max(200, '说明不能超过 200 字').optional(),
});

export const CreateContractSchema = z.strictObject({
  contractType: z.enum(CONTRACT_TYPE_VALUES, '请选择合同类型'),
  title: text('合同名称', 200),
  partiesContractNo: z.string().trim().max(60, '合同编号不能超过 60 字').optional(),
  signedOn: DAY,
  validFrom: DAY.optional(),
  validTo: DAY.optional(),
  keyField: z.enum(KEY_FIELD_VALUES, '请选择重点领域').optional(),
  industry: z.enum(INDUSTRY_VALUES, '请选择所属行业').optional(),
  summary: z.string().trim().max(4000, '主要内容不能超过 4000 字').optional(),
  contractValue: AMOUNT,
  parties: z.array(PartyInputSchema).max(10, '当事方最多 10 个'),
  schedule: z.array(ScheduleInputSchema).max(50, '付款计划最多 50 期').optional(),
  /** Required by the service (oral contracts are not registered), optional here so the message is ours. */
  signedPdf: FileRefSchema.optional(),
  dealId: z.uuid('成交 ID 格式不正确').optional(),
  achievementId: z.uuid('成果 ID 格式不正确').optional(),
  demandId: z.uuid('需求 ID 格式不正确').optional(),
});
export type CreateContract = z.infer<typeof CreateContractSchema>;

export const RegisterSchema = z.strictObject({
  /** 技术交易额 as verified by the registrar, yuan as typed. */
  transactionAmount: AMOUNT,
  comment: z.string().trim().max(1000, '意见不能超过 1000 字').optional(),
});
export const ReasonsSchema = z.strictObject({ reasons: text('不予登记的理由', 2000) });
export const WithdrawSchema = z.strictObject({ reason: text('撤回理由', 1000) });
export const PaymentSchema = z.strictObject({
  onDate: DAY,
  amount: AMOUNT,
  note: z.string().trim().max(200, '说明不能超过 200 字').optional(),
  evidence: FileRefSchema.optional(),
});

const BOOL = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ContractListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  status: z.enum(CONTRACT_STATUS_VALUES).optional(),
  overdue: BOOL.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
}).strict();
export type ContractListQuery = z.infer<typeof ContractListQuerySchema>;

export const PrefillQuerySchema = z.strictObject({ dealId: z.uuid('成交 ID 格式不正确') });
export const StatisticsQuerySchema = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const VerifyParamSchema = z.strictObject({ registrationNumber: z.string().regex(/^\d{16}$/, '登记编号应为 16 位数字') });
export const VerifyQuerySchema = z.strictObject({ code: z.string().trim().max(64).optional() });

export const PartyOutSchema = z.object({
  role: z.string(),
  roleLabel: z.string(),
  /** The name the contract gives the role (委托方, 研究开发方, 让与方, …). */
  roleName: z.string(),
  organizationId: z.string().nullable(),
  name: z.string(),
  creditCode: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  legalNature: z.string(),
  legalNatureLabel: z.string(),
});

export const PaymentOutSchema = z.object({
  id: z.string(),
  kind: z.string(),
  onDate: z.string(),
  amountFen: z.number().int(),
  amount: z.string(),
  note: z.string(),
  evidence: z.object({ sha256: z.string(), fileName: z.string() }).nullable(),
  createdAt: z.string(),
});

export const ContractSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  contractType: z.string(),
  contractTypeLabel: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  buyerNames: z.array(z.string()),
  sellerNames: z.array(z.string()),
  contractValueFen: z.number().int(),
  contractValue: z.string(),
  transactionAmountFen: z.number().int().nullable(),
  registrationNumber: z.string().nullable(),
  submittedAt: z.string(),
  decisionDueOn: z.string().nullable(),
  /** Accepted and today (Asia/Shanghai) after the due day. */
  isOverdue: z.boolean(),
});
export type ContractSummary = z.infer<typeof ContractSummarySchema>;

export const TimelineEntrySchema = z.object({ action: z.string(), label: z.string(), at: z.string(), actorName: z.string().nullable(), note: z.string().nullable() });

export const ContractDetailSchema = ContractSummarySchema.extend({
  partiesContractNo: z.string().nullable(),
  signedOn: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  keyField: z.string().nullable(),
  keyFieldLabel: z.string().nullable(),
  industry: z.string().nullable(),
  summary: z.string(),
  submittedByOrganization: z.object({ id: z.string(), name: z.string() }),
  achievementId: z.string().nullable(),
  dealId: z.string().nullable(),
  demandId: z.string().nullable(),
  signedPdf: z.object({ sha256: z.string(), fileName: z.string(), sizeBytes: z.number().int() }),
  acceptedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** Shanghai day of registration. */
  registeredOn: z.string().nullable(),
  refusalReasons: z.string().nullable(),
  parties: z.array(PartyOutSchema),
  schedule: z.array(PaymentOutSchema),
  payments: z.array(PaymentOutSchema),
  paidFen: z.number().int(),
  timeline: z.array(TimelineEntrySchema),
  allowedActions: z.array(z.string()),
});
export type ContractDetail = z.infer<typeof ContractDetailSchema>;

export const ContractPageSchema = pageOf(ContractSummarySchema);

export const UploadOutSchema = z.object({ sha256: z.string(), fileName: z.string(), sizeBytes: z.number().int(), mediaType: z.string() });

export const PrefillOutSchema = z.object({
  dealId: z.string(),
  achievementId: z.string(),
  title: z.string(),
  contractType: z.string(),
  contractValue: z.string(),
  parties: z.array(z.object({ role: z.string(), organizationId: z.string(), name: z.string(), regionCode: z.string(), legalNature: z.string() })),
  /** A contract already in progress or registered for this deal. */
  existingContractId: z.string().nullable(),
});

export const PublicFactsSchema = z.object({
  registrationNumber: z.string(),
  contractType: z.string(),
  contractTypeLabel: z.string(),
  title: z.string(),
  parties: z.array(z.object({ roleName: z.string(), name: z.string() })),
  transactionAmountFen: z.number().int(),
  transactionAmount: z.string(),
  registeredOn: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
});
export type PublicFacts = z.infer<typeof PublicFactsSchema>;

const Bucket = z.object({ key: z.string(), label: z.string(), count: z.number().int(), amountFen: z.number().int(), amount: z.string() });
export const StatisticsOutSchema = z.object({
  year: z.number().int().nullable(),
  total: z.object({ count: z.number().int(), transactionAmountFen: z.number().int(), transactionAmount: z.string(), contractValueFen: z.number().int(), contractValue: z.string() }),
  byType: z.array(Bucket),
  byKeyField: z.array(Bucket),
  byRegion: z.array(Bucket),
  byPartyNature: z.array(Bucket.extend({ role: z.string(), roleLabel: z.string() })),
});
export type ContractStatistics = z.infer<typeof StatisticsOutSchema>;
