import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { organizations, users } from '../accounts/index.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export interface IpItem {
  type: string;
  number: string;
  status: string;
  title?: string | undefined;
}
export interface OwnerShare {
  organizationId?: string | null | undefined;
  name: string;
  /** Percent with up to 2 decimals; all owners sum to exactly 100. */
  share: number;
}
export interface TeamMember {
  name: string;
  role: string;
  /** Percent of contribution, 0–100. */
  contribution: number;
  title?: string | undefined;
}
export interface FieldReason {
  field: string;
  message: string;
}

/**
 * 科技成果. The record as currently published (or being drafted). Edits of a published record go to
 * `achievement_revisions` until approved; every published state is kept in `achievement_versions`.
 */
export const achievements = pgTable(
  'achievements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The owner organization's region, copied for region scoping in SQL. */
    regionCode: varchar('region_code', { length: 6 }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    title: text('title').notNull(),
    normalizedTitle: text('normalized_title').notNull(),
    type: text('type'),
    attribute: text('attribute'),
    keyField: text('key_field'),
    industry: varchar('industry', { length: 1 }),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    abstract: text('abstract').notNull().default(''),
    innovationPoints: text('innovation_points').notNull().default(''),
    indicators: text('indicators').notNull().default(''),
    applicationScenarios: text('application_scenarios').notNull().default(''),
    trl: integer('trl'),
    stage: text('stage'),
    ipItems: jsonb('ip_items').$type<IpItem[]>().notNull().default([]),
    owners: jsonb('owners').$type<OwnerShare[]>().notNull().default([]),
    team: jsonb('team').$type<TeamMember[]>().notNull().default([]),
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    contactEmail: text('contact_email'),
    cooperationModes: text('cooperation_modes').array().notNull().default(sql`'{}'::text[]`),
    pricingMode: text('pricing_mode').notNull().default('negotiable'),
    /** Asking or floor price in fen (分); null when negotiable. */
    priceFen: bigint('price_fen', { mode: 'number' }),
    fundingProgramme: text('funding_programme'),
    fundingProjectNumber: text('funding_project_number'),
    isFiscallyFunded: boolean('is_fiscally_funded').notNull().default(false),
    isDualUse: boolean('is_dual_use').notNull().default(false),
    disclosureTier: text('disclosure_tier').notNull().default('public'),
    selectionYear: integer('selection_year'),
    status: text('status').notNull().default('draft'),
    returnReasons: jsonb('return_reasons').$type<FieldReason[]>(),
    returnComment: text('return_comment'),
    version: integer('version').notNull().default(0),
    /** Import or form; an import job id when collected in bulk. */
    source: text('source').notNull().default('form'),
    submittedAt: ts('submitted_at'),
    confirmedAt: ts('confirmed_at'),
    publishedAt: ts('published_at'),
    archivedAt: ts('archived_at'),
    lastConfirmedAt: ts('last_confirmed_at'),
    staleRemindedAt: ts('stale_reminded_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // Exact duplicates (same owner, same normalized title) are refused while the record lives.
    uniqueIndex('achievements_owner_title_uq').on(t.ownerOrganizationId, t.normalizedTitle).where(sql`${t.status} <> 'archived'`),
    index('achievements_status_idx').on(t.status, t.publishedAt),
    index('achievements_region_idx').on(t.regionCode),
    index('achievements_owner_idx').on(t.ownerOrganizationId, t.updatedAt),
  ],
);

/** Every published state of a record (version 1, 2, …), for history and diffs. */
export const achievementVersions = pgTable(
  'achievement_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    achievementId: uuid('achievement_id')
      .notNull()
      .references(() => achievements.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    publishedBy: uuid('published_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('achievement_versions_uq').on(t.achievementId, t.version)],
);

/** A pending edit of a published record; the published version stays visible until it is approved. */
export const achievementRevisions = pgTable(
  'achievement_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    achievementId: uuid('achievement_id')
      .notNull()
      .references(() => achievements.id, { onDelete: 'cascade' }),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    status: text('status').notNull().default('draft'),
    returnReasons: jsonb('return_reasons').$type<FieldReason[]>(),
    createdBy: uuid('created_by'),
    submittedAt: ts('submitted_at'),
    decidedAt: ts('decided_at'),
    decidedBy: uuid('decided_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // At most one open revision per record.
    uniqueIndex('achievement_revisions_open_uq').on(t.achievementId).where(sql`${t.status} in ('draft', 'submitted')`),
  ],
);

/** Requests to see an NDA-tier record's gated parts; granted or refused by the owner. */
export const achievementAccessRequests = pgTable(
  'achievement_access_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    achievementId: uuid('achievement_id')
      .notNull()
      .references(() => achievements.id, { onDelete: 'cascade' }),
    requesterUserId: uuid('requester_user_id').notNull(),
    requesterOrganizationId: uuid('requester_organization_id'),
    message: text('message').notNull().default(''),
    ndaAccepted: boolean('nda_accepted').notNull(),
    status: text('status').notNull().default('pending'),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('achievement_access_requests_idx').on(t.achievementId, t.requesterUserId)],
);

export const achievementAttachments = pgTable(
  'achievement_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    achievementId: uuid('achievement_id')
      .notNull()
      .references(() => achievements.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('achievement_attachments_idx').on(t.achievementId)],
);
