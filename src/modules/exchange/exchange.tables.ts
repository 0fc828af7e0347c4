import { bigint, boolean, index, jsonb, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 互联互通 repository: one row per record that has ever been public (an achievement or a demand),
 * holding its public projection and the datestamp of its last public change. OAI-PMH and the JSON
 * change feed read only this table, so nothing gated can leak from it, and deleted records stay
 * answerable (OAI-PMH deletedRecord=persistent).
 *
 * Datestamps are assigned by the sync (exchange.service.ts) under one lock and only ever increase,
 * so keyset paging by (datestamp, record_id) never skips a record: a record that changes gets a
 * datestamp later than any position already handed out.
 */
export const exchangeRecords = pgTable(
  'exchange_records',
  {
    recordId: uuid('record_id').primaryKey(),
    /** achievement | demand */
    recordType: text('record_type').notNull(),
    /** Last change of the public record (UTC, millisecond precision so JS dates round-trip). */
    datestamp: ts('datestamp').notNull(),
    /** When the record first became public here ("created" in the change feed). */
    firstDatestamp: ts('first_datestamp').notNull(),
    /** Archived achievement, withdrawn or expired demand: answered as deleted. */
    isDeleted: boolean('is_deleted').notNull().default(false),
    /** Set memberships (kept for deleted records too: their headers carry their sets). */
    keyField: text('key_field'),
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    /** sha256 of the canonical public projection: a new hash is a public change. */
    contentHash: text('content_hash').notNull(),
    /** The public projection itself (public-record.ts); never a gated field, detail or contact. */
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    index('exchange_records_datestamp_idx').on(t.datestamp, t.recordId),
    index('exchange_records_type_idx').on(t.recordType, t.datestamp, t.recordId),
    index('exchange_records_key_field_idx').on(t.keyField, t.datestamp, t.recordId),
    index('exchange_records_city_idx').on(t.cityCode, t.datestamp, t.recordId),
  ],
);

/** How far the sync has followed the audit log (one row, shared by every process on one database). */
export const exchangeSyncState = pgTable('exchange_sync_state', {
  name: text('name').primaryKey(),
  auditId: bigint('audit_id', { mode: 'number' }).notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
