/**
 * The demands API contract (技术需求). Requests are strict; responses describe what the web app and
 * partners read. Money crosses the API as yuan decimal strings ("12.5万" accepted on input, exact)
 * and as fen integers on output.
 */
import { z } from 'zod';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.js';
import { RegionCodeSchema } from '../regions/index.js';
import {
  BUDGET_MODE_VALUES,
  CLOSE_REASON_VALUES,
  COOPERATION_MODE_VALUES,
  DECLINE_REASON_VALUES,
  DEMAND_SOURCE_VALUES,
  DEMAND_STATUS_VALUES,
  DEMAND_TYPE_VALUES,
  FOLLOW_UP_KIND_VALUES,
  INDUSTRY_VALUES,
  KEY_FIELD_VALUES,
} from './demand-codes.js';

const text = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过 ${max} 个字符`);
/** A calendar date, YYYY-MM-DD (Asia/Shanghai calendar day). */
const day = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}应为 YYYY-MM-DD 格式的日期`)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `${label}不是有效日期`);

export const IdParamSchema = z.strictObject({ id: z.uuid('ID 格式不正确') });

/**
 * Every editable field; drafts may leave most empty (completeness is checked on submit: title,
 * description, key field, demand type, budget and deadline consistent). Cross-field rules
 * (budget min ≤ max, deadline not in the past) are checked by the service with field paths.
 */
export const DemandFieldsSchema = z.strictObject({
  title: text('需求名称', 200).min(1, '请填写需求名称'),
  publicSummary: text('公开摘要', 500),
  description: text('需求描述', 4000),
  indicators: text('技术指标', 2000),
  existingConditions: text('现有条件', 2000),
  keyField: z.enum(KEY_FIELD_VALUES, { error: '未知的重点领域' }).nullable(),
  industry: z.enum(INDUSTRY_VALUES, { error: '未知的国民经济行业门类' }).nullable(),
  keywords: z.array(text('关键词', 30).min(1, '关键词不能为空')).max(10, '关键词最多 10 个'),
  demandType: z.enum(DEMAND_TYPE_VALUES, { error: '未知的需求类型' }).nullable(),
  cooperationModes: z.array(z.enum(COOPERATION_MODE_VALUES, { error: '未知的合作方式' })).max(5),
  budgetMode: z.enum(BUDGET_MODE_VALUES, { error: '未知的预算方式' }),
  /** Yuan as decimal strings ("50万", "120000.00"); exact, converted to fen. Null when negotiable. */
  budgetMin: z.string().trim().max(30).nullable(),
  budgetMax: z.string().trim().max(30).nullable(),
  budgetFirm: z.boolean(),
  deadline: day('截止日期').nullable(),
  regionCode: RegionCodeSchema,
  contactName: text('联系人', 50),
  contactPhone: z.string().trim().max(20).regex(/^([0-9+\-\s()]{7,20})?$/, '联系电话格式不正确'),
  contactEmail: z.email('邮箱格式不正确').max(254).nullable(),
});
export type DemandFields = z.infer<typeof DemandFieldsSchema>;

/**
 * Create: an enterprise member for its own organization; a broker or campaign team member
 * (operator, gov_admin, broker) for a named enterprise (`enterpriseOrganizationId`), with the source
 * and, on a campaign visit, the visit.
 */
export const CreateDemandSchema = DemandFieldsSchema.partial()
  .required({ title: true })
  .extend({
    enterpriseOrganizationId: z.uuid('企业 ID 格式不正确').optional(),
    source: z.enum(DEMAND_SOURCE_VALUES, { error: '未知的需求来源' }).optional(),
    campaignId: z.uuid().optional(),
    campaignVisitId: z.uuid().optional(),
  });
export type CreateDemand = z.infer<typeof CreateDemandSchema>;
export const UpdateDemandSchema = DemandFieldsSchema.partial().refine((v) => Object.keys(v).length > 0, '没有要保存的内容');
export type DemandPatch = z.infer<typeof UpdateDemandSchema>;

export const ReturnDemandSchema = z
  .strictObject({
    reasons: z.array(z.strictObject({ field: z.string().min(1).max(50), message: text('退回理由', 500).min(1, '请填写退回理由') })).max(30),
    comment: text('审核意见', 1000).optional(),
  })
  .refine((v) => v.reasons.length > 0 || Boolean(v.comment), { message: '请至少填写一条退回理由', path: ['reasons'] });

/** Dispatch (派发) to a service institution, optionally to one of its brokers. */
export const DispatchSchema = z.strictObject({
  organizationId: z.uuid('请选择承接机构'),
  userId: z.uuid().optional(),
  note: text('派发说明', 500).optional(),
});
export const RefuseSchema = z.strictObject({ reason: text('拒绝理由', 500).min(2, '请填写拒绝理由（至少 2 个字）') });

export const FollowUpSchema = z.strictObject({
  kind: z.enum(FOLLOW_UP_KIND_VALUES, { error: '请选择跟进方式' }),
  happenedOn: day('跟进日期'),
  notes: text('跟进内容', 2000).min(2, '请填写跟进内容'),
  nextStepOn: day('下次跟进日期').nullable().optional(),
});

export const MessageSchema = z.strictObject({ body: text('消息内容', 2000).min(1, '请填写消息内容') });

export const GrantContactSchema = z.strictObject({ organizationId: z.uuid('请选择授权对象') });

export const ProposalSchema = z
  .strictObject({
    achievementId: z.uuid().nullable().optional(),
    partnerOrganizationId: z.uuid().nullable().optional(),
    summary: text('方案说明', 2000).min(2, '请填写方案说明'),
  })
  .refine((v) => Boolean(v.achievementId || v.partnerOrganizationId), { message: '请选择推荐的成果或合作单位', path: ['achievementId'] });

/** Structured reasons (at least one) plus free text; 其他 requires the text. */
export const DeclineSchema = z
  .strictObject({
    reasons: z.array(z.enum(DECLINE_REASON_VALUES, { error: '未知的拒绝原因' })).min(1, '请至少选择一个原因').max(8),
    reasonText: text('补充说明', 1000).optional(),
  })
  .refine((v) => !v.reasons.includes('other') || Boolean(v.reasonText?.trim()), { message: '选择“其他”时请填写补充说明', path: ['reasonText'] });

/** Advance the work: docking (first meeting held), matched (links), contracted (contract ref). */
export const MatchSchema = z.strictObject({
  achievementIds: z.array(z.uuid()).max(20).default([]),
  organizationIds: z.array(z.uuid()).max(20).default([]),
  note: text('说明', 1000).optional(),
}).refine((v) => v.achievementIds.length + v.organizationIds.length > 0, { message: '请至少关联一项成果或一个合作单位', path: ['achievementIds'] });
export const ContractedSchema = z.strictObject({ contractRef: text('合同编号', 100).min(1, '请填写合同编号或登记号'), note: text('说明', 1000).optional() });
export const CloseSchema = z.strictObject({
  reason: z.enum(CLOSE_REASON_VALUES, { error: '请选择关闭原因' }),
  comment: text('关闭说明', 1000).optional(),
});

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
export const DemandListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  keyField: z.enum(KEY_FIELD_VALUES).optional(),
  industry: z.enum(INDUSTRY_VALUES).optional(),
  demandType: z.enum(DEMAND_TYPE_VALUES).optional(),
  cooperationMode: z.enum(COOPERATION_MODE_VALUES).optional(),
  regionCode: RegionCodeSchema.optional(),
  status: z.enum(DEMAND_STATUS_VALUES).optional(),
  source: z.enum(DEMAND_SOURCE_VALUES).optional(),
  campaignId: z.uuid().optional(),
  /** Only demands whose 48-hour clock has run out without a first follow-up. */
  overdue: boolQuery.optional(),
  sort: z.enum(['newest', 'updated', 'deadline', 'budget_desc']).default('newest'),
}).strict();
export type DemandListQuery = z.infer<typeof DemandListQuerySchema>;

// ---- responses ----
const FieldReasonSchema = z.object({ field: z.string(), message: z.string() });

/** The 48-hour response clock as shown in lists: due, done, overdue. */
export const ClockSchema = z.object({
  dueAt: z.string().nullable(),
  firstFollowUpAt: z.string().nullable(),
  /** running | met | overdue | late (met after due) | none (not published yet) */
  state: z.enum(['none', 'running', 'met', 'late', 'overdue']),
  /** Milliseconds left (negative when overdue); null unless running or overdue. */
  remainingMs: z.number().nullable(),
});

/** What the public board shows (no description details, no contact). */
export const DemandSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  publicSummary: z.string(),
  keyField: z.string().nullable(),
  keyFieldLabel: z.string().nullable(),
  industry: z.string().nullable(),
  industryLabel: z.string().nullable(),
  keywords: z.array(z.string()),
  demandType: z.string().nullable(),
  demandTypeLabel: z.string().nullable(),
  cooperationModes: z.array(z.string()),
  budgetMode: z.string(),
  /** Yuan strings, e.g. "500000.00"; null when negotiable. */
  budgetMin: z.string().nullable(),
  budgetMax: z.string().nullable(),
  budgetMinFen: z.number().nullable(),
  budgetMaxFen: z.number().nullable(),
  budgetFirm: z.boolean(),
  /** "50万–80万元（确定）" or "面议". */
  budgetLabel: z.string(),
  deadline: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  enterpriseOrganizationId: z.string(),
  enterpriseName: z.string(),
  source: z.string(),
  sourceLabel: z.string(),
  status: z.enum(DEMAND_STATUS_VALUES),
  statusLabel: z.string(),
  claimantOrganizationId: z.string().nullable(),
  claimantName: z.string().nullable(),
  clock: ClockSchema,
  campaignId: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  allowedActions: z.array(z.string()),
});

export const FollowUpOutSchema = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  happenedOn: z.string(),
  notes: z.string(),
  nextStepOn: z.string().nullable(),
  createdBy: z.string(),
  createdByName: z.string(),
  organizationName: z.string().nullable(),
  createdAt: z.string(),
});
export const MessageOutSchema = z.object({
  id: z.string(),
  side: z.enum(['enterprise', 'claimant']),
  authorName: z.string(),
  body: z.string(),
  dueAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
});
export const ProposalOutSchema = z.object({
  id: z.string(),
  achievementId: z.string().nullable(),
  achievementTitle: z.string().nullable(),
  partnerOrganizationId: z.string().nullable(),
  partnerName: z.string().nullable(),
  summary: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  decidedBySide: z.string().nullable(),
  reasons: z.array(z.object({ value: z.string(), label: z.string() })),
  reasonText: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  allowedActions: z.array(z.string()),
});
export const EventOutSchema = z.object({
  id: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});
export const GrantOutSchema = z.object({
  id: z.string(),
  granteeOrganizationId: z.string(),
  granteeName: z.string(),
  grantedAt: z.string(),
  revokedAt: z.string().nullable(),
});
export const ClaimOutSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  mode: z.enum(['claim', 'dispatch']),
  status: z.string(),
  refuseReason: z.string().nullable(),
  dueAt: z.string(),
  firstFollowUpAt: z.string().nullable(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
});

/**
 * The record. Details (description, indicators, existing conditions, attachments marked for the
 * claimant, follow-ups, messages, proposals) are null for callers who are neither the enterprise,
 * the active claimant, the operator nor the region's gov_admin. Contact is visible to the
 * enterprise, the operator and the region's gov_admin, and to a claimant only with a live grant.
 */
export const DemandDetailSchema = DemandSummarySchema.extend({
  description: z.string().nullable(),
  indicators: z.string().nullable(),
  existingConditions: z.string().nullable(),
  detailsVisible: z.boolean(),
  contact: z.union([
    z.object({ visible: z.literal(true), name: z.string(), phone: z.string(), email: z.string().nullable() }),
    z.object({ visible: z.literal(false), message: z.string() }),
  ]),
  returnReasons: z.array(FieldReasonSchema).nullable(),
  returnComment: z.string().nullable(),
  closeReason: z.string().nullable(),
  closeComment: z.string().nullable(),
  contractRef: z.string().nullable(),
  matchedAchievements: z.array(z.object({ id: z.string(), title: z.string() })),
  matchedOrganizations: z.array(z.object({ id: z.string(), name: z.string() })),
  claims: z.array(ClaimOutSchema).nullable(),
  followUps: z.array(FollowUpOutSchema).nullable(),
  messages: z.array(MessageOutSchema).nullable(),
  proposals: z.array(ProposalOutSchema).nullable(),
  grants: z.array(GrantOutSchema).nullable(),
  timeline: z.array(EventOutSchema).nullable(),
  attachments: z.array(z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number(), isPublic: z.boolean(), createdAt: z.string() })),
  submittedAt: z.string().nullable(),
  claimedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const DemandPageSchema = pageOf(DemandSummarySchema);
export type DemandSummary = z.infer<typeof DemandSummarySchema>;
export type DemandDetail = z.infer<typeof DemandDetailSchema>;

/** A broker's or institution's response record (on-time rate of the 48-hour promise). */
export const ResponseRateSchema = z.object({
  organizationId: z.string(),
  organizationName: z.string(),
  claims: z.number(),
  /** Claims whose due time has passed or that were followed up. */
  measured: z.number(),
  onTime: z.number(),
  late: z.number(),
  overdueOpen: z.number(),
  /** onTime / measured, 0–1; null when nothing is measured yet. */
  onTimeRate: z.number().nullable(),
  medianResponseHours: z.number().nullable(),
});

/** Follow-ups due for the caller's organization: active claims without a first follow-up, and next steps due. */
export const FollowUpsDueSchema = z.object({
  items: z.array(
    z.object({
      demandId: z.string(),
      title: z.string(),
      kind: z.enum(['first_response', 'next_step', 'message']),
      dueAt: z.string(),
      overdue: z.boolean(),
    }),
  ),
});

// ---- added with the service (responses of routes the contract above left implicit) ----

/** 我的认领: one row per claim of the caller's organization, with its demand. */
export const ClaimedPageSchema = pageOf(DemandSummarySchema.extend({ claim: ClaimOutSchema }));

export const ResponseRatesSchema = z.object({ items: z.array(ResponseRateSchema) });

export const AttachmentOutSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
  isPublic: z.boolean(),
  createdAt: z.string(),
});

/** Upload query: the file name, and whether the file is shown on the board (else detail viewers only). */
export const AttachmentUploadQuerySchema = z.strictObject({
  fileName: z.string().trim().min(1, '请提供文件名').max(200),
  public: z.enum(['true', 'false'], { error: 'public 只能是 true 或 false' }).transform((v) => v === 'true').default(false),
});

export const GrantParamSchema = z.strictObject({ id: z.uuid('ID 格式不正确'), grantId: z.uuid('授权 ID 格式不正确') });
export const ProposalParamSchema = z.strictObject({ id: z.uuid('ID 格式不正确'), proposalId: z.uuid('方案 ID 格式不正确') });
export const AttachmentParamSchema = z.strictObject({ id: z.uuid('ID 格式不正确'), attachmentId: z.uuid('附件 ID 格式不正确') });
