/**
 * Use cases of the matching module (供需对接): recommendations for a demand, "enterprises that might
 * need this" for an achievement, the score weights (set by the operator, learned from verdicts),
 * and the batch rematch. The score itself is the pure core in match-scoring.ts; this file gathers
 * its inputs: candidates and text relevance from the search index, coded fields and the owners'
 * conversion records from the database.
 */
import type { Actor, RequestContext } from '../../platform/auth.js';
import { systemContext } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { COOPERATION_MODES, INDUSTRIES, KEY_FIELDS, labelOf } from '../achievements/index.js';
import { recordAudit } from '../audit/index.js';
import { demandAccess } from '../demands/index.js';
import { regionName } from '../regions/index.js';
import { candidatesFor, publicListItems, type SearchRuntime, type TextCandidate } from '../search/index.js';
import {
  type AchievementFeatures,
  COMPONENT_LABELS,
  COMPONENTS,
  type Component,
  type ComponentScore,
  DEFAULT_WEIGHTS,
  type DemandFeatures,
  type Labels,
  learnFromVerdict,
  matchScore,
  normalizeWeights,
  scoreMatch,
  type Weights,
} from './match-scoring.js';
import * as q from './matching.queries.js';
import type { AchievementFeatureRow, DemandForMatching } from './matching.queries.js';
import {
  canReadWeights,
  canRematch,
  canSeeAchievement,
  canSeeAchievementDemands,
  canSetWeights,
} from './matching.policy.js';
import type { WeightsInput } from './matching.schemas.js';
import { harvestedMatchFeatures } from '../harvest/index.js';

export interface MatchingDeps {
  db: Db;
  /** The process's search runtime: candidates and text relevance come from its index. */
  search: SearchRuntime;
}

/** Candidates taken from the index per query (BM25 order) before the full score re-ranks them. */
export const CANDIDATES = 200;
/** Recommendations stored per open demand by the rematch. */
export const STORED_PER_DEMAND = 20;
/** Demands per rematch batch: one feature query and one write transaction each. */
const REMATCH_BATCH = 100;
/** Demands shown per enterprise in "enterprises that might need this". */
const DEMANDS_PER_ENTERPRISE = 3;

export const LABELS: Labels = {
  keyField: (c) => labelOf(KEY_FIELDS, c) ?? c,
  industry: (c) => labelOf(INDUSTRIES, c) ?? c,
  cooperationMode: (c) => labelOf(COOPERATION_MODES, c) ?? c,
  region: (c) => regionName(c),
};

const SOURCE_LABELS: Record<string, string> = { default: '默认权重', operator: '运营方设置', learned: '根据反馈学习' };

// ---------- inputs of the score ----------

/**
 * The text a demand is matched on: title, keywords, public summary, description and indicators,
 * in that order (the engine reads the first 256 characters / 24 words of a query, so the most
 * telling parts come first).
 */
export function demandText(d: Pick<DemandForMatching, 'title' | 'keywords' | 'publicSummary' | 'description' | 'indicators'>): string {
  return [d.title, d.keywords.join(' '), d.publicSummary, d.description, d.indicators].filter((s) => s.trim()).join('\n');
}

export function demandFeaturesOf(d: Pick<DemandForMatching, 'keyField' | 'industry' | 'demandType' | 'cooperationModes' | 'budgetMode' | 'budgetMinFen' | 'budgetMaxFen' | 'regionCode'>): DemandFeatures {
  return {
    keyField: d.keyField,
    industry: d.industry,
    demandType: d.demandType,
    cooperationModes: d.cooperationModes,
    budgetMode: d.budgetMode,
    budgetMinFen: d.budgetMinFen,
    budgetMaxFen: d.budgetMaxFen,
    regionCode: d.regionCode,
  };
}

function achievementFeaturesOf(a: AchievementFeatureRow, conversions: ReadonlyMap<string, number>): AchievementFeatures {
  return {
    keyField: a.keyField,
    industry: a.industry,
    trl: a.trl,
    cooperationModes: a.cooperationModes,
    pricingMode: a.pricingMode,
    priceFen: a.priceFen,
    regionCode: a.regionCode,
    ownerConversions: conversions.get(a.ownerOrganizationId) ?? 0,
  };
}

export interface WeightsInForce {
  weights: Weights;
  id: string | null;
  source: 'default' | 'operator' | 'learned';
  createdAt: Date | null;
}

/** The newest stored version, or the defaults when none was ever stored. */
export async function weightsInForce(db: Db): Promise<WeightsInForce> {
  const row = await q.selectCurrentWeights(db);
  if (!row) return { weights: { ...DEFAULT_WEIGHTS }, id: null, source: 'default', createdAt: null };
  return { weights: normalizeWeights(row.weights as Partial<Weights>), id: row.id, source: row.source === 'learned' ? 'learned' : 'operator', createdAt: row.createdAt };
}

const presentWeightsInForce = (w: WeightsInForce) => ({ id: w.id, source: w.source, createdAt: w.createdAt?.toISOString() ?? null });

// ---------- ranking ----------

export interface RankedAchievement {
  achievementId: string;
  ownerOrganizationId: string;
  score: number;
  components: ComponentScore[];
  matchedTerms: string[];
  highlights: TextCandidate['highlights'];
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Scores candidates against one demand and keeps the best `limit`. Text relevance is the
 * candidate's search score over the best present candidate's (1 = the best text match); ties keep
 * the search order.
 */
export function rankCandidates(
  demand: DemandFeatures,
  candidates: readonly TextCandidate[],
  features: ReadonlyMap<string, AchievementFeatureRow>,
  conversions: ReadonlyMap<string, number>,
  weights: Weights,
  limit: number,
): RankedAchievement[] {
  const present = candidates.filter((c) => features.has(c.id));
  const best = present.reduce((m, c) => Math.max(m, c.score), 0);
  // Rank all by the bare score; build components and reasons for the ones shown only.
  const scored = present.map((c) => {
    const a = achievementFeaturesOf(features.get(c.id) as AchievementFeatureRow, conversions);
    const text = best > 0 ? c.score / best : 0;
    return { c, a, text, score: matchScore(demand, a, text, weights) };
  });
  // Array.prototype.sort is stable: equal scores keep the search order.
  scored.sort((x, y) => y.score - x.score);
  return scored.slice(0, limit).map(({ c, a, text }) => {
    const m = scoreMatch(demand, a, text, weights, LABELS);
    const owner = (features.get(c.id) as AchievementFeatureRow).ownerOrganizationId;
    return { achievementId: c.id, ownerOrganizationId: owner, score: m.score, components: m.components, matchedTerms: c.matchedTerms, highlights: c.highlights };
  });
}

/**
 * Achievements for a demand's text, ranked by the full score: one index query for up to
 * {@link CANDIDATES} candidates, one query for their coded fields, one for their owners'
 * conversion records (unless given), then {@link scoreMatch} with the weights in force (unless
 * given). Usable without HTTP (the quality benchmark calls it with text-only demands).
 */
export async function rankAchievementsForText(
  rt: SearchRuntime,
  demand: DemandFeatures,
  text: string,
  limit: number,
  opts: { weights?: Weights; conversions?: ReadonlyMap<string, number>; highlight?: boolean; db?: Db } = {},
): Promise<RankedAchievement[]> {
  const db = opts.db ?? rt.db;
  const candidates = await candidatesFor(rt, text, 'achievement', CANDIDATES, { highlight: opts.highlight === true });
  if (!candidates.length) return [];
  const rows = await q.selectPublishedFeatures(db, candidates.map((c) => c.id));
  const features = new Map(rows.map((r) => [r.id, r]));
  // Achievements harvested from other platforms are candidates too, scored on what their source gave.
  const foreign = candidates.map((c) => c.id).filter((id) => !features.has(id));
  for (const h of await harvestedMatchFeatures(db, foreign)) {
    features.set(h.id, { id: h.id, ownerOrganizationId: '', keyField: h.keyField, industry: null, trl: null, cooperationModes: [], pricingMode: 'negotiable', priceFen: null, regionCode: h.regionCode });
  }
  const conversions = opts.conversions ?? (await q.selectOwnerConversions(db, [...new Set(rows.map((r) => r.ownerOrganizationId))]));
  const weights = opts.weights ?? (await weightsInForce(db)).weights;
  return rankCandidates(demand, candidates, features, conversions, weights, limit);
}

const presentComponents = (components: ComponentScore[]) =>
  components.map((c) => ({ ...c, value: round(c.value), weight: round(c.weight), contribution: round(c.contribution) }));

// ---------- recommendations for a demand ----------

/**
 * Recommended achievements for a demand (推荐成果), computed now with the weights in force. Seen
 * by the demand's enterprise, its active claimant, the operator and the region's gov_admins;
 * others get 403 when the demand is on the public board and 404 when they may not see it at all.
 */
export async function recommendationsForDemand(deps: MatchingDeps, actor: Actor | null, id: string, limit: number) {
  // The demands module decides: recommendations reveal the demand's details through matched terms.
  const access = await demandAccess(deps.db, actor, id);
  const d = access.visible ? await q.selectDemand(deps.db, id) : null;
  if (!d) throw notFound('技术需求');
  if (!access.details) throw forbidden('只有需求所属企业、当前认领机构、平台运营方和所在地区的科技管理部门可以查看推荐成果');
  const w = await weightsInForce(deps.db);
  const ranked = await rankAchievementsForText(deps.search, demandFeaturesOf(d), demandText(d), limit, { weights: w.weights, highlight: true, db: deps.db });
  const records = await publicListItems(deps.search, 'achievement', ranked.map((r) => r.achievementId));
  const items = ranked
    .filter((r) => records.has(r.achievementId))
    .map((r, i) => ({
      rank: i + 1,
      score: round(r.score),
      achievementId: r.achievementId,
      components: presentComponents(r.components),
      matchedTerms: r.matchedTerms,
      highlights: r.highlights,
      achievement: records.get(r.achievementId) as { id: string; title: string },
    }));
  return { demand: { id: d.id, title: d.title, status: d.status }, weights: presentWeightsInForce(w), items };
}

// ---------- enterprises that might need an achievement ----------

/**
 * Open public demands (published, claimed, docking) an achievement might solve, grouped by
 * enterprise (可能需要此成果的企业): the same components with the roles swapped, the achievement's
 * public text searched against the demands' public text. Seen by the owner organization, the
 * operator and the region's gov_admins.
 */
export async function demandsForAchievement(deps: MatchingDeps, actor: Actor | null, id: string, limit: number) {
  const a = await q.selectAchievement(deps.db, id);
  if (!a || !canSeeAchievement(actor, a)) throw notFound('科技成果');
  if (!canSeeAchievementDemands(actor, a)) throw forbidden('只有成果权属单位、平台运营方和所在地区的科技管理部门可以查看可能需要此成果的企业');
  const w = await weightsInForce(deps.db);
  const text = [a.title, a.keywords.join(' '), a.abstract].filter((s) => s.trim()).join('\n');
  const candidates = await candidatesFor(deps.search, text, 'demand', CANDIDATES, { highlight: true });
  const open = new Map((await q.selectOpenDemands(deps.db, candidates.map((c) => c.id))).map((d) => [d.id, d]));
  const present = candidates.filter((c) => open.has(c.id));
  const best = present.reduce((m, c) => Math.max(m, c.score), 0);
  const features = achievementFeaturesOf(a, await q.selectOwnerConversions(deps.db, [a.ownerOrganizationId]));
  const scored = present
    .map((c) => {
      const d = open.get(c.id) as DemandForMatching;
      return { c, d, m: scoreMatch(demandFeaturesOf(d), features, best > 0 ? c.score / best : 0, w.weights, LABELS) };
    })
    .sort((x, y) => y.m.score - x.m.score);
  // Group by enterprise in order of its best demand; keep the first `limit` enterprises.
  const groups = new Map<string, typeof scored>();
  for (const s of scored) {
    const g = groups.get(s.d.enterpriseOrganizationId);
    if (g) {
      if (g.length < DEMANDS_PER_ENTERPRISE) g.push(s);
    } else if (groups.size < limit) groups.set(s.d.enterpriseOrganizationId, [s]);
  }
  const shown = [...groups.values()].flat();
  const records = await publicListItems(deps.search, 'demand', shown.map((s) => s.d.id));
  const orgs = new Map((await q.selectOrganizations(deps.db, [...groups.keys()])).map((o) => [o.id, o]));
  const enterprises = [...groups.entries()].flatMap(([orgId, list]) => {
    const org = orgs.get(orgId);
    const demands = list
      .filter((s) => records.has(s.d.id))
      .map((s) => ({
        score: round(s.m.score),
        demandId: s.d.id,
        components: presentComponents(s.m.components),
        matchedTerms: s.c.matchedTerms,
        highlights: s.c.highlights,
        demand: records.get(s.d.id) as { id: string; title: string },
      }));
    if (!org || !demands.length) return [];
    return [{ organizationId: org.id, name: org.name, regionCode: org.regionCode, regionName: regionName(org.regionCode), score: demands[0]?.score ?? 0, demands }];
  });
  return { achievement: { id: a.id, title: a.title, status: a.status }, weights: presentWeightsInForce(w), enterprises };
}

// ---------- weights ----------

function presentVersion(row: q.WeightsRow | null, createdByName: string | null = null) {
  if (!row) {
    return { id: null, source: 'default' as const, sourceLabel: SOURCE_LABELS.default ?? '', weights: { ...DEFAULT_WEIGHTS }, note: null, createdBy: null, createdByName: null, createdAt: null };
  }
  const source = row.source === 'learned' ? ('learned' as const) : ('operator' as const);
  return {
    id: row.id,
    source,
    sourceLabel: SOURCE_LABELS[source] ?? source,
    weights: normalizeWeights(row.weights as Partial<Weights>),
    note: row.note,
    createdBy: row.createdBy,
    createdByName,
    createdAt: row.createdAt.toISOString(),
  };
}

const componentList = () => COMPONENTS.map((c) => ({ component: c, label: COMPONENT_LABELS[c] }));

export async function getWeights(deps: Pick<MatchingDeps, 'db'>, actor: Actor) {
  if (!canReadWeights(actor)) throw forbidden('只有平台运营方和科技管理部门可以查看匹配权重');
  const page = await q.listWeights(deps.db, 1, 1);
  const first = page.items[0];
  return { current: presentVersion(first?.row ?? null, first?.createdByName ?? null), defaults: { ...DEFAULT_WEIGHTS }, components: componentList() };
}

/** The operator sets the weights: stored normalized (sum 1) as a new version, audited. */
export async function setWeights(deps: Pick<MatchingDeps, 'db'>, ctx: RequestContext, input: WeightsInput) {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated', '请先登录');
  if (!canSetWeights(actor)) throw forbidden('只有平台运营方可以修改匹配权重');
  const weights = normalizeWeights(input.weights);
  await deps.db.transaction(async (tx) => {
    await q.lockWeights(tx);
    const before = await weightsInForce(tx);
    const row = await q.insertWeights(tx, { weights, source: 'operator', note: input.note?.trim() || null, createdBy: actor.userId });
    await recordAudit(tx, ctx, { action: 'matching.weights_set', entityType: 'matching_weights', entityId: row.id, before: before.weights, after: { weights, submitted: input.weights, note: row.note } });
  });
  return getWeights(deps, actor);
}

export async function weightsHistory(deps: Pick<MatchingDeps, 'db'>, actor: Actor, page: number, pageSize: number) {
  if (!canReadWeights(actor)) throw forbidden('只有平台运营方和科技管理部门可以查看匹配权重');
  const r = await q.listWeights(deps.db, page, pageSize);
  return { items: r.items.map((i) => presentVersion(i.row, i.createdByName)), total: r.total, page, pageSize };
}

// ---------- learning from verdicts ----------

export interface VerdictInput {
  demandId: string;
  /** Null for a proposal of a partner organization only: nothing to learn about achievements. */
  achievementId: string | null;
  proposalId: string | null;
  verdict: 'accepted' | 'declined';
  /** Decline reason codes of the demands module (price, immature, indicators, cooperation_mode, …). */
  reasons: readonly string[];
}

/**
 * Learns from an enterprise's verdict on a proposed achievement, inside the caller's transaction
 * (the demands module's accept/decline): recomputes the pair's component values, applies
 * {@link learnFromVerdict} to the weights in force, and stores the verdict (match_feedback, once per
 * proposal: a repeated call returns the first) and the new weights (a `learned` version), audited.
 * Weight updates are serialized by a transaction-scoped lock. Returns null when there is nothing
 * to learn (no achievement, or the records are gone).
 */
export async function recordVerdict(
  deps: Pick<MatchingDeps, 'search'>,
  tx: Db,
  input: VerdictInput,
  ctx: RequestContext = systemContext('matching-verdict'),
): Promise<{ feedbackId: string; weights: Weights } | null> {
  if (!input.achievementId) return null;
  if (input.proposalId) {
    const existing = await q.selectFeedbackByProposal(tx, input.proposalId);
    if (existing) return { feedbackId: existing.id, weights: normalizeWeights(existing.weightsAfter as Partial<Weights>) };
  }
  const d = await q.selectDemand(tx, input.demandId);
  const a = await q.selectAchievement(tx, input.achievementId);
  if (!d || !a) return null;
  await q.lockWeights(tx);
  const current = await weightsInForce(tx);
  const text = await textRelevance(deps.search, demandText(d), a.id);
  const conversions = await q.selectOwnerConversions(tx, [a.ownerOrganizationId]);
  const m = scoreMatch(demandFeaturesOf(d), achievementFeaturesOf(a, conversions), text, current.weights, LABELS);
  const values = Object.fromEntries(m.components.map((c) => [c.component, c.value])) as Record<Component, number>;
  const next = learnFromVerdict(current.weights, values, input.verdict, input.reasons);
  const fb = await q.insertFeedback(tx, {
    demandId: d.id,
    achievementId: a.id,
    proposalId: input.proposalId,
    verdict: input.verdict,
    reasons: [...input.reasons],
    values,
    weightsBefore: current.weights,
    weightsAfter: next,
  });
  if (!fb) {
    const existing = input.proposalId ? await q.selectFeedbackByProposal(tx, input.proposalId) : undefined;
    return existing ? { feedbackId: existing.id, weights: normalizeWeights(existing.weightsAfter as Partial<Weights>) } : null;
  }
  const row = await q.insertWeights(tx, {
    weights: next,
    source: 'learned',
    note: `${input.verdict === 'accepted' ? '企业接受' : '企业婉拒'}推荐方案：${a.title}`.slice(0, 200),
    createdBy: ctx.actor?.userId ?? null,
  });
  await recordAudit(tx, ctx, {
    action: 'matching.weights_learned',
    entityType: 'matching_weights',
    entityId: row.id,
    before: current.weights,
    after: { weights: next, feedbackId: fb.id, verdict: input.verdict, reasons: input.reasons, demandId: d.id, achievementId: a.id },
  });
  return { feedbackId: fb.id, weights: next };
}

/**
 * The achievement's text relevance for the demand, as the ranking computed it: its search score
 * over the best candidate's; 0 when it is not among the candidates. While the index is not built
 * the verdict still counts, with a neutral 0.5: waiting for the build inside the caller's
 * transaction could stall it (on PGlite the build's own queries queue behind that transaction).
 */
async function textRelevance(rt: SearchRuntime, text: string, achievementId: string): Promise<number> {
  if (!rt.ready) return 0.5;
  try {
    const candidates = await candidatesFor(rt, text, 'achievement', CANDIDATES);
    const best = candidates[0]?.score ?? 0;
    const own = candidates.find((c) => c.id === achievementId)?.score ?? 0;
    return best > 0 ? own / best : 0;
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_ready') return 0.5;
    throw err;
  }
}

// ---------- batch rematch ----------

export interface RematchProgress {
  done: number;
  total: number;
  recommendations: number;
  ms: number;
}

export interface RematchResult {
  demands: number;
  recommendations: number;
  staleRemoved: number;
  ms: number;
  /** Where the time went (ms): index queries, feature loads, scoring, writes. */
  phases: { search: number; load: number; score: number; write: number };
}

/** Features kept across batches (popular achievements recur); cleared when it grows past this. */
const FEATURE_CACHE_MAX = 300_000;

/**
 * Recomputes the top {@link STORED_PER_DEMAND} recommendations of every open demand (published,
 * claimed, docking) into match_recommendations, replacing each demand's rows; rows of demands no
 * longer open are removed. Per batch of demands: one index query each, one feature query for all
 * their candidates (cached across batches), one write transaction. The weights and every owner's
 * conversion record are read once.
 */
export async function rematchAll(deps: MatchingDeps, opts: { onProgress?: (p: RematchProgress) => void; batchSize?: number } = {}): Promise<RematchResult> {
  const t0 = performance.now();
  const batchSize = opts.batchSize ?? REMATCH_BATCH;
  const { weights } = await weightsInForce(deps.db);
  const conversions = await q.selectOwnerConversions(deps.db);
  const total = await q.countOpenDemands(deps.db);
  const cache = new Map<string, AchievementFeatureRow | null>();
  let after = '00000000-0000-0000-0000-000000000000';
  let done = 0;
  let stored = 0;
  const phases = { search: 0, load: 0, score: 0, write: 0 };
  let mark = performance.now();
  const lap = (phase: keyof typeof phases) => {
    const now = performance.now();
    phases[phase] += now - mark;
    mark = now;
  };
  for (;;) {
    const page = await q.selectDemandsForMatchingAfter(deps.db, after, batchSize);
    lap('load');
    if (!page.length) break;
    after = page[page.length - 1]?.id ?? after;
    const batch = page.filter(q.isOpenDemand);
    if (!batch.length) {
      if (page.length < batchSize) break;
      continue;
    }
    const perDemand: TextCandidate[][] = [];
    for (const d of batch) perDemand.push(await candidatesFor(deps.search, demandText(d), 'achievement', CANDIDATES));
    lap('search');
    const missing = [...new Set(perDemand.flat().map((c) => c.id))].filter((id) => !cache.has(id));
    if (cache.size + missing.length > FEATURE_CACHE_MAX) cache.clear();
    const loaded = await q.selectPublishedFeatures(deps.db, missing);
    for (const id of missing) cache.set(id, null);
    for (const r of loaded) cache.set(r.id, r);
    const features = new Map<string, AchievementFeatureRow>();
    for (const list of perDemand) {
      for (const c of list) {
        const f = cache.get(c.id);
        if (f) features.set(c.id, f);
      }
    }
    lap('load');
    const computedAt = new Date();
    const rows: q.RecommendationInsert[] = [];
    batch.forEach((d, i) => {
      const ranked = rankCandidates(demandFeaturesOf(d), perDemand[i] ?? [], features, conversions, weights, STORED_PER_DEMAND);
      ranked.forEach((r, rank) => {
        rows.push({
          demandId: d.id,
          achievementId: r.achievementId,
          rank: rank + 1,
          score: round(r.score),
          components: r.components.map((c) => ({ component: c.component, value: round(c.value), reason: c.reason })),
          computedAt,
        });
      });
    });
    lap('score');
    await deps.db.transaction((tx) => q.replaceRecommendations(tx, batch.map((d) => d.id), rows));
    lap('write');
    done += batch.length;
    stored += rows.length;
    opts.onProgress?.({ done, total: Math.max(total, done), recommendations: stored, ms: Math.round(performance.now() - t0) });
    if (page.length < batchSize) break;
  }
  const staleRemoved = await q.deleteStaleRecommendations(deps.db);
  lap('write');
  const rounded = { search: Math.round(phases.search), load: Math.round(phases.load), score: Math.round(phases.score), write: Math.round(phases.write) };
  return { demands: done, recommendations: stored, staleRemoved, ms: Math.round(performance.now() - t0), phases: rounded };
}

let rematchRunning = false;

/** The operator's rematch (HTTP or CLI): one at a time per process, audited with its counts. */
export async function rematch(deps: MatchingDeps, ctx: RequestContext, opts: { onProgress?: (p: RematchProgress) => void } = {}): Promise<RematchResult> {
  // The CLI runs with the system context (no actor); over HTTP only the operator may.
  if (ctx.actor && !canRematch(ctx.actor)) throw forbidden('只有平台运营方可以重新计算全部推荐');
  if (rematchRunning) throw new AppError('invalid_state', '重新匹配正在进行中，请稍后再试');
  rematchRunning = true;
  try {
    const r = await rematchAll(deps, opts);
    await recordAudit(deps.db, ctx, { action: 'matching.rematch', entityType: 'match_recommendations', entityId: 'all', after: r });
    return r;
  } finally {
    rematchRunning = false;
  }
}
