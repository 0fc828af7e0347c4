import { type Actor, mustActor, type RequestContext } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import type { FileStore } from '../../platform/file-store.js';
import { sniffMediaType } from '../../platform/file-types.js';
import { AppError, fieldError, forbidden, notFound } from '../../platform/errors.js';
import { fenToYuanString } from '../../platform/money.js';
import { organizationNames } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { regionName } from '../regions/index.js';
import {
  ACHIEVEMENT_STATUSES,
  ACHIEVEMENT_TYPES,
  type AchievementStatus,
  INDUSTRIES,
  KEY_FIELDS,
  labelOf,
  STAGES,
} from './achievement-codes.js';
import {
  type AchievementData,
  applyPatch,
  canonicalizeIpItems,
  checkSubmittable,
  dataOf,
  diffData,
  emptyData,
  PatchError,
} from './achievement-rules.js';
import { type ExportRow, exportCsv, exportXlsx } from './achievements.export.js';
import * as q from './achievements.queries.js';
import type { AchievementRow, AchievementScope } from './achievements.queries.js';
import {
  achievementActions,
  achievementScopeOf,
  canArchive,
  canConfirm,
  canCreate,
  canEdit,
  canReconfirm,
  canReview,
  canSeeContact,
  canSeeGated,
  canSelect,
  canSubmit,
  isOwnerAdmin,
  isOwnerMember,
} from './achievements.policy.js';
import type { AchievementDetail, AchievementListQuery, AchievementPatch, AchievementSummary } from './achievements.schemas.js';
import type { FieldReason } from './achievements.tables.js';
import { trlDescription } from './maturity-rules.js';
import { NEAR_DUPLICATE_THRESHOLD, normalizeTitle, titleSimilarity } from './title-similarity.js';

export interface AchievementsDeps {
  db: Db;
  files: FileStore;
}

/** Attachments: PDF, images and Office files, checked by content; ≤ 20 MB each, ≤ 10 per record. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

/** A record not confirmed by its owner for 12 months is stale. */
export const STALE_AFTER_MS = 365 * 24 * 3600_000;

const isStale = (r: AchievementRow, now = Date.now()) =>
  r.status === 'published' && r.lastConfirmedAt !== null && now - r.lastConfirmedAt.getTime() > STALE_AFTER_MS;

function patchOrThrow(base: AchievementData, patch: AchievementPatch): AchievementData {
  try {
    return applyPatch(base, patch);
  } catch (err) {
    if (err instanceof PatchError) throw new AppError('validation_failed', err.message, { errors: err.errors });
    throw err;
  }
}

function rowValues(d: AchievementData) {
  return { ...d, normalizedTitle: normalizeTitle(d.title) };
}

// ---------- presenters ----------

export function summaryOf(r: AchievementRow, actor: Actor | null, ownerName: string, opts: { hasSubmittedRevision?: boolean } = {}): AchievementSummary {
  return {
    id: r.id,
    title: r.title,
    type: r.type,
    typeLabel: r.type ? (labelOf(ACHIEVEMENT_TYPES, r.type) ?? null) : null,
    keyField: r.keyField,
    keyFieldLabel: r.keyField ? (labelOf(KEY_FIELDS, r.keyField) ?? null) : null,
    industry: r.industry,
    industryLabel: r.industry ? (labelOf(INDUSTRIES, r.industry) ?? null) : null,
    keywords: r.keywords,
    abstract: r.abstract,
    trl: r.trl,
    stage: r.stage,
    stageLabel: r.stage ? (labelOf(STAGES, r.stage) ?? null) : null,
    cooperationModes: r.cooperationModes,
    pricingMode: r.pricingMode,
    price: r.priceFen === null ? null : fenToYuanString(r.priceFen),
    priceFen: r.priceFen,
    regionCode: r.regionCode,
    regionName: regionName(r.regionCode),
    ownerOrganizationId: r.ownerOrganizationId,
    ownerName,
    isFiscallyFunded: r.isFiscallyFunded,
    fundingProgramme: r.fundingProgramme,
    isDualUse: r.isDualUse,
    disclosureTier: r.disclosureTier,
    selectionYear: r.selectionYear,
    status: r.status as AchievementStatus,
    statusLabel: labelOf(ACHIEVEMENT_STATUSES, r.status) ?? r.status,
    isStale: isStale(r),
    publishedAt: r.publishedAt?.toISOString() ?? null,
    lastConfirmedAt: r.lastConfirmedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
    waitingSince: (r.status === 'confirmed' ? (r.confirmedAt ?? r.submittedAt) : r.status === 'submitted' ? r.submittedAt : null)?.toISOString() ?? null,
    hasPendingRevision: Boolean(opts.hasSubmittedRevision),
    allowedActions: achievementActions(actor, r, { hasSubmittedRevision: Boolean(opts.hasSubmittedRevision) }),
  };
}

export async function summariesOf(db: Db, rows: AchievementRow[], actor: Actor | null) {
  const names = await organizationNames(db, rows.map((r) => r.ownerOrganizationId));
  const published = rows.filter((r) => r.status === 'published').map((r) => r.id);
  const pending = new Set(published.length ? await q.idsWithSubmittedRevision(db, published) : []);
  return rows.map((r) => summaryOf(r, actor, names.get(r.ownerOrganizationId) ?? '', { hasSubmittedRevision: pending.has(r.id) }));
}

async function detailOf(db: Db, r: AchievementRow, actor: Actor | null): Promise<AchievementDetail> {
  const granted = actor ? await q.hasGrantedAccess(db, r.id, actor.userId) : false;
  const gatedVisible = canSeeGated(actor, r, granted);
  const revision = await q.selectOpenRevision(db, r.id);
  const names = await organizationNames(db, [r.ownerOrganizationId]);
  const mine = actor && !isOwnerMember(actor, r) && r.disclosureTier === 'nda' ? await q.selectAccessRequests(db, r.id, actor.userId) : [];
  const ownerView = isOwnerMember(actor, r) || canReview(actor, r);
  return {
    ...summaryOf(r, actor, names.get(r.ownerOrganizationId) ?? '', { hasSubmittedRevision: revision?.status === 'submitted' }),
    attribute: r.attribute,
    innovationPoints: gatedVisible ? r.innovationPoints : null,
    indicators: gatedVisible ? r.indicators : null,
    applicationScenarios: gatedVisible ? r.applicationScenarios : null,
    ipItems: gatedVisible ? r.ipItems : null,
    team: gatedVisible ? r.team : null,
    owners: r.owners,
    contact: canSeeContact(actor)
      ? { visible: true as const, name: r.contactName, phone: r.contactPhone, email: r.contactEmail }
      : { visible: false as const, message: '请登录后查看联系方式，或通过平台联系' },
    gated: {
      hidden: !gatedVisible,
      reason: gatedVisible
        ? null
        : r.disclosureTier === 'registered'
          ? '详细信息仅对注册用户开放，请登录后查看'
          : '详细信息需签署保密协议并经成果方同意后查看',
      accessRequest: mine[0]?.status ?? null,
    },
    fundingProjectNumber: r.fundingProjectNumber,
    trlDescription: r.trl ? (trlDescription(r.trl) ?? null) : null,
    version: r.version,
    returnReasons: ownerView ? (r.returnReasons ?? null) : null,
    returnComment: ownerView ? r.returnComment : null,
    pendingRevision:
      ownerView && revision
        ? { id: revision.id, status: revision.status, data: revision.data, returnReasons: revision.returnReasons ?? null, submittedAt: revision.submittedAt?.toISOString() ?? null }
        : null,
    attachments: gatedVisible
      ? (await q.listAttachments(db, r.id)).map((a) => ({ id: a.id, fileName: a.fileName, mediaType: a.mediaType, sizeBytes: a.sizeBytes, createdAt: a.createdAt.toISOString() }))
      : null,
    createdAt: r.createdAt.toISOString(),
  };
}

// ---------- reading ----------

export function filterOf(query: Omit<AchievementListQuery, 'page' | 'pageSize' | 'sort'>): q.AchievementFilter {
  return {
    q: query.q,
    keyField: query.keyField,
    industry: query.industry,
    type: query.type,
    stage: query.stage,
    trlMin: query.trlMin,
    trlMax: query.trlMax,
    cooperationMode: query.cooperationMode,
    priceMinFen: query.priceMin !== undefined ? query.priceMin * 100 : undefined,
    priceMaxFen: query.priceMax !== undefined ? query.priceMax * 100 : undefined,
    negotiable: query.negotiable,
    regionCode: query.regionCode,
    fiscal: query.fiscal,
    dualUse: query.dualUse,
    selectionYear: query.selectionYear,
    selected: query.selected,
    status: query.status ? [query.status] : undefined,
    staleBefore: query.stale ? new Date(Date.now() - STALE_AFTER_MS) : undefined,
    fundingProgramme: query.fundingProgramme,
  };
}

/** The public list: published records only, whoever asks. */
export async function listPublicAchievements(deps: AchievementsDeps, actor: Actor | null, query: AchievementListQuery) {
  const { page, pageSize, sort, ...rest } = query;
  const f = { ...filterOf(rest), status: ['published'] };
  const { items, total } = await q.listAchievements(deps.db, { all: true }, f, sort, page, pageSize);
  return { items: await summariesOf(deps.db, items, actor), total, page, pageSize };
}

/** 我的成果: every record of the caller's organization. */
export async function listMyAchievements(deps: AchievementsDeps, actor: Actor, query: AchievementListQuery) {
  if (!actor.organizationId) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  const { page, pageSize, sort, ...rest } = query;
  const scope: AchievementScope = { all: false, organizationId: actor.organizationId, regionScopes: [] };
  const f = { ...filterOf(rest), ownerOrganizationId: actor.organizationId };
  const { items, total } = await q.listAchievements(deps.db, scope, f, sort === 'newest' ? 'updated' : sort, page, pageSize);
  return { items: await summariesOf(deps.db, items, actor), total, page, pageSize };
}

/** The review queue: confirmed records and submitted revisions in the reviewer's scope, oldest first. */
export async function reviewQueue(deps: AchievementsDeps, actor: Actor, page: number, pageSize: number) {
  const scope = achievementScopeOf(actor);
  const { items } = await q.listAchievements(deps.db, scope, { status: ['confirmed'] }, 'oldest_waiting', 1, 1000);
  const revisions = await q.listSubmittedRevisions(deps.db, scope);
  const names = await organizationNames(deps.db, [...items, ...revisions.map((r) => r.achievement)].map((r) => r.ownerOrganizationId));
  const all = [
    ...items.map((r) => ({ ...summaryOf(r, actor, names.get(r.ownerOrganizationId) ?? ''), kind: 'new' as const })),
    ...revisions.map(({ revision, achievement }) => ({
      ...summaryOf(achievement, actor, names.get(achievement.ownerOrganizationId) ?? '', { hasSubmittedRevision: true }),
      waitingSince: revision.submittedAt?.toISOString() ?? null,
      kind: 'revision' as const,
    })),
  ].sort((a, b) => (a.waitingSince ?? '').localeCompare(b.waitingSince ?? ''));
  const slice = all.slice((page - 1) * pageSize, page * pageSize);
  const withDuplicates = await Promise.all(
    slice.map(async (s) => {
      const row = await q.selectAchievement(deps.db, s.id, { all: true });
      return { ...s, nearDuplicates: row ? (await nearDuplicatesOf(deps.db, row)).length : 0 };
    }),
  );
  return { items: withDuplicates, total: all.length, page, pageSize };
}

async function load(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<AchievementRow> {
  const scope = achievementScopeOf(actor);
  const row = forUpdate ? await q.selectAchievementForUpdate(db, id, scope) : await q.selectAchievement(db, id, scope);
  if (!row) throw notFound('科技成果');
  return row;
}

export async function getAchievement(deps: AchievementsDeps, actor: Actor | null, id: string) {
  return detailOf(deps.db, await load(deps.db, actor, id), actor);
}

export async function listVersions(deps: AchievementsDeps, actor: Actor | null, id: string) {
  const row = await load(deps.db, actor, id);
  const versions = await q.listVersions(deps.db, row.id);
  const gated = canSeeGated(actor, row, actor ? await q.hasGrantedAccess(deps.db, row.id, actor.userId) : false);
  const contact = canSeeContact(actor);
  // The history shows no more than the record itself: gated parts and contact follow the same rules.
  const strip = (d: Record<string, unknown>) => {
    const { contactName, contactPhone, contactEmail, innovationPoints, indicators, applicationScenarios, ipItems, team, ...rest } = d;
    return {
      ...rest,
      ...(contact ? { contactName, contactPhone, contactEmail } : {}),
      ...(gated ? { innovationPoints, indicators, applicationScenarios, ipItems, team } : {}),
    };
  };
  return {
    items: versions.map((v, i) => ({
      version: v.version,
      publishedAt: v.createdAt.toISOString(),
      changes: diffData(i === 0 ? {} : (strip(versions[i - 1]?.data ?? {}) as Partial<AchievementData>), strip(v.data) as Partial<AchievementData>),
    })),
  };
}

async function nearDuplicatesOf(db: Db, row: AchievementRow) {
  const candidates = await q.nearDuplicateCandidates(db, row);
  return candidates
    .map((c) => ({ id: c.id, title: c.title, status: c.status, ownerOrganizationId: c.ownerOrganizationId, similarity: titleSimilarity(row.title, c.title) }))
    .filter((c) => c.similarity >= NEAR_DUPLICATE_THRESHOLD)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, 10);
}

/** Near-duplicates across organizations, flagged to the reviewer with the candidates. */
export async function getNearDuplicates(deps: AchievementsDeps, actor: Actor, id: string) {
  const row = await load(deps.db, actor, id);
  if (!canReview(actor, row) && !isOwnerMember(actor, row)) throw forbidden('只有审核人和成果方可以查看疑似重复');
  const list = await nearDuplicatesOf(deps.db, row);
  const names = await organizationNames(deps.db, list.map((c) => c.ownerOrganizationId));
  return { items: list.map((c) => ({ ...c, ownerName: names.get(c.ownerOrganizationId) ?? '' })) };
}

// ---------- writing ----------

async function assertNoExactDuplicate(db: Db, ownerOrganizationId: string, title: string, exceptId?: string) {
  const dup = await q.findByOwnerTitle(db, ownerOrganizationId, normalizeTitle(title), exceptId);
  if (dup) {
    throw new AppError('duplicate', `本单位已登记同名成果「${dup.title}」`, { errors: [{ path: 'title', message: '本单位已有同名成果（已存在）' }] });
  }
}

export async function createAchievement(deps: AchievementsDeps, ctx: RequestContext, input: AchievementPatch & { title: string }) {
  const actor = mustActor(ctx);
  if (!canCreate(actor) || !actor.organizationId || !actor.organizationRegionCode) {
    throw forbidden(actor.organizationStatus === 'verified' ? '只有机构成员可以登记科技成果' : '本机构通过认证后才能登记科技成果');
  }
  const orgId = actor.organizationId;
  const regionCode = actor.organizationRegionCode;
  const names = await organizationNames(deps.db, [orgId]);
  const data = patchOrThrow(emptyData(input.title), input);
  if (!data.owners.length) data.owners = [{ organizationId: orgId, name: names.get(orgId) ?? '', share: 100 }];
  return deps.db.transaction(async (tx) => {
    await assertNoExactDuplicate(tx, orgId, data.title);
    const row = await q.insertAchievement(tx, { ...rowValues(data), ownerOrganizationId: orgId, regionCode, createdBy: actor.userId, status: 'draft' });
    await recordAudit(tx, ctx, { action: 'achievement.created', entityType: 'achievement', entityId: row.id, regionCode, after: data });
    return detailOf(tx, row, actor);
  });
}

/**
 * Saves changes (autosave included). A draft, returned or submitted record changes in place; a
 * published one gets a pending revision while the published version stays visible.
 */
export async function updateAchievement(deps: AchievementsDeps, ctx: RequestContext, id: string, patch: AchievementPatch) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true);
    if (!canEdit(actor, row)) {
      if (isOwnerMember(actor, row)) throw new AppError('invalid_state', '成果当前状态不能修改（待审核或已归档）');
      throw forbidden('只有成果所属单位的成员可以修改');
    }
    if (row.status === 'published') {
      const open = await q.selectOpenRevision(tx, row.id);
      if (open?.status === 'submitted') throw new AppError('invalid_state', '修改已提交审核，审核完成前不能再改');
      const base = (open?.data as unknown as AchievementData | undefined) ?? dataOf(row as unknown as AchievementData);
      const next = patchOrThrow(base, patch);
      if (next.title !== row.title) await assertNoExactDuplicate(tx, row.ownerOrganizationId, next.title, row.id);
      await q.upsertOpenRevision(tx, row.id, next as unknown as Record<string, unknown>, actor.userId, false);
      await recordAudit(tx, ctx, { action: 'achievement.revision_saved', entityType: 'achievement', entityId: row.id, regionCode: row.regionCode, before: base, after: next });
      return detailOf(tx, row, actor);
    }
    const before = dataOf(row as unknown as AchievementData);
    const next = patchOrThrow(before, patch);
    if (next.title !== row.title) await assertNoExactDuplicate(tx, row.ownerOrganizationId, next.title, row.id);
    const after = await q.updateAchievement(tx, row.id, rowValues(next));
    await recordAudit(tx, ctx, { action: 'achievement.updated', entityType: 'achievement', entityId: row.id, regionCode: row.regionCode, before, after: next });
    return detailOf(tx, after, actor);
  });
}

function assertComplete(d: AchievementData) {
  const errors = checkSubmittable(d);
  if (errors.length) throw new AppError('validation_failed', `还有 ${errors.length} 处需要完善：${errors[0]?.message ?? ''}`, { errors });
}

/** Submits a draft (or a pending revision). An org_admin's submission counts as confirmed by the unit. */
export async function submitAchievement(deps: AchievementsDeps, ctx: RequestContext, id: string) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true);
    if (row.status === 'published' && isOwnerMember(actor, row)) {
      const open = await q.selectOpenRevision(tx, row.id);
      if (open?.status !== 'draft') throw new AppError('invalid_state', '没有待提交的修改');
      const data = open.data as unknown as AchievementData;
      assertComplete(data);
      await q.upsertOpenRevision(tx, row.id, { ...data, ipItems: canonicalizeIpItems(data.ipItems) } as unknown as Record<string, unknown>, actor.userId, true);
      await recordAudit(tx, ctx, { action: 'achievement.revision_submitted', entityType: 'achievement', entityId: row.id, regionCode: row.regionCode });
      return detailOf(tx, row, actor);
    }
    if (!canSubmit(actor, row)) throw isOwnerMember(actor, row) ? new AppError('invalid_state', '当前状态不能提交') : forbidden('只有成果所属单位的成员可以提交');
    const data = dataOf(row as unknown as AchievementData);
    assertComplete(data);
    const now = new Date();
    const byAdmin = isOwnerAdmin(actor, row);
    const after = await q.updateAchievement(tx, row.id, {
      status: byAdmin ? 'confirmed' : 'submitted',
      ipItems: canonicalizeIpItems(data.ipItems),
      submittedAt: now,
      confirmedAt: byAdmin ? now : null,
      returnReasons: null,
      returnComment: null,
    });
    await recordAudit(tx, ctx, { action: byAdmin ? 'achievement.submitted_confirmed' : 'achievement.submitted', entityType: 'achievement', entityId: row.id, regionCode: row.regionCode, before: { status: row.status }, after: { status: after.status } });
    return detailOf(tx, after, actor);
  });
}

async function transition(
  deps: AchievementsDeps,
  ctx: RequestContext,
  id: string,
  spec: { allowed: (a: Actor, r: AchievementRow) => boolean; from: string[]; denied: string; action: string; values: (r: AchievementRow, a: Actor) => Partial<q.AchievementInsert>; after?: (tx: Db, r: AchievementRow, a: Actor) => Promise<void> },
) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true);
    if (!spec.allowed(actor, row)) throw forbidden(spec.denied);
    if (!spec.from.includes(row.status)) {
      throw new AppError('invalid_state', `成果当前状态为「${labelOf(ACHIEVEMENT_STATUSES, row.status) ?? row.status}」，不能执行此操作`);
    }
    const after = await q.updateAchievement(tx, row.id, spec.values(row, actor));
    await spec.after?.(tx, after, actor);
    await recordAudit(tx, ctx, { action: spec.action, entityType: 'achievement', entityId: row.id, regionCode: row.regionCode, before: { status: row.status }, after: { status: after.status } });
    return detailOf(tx, after, actor);
  });
}

export const confirmAchievement = (deps: AchievementsDeps, ctx: RequestContext, id: string) =>
  transition(deps, ctx, id, {
    allowed: (a, r) => canConfirm(a, { ...r, status: 'submitted' }),
    from: ['submitted'],
    denied: '只有成果所属单位的管理员可以确认',
    action: 'achievement.confirmed',
    values: () => ({ status: 'confirmed', confirmedAt: new Date() }),
  });

export const publishAchievement = (deps: AchievementsDeps, ctx: RequestContext, id: string) =>
  transition(deps, ctx, id, {
    allowed: canReview,
    from: ['confirmed'],
    denied: '只有平台运营方或成果所在地区的科技管理部门可以审核',
    action: 'achievement.published',
    values: (r) => {
      const now = new Date();
      return { status: 'published', publishedAt: r.publishedAt ?? now, lastConfirmedAt: now, version: r.version + 1, returnReasons: null, returnComment: null };
    },
    after: async (tx, r, a) => q.insertVersion(tx, r.id, r.version, dataOf(r as unknown as AchievementData) as unknown as Record<string, unknown>, a.userId),
  });

export const returnAchievement = (deps: AchievementsDeps, ctx: RequestContext, id: string, reasons: FieldReason[], comment?: string) =>
  transition(deps, ctx, id, {
    allowed: canReview,
    from: ['confirmed'],
    denied: '只有平台运营方或成果所在地区的科技管理部门可以审核',
    action: 'achievement.returned',
    values: () => ({ status: 'returned', returnReasons: reasons, returnComment: comment ?? null }),
  });

export const archiveAchievement = (deps: AchievementsDeps, ctx: RequestContext, id: string) =>
  transition(deps, ctx, id, {
    allowed: (a, r) => canArchive(a, { ...r, status: 'published' }),
    from: ['draft', 'returned', 'published'],
    denied: '只有成果所属单位的管理员或平台运营方可以归档',
    action: 'achievement.archived',
    values: () => ({ status: 'archived', archivedAt: new Date() }),
  });

/** The owner confirms the record is still valid; resets the 12-month staleness clock. */
export const reconfirmAchievement = (deps: AchievementsDeps, ctx: RequestContext, id: string) =>
  transition(deps, ctx, id, {
    allowed: (a, r) => canReconfirm(a, { ...r, status: 'published' }),
    from: ['published'],
    denied: '只有成果所属单位的成员可以确认成果信息',
    action: 'achievement.reconfirmed',
    values: () => ({ lastConfirmedAt: new Date(), staleRemindedAt: null }),
  });

export const selectAchievement = (deps: AchievementsDeps, ctx: RequestContext, id: string, year: number | null) =>
  transition(deps, ctx, id, {
    allowed: (a) => canSelect(a),
    from: ['published'],
    denied: '只有平台运营方可以评选科惠精品',
    action: year ? 'achievement.selected' : 'achievement.unselected',
    values: () => ({ selectionYear: year }),
  });

export async function decideRevision(deps: AchievementsDeps, ctx: RequestContext, id: string, decision: { approve: true } | { approve: false; reasons: FieldReason[]; comment?: string | undefined }) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true);
    if (!canReview(actor, row)) throw forbidden('只有平台运营方或成果所在地区的科技管理部门可以审核');
    const open = await q.selectOpenRevision(tx, row.id);
    if (open?.status !== 'submitted') throw new AppError('invalid_state', '没有待审核的修改');
    if (!decision.approve) {
      const reasons = decision.comment ? [...decision.reasons, { field: '_', message: decision.comment }] : decision.reasons;
      // Back to the owner as an editable draft, with the reasons.
      await q.decideRevision(tx, open.id, { status: 'draft', returnReasons: reasons, decidedBy: actor.userId });
      await recordAudit(tx, ctx, { action: 'achievement.revision_returned', entityType: 'achievement', entityId: row.id, regionCode: row.regionCode, after: { reasons } });
      return detailOf(tx, row, actor);
    }
    const before = dataOf(row as unknown as AchievementData);
    const data = open.data as unknown as AchievementData;
    const after = await q.updateAchievement(tx, row.id, { ...rowValues(data), version: row.version + 1, lastConfirmedAt: new Date() });
    await q.insertVersion(tx, row.id, after.version, data as unknown as Record<string, unknown>, actor.userId);
    await q.decideRevision(tx, open.id, { status: 'approved', decidedBy: actor.userId });
    await recordAudit(tx, ctx, { action: 'achievement.revision_approved', entityType: 'achievement', entityId: row.id, regionCode: row.regionCode, before, after: data });
    return detailOf(tx, after, actor);
  });
}

// ---------- NDA access requests ----------

export async function requestAccess(deps: AchievementsDeps, ctx: RequestContext, id: string, message: string) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, actor, id);
    if (row.disclosureTier !== 'nda') throw new AppError('invalid_state', '该成果无需申请即可查看');
    if (isOwnerMember(actor, row)) throw new AppError('invalid_state', '成果方无需申请');
    const existing = await q.selectAccessRequests(tx, row.id, actor.userId);
    if (existing.some((r) => r.status === 'pending' || r.status === 'granted')) throw new AppError('duplicate', '已提交过申请');
    const req = await q.insertAccessRequest(tx, { achievementId: row.id, requesterUserId: actor.userId, requesterOrganizationId: actor.organizationId, message, ndaAccepted: true });
    await recordAudit(tx, ctx, { action: 'achievement.access_requested', entityType: 'achievement_access_request', entityId: req.id, regionCode: row.regionCode, after: req });
    return presentAccessRequest(req, new Map());
  });
}

function presentAccessRequest(r: q.AccessRequestRow, names: Map<string, string>) {
  return {
    id: r.id,
    achievementId: r.achievementId,
    requesterUserId: r.requesterUserId,
    requesterOrganizationName: r.requesterOrganizationId ? (names.get(r.requesterOrganizationId) ?? null) : null,
    message: r.message,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  };
}

export async function listAccessRequests(deps: AchievementsDeps, actor: Actor, id: string) {
  const row = await load(deps.db, actor, id);
  if (!isOwnerMember(actor, row)) throw forbidden('只有成果方可以查看访问申请');
  const list = await q.selectAccessRequests(deps.db, row.id);
  const names = await organizationNames(deps.db, list.map((r) => r.requesterOrganizationId).filter((x): x is string => Boolean(x)));
  return { items: list.map((r) => presentAccessRequest(r, names)) };
}

export async function decideAccess(deps: AchievementsDeps, ctx: RequestContext, id: string, requestId: string, status: 'granted' | 'refused' | 'revoked') {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, actor, id);
    if (!isOwnerAdmin(actor, row) && !isOwnerMember(actor, row)) throw forbidden('只有成果方可以处理访问申请');
    const req = await q.selectAccessRequest(tx, requestId);
    if (!req || req.achievementId !== row.id) throw notFound('访问申请');
    const allowedFrom = status === 'revoked' ? ['granted'] : ['pending'];
    if (!allowedFrom.includes(req.status)) throw new AppError('invalid_state', '该申请当前状态不能执行此操作');
    const after = await q.decideAccessRequest(tx, req.id, status, actor.userId);
    await recordAudit(tx, ctx, { action: `achievement.access_${status}`, entityType: 'achievement_access_request', entityId: req.id, regionCode: row.regionCode, before: { status: req.status }, after: { status } });
    return after ? presentAccessRequest(after, new Map()) : null;
  });
}

// ---------- library views ----------

export async function projectLibrary(deps: AchievementsDeps) {
  return { groups: await q.projectLibraryGroups(deps.db) };
}

export async function selections(deps: AchievementsDeps) {
  return { years: (await q.selectionYears(deps.db)).map((y) => ({ year: y.year ?? 0, count: y.n })) };
}

export async function statusCounts(deps: AchievementsDeps) {
  const rows = await q.countByStatus(deps.db);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/**
 * Marks published records not confirmed for 12 months as reminded and tells the owner (audit entry
 * now; an in-app notice when notifications land). Returns the number reminded.
 */
export async function remindStaleOwners(deps: Pick<AchievementsDeps, 'db'>, ctx: RequestContext, now = new Date()) {
  // Remind again at most every 30 days while the record stays unconfirmed.
  const due = await q.staleDue(deps.db, new Date(now.getTime() - STALE_AFTER_MS), new Date(now.getTime() - 30 * 24 * 3600_000));
  for (const r of due) {
    await deps.db.transaction(async (tx) => {
      await q.updateAchievement(tx, r.id, { staleRemindedAt: now });
      await recordAudit(tx, ctx, { action: 'achievement.stale_reminded', entityType: 'achievement', entityId: r.id, regionCode: r.regionCode });
    });
  }
  return due.length;
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

export async function uploadAttachment(deps: AchievementsDeps, ctx: RequestContext, id: string, fileName: string, bytes: Buffer) {
  const actor = mustActor(ctx);
  // Permission before content: a stranger learns nothing from the file checks.
  const row = await load(deps.db, actor, id);
  if (!isOwnerMember(actor, row)) throw forbidden('只有成果所属单位的成员可以上传附件');
  if (row.status === 'archived') throw new AppError('invalid_state', '已归档的成果不能上传附件');
  if (bytes.length === 0) throw fieldError('file', '文件为空');
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('payload_too_large', '附件不能超过 20 MB');
  const type = sniffMediaType(bytes);
  if (!type) throw fieldError('file', '不支持的文件类型：附件只能是 PDF、图片（PNG/JPEG/GIF/WebP）或 Office 文档，按文件内容判断');
  const sha256 = await deps.files.put(bytes);
  return deps.db.transaction(async (tx) => {
    // Counted inside the transaction, under the record's row lock, so two uploads cannot both be the 11th.
    await load(tx, actor, id, true);
    if ((await q.countAttachments(tx, row.id)) >= MAX_ATTACHMENTS) throw new AppError('invalid_state', `每项成果最多 ${MAX_ATTACHMENTS} 个附件`);
    const name = cleanFileName(fileName);
    const att = await q.insertAttachment(tx, { achievementId: row.id, fileName: name, mediaType: type.mediaType, sizeBytes: bytes.length, sha256, uploadedBy: actor.userId });
    await recordAudit(tx, ctx, { action: 'achievement.attachment_added', entityType: 'achievement', entityId: row.id, regionCode: row.regionCode, after: { fileName: name, mediaType: type.mediaType, sizeBytes: bytes.length, sha256 } });
    return { id: att.id, fileName: att.fileName, mediaType: att.mediaType, sizeBytes: att.sizeBytes, createdAt: att.createdAt.toISOString() };
  });
}

export async function openAttachment(deps: AchievementsDeps, actor: Actor | null, id: string, attachmentId: string) {
  const row = await load(deps.db, actor, id);
  const granted = actor ? await q.hasGrantedAccess(deps.db, row.id, actor.userId) : false;
  if (!canSeeGated(actor, row, granted)) throw notFound('附件');
  const att = await q.selectAttachment(deps.db, row.id, attachmentId);
  if (!att) throw notFound('附件');
  return { fileName: att.fileName, mediaType: att.mediaType, sizeBytes: att.sizeBytes, stream: deps.files.open(att.sha256) };
}

export async function deleteAttachment(deps: AchievementsDeps, ctx: RequestContext, id: string, attachmentId: string) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true);
    if (!isOwnerMember(actor, row)) throw forbidden('只有成果所属单位的成员可以删除附件');
    const att = await q.selectAttachment(tx, row.id, attachmentId);
    if (!att) throw notFound('附件');
    await q.deleteAttachment(tx, att.id);
    await recordAudit(tx, ctx, { action: 'achievement.attachment_removed', entityType: 'achievement', entityId: row.id, regionCode: row.regionCode, before: { fileName: att.fileName, sha256: att.sha256 } });
  });
}

// ---------- export ----------

/** The public list, filtered like GET /api/achievements, as xlsx or CSV in the template's columns. */
export function exportAchievements(deps: AchievementsDeps, actor: Actor | null, query: AchievementListQuery, format: 'xlsx' | 'csv') {
  const { page: _p, pageSize: _s, sort: _o, ...rest } = query;
  const f = { ...filterOf(rest), status: ['published'] };
  async function* rows(): AsyncGenerator<ExportRow[]> {
    for await (const batch of q.iterateAchievements(deps.db, { all: true }, f)) {
      // NDA-tier details are left out of exports unless the caller always sees them (owner, reviewers).
      yield batch.map((row) => ({ row, gatedVisible: canSeeGated(actor, row, false), contactVisible: canSeeContact(actor) }));
    }
  }
  return format === 'xlsx' ? exportXlsx(rows(), regionName) : exportCsv(rows(), regionName);
}
