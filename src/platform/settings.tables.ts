import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Values the platform generates once and every process must share (e.g. the session secret). */
export const platformSettings = pgTable('platform_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
