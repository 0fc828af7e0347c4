import { describe, expect, it } from 'vitest';
import { type SearchAnswer, serializeAnswer } from './search.core.js';

const answer = (items: SearchAnswer['items']): SearchAnswer => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 10,
  facets: { city: [{ value: '420100', count: 2, label: '武汉市' }] },
  typeCounts: { achievement: items.length, demand: 0, organization: 0 },
  tokens: ['锂离子电池', '"引号"'],
  tookMs: 0.25,
});

describe('serializeAnswer', () => {
  it('writes exactly the bytes of JSON.stringify, list items included, in a buffer of its own', () => {
    const record = { id: 'a1', title: '高安全锂离子电池 \u2028 "正极" \\ 材料😀', price: null, keywords: ['电池'], nested: { n: 1.5 } };
    const cases = [
      answer([]),
      answer([{ type: 'achievement', id: 'a1', score: 1.234, highlights: { title: '<em>锂离子电池</em>' }, record }]),
      answer([
        { type: 'achievement', id: 'a1', score: 1, highlights: {}, record },
        { type: 'achievement', id: 'a2', score: 0.5, highlights: { abstract: '…𠀀汉字' }, record: { id: 'a2' } },
      ]),
    ];
    for (const a of cases) {
      const body = serializeAnswer(a);
      expect(body.equals(Buffer.from(JSON.stringify(a)))).toBe(true);
      // The replica transfers body.buffer: it must hold the answer and nothing else.
      expect(body.byteOffset).toBe(0);
      expect(body.buffer.byteLength).toBe(body.length);
    }
    // A record serialized once is reused, and still right the second time.
    const twice = answer([{ type: 'achievement', id: 'a1', score: 1, highlights: {}, record }]);
    expect(serializeAnswer(twice).equals(Buffer.from(JSON.stringify(twice)))).toBe(true);
  });
});
