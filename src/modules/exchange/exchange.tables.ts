import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

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

/**
 * 推送订阅 (webhooks): a partner's endpoint that is told of every change of the repository it
 * subscribed to. Owned by a user holding an API token, or created by the operator for a partner
 * organization. The secret signs every delivery (HMAC-SHA256); it is shown once, at creation, and
 * kept here because signing needs it (it is never returned again).
 */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    /** The user who owns it (a partner holding an API token); null when created for an organization. */
    ownerUserId: uuid('owner_user_id'),
    /** The partner organization it was created for by the operator. */
    partnerOrganizationId: uuid('partner_organization_id'),
    /** achievement | demand; empty = both. */
    recordTypes: text('record_types').array().notNull().default(sql`'{}'::text[]`),
    /** OAI setSpecs (docs/oai): a change is delivered when the record is in one of them; empty = all. */
    sets: text('sets').array().notNull().default(sql`'{}'::text[]`),
    isActive: boolean('is_active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('webhook_subscriptions_owner_idx').on(t.ownerUserId), index('webhook_subscriptions_org_idx').on(t.partnerOrganizationId)],
);

/**
 * 推送发件箱: one row per (subscription, change), written in the transaction that records the change
 * in `exchange_records`, so no change is ever lost. A delivery loop leases due rows, POSTs them,
 * and retries failures with exponential backoff (capped); after `MAX_ATTEMPTS` a row is `dead`, kept,
 * and delivered again by a replay.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    /** created | updated | deleted */
    change: text('change').notNull(),
    /** The record's datestamp for this change: (datestamp, record_id) is its change-feed position. */
    datestamp: ts('datestamp').notNull(),
    /** pending | delivered | dead */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    /** Written by a replay rather than by the change itself. */
    isReplay: boolean('is_replay').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_subscription_idx').on(t.subscriptionId, t.createdAt),
    // A change is queued once per subscription (a sync that looks at a record again adds nothing).
    uniqueIndex('webhook_deliveries_change_uq').on(t.subscriptionId, t.recordId, t.datestamp).where(sql`${t.isReplay} = false`),
  ],
);
