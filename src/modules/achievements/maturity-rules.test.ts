import { describe, expect, it } from 'vitest';
import { STAGE_VALUES, type Stage } from './achievement-codes.js';
import { STAGE_TRL_RANGES, checkMaturity, trlDescription } from './maturity-rules.js';

const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9];

/** The accepted levels of each stage, as a readable table. */
function acceptedLevels(stage: Stage): number[] {
  return LEVELS.filter((trl) => checkMaturity(trl, stage) === null);
}

describe('checkMaturity', () => {
  it('accepts the documented band of each stage', () => {
    expect(acceptedLevels('lab')).toEqual([1, 2, 3, 4]);
    expect(acceptedLevels('pilot_small')).toEqual([3, 4, 5, 6]);
    expect(acceptedLevels('pilot')).toEqual([5, 6, 7, 8]);
    expect(acceptedLevels('mass_production')).toEqual([7, 8, 9]);
  });

  it('leaves no level without a stage and every stage with levels', () => {
    for (const trl of LEVELS) {
      expect(STAGE_VALUES.some((stage) => checkMaturity(trl, stage) === null)).toBe(true);
    }
    for (const stage of STAGE_VALUES) {
      expect(STAGE_TRL_RANGES[stage].min).toBeLessThanOrEqual(STAGE_TRL_RANGES[stage].max);
    }
  });

  it('requires TRL 7 for 量产', () => {
    expect(checkMaturity(6, 'mass_production')).toBe(
      '技术就绪度 6 级与成果所处阶段“量产”不一致：量产阶段应达到 7 级及以上',
    );
    expect(checkMaturity(7, 'mass_production')).toBeNull();
  });

  it('requires TRL 5 for 中试', () => {
    expect(checkMaturity(4, 'pilot')).toContain('中试阶段应达到 5 级及以上');
    expect(checkMaturity(5, 'pilot')).toBeNull();
  });

  it('caps 实验室 at TRL 4', () => {
    expect(checkMaturity(4, 'lab')).toBeNull();
    expect(checkMaturity(5, 'lab')).toBe(
      '技术就绪度 5 级与成果所处阶段“实验室”不一致：实验室阶段通常不超过 4 级，请核对阶段或就绪度',
    );
  });

  it('refuses levels that are not whole numbers 1–9', () => {
    for (const bad of [0, 10, -1, 4.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(checkMaturity(bad, 'lab')).toBe('技术就绪度应为 1 至 9 级的整数');
    }
  });

  it('refuses an unknown stage from an unchecked caller', () => {
    const raw: string = 'industrialization';
    expect(checkMaturity(5, raw as Stage)).toBe('成果所处阶段无效');
    expect(checkMaturity(5, 'toString' as Stage)).toBe('成果所处阶段无效');
  });
});

describe('trlDescription', () => {
  it('describes each level 1–9', () => {
    expect(trlDescription(1)).toBe('观察到并报告了技术所依据的基本原理。');
    expect(trlDescription(9)).toContain('实际使用');
    for (const level of LEVELS) expect(trlDescription(level)).toMatch(/。$/);
  });

  it('returns undefined outside 1–9', () => {
    expect(trlDescription(0)).toBeUndefined();
    expect(trlDescription(10)).toBeUndefined();
    expect(trlDescription(2.5)).toBeUndefined();
  });
});
