/**
 * 全流程追溯: from any record of a deal's chain — demand → match → listing/deal → contract →
 * subsidy — the linked records the caller may see, and one timeline of what happened to them.
 */
import type { Actor } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { formatFen } from '../../platform/money.js';
import { ACHIEVEMENT_STATUSES, labelOf } from '../achievements/achievement-codes.js';
import { DEMAND_STATUSES } from '../demands/demand-codes.js';
import { DEAL_STATUSES, LISTING_STATUSES, listingLabelOf } from '../listings/listing-codes.js';
import { canSeeAchievement, canSeeApplication, canSeeContract, canSeeDeal, canSeeDemand, canSeeListing } from './trace.policy.js';
import * as q from './trace.queries.js';

export const TRACE_KINDS = ['demand', 'achievement', 'listing', 'deal', 'contract', 'subsidy'] as const;
export type TraceKind = (typeof TRACE_KINDS)[number];

export interface TraceNode {
  kind: TraceKind;
  id: string;
  title: string;
  status: string;
  statusLabel: string;
  /** For a deal: its listing (the page that shows it). */
  listingId?: string | undefined;
}
export interface TraceEvent {
  at: string;
  kind: TraceKind;
  id: string;
  label: string;
}
export interface Trace {
  root: { kind: TraceKind; id: string };
  nodes: TraceNode[];
  edges: { from: string; to: string }[];
  events: TraceEvent[];
}

const CONTRACT_STATUS_LABELS: Record<string, string> = {
  submitted: '待受理',
  accepted: '已受理',
  registered: '已登记',
  refused: '未予登记',
  withdrawn: '已撤回',
};
const SUBSIDY_STATUS_LABELS: Record<string, string> = {
  submitted: '已申请',
  under_review: '审核中',
  approved: '已批准',
  rejected: '未批准',
  withdrawn: '已撤回',
  disbursed: '已拨付',
};

/** Rounds of following links; a chain is at most demand → achievement → listing → deal → contract → subsidy. */
const MAX_ROUNDS = 6;

type Ids = Record<TraceKind, Set<string>>;

export async function traceOf(db: Db, actor: Actor | null, kind: TraceKind, id: string): Promise<Trace> {
  const ids: Ids = { demand: new Set(), achievement: new Set(), listing: new Set(), deal: new Set(), contract: new Set(), subsidy: new Set() };
  ids[kind].add(id);
  let loaded = await load(db, ids);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const before = size(ids);
    for (const d of loaded.demands) for (const a of d.matchedAchievementIds) ids.achievement.add(a);
    for (const l of loaded.listings) ids.achievement.add(l.achievementId);
    for (const d of loaded.deals) {
      ids.listing.add(d.listingId);
      ids.achievement.add(d.achievementId);
      if (d.contractId) ids.contract.add(d.contractId);
    }
    for (const c of loaded.contracts) {
      if (c.dealId) ids.deal.add(c.dealId);
      if (c.achievementId) ids.achievement.add(c.achievementId);
      if (c.demandId) ids.demand.add(c.demandId);
    }
    for (const s of loaded.applications) {
      if (s.contractId) ids.contract.add(s.contractId);
      if (s.dealId) ids.deal.add(s.dealId);
      if (s.achievementId) ids.achievement.add(s.achievementId);
    }
    for (const r of loaded.demands) ids.demand.add(r.id);
    for (const r of loaded.listings) ids.listing.add(r.id);
    for (const r of loaded.deals) ids.deal.add(r.id);
    for (const r of loaded.contracts) ids.contract.add(r.id);
    for (const r of loaded.applications) ids.subsidy.add(r.id);
    if (size(ids) === before && round > 0) break;
    loaded = await load(db, ids);
  }
  return assemble(actor, kind, id, loaded);
}

function size(ids: Ids): number {
  return Object.values(ids).reduce((n, s) => n + s.size, 0);
}

async function load(db: Db, ids: Ids) {
  const achievementIds = [...ids.achievement];
  const demands = await q.selectDemands(db, [...ids.demand], achievementIds);
  const achievements = await q.selectAchievements(db, achievementIds);
  const listings = await q.selectListings(db, [...ids.listing], achievementIds);
  const deals = await q.selectDeals(db, [...ids.deal], listings.map((l) => l.id));
  const contracts = await q.selectContracts(db, {
    ids: [...ids.contract],
    dealIds: deals.map((d) => d.id),
    achievementIds,
    demandIds: demands.map((d) => d.id),
  });
  const parties = await q.selectContractPartyOrgs(db, contracts.map((c) => c.id));
  const applications = await q.selectApplications(db, {
    ids: [...ids.subsidy],
    contractIds: contracts.map((c) => c.id),
    dealIds: deals.map((d) => d.id),
    achievementIds,
  });
  const disbursements = await q.selectDisbursements(db, applications.map((s) => s.id));
  return { demands, achievements, listings, deals, contracts, parties, applications, disbursements };
}

type Loaded = Awaited<ReturnType<typeof load>>;

function assemble(actor: Actor | null, rootKind: TraceKind, rootId: string, l: Loaded): Trace {
  const nodes: TraceNode[] = [];
  const events: TraceEvent[] = [];
  const visible = new Set<string>();
  const event = (at: Date | null | undefined, kind: TraceKind, id: string, label: string) => {
    if (at) events.push({ at: at.toISOString(), kind, id, label });
  };

  for (const d of l.demands) {
    if (!canSeeDemand(actor, d)) continue;
    visible.add(d.id);
    nodes.push({ kind: 'demand', id: d.id, title: d.title, status: d.status, statusLabel: labelOf(DEMAND_STATUSES, d.status) ?? d.status });
    event(d.publishedAt, 'demand', d.id, `需求「${d.title}」发布`);
    event(d.claimedAt, 'demand', d.id, '需求被认领');
    event(d.matchedAt, 'demand', d.id, '需求匹配到成果或合作单位');
    event(d.contractedAt, 'demand', d.id, '需求签订技术合同');
    event(d.closedAt, 'demand', d.id, '需求关闭');
  }
  for (const a of l.achievements) {
    if (!canSeeAchievement(actor, a)) continue;
    visible.add(a.id);
    nodes.push({ kind: 'achievement', id: a.id, title: a.title, status: a.status, statusLabel: labelOf(ACHIEVEMENT_STATUSES, a.status) ?? a.status });
    event(a.publishedAt, 'achievement', a.id, `成果「${a.title}」发布`);
  }
  for (const r of l.listings) {
    if (!canSeeListing(actor, r)) continue;
    visible.add(r.id);
    nodes.push({ kind: 'listing', id: r.id, title: r.title, status: r.status, statusLabel: listingLabelOf(LISTING_STATUSES, r.status) });
    event(r.submittedAt, 'listing', r.id, `申请挂牌，挂牌价 ¥${formatFen(r.priceFen)}`);
    event(r.approvedAt, 'listing', r.id, `挂牌审核通过，公示期 ${r.publicityStart ?? ''} 至 ${r.publicityEnd ?? ''}`);
    event(r.openedAt, 'listing', r.id, '公示期满，开始挂牌');
    if (['expired', 'withdrawn'].includes(r.status)) event(r.closedAt, 'listing', r.id, r.status === 'expired' ? '挂牌期满，未成交' : '挂牌撤销');
  }
  for (const d of l.deals) {
    if (!canSeeDeal()) continue;
    visible.add(d.id);
    const listing = l.listings.find((x) => x.id === d.listingId);
    nodes.push({
      kind: 'deal',
      id: d.id,
      title: listing ? `摘牌成交：${listing.title}` : '摘牌成交',
      status: d.status,
      statusLabel: listingLabelOf(DEAL_STATUSES, d.status),
      listingId: d.listingId,
    });
    event(d.createdAt, 'deal', d.id, `摘牌成交，成交价 ¥${formatFen(d.priceFen)}，成交公示至 ${d.noticeEnd}`);
    event(d.noticeEndedAt, 'deal', d.id, '成交公示期满');
  }
  for (const c of l.contracts) {
    const partyOrganizationIds = [c.submittedByOrganizationId, ...l.parties.filter((p) => p.contractId === c.id).map((p) => p.organizationId)];
    if (!canSeeContract(actor, { ...c, partyOrganizationIds })) continue;
    visible.add(c.id);
    nodes.push({ kind: 'contract', id: c.id, title: c.title, status: c.status, statusLabel: CONTRACT_STATUS_LABELS[c.status] ?? c.status });
    event(c.submittedAt, 'contract', c.id, '提交技术合同认定登记');
    event(c.acceptedAt, 'contract', c.id, '登记机构受理');
    if (c.status === 'registered') event(c.decidedAt, 'contract', c.id, `合同登记，登记编号 ${c.registrationNumber ?? ''}`);
    if (c.status === 'refused') event(c.decidedAt, 'contract', c.id, '未予登记');
  }
  for (const s of l.applications) {
    if (!canSeeApplication(actor, s)) continue;
    visible.add(s.id);
    nodes.push({ kind: 'subsidy', id: s.id, title: s.programmeName, status: s.status, statusLabel: SUBSIDY_STATUS_LABELS[s.status] ?? s.status });
    event(s.createdAt, 'subsidy', s.id, `申请「${s.programmeName}」，测算 ¥${formatFen(s.computedFen)}`);
    if (s.reviewedAt) event(s.reviewedAt, 'subsidy', s.id, s.approvedFen !== null ? `补助批准 ¥${formatFen(s.approvedFen)}` : '补助未批准');
    for (const p of l.disbursements.filter((x) => x.applicationId === s.id)) event(p.createdAt, 'subsidy', s.id, `拨付 ¥${formatFen(p.amountFen)}`);
  }
  if (!visible.has(rootId)) throw notFound('记录');

  const edges: { from: string; to: string }[] = [];
  const link = (from: string | null | undefined, to: string | null | undefined) => {
    if (from && to && visible.has(from) && visible.has(to) && !edges.some((e) => e.from === from && e.to === to)) edges.push({ from, to });
  };
  for (const d of l.demands) for (const a of d.matchedAchievementIds) link(d.id, a);
  for (const r of l.listings) link(r.achievementId, r.id);
  for (const d of l.deals) {
    link(d.listingId, d.id);
    link(d.id, d.contractId);
  }
  for (const c of l.contracts) {
    link(c.demandId, c.id);
    link(c.dealId, c.id);
    if (!c.dealId) link(c.achievementId, c.id);
  }
  for (const s of l.applications) link(s.contractId ?? s.dealId ?? s.achievementId, s.id);

  const order: Record<TraceKind, number> = { demand: 0, achievement: 1, listing: 2, deal: 3, contract: 4, subsidy: 5 };
  nodes.sort((a, b) => order[a.kind] - order[b.kind]);
  events.sort((a, b) => a.at.localeCompare(b.at) || order[a.kind] - order[b.kind]);
  return { root: { kind: rootKind, id: rootId }, nodes, edges, events };
}
