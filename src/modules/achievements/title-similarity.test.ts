import { describe, expect, it } from 'vitest';
import { NEAR_DUPLICATE_THRESHOLD, normalizeTitle, titleSimilarity } from './title-similarity.js';

describe('normalizeTitle', () => {
  it('removes Chinese and ASCII punctuation and whitespace', () => {
    expect(normalizeTitle('《基于“北斗”的（高精度）定位系统》')).toBe('基于北斗的高精度定位系统');
    expect(normalizeTitle('【新材料】石墨烯、碳纳米管：制备；应用！可行？是。')).toBe('新材料石墨烯碳纳米管制备应用可行是');
    expect(normalizeTitle(' 智能 装备\t控制\n系统 ')).toBe('智能装备控制系统');
    expect(normalizeTitle('Li-ion, high/low-temp. battery')).toBe('liionhighlowtempbattery');
  });

  it('converts full-width letters, digits and spaces and lower-cases them', () => {
    expect(normalizeTitle('５Ｇ\u3000ＭＥＭＳ传感器')).toBe('5gmems传感器');
    expect(normalizeTitle('AI芯片')).toBe(normalizeTitle('ａｉ芯片'));
  });

  it('applies NFKC to compatibility characters', () => {
    // U+2160 ROMAN NUMERAL ONE and U+2474 PARENTHESIZED DIGIT ONE.
    expect(normalizeTitle('Ⅰ型⑴')).toBe('i型1');
    expect(normalizeTitle('ﬁbre')).toBe('fibre');
  });

  it('removes zero-width characters pasted from web pages', () => {
    expect(normalizeTitle('\uFEFF高温\u200B合金')).toBe('高温合金');
  });

  it('keeps symbols that can carry meaning', () => {
    expect(normalizeTitle('5G+工业互联网')).toBe('5g+工业互联网');
    expect(normalizeTitle('5G工业互联网')).not.toBe(normalizeTitle('5G+工业互联网'));
  });

  it('makes retyped duplicates equal', () => {
    expect(normalizeTitle('一种高效率滤波天线阵列及通信设备')).toBe(
      normalizeTitle(' 一种高效率滤波天线阵列，及通信设备。'),
    );
  });
});

describe('titleSimilarity', () => {
  it('is 1 for titles equal after normalization', () => {
    expect(titleSimilarity('高温合金', '《高温合金》')).toBe(1);
  });

  it('is 0 for disjoint titles and for titles that normalize to nothing', () => {
    expect(titleSimilarity('纳米涂层', '基因测序')).toBe(0);
    expect(titleSimilarity('', '')).toBe(0);
    expect(titleSimilarity('。。。', '高温合金')).toBe(0);
  });

  it('is symmetric and stays within [0, 1]', () => {
    const pairs: Array<[string, string]> = [
      ['高速大动态范围磁场测量系统', '高速大动态范围磁场测量方法'],
      ['啊啊啊啊', '啊啊'],
      ['镍', '镍钴'],
    ];
    for (const [a, b] of pairs) {
      const s = titleSimilarity(a, b);
      expect(s).toBe(titleSimilarity(b, a));
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });

  it('counts repeated bigrams as a multiset', () => {
    // 啊啊啊啊 has three 啊啊 bigrams, 啊啊 one: 2·1 / (3 + 1).
    expect(titleSimilarity('啊啊啊啊', '啊啊')).toBe(0.5);
  });

  it('compares one-character titles by their character', () => {
    expect(titleSimilarity('镍', '镍钴')).toBe(0);
    expect(titleSimilarity('镍', 'Ｎｉ')).toBe(0);
  });

  it('flags a title with one inserted character', () => {
    const s = titleSimilarity('一种高效率滤波天线阵列及通信设备', '一种高效率滤波天线阵列及其通信设备');
    expect(s).toBeCloseTo(0.903, 3);
    expect(s).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
  });

  it('does not flag titles that share only a patent-style template', () => {
    const s = titleSimilarity('一种基于深度学习的图像去噪方法', '一种基于深度学习的语音识别方法');
    expect(s).toBeCloseTo(0.643, 3);
    expect(s).toBeLessThan(NEAR_DUPLICATE_THRESHOLD);
    expect(titleSimilarity('纱线性能测量器', '微体积测量器')).toBeLessThan(NEAR_DUPLICATE_THRESHOLD);
  });

  it('documents the known misses: a one-character change of meaning is flagged, swapped halves are not', () => {
    expect(titleSimilarity('新型锂离子电池正极材料的制备方法', '新型锂离子电池负极材料的制备方法')).toBeGreaterThanOrEqual(
      NEAR_DUPLICATE_THRESHOLD,
    );
    expect(titleSimilarity('二维码调查方法及系统', '二维码调查系统及方法')).toBeLessThan(NEAR_DUPLICATE_THRESHOLD);
  });
});
