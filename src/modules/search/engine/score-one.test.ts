import { beforeAll, describe, expect, it } from 'vitest';
import { Segmenter } from '../text/segmenter.js';
import { type IndexDoc, SearchIndex, type SearchQuery } from './search-index.js';

/**
 * scoreOne() must agree with search(): a record matches exactly when search() returns it, and
 * with the score search() gives it (every record here is within the rerank depth).
 */
let index: SearchIndex;

const doc = (id: string, type: IndexDoc['type'], title: string, keywords: string[], abstract: string, facets: IndexDoc['facets'] = {}): IndexDoc => ({
  id,
  type,
  title,
  keywords,
  abstract,
  body: '',
  facets,
  sortKeys: { date: Date.UTC(2025, 0, id.length), price: null },
});

const CORPUS: IndexDoc[] = [
  doc('a1', 'achievement', '高安全锂离子电池正极材料制备技术', ['锂离子电池', '正极材料'], '高镍三元正极材料的制备方法，提升锂离子电池循环寿命。', { keyField: 'new_energy', trl: 7, regionCode: '420111' }),
  doc('a2', 'achievement', '碳化硅MOSFET功率器件及其封装工艺', ['碳化硅', '功率器件'], '面向新能源汽车电驱的1200V SiC MOSFET器件。', { keyField: 'ic', trl: 6, regionCode: '420102' }),
  doc('a3', 'achievement', '高功率光纤激光器关键技术', ['光纤激光器', '激光切割'], '万瓦级连续光纤激光器，可用于金属切割与焊接。', { keyField: 'equipment', trl: 7, regionCode: '420111' }),
  doc('a4', 'achievement', '铜铝异种金属激光焊接工艺', ['激光焊接', '铜铝焊接'], '动力电池极耳铜铝激光焊接，气孔率低，飞溅少。', { keyField: 'equipment', trl: 5, regionCode: '420502' }),
  doc('a5', 'achievement', '钙钛矿太阳能电池的低温制备方法', ['钙钛矿', '太阳能电池'], '溶液法低温制备钙钛矿薄膜电池。', { keyField: 'new_materials', trl: 4, regionCode: '420500' }),
  doc('d1', 'demand', '动力电池极耳激光焊接工艺需求', ['激光焊接'], '寻求铜铝异种材料激光焊接工艺合作。', { keyField: 'equipment' }),
  doc('d2', 'demand', '锂电池正极材料降本需求', ['正极材料'], '希望降低高镍正极材料成本。', { keyField: 'new_energy' }),
];

const QUERIES: Pick<SearchQuery, 'text' | 'types' | 'filters'>[] = [
  { text: '激光焊接' },
  { text: '激光', types: ['achievement'] },
  { text: '锂电池 正极' },
  { text: '铜铝 激光焊接 工艺', types: ['achievement'], filters: { keyField: 'equipment' } },
  { text: '电池', filters: { trl: { min: 5, max: 9 } } },
  { text: '动模仿真 电池' },
  { text: '光纤激光器', filters: { regionCode: { prefix: '4201' } } },
  { text: '', types: ['demand'] },
  { text: '', types: ['achievement'], filters: { keyField: 'equipment' } },
  { text: '，。！' },
  { text: '量子通信' },
];

beforeAll(() => {
  index = new SearchIndex({ segmenter: new Segmenter({ synonyms: [['锂电池', '锂离子电池']] }), cacheSize: 0 });
  for (const d of CORPUS) index.upsert(d);
});

describe('SearchIndex.scoreOne', () => {
  it('matches exactly the records search() returns, with the same score', () => {
    let matched = 0;
    for (const query of QUERIES) {
      const result = index.search({ ...query, offset: 0, limit: 50 });
      const byId = new Map(result.hits.map((h) => [h.id, h.score]));
      for (const d of CORPUS) {
        const score = index.scoreOne(d.id, query);
        const label = `${JSON.stringify(query)} → ${d.id}`;
        expect(score !== null, label).toBe(byId.has(d.id));
        if (score !== null) expect(score, label).toBeCloseTo(byId.get(d.id) ?? Number.NaN, 5);
        if (score !== null) matched++;
      }
    }
    expect(matched).toBeGreaterThan(15);
  });

  it('is null for an unknown or removed record, and follows an update of the text', () => {
    expect(index.scoreOne('nope', { text: '激光' })).toBeNull();
    index.upsert({ ...doc('tmp', 'achievement', '量子通信密钥分发设备', ['量子通信'], '城域量子密钥分发网络。'), facets: {} });
    expect(index.scoreOne('tmp', { text: '量子通信' })).toBeGreaterThan(0);
    index.upsert(doc('tmp', 'achievement', '超声波探伤仪', ['无损检测'], '便携式超声波探伤仪。'));
    expect(index.scoreOne('tmp', { text: '量子通信' })).toBeNull();
    expect(index.scoreOne('tmp', { text: '探伤' })).toBeGreaterThan(0);
    index.remove('tmp');
    expect(index.scoreOne('tmp', { text: '探伤' })).toBeNull();
  });
});
