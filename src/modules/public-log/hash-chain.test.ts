import { describe, expect, it } from 'vitest';
import { canonicalJson, type ChainEntry, checkChain, entryHash, GENESIS_HASH } from './hash-chain.js';

function chain(n: number): ChainEntry[] {
  const out: ChainEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e = { seq: i, type: 'deal_concluded', entityType: 'deal', entityId: `00000000-0000-4000-8000-00000000000${i}`, at: new Date(Date.UTC(2026, 9, i)), payload: { price: `${i}00.00`, b: 1, a: [2, { z: 1, y: null }] } };
    const hash = entryHash(prev, e);
    out.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('public log hash chain', () => {
  it('writes canonical JSON with sorted keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: '中' } })).toBe('{"a":{"c":"中","d":[1,{"e":3,"f":2}]},"b":1}');
  });

  it('accepts an intact chain and names the first broken entry', () => {
    const c = chain(4);
    expect(checkChain(c)).toMatchObject({ ok: true, entries: 4 });
    const tampered = c.map((e) => (e.seq === 3 ? { ...e, payload: { ...e.payload, price: '1.00' } } : e));
    expect(checkChain(tampered)).toMatchObject({ ok: false, brokenSeq: 3 });
    const gap = c.filter((e) => e.seq !== 2);
    expect(checkChain(gap)).toMatchObject({ ok: false, brokenSeq: 3 });
    // Recomputing one row's hash does not help: the next row's prevHash no longer matches.
    const rehashed = c.map((e) => (e.seq === 2 ? { ...e, payload: { x: 1 }, hash: entryHash(e.prevHash, { ...e, payload: { x: 1 } }) } : e));
    expect(checkChain(rehashed)).toMatchObject({ ok: false, brokenSeq: 3 });
  });
});
