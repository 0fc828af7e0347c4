import { describe, expect, it } from 'vitest';
import { MAX_FEN, MAX_YUAN, fenToYuanString, formatFen, parseYuanToFen } from './money.js';

function fenOf(input: string | number): number {
  const result = parseYuanToFen(input);
  if (!result.ok) throw new Error(`expected ${String(input)} to be accepted: ${result.message}`);
  return result.fen;
}

function messageOf(input: string | number): string {
  const result = parseYuanToFen(input);
  if (result.ok) throw new Error(`expected ${String(input)} to be rejected, got ${result.fen}`);
  return result.message;
}

describe('parseYuanToFen: accepted strings', () => {
  it.each([
    ['1234', 123_400],
    ['1234.5', 123_450],
    ['1234.56', 123_456],
    ['1,234.56', 123_456],
    ['1,234,567', 123_456_700],
    ['0', 0],
    ['0.01', 1],
    ['0.1', 10],
    ['007', 700],
    ['1.230', 123],
    ['12元', 1_200],
    ['¥1,234.56', 123_456],
    ['  1 234.56 ', 123_456],
  ] as const)('%s → %d fen', (input, fen) => {
    expect(fenOf(input)).toBe(fen);
  });

  it('reads full-width digits, comma and point as typed by Chinese IMEs', () => {
    expect(fenOf('１２３４.５')).toBe(123_450);
    expect(fenOf('１，２３４．５６')).toBe(123_456);
    expect(fenOf('\u3000８８\u3000')).toBe(8_800);
    expect(fenOf('￥５元')).toBe(500);
  });

  it('multiplies 万 and 万元 by 10,000', () => {
    expect(fenOf('12.3万')).toBe(12_300_000);
    expect(fenOf('12.3万元')).toBe(12_300_000);
    expect(fenOf('1万')).toBe(1_000_000);
    expect(fenOf('0.000001万')).toBe(1);
    expect(fenOf('1,000万元')).toBe(1_000_000_000);
  });

  it('is exact where floating-point × 100 is not', () => {
    // 0.07 * 100 === 7.000000000000001 and 1.15 * 100 === 114.99999999999999 in IEEE 754.
    expect(fenOf('0.07')).toBe(7);
    expect(fenOf('1.15')).toBe(115);
    expect(fenOf('4.35')).toBe(435);
  });

  it('accepts exactly the maximum and refuses one fen more', () => {
    expect(fenOf('1000000000000')).toBe(MAX_FEN);
    expect(fenOf('100000000万')).toBe(MAX_FEN);
    expect(messageOf('1000000000000.01')).toBe('金额过大，不能超过 1 万亿元');
    expect(MAX_FEN).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });
});

describe('parseYuanToFen: refused strings', () => {
  it('refuses empty input', () => {
    expect(messageOf('')).toBe('请填写金额');
    expect(messageOf('   ')).toBe('请填写金额');
  });

  it('refuses negatives', () => {
    expect(messageOf('-1')).toBe('金额不能为负数');
    expect(messageOf('-0.01万')).toBe('金额不能为负数');
    expect(messageOf('－５')).toBe('金额不能为负数');
  });

  it('refuses more than two decimals, or six with 万', () => {
    expect(messageOf('0.001')).toBe('金额最多精确到分（小数点后两位）');
    expect(messageOf('1.005')).toBe('金额最多精确到分（小数点后两位）');
    expect(messageOf('0.0000001万')).toContain('最多保留六位小数');
  });

  it('refuses exponent notation, NaN and other non-decimals', () => {
    for (const bad of ['1e5', '1E5', 'NaN', 'Infinity', 'abc', '.5', '5.', '1.2.3', '+1', '0x10', '万', '元', '十二万']) {
      expect(messageOf(bad)).toContain('金额格式不正确');
    }
  });

  it('refuses misplaced thousands separators', () => {
    for (const bad of ['1,5', '12,34.5', '1234,567', ',123', '1,,234']) {
      expect(messageOf(bad)).toContain('千位分隔符');
    }
  });

  it('refuses absurdly large amounts, however many digits', () => {
    expect(messageOf('1000000000001')).toBe('金额过大，不能超过 1 万亿元');
    expect(messageOf('100000001万')).toBe('金额过大，不能超过 1 万亿元');
    expect(messageOf('9'.repeat(40))).toBe('金额过大，不能超过 1 万亿元');
  });
});

describe('parseYuanToFen: numbers', () => {
  it('accepts numbers printed with at most two decimals', () => {
    expect(fenOf(1234.5)).toBe(123_450);
    expect(fenOf(1234)).toBe(123_400);
    expect(fenOf(0.01)).toBe(1);
    expect(fenOf(0)).toBe(0);
    expect(fenOf(-0)).toBe(0);
    expect(fenOf(MAX_YUAN)).toBe(MAX_FEN);
  });

  it('refuses numbers that print with more decimals, including float artefacts', () => {
    expect(messageOf(0.1 + 0.2)).toBe('金额最多精确到分（小数点后两位）');
    expect(messageOf(0.001)).toBe('金额最多精确到分（小数点后两位）');
    expect(messageOf(1e-7)).toBe('金额最多精确到分（小数点后两位）');
  });

  it('refuses negatives, NaN, infinities and huge numbers', () => {
    expect(messageOf(-1)).toBe('金额不能为负数');
    expect(messageOf(Number.NaN)).toBe('金额不是有效的数字');
    expect(messageOf(Number.POSITIVE_INFINITY)).toBe('金额不是有效的数字');
    expect(messageOf(1e21)).toBe('金额过大，不能超过 1 万亿元');
    expect(messageOf(MAX_YUAN + 1)).toBe('金额过大，不能超过 1 万亿元');
  });
});

describe('formatFen and fenToYuanString', () => {
  it.each([
    [123_456, '1,234.56', '1234.56'],
    [0, '0.00', '0.00'],
    [1, '0.01', '0.01'],
    [10, '0.10', '0.10'],
    [100, '1.00', '1.00'],
    [99_999, '999.99', '999.99'],
    [100_000, '1,000.00', '1000.00'],
    [123_456_789_012, '1,234,567,890.12', '1234567890.12'],
    [MAX_FEN, '1,000,000,000,000.00', '1000000000000.00'],
    [-123_456, '-1,234.56', '-1234.56'],
    [-5, '-0.05', '-0.05'],
  ])('%d fen → %s / %s', (fen, formatted, plain) => {
    expect(formatFen(fen)).toBe(formatted);
    expect(fenToYuanString(fen)).toBe(plain);
  });

  it('round-trips through parseYuanToFen', () => {
    for (const fen of [0, 1, 7, 115, 123_456, 987_654_321, MAX_FEN]) {
      expect(fenOf(formatFen(fen))).toBe(fen);
      expect(fenOf(fenToYuanString(fen))).toBe(fen);
    }
  });

  it('throws for non-integers, which are bugs upstream', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => fenToYuanString(Number.NaN)).toThrow(RangeError);
    expect(() => formatFen(2 ** 53)).toThrow(RangeError);
  });
});
