import { describe, expect, it } from 'vitest';
import {
  type AchievementFeatures,
  COMPONENTS,
  cooperationFit,
  DEFAULT_WEIGHTS,
  type DemandFeatures,
  type Labels,
  learnFromVerdict,
  matchScore,
  maturityFit,
  normalizeWeights,
  priceFit,
  recordFit,
  regionFit,
  scoreMatch,
} from './match-scoring.js';

const labels: Labels = {
  keyField: (c) => ({ new_materials: '新材料', intelligent_equipment: '智能装备' })[c] ?? c,
  industry: (c) => ({ C: '制造业', I: '信息传输、软件和信息技术服务业' })[c] ?? c,
  cooperationMode: (c) => ({ transfer: '转让', license: '许可', joint_development: '合作开发' })[c] ?? c,
  region: (c) => ({ '420100': '武汉市', '420500': '宜昌市', '440000': '广东省' })[c] ?? null,
};

const demand = (over: Partial<DemandFeatures> = {}): DemandFeatures => ({
  keyField: 'new_materials',
  industry: 'C',
  demandType: 'transfer',
  cooperationModes: ['transfer'],
  budgetMode: 'range',
  budgetMinFen: 20_000_000,
  budgetMaxFen: 50_000_000,
  regionCode: '420111',
  ...over,
});
const achievement = (over: Partial<AchievementFeatures> = {}): AchievementFeatures => ({
  keyField: 'new_materials',
  industry: 'C',
  trl: 7,
  cooperationModes: ['transfer', 'license'],
  pricingMode: 'asking',
  priceFen: 40_000_000,
  regionCode: '420106',
  ownerConversions: 2,
  ...over,
});

describe('score components', () => {
  it('maturity: inside the demand type range is 1, outside decays by a quarter per level, unknown is 0.5', () => {
    expect(maturityFit('transfer', 7)[0]).toBe(1);
    expect(maturityFit('transfer', 4)[0]).toBe(0.5);
    expect(maturityFit('transfer', 1)[0]).toBe(0);
    expect(maturityFit('development', 9)[0]).toBe(0.5);
    expect(maturityFit('consulting', 2)[0]).toBe(1);
    expect(maturityFit('transfer', null)).toEqual([0.5, '成果未填写技术就绪度']);
    expect(maturityFit('transfer', 4)[1]).toContain('低于');
    expect(maturityFit(null, 2)[0]).toBe(0.5);
  });

  it('region: same city, in province, out of province', () => {
    expect(regionFit('420111', '420106', labels.region)).toEqual([1, '成果与需求同在武汉市']);
    expect(regionFit('420111', '420502', labels.region)).toEqual([0.8, '省内成果（宜昌市）']);
    expect(regionFit('420111', '440305', labels.region)).toEqual([0.3, '省外成果（广东省）']);
    expect(regionFit(null, '440305', labels.region)).toEqual([0.5, '需求未限定地区']);
  });

  it('price: within budget 1, over budget by the squared ratio, negotiable 0.6', () => {
    const d = demand();
    expect(priceFit(d, achievement({ priceFen: 50_000_000 }))[0]).toBe(1);
    expect(priceFit(d, achievement({ priceFen: 10_000_000 }))[0]).toBe(1);
    expect(priceFit(d, achievement({ priceFen: 100_000_000 }))[0]).toBeCloseTo(0.25);
    expect(priceFit(d, achievement({ priceFen: 100_000_000 }))[1]).toBe('报价 100万元，超出预算上限 50万元');
    expect(priceFit(d, achievement({ pricingMode: 'negotiable', priceFen: null }))[0]).toBe(0.6);
    expect(priceFit(demand({ budgetMode: 'negotiable', budgetMaxFen: null }), achievement())[0]).toBe(0.6);
  });

  it('cooperation: overlap, none, unrestricted, and the mode a demand type implies', () => {
    expect(cooperationFit(demand(), achievement(), labels.cooperationMode)).toEqual([1, '合作方式一致：转让']);
    expect(cooperationFit(demand({ cooperationModes: ['license'] }), achievement({ cooperationModes: ['transfer'] }), labels.cooperationMode)[0]).toBe(0);
    expect(cooperationFit(demand({ cooperationModes: [], demandType: 'talent' }), achievement(), labels.cooperationMode)[0]).toBe(0.5);
    // No modes named: a development demand implies joint development.
    expect(cooperationFit(demand({ cooperationModes: [], demandType: 'development' }), achievement({ cooperationModes: ['joint_development'] }), labels.cooperationMode)[0]).toBe(1);
  });

  it('record: none is 0 and it saturates with conversions', () => {
    expect(recordFit(0)[0]).toBe(0);
    expect(recordFit(3)[0]).toBeCloseTo(1 - Math.exp(-1));
    expect(recordFit(30)[0]).toBeGreaterThan(0.99);
  });
});

describe('scoreMatch', () => {
  it('sums weighted components to a 0–1 score with a Chinese reason each', () => {
    const m = scoreMatch(demand(), achievement(), 1, DEFAULT_WEIGHTS, labels);
    expect(m.components.map((c) => c.component)).toEqual([...COMPONENTS]);
    expect(m.score).toBeCloseTo(m.components.reduce((s, c) => s + c.weight * c.value, 0));
    expect(m.score).toBeGreaterThan(0.8);
    expect(m.score).toBeLessThanOrEqual(1);
    expect(m.components.find((c) => c.component === 'keyField')?.reason).toBe('同属重点领域：新材料');
    for (const c of m.components) expect(c.reason).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a text-only demand (no coded fields) scores every coded component alike, so text decides', () => {
    const bare = demand({ keyField: null, industry: null, demandType: null, cooperationModes: [], budgetMode: 'negotiable', budgetMinFen: null, budgetMaxFen: null, regionCode: null });
    const a = achievement({ trl: 2, regionCode: '440305', priceFen: 900_000_000, cooperationModes: ['license'], keyField: 'intelligent_equipment', ownerConversions: 0 });
    const b = achievement({ trl: 8, regionCode: '420111', pricingMode: 'negotiable', priceFen: null, ownerConversions: 0 });
    const ma = scoreMatch(bare, a, 0.5, DEFAULT_WEIGHTS, labels);
    const mb = scoreMatch(bare, b, 0.5, DEFAULT_WEIGHTS, labels);
    expect(ma.score).toBeCloseTo(mb.score);
    for (const c of ['keyField', 'industry', 'maturity', 'region', 'cooperation']) {
      expect(ma.components.find((x) => x.component === c)?.value).toBe(0.5);
    }
  });

  it('matchScore (no reasons, for ranking many candidates) equals scoreMatch’s score', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const one = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
    for (let i = 0; i < 500; i++) {
      const d = demand({
        keyField: one(['new_materials', 'intelligent_equipment', null]),
        industry: one(['C', 'I', null]),
        demandType: one(['transfer', 'development', 'talent', 'consulting', null]),
        cooperationModes: one([[], ['transfer'], ['license', 'joint_development']]),
        budgetMode: one(['range', 'negotiable']),
        budgetMaxFen: one([null, 50_000_000, 3_000_000]),
        regionCode: one(['420111', '420502', '440305', null]),
      });
      const a = achievement({
        keyField: one(['new_materials', 'intelligent_equipment', null]),
        industry: one(['C', 'I', null]),
        trl: one([null, 1, 3, 5, 7, 9]),
        cooperationModes: one([[], ['transfer'], ['license'], ['joint_development', 'equity']]),
        pricingMode: one(['asking', 'floor', 'negotiable']),
        priceFen: one([null, 10_000_000, 80_000_000, 900_000_000]),
        regionCode: one(['420106', '420502', '440305', '110108']),
        ownerConversions: one([0, 1, 5]),
      });
      const text = rand();
      expect(matchScore(d, a, text, DEFAULT_WEIGHTS)).toBeCloseTo(scoreMatch(d, a, text, DEFAULT_WEIGHTS, labels).score, 12);
    }
  });

  it('ranks a better-fitting achievement higher at equal text relevance', () => {
    const good = scoreMatch(demand(), achievement(), 0.8, DEFAULT_WEIGHTS, labels).score;
    const bad = scoreMatch(demand(), achievement({ keyField: 'intelligent_equipment', trl: 2, priceFen: 200_000_000, regionCode: '440305' }), 0.8, DEFAULT_WEIGHTS, labels).score;
    expect(good).toBeGreaterThan(bad);
  });
});

describe('weights', () => {
  it('are clamped and normalized to sum 1; all zero falls back to the defaults', () => {
    const w = normalizeWeights({ text: 2, keyField: -1, price: 0.5 });
    expect(Object.values(w).reduce((s, x) => s + x, 0)).toBeCloseTo(1);
    expect(w.keyField).toBe(0);
    expect(w.text).toBeCloseTo(1 / 1.5);
    expect(normalizeWeights({})).toEqual(DEFAULT_WEIGHTS);
  });

  it('learn from simulated feedback: an enterprise that declines over-budget offers pushes them down the ranking', () => {
    // Two candidates for the same demand: A is the better text match but far over budget, B fits the budget.
    const d = demand();
    const overBudget = achievement({ priceFen: 150_000_000 });
    const inBudget = achievement({ priceFen: 45_000_000 });
    const textA = 1;
    const textB = 0.7;
    let w = { ...DEFAULT_WEIGHTS };
    const rank = () => (scoreMatch(d, overBudget, textA, w, labels).score > scoreMatch(d, inBudget, textB, w, labels).score ? 'A' : 'B');
    expect(rank()).toBe('A');
    const before = scoreMatch(d, overBudget, textA, w, labels).score - scoreMatch(d, inBudget, textB, w, labels).score;
    for (let i = 0; i < 40; i++) {
      const values = Object.fromEntries(scoreMatch(d, overBudget, textA, w, labels).components.map((c) => [c.component, c.value])) as Record<
        (typeof COMPONENTS)[number],
        number
      >;
      w = learnFromVerdict(w, values, 'declined', ['price']);
    }
    const after = scoreMatch(d, overBudget, textA, w, labels).score - scoreMatch(d, inBudget, textB, w, labels).score;
    expect(after).toBeLessThan(before);
    expect(rank()).toBe('B');
    expect(w.price).toBeGreaterThan(DEFAULT_WEIGHTS.price);
    expect(Object.values(w).reduce((s, x) => s + x, 0)).toBeCloseTo(1);
  });

  it('accepted verdicts move weight toward the components the accepted pairs did well on', () => {
    const values = { text: 0.4, keyField: 1, industry: 1, maturity: 1, region: 1, price: 1, cooperation: 1, record: 0 };
    let w = { ...DEFAULT_WEIGHTS };
    for (let i = 0; i < 10; i++) w = learnFromVerdict(w, values, 'accepted');
    expect(w.keyField).toBeGreaterThan(DEFAULT_WEIGHTS.keyField);
    expect(w.text).toBeLessThan(DEFAULT_WEIGHTS.text);
  });
});
