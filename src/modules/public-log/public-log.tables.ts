import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * 公开存证日志: an append-only, hash-chained log of public facts (listings published, publicity
 * notices, objection outcomes, deals, deal notices; contract registrations later). Entry n stores
 * the hash of entry n−1, and its own hash = sha256(prevHash + canonical JSON of the entry), so
 * changing any row breaks the chain from there on. `seq` is the primary key: two appends can never
 * both take the same number (appends also take an advisory lock so they queue instead of failing).
 */
export const publicLog = pgTable(
  'public_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('public_log_entity_idx').on(t.entityType, t.entityId)],
);
