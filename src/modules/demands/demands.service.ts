/**
 * Use cases of the demands module (技术需求): posting and review, the pool, claims and dispatch,
 * follow-ups, messages, contact consent, proposals, matching, contracting, closing, files, and the
 * sweep that watches the 48-hour promise and deadlines. Every change writes a timeline row
 * (`demand_events`) and an audit entry in the same transaction.
 */
import { type Actor, govRegions, hasRole, mustActor, type RequestContext, systemContext } from '../../platform/auth.js';
import { type Db, isUniqueViolation } from '../../platform/db.js';
import { AppError, type FieldError, fieldError, forbidden, notFound, validationFailed } from '../../platform/errors.js';
import type { FileStore } from '../../platform/file-store.js';
import { sniffMediaType } from '../../platform/file-types.js';
import { fenToYuanString } from '../../platform/money.js';
import { organizationNames } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { type NewNotification, notify, notifyOrganization, notifyRegionGovAdmins } from '../notifications/index.js';
import { regionByCode, regionName } from '../regions/index.js';
import {
  DEMAND_SOURCES,
  DEMAND_STATUSES,
  DEMAND_TYPES,
  type DemandSource,
  type DemandStatus,
  FOLLOW_UP_KINDS,
  INDUSTRIES,
  KEY_FIELDS,
  labelOf,
  PROPOSAL_STATUSES,
  PUBLIC_DEMAND_STATUSES,
  RESPONSE_MS,
  WORKED_DEMAND_STATUSES,
} from './demand-codes.js';
import {
  applyDemandPatch,
  budgetLabel,
  checkSubmittable,
  clockOf,
  type DemandData,
  dataOf,
  declineReasonsOf,
  EVENT_LABELS,
  emptyDemandData,
  normalizeDemandTitle,
  responseRates,
  shanghaiDay,
} from './demand-rules.js';
import * as q from './demands.queries.js';
import type { DemandRow } from './demands.queries.js';
import {
  canAcceptProposal,
  canAttach,
  canClose,
  canDeclineProposal,
  canEdit,
  canFollowUp,
  canGrant,
  canMarkContracted,
  canMatch,
  canPostForOthers,
  canPostForOwnEnterprise,
  canPropose,
  canRefuse,
  canReview,
  canSeeContact,
  canSeeDetails,
  canSubmit,
  demandActions,
  demandScopeOf,
  governs,
  isActiveClaimant,
  isClaimant,
  isClaimantMember,
  isEnterpriseMember,
  isPoster,
  isReviewer,
  type Viewer,
} from './demands.policy.js';
import type { CreateDemand, DemandDetail, DemandListQuery, DemandPatch, DemandSummary } from './demands.schemas.js';
import type { FieldReason } from './demands.tables.js';

export interface DemandsDeps {
  db: Db;
  files: FileStore;
  /**
   * Looks up a campaign visit (科惠行动走访) for linking a collected demand; supplied by the
   * campaigns module through app.ts. Without it, campaign ids are refused.
   */
  findCampaignVisit?: (db: Db, visitId: string) => Promise<{ id: string; campaignId: string } | null>;
  /**
   * Called inside the transaction when the enterprise accepts or declines a proposal, so the
   * matching module learns from the verdict (wired in app.ts; a claimant's withdrawal is not a verdict).
   */
  onVerdict?: (
    tx: Db,
    ctx: RequestContext,
    v: { demandId: string; achievementId: string | null; proposalId: string; verdict: 'accepted' | 'declined'; reasons: string[] },
  ) => Promise<unknown>;
}

/** Attachments: PDF, images and Office files, checked by content; ≤ 20 MB each, ≤ 10 per demand. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

const CLOSED = '需求已关闭';
const ALREADY_CLAIMED = '该需求已被认领';
const CONTACT_HIDDEN = '联系方式需企业授权后可见';
const link = (id: string) => `/demands/${id}`;

const conflict = (detail: string) => new AppError('invalid_state', detail);

/** The caller with its organization's type (the session does not carry it). */
export async function viewerOf(db: Db, actor: Actor | null): Promise<Viewer> {
  return { actor, orgType: actor?.organizationId ? await q.selectOrganizationType(db, actor.organizationId) : null };
}

async function load(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<DemandRow> {
  const scope = demandScopeOf(actor);
  const row = forUpdate ? await q.selectDemandForUpdate(db, id, scope) : await q.selectDemand(db, id, scope);
  if (!row) throw notFound('技术需求');
  return row;
}

/**
 * For other modules (matching): whether the caller may see the demand at all (false → answer 404,
 * no leak of its existence) and its non-public details (false → 403 for what builds on them).
 */
export async function demandAccess(db: Db, actor: Actor | null, id: string): Promise<{ visible: boolean; details: boolean }> {
  const row = await q.selectDemand(db, id, demandScopeOf(actor));
  if (!row) return { visible: false, details: false };
  return { visible: true, details: canSeeDetails(await viewerOf(db, actor), row) };
}

const statusLabel = (s: string) => labelOf(DEMAND_STATUSES, s) ?? s;

/** One timeline row and one audit entry for a change (same transaction). */
async function record(
  tx: Db,
  ctx: RequestContext,
  row: DemandRow,
  e: { event: string; audit: string; from?: string; to?: string; note?: string | null; before?: unknown; after?: unknown },
  at = new Date(),
) {
  await q.insertEvent(tx, {
    demandId: row.id,
    action: e.event,
    fromStatus: e.from ?? null,
    toStatus: e.to ?? null,
    actorUserId: ctx.actor?.userId ?? null,
    actorOrganizationId: ctx.actor?.organizationId ?? null,
    note: e.note ?? null,
    at,
  });
  await recordAudit(tx, ctx, {
    action: `demand.${e.audit}`,
    entityType: 'demand',
    entityId: row.id,
    regionCode: row.regionCode,
    before: e.before ?? (e.from ? { status: e.from } : undefined),
    after: e.after ?? (e.to ? { status: e.to } : undefined),
  });
}

/** The enterprise, and the poster when someone entered the demand for it. */
async function notifyOwners(tx: Db, row: DemandRow, n: NewNotification) {
  await notifyOrganization(tx, row.enterpriseOrganizationId, n);
  if (row.source !== 'enterprise' && row.createdBy) await notify(tx, [row.createdBy], n);
}

// ---------- presenters ----------

export function summaryOf(r: DemandRow, v: Viewer, names: Map<string, string>, now = new Date()): DemandSummary {
  return {
    id: r.id,
    title: r.title,
    publicSummary: r.publicSummary,
    keyField: r.keyField,
    keyFieldLabel: r.keyField ? (labelOf(KEY_FIELDS, r.keyField) ?? null) : null,
    industry: r.industry,
    industryLabel: r.industry ? (labelOf(INDUSTRIES, r.industry) ?? null) : null,
    keywords: r.keywords,
    demandType: r.demandType,
    demandTypeLabel: r.demandType ? (labelOf(DEMAND_TYPES, r.demandType) ?? null) : null,
    cooperationModes: r.cooperationModes,
    budgetMode: r.budgetMode,
    budgetMin: r.budgetMinFen === null ? null : fenToYuanString(r.budgetMinFen),
    budgetMax: r.budgetMaxFen === null ? null : fenToYuanString(r.budgetMaxFen),
    budgetMinFen: r.budgetMinFen,
    budgetMaxFen: r.budgetMaxFen,
    budgetFirm: r.budgetFirm,
    budgetLabel: budgetLabel(r),
    deadline: r.deadline,
    regionCode: r.regionCode,
    regionName: regionName(r.regionCode),
    enterpriseOrganizationId: r.enterpriseOrganizationId,
    enterpriseName: names.get(r.enterpriseOrganizationId) ?? '',
    source: r.source,
    sourceLabel: labelOf(DEMAND_SOURCES, r.source) ?? r.source,
    status: r.status as DemandStatus,
    statusLabel: statusLabel(r.status),
    claimantOrganizationId: r.claimantOrganizationId,
    claimantName: r.claimantOrganizationId ? (names.get(r.claimantOrganizationId) ?? null) : null,
    // Matching (or closing) without a follow-up stops the clock too: nothing is awaited any more.
    clock: clockOf({ dueAt: r.responseDueAt, firstFollowUpAt: r.firstFollowUpAt, stoppedAt: r.closedAt ?? r.matchedAt }, now),
    campaignId: r.campaignId,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
    allowedActions: demandActions(v, r),
  };
}

export async function summariesOf(db: Db, rows: DemandRow[], v: Viewer): Promise<DemandSummary[]> {
  const ids = rows.flatMap((r) => [r.enterpriseOrganizationId, ...(r.claimantOrganizationId ? [r.claimantOrganizationId] : [])]);
  const names = await organizationNames(db, [...new Set(ids)]);
  const now = new Date();
  return rows.map((r) => summaryOf(r, v, names, now));
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

async function detailOf(db: Db, r: DemandRow, v: Viewer): Promise<DemandDetail> {
  const details = canSeeDetails(v, r);
  const ownerView = isEnterpriseMember(v, r) || isPoster(v, r) || isReviewer(v, r);
  const myOrg = v.actor?.organizationId ?? null;
  const claimantView = !ownerView && isActiveClaimant(v, r);
  const liveGrant = claimantView && myOrg ? await q.selectLiveGrant(db, r.id, myOrg) : undefined;
  const contactVisible = canSeeContact(v, r, Boolean(liveGrant));

  const [claims, followUps, messages, proposals, grants, events, attachments] = details
    ? await Promise.all([
        q.listClaims(db, r.id),
        q.listFollowUps(db, r.id),
        q.listMessages(db, r.id),
        q.listProposals(db, r.id),
        q.listGrants(db, r.id),
        q.listEvents(db, r.id),
        q.listAttachments(db, r.id),
      ])
    : [null, null, null, null, null, null, (await q.listAttachments(db, r.id)).filter((a) => a.isPublic)];
  const shownClaims = claims && (ownerView ? claims : claims.filter((c) => c.organizationId === myOrg));
  const shownGrants = grants && (ownerView ? grants : grants.filter((g) => g.granteeOrganizationId === myOrg));

  const orgIds = [
    r.enterpriseOrganizationId,
    ...(r.claimantOrganizationId ? [r.claimantOrganizationId] : []),
    ...(details ? r.matchedOrganizationIds : []),
    ...(shownClaims ?? []).map((c) => c.organizationId),
    ...(followUps ?? []).flatMap((f) => (f.organizationId ? [f.organizationId] : [])),
    ...(proposals ?? []).flatMap((p) => (p.partnerOrganizationId ? [p.partnerOrganizationId] : [])),
    ...(shownGrants ?? []).map((g) => g.granteeOrganizationId),
  ];
  const userIds = [
    ...(shownClaims ?? []).flatMap((c) => (c.userId ? [c.userId] : [])),
    ...(followUps ?? []).map((f) => f.createdBy),
    ...(messages ?? []).map((m) => m.userId),
    ...(events ?? []).flatMap((e) => (e.actorUserId ? [e.actorUserId] : [])),
  ];
  const achievementIds = [...(details ? r.matchedAchievementIds : []), ...(proposals ?? []).flatMap((p) => (p.achievementId ? [p.achievementId] : []))];
  const [orgNames, userNames, titles] = await Promise.all([
    organizationNames(db, [...new Set(orgIds)]),
    q.selectUserNames(db, userIds),
    q.selectAchievementTitles(db, achievementIds),
  ]);

  return {
    ...summaryOf(r, v, orgNames),
    description: details ? r.description : null,
    indicators: details ? r.indicators : null,
    existingConditions: details ? r.existingConditions : null,
    detailsVisible: details,
    contact: contactVisible
      ? { visible: true as const, name: r.contactName, phone: r.contactPhone, email: r.contactEmail }
      : { visible: false as const, message: CONTACT_HIDDEN },
    returnReasons: ownerView ? (r.returnReasons ?? null) : null,
    returnComment: ownerView ? r.returnComment : null,
    closeReason: r.closeReason,
    closeComment: details ? r.closeComment : null,
    contractRef: details ? r.contractRef : null,
    matchedAchievements: details ? r.matchedAchievementIds.map((id) => ({ id, title: titles.get(id) ?? '' })) : [],
    matchedOrganizations: details ? r.matchedOrganizationIds.map((id) => ({ id, name: orgNames.get(id) ?? '' })) : [],
    claims:
      shownClaims?.map((c) => ({
        id: c.id,
        organizationId: c.organizationId,
        organizationName: orgNames.get(c.organizationId) ?? '',
        userId: c.userId,
        userName: c.userId ? (userNames.get(c.userId) ?? null) : null,
        mode: c.mode as 'claim' | 'dispatch',
        status: c.status,
        refuseReason: c.refuseReason,
        dueAt: c.dueAt.toISOString(),
        firstFollowUpAt: iso(c.firstFollowUpAt),
        createdAt: c.createdAt.toISOString(),
        endedAt: iso(c.endedAt),
      })) ?? null,
    followUps:
      followUps?.map((f) => ({
        id: f.id,
        kind: f.kind,
        kindLabel: labelOf(FOLLOW_UP_KINDS, f.kind) ?? f.kind,
        happenedOn: f.happenedOn,
        notes: f.notes,
        nextStepOn: f.nextStepOn,
        createdBy: f.createdBy,
        createdByName: userNames.get(f.createdBy) ?? '',
        organizationName: f.organizationId ? (orgNames.get(f.organizationId) ?? null) : null,
        createdAt: f.createdAt.toISOString(),
      })) ?? null,
    messages:
      messages?.map((m) => ({
        id: m.id,
        side: m.side as 'enterprise' | 'claimant',
        authorName: userNames.get(m.userId) ?? '',
        body: m.body,
        dueAt: iso(m.dueAt),
        answeredAt: iso(m.answeredAt),
        createdAt: m.createdAt.toISOString(),
      })) ?? null,
    proposals:
      proposals?.map((p) => ({
        id: p.id,
        achievementId: p.achievementId,
        achievementTitle: p.achievementId ? (titles.get(p.achievementId) ?? null) : null,
        partnerOrganizationId: p.partnerOrganizationId,
        partnerName: p.partnerOrganizationId ? (orgNames.get(p.partnerOrganizationId) ?? null) : null,
        summary: p.summary,
        status: p.status,
        statusLabel: labelOf(PROPOSAL_STATUSES, p.status) ?? p.status,
        decidedBySide: p.decidedBySide,
        reasons: declineReasonsOf(p.reasons),
        reasonText: p.reasonText,
        createdAt: p.createdAt.toISOString(),
        decidedAt: iso(p.decidedAt),
        allowedActions:
          p.status === 'proposed'
            ? [...(canAcceptProposal(v, r) ? ['accept'] : []), ...(canDeclineProposal(v, r) ? ['decline'] : [])]
            : [],
      })) ?? null,
    grants:
      shownGrants?.map((g) => ({
        id: g.id,
        granteeOrganizationId: g.granteeOrganizationId,
        granteeName: orgNames.get(g.granteeOrganizationId) ?? '',
        grantedAt: g.grantedAt.toISOString(),
        revokedAt: iso(g.revokedAt),
      })) ?? null,
    timeline:
      events?.map((e) => ({
        id: e.id,
        action: e.action,
        actionLabel: EVENT_LABELS[e.action] ?? e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actorName: e.actorUserId ? (userNames.get(e.actorUserId) ?? null) : null,
        note: e.note,
        at: e.at.toISOString(),
      })) ?? null,
    attachments: attachments.map((a) => ({ id: a.id, fileName: a.fileName, mediaType: a.mediaType, sizeBytes: a.sizeBytes, isPublic: a.isPublic, createdAt: a.createdAt.toISOString() })),
    submittedAt: iso(r.submittedAt),
    claimedAt: iso(r.claimedAt),
    closedAt: iso(r.closedAt),
    createdAt: r.createdAt.toISOString(),
  };
}

// ---------- reading ----------

type ListFilters = Omit<DemandListQuery, 'page' | 'pageSize' | 'sort' | 'status' | 'overdue'>;

function filterOf(query: ListFilters): q.DemandFilter {
  return {
    q: query.q,
    keyField: query.keyField,
    industry: query.industry,
    demandType: query.demandType,
    cooperationMode: query.cooperationMode,
    regionCode: query.regionCode,
    source: query.source,
    campaignId: query.campaignId,
  };
}

async function page(db: Db, v: Viewer, f: q.DemandFilter, sort: q.DemandSort, p: { page: number; pageSize: number }, scope: q.DemandScope = { all: true }) {
  const { items, total } = await q.listDemands(db, scope, f, sort, p.page, p.pageSize);
  return { items: await summariesOf(db, items, v), total, page: p.page, pageSize: p.pageSize };
}

/** The public board: published … contracted demands, summaries only, whoever asks. */
export async function listBoard(deps: DemandsDeps, actor: Actor | null, query: DemandListQuery) {
  const { page: pg, pageSize, sort, status, overdue, ...rest } = query;
  const statuses = status ? (PUBLIC_DEMAND_STATUSES.includes(status) ? [status] : ['__none__']) : PUBLIC_DEMAND_STATUSES;
  const f = { ...filterOf(rest), statuses, overdueAt: overdue ? new Date() : undefined };
  return page(deps.db, await viewerOf(deps.db, actor), f, sort, { page: pg, pageSize });
}

/** 我的需求: the enterprise's demands in every status, and those the caller entered for enterprises. */
export async function listMine(deps: DemandsDeps, actor: Actor, query: DemandListQuery) {
  const { page: pg, pageSize, sort, status, overdue, ...rest } = query;
  const member = hasRole(actor, 'org_admin') || hasRole(actor, 'org_member');
  const f = {
    ...filterOf(rest),
    statuses: status ? [status] : undefined,
    overdueAt: overdue ? new Date() : undefined,
    mine: { organizationId: member ? actor.organizationId : null, userId: actor.userId },
  };
  return page(deps.db, await viewerOf(deps.db, actor), f, sort === 'newest' ? 'updated' : sort, { page: pg, pageSize });
}

async function claimantViewer(db: Db, actor: Actor): Promise<Viewer & { orgId: string }> {
  const v = await viewerOf(db, actor);
  if (!isClaimant(v) || !actor.organizationId) throw forbidden('只有已认证的技术转移服务机构及其技术经纪人可以认领和承接需求');
  return { ...v, orgId: actor.organizationId };
}

/** The pool (需求池): published demands without an active claim. */
export async function listPool(deps: DemandsDeps, actor: Actor, query: DemandListQuery) {
  const v = await claimantViewer(deps.db, actor);
  const { page: pg, pageSize, sort, status: _s, overdue, ...rest } = query;
  const f = { ...filterOf(rest), statuses: ['published'], overdueAt: overdue ? new Date() : undefined };
  return page(deps.db, v, f, sort, { page: pg, pageSize });
}

/** 我的认领: the organization's claims, active first, each with its demand. */
export async function listClaimed(deps: DemandsDeps, actor: Actor, p: { page: number; pageSize: number }) {
  const v = await claimantViewer(deps.db, actor);
  const { items, total } = await q.listClaimsOf(deps.db, v.orgId, p.page, p.pageSize);
  const summaries = await summariesOf(deps.db, items.map((i) => i.demand), v);
  const orgName = (await organizationNames(deps.db, [v.orgId])).get(v.orgId) ?? '';
  const userNames = await q.selectUserNames(deps.db, items.flatMap((i) => (i.claim.userId ? [i.claim.userId] : [])));
  return {
    items: items.map(({ claim: c }, i) => ({
      ...(summaries[i] as DemandSummary),
      claim: {
        id: c.id,
        organizationId: c.organizationId,
        organizationName: orgName,
        userId: c.userId,
        userName: c.userId ? (userNames.get(c.userId) ?? null) : null,
        mode: c.mode as 'claim' | 'dispatch',
        status: c.status,
        refuseReason: c.refuseReason,
        dueAt: c.dueAt.toISOString(),
        firstFollowUpAt: iso(c.firstFollowUpAt),
        createdAt: c.createdAt.toISOString(),
        endedAt: iso(c.endedAt),
      },
    })),
    total,
    page: p.page,
    pageSize: p.pageSize,
  };
}

/** A next step is due by the end of its Shanghai calendar day. */
const endOfShanghaiDay = (day: string) => new Date(`${day}T23:59:59.999+08:00`);

/** What the caller's organization owes: first responses, next steps, answers to enterprise messages. */
export async function listFollowUpsDue(deps: DemandsDeps, actor: Actor) {
  const v = await claimantViewer(deps.db, actor);
  const now = new Date();
  const due = await q.selectDueItems(deps.db, v.orgId);
  const items = [
    ...due.first.map((d) => ({ demandId: d.demandId, title: d.title, kind: 'first_response' as const, dueAt: d.dueAt })),
    ...due.steps.flatMap((d) => (d.nextStepOn ? [{ demandId: d.demandId, title: d.title, kind: 'next_step' as const, dueAt: endOfShanghaiDay(d.nextStepOn) }] : [])),
    ...due.messages.flatMap((d) => (d.dueAt ? [{ demandId: d.demandId, title: d.title, kind: 'message' as const, dueAt: d.dueAt }] : [])),
  ].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return { items: items.map((i) => ({ ...i, dueAt: i.dueAt.toISOString(), overdue: i.dueAt < now })) };
}

/** Region filter of a reviewer's own views (null = everything, for the operator). */
function reviewerRegions(actor: Actor): string[] | undefined {
  return hasRole(actor, 'operator') ? undefined : govRegions(actor);
}

/** The review queue: submitted demands in the reviewer's regions, oldest first. */
export async function reviewQueue(deps: DemandsDeps, actor: Actor, p: { page: number; pageSize: number }) {
  const f: q.DemandFilter = { statuses: ['submitted'], regionScopes: reviewerRegions(actor) };
  return page(deps.db, await viewerOf(deps.db, actor), f, 'oldest_submitted', p);
}

/** The dispatch view: the pool and the overdue demands of the reviewer's regions, most urgent first. */
export async function dispatchView(deps: DemandsDeps, actor: Actor, p: { page: number; pageSize: number }) {
  const f: q.DemandFilter = { dispatchAt: new Date(), regionScopes: reviewerRegions(actor) };
  return page(deps.db, await viewerOf(deps.db, actor), f, 'due_first', p);
}

/**
 * On-time rates of the 48-hour promise per claimant organization: the operator sees all, a
 * gov_admin the claims on demands of its regions, a claimant its own organization.
 */
export async function listResponseRates(deps: DemandsDeps, actor: Actor, now = new Date()) {
  let scope: { regionScopes: string[] | null; organizationId: string | null };
  if (hasRole(actor, 'operator')) scope = { regionScopes: null, organizationId: null };
  else if (hasRole(actor, 'gov_admin')) scope = { regionScopes: govRegions(actor), organizationId: null };
  else scope = { regionScopes: null, organizationId: (await claimantViewer(deps.db, actor)).orgId };
  return { items: responseRates(await q.selectClaimsForRates(deps.db, scope), now) };
}

export async function getDemand(deps: DemandsDeps, actor: Actor | null, id: string) {
  const row = await load(deps.db, actor, id);
  return detailOf(deps.db, row, await viewerOf(deps.db, actor));
}

/**
 * The frame of every change to one demand: the signed-in caller, one transaction with the demand
 * locked (404 outside the caller's scope), and the changed demand as the caller now sees it.
 * `change` guards, updates, records and notifies, and returns the updated row.
 */
async function changeDemand(
  deps: DemandsDeps,
  ctx: RequestContext,
  id: string,
  change: (c: { tx: Db; actor: Actor; v: Viewer; row: DemandRow; now: Date }) => Promise<DemandRow>,
): Promise<DemandDetail> {
  const actor = mustActor(ctx);
  const now = new Date();
  return deps.db.transaction(async (tx) => {
    const v = await viewerOf(tx, actor);
    const row = await load(tx, actor, id, true);
    return detailOf(tx, await change({ tx, actor, v, row, now }), v);
  });
}

// ---------- posting and editing ----------

function patchOrThrow(base: DemandData, patch: Parameters<typeof applyDemandPatch>[1], now: Date): DemandData {
  const r = applyDemandPatch(base, patch, now);
  if (!r.ok) throw validationFailed(r.errors);
  return r.data;
}

function assertRegion(code: string) {
  if (!regionByCode(code)) throw fieldError('regionCode', '未知的地区代码');
}

/** A gov_admin who is neither operator nor broker enters and edits demands of its own regions only. */
function assertPosterRegion(actor: Actor, regionCode: string) {
  if (hasRole(actor, 'operator') || hasRole(actor, 'broker')) return;
  if (hasRole(actor, 'gov_admin') && !governs(actor, regionCode)) {
    throw forbidden('科技管理部门只能为本地区的企业录入需求');
  }
}

async function assertNoDuplicateTitle(db: Db, enterpriseOrganizationId: string, title: string, exceptId?: string) {
  const dup = await q.findByEnterpriseTitle(db, enterpriseOrganizationId, normalizeDemandTitle(title), exceptId);
  if (dup) throw new AppError('duplicate', `该企业已有同名需求「${dup.title}」`, { errors: [{ path: 'title', message: '该企业已有同名的技术需求' }] });
}

async function campaignLink(deps: DemandsDeps, input: CreateDemand, source: DemandSource): Promise<{ campaignId: string | null; campaignVisitId: string | null }> {
  const { campaignId, campaignVisitId } = input;
  if (!campaignId && !campaignVisitId && source !== 'campaign') return { campaignId: null, campaignVisitId: null };
  if (!deps.findCampaignVisit && (campaignId || campaignVisitId)) throw fieldError(campaignVisitId ? 'campaignVisitId' : 'campaignId', '科惠行动不存在');
  if (!campaignVisitId) throw fieldError('campaignVisitId', '科惠行动采集的需求须关联走访记录');
  const visit = deps.findCampaignVisit ? await deps.findCampaignVisit(deps.db, campaignVisitId) : null;
  if (!visit) throw fieldError('campaignVisitId', '科惠行动走访记录不存在');
  if (campaignId && campaignId !== visit.campaignId) throw fieldError('campaignId', '走访记录不属于该科惠行动');
  return { campaignId: visit.campaignId, campaignVisitId: visit.id };
}

/**
 * Creates a draft. Enterprise members post for their own verified enterprise (source enterprise);
 * the operator, a gov_admin (its region) or a broker for a named enterprise (source broker, or
 * campaign with a visit of a 科惠行动).
 */
export async function createDemand(deps: DemandsDeps, ctx: RequestContext, input: CreateDemand) {
  const actor = mustActor(ctx);
  const now = new Date();
  const v = await viewerOf(deps.db, actor);
  const { enterpriseOrganizationId, source, campaignId: _c, campaignVisitId: _cv, ...fields } = input;
  const forOwn = !enterpriseOrganizationId || enterpriseOrganizationId === actor.organizationId;
  let enterprise: q.OrganizationFacts | undefined;
  let src: DemandSource;
  if (forOwn && canPostForOwnEnterprise(v) && actor.organizationId) {
    if (source && source !== 'enterprise') throw fieldError('source', '企业自行发布的需求，来源只能是“企业发布”');
    enterprise = await q.selectOrganizationFacts(deps.db, actor.organizationId);
    src = 'enterprise';
  } else if (canPostForOthers(v)) {
    if (!enterpriseOrganizationId) throw fieldError('enterpriseOrganizationId', '请选择需求所属的企业');
    enterprise = await q.selectOrganizationFacts(deps.db, enterpriseOrganizationId);
    if (enterprise?.type !== 'enterprise' || enterprise.status === 'rejected') {
      throw fieldError('enterpriseOrganizationId', '请选择平台上已登记的企业');
    }
    src = source ?? (input.campaignVisitId || input.campaignId ? 'campaign' : 'broker');
    if (src === 'enterprise' || src === 'import') throw fieldError('source', '代企业录入的需求，来源应为“技术经纪人录入”或“科惠行动走访采集”');
  } else if (v.orgType === 'enterprise' && forOwn) {
    throw forbidden('本企业通过认证后才能发布技术需求');
  } else {
    throw forbidden(v.orgType === 'enterprise' ? '企业只能发布本企业的技术需求' : '只有企业成员、平台运营方、科技管理部门或技术经纪人可以发布技术需求');
  }
  if (!enterprise) throw notFound('企业');
  const campaign = await campaignLink(deps, input, src);
  if (campaign.campaignVisitId) src = 'campaign';
  const regionCode = fields.regionCode ?? enterprise.regionCode;
  assertRegion(regionCode);
  if (src !== 'enterprise') assertPosterRegion(actor, regionCode);
  const data = patchOrThrow(emptyDemandData(fields.title, regionCode), fields, now);
  const enterpriseId = enterprise.id;
  return deps.db.transaction(async (tx) => {
    await assertNoDuplicateTitle(tx, enterpriseId, data.title);
    const row = await q.insertDemand(tx, {
      ...data,
      normalizedTitle: normalizeDemandTitle(data.title),
      enterpriseOrganizationId: enterpriseId,
      createdBy: actor.userId,
      source: src,
      sourceRef: src === 'enterprise' ? null : actor.userId,
      ...campaign,
      status: 'draft',
    });
    await record(tx, ctx, row, { event: 'created', audit: 'created', to: 'draft', after: { ...data, source: src, ...campaign } });
    return detailOf(tx, row, v);
  });
}

/** Saves changes (autosave included) while the demand is a draft, returned, submitted or published. */
export async function updateDemand(deps: DemandsDeps, ctx: RequestContext, id: string, patch: DemandPatch) {
  return changeDemand(deps, ctx, id, async ({ tx, actor, v, row, now }) => {
    if (!canEdit(v, row)) {
      if (isEnterpriseMember(v, row) || isPoster(v, row)) throw conflict(row.status === 'closed' ? CLOSED : `需求当前状态为「${statusLabel(row.status)}」，不能修改`);
      throw forbidden('只有需求所属企业或录入人可以修改需求');
    }
    const before = dataOf(row);
    const next = patchOrThrow(before, patch, now);
    if (patch.regionCode) {
      assertRegion(next.regionCode);
      if (!isEnterpriseMember(v, row)) assertPosterRegion(actor, next.regionCode);
    }
    if (next.title !== row.title) await assertNoDuplicateTitle(tx, row.enterpriseOrganizationId, next.title, row.id);
    const after = await q.updateDemand(tx, row.id, { ...next, normalizedTitle: normalizeDemandTitle(next.title) });
    // Autosave saves often: one timeline row per editing session (10 minutes), every save audited.
    const last = await q.selectLastEvent(tx, row.id);
    const sameSession = last?.action === 'updated' && last.actorUserId === actor.userId && now.getTime() - last.at.getTime() < 10 * 60_000;
    if (!sameSession) await q.insertEvent(tx, { demandId: row.id, action: 'updated', actorUserId: actor.userId, actorOrganizationId: actor.organizationId, at: now });
    await recordAudit(tx, ctx, { action: 'demand.updated', entityType: 'demand', entityId: row.id, regionCode: after.regionCode, before, after: next });
    return after;
  });
}

/** draft / returned → submitted, after the completeness check (every missing field with its path). */
export async function submitDemand(deps: DemandsDeps, ctx: RequestContext, id: string) {
  return changeDemand(deps, ctx, id, async ({ tx, v, row, now }) => {
    if (!canSubmit(v, row)) {
      if (isEnterpriseMember(v, row) || isPoster(v, row)) throw conflict(`需求当前状态为「${statusLabel(row.status)}」，只有草稿或被退回的需求可以提交`);
      throw forbidden('只有需求所属企业或录入人可以提交需求');
    }
    const errors = checkSubmittable(dataOf(row), now);
    if (errors.length) throw new AppError('validation_failed', `还有 ${errors.length} 处需要完善：${errors[0]?.message ?? ''}`, { errors });
    const after = await q.updateDemand(tx, row.id, { status: 'submitted', submittedAt: now });
    await record(tx, ctx, after, { event: 'submitted', audit: 'submitted', from: row.status, to: 'submitted' }, now);
    return after;
  });
}

// ---------- review ----------

async function reviewed(deps: DemandsDeps, ctx: RequestContext, id: string, decide: (tx: Db, row: DemandRow, now: Date) => Promise<DemandRow>) {
  return changeDemand(deps, ctx, id, async ({ tx, v, row, now }) => {
    if (!isReviewer(v, row)) throw forbidden('只有平台运营方或需求所在地区的科技管理部门可以审核需求');
    if (!canReview(v, row)) throw conflict(row.status === 'closed' ? CLOSED : `需求当前状态为「${statusLabel(row.status)}」，不在待审核状态`);
    return decide(tx, row, now);
  });
}

/** submitted → published; the 48-hour clock starts; the enterprise is told. */
export const publishDemand = (deps: DemandsDeps, ctx: RequestContext, id: string) =>
  reviewed(deps, ctx, id, async (tx, row, now) => {
    const after = await q.updateDemand(tx, row.id, {
      status: 'published',
      publishedAt: now,
      responseDueAt: new Date(now.getTime() + RESPONSE_MS),
      returnReasons: null,
      returnComment: null,
    });
    await record(tx, ctx, after, { event: 'published', audit: 'published', from: row.status, to: 'published' }, now);
    await notifyOwners(tx, after, { kind: 'demand_published', title: `技术需求「${after.title}」已审核通过并发布`, link: link(after.id), entityType: 'demand', entityId: after.id });
    return after;
  });

/** submitted → returned with per-field reasons. */
export const returnDemand = (deps: DemandsDeps, ctx: RequestContext, id: string, reasons: FieldReason[], comment?: string) =>
  reviewed(deps, ctx, id, async (tx, row, now) => {
    const after = await q.updateDemand(tx, row.id, { status: 'returned', returnReasons: reasons, returnComment: comment ?? null });
    await record(tx, ctx, after, { event: 'returned', audit: 'returned', from: row.status, to: 'returned', note: comment ?? null, after: { status: 'returned', reasons, comment } }, now);
    await notifyOwners(tx, after, { kind: 'demand_returned', title: `技术需求「${after.title}」被退回修改`, body: '请按审核意见修改后重新提交。', link: link(after.id), entityType: 'demand', entityId: after.id });
    return after;
  });

// ---------- claims and dispatch ----------

/**
 * Takes a published demand out of the pool for an organization. The conditional UPDATE lets one
 * of concurrent takers win; the unique partial index on active claims backs it up (23505 → 409).
 */
async function take(
  deps: DemandsDeps,
  ctx: RequestContext,
  id: string,
  check: (tx: Db, v: Viewer, row: DemandRow) => Promise<{ organizationId: string; userId: string | null; mode: 'claim' | 'dispatch'; note?: string | undefined }>,
) {
  const actor = mustActor(ctx);
  const now = new Date();
  try {
    return await deps.db.transaction(async (tx) => {
      const v = await viewerOf(tx, actor);
      const row = await load(tx, actor, id);
      const who = await check(tx, v, row);
      if (row.status === 'closed') throw conflict(CLOSED);
      if (row.claimantOrganizationId) throw conflict(ALREADY_CLAIMED);
      if (row.status !== 'published') throw conflict('需求尚未发布，不能认领或派发');
      const after = await q.takeFromPool(tx, row.id, { status: 'claimed', claimantOrganizationId: who.organizationId, claimantUserId: who.userId, claimedAt: now, dockingAt: null });
      if (!after) throw conflict(ALREADY_CLAIMED);
      await q.insertClaim(tx, {
        demandId: row.id,
        organizationId: who.organizationId,
        userId: who.userId,
        mode: who.mode,
        dispatchedBy: who.mode === 'dispatch' ? actor.userId : null,
        dueAt: new Date(now.getTime() + RESPONSE_MS),
        createdAt: now,
      });
      const event = who.mode === 'claim' ? 'claimed' : 'dispatched';
      await record(tx, ctx, after, { event, audit: event, from: 'published', to: 'claimed', note: who.note ?? null, after: { status: 'claimed', claimantOrganizationId: who.organizationId, claimantUserId: who.userId } }, now);
      const name = (await organizationNames(tx, [who.organizationId])).get(who.organizationId) ?? '';
      await notifyOwners(tx, after, { kind: `demand_${event}`, title: `技术需求「${after.title}」已由${name}${who.mode === 'claim' ? '认领' : '承接'}`, link: link(after.id), entityType: 'demand', entityId: after.id });
      if (who.mode === 'dispatch') {
        await notifyOrganization(tx, who.organizationId, { kind: 'demand_dispatched', title: `科技管理部门向贵机构派发了技术需求「${after.title}」`, body: '请在 48 小时内完成首次跟进。', link: link(after.id), entityType: 'demand', entityId: after.id });
      }
      return detailOf(tx, after, v);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(ALREADY_CLAIMED);
    throw err;
  }
}

/** 认领: a claimant takes a published demand for its organization; 409 when someone was first. */
export const claimDemand = (deps: DemandsDeps, ctx: RequestContext, id: string) =>
  take(deps, ctx, id, async (_tx, v) => {
    if (!isClaimant(v) || !v.actor?.organizationId) throw forbidden('只有已认证的技术转移服务机构及其技术经纪人可以认领需求');
    return { organizationId: v.actor.organizationId, userId: v.actor.userId, mode: 'claim' };
  });

/** 派发: the operator or the region's gov_admin hands a pool demand to a verified service institution. */
export const dispatchDemand = (deps: DemandsDeps, ctx: RequestContext, id: string, input: { organizationId: string; userId?: string | undefined; note?: string | undefined }) =>
  take(deps, ctx, id, async (tx, v, row) => {
    if (!isReviewer(v, row)) throw forbidden('只有平台运营方或需求所在地区的科技管理部门可以派发需求');
    const org = await q.selectOrganizationFacts(tx, input.organizationId);
    if (org?.type !== 'service_institution' || org.status !== 'verified') throw fieldError('organizationId', '派发对象必须是已认证的技术转移服务机构');
    if (input.userId) {
      const user = await q.selectUserFacts(tx, input.userId);
      if (!user || user.organizationId !== org.id || user.status !== 'active') throw fieldError('userId', '该用户不是承接机构的在职成员');
    }
    return { organizationId: org.id, userId: input.userId ?? null, mode: 'dispatch', note: input.note };
  });

/** Guards for the claimant's acts: 403 for strangers, 409 once closed or in the wrong state. */
function claimantGuard(v: Viewer, row: DemandRow, allowed: boolean, denied: string, wrongState: string) {
  if (!isClaimantMember(v, row)) throw forbidden(denied);
  if (row.status === 'closed') throw conflict(CLOSED);
  if (!allowed) throw conflict(wrongState);
}

/** The claimant gives the demand back with a reason: the claim ends as refused, the demand returns to the pool. */
export async function refuseDemand(deps: DemandsDeps, ctx: RequestContext, id: string, reason: string) {
  return changeDemand(deps, ctx, id, async ({ tx, v, row, now }) => {
    claimantGuard(v, row, canRefuse(v, row), '只有当前认领机构可以拒绝承接', `需求当前状态为「${statusLabel(row.status)}」，不能再退回需求池`);
    await q.endActiveClaim(tx, row.id, 'refused', now, reason);
    const after = await q.updateDemand(tx, row.id, { status: 'published', claimantOrganizationId: null, claimantUserId: null, claimedAt: null, dockingAt: null });
    await record(tx, ctx, after, { event: 'refused', audit: 'refused', from: row.status, to: 'published', note: reason, after: { status: 'published', reason } }, now);
    await notifyOwners(tx, after, { kind: 'demand_refused', title: `认领机构已退回技术需求「${after.title}」，需求已回到需求池`, link: link(after.id), entityType: 'demand', entityId: after.id });
    return after;
  });
}

// ---------- working the demand ----------

/** A follow-up entry; the first one of a claim stops its clock and moves claimed → docking. */
export async function addFollowUp(deps: DemandsDeps, ctx: RequestContext, id: string, input: { kind: string; happenedOn: string; notes: string; nextStepOn?: string | null | undefined }) {
  return changeDemand(deps, ctx, id, async ({ tx, actor, v, row, now }) => {
    claimantGuard(v, row, canFollowUp(v, row), '只有当前认领机构可以填写跟进记录', '当前状态不能填写跟进记录');
    const today = shanghaiDay(now);
    const errors: FieldError[] = [];
    if (input.happenedOn > today) errors.push({ path: 'happenedOn', message: '跟进日期不能晚于今天' });
    if (input.nextStepOn && input.nextStepOn < input.happenedOn) errors.push({ path: 'nextStepOn', message: '下次跟进日期不能早于跟进日期' });
    if (errors.length) throw validationFailed(errors);
    const claim = await q.selectActiveClaim(tx, row.id);
    await q.insertFollowUp(tx, {
      demandId: row.id,
      claimId: claim?.id ?? null,
      kind: input.kind,
      happenedOn: input.happenedOn,
      notes: input.notes,
      nextStepOn: input.nextStepOn ?? null,
      createdBy: actor.userId,
      organizationId: actor.organizationId,
      createdAt: now,
    });
    if (claim && !claim.firstFollowUpAt) await q.updateClaim(tx, claim.id, { firstFollowUpAt: now });
    const toDocking = row.status === 'claimed';
    const after = await q.updateDemand(tx, row.id, {
      ...(row.firstFollowUpAt ? {} : { firstFollowUpAt: now }),
      ...(toDocking ? { status: 'docking', dockingAt: now } : {}),
    });
    await record(tx, ctx, after, {
      event: 'follow_up',
      audit: 'followed_up',
      ...(toDocking ? { from: row.status, to: 'docking' } : {}),
      note: labelOf(FOLLOW_UP_KINDS, input.kind) ?? input.kind,
      // The notes stay out of the audit log: free text may carry personal contact data.
      after: { status: after.status, kind: input.kind, happenedOn: input.happenedOn, nextStepOn: input.nextStepOn ?? null },
    }, now);
    return after;
  });
}

/**
 * A message between the enterprise and the claimant. An enterprise message is due an answer
 * within 48 hours; the claimant's next message answers every open one.
 */
export async function addMessage(deps: DemandsDeps, ctx: RequestContext, id: string, body: string) {
  return changeDemand(deps, ctx, id, async ({ tx, actor, v, row, now }) => {
    const side = isEnterpriseMember(v, row) ? 'enterprise' : isClaimantMember(v, row) ? 'claimant' : null;
    if (!side) throw forbidden('只有需求所属企业和当前认领机构可以留言');
    if (row.status === 'closed') throw conflict(CLOSED);
    if (!row.claimantOrganizationId) throw conflict('需求尚未被认领，暂不能留言');
    if (side === 'claimant') await q.answerEnterpriseMessages(tx, row.id, now);
    await q.insertMessage(tx, {
      demandId: row.id,
      side,
      organizationId: actor.organizationId,
      userId: actor.userId,
      body,
      dueAt: side === 'enterprise' ? new Date(now.getTime() + RESPONSE_MS) : null,
      createdAt: now,
    });
    const after = await q.updateDemand(tx, row.id, {});
    await record(tx, ctx, after, { event: 'message', audit: 'message_sent', after: { side } }, now);
    // The notice names the demand, never the message text (it may carry contact data).
    const n = { kind: 'demand_message', title: `技术需求「${row.title}」有新留言`, link: link(row.id), entityType: 'demand', entityId: row.id };
    if (side === 'enterprise') await notifyOrganization(tx, row.claimantOrganizationId, n);
    else await notifyOwners(tx, row, n);
    return after;
  });
}

// ---------- contact consent ----------

/** The enterprise lets one claimant organization see its contact, until revoked. */
export async function grantContact(deps: DemandsDeps, ctx: RequestContext, id: string, organizationId: string) {
  return changeDemand(deps, ctx, id, async ({ tx, actor, v, row, now }) => {
    if (!isEnterpriseMember(v, row)) throw forbidden('只有需求所属企业可以授权查看联系方式');
    if (!canGrant(v, row)) throw conflict(CLOSED);
    if (!(await q.hasClaimBy(tx, row.id, organizationId))) throw fieldError('organizationId', '只能授权给认领过本需求的机构');
    if (await q.selectLiveGrant(tx, row.id, organizationId)) throw new AppError('duplicate', '已授权该机构查看联系方式');
    await q.insertGrant(tx, { demandId: row.id, granteeOrganizationId: organizationId, grantedBy: actor.userId, grantedAt: now });
    const name = (await organizationNames(tx, [organizationId])).get(organizationId) ?? '';
    const after = await q.updateDemand(tx, row.id, {});
    await record(tx, ctx, after, { event: 'grant', audit: 'contact_granted', note: name, after: { granteeOrganizationId: organizationId } }, now);
    await notifyOrganization(tx, organizationId, { kind: 'demand_contact_granted', title: `企业已授权贵机构查看技术需求「${row.title}」的联系方式`, link: link(row.id), entityType: 'demand', entityId: row.id });
    return after;
  });
}

export async function revokeContact(deps: DemandsDeps, ctx: RequestContext, id: string, grantId: string) {
  return changeDemand(deps, ctx, id, async ({ tx, actor, v, row, now }) => {
    if (!isEnterpriseMember(v, row)) throw forbidden('只有需求所属企业可以撤销联系方式授权');
    const grant = await q.selectGrant(tx, row.id, grantId);
    if (!grant) throw notFound('授权记录');
    if (!(await q.revokeGrant(tx, grant.id, actor.userId, now))) throw conflict('该授权已撤销');
    const name = (await organizationNames(tx, [grant.granteeOrganizationId])).get(grant.granteeOrganizationId) ?? '';
    const after = await q.updateDemand(tx, row.id, {});
    await record(tx, ctx, after, { event: 'grant_revoked', audit: 'contact_revoked', note: name, before: { granteeOrganizationId: grant.granteeOrganizationId } }, now);
    return after;
  });
}

// ---------- proposals, matching, contracting ----------

async function assertProposalTargets(tx: Db, input: { achievementId?: string | null | undefined; partnerOrganizationId?: string | null | undefined }) {
  const errors: FieldError[] = [];
  if (input.achievementId && !(await q.selectPublishedAchievementIds(tx, [input.achievementId])).has(input.achievementId)) {
    errors.push({ path: 'achievementId', message: '推荐的成果不存在或尚未发布' });
  }
  if (input.partnerOrganizationId && !(await q.selectVerifiedOrganizationIds(tx, [input.partnerOrganizationId])).has(input.partnerOrganizationId)) {
    errors.push({ path: 'partnerOrganizationId', message: '推荐的合作单位不存在或尚未通过认证' });
  }
  if (errors.length) throw validationFailed(errors);
}

/** The claimant proposes a solution (an achievement and/or a partner) to the enterprise. */
export async function addProposal(deps: DemandsDeps, ctx: RequestContext, id: string, input: { achievementId?: string | null | undefined; partnerOrganizationId?: string | null | undefined; summary: string }) {
  return changeDemand(deps, ctx, id, async ({ tx, actor, v, row, now }) => {
    claimantGuard(v, row, canPropose(v, row), '只有当前认领机构可以推荐方案', `需求当前状态为「${statusLabel(row.status)}」，不能再推荐方案`);
    await assertProposalTargets(tx, input);
    const p = await q.insertProposal(tx, {
      demandId: row.id,
      achievementId: input.achievementId ?? null,
      partnerOrganizationId: input.partnerOrganizationId ?? null,
      summary: input.summary,
      proposedBy: actor.userId,
      proposedByOrganizationId: actor.organizationId,
      createdAt: now,
    });
    const after = await q.updateDemand(tx, row.id, {});
    await record(tx, ctx, after, { event: 'proposed', audit: 'proposal_added', after: { proposalId: p.id, achievementId: p.achievementId, partnerOrganizationId: p.partnerOrganizationId } }, now);
    await notifyOwners(tx, row, { kind: 'demand_proposal', title: `认领机构为技术需求「${row.title}」推荐了解决方案`, link: link(row.id), entityType: 'demand', entityId: row.id });
    return after;
  });
}

const merge = (a: string[], b: string[]) => [...new Set([...a, ...b])];

/** The enterprise accepts a proposal: the demand is matched with its achievement / partner. */
export async function acceptProposal(deps: DemandsDeps, ctx: RequestContext, id: string, proposalId: string) {
  return changeDemand(deps, ctx, id, async ({ tx, actor, v, row, now }) => {
    if (!isEnterpriseMember(v, row)) throw forbidden('只有需求所属企业可以接受方案');
    if (row.status === 'closed') throw conflict(CLOSED);
    const proposal = await q.selectProposal(tx, row.id, proposalId);
    if (!proposal) throw notFound('推荐方案');
    if (proposal.status !== 'proposed') throw conflict('该方案已处理');
    if (!canAcceptProposal(v, row)) throw conflict(`需求当前状态为「${statusLabel(row.status)}」，不能接受方案`);
    if (!(await q.decideProposal(tx, proposal.id, { status: 'accepted', decidedBySide: 'enterprise', decidedBy: actor.userId, decidedAt: now }))) throw conflict('该方案已处理');
    const after = await q.updateDemand(tx, row.id, {
      status: 'matched',
      matchedAt: row.matchedAt ?? now,
      matchedAchievementIds: merge(row.matchedAchievementIds, proposal.achievementId ? [proposal.achievementId] : []),
      matchedOrganizationIds: merge(row.matchedOrganizationIds, proposal.partnerOrganizationId ? [proposal.partnerOrganizationId] : []),
    });
    await record(tx, ctx, after, {
      event: 'proposal_accepted',
      audit: 'proposal_accepted',
      ...(row.status !== 'matched' ? { from: row.status, to: 'matched' } : {}),
      after: { status: 'matched', proposalId: proposal.id, achievementId: proposal.achievementId, partnerOrganizationId: proposal.partnerOrganizationId },
    }, now);
    await deps.onVerdict?.(tx, ctx, { demandId: row.id, achievementId: proposal.achievementId, proposalId: proposal.id, verdict: 'accepted', reasons: [] });
    if (row.claimantOrganizationId) {
      await notifyOrganization(tx, row.claimantOrganizationId, { kind: 'demand_proposal_accepted', title: `企业已接受贵机构为「${row.title}」推荐的方案`, link: link(row.id), entityType: 'demand', entityId: row.id });
    }
    return after;
  });
}

/** The enterprise declines (or the claimant withdraws) a proposal, with coded reasons. */
export async function declineProposal(deps: DemandsDeps, ctx: RequestContext, id: string, proposalId: string, input: { reasons: string[]; reasonText?: string | undefined }) {
  return changeDemand(deps, ctx, id, async ({ tx, actor, v, row, now }) => {
    const side = isEnterpriseMember(v, row) ? 'enterprise' : isClaimantMember(v, row) ? 'claimant' : null;
    if (!side) throw forbidden('只有需求所属企业和当前认领机构可以处理推荐方案');
    if (row.status === 'closed') throw conflict(CLOSED);
    const proposal = await q.selectProposal(tx, row.id, proposalId);
    if (!proposal) throw notFound('推荐方案');
    if (proposal.status !== 'proposed') throw conflict('该方案已处理');
    if (!canDeclineProposal(v, row)) throw conflict(`需求当前状态为「${statusLabel(row.status)}」，不能处理方案`);
    const status = side === 'enterprise' ? 'declined' : 'withdrawn';
    const decided = await q.decideProposal(tx, proposal.id, { status, decidedBySide: side, decidedBy: actor.userId, decidedAt: now, reasons: input.reasons, reasonText: input.reasonText?.trim() || null });
    if (!decided) throw conflict('该方案已处理');
    const after = await q.updateDemand(tx, row.id, {});
    await record(tx, ctx, after, {
      event: side === 'enterprise' ? 'proposal_declined' : 'proposal_withdrawn',
      audit: side === 'enterprise' ? 'proposal_declined' : 'proposal_withdrawn',
      note: declineReasonsOf(input.reasons).map((r) => r.label).join('、'),
      after: { proposalId: proposal.id, reasons: input.reasons },
    }, now);
    if (side === 'enterprise') {
      await deps.onVerdict?.(tx, ctx, { demandId: row.id, achievementId: proposal.achievementId, proposalId: proposal.id, verdict: 'declined', reasons: input.reasons });
    }
    const n = { kind: 'demand_proposal_declined', title: side === 'enterprise' ? `企业婉拒了为「${row.title}」推荐的方案` : `认领机构撤回了为「${row.title}」推荐的方案`, link: link(row.id), entityType: 'demand', entityId: row.id };
    if (side === 'enterprise' && row.claimantOrganizationId) await notifyOrganization(tx, row.claimantOrganizationId, n);
    if (side === 'claimant') await notifyOwners(tx, row, n);
    return after;
  });
}

function workerGuard(v: Viewer, row: DemandRow, allowed: boolean, denied: string, wrongState: string) {
  if (!isClaimantMember(v, row) && !hasRole(v.actor, 'operator')) throw forbidden(denied);
  if (row.status === 'closed') throw conflict(CLOSED);
  if (!allowed) throw conflict(wrongState);
}

/** Links achievements and partner organizations: → matched. */
export async function matchDemand(deps: DemandsDeps, ctx: RequestContext, id: string, input: { achievementIds: string[]; organizationIds: string[]; note?: string | undefined }) {
  return changeDemand(deps, ctx, id, async ({ tx, v, row, now }) => {
    workerGuard(v, row, canMatch(v, row), '只有当前认领机构或平台运营方可以登记匹配结果', `需求当前状态为「${statusLabel(row.status)}」，不能登记匹配`);
    const published = await q.selectPublishedAchievementIds(tx, input.achievementIds);
    const verified = await q.selectVerifiedOrganizationIds(tx, input.organizationIds);
    const errors: FieldError[] = [
      ...input.achievementIds.flatMap((a, i) => (published.has(a) ? [] : [{ path: `achievementIds.${i}`, message: '成果不存在或尚未发布' }])),
      ...input.organizationIds.flatMap((o, i) => (verified.has(o) ? [] : [{ path: `organizationIds.${i}`, message: '单位不存在或尚未通过认证' }])),
    ];
    if (errors.length) throw validationFailed(errors);
    const after = await q.updateDemand(tx, row.id, {
      status: 'matched',
      matchedAt: row.matchedAt ?? now,
      matchedAchievementIds: merge(row.matchedAchievementIds, input.achievementIds),
      matchedOrganizationIds: merge(row.matchedOrganizationIds, input.organizationIds),
    });
    await record(tx, ctx, after, {
      event: 'matched',
      audit: 'matched',
      ...(row.status !== 'matched' ? { from: row.status, to: 'matched' } : {}),
      note: input.note ?? null,
      after: { status: 'matched', achievementIds: input.achievementIds, organizationIds: input.organizationIds },
    }, now);
    await notifyOwners(tx, after, { kind: 'demand_matched', title: `技术需求「${after.title}」已匹配到成果或合作单位`, link: link(after.id), entityType: 'demand', entityId: after.id });
    return after;
  });
}

/** matched → contracted, with the contract number or registration number. */
export async function markContracted(deps: DemandsDeps, ctx: RequestContext, id: string, input: { contractRef: string; note?: string | undefined }) {
  return changeDemand(deps, ctx, id, async ({ tx, v, row, now }) => {
    workerGuard(v, row, canMarkContracted(v, row), '只有当前认领机构或平台运营方可以登记签约', row.status === 'contracted' ? '需求已登记签约' : '需求尚未匹配，不能登记签约');
    const after = await q.updateDemand(tx, row.id, { status: 'contracted', contractRef: input.contractRef, contractedAt: now });
    await record(tx, ctx, after, { event: 'contracted', audit: 'contracted', from: row.status, to: 'contracted', note: input.note ?? null, after: { status: 'contracted', contractRef: input.contractRef } }, now);
    await notifyOwners(tx, after, { kind: 'demand_contracted', title: `技术需求「${after.title}」已登记签约`, link: link(after.id), entityType: 'demand', entityId: after.id });
    return after;
  });
}

/**
 * Called by the contracts module when a contract linked to the demand is registered (in its
 * transaction): docking / matched → contracted with the registration number as the contract
 * reference, a timeline event and the audit entry. Any other status is left alone (false).
 */
export async function markDemandContracted(tx: Db, ctx: RequestContext, demandId: string, registrationNumber: string, now = new Date()): Promise<boolean> {
  const row = await q.selectDemandForUpdate(tx, demandId, { all: true });
  if (!row || (row.status !== 'docking' && row.status !== 'matched')) return false;
  const after = await q.updateDemand(tx, row.id, { status: 'contracted', contractRef: registrationNumber, contractedAt: now });
  await record(tx, ctx, after, { event: 'contracted', audit: 'contracted', from: row.status, to: 'contracted', note: `技术合同已登记（登记编号 ${registrationNumber}）`, after: { status: 'contracted', contractRef: registrationNumber } }, now);
  await notifyOwners(tx, after, { kind: 'demand_contracted', title: `技术需求「${after.title}」的技术合同已登记`, link: link(after.id), entityType: 'demand', entityId: after.id });
  return true;
}

/** Closes an open demand (solved, withdrawn; expired only by reviewers or the sweep); ends the active claim. */
export async function closeDemand(deps: DemandsDeps, ctx: RequestContext, id: string, input: { reason: string; comment?: string | undefined }) {
  return changeDemand(deps, ctx, id, async ({ tx, v, row, now }) => {
    if (!isEnterpriseMember(v, row) && !isReviewer(v, row)) throw forbidden('只有需求所属企业、平台运营方或所在地区的科技管理部门可以关闭需求');
    if (!canClose(v, row)) throw conflict(CLOSED);
    if (input.reason === 'expired' && !isReviewer(v, row)) throw fieldError('reason', '企业关闭需求时请选择“已解决”或“企业撤回”');
    await q.endActiveClaim(tx, row.id, 'ended', now);
    const after = await q.updateDemand(tx, row.id, { status: 'closed', closeReason: input.reason, closeComment: input.comment ?? null, closedAt: now });
    await record(tx, ctx, after, { event: 'closed', audit: 'closed', from: row.status, to: 'closed', note: input.comment ?? null, after: { status: 'closed', reason: input.reason } }, now);
    const n = { kind: 'demand_closed', title: `技术需求「${row.title}」已关闭`, link: link(row.id), entityType: 'demand', entityId: row.id };
    if (row.claimantOrganizationId && WORKED_DEMAND_STATUSES.includes(row.status as DemandStatus)) await notifyOrganization(tx, row.claimantOrganizationId, n);
    if (!isEnterpriseMember(v, row)) await notifyOwners(tx, row, n);
    return after;
  });
}

// ---------- attachments ----------

function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Control characters and quotes never reach a header or a file system.
  const cleaned = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && !'"<>|:*?'.includes(ch))
    .join('')
    .trim()
    .slice(0, 120);
  return cleaned || '附件';
}

function attachGuard(v: Viewer, row: DemandRow) {
  if (!isEnterpriseMember(v, row) && !isPoster(v, row)) throw forbidden('只有需求所属企业或录入人可以管理附件');
  if (!canAttach(v, row)) throw conflict(CLOSED);
}

/** A file for the demand: public ones are shown on the board, the others to detail viewers only. */
export async function uploadAttachment(deps: DemandsDeps, ctx: RequestContext, id: string, input: { fileName: string; isPublic: boolean }, bytes: Buffer) {
  const actor = mustActor(ctx);
  // Permission before content: a stranger learns nothing from the file checks.
  const v = await viewerOf(deps.db, actor);
  const row = await load(deps.db, actor, id);
  attachGuard(v, row);
  if (bytes.length === 0) throw fieldError('file', '文件为空');
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('payload_too_large', '附件不能超过 20 MB');
  const type = sniffMediaType(bytes);
  if (!type) throw fieldError('file', '不支持的文件类型：附件只能是 PDF、图片（PNG/JPEG/GIF/WebP）或 Office 文档，按文件内容判断');
  const sha256 = await deps.files.put(bytes);
  return deps.db.transaction(async (tx) => {
    // Counted under the demand's row lock, so two uploads cannot both be the 11th.
    const locked = await load(tx, actor, id, true);
    attachGuard(v, locked);
    if ((await q.countAttachments(tx, row.id)) >= MAX_ATTACHMENTS) throw conflict(`每项需求最多 ${MAX_ATTACHMENTS} 个附件`);
    const name = cleanFileName(input.fileName);
    const att = await q.insertAttachment(tx, { demandId: row.id, fileName: name, mediaType: type.mediaType, sizeBytes: bytes.length, sha256, isPublic: input.isPublic, uploadedBy: actor.userId });
    await record(tx, ctx, locked, { event: 'attachment_added', audit: 'attachment_added', note: name, after: { fileName: name, mediaType: type.mediaType, sizeBytes: bytes.length, sha256, isPublic: input.isPublic } });
    return { id: att.id, fileName: att.fileName, mediaType: att.mediaType, sizeBytes: att.sizeBytes, isPublic: att.isPublic, createdAt: att.createdAt.toISOString() };
  });
}

export async function openAttachment(deps: DemandsDeps, actor: Actor | null, id: string, attachmentId: string) {
  const row = await load(deps.db, actor, id);
  const att = await q.selectAttachment(deps.db, row.id, attachmentId);
  if (!att || (!att.isPublic && !canSeeDetails(await viewerOf(deps.db, actor), row))) throw notFound('附件');
  return { fileName: att.fileName, mediaType: att.mediaType, sizeBytes: att.sizeBytes, stream: deps.files.open(att.sha256) };
}

export async function deleteAttachment(deps: DemandsDeps, ctx: RequestContext, id: string, attachmentId: string) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const v = await viewerOf(tx, actor);
    const row = await load(tx, actor, id, true);
    attachGuard(v, row);
    const att = await q.selectAttachment(tx, row.id, attachmentId);
    if (!att) throw notFound('附件');
    await q.deleteAttachment(tx, att.id);
    await record(tx, ctx, row, { event: 'attachment_removed', audit: 'attachment_removed', note: att.fileName, before: { fileName: att.fileName, sha256: att.sha256 } });
  });
}

// ---------- the sweep ----------

/**
 * Runs every minute in the server (and in tests with a given `now`): reports each demand whose
 * 48-hour clock ran out without a first follow-up to the gov_admins of its region and every
 * enclosing level, once (overdueNotifiedAt plus the notification's dedupe key); closes published,
 * unclaimed demands whose deadline (a Shanghai calendar day) has passed as expired.
 */
export async function sweepDemands(deps: Pick<DemandsDeps, 'db'>, now = new Date()): Promise<{ overdueNotified: number; expired: number }> {
  const ctx = systemContext('demand-sweep');
  let overdueNotified = 0;
  for (const d of await q.selectOverdueUnnotified(deps.db, now)) {
    await deps.db.transaction(async (tx) => {
      // Conditional: another process sweeping at the same time reports it only once.
      const row = await q.markOverdueNotified(tx, d.id, now);
      if (!row) return;
      await notifyRegionGovAdmins(tx, row.regionCode, {
        kind: 'demand_overdue',
        title: `技术需求「${row.title}」超过 48 小时未获响应`,
        body: row.claimantOrganizationId ? '认领机构尚未完成首次跟进，请督促或改派。' : '需求仍在需求池中无人认领，请组织派发。',
        link: link(row.id),
        entityType: 'demand',
        entityId: row.id,
        dedupeKey: `demand-overdue:${row.id}`,
      });
      await record(tx, ctx, row, { event: 'overdue', audit: 'overdue_reported', after: { responseDueAt: row.responseDueAt, claimantOrganizationId: row.claimantOrganizationId } }, now);
      overdueNotified++;
    });
  }
  let expired = 0;
  for (const d of await q.selectExpiredInPool(deps.db, shanghaiDay(now))) {
    await deps.db.transaction(async (tx) => {
      const row = await q.closeIfStillInPool(tx, d.id, now);
      if (!row) return;
      await record(tx, ctx, row, { event: 'expired', audit: 'expired', from: 'published', to: 'closed', note: `截止日期 ${d.deadline ?? ''}`, after: { status: 'closed', reason: 'expired' } }, now);
      await notifyOwners(tx, row, { kind: 'demand_expired', title: `技术需求「${row.title}」已过截止日期，自动关闭`, link: link(row.id), entityType: 'demand', entityId: row.id });
      expired++;
    });
  }
  return { overdueNotified, expired };
}
