import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { organizations, users } from '../accounts/index.js';
import { achievements } from '../achievements/index.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export interface FieldReason {
  field: string;
  message: string;
}

/**
 * 技术需求: an enterprise's technical problem. The public sees the summary part (title, public
 * summary, field, industry, type, modes, budget, deadline, region); the claimant also sees the
 * details; the contact only by the enterprise's grant (`demand_contact_grants`).
 */
export const demands = pgTable(
  'demands',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseOrganizationId: uuid('enterprise_organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The demand's region (defaults to the enterprise's), for region scoping in SQL. */
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    title: text('title').notNull(),
    normalizedTitle: text('normalized_title').notNull(),
    publicSummary: text('public_summary').notNull().default(''),
    description: text('description').notNull().default(''),
    /** Quantified targets (技术指标). */
    indicators: text('indicators').notNull().default(''),
    existingConditions: text('existing_conditions').notNull().default(''),
    keyField: text('key_field'),
    industry: varchar('industry', { length: 1 }),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    demandType: text('demand_type'),
    cooperationModes: text('cooperation_modes').array().notNull().default(sql`'{}'::text[]`),
    budgetMode: text('budget_mode').notNull().default('negotiable'),
    /** Budget range in fen (分); null when negotiable. */
    budgetMinFen: bigint('budget_min_fen', { mode: 'number' }),
    budgetMaxFen: bigint('budget_max_fen', { mode: 'number' }),
    /** Firm (确定) or indicative (参考) budget. */
    budgetFirm: boolean('budget_firm').notNull().default(false),
    deadline: date('deadline', { mode: 'string' }),
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    contactEmail: text('contact_email'),
    /** enterprise | campaign | broker | import */
    source: text('source').notNull().default('enterprise'),
    /** Import job id, or the user who entered it for the enterprise. */
    sourceRef: text('source_ref'),
    campaignId: uuid('campaign_id'),
    campaignVisitId: uuid('campaign_visit_id'),
    status: text('status').notNull().default('draft'),
    returnReasons: jsonb('return_reasons').$type<FieldReason[]>(),
    returnComment: text('return_comment'),
    /** The active claim's organization and person (null in the pool). */
    claimantOrganizationId: uuid('claimant_organization_id').references(() => organizations.id),
    claimantUserId: uuid('claimant_user_id').references(() => users.id),
    /** Publication + 48 h: the promise of a first follow-up. */
    responseDueAt: ts('response_due_at'),
    firstFollowUpAt: ts('first_follow_up_at'),
    overdueNotifiedAt: ts('overdue_notified_at'),
    matchedAchievementIds: uuid('matched_achievement_ids').array().notNull().default(sql`'{}'::uuid[]`),
    matchedOrganizationIds: uuid('matched_organization_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The technology contract, once the contracts module exists (free reference until then). */
    contractRef: text('contract_ref'),
    closeReason: text('close_reason'),
    closeComment: text('close_comment'),
    submittedAt: ts('submitted_at'),
    publishedAt: ts('published_at'),
    claimedAt: ts('claimed_at'),
    dockingAt: ts('docking_at'),
    matchedAt: ts('matched_at'),
    contractedAt: ts('contracted_at'),
    closedAt: ts('closed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('demands_enterprise_title_uq').on(t.enterpriseOrganizationId, t.normalizedTitle).where(sql`${t.status} <> 'closed'`),
    index('demands_status_idx').on(t.status, t.publishedAt),
    index('demands_region_idx').on(t.regionCode),
    index('demands_enterprise_idx').on(t.enterpriseOrganizationId, t.updatedAt),
    index('demands_claimant_idx').on(t.claimantOrganizationId, t.status),
    index('demands_campaign_idx').on(t.campaignId),
  ],
);

/** Every transition, timestamped: the demand's timeline (the audit log has the same, scoped). */
export const demandEvents = pgTable(
  'demand_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    actorUserId: uuid('actor_user_id'),
    actorOrganizationId: uuid('actor_organization_id'),
    note: text('note'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('demand_events_idx').on(t.demandId, t.at)],
);

/**
 * Claims and dispatches (认领/派发). One active claim per demand (unique partial index: under
 * concurrent claims exactly one insert wins). `dueAt` is claim + 48 h for the claimant's on-time rate.
 */
export const demandClaims = pgTable(
  'demand_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id').references(() => users.id),
    /** claim | dispatch */
    mode: text('mode').notNull(),
    dispatchedBy: uuid('dispatched_by'),
    status: text('status').notNull().default('active'),
    refuseReason: text('refuse_reason'),
    dueAt: ts('due_at').notNull(),
    firstFollowUpAt: ts('first_follow_up_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    endedAt: ts('ended_at'),
  },
  (t) => [
    uniqueIndex('demand_claims_active_uq').on(t.demandId).where(sql`${t.status} = 'active'`),
    index('demand_claims_org_idx').on(t.organizationId, t.createdAt),
  ],
);

/** Follow-up entries (跟进记录): call, visit, meeting, proposal; date and notes. */
export const demandFollowUps = pgTable(
  'demand_follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    claimId: uuid('claim_id').references(() => demandClaims.id),
    kind: text('kind').notNull(),
    happenedOn: date('happened_on', { mode: 'string' }).notNull(),
    notes: text('notes').notNull(),
    nextStepOn: date('next_step_on', { mode: 'string' }),
    createdBy: uuid('created_by').notNull(),
    organizationId: uuid('organization_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('demand_follow_ups_idx').on(t.demandId, t.createdAt)],
);

/**
 * Messages between the enterprise and the claimant. An enterprise message is answered by the
 * claimant's next message; `dueAt` (48 h) drives the second clock.
 */
export const demandMessages = pgTable(
  'demand_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    /** enterprise | claimant */
    side: text('side').notNull(),
    organizationId: uuid('organization_id'),
    userId: uuid('user_id').notNull(),
    body: text('body').notNull(),
    dueAt: ts('due_at'),
    answeredAt: ts('answered_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('demand_messages_idx').on(t.demandId, t.createdAt)],
);

/** The enterprise's consent to show its contact to one claimant organization; revocable, logged. */
export const demandContactGrants = pgTable(
  'demand_contact_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    granteeOrganizationId: uuid('grantee_organization_id')
      .notNull()
      .references(() => organizations.id),
    grantedBy: uuid('granted_by').notNull(),
    grantedAt: ts('granted_at').notNull().defaultNow(),
    revokedBy: uuid('revoked_by'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('demand_contact_grants_live_uq').on(t.demandId, t.granteeOrganizationId).where(sql`${t.revokedAt} is null`)],
);

/**
 * A proposed solution (推荐方案): an achievement and/or a partner organization put to the
 * enterprise by the claimant. Accepted → the demand is matched; declined with structured reasons.
 */
export const demandProposals = pgTable(
  'demand_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    achievementId: uuid('achievement_id').references(() => achievements.id),
    partnerOrganizationId: uuid('partner_organization_id').references(() => organizations.id),
    summary: text('summary').notNull(),
    proposedBy: uuid('proposed_by').notNull(),
    proposedByOrganizationId: uuid('proposed_by_organization_id'),
    status: text('status').notNull().default('proposed'),
    /** Who turned it down: enterprise | claimant. */
    decidedBySide: text('decided_by_side'),
    decidedBy: uuid('decided_by'),
    reasons: text('reasons').array().notNull().default(sql`'{}'::text[]`),
    reasonText: text('reason_text'),
    decidedAt: ts('decided_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('demand_proposals_idx').on(t.demandId, t.createdAt)],
);

export const demandAttachments = pgTable(
  'demand_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    /** Public (shown on the board) or for the claimant only. */
    isPublic: boolean('is_public').notNull().default(false),
    uploadedBy: uuid('uploaded_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('demand_attachments_idx').on(t.demandId)],
);
