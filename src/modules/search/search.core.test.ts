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
  it('gives exactly the bytes of JSON.stringify, list items included, as a byte string', () => {
    const record = { id: 'a1', title: '高安全锂离子电池 \u2028 "正极" \\ 材料😀', price: null, keywords: ['电池'], nested: { n: 1.5 } };
    const cases = [
      answer([]),
      answer([{ type: 'achievement', id: 'a1', score: 1.234, highlights: { title: '<em>锂离子电池</em>' }, record }]),
      answer([
        { type: 'achievement', id: 'a1', score: 1, highlights: {}, record },
        { type: 'achievement', id: 'a2', score: 0.5, highlights: { abstract: '…𠀀汉字' }, record: { id: 'a2' } },
      ]),
    ];
    // Larger than the buffer the bytes are written into (64 KB): it grows, after an item already
    // written (kept), then at the first item.
    const long = { id: 'a3', title: '长', abstract: '钙钛矿太阳能电池'.repeat(4000) };
    cases.push(answer([{ type: 'achievement', id: 'a1', score: 1, highlights: { title: '<em>锂</em>' }, record }, { type: 'achievement', id: 'a3', score: 2, highlights: {}, record: long }]));
    cases.push(answer([{ type: 'achievement', id: 'a3', score: 2, highlights: { abstract: '钙钛矿'.repeat(30000) }, record: long }]));
    const bodies = cases.map((a) => serializeAnswer(a));
    cases.forEach((a, k) => {
      const body = bodies[k] ?? '';
      // One character per byte (a later answer written into the same buffer changes none of them).
      expect([...body].every((c) => c.charCodeAt(0) < 256)).toBe(true);
      expect(Buffer.from(body, 'latin1').equals(Buffer.from(JSON.stringify(a)))).toBe(true);
    });
    // A record serialized once is reused, and still right the second time.
    const twice = answer([{ type: 'achievement', id: 'a1', score: 1, highlights: {}, record }]);
    expect(Buffer.from(serializeAnswer(twice), 'latin1').equals(Buffer.from(JSON.stringify(twice)))).toBe(true);
  });
});
