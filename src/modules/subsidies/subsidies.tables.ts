import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { organizations, users } from '../accounts/index.js';
import { achievements } from '../achievements/index.js';
import { contracts } from '../contracts/index.js';
import { deals } from '../listings/index.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/**
 * A subsidy programme version: rule data (kind + parameters), effective dates and a budget. A
 * programme (`code`) has versions; an edit by the operator creates the next version and closes the
 * previous one, so every application keeps the exact rules it was computed with.
 */
export const subsidyProgrammes = pgTable(
  'subsidy_programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable programme code shared by its versions, e.g. rd-enterprise-2026. */
    code: text('code').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    /** Rule kind (subsidy-rules.ts): rd_university_reward, rd_enterprise_subsidy, intermediary_conversion, sales_post_subsidy, guidance_injection, incubator_injection, angel_matching. */
    kind: text('kind').notNull(),
    /** Rule parameters: rates in basis points (1% = 100), caps in fen, … validated per kind. */
    params: jsonb('params').notNull(),
    /** Issuing region (province 420000 or a city); applicants must be in it. */
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    effectiveFrom: day('effective_from').notNull(),
    /** Inclusive last day, null = open-ended. */
    effectiveTo: day('effective_to'),
    budgetFen: bigint('budget_fen', { mode: 'number' }).notNull(),
    /** Sum of approved amounts (reserved budget), kept by conditional updates: never above budget. */
    committedFen: bigint('committed_fen', { mode: 'number' }).notNull().default(0),
    /** Sum of disbursed amounts. */
    disbursedFen: bigint('disbursed_fen', { mode: 'number' }).notNull().default(0),
    /** draft | active | closed | superseded */
    status: text('status').notNull().default('draft'),
    description: text('description').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('subsidy_programmes_code_version_uq').on(t.code, t.version), index('subsidy_programmes_status_idx').on(t.status, t.kind)],
);

/** An application under one programme version, with its inputs, computed amount and formula. */
export const subsidyApplications = pgTable(
  'subsidy_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => subsidyProgrammes.id),
    applicantOrganizationId: uuid('applicant_organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The applicant's region, for region scoping in SQL. */
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    contractId: uuid('contract_id').references(() => contracts.id),
    dealId: uuid('deal_id').references(() => deals.id),
    achievementId: uuid('achievement_id').references(() => achievements.id),
    /** What the rule needs besides linked records (sales per period, investment amounts, …), fen amounts as integers. */
    inputs: jsonb('inputs').notNull(),
    /** The amount the rule gives, fen, at submission (recomputed at approval). */
    computedFen: bigint('computed_fen', { mode: 'number' }).notNull(),
    /** The formula with its inputs, in Chinese, as shown to everyone who sees the application. */
    formula: text('formula').notNull(),
    /** submitted | under_review | approved | rejected | withdrawn | disbursed */
    status: text('status').notNull().default('submitted'),
    approvedFen: bigint('approved_fen', { mode: 'number' }),
    disbursedFen: bigint('disbursed_fen', { mode: 'number' }).notNull().default(0),
    reviewComment: text('review_comment'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: ts('reviewed_at'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // One live application per programme and linked record: the same contract is never subsidized twice by one programme.
    uniqueIndex('subsidy_applications_contract_uq')
      .on(t.programmeId, t.applicantOrganizationId, t.contractId)
      .where(sql`${t.contractId} is not null and ${t.status} not in ('rejected', 'withdrawn')`),
    uniqueIndex('subsidy_applications_deal_uq')
      .on(t.programmeId, t.applicantOrganizationId, t.dealId)
      .where(sql`${t.dealId} is not null and ${t.status} not in ('rejected', 'withdrawn')`),
    index('subsidy_applications_status_idx').on(t.status, t.createdAt),
    index('subsidy_applications_applicant_idx').on(t.applicantOrganizationId),
    index('subsidy_applications_region_idx').on(t.regionCode),
    index('subsidy_applications_achievement_idx').on(t.achievementId),
  ],
);

/** Optional expert scores during review (0–100). */
export const subsidyReviewScores = pgTable(
  'subsidy_review_scores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => subsidyApplications.id, { onDelete: 'cascade' }),
    expertUserId: uuid('expert_user_id')
      .notNull()
      .references(() => users.id),
    score: integer('score').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('subsidy_review_scores_uq').on(t.applicationId, t.expertUserId)],
);

/**
 * Disbursement entries. The idempotency key is unique: the same payment order sent twice is one
 * entry; the sum never exceeds the approved amount (conditional update on the application).
 */
export const subsidyDisbursements = pgTable(
  'subsidy_disbursements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => subsidyApplications.id),
    idempotencyKey: text('idempotency_key').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    paidOn: day('paid_on').notNull(),
    /** Bank or treasury payment reference. */
    reference: text('reference').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('subsidy_disbursements_key_uq').on(t.idempotencyKey), index('subsidy_disbursements_app_idx').on(t.applicationId)],
);
