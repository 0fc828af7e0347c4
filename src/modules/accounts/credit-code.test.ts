import { describe, expect, it } from 'vitest';
import { checkCreditCode, normalizeCreditCode } from './credit-code.js';

/** Publicly disclosed codes of real organizations. */
const REAL_CODES: ReadonlyArray<[string, string]> = [
  ['华为技术有限公司', '914403001922038216'],
  ['深圳市腾讯计算机系统有限公司', '9144030071526726XG'],
  ['阿里巴巴（中国）有限公司', '91330100799655058B'],
  ['东风汽车集团有限公司', '914200001000115161'],
  ['华中科技大学', '12100000441626842D'],
  ['中国地质大学（武汉）', '12100000441626770L'],
  ['清华大学', '12100000400000624D'],
  // 'X' as the GB 11714 check digit at position 17.
  ['复旦大学', '1210000042500615X0'],
];

function messageOf(code: string): string {
  const result = checkCreditCode(code);
  if (result.ok) throw new Error(`expected ${code} to be rejected`);
  return result.message;
}

describe('checkCreditCode: real codes', () => {
  it.each(REAL_CODES)('accepts %s %s', (_name, code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true });
  });
});

describe('checkCreditCode: invalid codes', () => {
  it('rejects a single changed character with a check-digit message', () => {
    expect(messageOf('914403001922038217')).toContain('校验位错误');
    expect(messageOf('914403001922038316')).toContain('校验位错误');
    expect(messageOf('9144030071526726XH')).toContain('校验位错误');
  });

  it('rejects two transposed characters', () => {
    expect(messageOf('914403001922038261')).toContain('校验位错误');
  });

  it('rejects wrong lengths, counting characters not bytes', () => {
    expect(messageOf('91440300192203821')).toBe('统一社会信用代码应为 18 位，当前为 17 位');
    expect(messageOf('9144030019220382160')).toBe('统一社会信用代码应为 18 位，当前为 19 位');
    expect(messageOf('')).toBe('统一社会信用代码应为 18 位，当前为 0 位');
    expect(messageOf('华为技术有限公司华为技术有限公司华为')).toContain('不合法');
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('rejects the excluded letter %s', (letter) => {
    const code = `91440300MA5${letter}000000`;
    expect(code).toHaveLength(18);
    const message = messageOf(code);
    expect(message).toContain('第 12 位');
    expect(message).toContain('不含 I、O、Z、S、V');
  });

  it('rejects punctuation and un-normalized input', () => {
    expect(messageOf('91440300-922038216')).toContain('第 9 位');
    expect(messageOf('9144030071526726xg')).toContain('第 17 位');
    expect(messageOf(' 14403001922038216')).toContain('第 1 位');
  });

  it('rejects unknown registration authority and type codes', () => {
    expect(messageOf('014403001922038216')).toContain('登记管理部门代码');
    expect(messageOf('B14403001922038216')).toContain('登记管理部门代码');
    expect(messageOf('904403001922038216')).toContain('机构类别代码');
    expect(messageOf('9A4403001922038216')).toContain('机构类别代码');
  });

  it('rejects letters in the region code part', () => {
    expect(messageOf('9144A3001922038216')).toContain('行政区划码');
  });
});

describe('normalizeCreditCode', () => {
  it('trims and upper-cases so lowercase input is accepted', () => {
    const normalized = normalizeCreditCode('  9144030071526726xg\n');
    expect(normalized).toBe('9144030071526726XG');
    expect(checkCreditCode(normalized)).toEqual({ ok: true });
  });

  it('converts full-width characters and spaces to half-width', () => {
    const normalized = normalizeCreditCode('\u3000９１３３０１００７９９６５５０５８ｂ\u3000');
    expect(normalized).toBe('91330100799655058B');
    expect(checkCreditCode(normalized)).toEqual({ ok: true });
  });

  it('leaves inner characters alone so bad input still fails', () => {
    expect(normalizeCreditCode('9144 0300')).toBe('9144 0300');
  });
});
