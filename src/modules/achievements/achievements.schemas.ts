import { z } from 'zod';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.js';
import { RegionCodeSchema } from '../regions/index.js';
import {
  ACHIEVEMENT_STATUS_VALUES,
  ACHIEVEMENT_TYPE_VALUES,
  ATTRIBUTE_VALUES,
  COOPERATION_MODE_VALUES,
  DISCLOSURE_TIER_VALUES,
  INDUSTRY_VALUES,
  IP_ITEM_TYPE_VALUES,
  IP_STATUS_VALUES,
  KEY_FIELD_VALUES,
  PRICING_MODE_VALUES,
  STAGE_VALUES,
  TEAM_ROLE_VALUES,
} from './achievement-codes.js';

const text = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过 ${max} 个字符`);
const percent = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .min(0, `${label}不能为负数`)
    .max(100, `${label}不能超过 100`)
    .refine((v) => Math.round(v * 100) === v * 100 || Math.abs(Math.round(v * 100) - v * 100) < 1e-6, `${label}最多两位小数`);

export const IpItemSchema = z.strictObject({
  type: z.enum(IP_ITEM_TYPE_VALUES, { error: '请选择知识产权类型' }),
  number: text('知识产权编号', 50).min(1, '请填写知识产权编号'),
  status: z.enum(IP_STATUS_VALUES, { error: '请选择知识产权状态' }),
  title: text('知识产权名称', 200).optional(),
});

export const OwnerSchema = z.strictObject({
  organizationId: z.uuid().nullish(),
  name: text('权属单位名称', 100).min(1, '请填写权属单位名称'),
  share: percent('权属比例'),
});

export const TeamMemberSchema = z.strictObject({
  name: text('姓名', 50).min(1, '请填写团队成员姓名'),
  role: z.enum(TEAM_ROLE_VALUES, { error: '请选择团队角色' }),
  contribution: percent('贡献比例'),
  title: text('职称', 50).optional(),
});

/** Every editable field; drafts may leave any of them empty (completeness is checked on submit). */
export const AchievementFieldsSchema = z.strictObject({
  title: text('成果名称', 200).min(1, '请填写成果名称'),
  type: z.enum(ACHIEVEMENT_TYPE_VALUES, { error: '未知的成果类型' }).nullable(),
  attribute: z.enum(ATTRIBUTE_VALUES, { error: '未知的成果属性' }).nullable(),
  keyField: z.enum(KEY_FIELD_VALUES, { error: '未知的重点领域' }).nullable(),
  industry: z.enum(INDUSTRY_VALUES, { error: '未知的国民经济行业门类' }).nullable(),
  keywords: z.array(text('关键词', 30).min(1, '关键词不能为空')).max(10, '关键词最多 10 个'),
  abstract: text('成果简介', 2000),
  innovationPoints: text('创新点', 2000),
  indicators: text('技术经济指标', 2000),
  applicationScenarios: text('应用场景', 2000),
  trl: z.number().int('技术就绪度应为 1–9 的整数').min(1, '技术就绪度应为 1–9').max(9, '技术就绪度应为 1–9').nullable(),
  stage: z.enum(STAGE_VALUES, { error: '未知的成熟阶段' }).nullable(),
  ipItems: z.array(IpItemSchema).max(50, '知识产权最多 50 项'),
  owners: z.array(OwnerSchema).max(20, '权属单位最多 20 个'),
  team: z.array(TeamMemberSchema).max(50, '团队成员最多 50 人'),
  contactName: text('联系人', 50),
  contactPhone: z.string().trim().max(20).regex(/^([0-9+\-\s()]{7,20})?$/, '联系电话格式不正确'),
  contactEmail: z.email('邮箱格式不正确').max(254).nullable(),
  cooperationModes: z.array(z.enum(COOPERATION_MODE_VALUES, { error: '未知的合作方式' })).max(5),
  pricingMode: z.enum(PRICING_MODE_VALUES, { error: '未知的价格方式' }),
  /** Yuan as a decimal string ("1234.56", "12.5万"); exact, converted to fen. */
  price: z.string().trim().max(30).nullable(),
  fundingProgramme: text('资助计划', 100).nullable(),
  fundingProjectNumber: text('项目编号', 50).nullable(),
  isFiscallyFunded: z.boolean(),
  isDualUse: z.boolean(),
  disclosureTier: z.enum(DISCLOSURE_TIER_VALUES, { error: '未知的公开方式' }),
});
export type AchievementFields = z.infer<typeof AchievementFieldsSchema>;

export const CreateAchievementSchema = AchievementFieldsSchema.partial().required({ title: true });
export const UpdateAchievementSchema = AchievementFieldsSchema.partial().refine((v) => Object.keys(v).length > 0, '没有要保存的内容');
export type AchievementPatch = z.infer<typeof UpdateAchievementSchema>;

export const ReturnSchema = z.strictObject({
  reasons: z
    .array(z.strictObject({ field: z.string().min(1).max(50), message: text('退回理由', 500).min(1, '请填写退回理由') }))
    .max(30),
  comment: text('审核意见', 1000).optional(),
}).refine((v) => v.reasons.length > 0 || Boolean(v.comment), { message: '请至少填写一条退回理由', path: ['reasons'] });

export const AccessRequestSchema = z.strictObject({
  message: text('申请说明', 500).default(''),
  ndaAccepted: z.literal(true, { error: '请先阅读并同意保密协议' }),
});
export const SelectionSchema = z.strictObject({ year: z.number().int().min(2017).max(2100).nullable() });
export const IdParamSchema = z.strictObject({ id: z.uuid('ID 格式不正确') });

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
export const AchievementListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  keyField: z.enum(KEY_FIELD_VALUES).optional(),
  industry: z.enum(INDUSTRY_VALUES).optional(),
  type: z.enum(ACHIEVEMENT_TYPE_VALUES).optional(),
  stage: z.enum(STAGE_VALUES).optional(),
  trlMin: z.coerce.number().int().min(1).max(9).optional(),
  trlMax: z.coerce.number().int().min(1).max(9).optional(),
  cooperationMode: z.enum(COOPERATION_MODE_VALUES).optional(),
  /** Price band in yuan (whole yuan). */
  priceMin: z.coerce.number().int().min(0).max(1e11).optional(),
  priceMax: z.coerce.number().int().min(0).max(1e11).optional(),
  negotiable: boolQuery.optional(),
  regionCode: RegionCodeSchema.optional(),
  fiscal: boolQuery.optional(),
  dualUse: boolQuery.optional(),
  selectionYear: z.coerce.number().int().min(2017).max(2100).optional(),
  selected: boolQuery.optional(),
  fundingProgramme: z.string().trim().max(100).optional(),
  status: z.enum(ACHIEVEMENT_STATUS_VALUES).optional(),
  stale: boolQuery.optional(),
  sort: z.enum(['newest', 'updated', 'price_asc', 'price_desc']).default('newest'),
}).strict();
export type AchievementListQuery = z.infer<typeof AchievementListQuerySchema>;

// ---- responses ----
const FieldReasonSchema = z.object({ field: z.string(), message: z.string() });

export const AchievementSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  type: z.string().nullable(),
  typeLabel: z.string().nullable(),
  keyField: z.string().nullable(),
  keyFieldLabel: z.string().nullable(),
  industry: z.string().nullable(),
  industryLabel: z.string().nullable(),
  keywords: z.array(z.string()),
  abstract: z.string(),
  trl: z.number().nullable(),
  stage: z.string().nullable(),
  stageLabel: z.string().nullable(),
  cooperationModes: z.array(z.string()),
  pricingMode: z.string(),
  price: z.string().nullable(),
  priceFen: z.number().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  ownerOrganizationId: z.string(),
  ownerName: z.string(),
  isFiscallyFunded: z.boolean(),
  fundingProgramme: z.string().nullable(),
  isDualUse: z.boolean(),
  disclosureTier: z.string(),
  selectionYear: z.number().nullable(),
  status: z.enum(ACHIEVEMENT_STATUS_VALUES),
  statusLabel: z.string(),
  isStale: z.boolean(),
  publishedAt: z.string().nullable(),
  lastConfirmedAt: z.string().nullable(),
  updatedAt: z.string(),
  /** Since submission or confirmation, for the review queue. */
  waitingSince: z.string().nullable(),
  hasPendingRevision: z.boolean(),
  allowedActions: z.array(z.string()),
});

export const AchievementDetailSchema = AchievementSummarySchema.extend({
  attribute: z.string().nullable(),
  /** Gated parts: null when the caller may not see them (see `gated`). */
  innovationPoints: z.string().nullable(),
  indicators: z.string().nullable(),
  applicationScenarios: z.string().nullable(),
  ipItems: z.array(z.object({ type: z.string(), number: z.string(), status: z.string(), title: z.string().optional() })).nullable(),
  team: z.array(z.object({ name: z.string(), role: z.string(), contribution: z.number(), title: z.string().optional() })).nullable(),
  owners: z.array(z.object({ organizationId: z.string().nullish(), name: z.string(), share: z.number() })),
  contact: z.union([
    z.object({ visible: z.literal(true), name: z.string(), phone: z.string(), email: z.string().nullable() }),
    z.object({ visible: z.literal(false), message: z.string() }),
  ]),
  gated: z.object({ hidden: z.boolean(), reason: z.string().nullable(), accessRequest: z.string().nullable() }),
  fundingProjectNumber: z.string().nullable(),
  trlDescription: z.string().nullable(),
  version: z.number(),
  returnReasons: z.array(FieldReasonSchema).nullable(),
  returnComment: z.string().nullable(),
  pendingRevision: z
    .object({ id: z.string(), status: z.string(), data: z.record(z.string(), z.unknown()), returnReasons: z.array(FieldReasonSchema).nullable(), submittedAt: z.string().nullable() })
    .nullable(),
  attachments: z
    .array(z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number(), createdAt: z.string() }))
    .nullable(),
  createdAt: z.string(),
});

export const AchievementPageSchema = pageOf(AchievementSummarySchema);
export type AchievementSummary = z.infer<typeof AchievementSummarySchema>;
export type AchievementDetail = z.infer<typeof AchievementDetailSchema>;
