import { z } from 'zod';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.js';
import { RECORD_TYPES } from './public-record.js';

export const WebhookIdParamSchema = z.strictObject({ id: z.uuid('ID 格式不正确') });

const UrlSchema = z.string().trim().min(1, '请填写推送地址').max(2000, '推送地址过长');
const SetsSchema = z.array(z.string().trim().min(1).max(200)).max(50, '集合最多 50 个');
const TypesSchema = z.array(z.enum(RECORD_TYPES, { error: '记录类型应为 achievement 或 demand' })).max(2);

/** POST /api/exchange/webhooks */
export const CreateWebhookSchema = z.strictObject({
  name: z.string().trim().min(1, '请填写名称').max(100, '名称最多 100 字'),
  url: UrlSchema,
  /** Empty or absent: both record types. */
  recordTypes: TypesSchema.default([]),
  /** OAI setSpecs (docs/oai), e.g. keyField:new_materials, city:420100; empty: everything. */
  sets: SetsSchema.default([]),
  /** Operator only: the partner organization the subscription is created for. */
  partnerOrganizationId: z.uuid('机构 ID 格式不正确').optional(),
});
export type CreateWebhookInput = z.infer<typeof CreateWebhookSchema>;

/** PATCH /api/exchange/webhooks/:id */
export const UpdateWebhookSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  url: UrlSchema.optional(),
  recordTypes: TypesSchema.optional(),
  sets: SetsSchema.optional(),
  isActive: z.boolean().optional(),
});
export type UpdateWebhookInput = z.infer<typeof UpdateWebhookSchema>;

/** POST /api/exchange/webhooks/:id/replay */
export const ReplayWebhookSchema = z.strictObject({
  /** A change-feed cursor (`next`, or the `cursor` of a delivery) or a UTC time; absent = from the start. */
  since: z.string().trim().min(1).max(100).optional(),
  /** Also put the subscription's dead deliveries back in the queue. */
  includeDead: z.boolean().default(false),
});
export type ReplayWebhookInput = z.infer<typeof ReplayWebhookSchema>;

export const WebhookSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  ownerUserId: z.string().nullable(),
  partnerOrganizationId: z.string().nullable(),
  recordTypes: z.array(z.string()),
  sets: z.array(z.string()),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  counts: z.object({ pending: z.number(), delivered: z.number(), dead: z.number() }),
  allowedActions: z.array(z.enum(['update', 'replay'])),
});
export type WebhookOut = z.infer<typeof WebhookSchema>;
export const WebhookPageSchema = pageOf(WebhookSchema);
/** The secret is in the answer to the creation only. */
export const CreatedWebhookSchema = WebhookSchema.extend({ secret: z.string() });

export const DeliveryQuerySchema = PageQuerySchema.extend({
  status: z.enum(['pending', 'delivered', 'dead'], { error: '状态应为 pending、delivered 或 dead' }).optional(),
});
export type DeliveryQuery = z.infer<typeof DeliveryQuerySchema>;

export const DeliverySchema = z.object({
  id: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  change: z.string(),
  datestamp: z.string(),
  /** The change-feed position of this change (pass to replay as `since` to start after it). */
  cursor: z.string(),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number(),
  nextAttemptAt: z.string(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  isReplay: z.boolean(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export const DeliveryPageSchema = pageOf(DeliverySchema);

export const ReplayResultSchema = z.object({ queued: z.number(), revived: z.number() });
