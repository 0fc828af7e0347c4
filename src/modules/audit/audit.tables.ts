import { bigserial, index, jsonb, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * 审计日志. Append-only: no code path updates or deletes it, and a trigger in migration
 * 0001 makes the database refuse UPDATE, DELETE and TRUNCATE (restore alone may truncate).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    /** The actor's name at the time of the action (an audit record keeps history, not a join). */
    actorName: text('actor_name'),
    actorOrganizationId: uuid('actor_organization_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    /** Region of the entity, so a gov_admin sees the entries of its region. */
    regionCode: varchar('region_code', { length: 6 }),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_region_idx').on(t.regionCode, t.at),
    index('audit_entity_idx').on(t.entityType, t.entityId),
  ],
);
