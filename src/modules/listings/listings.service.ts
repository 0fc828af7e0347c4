/**
 * Use cases of the listings module (挂牌/摘牌): listing a published achievement, review, publicity
 * with objections, delisting into a deal, the deal notice, and the sweep that moves everything on
 * at Asia/Shanghai working-day boundaries. Every change writes its audit entry, and every public
 * fact its public-log entry, in the same transaction.
 */
import { type Actor, mustActor, type RequestContext, systemContext } from '../../platform/auth.js';
import { type Db, isUniqueViolation } from '../../platform/db.js';
import { AppError, type FieldError, fieldError, forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { fenToYuanString } from '../../platform/money.js';
import { recordAudit } from '../audit/index.js';
import { type NewNotification, notify, notifyOrganization, notifyRegionGovAdmins } from '../notifications/index.js';
import { appendPublicLog } from '../public-log/index.js';
import { DEAL_STATUSES, LISTING_MODES, LISTING_STATUSES, listingLabelOf, OBJECTION_STATUSES, PERIOD_BOUNDS, PUBLIC_LISTING_STATUSES } from './listing-codes.js';
import { checkPeriod, checkWorkingDays, type ListingPeriod, parseListedPrice, scheduleListing } from './listing-rules.js';
import * as q from './listings.queries.js';
import type { DealRow, ListingRow, ObjectionRow } from './listings.queries.js';
import {
  canObject,
  canReview,
  canWithdraw,
  isEnterpriseDelister,
  isIntermediary,
  isObjector,
  isOwnerMember,
  isReviewer,
  listingActions,
  listingScopeOf,
  type Viewer,
} from './listings.policy.js';
import { type CreateListing, DEFAULT_SETTINGS, type ListingDetail, type ListingListQuery, type ListingSummary } from './listings.schemas.js';
import { type Day, shanghaiDate, workingDayPeriod, workingDaysLeft } from './working-days.js';
import { organizationNames } from '../accounts/index.js';

export interface ListingsDeps {
  db: Db;
}

/** The one rule for competing delistings: the first valid one wins, every later one gets this. */
export const ALREADY_DELISTED = '该成果已被摘牌';
const SETTING_KEYS = { publicityWorkingDays: 'listings.publicity_working_days', dealNoticeWorkingDays: 'listings.deal_notice_working_days' } as const;
const link = (id: string) => `/listings/${id}`;
const conflict = (detail: string) => new AppError('invalid_state', detail);
const statusLabel = (s: string) => listingLabelOf(LISTING_STATUSES, s);
const modeLabel = (s: string) => listingLabelOf(LISTING_MODES, s);

export async function viewerOf(db: Db, actor: Actor | null): Promise<Viewer> {
  const org = actor?.organizationId ? await q.selectOrganizationFacts(db, actor.organizationId) : undefined;
  return { actor, orgType: org?.type ?? null };
}

async function load(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<ListingRow> {
  const row = await q.selectListing(db, id, listingScopeOf(actor), forUpdate);
  if (!row) throw notFound('挂牌项目');
  return row;
}

async function audit(tx: Db, ctx: RequestContext, row: { id: string; regionCode: string }, action: string, before?: unknown, after?: unknown, entityType = 'listing') {
  await recordAudit(tx, ctx, { action, entityType, entityId: row.id, regionCode: row.regionCode, before, after });
}

// ---------- settings ----------

/** The operator's defaults for the publicity and deal-notice periods (working days). */
export async function getSettings(db: Db) {
  const m = await q.selectSettings(db, Object.values(SETTING_KEYS));
  const num = (k: string, d: number) => {
    const n = Number(m.get(k));
    return Number.isInteger(n) && n > 0 ? n : d;
  };
  return {
    publicityWorkingDays: num(SETTING_KEYS.publicityWorkingDays, DEFAULT_SETTINGS.publicityWorkingDays),
    dealNoticeWorkingDays: num(SETTING_KEYS.dealNoticeWorkingDays, DEFAULT_SETTINGS.dealNoticeWorkingDays),
    bounds: {
      publicityWorkingDays: { min: PERIOD_BOUNDS.publicityWorkingDays.min, max: PERIOD_BOUNDS.publicityWorkingDays.max },
      dealNoticeWorkingDays: { min: PERIOD_BOUNDS.dealNoticeWorkingDays.min, max: PERIOD_BOUNDS.dealNoticeWorkingDays.max },
      listingWorkingDays: { min: PERIOD_BOUNDS.listingWorkingDays.min, max: PERIOD_BOUNDS.listingWorkingDays.max },
    },
  };
}

/** The operator edits the defaults within their bounds; running periods keep their own numbers. */
export async function updateSettings(deps: ListingsDeps, ctx: RequestContext, input: { publicityWorkingDays: number; dealNoticeWorkingDays: number }) {
  const errors = [
    checkWorkingDays('publicityWorkingDays', input.publicityWorkingDays, PERIOD_BOUNDS.publicityWorkingDays),
    checkWorkingDays('dealNoticeWorkingDays', input.dealNoticeWorkingDays, PERIOD_BOUNDS.dealNoticeWorkingDays),
  ].flatMap((e) => (e ? [{ ...e, message: `${e.path === 'publicityWorkingDays' ? '公示期' : '成交公示期'}${e.message}` }] : []));
  if (errors.length) throw validationFailed(errors);
  return deps.db.transaction(async (tx) => {
    const before = await getSettings(tx);
    await q.upsertSetting(tx, SETTING_KEYS.publicityWorkingDays, String(input.publicityWorkingDays));
    await q.upsertSetting(tx, SETTING_KEYS.dealNoticeWorkingDays, String(input.dealNoticeWorkingDays));
    await recordAudit(tx, ctx, {
      action: 'listing.settings_updated',
      entityType: 'listing_settings',
      before: { publicityWorkingDays: before.publicityWorkingDays, dealNoticeWorkingDays: before.dealNoticeWorkingDays },
      after: input,
    });
    return getSettings(tx);
  });
}

// ---------- presenters ----------

function summaryOf(r: ListingRow, names: Map<string, string>, pending: number, today: Day): ListingSummary {
  return {
    id: r.id,
    achievementId: r.achievementId,
    title: r.title,
    owner: { id: r.ownerOrganizationId, name: names.get(r.ownerOrganizationId) ?? '' },
    regionCode: r.regionCode,
    mode: r.mode,
    modeLabel: modeLabel(r.mode),
    priceFen: r.priceFen,
    price: fenToYuanString(r.priceFen),
    status: r.status,
    statusLabel: statusLabel(r.status),
    publicityWorkingDays: r.publicityWorkingDays,
    publicityStart: r.publicityStart,
    publicityEnd: r.publicityEnd,
    openStart: r.openStart,
    openEnd: r.openEnd,
    publicityWorkingDaysLeft: r.status === 'publicity' && r.publicityStart && r.publicityEnd ? workingDaysLeft(today, r.publicityStart, r.publicityEnd) : 0,
    objectionsPending: pending,
    submittedAt: r.submittedAt.toISOString(),
  };
}

async function summariesOf(db: Db, rows: ListingRow[]) {
  const names = await organizationNames(db, rows.map((r) => r.ownerOrganizationId));
  const pending = await q.countPendingObjections(db, rows.map((r) => r.id));
  const today = shanghaiDate(new Date());
  return rows.map((r) => summaryOf(r, names, pending.get(r.id) ?? 0, today));
}

function dealOf(d: DealRow, names: Map<string, string>, today: Day) {
  return {
    id: d.id,
    listingId: d.listingId,
    achievementId: d.achievementId,
    status: d.status,
    statusLabel: listingLabelOf(DEAL_STATUSES, d.status),
    buyer: { id: d.buyerOrganizationId, name: names.get(d.buyerOrganizationId) ?? '' },
    intermediary: d.intermediaryOrganizationId ? { id: d.intermediaryOrganizationId, name: names.get(d.intermediaryOrganizationId) ?? '' } : null,
    priceFen: d.priceFen,
    price: fenToYuanString(d.priceFen),
    mode: d.mode,
    modeLabel: modeLabel(d.mode),
    noticeStart: d.noticeStart,
    noticeEnd: d.noticeEnd,
    noticeWorkingDaysLeft: d.status === 'notice' ? workingDaysLeft(today, d.noticeStart, d.noticeEnd) : 0,
    contractId: d.contractId,
    createdAt: d.createdAt.toISOString(),
  };
}

/** Objections: who filed them and why only for the owner, the reviewers and the objector itself. */
function objectionOf(o: ObjectionRow, v: Viewer, row: ListingRow, names: Map<string, string>) {
  const full = isOwnerMember(v.actor, row) || isReviewer(v.actor, row) || v.actor?.organizationId === o.organizationId;
  return {
    id: o.id,
    organization: full ? { id: o.organizationId, name: names.get(o.organizationId) ?? '' } : null,
    reason: full ? o.reason : null,
    status: o.status,
    statusLabel: listingLabelOf(OBJECTION_STATUSES, o.status),
    resolution: o.resolution,
    createdAt: o.createdAt.toISOString(),
    resolvedAt: o.resolvedAt?.toISOString() ?? null,
    allowedActions: isReviewer(v.actor, row) && o.status === 'pending' ? ['resolve'] : [],
  };
}

async function detailOf(db: Db, r: ListingRow, v: Viewer): Promise<ListingDetail> {
  const [objections, deal] = await Promise.all([q.selectObjections(db, r.id), q.selectDealOfListing(db, r.id)]);
  const names = await organizationNames(db, [
    r.ownerOrganizationId,
    ...objections.map((o) => o.organizationId),
    ...(deal ? [deal.buyerOrganizationId, ...(deal.intermediaryOrganizationId ? [deal.intermediaryOrganizationId] : [])] : []),
  ]);
  const today = shanghaiDate(new Date());
  const pending = objections.filter((o) => o.status === 'pending').length;
  return {
    ...summaryOf(r, names, pending, today),
    terms: r.terms,
    periodKind: r.periodKind,
    periodWorkingDays: r.periodWorkingDays,
    periodEndDate: r.periodEndDate,
    reviewComment: r.reviewComment,
    withdrawReason: r.withdrawReason,
    objections: objections.map((o) => objectionOf(o, v, r, names)),
    objectionsSummary: {
      total: objections.length,
      pending,
      upheld: objections.filter((o) => o.status === 'upheld').length,
      dismissed: objections.filter((o) => o.status === 'dismissed').length,
    },
    deal: deal ? dealOf(deal, names, today) : null,
    allowedActions: listingActions(v, r),
  };
}

/** The public facts of a listing, as written to the public log. */
function publicFacts(r: ListingRow, ownerName: string) {
  return {
    listingId: r.id,
    achievementId: r.achievementId,
    title: r.title,
    owner: ownerName,
    mode: r.mode,
    modeLabel: modeLabel(r.mode),
    price: fenToYuanString(r.priceFen),
    publicityStart: r.publicityStart,
    publicityEnd: r.publicityEnd,
    openStart: r.openStart,
    openEnd: r.openEnd,
  };
}

const orgName = async (db: Db, id: string) => (await organizationNames(db, [id])).get(id) ?? '';

// ---------- reading ----------

/** 挂牌项目: published listings (publicity, open, delisted, expired, withdrawn), whoever asks. */
export async function listPublic(deps: ListingsDeps, query: ListingListQuery) {
  const { page, pageSize, status, ...f } = query;
  const statuses = status ? (PUBLIC_LISTING_STATUSES.includes(status) ? [status] : ['__none__']) : ['publicity', 'open', 'delisted'];
  const { items, total } = await q.listListings(deps.db, { all: true }, { ...f, statuses }, page, pageSize);
  return { items: await summariesOf(deps.db, items), total, page, pageSize };
}

/** 我的挂牌: the caller's organization's listings in every status. */
export async function listMine(deps: ListingsDeps, actor: Actor, query: ListingListQuery) {
  if (!actor.organizationId) throw forbidden('请先加入机构');
  const { page, pageSize, status, ...f } = query;
  const { items, total } = await q.listListings(deps.db, listingScopeOf(actor), { ...f, statuses: status ? [status] : undefined, ownerOrganizationId: actor.organizationId }, page, pageSize);
  return { items: await summariesOf(deps.db, items), total, page, pageSize };
}

/** Review console: pending listings and those in publicity (objections), in the reviewer's regions, oldest first. */
export async function reviewQueue(deps: ListingsDeps, actor: Actor, query: ListingListQuery) {
  const { page, pageSize, status, ...f } = query;
  const scope = listingScopeOf(actor);
  const regionScopes = scope.all ? undefined : scope.regionScopes;
  const statuses = status ? [status] : ['pending_review', 'publicity'];
  const { items, total } = await q.listListings(deps.db, scope, { ...f, statuses, regionScopes }, page, pageSize, true);
  return { items: await summariesOf(deps.db, items), total, page, pageSize };
}

export async function getListing(deps: ListingsDeps, actor: Actor | null, id: string) {
  const row = await load(deps.db, actor, id);
  return detailOf(deps.db, row, await viewerOf(deps.db, actor));
}

/** 我的成交: deals the caller's organization is a party to (owner, buyer or intermediary). */
export async function listMyDeals(deps: ListingsDeps, actor: Actor, p: { page: number; pageSize: number }) {
  if (!actor.organizationId) throw forbidden('请先加入机构');
  const { items, total } = await q.listDealsOf(deps.db, actor.organizationId, p.page, p.pageSize);
  const names = await organizationNames(deps.db, items.flatMap((i) => [i.deal.buyerOrganizationId, ...(i.deal.intermediaryOrganizationId ? [i.deal.intermediaryOrganizationId] : [])]));
  const today = shanghaiDate(new Date());
  return { items: items.map((i) => ({ ...dealOf(i.deal, names, today), title: i.title })), total, page: p.page, pageSize: p.pageSize };
}

// ---------- listing and review ----------

/**
 * 挂牌: a member of the owner organization lists a published achievement. It goes to review by the
 * operator or the gov_admin of the achievement's region; one active listing per achievement.
 */
export async function createListing(deps: ListingsDeps, ctx: RequestContext, input: CreateListing, now = new Date()) {
  const actor = mustActor(ctx);
  const achievement = await q.selectAchievementFacts(deps.db, input.achievementId);
  if (!achievement) throw fieldError('achievementId', '成果不存在');
  if (!isOwnerMember(actor, achievement)) throw forbidden('只有成果所属单位的成员可以挂牌');
  if (achievement.status !== 'published') throw conflict('只有已发布的成果可以挂牌');
  const settings = await getSettings(deps.db);
  const errors: FieldError[] = [];
  const price = parseListedPrice(input.price);
  if ('error' in price) errors.push(price.error);
  const publicityDays = input.publicityWorkingDays ?? settings.publicityWorkingDays;
  const pErr = checkWorkingDays('publicityWorkingDays', publicityDays, PERIOD_BOUNDS.publicityWorkingDays);
  if (pErr) errors.push({ ...pErr, message: `公示期${pErr.message}` });
  const period: ListingPeriod = input.period.kind === 'working_days' ? { kind: 'working_days', workingDays: input.period.workingDays } : { kind: 'end_date', endDate: input.period.endDate };
  if (!pErr) errors.push(...checkPeriod(period, publicityDays, now));
  if (errors.length || 'error' in price) throw validationFailed(errors);
  try {
    return await deps.db.transaction(async (tx) => {
      const row = await q.insertListing(tx, {
        achievementId: achievement.id,
        ownerOrganizationId: achievement.ownerOrganizationId,
        regionCode: achievement.regionCode,
        title: achievement.title,
        mode: input.mode,
        priceFen: price.fen,
        periodKind: period.kind,
        periodWorkingDays: period.kind === 'working_days' ? period.workingDays : null,
        periodEndDate: period.kind === 'end_date' ? period.endDate : null,
        terms: input.terms,
        publicityWorkingDays: publicityDays,
        createdBy: actor.userId,
        submittedAt: now,
      });
      await audit(tx, ctx, row, 'listing.created', undefined, { status: row.status, mode: row.mode, priceFen: row.priceFen, period, publicityWorkingDays: publicityDays });
      await notifyRegionGovAdmins(tx, row.regionCode, { kind: 'listing_submitted', title: `成果「${row.title}」申请挂牌，待审核`, link: link(row.id), entityType: 'listing', entityId: row.id });
      return detailOf(tx, row, await viewerOf(tx, actor));
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('该成果已有进行中的挂牌');
    throw err;
  }
}

/**
 * Approval by the operator or the region's gov_admin: the schedule is fixed now; publicity starts
 * on the next working day, and its notice goes to the public log.
 */
export async function approveListing(deps: ListingsDeps, ctx: RequestContext, id: string, input: { comment?: string | undefined }, now = new Date()) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true);
    if (!isReviewer(actor, row)) throw forbidden('只有平台运营方或成果所在地区的科技管理部门可以审核挂牌');
    if (!canReview(actor, row)) throw conflict(`挂牌项目当前状态为「${statusLabel(row.status)}」，不能审核`);
    const period: ListingPeriod = row.periodKind === 'working_days' ? { kind: 'working_days', workingDays: row.periodWorkingDays ?? 0 } : { kind: 'end_date', endDate: row.periodEndDate ?? '' };
    const s = scheduleListing(shanghaiDate(now), row.publicityWorkingDays, period);
    if ('error' in s) throw validationFailed([s.error]);
    const after = await q.updateListingIf(tx, row.id, 'pending_review', { status: 'publicity', ...s, reviewedBy: actor.userId, reviewComment: input.comment ?? null, approvedAt: now });
    if (!after) throw conflict('挂牌项目已被处理');
    await audit(tx, ctx, after, 'listing.approved', { status: row.status }, { status: after.status, ...s });
    await appendPublicLog(tx, { type: 'publicity_notice', entityType: 'listing', entityId: after.id, payload: publicFacts(after, await orgName(tx, after.ownerOrganizationId)), at: now });
    await notifyOrganization(tx, after.ownerOrganizationId, {
      kind: 'listing_approved',
      title: `成果「${after.title}」挂牌审核通过，公示期 ${s.publicityStart} 至 ${s.publicityEnd}`,
      link: link(after.id),
      entityType: 'listing',
      entityId: after.id,
    });
    return detailOf(tx, after, await viewerOf(tx, actor));
  });
}

export async function rejectListing(deps: ListingsDeps, ctx: RequestContext, id: string, input: { reason: string }) {
  const actor = mustActor(ctx);
  const now = new Date();
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true);
    if (!isReviewer(actor, row)) throw forbidden('只有平台运营方或成果所在地区的科技管理部门可以审核挂牌');
    if (!canReview(actor, row)) throw conflict(`挂牌项目当前状态为「${statusLabel(row.status)}」，不能审核`);
    const after = await q.updateListingIf(tx, row.id, 'pending_review', { status: 'rejected', reviewedBy: actor.userId, reviewComment: input.reason, closedAt: now });
    if (!after) throw conflict('挂牌项目已被处理');
    await audit(tx, ctx, after, 'listing.rejected', { status: row.status }, { status: 'rejected', reason: input.reason });
    await notifyOrganization(tx, after.ownerOrganizationId, { kind: 'listing_rejected', title: `成果「${after.title}」挂牌申请未通过`, body: input.reason, link: link(after.id), entityType: 'listing', entityId: after.id });
    return detailOf(tx, after, await viewerOf(tx, actor));
  });
}

/** The owner withdraws a listing before it is delisted; a published one is withdrawn publicly. */
export async function withdrawListing(deps: ListingsDeps, ctx: RequestContext, id: string, input: { reason: string }) {
  const actor = mustActor(ctx);
  const now = new Date();
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true);
    if (!isOwnerMember(actor, row)) throw forbidden('只有成果所属单位可以撤销挂牌');
    if (!canWithdraw(actor, row)) throw conflict(row.status === 'delisted' ? ALREADY_DELISTED : `挂牌项目当前状态为「${statusLabel(row.status)}」，不能撤销`);
    const after = await q.updateListingIf(tx, row.id, row.status, { status: 'withdrawn', withdrawReason: input.reason, closedAt: now });
    if (!after) throw conflict(ALREADY_DELISTED);
    await audit(tx, ctx, after, 'listing.withdrawn', { status: row.status }, { status: 'withdrawn', reason: input.reason });
    if (row.status !== 'pending_review') {
      await appendPublicLog(tx, { type: 'listing_withdrawn', entityType: 'listing', entityId: after.id, payload: { listingId: after.id, title: after.title, by: 'owner', reason: input.reason }, at: now });
    }
    return detailOf(tx, after, await viewerOf(tx, actor));
  });
}

// ---------- objections ----------

/** 异议: a verified organization (not the owner) objects during publicity; the owner is notified. */
export async function fileObjection(deps: ListingsDeps, ctx: RequestContext, id: string, input: { reason: string }) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const v = await viewerOf(tx, actor);
    const row = await load(tx, actor, id, true);
    if (!isObjector(v, row)) throw forbidden(isOwnerMember(actor, row) ? '不能对本单位的挂牌提出异议' : '只有已认证机构的成员可以提出异议');
    if (!canObject(v, row)) throw conflict('只能在公示期内提出异议');
    const o = await q.insertObjection(tx, { listingId: row.id, organizationId: actor.organizationId ?? '', userId: actor.userId, reason: input.reason });
    await audit(tx, ctx, { id: o.id, regionCode: row.regionCode }, 'listing.objection_filed', undefined, { listingId: row.id, organizationId: o.organizationId, reason: o.reason }, 'listing_objection');
    const n: NewNotification = { kind: 'listing_objection', title: `成果「${row.title}」的挂牌公示收到异议`, body: input.reason, link: link(row.id), entityType: 'listing', entityId: row.id };
    await notifyOrganization(tx, row.ownerOrganizationId, n);
    await notifyRegionGovAdmins(tx, row.regionCode, n);
    return detailOf(tx, row, v);
  });
}

/**
 * The operator or the region's gov_admin decides an objection: upheld → the listing is withdrawn;
 * dismissed → publicity goes on (a listing opens only once no objection is pending).
 */
export async function resolveObjection(deps: ListingsDeps, ctx: RequestContext, id: string, objectionId: string, input: { outcome: 'upheld' | 'dismissed'; resolution: string }) {
  const actor = mustActor(ctx);
  const now = new Date();
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true);
    if (!isReviewer(actor, row)) throw forbidden('只有平台运营方或成果所在地区的科技管理部门可以处理异议');
    const existing = await q.selectObjection(tx, objectionId, row.id);
    if (!existing) throw notFound('异议');
    if (existing.status !== 'pending') throw conflict('该异议已处理');
    if (input.outcome === 'upheld' && row.status !== 'publicity') throw conflict(`挂牌项目当前状态为「${statusLabel(row.status)}」，不能因异议撤销`);
    const o = await q.resolveObjectionIf(tx, objectionId, row.id, { status: input.outcome, resolution: input.resolution, resolvedBy: actor.userId, resolvedAt: now });
    if (!o) throw conflict('该异议已处理');
    await audit(tx, ctx, { id: o.id, regionCode: row.regionCode }, 'listing.objection_resolved', { status: 'pending' }, { listingId: row.id, status: o.status, resolution: o.resolution }, 'listing_objection');
    await appendPublicLog(tx, {
      type: 'objection_resolved',
      entityType: 'listing',
      entityId: row.id,
      payload: { listingId: row.id, title: row.title, objectionId: o.id, outcome: o.status, resolution: o.resolution },
      at: now,
    });
    let after = row;
    if (input.outcome === 'upheld') {
      const w = await q.updateListingIf(tx, row.id, 'publicity', { status: 'withdrawn', withdrawReason: `异议成立：${input.resolution}`, closedAt: now });
      if (!w) throw conflict('挂牌项目状态已变化，请刷新后重试');
      after = w;
      await audit(tx, ctx, after, 'listing.withdrawn', { status: 'publicity' }, { status: 'withdrawn', objectionId: o.id });
      await appendPublicLog(tx, { type: 'listing_withdrawn', entityType: 'listing', entityId: after.id, payload: { listingId: after.id, title: after.title, by: 'objection', objectionId: o.id }, at: now });
    }
    const n: NewNotification = {
      kind: 'listing_objection_resolved',
      title: `成果「${row.title}」挂牌公示异议处理结果：${listingLabelOf(OBJECTION_STATUSES, o.status)}`,
      body: input.resolution,
      link: link(row.id),
      entityType: 'listing',
      entityId: row.id,
    };
    await notifyOrganization(tx, row.ownerOrganizationId, n);
    await notifyOrganization(tx, o.organizationId, n);
    return detailOf(tx, after, await viewerOf(tx, actor));
  });
}

// ---------- delisting ----------

/**
 * 摘牌 at the listed price: a verified enterprise for itself, or a verified service institution for
 * a verified enterprise (credited as intermediary). The first valid delisting wins: the conditional
 * UPDATE (status still 'open') lets exactly one of concurrent requests through, and the unique
 * index on deals.listing_id backs it up (23505 → 409). Nothing is written for a refused one.
 */
export async function delistListing(deps: ListingsDeps, ctx: RequestContext, id: string, input: { onBehalfOfOrganizationId?: string | undefined }, now = new Date()) {
  const actor = mustActor(ctx);
  try {
    return await deps.db.transaction(async (tx) => {
      const v = await viewerOf(tx, actor);
      const row = await load(tx, actor, id);
      if (actor.organizationId === row.ownerOrganizationId) throw forbidden('不能摘牌本单位挂牌的成果');
      let buyerId: string;
      let intermediaryId: string | null = null;
      if (isEnterpriseDelister(v)) {
        if (input.onBehalfOfOrganizationId && input.onBehalfOfOrganizationId !== actor.organizationId) throw fieldError('onBehalfOfOrganizationId', '企业只能为本企业摘牌');
        buyerId = actor.organizationId ?? '';
      } else if (isIntermediary(v)) {
        if (!input.onBehalfOfOrganizationId) throw fieldError('onBehalfOfOrganizationId', '请选择委托摘牌的企业');
        const buyer = await q.selectOrganizationFacts(tx, input.onBehalfOfOrganizationId);
        if (buyer?.type !== 'enterprise' || buyer.status !== 'verified') throw fieldError('onBehalfOfOrganizationId', '委托企业必须是已认证的企业');
        if (buyer.id === row.ownerOrganizationId) throw forbidden('不能为成果所属单位摘牌');
        buyerId = buyer.id;
        intermediaryId = actor.organizationId;
      } else {
        throw forbidden('只有已认证的企业，或代企业摘牌的已认证技术转移服务机构，可以摘牌');
      }
      if (row.status === 'delisted') throw conflict(ALREADY_DELISTED);
      if (row.status === 'publicity') throw conflict(`挂牌项目尚在公示期（至 ${row.publicityEnd ?? ''}），公示期满后方可摘牌`);
      if (row.status === 'expired' || (row.status === 'open' && row.openEnd && shanghaiDate(now) > row.openEnd)) throw conflict(`挂牌期已于 ${row.openEnd ?? ''} 届满，不能摘牌`);
      if (row.status !== 'open') throw conflict(`挂牌项目当前状态为「${statusLabel(row.status)}」，不能摘牌`);
      const after = await q.updateListingIf(tx, row.id, 'open', { status: 'delisted', closedAt: now });
      if (!after) throw conflict(ALREADY_DELISTED);
      const settings = await getSettings(tx);
      const notice = workingDayPeriod(shanghaiDate(now), settings.dealNoticeWorkingDays);
      const deal = await q.insertDeal(tx, {
        listingId: after.id,
        achievementId: after.achievementId,
        ownerOrganizationId: after.ownerOrganizationId,
        regionCode: after.regionCode,
        buyerOrganizationId: buyerId,
        intermediaryOrganizationId: intermediaryId,
        delistedBy: actor.userId,
        mode: after.mode,
        priceFen: after.priceFen,
        noticeWorkingDays: settings.dealNoticeWorkingDays,
        noticeStart: notice.start,
        noticeEnd: notice.end,
        createdAt: now,
        updatedAt: now,
      });
      await audit(tx, ctx, after, 'listing.delisted', { status: 'open' }, { status: 'delisted', dealId: deal.id, buyerOrganizationId: buyerId, intermediaryOrganizationId: intermediaryId, priceFen: deal.priceFen });
      await audit(tx, ctx, deal, 'deal.created', undefined, { listingId: after.id, status: deal.status, noticeStart: deal.noticeStart, noticeEnd: deal.noticeEnd }, 'deal');
      const names = await organizationNames(tx, [after.ownerOrganizationId, buyerId, ...(intermediaryId ? [intermediaryId] : [])]);
      await appendPublicLog(tx, {
        type: 'deal_concluded',
        entityType: 'deal',
        entityId: deal.id,
        payload: {
          dealId: deal.id,
          listingId: after.id,
          achievementId: after.achievementId,
          title: after.title,
          owner: names.get(after.ownerOrganizationId) ?? '',
          buyer: names.get(buyerId) ?? '',
          intermediary: intermediaryId ? (names.get(intermediaryId) ?? '') : null,
          mode: deal.mode,
          price: fenToYuanString(deal.priceFen),
          noticeStart: deal.noticeStart,
          noticeEnd: deal.noticeEnd,
        },
        at: now,
      });
      await notifyOrganization(tx, after.ownerOrganizationId, {
        kind: 'listing_delisted',
        title: `成果「${after.title}」已被${names.get(buyerId) ?? ''}摘牌，成交价 ${fenToYuanString(deal.priceFen)} 元`,
        body: `成交公示期 ${deal.noticeStart} 至 ${deal.noticeEnd}。`,
        link: link(after.id),
        entityType: 'listing',
        entityId: after.id,
      });
      return detailOf(tx, after, v);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(ALREADY_DELISTED);
    throw err;
  }
}

// ---------- contracts ----------

/**
 * The contracts module links the technology contract submitted for a deal (`deals.contract_id`),
 * in its own transaction and with an audit entry; with `contractId` null it unlinks `previous`
 * (a withdrawn or refused contract) if that is still the linked one.
 */
export async function linkDealContract(tx: Db, ctx: RequestContext, dealId: string, contractId: string | null, previous?: string): Promise<boolean> {
  const after = await q.setDealContract(tx, dealId, contractId, contractId === null ? previous : undefined);
  if (!after) return false;
  await audit(tx, ctx, after, contractId ? 'deal.contract_linked' : 'deal.contract_unlinked', undefined, { contractId: contractId ?? previous ?? null }, 'deal');
  return true;
}

// ---------- the sweep ----------

/**
 * Runs every minute in the server (and in tests with a given `now`). At the first Asia/Shanghai day
 * after a period's last day: publicity → open (unless an objection is pending), open → expired,
 * deal notice → awaiting_contract. Each move is conditional, so two processes sweeping at once
 * move a record once.
 */
export async function sweepListings(deps: ListingsDeps, now = new Date()): Promise<{ opened: number; expired: number; noticesEnded: number }> {
  const ctx = systemContext('listing-sweep');
  const today = shanghaiDate(now);
  const out = { opened: 0, expired: 0, noticesEnded: 0 };
  for (const l of await q.selectPublicityDue(deps.db, today)) {
    await deps.db.transaction(async (tx) => {
      const after = await q.updateListingIf(tx, l.id, 'publicity', { status: 'open', openedAt: now });
      if (!after) return;
      await audit(tx, ctx, after, 'listing.opened', { status: 'publicity' }, { status: 'open', openStart: after.openStart, openEnd: after.openEnd });
      await appendPublicLog(tx, { type: 'listing_published', entityType: 'listing', entityId: after.id, payload: publicFacts(after, await orgName(tx, after.ownerOrganizationId)), at: now });
      out.opened++;
    });
  }
  for (const l of await q.selectOpenExpired(deps.db, today)) {
    await deps.db.transaction(async (tx) => {
      const after = await q.updateListingIf(tx, l.id, 'open', { status: 'expired', closedAt: now });
      if (!after) return;
      await audit(tx, ctx, after, 'listing.expired', { status: 'open' }, { status: 'expired' });
      await appendPublicLog(tx, { type: 'listing_expired', entityType: 'listing', entityId: after.id, payload: { listingId: after.id, title: after.title, openEnd: after.openEnd }, at: now });
      await notifyOrganization(tx, after.ownerOrganizationId, { kind: 'listing_expired', title: `成果「${after.title}」挂牌期满，无人摘牌`, link: link(after.id), entityType: 'listing', entityId: after.id });
      out.expired++;
    });
  }
  for (const d of await q.selectNoticeDue(deps.db, today)) {
    await deps.db.transaction(async (tx) => {
      const after = await q.endNoticeIf(tx, d.id, now);
      if (!after) return;
      await audit(tx, ctx, after, 'deal.notice_ended', { status: 'notice' }, { status: 'awaiting_contract' }, 'deal');
      await appendPublicLog(tx, {
        type: 'deal_notice_ended',
        entityType: 'deal',
        entityId: after.id,
        payload: { dealId: after.id, listingId: after.listingId, noticeStart: after.noticeStart, noticeEnd: after.noticeEnd, status: 'awaiting_contract' },
        at: now,
      });
      const n: NewNotification = {
        kind: 'deal_notice_ended',
        title: '成交公示期满，请与成果所属单位签订技术合同',
        body: `成交公示 ${after.noticeStart} 至 ${after.noticeEnd} 期间无异议。`,
        link: link(after.listingId),
        entityType: 'deal',
        entityId: after.id,
      };
      // The enterprise's members (the delister among them); an intermediary's person on top.
      await notifyOrganization(tx, after.buyerOrganizationId, n);
      if (after.intermediaryOrganizationId) await notify(tx, [after.delistedBy], n);
      out.noticesEnded++;
    });
  }
  return out;
}
