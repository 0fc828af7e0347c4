import { z } from 'zod';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.js';

export const AuditListQuerySchema = PageQuerySchema.extend({
  action: z.string().max(100).optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  /** As documented in docs/api-overview.md; `actorUserId` is accepted as an alias. */
  actorId: z.uuid().optional(),
  actorUserId: z.uuid().optional(),
  from: z.coerce.date().optional(),
  /** Exclusive end of the window, as documented; `until` is accepted as an alias. Input: an ISO string. */
  to: z.string().pipe(z.coerce.date()).optional(),
  until: z.coerce.date().optional(),
}).strict();

/** The query's documented names (and their aliases) as the filter the queries take. */
export function auditFilterOf(query: Omit<z.infer<typeof AuditListQuerySchema>, 'page' | 'pageSize'>) {
  const { actorId, actorUserId, to, until, ...rest } = query;
  const actor = actorId ?? actorUserId;
  const end = to ?? until;
  return { ...rest, ...(actor ? { actorUserId: actor } : {}), ...(end ? { until: end } : {}) };
}

export const AuditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorUserId: z.string().nullable(),
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
