import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DOMAIN_TERMS, DOMAIN_TERM_MIN_FREQ, Segmenter, hanBigrams, isSearchableToken } from './segmenter.js';

let segmenter: Segmenter;

beforeAll(() => {
  segmenter = new Segmenter();
});

describe('domain dictionary', () => {
  const terms = ['碳化硅', '钙钛矿', '相控阵', '聚乳酸', '智能网联汽车', '锂离子电池', '北斗'];

  it.each(terms)('keeps %s whole in running text', (term) => {
    const text = `本项目研制了基于${term}的关键部件并实现产业化`;
    expect(segmenter.rawSegment(text).split(' ')).toContain(term);
    expect(segmenter.queryTokens(text)).toContain(term);
    expect(segmenter.indexTokens(text)).toContain(term);
  });

  it('does not let a domain term break the words around it', () => {
    // 网联 is a domain word; 物联网联盟 must still read 物联网 | 联盟.
    expect(segmenter.rawSegment('物联网联盟')).toBe('物联网 联盟');
  });

  it('gives every default term a frequency', () => {
    for (const t of DEFAULT_DOMAIN_TERMS) expect(t.freq).toBeGreaterThanOrEqual(DOMAIN_TERM_MIN_FREQ);
  });

  it('computes a winning frequency for terms loaded without one', () => {
    const s = new Segmenter({ domainTerms: [] });
    expect(s.rawSegment('采用钠硫储热耦合器')).not.toContain('钠硫储热耦合器');
    expect(s.suggestFrequency('钠硫储热耦合器')).toBeGreaterThanOrEqual(DOMAIN_TERM_MIN_FREQ);
    s.loadTerms([{ word: '钠硫储热耦合器' }]);
    expect(s.rawSegment('采用钠硫储热耦合器').split(' ')).toContain('钠硫储热耦合器');
  });

  it('finds the sub-words of a word in the dictionary as it is now, also after words were added', () => {
    const s = new Segmenter({ domainTerms: [] });
    const word = '钠硫储热耦合器件';
    const before = s.subWords(word);
    expect(s.subWords(word)).toEqual(before);
    expect(before).not.toContain('储热耦合');
    s.loadTerms([{ word: '储热耦合' }]);
    expect(s.subWords(word)).toContain('储热耦合');
    expect(s.analyzeQuery(word).terms.map((t) => t.text)).toContain('储热耦合');
  });

  it('normalizes loaded terms, so a Traditional entry matches Simplified text', () => {
    const s = new Segmenter({ domainTerms: [{ word: '氫燃料電堆', freq: 3000 }] });
    expect(s.queryTokens('氢燃料电堆')).toEqual(['氢燃料电堆']);
  });
});

describe('indexTokens', () => {
  it('adds sub-words so that parts of long words are findable', () => {
    const tokens = segmenter.indexTokens('锂离子电池管理系统');
    expect(tokens).toEqual(expect.arrayContaining(['锂离子电池', '锂离子', '电池', '管理系统', '管理', '系统']));
  });

  it('keeps four-character dictionary words inside longer terms', () => {
    expect(segmenter.indexTokens('轨道交通装备')).toContain('轨道交通');
  });

  it('drops whitespace, punctuation and stopwords, keeps Latin and digits', () => {
    const tokens = segmenter.indexTokens('基于SiC MOSFET的5G基站，功耗降低2nm！');
    expect(tokens).toEqual(expect.arrayContaining(['sic', 'mosfet', '5g', '基站', '2nm']));
    expect(tokens).not.toContain('的');
    expect(tokens).not.toContain('，');
    expect(tokens.every(isSearchableToken)).toBe(true);
  });

  it('normalizes before cutting', () => {
    expect(segmenter.indexTokens('鋰離子電池')).toContain('锂离子电池');
    expect(segmenter.indexTokens('ＳｉＣ')).toEqual(['sic']);
  });
});

describe('queryTokens', () => {
  it('cuts words whole and does not expand by default', () => {
    expect(segmenter.queryTokens('锂离子电池 回收')).toEqual(['锂离子电池', '回收']);
  });

  it('expands with sub-words on request', () => {
    expect(segmenter.queryTokens('锂离子电池', { expand: true })).toEqual(expect.arrayContaining(['锂离子电池', '锂离子', '电池']));
  });

  it('truncates very long queries', () => {
    const tokens = segmenter.queryTokens('碳化硅功率器件与氮化镓射频前端以及钙钛矿太阳能电池'.repeat(40));
    expect(tokens.length).toBeLessThanOrEqual(24);
    expect(tokens).toContain('碳化硅');
  });

  it.each([
    ['only punctuation', '，。！？、；：“”（）……——'],
    ['SQL', "'; DROP TABLE achievements; --"],
    ['regex metacharacters', `.*+?^$${'{}'}()|[]\\`],
    ['emoji', '🔋🚗💡'],
    ['empty', ''],
  ])('never throws on %s', (_name, text) => {
    expect(() => segmenter.queryTokens(text, { expand: true })).not.toThrow();
  });

  it('cuts each piece between spaces as one cut of the whole query would, also after the dictionary changes', () => {
    const s = new Segmenter({ domainTerms: [] });
    const query = '钠硫储热耦合器 SiC\u3000MOSFET,钙钛矿  钠硫储热耦合器';
    const first = s.analyzeQuery(query);
    expect(first.words).toEqual(['钠', '硫', '储热', '耦合', '器', 'sic', 'mosfet', '钙钛矿']);
    expect(first.phrases.map((p) => p.text)).toEqual(['钠硫储热耦合器', 'sic', 'mosfet', '钙钛矿']);
    expect(s.analyzeQuery(query)).toEqual(first);
    // The kept cuts are dropped with the dictionary: the new word is cut whole at once.
    s.loadTerms([{ word: '钠硫储热耦合器' }]);
    expect(s.analyzeQuery(query).words).toEqual(['钠硫储热耦合器', 'sic', 'mosfet', '钙钛矿']);
  });

  it('gives nothing searchable for punctuation and emoji', () => {
    expect(segmenter.queryTokens('，。！？🔋')).toEqual([]);
  });
});

describe('synonyms', () => {
  it('expands a query word with the other members of its group', () => {
    const s = new Segmenter();
    s.setSynonyms([['锂电池', '锂离子电池']]);
    expect(s.queryTokens('锂电池回收', { expand: true })).toEqual(expect.arrayContaining(['锂电池', '锂离子电池', '回收']));
    const analysis = s.analyzeQuery('锂离子电池');
    expect(analysis.terms.find((t) => t.text === '锂电池')?.origin).toBe('synonym');
  });

  it('replaces the previous groups', () => {
    const s = new Segmenter();
    s.setSynonyms([['锂电池', '锂离子电池']]);
    s.setSynonyms([['光伏', '太阳能发电']]);
    expect(s.synonyms('锂电池')).toEqual([]);
    expect(s.synonyms('光伏')).toEqual(['太阳能发电']);
  });
});

describe('rawSegment', () => {
  it.each([
    '鋰離子電池，ＳｉＣ　功率器件（“高温\u200B合金”）3.5%的c#',
    '基于深度学习的图像识别方法，包括：步骤一。',
    '  leading and   trailing  spaces  ',
    'Mixed 中文 English 和 123 数字🔋emoji',
    '①②③ ｆｕｌｌ－ｗｉｄｔｈ',
  ])('keeps every non-space character in order: %s', (line) => {
    const out = segmenter.rawSegment(line);
    expect(out.replace(/ /g, '')).toBe(line.replace(/\s/g, ''));
    expect(out).not.toMatch(/^ | $| {2}/);
  });

  it('puts punctuation in words of its own', () => {
    expect(segmenter.rawSegment('电池，电机。')).toBe('电池 ， 电机 。');
  });

  it('splits words the way search does', () => {
    expect(segmenter.rawSegment('智能网联汽车的锂离子电池')).toBe('智能网联汽车 的 锂离子电池');
  });
});

describe('hanBigrams', () => {
  it('gives overlapping character pairs of Han runs only', () => {
    expect(hanBigrams('碳化硅mosfet器件')).toEqual(['碳化', '化硅', '器件']);
    expect(hanBigrams('硅')).toEqual(['硅']);
  });
});
