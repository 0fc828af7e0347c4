import { describe, expect, it } from 'vitest';
import { type PatentType, checkPatentNumber, normalizePatentNumber, patentCheckCharacter } from './patent-number.js';

/**
 * Real, publicly listed application numbers (from granted-patent lists on university, company
 * and school web pages, and the worked example in CNIPA-derived documentation), with the type
 * their type digit says. None was adjusted to fit the algorithm.
 */
const REAL_NUMBERS: ReadonlyArray<[string, PatentType]> = [
  // 12-digit layout.
  ['201710601862.3', 'invention'],
  ['202011472880.4', 'invention'],
  ['202111118032.8', 'invention'],
  ['201710736136.2', 'invention'],
  ['202310397744.0', 'invention'],
  ['201410026192.3', 'invention'],
  ['201210442457.9', 'invention'],
  ['201310209986.9', 'invention'],
  ['200410024861.X', 'invention'],
  ['202521843307.8', 'utility_model'],
  ['200420023327.2', 'utility_model'],
  ['200520100748.5', 'utility_model'],
  ['200520101472.2', 'utility_model'],
  ['200620101117.X', 'utility_model'],
  ['200630161199.2', 'design'],
  // 8-digit layout (filed before 2003-10-01).
  ['98211883.X', 'utility_model'],
  ['00208221.7', 'utility_model'],
  ['00237623.7', 'utility_model'],
  ['01209457.9', 'utility_model'],
  ['02216572.X', 'utility_model'],
  ['03232685.8', 'utility_model'],
];

function messageOf(input: string): string {
  const result = checkPatentNumber(input);
  if (result.ok) throw new Error(`expected ${input} to be rejected`);
  return result.message;
}

describe('checkPatentNumber: real numbers', () => {
  it.each(REAL_NUMBERS)('accepts %s as %s', (number, type) => {
    expect(checkPatentNumber(number)).toEqual({ ok: true, normalized: number, type });
  });

  it('accepts patent numbers written with ZL and spaces, as on certificates', () => {
    expect(checkPatentNumber('ZL 2014 1 0026192.3')).toEqual({
      ok: true,
      normalized: '201410026192.3',
      type: 'invention',
    });
    expect(checkPatentNumber('ZL 98 211883.X')).toMatchObject({ ok: true, normalized: '98211883.X' });
  });
});

describe('checkPatentNumber: PCT national-phase types', () => {
  // Synthetic: no real PCT number was at hand, so the check character is computed here.
  it.each([
    ['201980012345', 'pct_invention'],
    ['201990012345', 'pct_utility_model'],
  ] as const)('maps the type digit of %s to %s', (digits, type) => {
    const number = `${digits}.${patentCheckCharacter(digits)}`;
    expect(checkPatentNumber(number)).toEqual({ ok: true, normalized: number, type });
  });
});

describe('checkPatentNumber: wrong check character', () => {
  it('rejects a changed check character', () => {
    expect(messageOf('201710601862.4')).toBe('专利申请号校验位错误，请核对后重新输入');
    expect(messageOf('200410024861.0')).toContain('校验位错误');
    expect(messageOf('98211883.1')).toContain('校验位错误');
  });

  it('rejects X where the remainder is a digit, and a digit where it is X', () => {
    expect(messageOf('201710601862.X')).toContain('校验位错误');
    expect(messageOf('200620101117.1')).toContain('校验位错误');
  });

  it('rejects a changed serial digit and two transposed serial digits', () => {
    expect(messageOf('201710601863.3')).toContain('校验位错误');
    expect(messageOf('201710601826.3')).toContain('校验位错误');
  });
});

describe('checkPatentNumber: layout, year and type', () => {
  it('rejects an empty value', () => {
    expect(messageOf('')).toBe('请填写专利申请号');
    expect(messageOf('  ZL ')).toBe('请填写专利申请号');
  });

  it('rejects a number without its check character', () => {
    expect(messageOf('201710601862')).toContain('缺少校验位');
    expect(messageOf('201710601862.')).toContain('缺少校验位');
    expect(messageOf('98211883')).toContain('缺少校验位');
  });

  it('rejects wrong lengths and stray characters with the format message', () => {
    for (const bad of ['20171060186.3', '2017106018621.3', '9821188.X', '201710601862.33', 'CN116455754B', '2017-10601862.3', '201710601862.A']) {
      expect(messageOf(bad)).toContain('专利申请号格式不正确');
    }
  });

  it('rejects filing years outside each layout', () => {
    const digits = '200210012345';
    expect(messageOf(`${digits}.${patentCheckCharacter(digits)}`)).toContain('申请年份“2002”不正确');
    const short = '84100001';
    expect(messageOf(`${short}.${patentCheckCharacter(short)}`)).toContain('申请年份“84”不正确');
    const late = '04100001';
    expect(messageOf(`${late}.${patentCheckCharacter(late)}`)).toContain('申请年份“04”不正确');
  });

  it.each(['0', '4', '5', '6', '7'])('rejects type digit %s with its position', (digit) => {
    const long = `2017${digit}0601862`;
    expect(messageOf(`${long}.${patentCheckCharacter(long)}`)).toContain('第 5 位是申请种类');
    expect(messageOf(`${long}.${patentCheckCharacter(long)}`)).toContain(`当前为“${digit}”`);
    const short = `98${digit}11883`;
    expect(messageOf(`${short}.${patentCheckCharacter(short)}`)).toContain('第 3 位是申请种类');
  });
});

describe('normalizePatentNumber', () => {
  it('converts full-width digits, letters and dots', () => {
    expect(normalizePatentNumber('２０１７１０６０１８６２．３')).toBe('201710601862.3');
    expect(normalizePatentNumber('ｚｌ２００４１００２４８６１．ｘ')).toBe('200410024861.X');
  });

  it('strips whitespace, including ideographic spaces, and the ZL / CN prefix', () => {
    expect(normalizePatentNumber(' ZL 2017 1 0601862.3 ')).toBe('201710601862.3');
    expect(normalizePatentNumber('CN201710601862.3')).toBe('201710601862.3');
    expect(normalizePatentNumber('zl\u30002017\u300010601862.3')).toBe('201710601862.3');
  });

  it('reads the ideographic full stop and a middle dot as the separator', () => {
    expect(normalizePatentNumber('201710601862。3')).toBe('201710601862.3');
    expect(normalizePatentNumber('200410024861·x')).toBe('200410024861.X');
  });

  it('inserts a missing dot only when the length is exactly right', () => {
    expect(normalizePatentNumber('2017106018623')).toBe('201710601862.3');
    expect(normalizePatentNumber('98211883x')).toBe('98211883.X');
    expect(normalizePatentNumber('201710601862')).toBe('201710601862');
    expect(normalizePatentNumber('20171060186233')).toBe('20171060186233');
    expect(checkPatentNumber('2017106018623')).toMatchObject({ ok: true, normalized: '201710601862.3' });
  });
});

describe('patentCheckCharacter', () => {
  it('computes weights 2–9 repeating, mod 11, 10 as X', () => {
    // 2·2+0·3+1·4+7·5+1·6+0·7+6·8+0·9+1·2+8·3+6·4+2·5 = 157; 157 mod 11 = 3.
    expect(patentCheckCharacter('201710601862')).toBe('3');
    expect(patentCheckCharacter('98211883')).toBe('X');
  });

  it('refuses anything but 8 or 12 digits', () => {
    expect(() => patentCheckCharacter('2017106018')).toThrow(RangeError);
    expect(() => patentCheckCharacter('9821188X')).toThrow(RangeError);
  });
});
