import { describe, expect, it } from 'vitest';
import { CharTopics, symmetricEigen } from './char-topics.js';
import { CharStatistics, CountTable, hanKey, type ProfileText } from './similarity.js';

const text = (title: string, abstract = '', keywords: string[] = []): ProfileText => ({ title, keywords, abstract });

const dot = <K>(a: Map<K, number>, b: Map<K, number>) => [...a].reduce((s, [k, w]) => s + w * (b.get(k) ?? 0), 0);
const length = <K>(v: Map<K, number>) => Math.sqrt(dot(v, v));

describe('hanKey', () => {
  it('gives every BMP Han character its own small key and nothing else a key', () => {
    const keys = ['一', '龥', '㐀', '䶿', '豈', '鋰'].map((c) => hanKey(c.charCodeAt(0)));
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k).toBeGreaterThanOrEqual(0);
    for (const k of keys) expect(k).toBeLessThan(1 << 15);
    for (const c of ['a', '1', '，', ' ', 'ア']) expect(hanKey(c.charCodeAt(0))).toBe(-1);
  });
});

describe('CountTable', () => {
  it('counts up and down through growth, and forgets keys at 0', () => {
    const t = new CountTable();
    for (let k = 0; k < 5000; k++) t.add(k * 7919, 1 + (k % 3));
    expect(t.size).toBe(5000);
    for (let k = 0; k < 5000; k++) expect(t.get(k * 7919)).toBe(1 + (k % 3));
    for (let k = 0; k < 5000; k += 2) t.add(k * 7919, -10);
    expect(t.size).toBe(2500);
    expect(t.get(0)).toBe(0);
    expect(t.get(7919)).toBe(2);
    expect(t.get(123_456_789)).toBe(0);
    t.add(42, -1);
    expect(t.get(42)).toBe(0);
    expect(t.size).toBe(2500);
  });
});

describe('CharStatistics', () => {
  const corpus = [
    text('锂离子电池正极材料', '高镍三元正极材料的制备方法，提升电池循环寿命。'),
    text('钠离子电池负极材料', '硬碳负极材料的制备方法，提升电池倍率性能。'),
    text('中药复方治疗高血压', '补肾活血汤治疗老年高血压患者的临床疗效观察。'),
    text('中药注射液的临床应用', '活血化瘀类中药注射液治疗冠心病患者的疗效。'),
    text('水稻品种的抗病性', '稻瘟病抗性基因在水稻育种中的应用。'),
  ];
  const records = corpus.map((text, id) => ({ id, text }));
  const build = () => {
    const stats = new CharStatistics();
    for (const t of corpus) stats.update(t, 1);
    return stats;
  };

  it('builds unit vectors of features that at least two records share', () => {
    const stats = build();
    const p = stats.profile(corpus[0] as ProfileText, corpus.length);
    expect(length(p.chars)).toBeCloseTo(1, 9);
    expect(length(p.grams)).toBeCloseTo(1, 9);
    // 离子 occurs in two records; 镍 in one only.
    expect(p.grams.has((hanKey('离'.charCodeAt(0)) << 15) | hanKey('子'.charCodeAt(0)))).toBe(true);
    expect(p.chars.has(hanKey('镍'.charCodeAt(0)))).toBe(false);
  });

  it('scores texts like the dot products of their profiles with the centered query', () => {
    const stats = build();
    stats.refresh(corpus, corpus.length, 0);
    const profiles = corpus.map((t) => stats.profile(t, corpus.length));
    const mean = { chars: new Map<number, number>(), grams: new Map<number, number>() };
    for (const p of profiles) {
      for (const [k, w] of p.chars) mean.chars.set(k, (mean.chars.get(k) ?? 0) + w / corpus.length);
      for (const [k, w] of p.grams) mean.grams.set(k, (mean.grams.get(k) ?? 0) + w / corpus.length);
    }
    const query = profiles[0] ?? { chars: new Map(), grams: new Map() };
    const weights = { gram: 1, char: 0.5, topic: 0 };
    // Twice each: the first pass fills what is remembered per record, the second uses it.
    for (const centering of [0, 1, 2, 0, 1, 2]) {
      const got = stats.similarities(records, corpus.length, query, weights, centering, new Float64Array(0));
      profiles.forEach((p, i) => {
        const want = dot(query.grams, p.grams) - centering * dot(mean.grams, p.grams) + 0.5 * (dot(query.chars, p.chars) - centering * dot(mean.chars, p.chars));
        expect(got[i]).toBeCloseTo(want, 9);
      });
    }
    const plain = stats.similarities(records, corpus.length, query, weights, 0, new Float64Array(0));
    // The other battery record is the nearest; the record itself scores highest of all.
    expect(plain[0]).toBeGreaterThan(plain[1] ?? 0);
    expect(plain[1]).toBeGreaterThan(Math.max(plain[2] ?? 0, plain[3] ?? 0, plain[4] ?? 0));
  });

  it('adds the topic cosine, the same with remembered coordinate lengths', () => {
    const stats = build();
    stats.refresh(corpus, corpus.length, 3);
    const query = stats.profile(corpus[2] as ProfileText, corpus.length);
    const topics = stats.topicVector(query.chars);
    expect(topics.length).toBe(3);
    expect(Math.hypot(...topics)).toBeCloseTo(1, 9);
    const weights = { gram: 0, char: 0, topic: 1 };
    const first = stats.similarities(records, corpus.length, query, weights, 0, topics);
    const again = stats.similarities(records, corpus.length, query, weights, 0, topics);
    expect([...again]).toEqual([...first]);
    // The cosine with its own coordinates is 1; the other medicine record is closer than the rest.
    expect(first[2]).toBeCloseTo(1, 9);
    expect(first[3]).toBeGreaterThan(Math.max(first[0] ?? 0, first[1] ?? 0, first[4] ?? 0));
  });

  it('forgets a record counted out', () => {
    const stats = build();
    stats.update(corpus[1] as ProfileText, -1);
    // 离子 is now in one record only: no longer a shared feature.
    const p = stats.profile(corpus[0] as ProfileText, corpus.length - 1);
    expect(p.grams.has((hanKey('离'.charCodeAt(0)) << 15) | hanKey('子'.charCodeAt(0)))).toBe(false);
  });

  it('forgets what it remembered of a record whose text changed', () => {
    const stats = build();
    stats.refresh(corpus, corpus.length, 0);
    const query = stats.profile(corpus[0] as ProfileText, corpus.length);
    const weights = { gram: 1, char: 1, topic: 0 };
    stats.similarities(records, corpus.length, query, weights, 1, new Float64Array(0));
    // Record 4 gets record 1's text under the same id: remembered lengths would be wrong.
    const changed = records.map((r) => (r.id === 4 ? { id: 4, text: corpus[1] as ProfileText } : r));
    stats.forget(4);
    const got = stats.similarities(changed, corpus.length, query, weights, 1, new Float64Array(0));
    expect(got[4]).toBeCloseTo(got[1] ?? 0, 12);
  });
});

describe('symmetricEigen', () => {
  it('diagonalizes a symmetric matrix', () => {
    const n = 6;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = Math.sin(1 + i * 7 + j * 3);
    const { values, vectors } = symmetricEigen(a, n);
    for (let e = 0; e < n; e++) {
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += (a[i * n + j] ?? 0) * (vectors[j * n + e] ?? 0);
        expect(av).toBeCloseTo((values[e] ?? 0) * (vectors[i * n + e] ?? 0), 9);
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += (vectors[i * n + e] ?? 0) ** 2;
      expect(norm).toBeCloseTo(1, 9);
    }
  });
});

describe('CharTopics', () => {
  it('places records of one group of co-occurring characters together', () => {
    // Keys 0–5 co-occur, keys 10–15 co-occur; every record holds 3 of its group's 6.
    const profiles: Map<number, number>[] = [];
    for (let i = 0; i < 40; i++) {
      const base = i % 2 === 0 ? 0 : 10;
      profiles.push(new Map([0, 1, 2].map((j) => [base + ((i + j * 2) % 6), 1 / Math.sqrt(3)])));
    }
    const topics = CharTopics.fit(profiles, 2, 32);
    expect(topics?.dims).toBe(2);
    const e = (keys: number[]) => topics?.embed(new Map(keys.map((k) => [k, 1]))) ?? new Float64Array(0);
    const cos = (a: Float64Array, b: Float64Array) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
    // Records with no character in common, but of the same group, are close; across groups not.
    expect(cos(e([0, 1]), e([4, 5]))).toBeGreaterThan(0.9);
    expect(Math.abs(cos(e([0, 1]), e([14, 15])))).toBeLessThan(0.1);
    expect(Math.hypot(...e([0, 1]))).toBeCloseTo(1, 9);
    // A character never seen has no coordinates.
    expect([...e([30])]).toEqual([0, 0]);
  });

  it('fits nothing to a sample too small to say anything', () => {
    expect(CharTopics.fit([new Map([[1, 1]])], 4, 8)).toBeNull();
    expect(CharTopics.fit([], 4, 8)).toBeNull();
  });
});
