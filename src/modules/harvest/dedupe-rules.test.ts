import { describe, expect, it } from 'vitest';
import { normalizeTitle } from '../achievements/index.js';
import { sameAchievement } from './dedupe-rules.js';
import { patentNumbersIn } from './harvested-record.js';

const rec = (title: string, abstract = '', patentNumbers: string[] = []) => ({ title, normalizedTitle: normalizeTitle(title), abstract, patentNumbers });

describe('sameAchievement', () => {
  it('joins records sharing a patent number, whatever their titles', () => {
    expect(sameAchievement(rec('甲', '', ['201410026192.3']), rec('乙', '', ['201410026192.3']))).toEqual({ method: 'patent', score: 1 });
  });
  it('joins equal normalized titles (punctuation, width and case aside)', () => {
    expect(sameAchievement(rec('《高强度 铝合金》焊接工艺'), rec('高强度铝合金焊接工艺。'))?.method).toBe('title');
  });
  it('joins similar titles with similar texts, not merely similar titles', () => {
    const text = '本成果提出一种高强度铝合金激光焊接工艺，焊缝强度达到母材的百分之九十以上，适用于轨道交通车体。';
    expect(sameAchievement(rec('高强度铝合金激光焊接工艺', text), rec('高强度铝合金的激光焊接工艺', text))?.method).toBe('similarity');
    expect(sameAchievement(rec('高强度铝合金激光焊接工艺', text), rec('低成本钛合金电弧增材制造', '完全不同的内容。'))).toBeNull();
  });
});

describe('patentNumbersIn', () => {
  it('finds Chinese application numbers in free text, normalized', () => {
    expect(patentNumbersIn(['专利号 ZL 2014 1 0026192.3 与 CN201520123456.7'])).toEqual(['201410026192.3', '201520123456.7']);
  });
});
