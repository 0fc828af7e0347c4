import { describe, expect, it } from 'vitest';
import { prng } from '../../../platform/prng.js';
import { type FacetInput, FacetStore } from './facet-store.js';


/** The counts the store must give, computed the slow way from the documents themselves. */
function naiveCounts(docs: Map<number, Record<string, FacetInput>>, key: string, slots: number[]) {
  const counts = new Map<string, number>();
  for (const slot of slots) {
    const raw = docs.get(slot)?.[key];
    const list = Array.isArray(raw) ? raw : raw === null || raw === undefined ? [] : [raw];
    for (const v of new Set(list.map(String))) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

describe('FacetStore counting', () => {
  it('counts like a naive count over single values, many distinct values, bit-set and large multi-values, across 40 keys', () => {
    const rand = prng(42);
    const store = new FacetStore(64);
    const docs = new Map<number, Record<string, FacetInput>>();
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
    // Spread over value ranges on both sides of every encoding boundary (7 bit-set ids, 127 single ids).
    const ranges = [2, 6, 8, 40, 126, 127, 128, 300];
    for (let slot = 0; slot < 3000; slot++) {
      const doc: Record<string, FacetInput> = {};
      keys.forEach((key, i) => {
        const range = ranges[i % ranges.length] ?? 2;
        const r = rand();
        if (r < 0.1) return;
        if (r < 0.4) doc[key] = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => `v${Math.floor(rand() * range)}`);
        else if (r < 0.5) doc[key] = Math.floor(rand() * range);
        else if (r < 0.55) doc[key] = rand() < 0.5;
        else doc[key] = `v${Math.floor(rand() * range)}`;
      });
      // The store grows as the owning index does.
      store.ensure(slot + 1 > 64 ? 2 ** Math.ceil(Math.log2(slot + 1)) : 64);
      store.set(slot, doc);
      docs.set(slot, doc);
    }
    // Rewrite and clear some slots: stale bytes must not survive.
    for (let slot = 0; slot < 3000; slot += 7) {
      const doc = { k0: 'v1', k5: ['v3', 'v200'], k7: 'v299' };
      store.set(slot, doc);
      docs.set(slot, doc);
    }
    for (let slot = 3; slot < 3000; slot += 11) {
      store.clear(slot);
      docs.delete(slot);
    }
    const matched = [...docs.keys()].filter(() => rand() < 0.6);
    const slots = Int32Array.from(matched);
    const counted = store.countAll([...keys, 'missing'], slots, slots.length, 10_000);
    for (const key of keys) expect(counted[key], key).toEqual(naiveCounts(docs, key, matched));
    expect(counted.missing).toEqual([]);
    // The limit keeps the most frequent values.
    expect(store.countAll(['k7'], slots, slots.length, 3).k7).toEqual(naiveCounts(docs, 'k7', matched).slice(0, 3));
  });

  it('filters and counts agree after a document changes its values', () => {
    const store = new FacetStore(8);
    store.set(0, { modes: ['a', 'b'], city: '420100' });
    store.set(1, { modes: ['b'], city: '420500' });
    store.set(0, { modes: ['c'], city: '420500' });
    const slots = Int32Array.from([0, 1]);
    expect(store.countAll(['modes', 'city'], slots, 2, 10)).toEqual({
      modes: [
        { value: 'b', count: 1 },
        { value: 'c', count: 1 },
      ],
      city: [{ value: '420500', count: 2 }],
    });
    const onlyA = store.compile({ modes: 'a' });
    expect([0, 1].filter((s) => onlyA?.(s))).toEqual([]);
  });

  it('counts values and keys added after a count was made (the kept plan is made again)', () => {
    const store = new FacetStore(8);
    store.set(0, { city: '420100' });
    const keys = ['city', 'stage'];
    expect(store.countAll(keys, Int32Array.from([0]), 1, 10)).toEqual({ city: [{ value: '420100', count: 1 }], stage: [] });
    // The same keys (a new array, as every query sends) after a new value, then after a new key.
    store.set(1, { city: '420500' });
    expect(store.countAll([...keys], Int32Array.from([0, 1]), 2, 10).city).toEqual([
      { value: '420100', count: 1 },
      { value: '420500', count: 1 },
    ]);
    store.set(1, { city: '420500', stage: 'pilot' });
    store.set(2, { city: '420500' });
    expect(store.countAll([...keys], Int32Array.from([0, 1, 2]), 3, 10)).toEqual({
      city: [
        { value: '420500', count: 2 },
        { value: '420100', count: 1 },
      ],
      stage: [{ value: 'pilot', count: 1 }],
    });
    expect(store.plan(keys)).toBe(store.plan([...keys]));
  });
});
