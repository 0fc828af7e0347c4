import { z } from 'zod';
import { PageQuerySchema } from '../../platform/http/pagination.js';

export const NotificationListQuerySchema = PageQuerySchema.extend({
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').default(false),
}).strict();

export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

export const NotificationPageSchema = z.object({
  items: z.array(NotificationSchema),
  total: z.number().int(),
  unread: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** Mark some (ids) or all (no ids) of one's notifications read. */
export const MarkReadSchema = z.strictObject({ ids: z.array(z.uuid('通知 ID 格式不正确')).min(1).max(200).optional() });

export const EMAIL_MODES = ['instant', 'daily', 'off'] as const;
export const PreferencesSchema = z.strictObject({ emailMode: z.enum(EMAIL_MODES, { error: '邮件通知方式应为 即时、每日摘要 或 关闭' }) });
export const PreferencesOutSchema = z.object({ emailMode: z.enum(EMAIL_MODES), hasEmail: z.boolean() });
