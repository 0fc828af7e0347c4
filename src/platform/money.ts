import { toHalfWidth } from './text.js';

/**
 * Money in Kehui is an integer number of fen (分, 0.01 CNY) held in a plain `number`.
 *
 * Why `number` and not `bigint`: amounts are capped at {@link MAX_YUAN} (1 万亿元 = 1e14 fen),
 * far below Number.MAX_SAFE_INTEGER (≈ 9.007e15), so every amount is an exact integer, JSON
 * carries it as is, and PostgreSQL `bigint` columns hold it. Why not floating-point yuan: 0.1 + 0.2
 * is not 0.3, and subsidies, contract amounts and prices must add up to the fen. Parsing therefore
 * shifts the decimal point in the *string* and never multiplies a float by 100.
 */

/** Largest amount accepted from users, in yuan (1 万亿元): larger is certainly a typo. */
export const MAX_YUAN = 1_000_000_000_000;

/** {@link MAX_YUAN} in fen. */
export const MAX_FEN = MAX_YUAN * 100;

export type YuanParse = { ok: true; fen: number } | { ok: false; message: string };

const FORMAT_MESSAGE = '金额格式不正确，请填写数字，如 1,234.56、12.5万';

/**
 * Parses an amount in yuan, as typed in a form or read from an Excel cell, into fen.
 *
 * Accepted: full-width digits and punctuation; whitespace anywhere; an optional leading ¥/￥;
 * thousands separators when correctly placed ("1,234,567.8"); a "元" suffix; a "万" or "万元"
 * suffix meaning × 10,000 ("12.3万" = 123,000 元); zero. Trailing zeros after the decimal point do
 * not count as precision ("1.230" = 1.23).
 *
 * Refused, each with its own Simplified Chinese message: empty input, negative amounts, more
 * precision than one fen, exponent notation ("1e5"), NaN and infinities, anything else that is not
 * a plain decimal, and amounts above {@link MAX_YUAN}.
 *
 * A JS number is accepted only when its shortest printed form (`String(n)`) has at most two
 * decimals, so 1234.5 is 123450 fen but 0.1 + 0.2 (printed 0.30000000000000004) is refused.
 */
export function parseYuanToFen(input: string | number): YuanParse {
  if (typeof input === 'number') return parseNumber(input);

  let s = toHalfWidth(input).replace(/\s+/g, '');
  if (s === '') return fail('请填写金额');
  s = s.replace(/^[¥￥]/, '').replace(/元$/, '');
  // Yuan-to-fen shifts the point two places; 万 (ten thousand) shifts it four more.
  let shift = 2;
  if (s.endsWith('万')) {
    s = s.slice(0, -1);
    shift = 6;
  }
  if (/^[-−]/.test(s)) return fail('金额不能为负数');
  if (s.includes(',')) {
    // Only the Chinese/English grouping of three is accepted, so "1,5" (a European decimal
    // comma) is refused instead of being read as 15.
    if (!/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return fail('金额的千位分隔符位置不正确，如 1,234,567.89');
    s = s.replaceAll(',', '');
  }
  const match = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!match) return fail(FORMAT_MESSAGE);
  const [, whole = '', rawFraction = ''] = match;
  const fraction = rawFraction.replace(/0+$/, '');
  if (fraction.length > shift) {
    return fail(shift === 2 ? '金额最多精确到分（小数点后两位）' : '以“万元”为单位时最多保留六位小数（精确到分）');
  }
  const digits = `${whole}${fraction.padEnd(shift, '0')}`.replace(/^0+(?=\d)/, '');
  // Compare lengths before converting: a string of 16+ digits may not convert exactly.
  if (digits.length > String(MAX_FEN).length || Number(digits) > MAX_FEN) {
    return fail('金额过大，不能超过 1 万亿元');
  }
  return { ok: true, fen: Number(digits) };
}

function parseNumber(n: number): YuanParse {
  if (!Number.isFinite(n)) return fail('金额不是有效的数字');
  if (n < 0) return fail('金额不能为负数');
  const printed = String(n);
  // String() switches to exponent notation below 1e-6 and from 1e21 upwards.
  if (printed.includes('e')) {
    return fail(n >= 1 ? '金额过大，不能超过 1 万亿元' : '金额最多精确到分（小数点后两位）');
  }
  return parseYuanToFen(printed);
}

function fail(message: string): YuanParse {
  return { ok: false, message };
}

/** Formats fen as yuan with thousands separators and two decimals: 123456 → "1,234.56". */
export function formatFen(fen: number): string {
  const [sign, whole, fraction] = splitFen(fen);
  return `${sign}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${fraction}`;
}

/** Formats fen as a plain decimal yuan string, for exports and APIs: 123456 → "1234.56". */
export function fenToYuanString(fen: number): string {
  const [sign, whole, fraction] = splitFen(fen);
  return `${sign}${whole}.${fraction}`;
}

/** Sign, whole yuan and two-digit fen of an amount; throws for a non-integer, which is a bug upstream. */
function splitFen(fen: number): [string, string, string] {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${fen}`);
  const digits = String(Math.abs(fen)).padStart(3, '0');
  return [fen < 0 ? '-' : '', digits.slice(0, -2), digits.slice(-2)];
}
