/**
 * Character features for "more like this" ({@link SearchIndex.similar}): the part of a record's
 * likeness that words miss. Two records of one field share vocabulary that jieba cuts
 * differently or does not know (compounds, names of methods), and they share characters that
 * carry the field's meaning (药, 病, 土, 鱼, 钢…) even where no word is shared. A record's
 * character profile is two sparse vectors, each TF-IDF and of unit length:
 * - the character bigrams of its Han runs, by presence;
 * - its single Han characters, with sublinear counts (title counted twice, as for words).
 * Profiles come from the stored text when needed, only for the records one similar() call
 * compares: no posting lists, only record counts per character and per bigram
 * ({@link CharStatistics}; about 4 MB at 100k records).
 *
 * Measured on csl-dev `sim` (1,000 abstracts; bench/search-engine-tune.ts), P@10 of similar():
 * words with feedback 0.268; plus bigrams and characters 0.293; centered on the mean profile
 * ({@link CharStatistics.similarities}) 0.298; plus latent topics ({@link CharTopics}) 0.307.
 * Bigram counts instead of presence, character trigrams, pivoted length normalization and
 * per-query score standardization did not help.
 */

import { CharTopics } from './char-topics.js';

/** Texts of a record that character profiles and counts are built from (normalized). */
export interface ProfileText {
  title: string;
  keywords: readonly string[];
  abstract: string;
}

/**
 * A character profile: bigram key → weight and character key → weight ({@link hanKey}; a
 * bigram's key is `first << 15 | second`, a small integer, so maps stay fast).
 */
export interface CharProfile {
  grams: Map<number, number>;
  chars: Map<number, number>;
}

/** Han characters of the BMP get keys below 2^15: URO, Extension A, compatibility ideographs. */
const URO = 0x4e00;
const URO_END = 0x9fff;
const EXT_A = 0x3400;
const EXT_A_END = 0x4dbf;
const COMPAT = 0xf900;
const COMPAT_END = 0xfaff;
const KEY_SPACE = 1 << 15;
const GRAM_SHIFT = 15;
/** Title characters count this many times, as title words do in similar()'s word vectors. */
const TITLE_WEIGHT = 2;

/** A dense key (0 … 2^15) for a Han character of the BMP, -1 for any other UTF-16 code unit. */
export function hanKey(code: number): number {
  if (code >= URO && code <= URO_END) return code - URO;
  if (code >= EXT_A && code <= EXT_A_END) return URO_END - URO + 1 + code - EXT_A;
  if (code >= COMPAT && code <= COMPAT_END) return URO_END - URO + EXT_A_END - EXT_A + 2 + code - COMPAT;
  return -1;
}

/** ln(n) for small counts, looked up rather than computed in the scoring loops. */
const LOG = Float64Array.from({ length: 1 << 16 }, (_, n) => (n === 0 ? 0 : Math.log(n)));
const ln = (n: number): number => (n < LOG.length ? (LOG[n] ?? 0) : Math.log(n));

/**
 * Record counts per Han character and per character bigram (title, keywords, abstract), kept
 * up to date by the index on every write; and the profiles and cosines built on them.
 */
export class CharStatistics {
  private readonly charDf = new Int32Array(KEY_SPACE);
  private readonly gramDf = new CountTable();
  // Scratch of one scan: counts per character key, the keys seen, the distinct bigram keys
  // (deduplicated in a hash set whose cells are valid while their stamp is the current one).
  private readonly counts = new Float64Array(KEY_SPACE);
  private charKeys: Int32Array = new Int32Array(1024);
  private charCount = 0;
  private gramKeys: Int32Array = new Int32Array(1024);
  private gramCount = 0;
  private seenKeys: Int32Array = new Int32Array(2048);
  private seenStamps: Int32Array = new Int32Array(2048);
  private stamp = 0;
  // The query of similarities(), characters dense (its bigrams go into a FloatTable per call).
  private readonly queryChars = new Float64Array(KEY_SPACE);
  // The mean profile of the records ({@link refresh}): characters dense, bigrams in a hash table.
  private readonly centroidChars = new Float64Array(KEY_SPACE);
  private centroidGrams = new FloatTable(new Map());
  private topics: CharTopics | null = null;
  /** Scratch: one record's topic coordinates, and the query's projection per character key. */
  private topicScratch = new Float64Array(0);
  private readonly topicProjection = new Float64Array(KEY_SPACE);
  // Per record id (see similarities): whether the cells below are filled, profile lengths and dot
  // products with the mean profile, topic coordinates' length (NaN: unknown).
  private known = new Uint8Array(0);
  private cacheCharNorm = new Float64Array(0);
  private cacheCharCentral = new Float64Array(0);
  private cacheGramNorm = new Float64Array(0);
  private cacheGramCentral = new Float64Array(0);
  private cacheTopicNorm = new Float64Array(0);

  /** Counts one record in (`delta` 1) or out (`delta` -1). */
  update(text: ProfileText, delta: 1 | -1): void {
    this.scan(text);
    for (let i = 0; i < this.charCount; i++) {
      const key = this.charKeys[i] ?? 0;
      this.counts[key] = 0;
      this.charDf[key] = Math.max(0, (this.charDf[key] ?? 0) + delta);
    }
    for (let i = 0; i < this.gramCount; i++) this.gramDf.add(this.gramKeys[i] ?? 0, delta);
  }

  clear(): void {
    this.charDf.fill(0);
    this.gramDf.clear();
    this.centroidChars.fill(0);
    this.centroidGrams = new FloatTable(new Map());
    this.topics = null;
    this.known.fill(0);
    this.cacheTopicNorm.fill(Number.NaN);
  }

  /** Distinct bigrams counted (for monitoring). */
  get gramKinds(): number {
    return this.gramDf.size;
  }

  /** Typed-array bytes held: per-character arrays, bigram counts, the topic basis. */
  get byteSize(): number {
    return KEY_SPACE * (4 + 8 * 4) + this.known.length * (1 + 8 * 5) + this.gramDf.byteSize + this.centroidGrams.byteSize + (this.topics?.byteSize ?? 0);
  }

  /**
   * The profile of a text among `docs` records. Features in fewer than 2 records are left out:
   * no other record can share them.
   */
  profile(text: ProfileText, docs: number): CharProfile {
    this.scan(text);
    const logDocs = Math.log(docs);
    const chars = new Map<number, number>();
    for (let i = 0; i < this.charCount; i++) {
      const key = this.charKeys[i] ?? 0;
      const w = this.charWeight(key, docs, logDocs);
      if (w > 0) chars.set(key, w);
      this.counts[key] = 0;
    }
    const grams = new Map<number, number>();
    for (let i = 0; i < this.gramCount; i++) {
      const key = this.gramKeys[i] ?? 0;
      const w = this.gramWeight(key, docs, logDocs);
      if (w > 0) grams.set(key, w);
    }
    return { grams: normalize(grams), chars: normalize(chars) };
  }

  /**
   * Sets what {@link similarities} and {@link topicVector} need beyond counts, from `texts` (all
   * records, or an even sample of them) among `docs` records: the mean profile to center on,
   * and `topics` latent character topics ({@link CharTopics}; none when 0).
   */
  refresh(texts: readonly ProfileText[], docs: number, topics: number): void {
    this.centroidChars.fill(0);
    const grams = new Map<number, number>();
    const charVectors: Map<number, number>[] = [];
    for (const text of texts) {
      const profile = this.profile(text, docs);
      for (const [key, w] of profile.chars) this.centroidChars[key] = (this.centroidChars[key] ?? 0) + w / texts.length;
      for (const [key, w] of profile.grams) grams.set(key, (grams.get(key) ?? 0) + w / texts.length);
      charVectors.push(profile.chars);
    }
    this.centroidGrams = new FloatTable(grams);
    this.topics = topics > 0 ? CharTopics.fit(charVectors, topics, KEY_SPACE) : null;
    this.topicProjection.fill(0);
    this.known.fill(0);
    this.cacheTopicNorm.fill(Number.NaN);
  }

  /** Unit topic coordinates of a character vector (empty before {@link refresh} found topics). */
  topicVector(chars: Map<number, number>): Float64Array {
    return this.topics ? this.topics.embed(chars) : new Float64Array(0);
  }

  /**
   * For each record, with `p` its profile and `m` the mean profile ({@link refresh}):
   * `weights.gram` · (bigram(query, p) − `centering` · bigram(m, p)) + `weights.char` · (the same
   * for characters) + `weights.topic` · (topicQuery, p's unit topic coordinates), where (a, b) is
   * the dot product, computed without building the profiles. With `centering` the query's own
   * weight (1 for a profile, 1 + feedback weight for a Rocchio sum), the first two terms rank
   * like the dot product of centered vectors, (query − centering · m) · (p − m): what every
   * record shares with every other (common characters, house style) stops counting as likeness.
   * `topicQuery` is a sum of {@link topicVector}s (empty: no topic term).
   *
   * What does not depend on the query (lengths, dot products with the mean, topic coordinates'
   * length) is remembered per record `id` until {@link forget} or the next {@link refresh}: a
   * record met again costs a third as much.
   */
  similarities(
    records: readonly { id: number; text: ProfileText }[],
    docs: number,
    query: CharProfile,
    weights: { gram: number; char: number; topic: number },
    centering: number,
    topicQuery: Float64Array,
  ): Float64Array {
    const out = new Float64Array(records.length);
    const topics = this.topics && topicQuery.length === this.topics.dims && weights.topic > 0 ? this.topics : null;
    if (topics && this.topicScratch.length !== topics.dims) this.topicScratch = new Float64Array(topics.dims);
    const coordinates = this.topicScratch;
    const projection = this.topicProjection;
    topics?.project(topicQuery, projection);
    const queryChars = this.queryChars;
    const centroidChars = this.centroidChars;
    const centroidGrams = this.centroidGrams;
    for (const [key, w] of query.chars) queryChars[key] = w;
    const queryGrams = new FloatTable(query.grams);
    const logDocs = Math.log(docs);
    const known = this.known;
    try {
      records.forEach(({ id, text }, t) => {
        this.ensureCache(id);
        this.scan(text);
        const cached = known[id] === 1;
        const fold = topics !== null && Number.isNaN(this.cacheTopicNorm[id] ?? Number.NaN);
        if (fold) coordinates.fill(0);
        let dot = 0;
        let norm = 0;
        let central = 0;
        let topicDot = 0;
        for (let i = 0; i < this.charCount; i++) {
          const key = this.charKeys[i] ?? 0;
          const w = this.charWeight(key, docs, logDocs);
          this.counts[key] = 0;
          if (w <= 0) continue;
          dot += w * (queryChars[key] ?? 0);
          // Unnormalized weights: the topic cosine divides by the coordinates' length.
          topicDot += w * (projection[key] ?? 0);
          if (fold) topics.addTo(coordinates, key, w);
          if (cached) continue;
          norm += w * w;
          central += w * (centroidChars[key] ?? 0);
        }
        if (!cached) {
          this.cacheCharNorm[id] = Math.sqrt(norm);
          this.cacheCharCentral[id] = central;
        }
        const charNorm = this.cacheCharNorm[id] ?? 0;
        const chars = charNorm > 0 ? (dot - centering * (this.cacheCharCentral[id] ?? 0)) / charNorm : 0;
        dot = 0;
        norm = 0;
        central = 0;
        for (let i = 0; i < this.gramCount; i++) {
          const key = this.gramKeys[i] ?? 0;
          const q = queryGrams.get(key);
          // A record met before needs the weights of the bigrams it shares with the query only.
          if (cached && q === 0) continue;
          const w = this.gramWeight(key, docs, logDocs);
          if (w <= 0) continue;
          dot += w * q;
          if (cached) continue;
          norm += w * w;
          central += w * centroidGrams.get(key);
        }
        if (!cached) {
          this.cacheGramNorm[id] = Math.sqrt(norm);
          this.cacheGramCentral[id] = central;
          known[id] = 1;
        }
        const gramNorm = this.cacheGramNorm[id] ?? 0;
        const grams = gramNorm > 0 ? (dot - centering * (this.cacheGramCentral[id] ?? 0)) / gramNorm : 0;
        let topic = 0;
        if (topics) {
          if (fold) {
            let length = 0;
            for (let j = 0; j < coordinates.length; j++) length += (coordinates[j] ?? 0) ** 2;
            this.cacheTopicNorm[id] = Math.sqrt(length);
          }
          const length = this.cacheTopicNorm[id] ?? 0;
          topic = length > 0 ? topicDot / length : 0;
        }
        out[t] = weights.gram * grams + weights.char * chars + weights.topic * topic;
      });
    } finally {
      for (const key of query.chars.keys()) queryChars[key] = 0;
    }
    return out;
  }

  /** Drops what {@link similarities} remembers of a record (its text changed or it is gone). */
  forget(id: number): void {
    if (id < this.known.length) {
      this.known[id] = 0;
      this.cacheTopicNorm[id] = Number.NaN;
    }
  }

  private ensureCache(id: number): void {
    if (id < this.known.length) return;
    let capacity = Math.max(1024, this.known.length);
    while (capacity <= id) capacity *= 2;
    const grow = <T extends Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    this.known = grow(this.known, (n) => new Uint8Array(n));
    this.cacheCharNorm = grow(this.cacheCharNorm, (n) => new Float64Array(n));
    this.cacheCharCentral = grow(this.cacheCharCentral, (n) => new Float64Array(n));
    this.cacheGramNorm = grow(this.cacheGramNorm, (n) => new Float64Array(n));
    this.cacheGramCentral = grow(this.cacheGramCentral, (n) => new Float64Array(n));
    this.cacheTopicNorm = grow(this.cacheTopicNorm, (n) => new Float64Array(n).fill(Number.NaN));
  }

  private charWeight(key: number, docs: number, logDocs: number): number {
    const df = this.charDf[key] ?? 0;
    return df >= 2 && df < docs ? (1 + ln(this.counts[key] ?? 1)) * (logDocs - ln(df)) : 0;
  }

  private gramWeight(key: number, docs: number, logDocs: number): number {
    const df = this.gramDf.get(key);
    return df >= 2 && df < docs ? logDocs - ln(df) : 0;
  }

  /** Fills the scratch: character counts and their keys, distinct bigram keys. */
  private scan(text: ProfileText): void {
    this.charCount = 0;
    this.gramCount = 0;
    let length = text.title.length + text.abstract.length;
    for (const k of text.keywords) length += k.length;
    if (this.charKeys.length < length) this.charKeys = new Int32Array(2 * length);
    if (this.gramKeys.length < length) this.gramKeys = new Int32Array(2 * length);
    if (this.seenKeys.length < 2 * length) {
      // A power of two, at least twice the distinct bigrams: short probe runs.
      let capacity = this.seenKeys.length;
      while (capacity < 2 * length) capacity *= 2;
      this.seenKeys = new Int32Array(capacity);
      this.seenStamps = new Int32Array(capacity);
      this.stamp = 0;
    }
    if (++this.stamp > 0x3fffffff) {
      this.seenStamps.fill(0);
      this.stamp = 1;
    }
    this.scanField(text.title, TITLE_WEIGHT);
    for (const k of text.keywords) this.scanField(k, 1);
    this.scanField(text.abstract, 1);
  }

  private scanField(s: string, weight: number): void {
    const counts = this.counts;
    const seenKeys = this.seenKeys;
    const seenStamps = this.seenStamps;
    const stamp = this.stamp;
    const mask = seenKeys.length - 1;
    let previous = -1;
    for (let i = 0; i < s.length; i++) {
      const key = hanKey(s.charCodeAt(i));
      if (key < 0) {
        previous = -1;
        continue;
      }
      if (counts[key] === 0) this.charKeys[this.charCount++] = key;
      counts[key] = (counts[key] ?? 0) + weight;
      if (previous >= 0) {
        const gram = (previous << GRAM_SHIFT) | key;
        let at = hash(gram) & mask;
        for (;;) {
          if (seenStamps[at] !== stamp) {
            seenStamps[at] = stamp;
            seenKeys[at] = gram;
            this.gramKeys[this.gramCount++] = gram;
            break;
          }
          if (seenKeys[at] === gram) break;
          at = (at + 1) & mask;
        }
      }
      previous = key;
    }
  }
}

/** Weights per non-negative integer key, read-only: an open-addressing copy of a Map. */
class FloatTable {
  private readonly keys: Int32Array;
  private readonly values: Float64Array;

  constructor(from: Map<number, number>) {
    let capacity = 16;
    while (capacity < 2 * from.size) capacity *= 2;
    this.keys = new Int32Array(capacity).fill(-1);
    this.values = new Float64Array(capacity);
    const mask = capacity - 1;
    for (const [key, w] of from) {
      let at = hash(key) & mask;
      while (this.keys[at] !== -1) at = (at + 1) & mask;
      this.keys[at] = key;
      this.values[at] = w;
    }
  }

  get byteSize(): number {
    return this.keys.byteLength + this.values.byteLength;
  }

  /** The key's weight, 0 when absent. */
  get(key: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    let at = hash(key) & mask;
    for (;;) {
      const k = keys[at] ?? -1;
      if (k === key) return this.values[at] ?? 0;
      if (k === -1) return 0;
      at = (at + 1) & mask;
    }
  }
}

/**
 * Counts per non-negative integer key in an open-addressing hash table (linear probing, load at
 * most 1/2): a fifth of the memory of a Map and several times faster to read. Keys whose count
 * falls to 0 keep their cell until the table grows.
 */
export class CountTable {
  private keys = new Int32Array(1024).fill(-1);
  private counts = new Int32Array(1024);
  private used = 0;
  private live = 0;

  /** Keys with a count above 0. */
  get size(): number {
    return this.live;
  }

  get byteSize(): number {
    return this.keys.byteLength + this.counts.byteLength;
  }

  get(key: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    let at = hash(key) & mask;
    for (;;) {
      const k = keys[at] ?? -1;
      if (k === key) return this.counts[at] ?? 0;
      if (k === -1) return 0;
      at = (at + 1) & mask;
    }
  }

  /** Adds `delta` to a key's count (never below 0). */
  add(key: number, delta: number): void {
    const keys = this.keys;
    const mask = keys.length - 1;
    let at = hash(key) & mask;
    for (;;) {
      const k = keys[at] ?? -1;
      if (k === key) break;
      if (k === -1) {
        if (delta <= 0) return;
        keys[at] = key;
        this.used++;
        break;
      }
      at = (at + 1) & mask;
    }
    const before = this.counts[at] ?? 0;
    const after = Math.max(0, before + delta);
    this.counts[at] = after;
    if (before === 0 && after > 0) this.live++;
    else if (before > 0 && after === 0) this.live--;
    if (2 * this.used > keys.length) this.rehash();
  }

  clear(): void {
    this.keys = new Int32Array(1024).fill(-1);
    this.counts = new Int32Array(1024);
    this.used = 0;
    this.live = 0;
  }

  /** Rewrites the table without zero counts, doubled when more than a quarter is live. */
  private rehash(): void {
    const oldKeys = this.keys;
    const oldCounts = this.counts;
    let capacity = oldKeys.length;
    while (4 * this.live > capacity) capacity *= 2;
    this.keys = new Int32Array(capacity).fill(-1);
    this.counts = new Int32Array(capacity);
    this.used = 0;
    const mask = capacity - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const count = oldCounts[i] ?? 0;
      const key = oldKeys[i] ?? -1;
      if (key === -1 || count === 0) continue;
      let at = hash(key) & mask;
      while (this.keys[at] !== -1) at = (at + 1) & mask;
      this.keys[at] = key;
      this.counts[at] = count;
      this.used++;
    }
  }
}

/** Multiplicative hash of a non-negative key (Fibonacci hashing, low bits well mixed). */
function hash(key: number): number {
  const h = Math.imul(key, 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Divides a vector by its Euclidean length, in place. */
export function normalize<K>(v: Map<K, number>): Map<K, number> {
  let sum = 0;
  for (const w of v.values()) sum += w * w;
  if (sum === 0) return v;
  const norm = Math.sqrt(sum);
  for (const [k, w] of v) v.set(k, w / norm);
  return v;
}

/** target += factor · source, in place. */
export function addScaled<K>(target: Map<K, number>, source: Map<K, number>, factor: number): void {
  for (const [k, w] of source) target.set(k, (target.get(k) ?? 0) + factor * w);
}
