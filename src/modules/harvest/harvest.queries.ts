/**
 * All SQL of the harvest module (采集). Owns harvest_peers, harvest_runs, harvested_records,
 * harvest_clusters and harvest_cluster_members; reads `achievements` (never writes them); appends
 * to the audit log (through the audit module's table) in the transaction of each page.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { achievements } from '../achievements/index.js';
import { auditLog } from '../audit/index.js';
import { type HarvestWarning, harvestClusterMembers, harvestClusters, harvestedRecords, harvestPeers, harvestRuns } from './harvest.tables.js';
import type { NormalizedRecord } from './harvested-record.js';

export type PeerRow = typeof harvestPeers.$inferSelect;
export type RunRow = typeof harvestRuns.$inferSelect;
export type HarvestedRow = typeof harvestedRecords.$inferSelect;
export type ClusterRow = typeof harvestClusters.$inferSelect;
export type MemberRow = typeof harvestClusterMembers.$inferSelect;

const first = <T>(rows: T[]): T => {
  const r = rows[0];
  if (!r) throw new Error('expected a row');
  return r;
};

// ---------- peers ----------

export async function insertPeer(db: Db, v: typeof harvestPeers.$inferInsert) {
  return first(await db.insert(harvestPeers).values(v).returning());
}
export async function updatePeer(db: Db, id: string, set: Partial<typeof harvestPeers.$inferInsert>) {
  return (await db.update(harvestPeers).set({ ...set, updatedAt: new Date() }).where(eq(harvestPeers.id, id)).returning())[0];
}
export async function selectPeer(db: Db, id: string) {
  return (await db.select().from(harvestPeers).where(eq(harvestPeers.id, id)).limit(1))[0];
}
export async function selectPeersByIds(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select().from(harvestPeers).where(inArray(harvestPeers.id, ids));
}
export async function listPeers(db: Db, limit: number, offset: number) {
  const [items, total] = await Promise.all([
    db.select().from(harvestPeers).orderBy(asc(harvestPeers.name), asc(harvestPeers.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(harvestPeers),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}
/** Active peers on a schedule whose next harvest is due. */
export async function selectDuePeers(db: Db, now: Date) {
  return db
    .select()
    .from(harvestPeers)
    .where(and(eq(harvestPeers.isActive, true), isNotNull(harvestPeers.scheduleMinutes), or(sql`${harvestPeers.nextHarvestAt} is null`, sql`${harvestPeers.nextHarvestAt} <= ${now.toISOString()}::timestamptz`)));
}
export async function recordCounts(db: Db, peerIds: string[]) {
  const out = new Map<string, { records: number; deleted: number }>();
  if (!peerIds.length) return out;
  const rows = await db
    .select({ peerId: harvestedRecords.peerId, n: count(), deleted: sql<number>`count(*) filter (where ${harvestedRecords.isDeleted})`.mapWith(Number) })
    .from(harvestedRecords)
    .where(inArray(harvestedRecords.peerId, peerIds))
    .groupBy(harvestedRecords.peerId);
  for (const r of rows) out.set(r.peerId, { records: r.n - r.deleted, deleted: r.deleted });
  return out;
}

// ---------- runs ----------

/** Starts a run; null when one is already running for the peer (the partial unique index decides). */
export async function insertRun(db: Db, v: typeof harvestRuns.$inferInsert): Promise<RunRow | null> {
  const r = await db.insert(harvestRuns).values(v).onConflictDoNothing().returning();
  return r[0] ?? null;
}
export async function updateRun(db: Db, id: string, set: Partial<typeof harvestRuns.$inferInsert>) {
  return first(await db.update(harvestRuns).set({ ...set, updatedAt: new Date() }).where(eq(harvestRuns.id, id)).returning());
}
/** Takes a failed run up again; null when another harvest took it first. */
export async function resumeRun(db: Db, id: string, attempts: number): Promise<RunRow | null> {
  const r = await db
    .update(harvestRuns)
    .set({ status: 'running', attempts, errorCode: null, errorMessage: null, finishedAt: null, updatedAt: new Date() })
    .where(and(eq(harvestRuns.id, id), eq(harvestRuns.status, 'failed')))
    .returning()
    .catch(() => []);
  return r[0] ?? null;
}
export async function selectRun(db: Db, id: string) {
  return (await db.select().from(harvestRuns).where(eq(harvestRuns.id, id)).limit(1))[0];
}
export async function latestRun(db: Db, peerId: string) {
  return (await db.select().from(harvestRuns).where(eq(harvestRuns.peerId, peerId)).orderBy(desc(harvestRuns.startedAt)).limit(1))[0];
}
/** A run left `running` by a process that stopped (no page committed for `staleMs`). */
export async function failStaleRuns(db: Db, peerId: string, before: Date) {
  await db
    .update(harvestRuns)
    .set({ status: 'failed', errorCode: 'internal', errorMessage: '采集进程中断，下次采集将从中断处继续', updatedAt: new Date() })
    .where(and(eq(harvestRuns.peerId, peerId), eq(harvestRuns.status, 'running'), lt(harvestRuns.updatedAt, before)));
}
export async function listRuns(db: Db, peerId: string | undefined, limit: number, offset: number) {
  const where = peerId ? eq(harvestRuns.peerId, peerId) : undefined;
  const [items, total] = await Promise.all([
    db.select().from(harvestRuns).where(where).orderBy(desc(harvestRuns.startedAt)).limit(limit).offset(offset),
    db.select({ n: count() }).from(harvestRuns).where(where),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}

// ---------- harvested records ----------

export async function selectExisting(db: Db, peerId: string, identifiers: string[]) {
  if (!identifiers.length) return new Map<string, { id: string; contentHash: string; isDeleted: boolean }>();
  const rows = await db
    .select({ id: harvestedRecords.id, sourceIdentifier: harvestedRecords.sourceIdentifier, contentHash: harvestedRecords.contentHash, isDeleted: harvestedRecords.isDeleted })
    .from(harvestedRecords)
    .where(and(eq(harvestedRecords.peerId, peerId), inArray(harvestedRecords.sourceIdentifier, identifiers)));
  return new Map(rows.map((r) => [r.sourceIdentifier, r]));
}

/** The de-duplication block of a title: its first 4 normalized characters. */
export function titleKeyOf(normalizedTitle: string): string {
  return normalizedTitle.slice(0, 4);
}

function valuesOf(peerId: string, runId: string, format: string, r: NormalizedRecord, now: Date) {
  return {
    peerId,
    sourceIdentifier: r.sourceIdentifier,
    sourceDatestamp: r.sourceDatestamp,
    datestampAt: r.datestampAt,
    metadataFormat: format,
    raw: r.raw,
    isDeleted: r.isDeleted,
    contentHash: r.contentHash,
    recordType: r.recordType,
    title: r.title,
    normalizedTitle: r.normalizedTitle,
    titleKey: titleKeyOf(r.normalizedTitle),
    abstract: r.abstract,
    keywords: r.keywords,
    creators: r.creators,
    patentNumbers: r.patentNumbers,
    fields: r.fields,
    lastRunId: runId,
    lastHarvestedAt: now,
  };
}

/**
 * Writes new and changed records (by (peer, source identifier)); a deleted record keeps its last
 * title and text (the cluster still names it) but is marked deleted. Returns the rows written.
 */
export async function upsertRecords(db: Db, peerId: string, runId: string, format: string, rows: NormalizedRecord[], now: Date) {
  if (!rows.length) return [];
  return db
    .insert(harvestedRecords)
    .values(rows.map((r) => valuesOf(peerId, runId, format, r, now)))
    .onConflictDoUpdate({
      target: [harvestedRecords.peerId, harvestedRecords.sourceIdentifier],
      set: {
        sourceDatestamp: sql`excluded.source_datestamp`,
        datestampAt: sql`excluded.datestamp_at`,
        metadataFormat: sql`excluded.metadata_format`,
        raw: sql`excluded.raw`,
        isDeleted: sql`excluded.is_deleted`,
        contentHash: sql`excluded.content_hash`,
        recordType: sql`case when excluded.is_deleted then ${harvestedRecords.recordType} else excluded.record_type end`,
        title: sql`case when excluded.is_deleted then ${harvestedRecords.title} else excluded.title end`,
        normalizedTitle: sql`case when excluded.is_deleted then ${harvestedRecords.normalizedTitle} else excluded.normalized_title end`,
        titleKey: sql`case when excluded.is_deleted then ${harvestedRecords.titleKey} else excluded.title_key end`,
        abstract: sql`case when excluded.is_deleted then ${harvestedRecords.abstract} else excluded.abstract end`,
        keywords: sql`case when excluded.is_deleted then ${harvestedRecords.keywords} else excluded.keywords end`,
        creators: sql`case when excluded.is_deleted then ${harvestedRecords.creators} else excluded.creators end`,
        patentNumbers: sql`case when excluded.is_deleted then ${harvestedRecords.patentNumbers} else excluded.patent_numbers end`,
        fields: sql`case when excluded.is_deleted then ${harvestedRecords.fields} else excluded.fields end`,
        lastRunId: sql`excluded.last_run_id`,
        lastHarvestedAt: sql`excluded.last_harvested_at`,
      },
    })
    .returning();
}

/** One audit entry per record written (the search index follows them), in one statement. */
export async function auditRecords(db: Db, entries: { action: string; entityId: string; after: Record<string, unknown> }[], requestId: string) {
  for (let i = 0; i < entries.length; i += 500) {
    await db.insert(auditLog).values(
      entries.slice(i, i + 500).map((e) => ({ action: e.action, entityType: 'harvested_record', entityId: e.entityId, after: e.after, requestId, actorName: '采集任务' })),
    );
  }
}

export async function selectRecord(db: Db, id: string) {
  return (await db.select().from(harvestedRecords).where(eq(harvestedRecords.id, id)).limit(1))[0];
}
export async function selectRecordsByIds(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select().from(harvestedRecords).where(inArray(harvestedRecords.id, ids));
}
export async function listRecords(db: Db, f: { peerId?: string | undefined; q?: string | undefined; includeDeleted: boolean }, limit: number, offset: number) {
  const where = and(
    f.peerId ? eq(harvestedRecords.peerId, f.peerId) : undefined,
    f.includeDeleted ? undefined : eq(harvestedRecords.isDeleted, false),
    f.q ? sql`${harvestedRecords.title} ilike ${`%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`}` : undefined,
  );
  const [items, total] = await Promise.all([
    db.select().from(harvestedRecords).where(where).orderBy(desc(harvestedRecords.lastHarvestedAt), asc(harvestedRecords.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(harvestedRecords).where(where),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}
/**
 * Harvested records after an id in id order, deleted or not and of every type (the search rebuild
 * keeps the searchable ones, {@link isSearchableHarvested}; the conditions stay out of the query for
 * the reason given at achievements' selectAchievementsAfter).
 */
export async function selectHarvestedAfter(db: Db, afterId: string, limit: number) {
  return db.select().from(harvestedRecords).where(sql`${harvestedRecords.id} > ${afterId}::uuid`).orderBy(asc(harvestedRecords.id)).limit(limit);
}

/** What the search indexes of harvested records: achievements not deleted at their source. */
export function isSearchableHarvested(r: Pick<HarvestedRow, 'isDeleted' | 'recordType'>): boolean {
  return !r.isDeleted && r.recordType === 'achievement';
}

export async function selectSearchableByIds(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select()
    .from(harvestedRecords)
    .where(and(inArray(harvestedRecords.id, ids), eq(harvestedRecords.isDeleted, false), eq(harvestedRecords.recordType, 'achievement')));
}
export async function setLocalAchievement(db: Db, id: string, achievementId: string | null) {
  await db.update(harvestedRecords).set({ localAchievementId: achievementId }).where(eq(harvestedRecords.id, id));
}

// ---------- de-duplication ----------

export interface Candidate {
  memberType: 'harvested' | 'achievement';
  id: string;
  title: string;
  normalizedTitle: string;
  abstract: string;
  patentNumbers: string[];
}

/**
 * Records that might be the same achievement as one of a page's records: harvested records of other
 * peers in the same title block or sharing a patent number, and published local achievements in the
 * same title block. One query each, whatever the page size.
 */
export async function selectCandidatesForPage(db: Db, peerId: string, titleKeys: string[], patents: string[]): Promise<Candidate[]> {
  const keys = [...new Set(titleKeys.filter(Boolean))];
  if (!keys.length && !patents.length) return [];
  const patentMatch: SQL | undefined = patents.length
    ? sql`${harvestedRecords.patentNumbers} && ${sql.raw(`ARRAY[${[...new Set(patents)].map((p) => `'${p.replace(/'/g, "''")}'`).join(',')}]::text[]`)}`
    : undefined;
  const harvested = await db
    .select()
    .from(harvestedRecords)
    .where(and(ne(harvestedRecords.peerId, peerId), eq(harvestedRecords.isDeleted, false), eq(harvestedRecords.recordType, 'achievement'), or(keys.length ? inArray(harvestedRecords.titleKey, keys) : undefined, patentMatch)))
    .limit(5000);
  const local = keys.length
    ? await db
        .select({ id: achievements.id, title: achievements.title, normalizedTitle: achievements.normalizedTitle, abstract: achievements.abstract, ipItems: achievements.ipItems })
        .from(achievements)
        .where(and(isNotNull(achievements.publishedAt), ne(achievements.status, 'archived'), inArray(sql`left(${achievements.normalizedTitle}, 4)`, keys)))
        .limit(5000)
    : [];
  return [
    ...harvested.map((h) => ({ memberType: 'harvested' as const, id: h.id, title: h.title, normalizedTitle: h.normalizedTitle, abstract: h.abstract, patentNumbers: h.patentNumbers })),
    ...local.map((a) => ({ memberType: 'achievement' as const, id: a.id, title: a.title, normalizedTitle: a.normalizedTitle, abstract: a.abstract, patentNumbers: a.ipItems.map((i) => i.number) })),
  ];
}

/** Cluster of each (member type, id) that is in one: key `type:id`. */
export async function membershipsOf(db: Db, members: { memberType: string; id: string }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ids = [...new Set(members.map((m) => m.id))];
  if (!ids.length) return out;
  const rows = await db.select().from(harvestClusterMembers).where(inArray(harvestClusterMembers.memberId, ids));
  for (const r of rows) out.set(`${r.memberType}:${r.memberId}`, r.clusterId);
  return out;
}

export async function membershipOf(db: Db, memberType: string, memberId: string) {
  return (await db.select().from(harvestClusterMembers).where(and(eq(harvestClusterMembers.memberType, memberType), eq(harvestClusterMembers.memberId, memberId))).limit(1))[0];
}
export async function insertCluster(db: Db, method: string, reviewed?: { by: string; at: Date }) {
  return first(
    await db
      .insert(harvestClusters)
      .values({ method, ...(reviewed ? { isReviewed: true, reviewedBy: reviewed.by, reviewedAt: reviewed.at } : {}) })
      .returning(),
  );
}
export async function insertMembers(db: Db, rows: (typeof harvestClusterMembers.$inferInsert)[]) {
  if (rows.length) await db.insert(harvestClusterMembers).values(rows).onConflictDoNothing();
}
export async function moveMembers(db: Db, from: string, to: string, members: { memberType: string; memberId: string }[] | 'all', method: string) {
  const where = and(
    eq(harvestClusterMembers.clusterId, from),
    members === 'all' ? undefined : or(...members.map((m) => and(eq(harvestClusterMembers.memberType, m.memberType), eq(harvestClusterMembers.memberId, m.memberId)))),
  );
  const r = await db.update(harvestClusterMembers).set({ clusterId: to, method, addedAt: new Date() }).where(where).returning();
  return r.length;
}
export async function markReviewed(db: Db, ids: string[], by: string, at: Date) {
  await db.update(harvestClusters).set({ isReviewed: true, reviewedBy: by, reviewedAt: at, updatedAt: at }).where(inArray(harvestClusters.id, ids));
}
export async function deleteCluster(db: Db, id: string) {
  await db.delete(harvestClusters).where(eq(harvestClusters.id, id));
}
export async function selectCluster(db: Db, id: string) {
  return (await db.select().from(harvestClusters).where(eq(harvestClusters.id, id)).limit(1))[0];
}
export async function membersOf(db: Db, clusterIds: string[]) {
  if (!clusterIds.length) return [];
  return db.select().from(harvestClusterMembers).where(inArray(harvestClusterMembers.clusterId, clusterIds)).orderBy(asc(harvestClusterMembers.addedAt));
}
/** Clusters with at least two members (a singleton left by a split is not a duplicate). */
export async function listClusters(db: Db, limit: number, offset: number) {
  const multi = sql`(select count(*) from ${harvestClusterMembers} m where m.cluster_id = ${harvestClusters.id}) >= 2`;
  const [items, total] = await Promise.all([
    db.select().from(harvestClusters).where(multi).orderBy(desc(harvestClusters.updatedAt), asc(harvestClusters.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(harvestClusters).where(multi),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}
export async function achievementTitles(db: Db, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await db.select({ id: achievements.id, title: achievements.title }).from(achievements).where(inArray(achievements.id, ids));
  return new Map(rows.map((r) => [r.id, r.title]));
}

export type { HarvestWarning };
