/**
 * Harvesting (采集): registered peers are harvested over OAI-PMH or Kehui's JSON change feed.
 *
 * Why a failure halfway never duplicates anything: each page is written in one transaction
 * together with the run's resumption point (token or cursor) and counts. A run that fails keeps
 * that point; the next harvest of the peer resumes the same run from it. Records are keyed by
 * (peer, source identifier) and rewritten only when their content hash changes, so a page fetched
 * twice (a restarted list after badResumptionToken) adds nothing.
 */
import type { Actor, RequestContext } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { sameAchievement } from './dedupe-rules.js';
import { asHarvestError, HarvestError } from './harvest-errors.js';
import * as q from './harvest.queries.js';
import type { HarvestWarning } from './harvest.tables.js';
import { type FeedItem, fromFeedItem, fromOaiRecord, type NormalizedRecord } from './harvested-record.js';
import { decodeXml, type FetchOptions, fetchBytes, fetchOaiPage, oaiUrl } from './oai-client.js';

export interface HarvestDeps {
  db: Db;
  log?: { error(obj: unknown, msg?: string): void; warn(obj: unknown, msg?: string): void } | undefined;
  timeoutMs?: number | undefined;
  /** Largest page accepted (bytes). */
  maxPageBytes?: number | undefined;
  /** Items per JSON-feed page. */
  feedPageSize?: number | undefined;
  /** A run with no page committed for this long is taken over (its process stopped). */
  staleRunMs?: number | undefined;
}

/** Warnings kept per run (the count goes on). */
const MAX_WARNINGS = 200;

function fetchOptions(deps: HarvestDeps, peer: q.PeerRow): FetchOptions {
  return { timeoutMs: deps.timeoutMs ?? 30_000, maxBytes: deps.maxPageBytes ?? 20 * 1024 * 1024, credentials: peer.credentials };
}

interface PageResult {
  records: NormalizedRecord[];
  warnings: HarvestWarning[];
  next: string | null;
  responseDate: string | null;
}

/** One OAI ListRecords page: the first with its arguments, later ones by token. */
async function oaiPage(deps: HarvestDeps, peer: q.PeerRow, set: string | null, from: string | null, token: string | null): Promise<PageResult> {
  const args = token
    ? { resumptionToken: token }
    : { metadataPrefix: peer.metadataPrefix, ...(set ? { set } : {}), ...(from ? { from } : {}) };
  const page = await fetchOaiPage(oaiUrl(peer.baseUrl, 'ListRecords', args), fetchOptions(deps, peer));
  if (page.error) throw page.error;
  const warnings = [...page.warnings];
  const records = page.records.map((r) => fromOaiRecord(r, warnings)).filter((r): r is NormalizedRecord => r !== null);
  return { records, warnings, next: page.resumptionToken, responseDate: page.responseDate };
}

/** One JSON change-feed page (`since` = the previous page's `next`, or the last harvest's cursor). */
async function feedPage(deps: HarvestDeps, peer: q.PeerRow, cursor: string | null): Promise<PageResult & { hasMore: boolean }> {
  const u = new URL(`${peer.baseUrl.replace(/\/+$/, '')}/api/exchange/changes`);
  u.searchParams.set('limit', String(deps.feedPageSize ?? 500));
  u.searchParams.set('records', 'true');
  if (cursor) u.searchParams.set('since', cursor);
  const { bytes, contentType } = await fetchBytes(u.toString(), fetchOptions(deps, peer), 'application/json');
  let body: { items?: unknown; next?: unknown; hasMore?: unknown };
  try {
    body = JSON.parse(decodeXml(bytes, contentType.includes('charset') ? contentType : 'charset=utf-8')) as typeof body;
  } catch (err) {
    if (err instanceof HarvestError && err.code === 'wrong_encoding') throw err;
    throw new HarvestError('bad_feed', '不是 JSON');
  }
  if (!Array.isArray(body.items) || typeof body.hasMore !== 'boolean') throw new HarvestError('bad_feed', '缺少 items 或 hasMore');
  const warnings: HarvestWarning[] = [];
  const records = (body.items as FeedItem[])
    .filter((i) => typeof i?.oaiIdentifier === 'string' && typeof i.datestamp === 'string')
    .map((i) => fromFeedItem(i, warnings));
  return { records, warnings, next: typeof body.next === 'string' ? body.next : null, responseDate: null, hasMore: body.hasMore };
}

function dedupeWithinPage(records: NormalizedRecord[]): NormalizedRecord[] {
  // A sloppy list may send one identifier twice on a page: the last one counts.
  const byId = new Map<string, NormalizedRecord>();
  for (const r of records) byId.set(r.sourceIdentifier, r);
  return [...byId.values()];
}

/**
 * Writes one page in one transaction: new and changed records, their audit entries (the search
 * index follows them), clustering of the changed ones, and the run's new resumption point and counts.
 */
async function commitPage(db: Db, run: q.RunRow, peer: q.PeerRow, page: PageResult, point: { currentSet: string | null; token: string | null }) {
  return db.transaction(async (tx) => {
    const now = new Date();
    const records = dedupeWithinPage(page.records);
    const existing = await q.selectExisting(tx, peer.id, records.map((r) => r.sourceIdentifier));
    const counts = { created: 0, updated: 0, deleted: 0, unchanged: 0 };
    const changed: NormalizedRecord[] = [];
    const actions = new Map<string, string>();
    for (const r of records) {
      const old = existing.get(r.sourceIdentifier);
      if (old && old.contentHash === r.contentHash) {
        counts.unchanged++;
        continue;
      }
      if (!old && r.isDeleted) {
        // A deletion of a record we never had: kept as a deleted record (its provenance), not created.
        counts.deleted++;
        actions.set(r.sourceIdentifier, 'harvest.record_deleted');
      } else if (r.isDeleted) {
        counts.deleted++;
        actions.set(r.sourceIdentifier, 'harvest.record_deleted');
      } else if (old) {
        counts.updated++;
        actions.set(r.sourceIdentifier, 'harvest.record_updated');
      } else {
        counts.created++;
        actions.set(r.sourceIdentifier, 'harvest.record_created');
      }
      changed.push(r);
    }
    const written = await q.upsertRecords(tx, peer.id, run.id, peer.protocol === 'oai-pmh' ? peer.metadataPrefix : 'kehui-feed', changed, now);
    await q.auditRecords(
      tx,
      written.map((w) => ({ action: actions.get(w.sourceIdentifier) ?? 'harvest.record_updated', entityId: w.id, after: { peerId: peer.id, sourceIdentifier: w.sourceIdentifier, datestamp: w.sourceDatestamp } })),
      `harvest:${run.id}`,
    );
    await clusterPage(tx, peer.id, written);
    const warnings = [...run.warnings, ...page.warnings].slice(0, MAX_WARNINGS);
    return q.updateRun(tx, run.id, {
      currentSet: point.currentSet,
      resumptionToken: point.token,
      responseDate: run.responseDate ?? page.responseDate,
      pages: run.pages + 1,
      created: run.created + counts.created,
      updated: run.updated + counts.updated,
      deleted: run.deleted + counts.deleted,
      unchanged: run.unchanged + counts.unchanged,
      warnings,
      warningCount: run.warningCount + page.warnings.length,
    });
  });
}

/**
 * Puts each newly written achievement in the cluster of the same achievement, if there is one (or
 * founds it). A record already in a cluster stays where it is (a reviewer's split is never undone).
 */
async function clusterPage(tx: Db, peerId: string, written: q.HarvestedRow[]) {
  const recs = written.filter((w) => !w.isDeleted && w.recordType === 'achievement' && (w.normalizedTitle || w.patentNumbers.length));
  if (!recs.length) return;
  const candidates = await q.selectCandidatesForPage(
    tx,
    peerId,
    recs.map((r) => r.titleKey),
    recs.flatMap((r) => r.patentNumbers),
  );
  if (!candidates.length) return;
  const clusterOf = await q.membershipsOf(tx, [...recs.map((r) => ({ memberType: 'harvested', id: r.id })), ...candidates.map((c) => ({ memberType: c.memberType, id: c.id }))]);
  for (const r of recs) {
    if (clusterOf.has(`harvested:${r.id}`)) continue;
    let best: { c: q.Candidate; method: 'patent' | 'title' | 'similarity'; score: number } | null = null;
    for (const c of candidates) {
      const same = sameAchievement(r, c);
      if (same && (!best || (same.method === 'patent' && best.method !== 'patent') || (same.score > best.score && best.method !== 'patent'))) best = { c, ...same };
    }
    if (!best) continue;
    const theirKey = `${best.c.memberType}:${best.c.id}`;
    let clusterId = clusterOf.get(theirKey);
    if (!clusterId) {
      clusterId = (await q.insertCluster(tx, best.method)).id;
      await q.insertMembers(tx, [{ clusterId, memberType: best.c.memberType, memberId: best.c.id, method: best.method, score: best.score }]);
      clusterOf.set(theirKey, clusterId);
    }
    await q.insertMembers(tx, [{ clusterId, memberType: 'harvested', memberId: r.id, method: best.method, score: best.score }]);
    clusterOf.set(`harvested:${r.id}`, clusterId);
    if (best.c.memberType === 'achievement') await q.setLocalAchievement(tx, r.id, best.c.id);
  }
}

export interface RunOutcome {
  run: q.RunRow;
  resumed: boolean;
}

/**
 * Harvests a peer now: resumes its last run if that failed on something worth retrying, else starts
 * an incremental harvest (from the last complete harvest's responseDate / cursor) or a full one.
 * Never throws for the peer's faults: they end the run as `failed` with a typed error.
 */
export async function harvestPeer(deps: HarvestDeps, peerId: string, opts: { full?: boolean } = {}): Promise<RunOutcome> {
  const db = deps.db;
  const peer = await q.selectPeer(db, peerId);
  if (!peer) throw new AppError('not_found', '对接平台不存在');
  await q.failStaleRuns(db, peer.id, new Date(Date.now() - (deps.staleRunMs ?? 10 * 60_000)));
  const last = await q.latestRun(db, peer.id);
  const resumable = !opts.full && last?.status === 'failed' && last.errorCode !== null && HARVEST_RETRYABLE.has(last.errorCode);
  let run: q.RunRow | null;
  if (resumable && last) {
    run = await q.resumeRun(db, last.id, last.attempts + 1);
    if (!run) throw new AppError('invalid_state', '该平台正在采集中');
  } else {
    const from = opts.full ? null : peer.lastDatestamp;
    run = await q.insertRun(db, { peerId: peer.id, mode: from ? 'incremental' : 'full', fromDatestamp: from, currentSet: null });
    if (!run) throw new AppError('invalid_state', '该平台正在采集中');
  }
  await q.updatePeer(db, peer.id, { status: 'running', lastHarvestAt: new Date() });
  try {
    run = peer.protocol === 'kehui-feed' ? await harvestFeed(deps, peer, run) : await harvestOai(deps, peer, run);
    const done = await db.transaction(async (tx) => {
      const finished = await q.updateRun(tx, run?.id ?? '', { status: 'succeeded', finishedAt: new Date(), resumptionToken: null });
      const next = peer.protocol === 'kehui-feed' ? finished.resumptionToken ?? finished.responseDate : finished.responseDate;
      await q.updatePeer(tx, peer.id, {
        status: 'ok',
        lastSuccessAt: new Date(),
        lastDatestamp: next ?? peer.lastDatestamp,
        lastErrorCode: null,
        lastError: null,
        ...(peer.scheduleMinutes ? { nextHarvestAt: new Date(Date.now() + peer.scheduleMinutes * 60_000) } : {}),
      });
      return finished;
    });
    return { run: done, resumed: resumable };
  } catch (err) {
    const e = asHarvestError(err);
    if (e.code === 'internal') deps.log?.error({ err, peerId }, 'harvest failed');
    const current = (await q.selectRun(db, run.id)) ?? run;
    const failed = await db.transaction(async (tx) => {
      const r = await q.updateRun(tx, current.id, { status: 'failed', errorCode: e.code, errorMessage: e.message, finishedAt: new Date() });
      await q.updatePeer(tx, peer.id, {
        status: 'failed',
        lastErrorCode: e.code,
        lastError: e.message,
        ...(peer.scheduleMinutes ? { nextHarvestAt: new Date(Date.now() + Math.min(peer.scheduleMinutes, 15) * 60_000) } : {}),
      });
      return r;
    });
    return { run: failed, resumed: resumable };
  }
}

const HARVEST_RETRYABLE = new Set(['timeout', 'http_status', 'network', 'internal', 'badResumptionToken']);

async function harvestOai(deps: HarvestDeps, peer: q.PeerRow, start: q.RunRow): Promise<q.RunRow> {
  let run = start;
  const sets = peer.sets.length ? peer.sets : [null];
  for (const set of sets) {
    const key = set ?? '';
    if (run.doneSets.includes(key)) continue;
    let token = run.currentSet === key ? run.resumptionToken : null;
    let from = run.fromDatestamp;
    let restarted = false;
    for (;;) {
      let page: PageResult;
      try {
        page = await oaiPage(deps, peer, set, from, token);
      } catch (err) {
        const e = asHarvestError(err);
        // An expired or foreign token: the list is asked again from its start, once (records already
        // here are unchanged and not written again).
        if (e.code === 'badResumptionToken' && token && !restarted) {
          restarted = true;
          token = null;
          run = await q.updateRun(deps.db, run.id, {
            warnings: [...run.warnings, { code: 'restarted_list', message: '续传令牌失效，已从本批次起点重新请求列表' }].slice(0, MAX_WARNINGS),
            warningCount: run.warningCount + 1,
          });
          continue;
        }
        // A repository with day granularity refuses a seconds `from`: ask again by day.
        if (e.code === 'badArgument' && !token && from && from.length > 10) {
          from = from.slice(0, 10);
          continue;
        }
        throw e;
      }
      run = await commitPage(deps.db, run, peer, page, { currentSet: key, token: page.next });
      token = page.next;
      if (!token) break;
    }
    run = await q.updateRun(deps.db, run.id, { doneSets: [...run.doneSets, key], currentSet: null, resumptionToken: null });
  }
  return run;
}

async function harvestFeed(deps: HarvestDeps, peer: q.PeerRow, start: q.RunRow): Promise<q.RunRow> {
  let run = start;
  let cursor = run.resumptionToken ?? run.fromDatestamp;
  for (;;) {
    const page = await feedPage(deps, peer, cursor);
    // For the feed the resumption point is the cursor; responseDate keeps the last cursor for the next harvest.
    run = await commitPage(deps.db, run, peer, page, { currentSet: null, token: page.next });
    run = await q.updateRun(deps.db, run.id, { responseDate: page.next ?? cursor });
    cursor = page.next;
    if (!page.hasMore) return run;
  }
}

/**
 * Scheduled harvests: every active peer with a schedule whose time has come, several at once
 * (each peer's runs are exclusive through the one-running-run index).
 */
export async function sweepHarvests(deps: HarvestDeps, now = new Date(), concurrency = 4): Promise<number> {
  const due = await q.selectDuePeers(deps.db, now);
  let n = 0;
  const queue = [...due];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        try {
          await harvestPeer(deps, p.id);
          n++;
        } catch (err) {
          if (!(err instanceof AppError && err.code === 'invalid_state')) deps.log?.error({ err, peerId: p.id }, 'scheduled harvest failed');
        }
      }
    }),
  );
  return n;
}

// ---------- reviewer: split and merge clusters ----------

type Ctx = RequestContext & { actor: Actor };

/** Moves the named members out into a new cluster of their own (reviewed: never regrouped automatically). */
export async function splitCluster(db: Db, ctx: Ctx, clusterId: string, members: { memberType: 'harvested' | 'achievement'; memberId: string }[]) {
  return db.transaction(async (tx) => {
    const cluster = await q.selectCluster(tx, clusterId);
    if (!cluster) throw new AppError('not_found', '聚类不存在');
    const current = await q.membersOf(tx, [clusterId]);
    const inIt = (m: { memberType: string; memberId: string }) => current.some((c) => c.memberType === m.memberType && c.memberId === m.memberId);
    const missing = members.filter((m) => !inIt(m));
    if (missing.length) {
      throw new AppError('validation_failed', '所选记录不在该聚类中', { errors: missing.map((m) => ({ path: `members.${members.indexOf(m)}`, message: '不在该聚类中' })) });
    }
    if (members.length >= current.length) throw new AppError('invalid_state', '拆分后原聚类至少应保留一条记录');
    const now = new Date();
    const created = await q.insertCluster(tx, 'manual', { by: ctx.actor.userId, at: now });
    await q.moveMembers(tx, clusterId, created.id, members, 'manual');
    await q.markReviewed(tx, [clusterId], ctx.actor.userId, now);
    for (const m of members) if (m.memberType === 'harvested') await q.setLocalAchievement(tx, m.memberId, null);
    await recordAudit(tx, ctx, { action: 'harvest.cluster_split', entityType: 'harvest_cluster', entityId: clusterId, after: { newClusterId: created.id, members } });
    return { clusterId, newClusterId: created.id };
  });
}

/** Moves every member of `otherId` into `clusterId` (reviewed); the emptied cluster is removed. */
export async function mergeClusters(db: Db, ctx: Ctx, clusterId: string, otherId: string) {
  if (clusterId === otherId) throw new AppError('invalid_state', '不能与自身合并');
  return db.transaction(async (tx) => {
    const [a, b] = await Promise.all([q.selectCluster(tx, clusterId), q.selectCluster(tx, otherId)]);
    if (!a || !b) throw new AppError('not_found', '聚类不存在');
    const moved = await q.moveMembers(tx, otherId, clusterId, 'all', 'manual');
    await q.deleteCluster(tx, otherId);
    await q.markReviewed(tx, [clusterId], ctx.actor.userId, new Date());
    const members = await q.membersOf(tx, [clusterId]);
    const local = members.find((m) => m.memberType === 'achievement');
    if (local) for (const m of members) if (m.memberType === 'harvested') await q.setLocalAchievement(tx, m.memberId, local.memberId);
    await recordAudit(tx, ctx, { action: 'harvest.cluster_merged', entityType: 'harvest_cluster', entityId: clusterId, after: { mergedClusterId: otherId, moved } });
    return { clusterId, moved };
  });
}
