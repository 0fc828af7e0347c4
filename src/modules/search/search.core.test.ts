import { describe, expect, it } from 'vitest';
import { type AnswerParts, buildIndex, FacetJson, type FacetLabeler, queryIndex, SNIPPET_FIELDS, type SearchParams, type SourceDoc, serializeAnswer } from './search.core.js';
import { SearchResponseSchema } from './search.schemas.js';

/** The answer as an object, made the plain way (what writeAnswer must write, byte for byte). */
function expected({ found, records, p }: AnswerParts, label: FacetLabeler) {
  const { result } = found;
  return {
    items: result.hits.flatMap((h, k) => {
      const record = records[k];
      if (!record) return [];
      // The field the snippet stands for is left out.
      const omit = SNIPPET_FIELDS[h.type];
      const shown = Object.fromEntries(Object.entries(record).filter(([k]) => k !== omit));
      return [{ type: h.type, id: h.id, score: Math.round(h.score * 1000) / 1000, highlights: h.highlights, record: shown }];
    }),
    total: result.total,
    page: p.page,
    pageSize: p.pageSize,
    facets: Object.fromEntries(Object.entries(result.facets).map(([k, list]) => [k, list.map((f) => ({ ...f, label: label(p.type, k, f.value) }))])),
    typeCounts: found.typeCounts,
    tokens: result.tokens,
    tookMs: result.tookMs,
  };
}

const label: FacetLabeler = (_type, key, value) => (key === 'city' ? ({ '420100': '武汉市', '420500': '宜昌市' }[value] ?? value) : `${value} "标签" \\`);
const params: SearchParams = { q: '', type: 'achievement', filters: {}, sort: 'relevance', page: 1, pageSize: 10 };

/** Parts with hand-made hits (any text a record or highlight may hold). */
function parts(items: { id: string; score: number; highlights: { title?: string; abstract?: string }; record?: { id: string } }[], facets = new FacetJson(label)): AnswerParts {
  return {
    found: {
      text: '',
      typeCounts: { achievement: items.length, demand: 0, organization: 0 },
      result: {
        total: items.length,
        typeCounts: { achievement: items.length, demand: 0, organization: 0 },
        hits: items.map((i) => ({ type: 'achievement' as const, id: i.id, score: i.score, highlights: i.highlights })),
        facets: { city: [{ value: '420100', count: 2 }, { value: '420500', count: 1 }], trl: [], stage: [{ value: '小试"\u2028', count: 7 }] },
        tookMs: 0.25,
        tokens: ['锂离子电池', '"引号"'],
      },
    },
    records: items.map((i) => i.record),
    facets,
    p: params,
  };
}

const same = (a: AnswerParts) => expect(serializeAnswer(a).equals(Buffer.from(JSON.stringify(expected(a, label))))).toBe(true);

describe('serializeAnswer', () => {
  it('gives exactly the bytes of the answer object as JSON, list items and labelled facets included, as a byte string', () => {
    const record = { id: 'a1', title: '高安全锂离子电池 \u2028 "正极" \\ 材料😀', price: null, keywords: ['电池'], nested: { n: 1.5 } };
    const cases = [
      parts([]),
      parts([{ id: 'a1', score: 1.2344, highlights: { title: '<em>锂离子电池</em>' }, record }]),
      parts([
        { id: 'a1', score: 1, highlights: {}, record },
        { id: 'a2', score: 0.5, highlights: { abstract: '…𠀀汉字' }, record: { id: 'a2' } },
      ]),
      // A hit whose list item the caller may not see is left out, wherever it is.
      parts([
        { id: 'a0', score: 3, highlights: {} },
        { id: 'a1', score: 1, highlights: {}, record },
        { id: 'a9', score: 0.5, highlights: {} },
      ]),
    ];
    // Larger than the buffer the bytes are written into (64 KB): it grows, after an item already
    // written (kept), then at the first item.
    const long = { id: 'a3', title: '长', body: '钙钛矿太阳能电池'.repeat(4000) };
    cases.push(parts([{ id: 'a1', score: 1, highlights: { title: '<em>锂</em>' }, record }, { id: 'a3', score: 2, highlights: {}, record: long }]));
    cases.push(parts([{ id: 'a3', score: 2, highlights: { abstract: '钙钛矿'.repeat(30000) }, record: long }]));
    const bodies = cases.map((a) => serializeAnswer(a));
    cases.forEach((a, k) => {
      // Each answer's own bytes: a later answer written into the same buffer changes none of them.
      expect(bodies[k]?.equals(Buffer.from(JSON.stringify(expected(a, label))))).toBe(true);
    });
    // Records and facet labels serialized once are reused, and still right the second time.
    same(parts([{ id: 'a1', score: 1, highlights: {}, record }], cases[0]?.facets));
  });

  it("leaves out of a hit's record the text its snippet stands for, and only that", () => {
    const record = { id: 'a5', title: '碳化硅', abstract: '一段很长的摘要', keywords: ['碳化硅'] };
    const body = JSON.parse(serializeAnswer(parts([{ id: 'a5', score: 1, highlights: { abstract: '一段很长的…' }, record }])).toString('utf8'));
    expect(body.items[0].record).toEqual({ id: 'a5', title: '碳化硅', keywords: ['碳化硅'] });
    // The list item itself keeps it (matching and other lists use the same objects).
    expect(record.abstract).toBe('一段很长的摘要');
  });

  it('writes real answers of an index as the plain object would, through writes and filters', () => {
    const doc = (i: number): SourceDoc => ({
      id: `r${i}`,
      type: i % 5 === 0 ? 'demand' : 'achievement',
      title: `${['碳化硅功率器件', '钙钛矿太阳能电池', '锂离子电池隔膜', '相控阵雷达'][i % 4]}·${i}`,
      keywords: [['碳化硅', '功率器件'], ['钙钛矿'], ['锂离子电池', '隔膜'], ['相控阵']][i % 4] ?? [],
      abstract: `面向"新能源汽车"的第${i}项成果 <b>&</b>，提升效率与寿命。`,
      body: '',
      facets: { city: i % 2 ? '420100' : '420500', trl: 1 + (i % 9), stage: ['小试', '中试', '产业化'][i % 3] ?? null, cooperationModes: i % 3 ? ['transfer', 'license'] : ['transfer'] },
      sortKeys: { date: 1_700_000_000_000 + i * 1000, price: i % 4 ? i * 10_000 : null },
      payload: { id: `r${i}`, title: `成果 ${i}`, abstract: `摘要 ${i}`, publicSummary: `公开摘要 ${i}`, n: i } as { id: string },
    });
    const state = buildIndex({ terms: [], synonyms: [], docs: Array.from({ length: 60 }, (_, i) => doc(i)) });
    const facets = new FacetJson(label);
    const queries: SearchParams[] = [
      { ...params, q: '碳化硅 电池' },
      { ...params, q: '' },
      { ...params, q: '钙钛矿', filters: { city: '420100' }, sort: 'newest', pageSize: 3, page: 2 },
      { ...params, q: '相控阵 雷达', type: 'demand' },
      { ...params, q: '不存在的词' },
    ];
    for (const p of queries) {
      const found = queryIndex(state.index, ['achievement', 'demand', 'organization'], p);
      // Every third list item unseen, as when the caller may not see a record.
      const records = found.result.hits.map((h, k) => (k % 3 === 1 ? undefined : state.payloads.get(h.id)));
      const a: AnswerParts = { found, records, facets, p };
      const body = JSON.parse(serializeAnswer(a).toString('utf8'));
      expect(SearchResponseSchema.parse(body)).toBeTruthy();
      same(a);
    }
  });
});
