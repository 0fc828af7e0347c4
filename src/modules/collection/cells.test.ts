import { describe, expect, it } from 'vitest';
import { convertCell, excelSerialToDate, parseDateText } from './cells.js';
import type { ColumnSpec } from './collection.types.js';

const col = (kind: ColumnSpec['kind'], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ key: 'k', header: '列', kind, ...extra });
const TYPE = col('enum', { options: [{ value: 'invention', label: '发明专利' }, { value: 'software', label: '软件著作权' }] });

describe('convertCell', () => {
  it('treats blank cells as empty, whatever the kind', () => {
    for (const kind of ['text', 'integer', 'money', 'date', 'enum', 'list', 'boolean'] as const) {
      expect(convertCell(col(kind), null)).toEqual({ ok: true, value: undefined });
      expect(convertCell(col(kind), '   ')).toEqual({ ok: true, value: undefined });
    }
  });

  it('refuses formulas and Excel error values', () => {
    expect(convertCell(col('integer'), { kind: 'formula', formula: 'A1+1', result: 3 })).toEqual({ ok: false, message: '使用了公式，请粘贴为数值' });
    expect(convertCell(col('text'), { kind: 'error', text: '#N/A' })).toMatchObject({ ok: false });
  });

  it('reads text from numbers and dates without exponent noise, and counts characters', () => {
    expect(convertCell(col('text'), 13900001111)).toEqual({ ok: true, value: '13900001111' });
    expect(convertCell(col('text'), new Date(Date.UTC(2024, 4, 1)))).toEqual({ ok: true, value: '2024-05-01' });
    expect(convertCell(col('text', { maxLength: 3 }), '科惠平台')).toEqual({ ok: false, message: '不能超过 3 个字（现有 4 个）' });
  });

  it('normalizes full-width digits in numbers and refuses negatives', () => {
    expect(convertCell(col('integer'), '１２３')).toEqual({ ok: true, value: 123 });
    expect(convertCell(col('integer'), '1,234')).toEqual({ ok: true, value: 1234 });
    expect(convertCell(col('integer'), '3.5')).toEqual({ ok: false, message: '应为整数' });
    expect(convertCell(col('integer'), -2)).toEqual({ ok: false, message: '不能为负数' });
    expect(convertCell(col('decimal'), '－１.５')).toEqual({ ok: false, message: '不能为负数' });
    expect(convertCell(col('decimal'), '０.７５')).toEqual({ ok: true, value: 0.75 });
    expect(convertCell(col('decimal'), 'abc')).toEqual({ ok: false, message: '应为数字' });
  });

  it('reads money into fen with parseYuanToFen', () => {
    expect(convertCell(col('money'), 1234.5)).toEqual({ ok: true, value: 123450 });
    expect(convertCell(col('money'), '１,２３４.５６')).toEqual({ ok: true, value: 123456 });
    expect(convertCell(col('money'), '12.5万')).toEqual({ ok: true, value: 12_500_000 });
    expect(convertCell(col('money'), -1)).toEqual({ ok: false, message: '不能为负数' });
    expect(convertCell(col('money'), '-5')).toMatchObject({ ok: false, message: '金额不能为负数' });
  });

  it('reads dates from date cells, serial numbers and the usual Chinese spellings', () => {
    expect(convertCell(col('date'), new Date(Date.UTC(2024, 4, 1)))).toEqual({ ok: true, value: '2024-05-01' });
    expect(convertCell(col('date'), 45413)).toEqual({ ok: true, value: '2024-05-01' });
    expect(convertCell(col('date'), '2024/5/1')).toEqual({ ok: true, value: '2024-05-01' });
    expect(convertCell(col('date'), '２０２４年５月１日')).toEqual({ ok: true, value: '2024-05-01' });
    expect(convertCell(col('date'), '2024-02-30')).toMatchObject({ ok: false });
    expect(convertCell(col('date'), '下个月')).toMatchObject({ ok: false });
  });

  it('maps enum labels to values and lists the allowed labels otherwise', () => {
    expect(convertCell(TYPE, '发明专利')).toEqual({ ok: true, value: 'invention' });
    expect(convertCell(TYPE, 'software')).toEqual({ ok: true, value: 'software' });
    expect(convertCell(TYPE, '专利')).toEqual({ ok: false, message: '「专利」不在可选值中，可选：发明专利、软件著作权' });
  });

  it('splits multi-value cells on 、 and ;', () => {
    const multi = { ...TYPE, kind: 'multi_enum' as const };
    expect(convertCell(multi, '发明专利、软件著作权；发明专利')).toEqual({ ok: true, value: ['invention', 'software'] });
    expect(convertCell(col('list'), '人工智能、机器学习;  大模型')).toEqual({ ok: true, value: ['人工智能', '机器学习', '大模型'] });
    expect(convertCell(col('list'), ['a', 'b'])).toEqual({ ok: true, value: ['a', 'b'] });
    expect(convertCell(col('list', { maxLength: 2 }), '甲乙丙、丁')).toMatchObject({ ok: false });
  });

  it('reads booleans in Chinese and English', () => {
    expect(convertCell(col('boolean'), '是')).toEqual({ ok: true, value: true });
    expect(convertCell(col('boolean'), 'FALSE')).toEqual({ ok: true, value: false });
    expect(convertCell(col('boolean'), '也许')).toEqual({ ok: false, message: '应填写“是”或“否”' });
  });
});

describe('dates', () => {
  it('converts Excel serial numbers of the 1900 system', () => {
    expect(excelSerialToDate(1)).toBeNull();
    expect(excelSerialToDate(61)).toBe('1900-03-01');
    expect(excelSerialToDate(45413.75)).toBe('2024-05-01');
  });
  it('accepts a time after the date', () => {
    expect(parseDateText('2024-05-01 08:30:00')).toBe('2024-05-01');
    expect(parseDateText('20240501')).toBe('2024-05-01');
  });
});
