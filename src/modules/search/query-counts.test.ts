import { describe, expect, it } from 'vitest';
import { QueryCounts } from './query-counts.js';

describe('QueryCounts', () => {
  it('counts exactly while the searches fit', () => {
    const counts = new QueryCounts(8);
    for (const key of ['锂电池', '钙钛矿', '锂电池', '', '碳化硅', '锂电池']) counts.add(key);
    expect([...counts.take()]).toEqual([
      ['锂电池', 3],
      ['钙钛矿', 1],
      ['碳化硅', 1],
    ]);
    expect(counts.size).toBe(0);
  });

  it('keeps the searches made often through a flood of searches made once, in bounded keys', () => {
    const counts = new QueryCounts(1000);
    for (let i = 0; i < 100_000; i++) {
      counts.add(`长尾${i}`);
      if (i % 50 === 0) counts.add('锂离子电池');
      if (i % 200 === 0) counts.add('智能网联汽车');
      if (counts.size > 1000) throw new Error(`${counts.size} keys after ${i}`);
    }
    const dropped = counts.dropped;
    const taken = counts.take();
    expect(taken.get('锂离子电池')).toBe(2000);
    expect(taken.get('智能网联汽车')).toBe(500);
    expect(dropped).toBeGreaterThan(98_000);
    // What stays of the tail is its newest keys.
    expect(taken.has('长尾99999')).toBe(true);
    expect(taken.has('长尾0')).toBe(false);
    expect(counts.dropped).toBe(0);
  });

  it('drops the least counted first, the oldest among equals', () => {
    const counts = new QueryCounts(4);
    for (const [key, n] of [['a', 3], ['b', 1], ['c', 2], ['d', 1]] as const) for (let i = 0; i < n; i++) counts.add(key);
    counts.add('e');
    // Two kept (a, c: the higher counts), then e.
    expect([...counts.take()]).toEqual([
      ['a', 3],
      ['c', 2],
      ['e', 1],
    ]);
  });
});
