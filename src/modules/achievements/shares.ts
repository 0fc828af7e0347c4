/**
 * Percentages of an achievement: each owner organization's share of the rights (权属比例) and each
 * team member's contribution (贡献率). Both are entered as percentages with at most two decimals.
 *
 * Sums are computed in integer hundredths of a percent taken from the number's printed form, not
 * with floating point: 0.38 + 86.52 + 13.1 is 99.99999999999999 in IEEE 754, yet the owners
 * did split the rights exactly.
 */

const HUNDRED_PERCENT = 10_000;

/**
 * Checks the owner organizations' shares: at least one, each greater than 0 and at most 100
 * with at most two decimals, summing to exactly 100, because joint owners must account for the
 * whole right before it can be transferred or licensed. Returns a Simplified Chinese message for
 * the first problem, or null.
 */
export function checkOwnerShares(shares: readonly number[]): string | null {
  if (shares.length === 0) return '请至少填写一个权属单位的份额';
  let sum = 0;
  for (const [i, share] of shares.entries()) {
    const label = `第 ${i + 1} 个权属单位的份额`;
    const hundredths = toHundredths(share);
    if (typeof hundredths === 'string') return `${label}${hundredths}`;
    if (hundredths <= 0) return `${label}必须大于 0`;
    if (hundredths > HUNDRED_PERCENT) return `${label}不能超过 100%`;
    sum += hundredths;
  }
  if (sum !== HUNDRED_PERCENT) return `权属单位份额合计应为 100%，当前为 ${formatHundredths(sum)}%`;
  return null;
}

/**
 * Checks the team members' contributions: each between 0 and 100 with at most two decimals, and
 * together at most 100. Zero is allowed (a member listed for the record, without a stated share)
 * and the sum may stay below 100 because contributors outside the listed team are common.
 * An empty team passes. Returns a Simplified Chinese message for the first problem, or null.
 */
export function checkTeamContributions(list: readonly number[]): string | null {
  let sum = 0;
  for (const [i, contribution] of list.entries()) {
    const label = `第 ${i + 1} 位团队成员的贡献率`;
    const hundredths = toHundredths(contribution);
    if (typeof hundredths === 'string') return `${label}${hundredths}`;
    if (hundredths < 0) return `${label}不能为负数`;
    if (hundredths > HUNDRED_PERCENT) return `${label}不能超过 100%`;
    sum += hundredths;
  }
  if (sum > HUNDRED_PERCENT) return `团队成员贡献率合计不能超过 100%，当前为 ${formatHundredths(sum)}%`;
  return null;
}

/**
 * A percentage in integer hundredths, read from its shortest printed form (`String(n)`), or the
 * tail of an error message when it is not a number or has more than two decimals.
 */
function toHundredths(percent: number): number | string {
  if (!Number.isFinite(percent)) return '不是有效的数字';
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(percent));
  // No match: more than two decimals, or exponent notation (below 1e-6 or from 1e21).
  if (!match) return Math.abs(percent) >= 1e21 ? '不能超过 100%' : '最多保留两位小数';
  const [, sign = '', whole = '', fraction = ''] = match;
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return sign === '-' ? -value : value;
}

/** 9999 → "99.99", 10010 → "100.1", 10000 → "100". */
function formatHundredths(hundredths: number): string {
  const whole = Math.trunc(hundredths / 100);
  const fraction = String(hundredths % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}
