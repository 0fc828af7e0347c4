/**
 * The score of a demand ↔ achievement pair (供需匹配度), as a weighted sum of components in [0, 1],
 * each with a Chinese reason. Pure: the service supplies the text relevance (from the search
 * index), the owner's conversion record and region names.
 *
 * Components (docs/matching.md explains the defaults):
 * - text: lexical relevance of the achievement to the demand's text, relative to the best
 *   candidate for that demand (1 = the best text match).
 * - keyField, industry: agreement of the coded fields (unknown on either side = 0.5).
 * - maturity: the achievement's TRL against the range the demand type calls for (no type: 0.5).
 * - region: same city 1, same province (Hubei) 0.8, elsewhere 0.3: the plan wants conversion
 *   inside the province (no region on the demand: 0.5).
 * - price: the asking price against the demand's budget ceiling.
 * - cooperation: overlap of wanted and offered cooperation modes.
 * - record: the owner's conversion record (earlier matched or contracted demands).
 */

export const COMPONENTS = ['text', 'keyField', 'industry', 'maturity', 'region', 'price', 'cooperation', 'record'] as const;
export type Component = (typeof COMPONENTS)[number];
export type Weights = Record<Component, number>;

export const COMPONENT_LABELS: Record<Component, string> = {
  text: '文本相关度',
  keyField: '重点领域',
  industry: '所属行业',
  maturity: '成熟度匹配',
  region: '地域',
  price: '价格与预算',
  cooperation: '合作方式',
  record: '转化记录',
};

/** The default weights (sum 1). Text dominates: the coded fields are often missing or coarse. */
export const DEFAULT_WEIGHTS: Weights = {
  text: 0.45,
  keyField: 0.1,
  industry: 0.05,
  maturity: 0.1,
  region: 0.1,
  price: 0.08,
  cooperation: 0.07,
  record: 0.05,
};

/** Bounds of an operator-set or learned weight before normalization. */
export const WEIGHT_MIN = 0;
export const WEIGHT_MAX = 1;

export interface DemandFeatures {
  keyField: string | null;
  industry: string | null;
  demandType: string | null;
  cooperationModes: readonly string[];
  budgetMode: string;
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  /** Null for a text-only demand (no region named): the region component is then neutral. */
  regionCode: string | null;
}

export interface AchievementFeatures {
  keyField: string | null;
  industry: string | null;
  trl: number | null;
  cooperationModes: readonly string[];
  pricingMode: string;
  priceFen: number | null;
  regionCode: string;
  /** Earlier demands matched or contracted with the owner's achievements. */
  ownerConversions: number;
}

export interface Labels {
  keyField: (code: string) => string;
  industry: (code: string) => string;
  cooperationMode: (code: string) => string;
  region: (code: string) => string | null;
}

export interface ComponentScore {
  component: Component;
  label: string;
  /** 0–1: how well the pair does on this component. */
  value: number;
  weight: number;
  /** weight × value: the share of the total this component contributes. */
  contribution: number;
  reason: string;
}

export interface MatchScore {
  /** 0–1, the sum of contributions (weights sum to 1). */
  score: number;
  components: ComponentScore[];
}

/** TRL range each demand type calls for (技术就绪度, GB/T 22900); outside it the fit decays. */
export const MATURITY_RANGES: Record<string, readonly [number, number]> = {
  development: [3, 7],
  transfer: [6, 9],
  license: [6, 9],
  equipment: [7, 9],
  open_competition: [4, 8],
  consulting: [1, 9],
  service: [1, 9],
  talent: [1, 9],
};
const DEFAULT_MATURITY: readonly [number, number] = [4, 9];

/** Cooperation mode a demand type implies when the demand names none. */
const IMPLIED_MODES: Record<string, string> = {
  transfer: 'transfer',
  license: 'license',
  development: 'joint_development',
  service: 'technical_service',
  consulting: 'technical_service',
};

const wan = (fen: number) => {
  const w = fen / 1_000_000;
  return `${Number.isInteger(w) ? w : w.toFixed(w < 10 ? 2 : 1)}万元`;
};

// Each component is a numeric value function (used alone by matchScore, for ranking many
// candidates fast) and a fit function that adds the Chinese reason (scoreMatch, for the shown ones).

const codedValue = (a: string | null, b: string | null): number => (!a || !b ? 0.5 : a === b ? 1 : 0);

function coded(a: string | null, b: string | null, label: (c: string) => string, name: string): [number, string] {
  const value = codedValue(a, b);
  if (!a || !b) return [value, `${name}未填写完整`];
  if (a === b) return [value, `同属${name}：${label(a)}`];
  return [value, `${name}不同（需求：${label(a)}，成果：${label(b)}）`];
}

export function maturityValue(demandType: string | null, trl: number | null): number {
  if (!demandType || trl === null) return 0.5;
  const [lo, hi] = MATURITY_RANGES[demandType] ?? DEFAULT_MATURITY;
  if (trl >= lo && trl <= hi) return 1;
  return Math.max(0, 1 - 0.25 * (trl < lo ? lo - trl : trl - hi));
}

export function maturityFit(demandType: string | null, trl: number | null): [number, string] {
  const value = maturityValue(demandType, trl);
  // A demand that names no type states no need: neutral, so text-only demands rank by text.
  if (!demandType) return [value, '需求未说明类型，不限成熟度'];
  if (trl === null) return [value, '成果未填写技术就绪度'];
  const [lo, hi] = MATURITY_RANGES[demandType] ?? DEFAULT_MATURITY;
  if (trl >= lo && trl <= hi) return [value, `技术就绪度 ${trl} 级，在需求适合的 ${lo}–${hi} 级范围内`];
  return [value, trl < lo ? `技术就绪度 ${trl} 级，低于需求适合的 ${lo} 级以上` : `技术就绪度 ${trl} 级，高于需求适合的 ${hi} 级`];
}

export function regionValue(demandRegion: string | null, achievementRegion: string): number {
  if (!demandRegion) return 0.5;
  if (demandRegion.slice(0, 4) === achievementRegion.slice(0, 4)) return 1;
  return demandRegion.slice(0, 2) === achievementRegion.slice(0, 2) ? 0.8 : 0.3;
}

export function regionFit(demandRegion: string | null, achievementRegion: string, name: Labels['region']): [number, string] {
  const value = regionValue(demandRegion, achievementRegion);
  if (!demandRegion) return [value, '需求未限定地区'];
  const city = `${achievementRegion.slice(0, 4)}00`;
  if (value === 1) return [value, `成果与需求同在${name(city) ?? '本市'}`];
  if (value === 0.8) return [value, `省内成果（${name(city) ?? achievementRegion}）`];
  return [value, `省外成果（${name(`${achievementRegion.slice(0, 2)}0000`) ?? achievementRegion}）`];
}

export function priceValue(d: DemandFeatures, a: AchievementFeatures): number {
  if (a.pricingMode === 'negotiable' || a.priceFen === null) return 0.6;
  if (d.budgetMode !== 'range' || d.budgetMaxFen === null) return 0.6;
  if (a.priceFen <= d.budgetMaxFen) return 1;
  // Over budget: the ratio squared, so 20 % over keeps about 0.7 and double the budget 0.25.
  const ratio = d.budgetMaxFen / a.priceFen;
  return ratio * ratio;
}

export function priceFit(d: DemandFeatures, a: AchievementFeatures): [number, string] {
  const value = priceValue(d, a);
  if (a.pricingMode === 'negotiable' || a.priceFen === null) return [value, '成果价格面议'];
  if (d.budgetMode !== 'range' || d.budgetMaxFen === null) return [value, `需求预算面议，成果报价 ${wan(a.priceFen)}`];
  if (a.priceFen <= d.budgetMaxFen) return [value, `报价 ${wan(a.priceFen)}，在预算上限 ${wan(d.budgetMaxFen)} 之内`];
  return [value, `报价 ${wan(a.priceFen)}，超出预算上限 ${wan(d.budgetMaxFen)}`];
}

/** The modes a demand wants: those it names, else the one its type implies, else none. */
function wantedModes(d: DemandFeatures): readonly string[] {
  if (d.cooperationModes.length) return d.cooperationModes;
  const implied = d.demandType ? IMPLIED_MODES[d.demandType] : undefined;
  return implied ? [implied] : [];
}

export function cooperationValue(d: DemandFeatures, a: AchievementFeatures): number {
  const wanted = wantedModes(d);
  if (!wanted.length || !a.cooperationModes.length) return 0.5;
  return wanted.some((m) => a.cooperationModes.includes(m)) ? 1 : 0;
}

export function cooperationFit(d: DemandFeatures, a: AchievementFeatures, label: Labels['cooperationMode']): [number, string] {
  const value = cooperationValue(d, a);
  const wanted = wantedModes(d);
  if (value === 0.5) return [value, '合作方式未限定'];
  if (value === 1) return [value, `合作方式一致：${wanted.filter((m) => a.cooperationModes.includes(m)).map(label).join('、')}`];
  return [value, `合作方式不一致（需求：${wanted.map(label).join('、')}；成果：${a.cooperationModes.map(label).join('、')}）`];
}

export const recordValue = (conversions: number): number => (conversions <= 0 ? 0 : 1 - Math.exp(-conversions / 3));

export function recordFit(conversions: number): [number, string] {
  const value = recordValue(conversions);
  if (conversions <= 0) return [value, '权属单位暂无对接成功记录'];
  return [value, `权属单位已有 ${conversions} 次对接成功`];
}

/** Weights clamped to their bounds and scaled to sum 1 (all zero → the defaults). */
export function normalizeWeights(w: Partial<Weights>): Weights {
  const clamped = Object.fromEntries(
    COMPONENTS.map((c) => [c, Math.min(WEIGHT_MAX, Math.max(WEIGHT_MIN, Number.isFinite(w[c]) ? (w[c] as number) : 0))]),
  ) as Weights;
  const sum = COMPONENTS.reduce((s, c) => s + clamped[c], 0);
  if (sum <= 0) return { ...DEFAULT_WEIGHTS };
  return Object.fromEntries(COMPONENTS.map((c) => [c, clamped[c] / sum])) as Weights;
}

/**
 * The score of one pair without the reasons: the same number as `scoreMatch(...).score`, at a
 * fraction of the cost (for ranking a few hundred candidates before presenting the best).
 */
export function matchScore(d: DemandFeatures, a: AchievementFeatures, text: number, w: Weights): number {
  return (
    w.text * Math.max(0, Math.min(1, text)) +
    w.keyField * codedValue(d.keyField, a.keyField) +
    w.industry * codedValue(d.industry, a.industry) +
    w.maturity * maturityValue(d.demandType, a.trl) +
    w.region * regionValue(d.regionCode, a.regionCode) +
    w.price * priceValue(d, a) +
    w.cooperation * cooperationValue(d, a) +
    w.record * recordValue(a.ownerConversions)
  );
}

/**
 * Scores one pair. `text` is the achievement's text relevance for the demand in [0, 1]
 * (the service divides the search score by the best candidate's); `weights` must be normalized.
 */
export function scoreMatch(d: DemandFeatures, a: AchievementFeatures, text: number, weights: Weights, labels: Labels): MatchScore {
  const t = Math.max(0, Math.min(1, text));
  const values: Record<Component, [number, string]> = {
    text: [t, t >= 0.999 ? '文本最相关' : `文本相关度为最佳候选的 ${Math.round(t * 100)}%`],
    keyField: coded(d.keyField, a.keyField, labels.keyField, '重点领域'),
    industry: coded(d.industry, a.industry, labels.industry, '行业'),
    maturity: maturityFit(d.demandType, a.trl),
    region: regionFit(d.regionCode, a.regionCode, labels.region),
    price: priceFit(d, a),
    cooperation: cooperationFit(d, a, labels.cooperationMode),
    record: recordFit(a.ownerConversions),
  };
  const components = COMPONENTS.map((c): ComponentScore => {
    const [value, reason] = values[c];
    return { component: c, label: COMPONENT_LABELS[c], value, weight: weights[c], contribution: weights[c] * value, reason };
  });
  return { score: components.reduce((s, c) => s + c.contribution, 0), components };
}

/** Decline reasons (demands module codes) that name a component the enterprise cares about. */
export const REASON_COMPONENTS: Record<string, Component | undefined> = {
  price: 'price',
  immature: 'maturity',
  indicators: 'text',
  cooperation_mode: 'cooperation',
};

/**
 * Learning from a verdict (per-component weight update). An accepted proposal moves weight toward
 * the components on which it scored above its own average (they evidently mattered); a declined one
 * moves weight away from them. A decline reason that names a component (价格不合适 → price,
 * 技术不成熟 → maturity, 指标不满足 → text, 合作方式不合适 → cooperation) adds weight to that component
 * when the pair did poorly on it (the ranking under-rated a real objection), so such pairs sink in
 * later rankings. Weights stay within bounds and sum to 1; `rate` is the learning rate (0.05 by default).
 */
export function learnFromVerdict(
  weights: Weights,
  values: Record<Component, number>,
  verdict: 'accepted' | 'declined',
  reasons: readonly string[] = [],
  rate = 0.05,
): Weights {
  const mean = COMPONENTS.reduce((s, c) => s + values[c], 0) / COMPONENTS.length;
  const sign = verdict === 'accepted' ? 1 : -1;
  const next = { ...weights };
  for (const c of COMPONENTS) next[c] = next[c] + sign * rate * (values[c] - mean) * 0.5;
  if (verdict === 'declined') {
    for (const r of reasons) {
      const c = REASON_COMPONENTS[r];
      if (c) next[c] = next[c] + rate * (1 - values[c]);
    }
  }
  return normalizeWeights(next);
}
