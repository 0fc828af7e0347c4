import { toHalfWidth } from '../../platform/text.js';

/**
 * Chinese patent application numbers (专利申请号) with their check character (校验位), as
 * printed on filing receipts and certificates; a granted patent's number (专利号) is the same
 * string with a leading "ZL".
 *
 * Two layouts exist (CNIPA 专利申请号标准, in force for filings from 2003-10-01):
 *   since 2003-10-01  YYYY T NNNNNNN . C   e.g. 201710601862.3  (12 digits)
 *   before            YY   T NNNNN   . C   e.g. 98211883.X      (8 digits)
 * where T is the application type digit and C the check character: the digits weighted
 * 2,3,4,5,6,7,8,9 (repeating) from the left, summed, mod 11, with 10 written as X.
 */

/** Patent application type, from the type digit. */
export type PatentType = 'invention' | 'utility_model' | 'design' | 'pct_invention' | 'pct_utility_model';

/** Type digit → type. 8 and 9 are PCT applications entering the Chinese national phase. */
const TYPE_BY_DIGIT: Readonly<Record<string, PatentType>> = {
  '1': 'invention',
  '2': 'utility_model',
  '3': 'design',
  '8': 'pct_invention',
  '9': 'pct_utility_model',
};

/** Chinese names of the application types, for display. */
export const PATENT_TYPE_LABELS: Readonly<Record<PatentType, string>> = {
  invention: '发明',
  utility_model: '实用新型',
  design: '外观设计',
  pct_invention: 'PCT 发明（进入中国国家阶段）',
  pct_utility_model: 'PCT 实用新型（进入中国国家阶段）',
};

export type PatentNumberCheck =
  | { ok: true; normalized: string; type: PatentType }
  | { ok: false; message: string };

const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9] as const;

/** The first year of the 12-digit layout, and the year the Chinese Patent Law took effect. */
const FIRST_LONG_YEAR = 2003;
const FIRST_SHORT_YEARS = ['85', '86', '87', '88', '89', '90', '91', '92', '93', '94', '95', '96', '97', '98', '99', '00', '01', '02', '03'];

const FORMAT_MESSAGE =
  '专利申请号格式不正确：应为 12 位数字、小数点和 1 位校验位（如 201710601862.3），2003 年 10 月 1 日前的申请为 8 位数字、小数点和 1 位校验位（如 98211883.X）';

/**
 * Canonical form of a typed or pasted application number: full-width characters (as Chinese
 * IMEs type them) to half-width, all whitespace removed (the standard allows spaces between
 * year, type and serial, e.g. "ZL 2014 1 0026192.3"), upper-cased, a leading "ZL" (patent number)
 * or "CN" dropped, and the ideographic full stop or a middle dot read as the separator. When the
 * dot is missing but the length is exactly right (13 or 9 characters), it is inserted before the
 * last character. Anything else is left as is so that {@link checkPatentNumber} can reject it.
 */
export function normalizePatentNumber(input: string): string {
  let s = toHalfWidth(input)
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/[。·•]/g, '.');
  s = s.replace(/^(ZL|CN)/, '');
  if (/^(\d{12}|\d{8})[\dX]$/.test(s)) {
    s = `${s.slice(0, -1)}.${s.slice(-1)}`;
  }
  return s;
}

/**
 * Normalizes (see {@link normalizePatentNumber}) and validates an application number: layout,
 * filing year, type digit and check character, in that order. Returns the canonical form and the
 * application type, or a Simplified Chinese message describing the first problem found.
 */
export function checkPatentNumber(input: string): PatentNumberCheck {
  const normalized = normalizePatentNumber(input);
  if (normalized === '') return fail('请填写专利申请号');
  if (/^(\d{12}|\d{8})\.?$/.test(normalized)) {
    return fail('专利申请号缺少校验位：小数点后还应有 1 位数字或字母 X');
  }
  const match = /^(\d{12}|\d{8})\.([\dX])$/.exec(normalized);
  if (!match) return fail(FORMAT_MESSAGE);
  const [, digits = '', check = ''] = match;
  const isLong = digits.length === 12;

  const year = isLong ? digits.slice(0, 4) : digits.slice(0, 2);
  if (isLong ? Number(year) < FIRST_LONG_YEAR : !FIRST_SHORT_YEARS.includes(year)) {
    return fail(
      isLong
        ? `专利申请号的申请年份“${year}”不正确：12 位申请号始于 2003 年`
        : `专利申请号的申请年份“${year}”不正确：8 位申请号用于 1985 年至 2003 年的申请`,
    );
  }

  const typePosition = isLong ? 5 : 3;
  const typeDigit = digits.charAt(typePosition - 1);
  const type = TYPE_BY_DIGIT[typeDigit];
  if (type === undefined) {
    return fail(
      `专利申请号第 ${typePosition} 位是申请种类，应为 1（发明）、2（实用新型）、3（外观设计）、8（PCT 发明）或 9（PCT 实用新型），当前为“${typeDigit}”`,
    );
  }

  if (patentCheckCharacter(digits) !== check) {
    return fail('专利申请号校验位错误，请核对后重新输入');
  }
  return { ok: true, normalized, type };
}

/**
 * The check character of the 8 or 12 digits before the dot. Exported to build valid numbers for
 * demo data and tests; never to "repair" a number a user typed.
 */
export function patentCheckCharacter(digits: string): string {
  if (!/^(\d{12}|\d{8})$/.test(digits)) throw new RangeError(`invalid application number digits: ${digits}`);
  let sum = 0;
  for (const [i, ch] of [...digits].entries()) {
    sum += Number(ch) * (WEIGHTS[i % WEIGHTS.length] ?? 0);
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

function fail(message: string): PatentNumberCheck {
  return { ok: false, message };
}
