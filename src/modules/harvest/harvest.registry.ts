/**
 * The operator's side of harvesting: the registry of peers (对接平台), runs, harvested records and
 * clusters, as presented by the API. Credentials are never presented.
 */
import { type Actor, hasRole, type RequestContext } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { Page } from '../../platform/http/pagination.js';
import { recordAudit } from '../audit/index.js';
import * as q from './harvest.queries.js';
import type { CreatePeerInput, PeerOut, RunOut, UpdatePeerInput } from './harvest.schemas.js';

type Ctx = RequestContext & { actor: Actor };
const iso = (d: Date | null) => d?.toISOString() ?? null;

function presentPeer(p: q.PeerRow, counts: { records: number; deleted: number } | undefined): PeerOut {
  return {
    id: p.id,
    name: p.name,
    baseUrl: p.baseUrl,
    protocol: p.protocol as PeerOut['protocol'],
    metadataPrefix: p.metadataPrefix,
    sets: p.sets,
    scheduleMinutes: p.scheduleMinutes,
    hasCredentials: p.credentials !== null,
    isActive: p.isActive,
    status: p.status as PeerOut['status'],
    lastDatestamp: p.lastDatestamp,
    lastHarvestAt: iso(p.lastHarvestAt),
    lastSuccessAt: iso(p.lastSuccessAt),
    nextHarvestAt: iso(p.nextHarvestAt),
    lastErrorCode: p.lastErrorCode,
    lastError: p.lastError,
    counts: counts ?? { records: 0, deleted: 0 },
    createdAt: p.createdAt.toISOString(),
  };
}

export function presentRun(r: q.RunRow): RunOut {
  return {
    id: r.id,
    peerId: r.peerId,
    status: r.status as RunOut['status'],
    mode: r.mode,
    fromDatestamp: r.fromDatestamp,
    currentSet: r.currentSet,
    resumptionToken: r.resumptionToken,
    pages: r.pages,
    created: r.created,
    updated: r.updated,
    deleted: r.deleted,
    unchanged: r.unchanged,
    warningCount: r.warningCount,
    warnings: r.warnings.map((w) => ({ code: w.code, message: w.message, ...(w.identifier ? { identifier: w.identifier } : {}) })),
    errorCode: r.errorCode,
    errorMessage: r.errorMessage,
    attempts: r.attempts,
    startedAt: r.startedAt.toISOString(),
    finishedAt: iso(r.finishedAt),
  };
}

function duplicateUrl(err: unknown): never {
  if (err instanceof Error && /harvest_peers_base_url_uq|duplicate key/.test(`${err.message} ${String((err as { cause?: unknown }).cause ?? '')}`)) {
    throw new AppError('duplicate', '该地址、协议与格式的对接平台已登记');
  }
  throw err;
}

export async function createPeer(db: Db, ctx: Ctx, input: CreatePeerInput): Promise<PeerOut> {
  return db
    .transaction(async (tx) => {
      const row = await q.insertPeer(tx, { ...input, createdAt: new Date(), nextHarvestAt: input.scheduleMinutes ? new Date() : null });
      await recordAudit(tx, ctx, { action: 'harvest.peer_created', entityType: 'harvest_peer', entityId: row.id, after: { ...input, credentials: input.credentials ? '***' : null } });
      return presentPeer(row, undefined);
    })
    .catch(duplicateUrl);
}

export async function updatePeer(db: Db, ctx: Ctx, id: string, input: UpdatePeerInput): Promise<PeerOut> {
  return db
    .transaction(async (tx) => {
      const before = await q.selectPeer(tx, id);
      if (!before) throw new AppError('not_found', '对接平台不存在');
      const schedule = input.scheduleMinutes !== undefined ? { nextHarvestAt: input.scheduleMinutes ? new Date() : null } : {};
      const row = await q.updatePeer(tx, id, { ...input, ...schedule });
      if (!row) throw new AppError('not_found', '对接平台不存在');
      await recordAudit(tx, ctx, { action: 'harvest.peer_updated', entityType: 'harvest_peer', entityId: id, after: { ...input, ...(input.credentials !== undefined ? { credentials: '***' } : {}) } });
      return presentPeer(row, (await q.recordCounts(tx, [id])).get(id));
    })
    .catch(duplicateUrl);
}

export async function listPeers(db: Db, p: { page: number; pageSize: number }): Promise<Page<PeerOut>> {
  const r = await q.listPeers(db, p.pageSize, (p.page - 1) * p.pageSize);
  const counts = await q.recordCounts(db, r.items.map((x) => x.id));
  return { items: r.items.map((x) => presentPeer(x, counts.get(x.id))), total: r.total, page: p.page, pageSize: p.pageSize };
}

export async function getPeer(db: Db, id: string): Promise<PeerOut> {
  const p = await q.selectPeer(db, id);
  if (!p) throw new AppError('not_found', '对接平台不存在');
  return presentPeer(p, (await q.recordCounts(db, [id])).get(id));
}

export async function listRuns(db: Db, p: { page: number; pageSize: number; peerId?: string | undefined }): Promise<Page<RunOut>> {
  const r = await q.listRuns(db, p.peerId, p.pageSize, (p.page - 1) * p.pageSize);
  return { items: r.items.map(presentRun), total: r.total, page: p.page, pageSize: p.pageSize };
}

export async function getRun(db: Db, id: string): Promise<RunOut> {
  const r = await q.selectRun(db, id);
  if (!r) throw new AppError('not_found', '采集批次不存在');
  return presentRun(r);
}

async function presentRecords(db: Db, actor: Actor | null, rows: q.HarvestedRow[]) {
  const peers = new Map((await q.selectPeersByIds(db, [...new Set(rows.map((r) => r.peerId))])).map((p) => [p.id, p]));
  const memberships = await Promise.all(rows.map((r) => q.membershipOf(db, 'harvested', r.id)));
  const isOperator = hasRole(actor, 'operator');
  return rows.map((r, i) => {
    const peer = peers.get(r.peerId);
    return {
      id: r.id,
      recordType: r.recordType,
      title: r.title,
      abstract: r.abstract,
      keywords: r.keywords,
      creators: r.creators,
      patentNumbers: r.patentNumbers,
      fields: r.fields,
      isDeleted: r.isDeleted,
      source: {
        peerId: r.peerId,
        peerName: peer?.name ?? '',
        baseUrl: peer?.baseUrl ?? '',
        protocol: peer?.protocol ?? '',
        metadataFormat: r.metadataFormat,
        sourceIdentifier: r.sourceIdentifier,
        sourceDatestamp: r.sourceDatestamp,
        firstHarvestedAt: r.firstHarvestedAt.toISOString(),
        lastHarvestedAt: r.lastHarvestedAt.toISOString(),
      },
      localAchievementId: r.localAchievementId,
      clusterId: memberships[i]?.clusterId ?? null,
      raw: isOperator ? r.raw : null,
      allowedActions: [] as string[],
    };
  });
}

/** A harvested record with its source: public (what the source published publicly); the raw record for the operator. */
export async function getHarvestedRecord(db: Db, actor: Actor | null, id: string) {
  const r = await q.selectRecord(db, id);
  if (!r) throw new AppError('not_found', '采集记录不存在');
  const [out] = await presentRecords(db, actor, [r]);
  if (!out) throw new AppError('not_found', '采集记录不存在');
  return out;
}

export async function listHarvestedRecords(db: Db, actor: Actor, p: { page: number; pageSize: number; peerId?: string | undefined; q?: string | undefined; includeDeleted: 'true' | 'false' }) {
  const r = await q.listRecords(db, { peerId: p.peerId, q: p.q, includeDeleted: p.includeDeleted === 'true' }, p.pageSize, (p.page - 1) * p.pageSize);
  return { items: await presentRecords(db, actor, r.items), total: r.total, page: p.page, pageSize: p.pageSize };
}

async function presentClusters(db: Db, rows: q.ClusterRow[]) {
  const members = await q.membersOf(db, rows.map((c) => c.id));
  const records = await q.selectRecordsByIds(db, members.filter((m) => m.memberType === 'harvested').map((m) => m.memberId));
  const byId = new Map(records.map((r) => [r.id, r]));
  const peers = new Map((await q.selectPeersByIds(db, [...new Set(records.map((r) => r.peerId))])).map((p) => [p.id, p.name]));
  const titles = await q.achievementTitles(db, members.filter((m) => m.memberType === 'achievement').map((m) => m.memberId));
  return rows.map((c) => ({
    id: c.id,
    method: c.method,
    isReviewed: c.isReviewed,
    reviewedAt: iso(c.reviewedAt),
    updatedAt: c.updatedAt.toISOString(),
    members: members
      .filter((m) => m.clusterId === c.id)
      .map((m) => {
        const r = byId.get(m.memberId);
        return {
          memberType: m.memberType as 'harvested' | 'achievement',
          memberId: m.memberId,
          method: m.method,
          score: m.score,
          title: r?.title ?? titles.get(m.memberId) ?? '',
          sourceName: m.memberType === 'achievement' ? '本平台' : (peers.get(r?.peerId ?? '') ?? ''),
          sourceIdentifier: r?.sourceIdentifier ?? null,
          isDeleted: r?.isDeleted ?? false,
        };
      }),
  }));
}

export async function listClusters(db: Db, p: { page: number; pageSize: number }) {
  const r = await q.listClusters(db, p.pageSize, (p.page - 1) * p.pageSize);
  return { items: await presentClusters(db, r.items), total: r.total, page: p.page, pageSize: p.pageSize };
}

export async function getCluster(db: Db, id: string) {
  const c = await q.selectCluster(db, id);
  if (!c) throw new AppError('not_found', '聚类不存在');
  const [out] = await presentClusters(db, [c]);
  if (!out) throw new AppError('not_found', '聚类不存在');
  return out;
}
