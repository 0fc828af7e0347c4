import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { organizations, users } from '../accounts/index.js';
import { achievements } from '../achievements/index.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/**
 * 挂牌: an owner offers a published achievement at a fixed price for a period. One active listing
 * (pending_review, publicity, open) per achievement (unique partial index). Dates are Asia/Shanghai
 * calendar days; the schedule is fixed when the reviewer approves.
 */
export const listings = pgTable(
  'listings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    achievementId: uuid('achievement_id')
      .notNull()
      .references(() => achievements.id),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The achievement's region, for region scoping in SQL. */
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    /** The achievement's title when listed (public fact of the listing). */
    title: text('title').notNull(),
    mode: text('mode').notNull(),
    /** Listed price in fen (分), > 0. */
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    /** working_days | end_date */
    periodKind: text('period_kind').notNull(),
    periodWorkingDays: integer('period_working_days'),
    periodEndDate: day('period_end_date'),
    terms: text('terms').notNull(),
    /** Working days of publicity, fixed at submission (the setting or the owner's choice within bounds). */
    publicityWorkingDays: integer('publicity_working_days').notNull(),
    status: text('status').notNull().default('pending_review'),
    reviewComment: text('review_comment'),
    withdrawReason: text('withdraw_reason'),
    publicityStart: day('publicity_start'),
    publicityEnd: day('publicity_end'),
    openStart: day('open_start'),
    openEnd: day('open_end'),
    createdBy: uuid('created_by').references(() => users.id),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    submittedAt: ts('submitted_at').notNull().defaultNow(),
    approvedAt: ts('approved_at'),
    openedAt: ts('opened_at'),
    closedAt: ts('closed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('listings_achievement_active_uq').on(t.achievementId).where(sql`${t.status} in ('pending_review', 'publicity', 'open')`),
    index('listings_status_idx').on(t.status, t.approvedAt),
    index('listings_region_idx').on(t.regionCode),
    index('listings_owner_idx').on(t.ownerOrganizationId, t.updatedAt),
  ],
);

/** 异议: filed by a verified organization during publicity; resolved by the operator or the region's gov_admin. */
export const listingObjections = pgTable(
  'listing_objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => listings.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    /** pending | upheld | dismissed */
    status: text('status').notNull().default('pending'),
    resolution: text('resolution'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: ts('resolved_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('listing_objections_idx').on(t.listingId, t.createdAt)],
);

/**
 * 成交: opened by the first valid delisting (摘牌) at the listed price. The unique index on the
 * listing backs the conditional update: of concurrent delistings exactly one deal exists.
 */
export const deals = pgTable(
  'deals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => listings.id),
    achievementId: uuid('achievement_id')
      .notNull()
      .references(() => achievements.id),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    /** The enterprise that takes the achievement. */
    buyerOrganizationId: uuid('buyer_organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The service institution that delisted on the enterprise's behalf (credited as intermediary). */
    intermediaryOrganizationId: uuid('intermediary_organization_id').references(() => organizations.id),
    delistedBy: uuid('delisted_by')
      .notNull()
      .references(() => users.id),
    mode: text('mode').notNull(),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    /** notice | awaiting_contract */
    status: text('status').notNull().default('notice'),
    noticeWorkingDays: integer('notice_working_days').notNull(),
    noticeStart: day('notice_start').notNull(),
    noticeEnd: day('notice_end').notNull(),
    noticeEndedAt: ts('notice_ended_at'),
    /** The technology contract once the contracts module exists (nullable until then). */
    contractId: uuid('contract_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('deals_listing_uq').on(t.listingId),
    index('deals_status_idx').on(t.status, t.noticeEnd),
    index('deals_buyer_idx').on(t.buyerOrganizationId),
    index('deals_intermediary_idx').on(t.intermediaryOrganizationId),
  ],
);
