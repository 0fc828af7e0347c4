import { describe, expect, it } from 'vitest';
import { normalizeText, normalizeWithOffsets } from './normalize.js';

describe('normalizeText', () => {
  it('turns full-width letters, digits and spaces half-width', () => {
    expect(normalizeText('ＳｉＣ\u3000ＭＯＳＦＥＴ功率器件５Ｇ')).toBe('sic mosfet功率器件5g');
  });

  it('lower-cases Latin text and keeps Latin and digit tokens intact', () => {
    expect(normalizeText('SiC MOSFET用于5G基站，2nm工艺')).toBe('sic mosfet用于5g基站,2nm工艺');
    expect(normalizeText('CRISPR-Cas9')).toBe('crispr-cas9');
  });

  it('converts Traditional to Simplified Chinese, including the Taiwanese word for silicon', () => {
    expect(normalizeText('鋰離子電池')).toBe('锂离子电池');
    expect(normalizeText('碳化矽')).toBe('碳化硅');
    expect(normalizeText('鈣鈦礦太陽能電池')).toBe('钙钛矿太阳能电池');
    expect(normalizeText('軟體與積體電路設計')).toBe('软件与集成电路设计');
  });

  it('leaves mainland text alone, even words Taiwan uses differently', () => {
    // Taiwan phrase conversion applied to mainland text would turn 程序 into 进程 and 文件 into 文档.
    for (const s of ['智慧城市的程序设计文件', '显著提高了覆盖率', '基于深度学习的图像识别方法']) {
      expect(normalizeText(s)).toBe(s);
    }
  });

  it('drops invisible format characters pasted from web pages', () => {
    expect(normalizeText('高温\u200B合金\uFEFF')).toBe('高温合金');
  });

  it('handles empty, ASCII-only and emoji text', () => {
    expect(normalizeText('')).toBe('');
    expect(normalizeText('Hello World')).toBe('hello world');
    expect(normalizeText('电池🔋')).toBe('电池🔋');
  });

  it('keeps long text intact in length class (no catastrophic growth)', () => {
    const text = '本文针对锂离子电池SOC估计问题，提出了一种基于扩展卡尔曼滤波的方法，实验表明误差小于2%。'.repeat(40);
    const out = normalizeText(text);
    expect(out.length).toBe(text.length);
    expect(out).toContain('soc');
  });
});

describe('normalizeWithOffsets', () => {
  it('maps normalized units back to the original characters', () => {
    const n = normalizeWithOffsets('ﬁ高温');
    expect(n.text).toBe('fi高温');
    expect(Array.from(n.start ?? [])).toEqual([0, 0, 1, 2]);
    expect(Array.from(n.end ?? [])).toEqual([1, 1, 2, 3]);
  });

  it('reports identity offsets when no character changes length', () => {
    expect(normalizeWithOffsets('ＳｉＣ鋰電池，')).toEqual({ text: 'sic锂电池，', start: null, end: null });
  });
});
