import { index, pgTable, text, varchar } from 'drizzle-orm/pg-core';

/** GB/T 2260 administrative divisions (行政区划), loaded from regions-data.json at start. */
export const regions = pgTable(
  'regions',
  {
    code: varchar('code', { length: 6 }).primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['province', 'city', 'county'] }).notNull(),
    parentCode: varchar('parent_code', { length: 6 }),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);
