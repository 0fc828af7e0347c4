import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export interface HarvestWarning {
  /** stray_text | missing_title | bad_datestamp | … (harvest-errors.ts) */
  code: string;
  message: string;
  identifier?: string | undefined;
}

/**
 * 对接平台 (harvest peers): another platform whose public records we harvest, over OAI-PMH or
 * Kehui's JSON change feed. `credentials` (a bearer token or user:password) is sent with every
 * request and never returned by the API.
 */
export const harvestPeers = pgTable(
  'harvest_peers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    baseUrl: text('base_url').notNull(),
    /** oai-pmh | kehui-feed */
    protocol: text('protocol').notNull(),
    /** OAI metadataPrefix (oai_dc, kehui); ignored by the JSON feed. */
    metadataPrefix: text('metadata_prefix').notNull().default('oai_dc'),
    /** OAI setSpecs to harvest (each separately); empty = the whole repository. */
    sets: text('sets').array().notNull().default(sql`'{}'::text[]`),
    /** Minutes between scheduled harvests; null = only by hand. */
    scheduleMinutes: integer('schedule_minutes'),
    credentials: text('credentials'),
    isActive: boolean('is_active').notNull().default(true),
    /** The `from` of the next incremental harvest: the responseDate of the last complete one. */
    lastDatestamp: text('last_datestamp'),
    lastHarvestAt: ts('last_harvest_at'),
    lastSuccessAt: ts('last_success_at'),
    /** idle | running | ok | failed */
    status: text('status').notNull().default('idle'),
    lastErrorCode: text('last_error_code'),
    lastError: text('last_error'),
    nextHarvestAt: ts('next_harvest_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('harvest_peers_base_url_uq').on(t.baseUrl, t.protocol, t.metadataPrefix)],
);

/**
 * 采集批次: one harvest of one peer. Each page is committed with the run's resumption point, so a run
 * that fails halfway resumes from its last committed page and imports nothing twice.
 */
export const harvestRuns = pgTable(
  'harvest_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    peerId: uuid('peer_id')
      .notNull()
      .references(() => harvestPeers.id, { onDelete: 'cascade' }),
    /** running | succeeded | failed */
    status: text('status').notNull().default('running'),
    /** full | incremental */
    mode: text('mode').notNull(),
    fromDatestamp: text('from_datestamp'),
    /** The set being harvested now, and the resumption token / cursor of its next page (null = first page). */
    currentSet: text('current_set'),
    resumptionToken: text('resumption_token'),
    /** Sets already completed in this run. */
    doneSets: text('done_sets').array().notNull().default(sql`'{}'::text[]`),
    /** The responseDate of the run's first answer: the next incremental harvest starts there. */
    responseDate: text('response_date'),
    pages: integer('pages').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    deleted: integer('deleted').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    warnings: jsonb('warnings').$type<HarvestWarning[]>().notNull().default([]),
    warningCount: integer('warning_count').notNull().default(0),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    attempts: integer('attempts').notNull().default(1),
    startedAt: ts('started_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    index('harvest_runs_peer_idx').on(t.peerId, t.startedAt),
    // One run in progress per peer.
    uniqueIndex('harvest_runs_running_uq').on(t.peerId).where(sql`${t.status} = 'running'`),
  ],
);

/**
 * 采集记录: a record harvested from a peer, with its provenance (peer, source identifier, source
 * datestamp, the raw record as received). Read-only here: it changes only when the source does, and
 * a deletion at the source marks it deleted.
 */
export const harvestedRecords = pgTable(
  'harvested_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    peerId: uuid('peer_id')
      .notNull()
      .references(() => harvestPeers.id, { onDelete: 'cascade' }),
    sourceIdentifier: text('source_identifier').notNull(),
    /** The datestamp as the source gave it, and parsed (UTC). */
    sourceDatestamp: text('source_datestamp').notNull(),
    datestampAt: ts('datestamp_at'),
    metadataFormat: text('metadata_format').notNull(),
    /** The record exactly as received (an OAI <record> element, or the feed item and its record as JSON). */
    raw: text('raw').notNull(),
    isDeleted: boolean('is_deleted').notNull().default(false),
    /** sha256 of the normalized fields: a new hash is a change. */
    contentHash: text('content_hash').notNull(),
    /** achievement | demand | other */
    recordType: text('record_type').notNull().default('achievement'),
    title: text('title').notNull().default(''),
    normalizedTitle: text('normalized_title').notNull().default(''),
    /** The first 4 characters of the normalized title: the block de-duplication compares within. */
    titleKey: text('title_key').notNull().default(''),
    abstract: text('abstract').notNull().default(''),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    creators: text('creators').array().notNull().default(sql`'{}'::text[]`),
    patentNumbers: text('patent_numbers').array().notNull().default(sql`'{}'::text[]`),
    /** Other parsed fields (dc elements, kehui codes), for display. */
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull().default({}),
    /** The local achievement this record is the same as (set by de-duplication). */
    localAchievementId: uuid('local_achievement_id'),
    lastRunId: uuid('last_run_id'),
    firstHarvestedAt: ts('first_harvested_at').notNull().defaultNow(),
    lastHarvestedAt: ts('last_harvested_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('harvested_records_source_uq').on(t.peerId, t.sourceIdentifier),
    index('harvested_records_title_key_idx').on(t.titleKey),
    index('harvested_records_patents_idx').using('gin', t.patentNumbers),
    index('harvested_records_harvested_idx').on(t.lastHarvestedAt, t.id),
  ],
);

/**
 * 成果聚类 (de-duplication): the same achievement on several platforms (and here) is one cluster
 * listing every source. Found by normalized title, text similarity or shared patent numbers;
 * a reviewer splits or merges clusters (a reviewed cluster is not regrouped automatically).
 */
export const harvestClusters = pgTable('harvest_clusters', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** title | similarity | patent | manual */
  method: text('method').notNull(),
  isReviewed: boolean('is_reviewed').notNull().default(false),
  reviewedBy: uuid('reviewed_by'),
  reviewedAt: ts('reviewed_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** A cluster's members: harvested records and local achievements; each belongs to one cluster at most. */
export const harvestClusterMembers = pgTable(
  'harvest_cluster_members',
  {
    clusterId: uuid('cluster_id')
      .notNull()
      .references(() => harvestClusters.id, { onDelete: 'cascade' }),
    /** harvested | achievement */
    memberType: text('member_type').notNull(),
    memberId: uuid('member_id').notNull(),
    /** Why it joined: title | similarity | patent | manual */
    method: text('method').notNull(),
    score: real('score'),
    addedAt: ts('added_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.memberType, t.memberId] }), uniqueIndex('harvest_cluster_members_member_uq').on(t.memberType, t.memberId)],
);
