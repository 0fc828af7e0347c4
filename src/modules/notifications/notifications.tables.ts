import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/index.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * In-app notifications (站内通知), one row per recipient user. `dedupeKey` makes a notice idempotent
 * (e.g. "demand X overdue" is sent once per recipient however often the sweep runs).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** A path in the web app, e.g. /demands/…; never an external URL. */
    link: text('link'),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    dedupeKey: text('dedupe_key'),
    /** Waiting for the recipient's daily digest e-mail. */
    digestPending: boolean('digest_pending').notNull().default(false),
    readAt: ts('read_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt), uniqueIndex('notifications_dedupe_uq').on(t.userId, t.dedupeKey)],
);

/**
 * Outgoing e-mail (发件箱). Written in the transaction of its cause; a delivery loop sends due rows
 * and retries failures with a capped backoff, indefinitely: a message is never dropped, only sent or
 * cancelled (its recipient turned e-mail off before it went out).
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    kind: text('kind').notNull(),
    /** pending | sent | cancelled */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    dedupeKey: text('dedupe_key'),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    index('email_outbox_due_idx').on(t.status, t.nextAttemptAt),
    uniqueIndex('email_outbox_dedupe_uq').on(t.toAddress, t.dedupeKey),
  ],
);

/**
 * A user's e-mail choice for notifications: each one as it happens (instant), one digest a day
 * (daily, sent at 08:00 Asia/Shanghai), or none (off). The token serves the one-click unsubscribe
 * link in every message.
 */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  emailMode: text('email_mode').notNull().default('instant'),
  unsubscribeToken: text('unsubscribe_token').notNull().unique(),
  lastDigestAt: ts('last_digest_at'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
