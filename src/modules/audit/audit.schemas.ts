import { z } from 'zod';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.js';

export const AuditListQuerySchema = PageQuerySchema.extend({
  action: z.string().max(100).optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorUserId: z.uuid().optional(),
  from: z.coerce.date().optional(),
  /** Exclusive end of the time window. */
  until: z.coerce.date().optional(),
}).strict();

export const AuditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorOrganizationId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});

export const AuditPageSchema = pageOf(AuditEntrySchema);
