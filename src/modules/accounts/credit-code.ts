import { toHalfWidth } from '../../platform/text.js';
/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 *
 * Layout (18 characters):
 *   1     登记管理部门代码 (registration authority)
 *   2     机构类别代码 (organization type)
 *   3–8   登记管理机关行政区划码 (GB/T 2260 region code, digits)
 *   9–17  主体标识码 (organization code, GB 11714)
 *   18    校验码 (check character, weighted mod 31)
 */

/** The 31 characters of the code alphabet; I, O, Z, S, V are excluded to avoid confusion with 1, 0, 2, 5, U. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights for positions 1–17: 3^i mod 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * Registration authority codes from GB 32100-2015 Table 1: 1–9 (编制、外交、司法
 * 行政、文化、民政、旅游、宗教、工会、工商), A (中央军委改革和编制办公室),
 * N (农业), Y (其他).
 */
const AUTHORITY_CODES = '123456789ANY';

export type CreditCodeCheck = { ok: true } | { ok: false; message: string };

/**
 * Canonical form for storage and comparison: trimmed, full-width ASCII
 * (as produced by Chinese IMEs) converted to half-width, upper-cased.
 */
export function normalizeCreditCode(input: string): string {
  return toHalfWidth(input).trim().toUpperCase();
}

/**
 * Validates a credit code in canonical form (see {@link normalizeCreditCode};
 * this function does not normalize, so lowercase letters are rejected).
 * Returns a Simplified Chinese message describing the first problem found.
 */
export function checkCreditCode(code: string): CreditCodeCheck {
  const chars = [...code];
  if (chars.length !== 18) {
    return fail(`统一社会信用代码应为 18 位，当前为 ${chars.length} 位`);
  }
  const values: number[] = [];
  for (const [i, ch] of chars.entries()) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) {
      return fail(
        `统一社会信用代码第 ${i + 1} 位“${ch}”不合法：只能使用数字和大写字母，且不含 I、O、Z、S、V`,
      );
    }
    values.push(value);
  }
  const [authority = '', type = ''] = chars;
  if (!AUTHORITY_CODES.includes(authority)) {
    return fail(`统一社会信用代码第 1 位（登记管理部门代码）“${authority}”无效`);
  }
  // Every organization type code in the standard is a digit 1–9.
  if (!/^[1-9]$/.test(type)) {
    return fail(`统一社会信用代码第 2 位（机构类别代码）“${type}”无效`);
  }
  if (!/^\d{6}$/.test(chars.slice(2, 8).join(''))) {
    return fail('统一社会信用代码第 3–8 位（登记管理机关行政区划码）应为数字');
  }
  if (values[17] !== expectedCheckValue(values)) {
    return fail('统一社会信用代码校验位错误，请核对后重新输入');
  }
  return { ok: true };
}

/** Check value for positions 1–17: 31 − (Σ value·weight mod 31), with 31 mapped to 0. */
function expectedCheckValue(values: readonly number[]): number {
  let sum = 0;
  for (const [i, weight] of WEIGHTS.entries()) {
    sum += (values[i] ?? 0) * weight;
  }
  return (31 - (sum % 31)) % 31;
}

function fail(message: string): CreditCodeCheck {
  return { ok: false, message };
}


/**
 * Completes a 17-character body with its check character. Used to make valid codes for demo
 * data and tests; never to "fix" a code a user typed.
 */
export function withCheckCharacter(body17: string): string {
  const values = [...body17].map((ch) => ALPHABET.indexOf(ch));
  if (values.length !== 17 || values.some((v) => v < 0)) throw new RangeError(`invalid code body: ${body17}`);
  return body17 + ALPHABET[expectedCheckValue(values)];
}
