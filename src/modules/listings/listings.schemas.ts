import { z } from 'zod';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.js';
import { LISTING_MODE_VALUES, LISTING_STATUS_VALUES, PERIOD_BOUNDS } from './listing-codes.js';

/** Request and response schemas of the listings module (挂牌/摘牌). Requests are strict. */

export const IdParamSchema = z.strictObject({ id: z.uuid('ID 格式不正确') });
export const ObjectionParamSchema = z.strictObject({ id: z.uuid('ID 格式不正确'), objectionId: z.uuid('ID 格式不正确') });

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const text = (label: string, max: number) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 字`);

export const ListingPeriodSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('working_days'), workingDays: z.number().int('挂牌期须为整数个工作日') }),
  z.strictObject({ kind: z.literal('end_date'), endDate: DAY }),
]);

export const CreateListingSchema = z.strictObject({
  achievementId: z.uuid('请选择要挂牌的成果'),
  mode: z.enum(LISTING_MODE_VALUES, '请选择交易方式'),
  /** Yuan as typed ("1,200,000.50", "120万"); exact to the fen. */
  price: z.string().max(40, '金额过长'),
  period: ListingPeriodSchema,
  terms: text('挂牌条件', 4000),
  /** Within the bounds; the operator's default when omitted. */
  publicityWorkingDays: z.number().int().optional(),
});
export type CreateListing = z.infer<typeof CreateListingSchema>;

export const ReasonSchema = z.strictObject({ reason: text('理由', 1000) });
export const ReviewSchema = z.strictObject({ comment: z.string().trim().max(1000, '意见不能超过 1000 字').optional() });
export const ResolveObjectionSchema = z.strictObject({
  outcome: z.enum(['upheld', 'dismissed'], '请选择处理结果'),
  resolution: text('处理意见', 1000),
});
export const DelistSchema = z.strictObject({
  /** For a service institution: the enterprise it delists for (it is credited as intermediary). */
  onBehalfOfOrganizationId: z.uuid('请选择委托企业').optional(),
});

export const SettingsSchema = z.strictObject({
  publicityWorkingDays: z.number().int(),
  dealNoticeWorkingDays: z.number().int(),
});
export const SettingsOutSchema = SettingsSchema.extend({
  bounds: z.object({
    publicityWorkingDays: z.object({ min: z.number(), max: z.number() }),
    dealNoticeWorkingDays: z.object({ min: z.number(), max: z.number() }),
    listingWorkingDays: z.object({ min: z.number(), max: z.number() }),
  }),
});
export const DEFAULT_SETTINGS = {
  publicityWorkingDays: PERIOD_BOUNDS.publicityWorkingDays.default,
  dealNoticeWorkingDays: PERIOD_BOUNDS.dealNoticeWorkingDays.default,
};

export const ListingListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  status: z.enum(LISTING_STATUS_VALUES).optional(),
  mode: z.enum(LISTING_MODE_VALUES).optional(),
  achievementId: z.uuid().optional(),
}).strict();
export type ListingListQuery = z.infer<typeof ListingListQuerySchema>;

const Org = z.object({ id: z.string(), name: z.string() });

export const ObjectionOutSchema = z.object({
  id: z.string(),
  /** Who filed it: shown to the owner and the reviewers only (null for others). */
  organization: Org.nullable(),
  reason: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  resolution: z.string().nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  allowedActions: z.array(z.string()),
});

export const DealOutSchema = z.object({
  id: z.string(),
  listingId: z.string(),
  achievementId: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  buyer: Org,
  intermediary: Org.nullable(),
  priceFen: z.number().int(),
  price: z.string(),
  mode: z.string(),
  modeLabel: z.string(),
  noticeStart: z.string(),
  noticeEnd: z.string(),
  noticeWorkingDaysLeft: z.number().int(),
  contractId: z.string().nullable(),
  createdAt: z.string(),
});

export const ListingSummarySchema = z.object({
  id: z.string(),
  achievementId: z.string(),
  title: z.string(),
  owner: Org,
  regionCode: z.string(),
  mode: z.string(),
  modeLabel: z.string(),
  priceFen: z.number().int(),
  price: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  publicityWorkingDays: z.number().int(),
  publicityStart: z.string().nullable(),
  publicityEnd: z.string().nullable(),
  openStart: z.string().nullable(),
  openEnd: z.string().nullable(),
  /** Working days of publicity still ahead (0 outside publicity). */
  publicityWorkingDaysLeft: z.number().int(),
  objectionsPending: z.number().int(),
  submittedAt: z.string(),
});
export type ListingSummary = z.infer<typeof ListingSummarySchema>;

export const ListingDetailSchema = ListingSummarySchema.extend({
  terms: z.string(),
  periodKind: z.string(),
  periodWorkingDays: z.number().int().nullable(),
  periodEndDate: z.string().nullable(),
  reviewComment: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  objections: z.array(ObjectionOutSchema),
  objectionsSummary: z.object({ total: z.number().int(), pending: z.number().int(), upheld: z.number().int(), dismissed: z.number().int() }),
  deal: DealOutSchema.nullable(),
  allowedActions: z.array(z.string()),
});
export type ListingDetail = z.infer<typeof ListingDetailSchema>;

export const ListingPageSchema = pageOf(ListingSummarySchema);
export const DealPageSchema = pageOf(DealOutSchema.extend({ title: z.string() }));
export type DealPage = z.infer<typeof DealPageSchema>;
