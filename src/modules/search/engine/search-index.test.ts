import { beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../../../platform/prng.js';
import { Segmenter } from '../text/segmenter.js';
import { normalizeText } from '../text/normalize.js';
import { BLOOM_WORDS, bloomAdd, bloomMayContain, highlightAlignment, type IndexDoc, SearchIndex, type SearchQuery } from './search-index.js';

let segmenter: Segmenter;

beforeAll(() => {
  // One jieba instance for the whole file: loading the dictionary is the slow part.
  segmenter = new Segmenter({ synonyms: [['锂电池', '锂离子电池']] });
});

const DAY = 86_400_000;

function buildDoc(overrides: Partial<IndexDoc> & { id: string }): IndexDoc {
  return {
    type: 'achievement',
    title: '',
    keywords: [],
    abstract: '',
    body: '',
    facets: {},
    sortKeys: { date: Date.UTC(2024, 0, 1), price: null },
    ...overrides,
  };
}

const CORPUS: IndexDoc[] = [
  buildDoc({
    id: 'a1',
    title: '高安全锂离子电池正极材料制备技术',
    keywords: ['锂离子电池', '正极材料'],
    abstract: '本成果提供一种高镍三元正极材料的制备方法，提升锂离子电池的循环寿命与热稳定性。',
    facets: { keyField: 'new_energy_special_vehicles', industry: 'C', regionCode: '420100', trl: 7, cooperationModes: ['transfer', 'license'], fiscal: true },
    sortKeys: { date: Date.UTC(2024, 3, 1), price: 5_000_000 },
  }),
  buildDoc({
    id: 'a2',
    title: '碳化硅MOSFET功率器件及其封装工艺',
    keywords: ['碳化硅', '功率器件', 'MOSFET'],
    abstract: '面向新能源汽车电驱的1200V SiC MOSFET器件，导通电阻降低30%。',
    facets: { keyField: 'integrated_circuits', industry: 'C', regionCode: '420102', trl: 6, cooperationModes: ['joint_development'], fiscal: false },
    sortKeys: { date: Date.UTC(2024, 5, 1), price: 12_000_000 },
  }),
  buildDoc({
    id: 'a3',
    title: '钙钛矿太阳能电池的低温制备方法',
    keywords: ['钙钛矿', '太阳能电池'],
    abstract: '采用溶液法在低温下制备钙钛矿薄膜电池，光电转换效率达到24%。',
    facets: { keyField: 'new_materials', industry: 'C', regionCode: '420500', trl: 4, cooperationModes: ['transfer'], fiscal: true },
    sortKeys: { date: Date.UTC(2023, 8, 1), price: null },
  }),
  buildDoc({
    id: 'a4',
    title: '北斗高精度定位终端',
    keywords: ['北斗', '高精度定位'],
    abstract: '基于北斗三号的厘米级定位终端，适用于桥梁形变监测和精准农业。',
    facets: { keyField: 'beidou_navigation', industry: 'I', regionCode: '420100', trl: 8, cooperationModes: ['license'], fiscal: false },
    sortKeys: { date: Date.UTC(2022, 1, 1), price: 800_000 },
  }),
  buildDoc({
    id: 'd1',
    type: 'demand',
    title: '求购动力电池回收梯次利用技术',
    keywords: ['动力电池', '梯次利用'],
    abstract: '企业需要退役锂电池的检测分选与梯次利用方案。',
    facets: { keyField: 'energy_saving_recycling', industry: 'N', regionCode: '420600', fiscal: false },
    sortKeys: { date: Date.UTC(2024, 6, 1), price: 2_000_000 },
  }),
  buildDoc({
    id: 'o1',
    type: 'organization',
    title: '武汉光电材料研究院',
    keywords: ['钙钛矿', '光电材料'],
    abstract: '从事钙钛矿光伏与新型显示材料研究的新型研发机构。',
    facets: { regionCode: '420111' },
    sortKeys: { date: Date.UTC(2021, 0, 1), price: null },
  }),
];

function buildIndex(docs: IndexDoc[] = CORPUS): SearchIndex {
  const index = new SearchIndex({ segmenter, cacheSize: 0 });
  for (const doc of docs) index.upsert(doc);
  return index;
}

const query = (text: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({ text, offset: 0, limit: 20, ...extra });
const ids = (index: SearchIndex, q: SearchQuery) => index.search(q).hits.map((h) => h.id);

describe('SearchIndex.search', () => {
  it('finds a record by a word of its title first', () => {
    expect(ids(buildIndex(), query('碳化硅'))[0]).toBe('a2');
  });

  it('finds long words by their parts and parts by the long word', () => {
    const index = buildIndex();
    expect(ids(index, query('电池'))).toEqual(expect.arrayContaining(['a1', 'a3', 'd1']));
    expect(ids(index, query('锂离子电池'))[0]).toBe('a1');
  });

  it('matches whatever the script or width of the query', () => {
    const index = buildIndex();
    expect(ids(index, query('鋰離子電池'))[0]).toBe('a1');
    expect(ids(index, query('碳化矽'))[0]).toBe('a2');
    expect(ids(index, query('ＳｉＣ　ｍｏｓｆｅｔ'))[0]).toBe('a2');
  });

  it('expands synonyms', () => {
    // The demand says 锂电池; a query for 锂离子电池 finds it through the synonym group.
    expect(ids(buildIndex(), query('锂离子电池 回收'))).toContain('d1');
  });

  it('ranks a title match above a body match', () => {
    const index = buildIndex([
      buildDoc({ id: 'body', title: '一种检测装置', body: '该装置也可以用于钙钛矿薄膜的检测' }),
      buildDoc({ id: 'title', title: '钙钛矿薄膜检测装置', abstract: '一种检测装置' }),
    ]);
    expect(ids(index, query('钙钛矿'))).toEqual(['title', 'body']);
  });

  it('breaks ties by freshness', () => {
    const index = buildIndex([
      buildDoc({ id: 'old', title: '北斗定位', sortKeys: { date: Date.UTC(2020, 0, 1), price: null } }),
      buildDoc({ id: 'new', title: '北斗定位', sortKeys: { date: Date.UTC(2024, 0, 1), price: null } }),
    ]);
    expect(ids(index, query('北斗定位'))).toEqual(['new', 'old']);
  });

  it('returns the query words it searched', () => {
    expect(buildIndex().search(query('锂离子电池的回收')).tokens).toEqual(['锂离子电池', '回收']);
  });

  it('browses everything newest first for an empty query', () => {
    const result = buildIndex().search(query(''));
    expect(result.total).toBe(CORPUS.length);
    expect(result.hits.map((h) => h.id)).toEqual(['d1', 'a2', 'a1', 'a3', 'a4', 'o1']);
    expect(result.tokens).toEqual([]);
  });

  it('pages through results without overlap', () => {
    const index = buildIndex();
    const all = ids(index, query('电池', { limit: 10 }));
    const pages = [0, 1, 2, 3].flatMap((p) => ids(index, query('电池', { offset: p * 1, limit: 1 })));
    expect(pages).toEqual(all.slice(0, 4));
  });
});

describe('SearchIndex types, filters and facets', () => {
  it('restricts to the requested types and counts per type', () => {
    const index = buildIndex();
    const organizations = index.search(query('钙钛矿', { types: ['organization'] }));
    expect(organizations.hits.map((h) => h.id)).toEqual(['o1']);
    expect(organizations.total).toBe(1);
    // Tab badges: every type's count, whatever tab is open.
    expect(organizations.typeCounts).toEqual({ achievement: 1, demand: 0, organization: 1 });
    expect(index.search(query('', { filters: { fiscal: false } })).typeCounts).toEqual({ achievement: 2, demand: 1, organization: 0 });
    expect(ids(index, query('电池', { types: ['demand'] }))).toEqual(['d1']);
    expect(index.size()).toBe(6);
    expect(index.size('achievement')).toBe(4);
    expect(index.size('demand')).toBe(1);
  });

  it('filters on exact values, any-of lists, booleans, ranges and prefixes', () => {
    const index = buildIndex();
    expect(ids(index, query('', { filters: { keyField: 'new_materials' } }))).toEqual(['a3']);
    expect(ids(index, query('', { filters: { keyField: ['new_materials', 'beidou_navigation'] } }))).toEqual(['a3', 'a4']);
    expect(ids(index, query('', { filters: { fiscal: true } }))).toEqual(['a1', 'a3']);
    expect(ids(index, query('', { filters: { trl: { min: 6, max: 7 } } }))).toEqual(['a2', 'a1']);
    expect(ids(index, query('', { filters: { trl: { min: 8 } } }))).toEqual(['a4']);
    expect(ids(index, query('', { filters: { regionCode: { prefix: '4201' } } }))).toEqual(['a2', 'a1', 'a4', 'o1']);
    expect(ids(index, query('', { filters: { cooperationModes: 'license' } }))).toEqual(['a1', 'a4']);
    expect(ids(index, query('电池', { filters: { regionCode: { prefix: '4201' }, fiscal: true } }))).toEqual(['a1']);
  });

  it('matches nothing on an unknown facet key and ignores malformed filter values', () => {
    const index = buildIndex();
    expect(index.search(query('', { filters: { colour: 'red' } })).total).toBe(0);
    const odd = { trl: {} as { min?: number }, keyField: [] as string[] };
    expect(index.search(query('', { filters: odd })).total).toBe(6);
  });

  it('counts facets over all matching records, not just the page', () => {
    const result = buildIndex().search(query('', { limit: 1, types: ['achievement'], facets: ['regionCode', 'cooperationModes', 'fiscal', 'trl', 'missing'] }));
    expect(result.hits).toHaveLength(1);
    expect(result.total).toBe(4);
    expect(result.facets.regionCode).toEqual([
      { value: '420100', count: 2 },
      { value: '420102', count: 1 },
      { value: '420500', count: 1 },
    ]);
    expect(result.facets.cooperationModes).toEqual([
      { value: 'license', count: 2 },
      { value: 'transfer', count: 2 },
      { value: 'joint_development', count: 1 },
    ]);
    expect(result.facets.fiscal).toEqual([
      { value: 'false', count: 2 },
      { value: 'true', count: 2 },
    ]);
    expect(result.facets.missing).toEqual([]);
  });

  it('counts facets after filters', () => {
    const result = buildIndex().search(query('电池', { filters: { fiscal: true }, facets: ['keyField'] }));
    expect(result.facets.keyField?.map((f) => f.value).sort()).toEqual(['new_energy_special_vehicles', 'new_materials']);
  });
});

describe('SearchIndex sorting', () => {
  it('sorts by newest', () => {
    expect(ids(buildIndex(), query('电池', { sort: 'newest' }))).toEqual(['d1', 'a1', 'a3']);
  });

  it('sorts by price both ways, records without a price last', () => {
    const index = buildIndex();
    expect(ids(index, query('', { sort: 'price_asc', types: ['achievement'] }))).toEqual(['a4', 'a1', 'a2', 'a3']);
    expect(ids(index, query('', { sort: 'price_desc', types: ['achievement'] }))).toEqual(['a2', 'a1', 'a4', 'a3']);
  });
});

describe('SearchIndex highlights', () => {
  it('wraps matched words in <em>', () => {
    const hit = buildIndex().search(query('钙钛矿', { highlight: true })).hits.find((h) => h.id === 'a3');
    expect(hit?.highlights.title).toBe('<em>钙钛矿</em>太阳能电池的低温制备方法');
    expect(hit?.highlights.abstract).toContain('<em>钙钛矿</em>薄膜');
  });

  it('escapes record text so that it cannot inject markup', () => {
    const index = buildIndex([
      buildDoc({ id: 'x', title: '<script>alert("电池")</script> & 电池', abstract: '<img src=x onerror=alert(1)>电池' }),
    ]);
    const hit = index.search(query('电池', { highlight: true })).hits[0];
    expect(hit?.highlights.title).toBe('&lt;script&gt;alert(&quot;<em>电池</em>&quot;)&lt;/script&gt; &amp; <em>电池</em>');
    expect(hit?.highlights.abstract).toBe('&lt;img src=x onerror=alert(1)&gt;<em>电池</em>');
  });

  it('highlights in the original text what matched after normalization', () => {
    const index = buildIndex([buildDoc({ id: 'x', title: '新型ＳｉＣ器件與鋰離子電池' })]);
    const hit = index.search(query('sic 锂离子电池', { highlight: true })).hits[0];
    expect(hit?.highlights.title).toBe('新型<em>ＳｉＣ</em>器件與<em>鋰離子電池</em>');
  });

  it('highlights an abstract with full-width punctuation at the right places', () => {
    const index = buildIndex([buildDoc({ id: 'x', title: '电池，ＳｉＣ', abstract: '（电池）：用于电池、SiC器件。' })]);
    const hit = index.search(query('电池 sic', { highlight: true })).hits[0];
    expect(hit?.highlights.title).toBe('<em>电池</em>，<em>ＳｉＣ</em>');
    expect(hit?.highlights.abstract).toBe('（<em>电池</em>）：用于<em>电池</em>、<em>SiC</em>器件。');
  });

  it('matches on the stored normalized text when it differs from the original only in punctuation (，→ ,)', () => {
    const doc = (title: string, abstract: string) => ({ title, titleN: normalizeText(title), abstract, abstractN: normalizeText(abstract), highlightAligned: 0 });
    // Full-width punctuation, letters and traditional characters keep their lengths: both aligned.
    expect(highlightAlignment(doc('ＳｉＣ器件與電池', '本成果，针对电池（锂离子）。'))).toBe(4 | 1 | 2);
    // A phrase converted as a whole (記憶體 → 内存) changes the length: the highlight normalizes again.
    expect(highlightAlignment(doc('記憶體', '本成果，针对电池。'))).toBe(4 | 2);
    expect(highlightAlignment(doc('电池', '電池的記憶體，'))).toBe(4 | 1);
  });

  it('returns no highlights unless asked', () => {
    expect(buildIndex().search(query('电池')).hits[0]?.highlights).toEqual({});
  });
});

describe('SearchIndex writes', () => {
  it('stops finding a removed record and forgets unknown ids', () => {
    const index = buildIndex();
    index.remove('a2');
    index.remove('nope');
    expect(index.has('a2')).toBe(false);
    expect(index.size()).toBe(5);
    expect(ids(index, query('碳化硅'))).toEqual([]);
    expect(index.search(query('')).total).toBe(5);
  });

  it('replaces a record on upsert with the same id', () => {
    const index = buildIndex();
    index.upsert(buildDoc({ id: 'a2', title: '氮化镓射频前端芯片' }));
    expect(index.size()).toBe(6);
    expect(ids(index, query('碳化硅'))).toEqual([]);
    expect(ids(index, query('氮化镓'))).toEqual(['a2']);
  });

  it('updates facets and sort keys without re-indexing when only they change', () => {
    const index = buildIndex();
    const a2 = CORPUS.find((d) => d.id === 'a2') as IndexDoc;
    index.upsert({ ...a2, facets: { ...a2.facets, keyField: 'new_materials' }, sortKeys: { date: 0, price: 1 } });
    expect(ids(index, query('', { filters: { keyField: 'new_materials' } }))).toEqual(['a3', 'a2']);
    expect(ids(index, query('碳化硅'))).toEqual(['a2']);
  });

  it('ranks exactly like a fresh index after many updates and removals', () => {
    const docs = Array.from({ length: 300 }, (_, i) => {
      const base = CORPUS[i % CORPUS.length] as IndexDoc;
      return { ...base, id: `${base.id}-${i}`, sortKeys: { date: i * DAY, price: null } };
    });
    const churned = new SearchIndex({ segmenter, cacheSize: 0 });
    for (const d of docs) churned.upsert(d);
    const texts = ['电池', '钙钛矿 太阳能', '北斗', '第2版', ''];
    // Searching between writes fills the term lists kept for scoring: every write must void them.
    const searchAll = () => {
      for (const text of texts) churned.search(query(text, { limit: 50, facets: ['keyField'] }));
    };
    // Remove two thirds, re-add half of those with changed text, repeatedly.
    for (let round = 0; round < 3; round++) {
      searchAll();
      docs.forEach((d, i) => {
        if (i % 3 !== 0) churned.remove(d.id);
      });
      searchAll();
      docs.forEach((d, i) => {
        if (i % 3 === 1) churned.upsert({ ...d, title: `${d.title}（第${round}版）` });
      });
    }
    churned.optimize();
    const fresh = new SearchIndex({ segmenter, cacheSize: 0 });
    docs.forEach((d, i) => {
      if (i % 3 === 0) fresh.upsert(d);
      if (i % 3 === 1) fresh.upsert({ ...d, title: `${d.title}（第2版）` });
    });
    expect(churned.size()).toBe(fresh.size());
    for (const text of texts) {
      const a = churned.search(query(text, { limit: 50, facets: ['keyField'] }));
      const b = fresh.search(query(text, { limit: 50, facets: ['keyField'] }));
      expect(a.total).toBe(b.total);
      expect(a.facets).toEqual(b.facets);
      expect(new Set(a.hits.map((h) => h.id))).toEqual(new Set(b.hits.map((h) => h.id)));
      expect(a.hits.map((h) => h.score).sort()).toEqual(b.hits.map((h) => h.score).sort());
    }
  });

  it('scores from term lists that follow every write (they are kept between queries)', () => {
    const index = buildIndex();
    const before = index.search(query('电池', { limit: 50 }));
    expect(before.total).toBeGreaterThan(0);
    // Found as soon as added, though the word's list was read for the query above.
    index.upsert(buildDoc({ id: 'new-cell', title: '固态电池电解质膜' }));
    expect(ids(index, query('电池', { limit: 50 }))).toContain('new-cell');
    // A removed record's slot taken by a record without the word: matched by nothing it lacks.
    index.remove('new-cell');
    index.upsert(buildDoc({ id: 'other', title: '北斗高精度定位终端' }));
    const after = index.search(query('电池', { limit: 50 }));
    expect(after.hits.map((h) => h.id)).not.toContain('other');
    expect(after.total).toBe(before.total);
    expect(after.hits.map((h) => h.id).sort()).toEqual(before.hits.map((h) => h.id).sort());
  });

  it('stays exact when one record is edited hundreds of times', () => {
    // Each edit frees and reuses the same slot; its generation counter wraps after 255.
    const index = buildIndex();
    for (let i = 0; i < 300; i++) index.upsert(buildDoc({ id: 'hot', title: `版本${i}号 ${i % 2 === 0 ? '石墨烯' : '聚乳酸'}` }));
    expect(ids(index, query('299'))).toEqual(['hot']);
    expect(ids(index, query('298'))).toEqual([]);
    expect(ids(index, query('聚乳酸'))).toEqual(['hot']);
    expect(ids(index, query('石墨烯'))).toEqual([]);
    expect(index.size()).toBe(CORPUS.length + 1);
    index.optimize();
    expect(ids(index, query('聚乳酸'))).toEqual(['hot']);
    expect(index.stats().deadEntries).toBe(0);
  });

  it('serves repeated queries from its cache and drops the cache on every write', () => {
    const index = new SearchIndex({ segmenter, cacheSize: 8 });
    for (const doc of CORPUS) index.upsert(doc);
    const first = index.search(query('电池', { facets: ['keyField'] }));
    const second = index.search(query('电池', { facets: ['keyField'] }));
    expect(second).toEqual({ ...first, tookMs: second.tookMs });
    second.hits.length = 0;
    expect(index.search(query('电池', { facets: ['keyField'] })).hits).toHaveLength(first.hits.length);
    index.remove('a1');
    expect(ids(index, query('电池'))).not.toContain('a1');
  });

  it('rejects an unknown record type', () => {
    const bad = { ...buildDoc({ id: 'z' }), type: 'patent' } as unknown as IndexDoc;
    expect(() => buildIndex([]).upsert(bad)).toThrow(/unknown document type/);
  });
});

describe('SearchIndex bad input', () => {
  const index = () => buildIndex();

  it.each([
    ['a 1,000-character query', '碳化硅功率器件'.repeat(143)],
    ['only punctuation', '，。！？、；：“”（）……——!@#'],
    ['SQL', "'; DROP TABLE achievements; -- OR 1=1"],
    // Concatenated so that "$" and "{" do not read as a template placeholder.
    ['regex metacharacters', `.*+?^$${'{}'}()|[]\\/(?<x>a)`],
    ['emoji', '🔋🚗💡👍🏽'],
    ['mixed scripts', 'Батарея 電池 バッテリー 배터리 battery'],
    ['control characters', '\u0000\u0007电池\u001b[31m'],
    ['lone surrogates', '\ud800电池\udfff'],
  ])('answers %s without throwing', (_name, text) => {
    const result = index().search(query(text, { highlight: true, facets: ['keyField'] }));
    expect(result.total).toBeGreaterThanOrEqual(0);
    expect(result.tookMs).toBeGreaterThanOrEqual(0);
  });

  it('still finds what a long query is about', () => {
    expect(ids(index(), query('碳化硅功率器件'.repeat(143)))[0]).toBe('a2');
  });

  it('browses when the text has nothing searchable', () => {
    expect(index().search(query('，。！？🔋')).total).toBe(CORPUS.length);
  });

  it('clamps paging and ignores nonsense options', () => {
    const odd = { text: '电池', offset: -5, limit: Number.NaN, sort: 'random', types: ['patent'], facets: [42] } as unknown as SearchQuery;
    const result = index().search(odd);
    expect(result.hits.length).toBeGreaterThan(0);
    expect(index().search(query('电池', { offset: 1e9, limit: 1e9 })).hits).toEqual([]);
    expect(index().search({ text: undefined } as unknown as SearchQuery).total).toBe(CORPUS.length);
  });
});

describe('SearchIndex.suggest', () => {
  it('completes titles and keywords by prefix, most used first', () => {
    const index = buildIndex();
    expect(index.suggest('钙钛')).toEqual(['钙钛矿', '钙钛矿太阳能电池的低温制备方法']);
    expect(index.suggest('北斗', 1)).toEqual(['北斗']);
  });

  it('completes pinyin initials and full pinyin', () => {
    const index = buildIndex();
    expect(index.suggest('gtk')).toContain('钙钛矿');
    expect(index.suggest('dldc')).toContain('动力电池');
    expect(index.suggest('beidou')).toContain('北斗');
  });

  it('follows removals and additions', () => {
    const index = buildIndex();
    index.suggest('北斗');
    index.remove('a4');
    expect(index.suggest('北斗')).toEqual([]);
    index.upsert(buildDoc({ id: 'n', title: '北斗短报文通信', keywords: ['北斗'] }));
    expect(index.suggest('北斗')).toEqual(['北斗', '北斗短报文通信']);
  });

  it('never throws on odd prefixes', () => {
    for (const p of ['', '  ', '.*', '🔋', '\ud800', 'x'.repeat(1000)]) expect(() => buildIndex().suggest(p)).not.toThrow();
  });
});

describe('SearchIndex.similar', () => {
  it('finds records on the same subject and never the record itself', () => {
    const index = buildIndex([
      ...CORPUS,
      buildDoc({ id: 'a5', title: '钙钛矿薄膜太阳能电池的封装方法', abstract: '提升钙钛矿电池在湿热环境下的稳定性。' }),
    ]);
    const similar = index.similar('a3', 3);
    expect(similar[0]?.id).toBe('a5');
    expect(similar.map((s) => s.id)).not.toContain('a3');
    expect(index.similar('a3', 3, { types: ['organization'] }).map((s) => s.id)).toEqual(['o1']);
    expect(index.similar('nope', 3)).toEqual([]);
  });

  // Two fields, each written in its own characters, plus records of both to rank.
  const FIELDS: IndexDoc[] = [
    ...['锂离子电池正极材料的制备', '钠离子电池负极材料研究', '固态电池电解质界面', '动力电池热管理系统', '电池正极包覆改性'].map((title, i) =>
      buildDoc({ id: `b${i}`, title, abstract: `${title}，提升电池的循环寿命与能量密度。` }),
    ),
    ...['补肾活血汤治疗高血压', '中药注射液治疗冠心病', '针灸治疗失眠的临床观察', '中药复方治疗糖尿病肾病', '活血化瘀法治疗中风'].map((title, i) =>
      buildDoc({ id: `m${i}`, title, abstract: `${title}，观察患者的临床疗效与安全性。` }),
    ),
  ];

  it('ranks the same field first, whatever the order of writes, after removals and rebuilds', () => {
    const index = buildIndex(FIELDS);
    const battery = index.similar('b0', 4).map((s) => s.id);
    const medicine = index.similar('m0', 4).map((s) => s.id);
    expect(battery.every((id) => id.startsWith('b'))).toBe(true);
    expect(medicine.every((id) => id.startsWith('m'))).toBe(true);
    // Another order of writes, a record removed and written again, a rebuild: the same answers.
    const other = buildIndex([...FIELDS].reverse());
    other.remove('b3');
    other.upsert(FIELDS[3] as IndexDoc);
    expect(other.similar('b0', 4).map((s) => s.id)).toEqual(battery);
    other.rebuild();
    expect(other.similar('m0', 4).map((s) => s.id)).toEqual(medicine);
    // A record whose text changed is compared by its new text.
    other.upsert({ ...(FIELDS[4] as IndexDoc), id: 'b4', title: '中药治疗高血压的疗效', abstract: '中药治疗高血压患者的临床疗效观察。' });
    expect(other.similar('m0', 5).map((s) => s.id)).toContain('b4');
    expect(other.similar('b0', 4).map((s) => s.id)).not.toContain('b4');
  });

  it('answers up to the limit, scores in order, with filters applied after reranking', () => {
    const index = buildIndex([...FIELDS, ...CORPUS]);
    const all = index.similar('b0', 200);
    expect(all.length).toBeGreaterThan(4);
    expect(all.length).toBeLessThan(FIELDS.length + CORPUS.length);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]?.score ?? 0).toBeGreaterThanOrEqual(all[i]?.score ?? 0);
    expect(index.similar('b0', 2)).toEqual(all.slice(0, 2));
    expect(index.similar('b0', 10, { types: ['demand'] }).map((s) => s.id)).toEqual(['d1']);
    expect(index.similar('b0', 10, { filters: { regionCode: '420100' } }).map((s) => s.id)).toEqual(['a1']);
  });
});

describe('SearchIndex one-pass text queries', () => {
  it('answer exactly what the general path answers: hits, scores, ties, pages, totals, tabs and facets, through writes', () => {
    const rand = prng(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
    const words = ['锂离子电池', '锂电池', '正极材料', '碳化硅', '功率器件', '相控阵', '雷达', '聚乳酸', '钙钛矿', '光伏', '传感器', '机器人', '5G', 'MOSFET'];
    const onePass = new SearchIndex({ segmenter, cacheSize: 0 });
    // Every list keeps its best records, as the long lists of a large index do.
    const tops = new SearchIndex({ segmenter, cacheSize: 0, listTopsMinLength: 0 });
    const general = new SearchIndex({ segmenter, cacheSize: 0, onePass: false });
    const docOf = (i: number): IndexDoc => {
      // Few distinct texts and dates: many records tie on score and date (the slot decides).
      const ws = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(words));
      return buildDoc({
        id: `d${i}`,
        type: pick(['achievement', 'achievement', 'demand', 'organization'] as const),
        title: rand() < 0.5 ? `${ws[0]}技术` : `${ws.join('')}系统`,
        keywords: ws.slice(0, 2),
        abstract: rand() < 0.5 ? '' : `涉及${ws.join('、')}。`,
        facets: { keyField: pick(['a', 'b', 'c']), trl: 1 + Math.floor(rand() * 9) },
        sortKeys: { date: Math.floor(rand() * 4) * DAY, price: null },
      });
    };
    const write = (doc: IndexDoc) => {
      onePass.upsert(doc);
      tops.upsert(doc);
      general.upsert(doc);
    };
    for (let i = 0; i < 2000; i++) write(docOf(i));
    let compared = 0;
    const check = () => {
      for (let q = 0; q < 60; q++) {
        const text = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => (rand() < 0.1 ? pick(['钠离子', '动模仿真']) : pick(words))).join(' ');
        const types = rand() < 0.3 ? undefined : [pick(['achievement', 'demand', 'organization'] as const)];
        const base: SearchQuery = { text, ...(types ? { types } : {}), facets: ['keyField', 'trl'], offset: Math.floor(rand() * 3) * 10, limit: pick([1, 10, 50]), highlight: rand() < 0.5 };
        const a = onePass.search(base);
        const b = general.search(base);
        expect({ ...a, tookMs: 0 }, text).toEqual({ ...b, tookMs: 0 });
        expect({ ...tops.search(base), tookMs: 0 }, text).toEqual({ ...b, tookMs: 0 });
        if (a.hits.length > 0) compared++;
      }
    };
    check();
    for (let i = 0; i < 300; i++) {
      const j = Math.floor(rand() * 2000);
      if (rand() < 0.3) {
        onePass.remove(`d${j}`);
        tops.remove(`d${j}`);
        general.remove(`d${j}`);
      } else write(docOf(j));
      if (i % 100 === 0) check();
    }
    check();
    expect(compared).toBeGreaterThan(100);
  });
});

describe('SearchIndex facets from term counts', () => {

  it('counts exactly what a pass over every match counts, through edits, removals, types, synonyms and unknown words', () => {
    const rand = prng(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
    const words = ['锂离子电池', '锂电池', '正极材料', '碳化硅', '功率器件', '相控阵', '雷达', '聚乳酸', '可降解', '钙钛矿', '光伏', '传感器', '机器人', '5G', 'MOSFET'];
    const index = new SearchIndex({ segmenter, cacheSize: 0 });
    const docOf = (i: number): IndexDoc => {
      const ws = Array.from({ length: 2 + Math.floor(rand() * 4) }, () => pick(words));
      return buildDoc({
        id: `d${i}`,
        type: pick(['achievement', 'achievement', 'demand', 'organization'] as const),
        title: `${ws[0]}${ws[1]}技术`,
        keywords: ws.slice(0, 2),
        abstract: `本成果涉及${ws.join('、')}等方向。`,
        body: rand() < 0.3 ? `${pick(words)}应用` : '',
        // Every record carries `all`, so a filter on it keeps every match but forces the direct count.
        facets: { all: 'yes', keyField: pick(['a', 'b', 'c', 'd']), city: `4201${Math.floor(rand() * 150)}`, trl: 1 + Math.floor(rand() * 9), modes: Array.from({ length: Math.floor(rand() * 3) }, () => pick(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8'])) },
      });
    };
    for (let i = 0; i < 600; i++) index.upsert(docOf(i));
    const keys = ['keyField', 'city', 'trl', 'modes', 'none'];
    const check = () => {
      for (let q = 0; q < 40; q++) {
        const text = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => (rand() < 0.1 ? '钠离子' : pick(words))).join(' ');
        const types = rand() < 0.3 ? undefined : [pick(['achievement', 'demand', 'organization'] as const)];
        const base: SearchQuery = { text, ...(types ? { types } : {}), facets: keys, offset: 0, limit: 5 };
        const viaTerms = index.search(base);
        const direct = index.search({ ...base, filters: { all: 'yes' } });
        expect(viaTerms.total, text).toBe(direct.total);
        expect(viaTerms.facets, text).toEqual(direct.facets);
      }
    };
    check();
    // Edits (text and facets), removals and re-insertions: cached term counts must follow.
    for (let i = 0; i < 200; i++) {
      const j = Math.floor(rand() * 600);
      if (rand() < 0.3) index.remove(`d${j}`);
      else index.upsert(docOf(j));
      if (i % 50 === 0) check();
    }
    check();
  });
});

describe('character bloom (the rerank\'s pre-check)', () => {
  it('never rules out text a record holds, and rules out most text it does not', () => {
    const rand = prng(11);
    // Common CJK characters, as the records' text uses them.
    const char = () => String.fromCharCode(0x4e00 + Math.floor(rand() * 3000));
    let ruledOut = 0;
    let absent = 0;
    for (let d = 0; d < 200; d++) {
      const blooms = new Int32Array(3 * BLOOM_WORDS);
      const at = (d % 3) * BLOOM_WORDS;
      const fields = [Array.from({ length: 20 }, char).join(''), Array.from({ length: 180 }, char).join('')];
      for (const f of fields) bloomAdd(blooms, at, f);
      for (const f of fields) {
        for (let k = 0; k < 30; k++) {
          const start = Math.floor(rand() * (f.length - 4));
          expect(bloomMayContain(blooms, at, f.slice(start, start + 1 + Math.floor(rand() * 4)))).toBe(true);
        }
      }
      const text = fields.join('');
      for (let k = 0; k < 30; k++) {
        const probe = Array.from({ length: 4 }, char).join('');
        if ([...probe].some((c) => !text.includes(c))) {
          absent++;
          if (!bloomMayContain(blooms, at, probe)) ruledOut++;
        }
      }
      // The other records' words stay empty.
      expect(blooms.filter((_, i) => i < at || i >= at + BLOOM_WORDS).every((w) => w === 0)).toBe(true);
    }
    expect(ruledOut / absent).toBeGreaterThan(0.9);
  });
});
