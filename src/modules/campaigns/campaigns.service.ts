import { type Actor, mustActor, type RequestContext } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { AppError, type FieldError, forbidden, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { isWithinRegion, regionByCode, regionName } from '../regions/index.js';
import {
  breakdownKeyOf,
  campaignStatus,
  campaignStatusLabel,
  commonAncestor,
  daysBetween,
  MAX_PERIOD_DAYS,
  monthsBetween,
  regionListIssues,
  shanghaiToday,
} from './campaign-rules.js';
import * as q from './campaigns.queries.js';
import type { CampaignRow, EventRow, RawActuals, VisitRow } from './campaigns.queries.js';
import {
  campaignActions,
  canCreateIn,
  canEditEvent,
  canManage,
  canRecordEventAt,
  canRecordEvents,
  canRecordVisitAt,
  canRecordVisits,
  canViewVisits,
  organizesEvent,
  visitScopeOf,
} from './campaigns.policy.js';
import type {
  CampaignDetail,
  CampaignListQuery,
  CampaignPatch,
  CampaignSummary,
  CreateCampaign,
  CreateEvent,
  CreateVisit,
  EventOut,
  EventPatch,
  VisitOut,
} from './campaigns.schemas.js';

export interface CampaignsDeps {
  db: Db;
  /** The clock, for tests of status and "held" (defaults to now). */
  now?: () => Date;
}

/** Demand statuses shown on the public board (the demands module's PUBLIC_DEMAND_STATUSES). */
const PUBLIC_DEMAND_STATUSES = new Set(['published', 'claimed', 'docking', 'matched', 'contracted']);

const todayOf = (deps: CampaignsDeps) => shanghaiToday(deps.now?.() ?? new Date());
const nameOf = (code: string) => regionName(code) ?? code;
/** Whether `code` lies inside one of the campaign's regions. */
const inCampaign = (row: Pick<CampaignRow, 'regionCodes'>, code: string) => row.regionCodes.some((r) => isWithinRegion(code, r));
const regionsText = (row: CampaignRow) => row.regionCodes.map(nameOf).join('、');

function failIfAny(errors: FieldError[]) {
  const first = errors[0];
  if (first) throw new AppError('validation_failed', errors.length === 1 ? first.message : `有 ${errors.length} 处输入有误`, { errors });
}

// ---------- presenters ----------

function summaryOf(r: CampaignRow, actuals: RawActuals | undefined, actor: Actor | null, today: string): CampaignSummary {
  const status = campaignStatus(r.startsOn, r.endsOn, today);
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    regions: r.regionCodes.map((code) => ({ code, name: nameOf(code) })),
    scopeRegionCode: r.scopeRegionCode,
    scopeRegionName: regionName(r.scopeRegionCode),
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    status,
    statusLabel: campaignStatusLabel(status),
    targets: { visits: r.targetVisits, demands: r.targetDemands, events: r.targetEvents },
    actuals: actuals ?? { visits: 0, enterprisesVisited: 0, demands: 0, eventsHeld: 0, eventsPlanned: 0, participants: 0, intentionsSigned: 0, demandsPresented: 0, achievementsPresented: 0 },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    allowedActions: campaignActions(actor, r),
  };
}

async function seriesOf(db: Db, r: CampaignRow, today: string): Promise<CampaignDetail['series']> {
  const counts = await q.monthlyCounts(db, r.id, today);
  const months = new Set(monthsBetween(r.startsOn, r.endsOn));
  for (const list of [counts.visits, counts.demands, counts.events]) for (const row of list) months.add(row.month);
  const at = (list: { month: string; n: number }[], month: string) => list.find((row) => row.month === month)?.n ?? 0;
  return [...months].sort().map((month) => ({
    month,
    visits: at(counts.visits, month),
    demands: at(counts.demands, month),
    events: at(counts.events, month),
  }));
}

async function byRegionOf(db: Db, r: CampaignRow, today: string): Promise<CampaignDetail['byRegion']> {
  const counts = await q.regionalCounts(db, r.id, today);
  type Row = CampaignDetail['byRegion'][number] & { keys: Set<string> };
  const rows = new Map<string, Row>();
  const OTHER = 'other';
  const rowOf = (regionCode: string): Row => {
    const key = breakdownKeyOf(regionCode, r.regionCodes) ?? OTHER;
    let row = rows.get(key);
    if (!row) {
      const name = key === OTHER ? '活动地区以外' : key === r.regionCodes[0] && r.regionCodes.length === 1 ? `${nameOf(key)}（本级）` : nameOf(key);
      row = { code: key, name, visits: 0, enterprisesVisited: 0, demands: 0, events: 0, keys: new Set() };
      rows.set(key, row);
    }
    return row;
  };
  // Every campaign region gets a row, also without records yet.
  if (r.regionCodes.length > 1) for (const code of r.regionCodes) rowOf(code);
  for (const v of counts.visits) rowOf(v.regionCode).visits += v.n;
  for (const e of counts.enterprises) rowOf(e.regionCode).keys.add(e.key);
  for (const d of counts.demands) rowOf(d.regionCode).demands += d.n;
  for (const e of counts.events) rowOf(e.regionCode).events += e.n;
  return [...rows.values()]
    .sort((a, b) => (a.code === OTHER ? 1 : b.code === OTHER ? -1 : a.code.localeCompare(b.code)))
    .map(({ keys, ...row }) => ({ ...row, enterprisesVisited: keys.size }));
}

async function detailOf(db: Db, r: CampaignRow, actor: Actor | null, today: string): Promise<CampaignDetail> {
  const actuals = await q.actualsOf(db, [r.id], today);
  return {
    ...summaryOf(r, actuals.get(r.id), actor, today),
    series: await seriesOf(db, r, today),
    byRegion: await byRegionOf(db, r, today),
  };
}

function visitOf(v: VisitRow, demandsCollected: number): VisitOut {
  return {
    id: v.id,
    campaignId: v.campaignId,
    enterpriseOrganizationId: v.enterpriseOrganizationId,
    enterpriseName: v.enterpriseName,
    regionCode: v.regionCode,
    regionName: regionName(v.regionCode),
    visitedOn: v.visitedOn,
    team: v.team,
    notes: v.notes,
    demandsCollected,
    createdAt: v.createdAt.toISOString(),
    // Demands are posted for a registered enterprise (the demands API needs its id).
    allowedActions: v.enterpriseOrganizationId ? ['collectDemand'] : [],
  };
}

async function eventsOf(db: Db, rows: EventRow[], actor: Actor | null, today: string): Promise<EventOut[]> {
  const demandIds = [...new Set(rows.flatMap((e) => e.demandIds))];
  const achievementIds = [...new Set(rows.flatMap((e) => e.achievementIds))];
  const [demandRows, achievementRows] = await Promise.all([q.demandBriefs(db, demandIds), q.achievementBriefs(db, achievementIds)]);
  const demandsById = new Map(demandRows.map((d) => [d.id, d]));
  const achievementsById = new Map(achievementRows.map((a) => [a.id, a]));
  return rows.map((e) => {
    const organizer = organizesEvent(actor, e);
    // The public sees presented records that are public themselves; organizers see every title.
    const demands = e.demandIds.flatMap((id) => {
      const d = demandsById.get(id);
      return d && (organizer || PUBLIC_DEMAND_STATUSES.has(d.status)) ? [{ id, title: d.title }] : [];
    });
    const achievements = e.achievementIds.flatMap((id) => {
      const a = achievementsById.get(id);
      return a && (organizer || a.status === 'published') ? [{ id, title: a.title }] : [];
    });
    return {
      id: e.id,
      campaignId: e.campaignId,
      title: e.title,
      heldOn: e.heldOn,
      isHeld: e.heldOn <= today,
      place: e.place,
      regionCode: e.regionCode,
      regionName: regionName(e.regionCode),
      participantCount: e.participantCount,
      participants: organizer ? e.participants : null,
      demands,
      achievements,
      hiddenPresented: e.demandIds.length + e.achievementIds.length - demands.length - achievements.length,
      demandIds: organizer ? e.demandIds : null,
      achievementIds: organizer ? e.achievementIds : null,
      intentionsSigned: e.intentionsSigned,
      outcomes: e.outcomes,
      createdAt: e.createdAt.toISOString(),
      allowedActions: canEditEvent(actor, e) ? ['edit'] : [],
    };
  });
}

// ---------- campaigns ----------

export async function listCampaigns(deps: CampaignsDeps, actor: Actor | null, query: CampaignListQuery) {
  const today = todayOf(deps);
  const { page, pageSize, ...f } = query;
  const { items, total } = await q.listCampaigns(deps.db, f, today, page, pageSize);
  const actuals = await q.actualsOf(deps.db, items.map((r) => r.id), today);
  return { items: items.map((r) => summaryOf(r, actuals.get(r.id), actor, today)), total, page, pageSize };
}

async function load(db: Db, id: string, forUpdate = false): Promise<CampaignRow> {
  const row = forUpdate ? await q.selectCampaignForUpdate(db, id) : await q.selectCampaign(db, id);
  if (!row) throw notFound('科惠行动');
  return row;
}

export async function getCampaign(deps: CampaignsDeps, actor: Actor | null, id: string) {
  return detailOf(deps.db, await load(deps.db, id), actor, todayOf(deps));
}

interface CampaignValues {
  name: string;
  description: string;
  regionCodes: string[];
  startsOn: string;
  endsOn: string;
  targetVisits: number;
  targetDemands: number;
  targetEvents: number;
}

/** Cross-field rules of a campaign, every problem at its path; returns the scope region. */
function checkCampaign(v: CampaignValues): string {
  const errors: FieldError[] = [];
  const unknown = v.regionCodes.flatMap((code, i) => (regionByCode(code) ? [] : [{ path: `regionCodes.${i}`, message: `地区代码 ${code} 不存在` }]));
  errors.push(...unknown);
  if (!unknown.length) errors.push(...regionListIssues(v.regionCodes, nameOf).map((x) => ({ path: `regionCodes.${x.index}`, message: x.message })));
  if (v.endsOn < v.startsOn) errors.push({ path: 'endsOn', message: '结束日期不能早于开始日期' });
  else if (daysBetween(v.startsOn, v.endsOn) > MAX_PERIOD_DAYS) errors.push({ path: 'endsOn', message: '活动周期不能超过 3 年' });
  failIfAny(errors);
  const scope = commonAncestor(v.regionCodes);
  if (!scope) throw new AppError('validation_failed', '所选地区应属于同一省份', { errors: [{ path: 'regionCodes', message: '所选地区应属于同一省份' }] });
  return scope;
}

function ownRegionsText(actor: Actor): string {
  const names = actor.roles.filter((r) => r.role === 'gov_admin' && r.regionCode).map((r) => nameOf(r.regionCode ?? ''));
  return names.length ? names.join('、') : '本辖区';
}

export async function createCampaign(deps: CampaignsDeps, ctx: RequestContext, input: CreateCampaign) {
  const actor = mustActor(ctx);
  const scopeRegionCode = checkCampaign(input);
  if (!canCreateIn(actor, input.regionCodes)) {
    throw forbidden(`只能在${ownRegionsText(actor)}范围内发起科惠行动`);
  }
  return deps.db.transaction(async (tx) => {
    const row = await q.insertCampaign(tx, { ...input, scopeRegionCode, createdBy: actor.userId });
    await recordAudit(tx, ctx, { action: 'campaign.created', entityType: 'campaign', entityId: row.id, regionCode: scopeRegionCode, after: input });
    return detailOf(tx, row, actor, todayOf(deps));
  });
}

export async function updateCampaign(deps: CampaignsDeps, ctx: RequestContext, id: string, patch: CampaignPatch) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, id, true);
    if (!canManage(actor, row)) throw forbidden(`只有平台运营方或管辖「${nameOf(row.scopeRegionCode)}」的科技管理部门可以修改本次活动`);
    const before: CampaignValues = {
      name: row.name,
      description: row.description,
      regionCodes: row.regionCodes,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      targetVisits: row.targetVisits,
      targetDemands: row.targetDemands,
      targetEvents: row.targetEvents,
    };
    const next: CampaignValues = { ...before, ...patch };
    const scopeRegionCode = checkCampaign(next);
    if (!canCreateIn(actor, next.regionCodes)) throw forbidden(`只能在${ownRegionsText(actor)}范围内开展科惠行动`);
    // Visits and events already recorded must stay inside the period and the regions.
    const extent = await q.recordsExtent(tx, row.id);
    const errors: FieldError[] = [];
    if (extent.firstDay && next.startsOn > extent.firstDay) errors.push({ path: 'startsOn', message: `已有 ${extent.firstDay} 的走访或对接活动记录，开始日期不能晚于该日` });
    if (extent.lastDay && next.endsOn < extent.lastDay) errors.push({ path: 'endsOn', message: `已有 ${extent.lastDay} 的走访或对接活动记录，结束日期不能早于该日` });
    const stranded = extent.regionCodes.filter((code) => !inCampaign(next, code));
    if (stranded.length) errors.push({ path: 'regionCodes', message: `已有走访或对接活动记录在${stranded.map(nameOf).join('、')}，活动地区须包含这些地区` });
    failIfAny(errors);
    const after = await q.updateCampaign(tx, row.id, { ...patch, scopeRegionCode });
    const changed = Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof CampaignValues]]));
    await recordAudit(tx, ctx, { action: 'campaign.updated', entityType: 'campaign', entityId: row.id, regionCode: scopeRegionCode, before: changed, after: patch });
    return detailOf(tx, after, actor, todayOf(deps));
  });
}

// ---------- visits ----------

export async function listVisits(deps: CampaignsDeps, actor: Actor, id: string, page: number, pageSize: number) {
  const row = await load(deps.db, id);
  if (!canViewVisits(actor, row)) throw forbidden('只有活动组织方和参与走访的技术经纪人可以查看走访记录');
  const { items, total } = await q.listVisits(deps.db, row.id, visitScopeOf(actor), page, pageSize);
  const collected = await q.demandsPerVisit(deps.db, items.map((v) => v.id));
  return { items: items.map((v) => visitOf(v, collected.get(v.id) ?? 0)), total, page, pageSize };
}

export async function recordVisit(deps: CampaignsDeps, ctx: RequestContext, id: string, input: CreateVisit) {
  const actor = mustActor(ctx);
  const today = todayOf(deps);
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, id, true);
    if (!canRecordVisits(actor, row)) throw forbidden('只有平台运营方、参与本次活动的科技管理部门和技术经纪人可以记录走访');
    const errors: FieldError[] = [];
    let enterpriseName = input.enterpriseName?.trim() ?? '';
    let regionCode = input.regionCode ?? null;
    const orgId = input.enterpriseOrganizationId ?? null;
    if (orgId) {
      const org = await q.selectOrganizationBrief(tx, orgId);
      if (!org) errors.push({ path: 'enterpriseOrganizationId', message: '所选企业不存在' });
      else if (org.type !== 'enterprise') errors.push({ path: 'enterpriseOrganizationId', message: `「${org.name}」不是企业，走访对象应为企业` });
      else {
        enterpriseName = org.name;
        regionCode ??= org.regionCode;
      }
    } else if (!enterpriseName) {
      errors.push({ path: 'enterpriseName', message: '请选择已入驻的企业或填写企业名称' });
    }
    if (!regionCode) {
      if (!orgId) errors.push({ path: 'regionCode', message: '请选择企业所在地区' });
    } else if (!regionByCode(regionCode)) {
      errors.push({ path: 'regionCode', message: `地区代码 ${regionCode} 不存在` });
    } else if (!inCampaign(row, regionCode)) {
      errors.push({ path: 'regionCode', message: `企业所在地区「${nameOf(regionCode)}」不在本次活动范围（${regionsText(row)}）内` });
    }
    if (input.visitedOn < row.startsOn || input.visitedOn > row.endsOn) {
      errors.push({ path: 'visitedOn', message: `走访日期应在活动周期 ${row.startsOn} 至 ${row.endsOn} 之内` });
    } else if (input.visitedOn > today) {
      errors.push({ path: 'visitedOn', message: '走访日期不能晚于今天' });
    }
    failIfAny(errors);
    if (!regionCode) throw new AppError('validation_failed', '请选择企业所在地区', { errors: [{ path: 'regionCode', message: '请选择企业所在地区' }] });
    if (!canRecordVisitAt(actor, regionCode)) throw forbidden(`只能记录${ownRegionsText(actor)}范围内的走访`);
    if (await q.findSameDayVisit(tx, row.id, input.visitedOn, orgId, enterpriseName)) {
      throw new AppError('duplicate', `「${enterpriseName}」${input.visitedOn} 的走访已记录`, { errors: [{ path: 'visitedOn', message: '该企业当天的走访已记录' }] });
    }
    const visit = await q.insertVisit(tx, {
      campaignId: row.id,
      enterpriseOrganizationId: orgId,
      enterpriseName,
      regionCode,
      visitedOn: input.visitedOn,
      team: input.team,
      notes: input.notes,
      createdBy: actor.userId,
    });
    await recordAudit(tx, ctx, { action: 'campaign.visit_recorded', entityType: 'campaign', entityId: row.id, regionCode: row.scopeRegionCode, after: visit });
    return visitOf(visit, 0);
  });
}

// ---------- events ----------

export async function listEvents(deps: CampaignsDeps, actor: Actor | null, id: string) {
  const row = await load(deps.db, id);
  return { items: await eventsOf(deps.db, await q.listEvents(deps.db, row.id), actor, todayOf(deps)) };
}

export async function getEvent(deps: CampaignsDeps, actor: Actor | null, id: string, eventId: string) {
  const row = await load(deps.db, id);
  const event = await q.selectEvent(deps.db, row.id, eventId);
  if (!event) throw notFound('对接活动');
  const [out] = await eventsOf(deps.db, [event], actor, todayOf(deps));
  if (!out) throw notFound('对接活动');
  return out;
}

interface EventValues {
  title: string;
  heldOn: string;
  place: string;
  regionCode: string | null;
  participantCount: number;
  participants: string[];
  demandIds: string[];
  achievementIds: string[];
  intentionsSigned: number;
  outcomes: string;
}

/** Cross-field rules of an event; returns its region. Presented records must exist. */
async function checkEvent(db: Db, row: CampaignRow, v: EventValues): Promise<string> {
  const errors: FieldError[] = [];
  if (v.heldOn < row.startsOn || v.heldOn > row.endsOn) errors.push({ path: 'heldOn', message: `举办日期应在活动周期 ${row.startsOn} 至 ${row.endsOn} 之内` });
  const regionCode = v.regionCode ?? (row.regionCodes.length === 1 ? (row.regionCodes[0] ?? null) : null);
  if (!regionCode) errors.push({ path: 'regionCode', message: '请选择举办地区' });
  else if (!regionByCode(regionCode)) errors.push({ path: 'regionCode', message: `地区代码 ${regionCode} 不存在` });
  else if (!inCampaign(row, regionCode)) errors.push({ path: 'regionCode', message: `举办地区「${nameOf(regionCode)}」不在本次活动范围（${regionsText(row)}）内` });
  const [foundDemands, foundAchievements] = await Promise.all([q.demandBriefs(db, v.demandIds), q.achievementBriefs(db, v.achievementIds)]);
  const demandIds = new Set(foundDemands.map((d) => d.id));
  const achievementIds = new Set(foundAchievements.map((a) => a.id));
  v.demandIds.forEach((id, i) => {
    if (!demandIds.has(id)) errors.push({ path: `demandIds.${i}`, message: '所选需求不存在' });
    else if (v.demandIds.indexOf(id) !== i) errors.push({ path: `demandIds.${i}`, message: '需求重复' });
  });
  v.achievementIds.forEach((id, i) => {
    if (!achievementIds.has(id)) errors.push({ path: `achievementIds.${i}`, message: '所选成果不存在' });
    else if (v.achievementIds.indexOf(id) !== i) errors.push({ path: `achievementIds.${i}`, message: '成果重复' });
  });
  failIfAny(errors);
  if (!regionCode) throw new AppError('validation_failed', '请选择举办地区', { errors: [{ path: 'regionCode', message: '请选择举办地区' }] });
  return regionCode;
}

export async function recordEvent(deps: CampaignsDeps, ctx: RequestContext, id: string, input: CreateEvent) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, id, true);
    if (!canRecordEvents(actor, row)) throw forbidden('只有平台运营方和参与本次活动的科技管理部门可以记录对接活动');
    const regionCode = await checkEvent(tx, row, { ...input, regionCode: input.regionCode ?? null });
    if (!canRecordEventAt(actor, regionCode)) throw forbidden(`只能记录${ownRegionsText(actor)}范围内的对接活动`);
    const event = await q.insertEvent(tx, { ...input, regionCode, campaignId: row.id, createdBy: actor.userId });
    await recordAudit(tx, ctx, { action: 'campaign.event_recorded', entityType: 'campaign', entityId: row.id, regionCode: row.scopeRegionCode, after: event });
    const [out] = await eventsOf(tx, [event], actor, todayOf(deps));
    if (!out) throw new Error('event not presented');
    return out;
  });
}

export async function updateEvent(deps: CampaignsDeps, ctx: RequestContext, id: string, eventId: string, patch: EventPatch) {
  const actor = mustActor(ctx);
  return deps.db.transaction(async (tx) => {
    const row = await load(tx, id, true);
    const event = await q.selectEvent(tx, row.id, eventId, true);
    if (!event) throw notFound('对接活动');
    if (!canEditEvent(actor, event)) throw forbidden('只有平台运营方和活动举办地的科技管理部门可以修改对接活动');
    const next: EventValues = {
      title: patch.title ?? event.title,
      heldOn: patch.heldOn ?? event.heldOn,
      place: patch.place ?? event.place,
      regionCode: patch.regionCode ?? event.regionCode,
      participantCount: patch.participantCount ?? event.participantCount,
      participants: patch.participants ?? event.participants,
      demandIds: patch.demandIds ?? event.demandIds,
      achievementIds: patch.achievementIds ?? event.achievementIds,
      intentionsSigned: patch.intentionsSigned ?? event.intentionsSigned,
      outcomes: patch.outcomes ?? event.outcomes,
    };
    const regionCode = await checkEvent(tx, row, next);
    if (!canRecordEventAt(actor, regionCode)) throw forbidden(`只能把对接活动安排在${ownRegionsText(actor)}范围内`);
    const after = await q.updateEvent(tx, event.id, { ...next, regionCode });
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, event[k as keyof EventRow]]));
    await recordAudit(tx, ctx, { action: 'campaign.event_updated', entityType: 'campaign', entityId: row.id, regionCode: row.scopeRegionCode, before: { eventId: event.id, ...before }, after: { eventId: event.id, ...patch } });
    const [out] = await eventsOf(tx, [after], actor, todayOf(deps));
    if (!out) throw new Error('event not presented');
    return out;
  });
}

// ---------- for other modules ----------

/** A campaign visit by id (the demands module checks `campaignVisitId` against its campaign). */
export async function findCampaignVisit(db: Db, visitId: string): Promise<{ id: string; campaignId: string } | null> {
  const v = await q.selectVisit(db, visitId);
  return v ? { id: v.id, campaignId: v.campaignId } : null;
}
