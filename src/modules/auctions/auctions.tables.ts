import { bigint, boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { organizations, users } from '../accounts/index.js';
import { achievements } from '../achievements/index.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/** 专场: a session of lots, by industry (`industry` code) or by region (`region_code`). */
export const auctionSessions = pgTable(
  'auction_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    /** industry | region */
    kind: text('kind').notNull(),
    industry: text('industry'),
    regionCode: varchar('region_code', { length: 6 }),
    description: text('description').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('auction_sessions_created_idx').on(t.createdAt)],
);

/**
 * 标的: one published achievement on sale in a session. The row is also the lot's live state
 * (price, leader, end, last ledger seq and hash): bids lock it (`SELECT … FOR UPDATE`), so one lot's
 * bids are strictly ordered across processes. The reserve (保留价) is never sent to the public.
 */
export const auctionLots = pgTable(
  'auction_lots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => auctionSessions.id),
    achievementId: uuid('achievement_id')
      .notNull()
      .references(() => achievements.id),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    title: text('title').notNull(),
    startPriceFen: bigint('start_price_fen', { mode: 'number' }).notNull(),
    incrementFen: bigint('increment_fen', { mode: 'number' }).notNull(),
    reserveFen: bigint('reserve_fen', { mode: 'number' }).notNull(),
    depositFen: bigint('deposit_fen', { mode: 'number' }).notNull(),
    startsAt: ts('starts_at').notNull(),
    freeEndsAt: ts('free_ends_at').notNull(),
    delayMinutes: integer('delay_minutes').notNull(),
    latestEndAt: ts('latest_end_at'),
    /** active | paused | closed */
    status: text('status').notNull().default('active'),
    priceFen: bigint('price_fen', { mode: 'number' }),
    leaderPaddle: integer('leader_paddle'),
    leaderBidderId: uuid('leader_bidder_id'),
    endsAt: ts('ends_at').notNull(),
    /** The latest end after pauses (moves with a resume); null when the lot has none. */
    currentLatestEndAt: ts('current_latest_end_at'),
    pausedAt: ts('paused_at'),
    pauseReason: text('pause_reason'),
    lastSeq: integer('last_seq').notNull().default(0),
    lastHash: text('last_hash').notNull(),
    /** Server time (ms) of the last ledger entry: ledger times never go backwards. */
    lastAtMs: bigint('last_at_ms', { mode: 'number' }).notNull().default(0),
    bidCount: integer('bid_count').notNull().default(0),
    extensions: integer('extensions').notNull().default(0),
    /** sold | unsold | defaulted (after close) */
    result: text('result'),
    closedAt: ts('closed_at'),
    /**
     * When the close was settled (deposits, result, notices, public log): a second transaction
     * after the close, so the lot's row lock is held only for the ledger's close entry; the sweep
     * settles any lot closed but not settled (a process that stopped in between).
     */
    settledAt: ts('settled_at'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('auction_lots_session_idx').on(t.sessionId, t.startsAt),
    index('auction_lots_due_idx').on(t.status, t.endsAt),
    index('auction_lots_achievement_idx').on(t.achievementId),
  ],
);

/**
 * 竞买人: a verified organization registered for a lot. The operator confirms its deposit
 * (payment reference; no payment gateway) and it gets an anonymous paddle number (竞买号), the only
 * identity the public and the other bidders see.
 */
export const auctionBidders = pgTable(
  'auction_bidders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lotId: uuid('lot_id')
      .notNull()
      .references(() => auctionLots.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    registeredBy: uuid('registered_by')
      .notNull()
      .references(() => users.id),
    /** pending | confirmed | applied | released | refunded | forfeited */
    depositStatus: text('deposit_status').notNull().default('pending'),
    depositFen: bigint('deposit_fen', { mode: 'number' }).notNull(),
    paymentReference: text('payment_reference'),
    depositConfirmedAt: ts('deposit_confirmed_at'),
    depositConfirmedBy: uuid('deposit_confirmed_by').references(() => users.id),
    paddle: integer('paddle'),
    /** Refund due date (5 working days after the close), and when it was paid back. */
    refundDueOn: day('refund_due_on'),
    refundedAt: ts('refunded_at'),
    refundReference: text('refund_reference'),
    /** Suspended by the operator after a default: no bids, no new registrations. */
    suspended: boolean('suspended').notNull().default(false),
    suspendedReason: text('suspended_reason'),
    suspendedAt: ts('suspended_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('auction_bidders_lot_org_uq').on(t.lotId, t.organizationId),
    uniqueIndex('auction_bidders_lot_paddle_uq').on(t.lotId, t.paddle),
    index('auction_bidders_org_idx').on(t.organizationId, t.createdAt),
    index('auction_bidders_deposit_idx').on(t.depositStatus, t.refundDueOn),
  ],
);

/**
 * The bid ledger (出价记录), append-only and hash-chained per lot: entry n stores the hash of
 * entry n−1 of the same lot. Bids, pauses, resumes and the close are entries (`kind`); only the
 * paddle identifies a bidder in the hashed content, so anyone can verify the chain. The unique
 * (lot, key, bidder) index is the backstop of idempotency.
 */
export const auctionBids = pgTable(
  'auction_bids',
  {
    lotId: uuid('lot_id')
      .notNull()
      .references(() => auctionLots.id),
    seq: integer('seq').notNull(),
    /** bid | pause | resume | close */
    kind: text('kind').notNull(),
    bidderId: uuid('bidder_id').references(() => auctionBidders.id),
    paddle: integer('paddle'),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    /** Server time in epoch ms (exact: the hash covers it). */
    atMs: bigint('at_ms', { mode: 'number' }).notNull(),
    endsAtMs: bigint('ends_at_ms', { mode: 'number' }).notNull(),
    extended: boolean('extended').notNull().default(false),
    note: text('note'),
    idempotencyKey: text('idempotency_key'),
    userId: uuid('user_id').references(() => users.id),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('auction_bids_lot_seq_uq').on(t.lotId, t.seq),
    uniqueIndex('auction_bids_idempotency_uq').on(t.lotId, t.idempotencyKey, t.bidderId),
  ],
);

/**
 * 成交: the deal of a sold lot. Listings' `deals` needs a listing, so auction deals live here;
 * `contract_id` is the nullable link the contracts module fills (like `deals.contract_id`).
 */
export const auctionResults = pgTable(
  'auction_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lotId: uuid('lot_id')
      .notNull()
      .references(() => auctionLots.id),
    achievementId: uuid('achievement_id')
      .notNull()
      .references(() => achievements.id),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    buyerOrganizationId: uuid('buyer_organization_id')
      .notNull()
      .references(() => organizations.id),
    bidderId: uuid('bidder_id')
      .notNull()
      .references(() => auctionBidders.id),
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    paddle: integer('paddle').notNull(),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    /** 成交确认书 number, e.g. KHPM-2026-0001A3F2. */
    confirmationNumber: text('confirmation_number').notNull(),
    /** notice | awaiting_contract | defaulted */
    status: text('status').notNull().default('notice'),
    noticeStart: day('notice_start').notNull(),
    noticeEnd: day('notice_end').notNull(),
    noticeEndedAt: ts('notice_ended_at'),
    defaultReason: text('default_reason'),
    contractId: uuid('contract_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('auction_results_lot_uq').on(t.lotId),
    index('auction_results_status_idx').on(t.status, t.noticeEnd),
    index('auction_results_buyer_idx').on(t.buyerOrganizationId),
  ],
);
