import { describe, expect, it } from 'vitest';
import { checkOwnerShares, checkTeamContributions } from './shares.js';

describe('checkOwnerShares', () => {
  it('accepts shares that sum to exactly 100', () => {
    expect(checkOwnerShares([100])).toBeNull();
    expect(checkOwnerShares([50, 50])).toBeNull();
    expect(checkOwnerShares([60.5, 39.5])).toBeNull();
    expect(checkOwnerShares([0.01, 99.99])).toBeNull();
  });

  it('accepts 33.33 + 33.33 + 33.34', () => {
    expect(checkOwnerShares([33.33, 33.33, 33.34])).toBeNull();
  });

  it('accepts splits that floating-point addition gets wrong', () => {
    expect(0.38 + 86.52 + 13.1).toBe(99.99999999999999);
    expect(0.01 + 99.18 + 0.81).toBe(100.00000000000001);
    expect(checkOwnerShares([0.38, 86.52, 13.1])).toBeNull();
    expect(checkOwnerShares([0.01, 99.18, 0.81])).toBeNull();
  });

  it('refuses 33.33 × 3 with the actual sum', () => {
    expect(checkOwnerShares([33.33, 33.33, 33.33])).toBe('权属单位份额合计应为 100%，当前为 99.99%');
  });

  it('refuses sums above 100', () => {
    expect(checkOwnerShares([50, 50.1])).toBe('权属单位份额合计应为 100%，当前为 100.1%');
    expect(checkOwnerShares([100, 100])).toBe('权属单位份额合计应为 100%，当前为 200%');
  });

  it('refuses an empty list', () => {
    expect(checkOwnerShares([])).toBe('请至少填写一个权属单位的份额');
  });

  it('refuses zero and negative shares, naming the owner', () => {
    expect(checkOwnerShares([100, 0])).toBe('第 2 个权属单位的份额必须大于 0');
    expect(checkOwnerShares([110, -10])).toBe('第 1 个权属单位的份额不能超过 100%');
    expect(checkOwnerShares([50, -10, 60])).toBe('第 2 个权属单位的份额必须大于 0');
  });

  it('refuses a share above 100', () => {
    expect(checkOwnerShares([100.01])).toBe('第 1 个权属单位的份额不能超过 100%');
  });

  it('refuses more than two decimals', () => {
    expect(checkOwnerShares([33.333, 66.667])).toBe('第 1 个权属单位的份额最多保留两位小数');
    expect(checkOwnerShares([99.9999999, 0.0000001])).toBe('第 1 个权属单位的份额最多保留两位小数');
  });

  it('refuses NaN and infinities', () => {
    expect(checkOwnerShares([Number.NaN])).toBe('第 1 个权属单位的份额不是有效的数字');
    expect(checkOwnerShares([50, Number.POSITIVE_INFINITY])).toBe('第 2 个权属单位的份额不是有效的数字');
  });
});

describe('checkTeamContributions', () => {
  it('accepts an empty team, zeros, and sums up to exactly 100', () => {
    expect(checkTeamContributions([])).toBeNull();
    expect(checkTeamContributions([0, 0])).toBeNull();
    expect(checkTeamContributions([40, 30, 20])).toBeNull();
    expect(checkTeamContributions([33.33, 33.33, 33.34])).toBeNull();
    expect(checkTeamContributions([100])).toBeNull();
    expect(checkTeamContributions([99.99, 0.01])).toBeNull();
  });

  it('refuses a sum above 100 by one hundredth', () => {
    expect(checkTeamContributions([50, 50.01])).toBe('团队成员贡献率合计不能超过 100%，当前为 100.01%');
  });

  it('refuses negatives and values above 100, naming the member', () => {
    expect(checkTeamContributions([10, -0.01])).toBe('第 2 位团队成员的贡献率不能为负数');
    expect(checkTeamContributions([100.5])).toBe('第 1 位团队成员的贡献率不能超过 100%');
    expect(checkTeamContributions([1e21])).toBe('第 1 位团队成员的贡献率不能超过 100%');
  });

  it('refuses more than two decimals and non-numbers', () => {
    expect(checkTeamContributions([12.345])).toBe('第 1 位团队成员的贡献率最多保留两位小数');
    expect(checkTeamContributions([0.1 + 0.2])).toBe('第 1 位团队成员的贡献率最多保留两位小数');
    expect(checkTeamContributions([Number.NaN])).toBe('第 1 位团队成员的贡献率不是有效的数字');
  });
});
