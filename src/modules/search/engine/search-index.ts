import { normalizeText, normalizeWithOffsets, PUNCTUATION } from '../text/normalize.js';
import { type QueryAnalysis, SUBWORD_WEIGHT, SYNONYM_WEIGHT, Segmenter, hanBigrams } from '../text/segmenter.js';
import { type FacetPlan, FacetStore, type FilterInput, type SlotPredicate } from './facet-store.js';
import { Highlighter } from './highlight.js';
import { MAX_GENERATION, MAX_SLOTS, PostingTable, SLOT_MASK } from './posting-table.js';
import { addScaled, type CharProfile, CharStatistics, type ProfileText } from './similarity.js';
import { SuggestIndex } from './suggest-index.js';

/**
 * The platform's search engine (检索引擎): an in-memory inverted index over achievements, demands
 * and organizations, with BM25F ranking, filters, facet counts, highlighting, autocomplete and
 * "more like this". Pure and synchronous: no database, no I/O. The database stays the source of
 * truth; callers feed every write through {@link SearchIndex.upsert} / {@link SearchIndex.remove}
 * and can rebuild from scratch at any time.
 *
 * Ranking, in order of application:
 * 1. BM25F over four fields (title > keywords > abstract > body, each with its own length
 *    normalization), on jieba search-mode tokens, so 电池 finds 锂离子电池.
 * 2. Query expansion: synonyms of every query word, and the dictionary sub-words (锂离子电池 →
 *    锂离子, 电池) of words too rare to fill a page on their own, at a lower weight.
 * 3. A character-bigram field (title, keywords, abstract) for query words the index has never
 *    seen, out-of-vocabulary compounds such as 动模仿真 that jieba cuts differently in a query
 *    than in a record: their bigrams find records at a low weight. Known words skip it: on
 *    csl-dev, bigrams for every word gained nothing measurable and cost most of the query time.
 * 4. A rerank of the top {@link RankingOptions.rerankDepth}: bonus when a query chunk occurs
 *    verbatim, and when consecutive words of a chunk occur close together and in order.
 * 5. Freshness (`sortKeys.date`) breaks ties.
 * Tuned on csl-dev with bench/search-engine-tune.ts; see {@link DEFAULT_RANKING}.
 */

/** Kinds of records the platform searches. */
export type DocType = 'achievement' | 'demand' | 'organization';

/** Every {@link DocType}, in tab order. */
export const DOC_TYPES: readonly DocType[] = ['achievement', 'demand', 'organization'];

/** A record as the index receives it. */
export interface IndexDoc {
  id: string;
  type: DocType;
  title: string;
  keywords: string[];
  abstract: string;
  /** Other searchable text fields, joined. */
  body: string;
  /** Values to filter and count on: keyField, industry, regionCode, trl, stage, cooperationModes[]… */
  facets: Record<string, string | string[] | number | boolean | null>;
  sortKeys: { /** ms since epoch */ date: number; /** null when negotiable */ price: number | null };
}

/** A filter value: exact, any-of, numeric range, or prefix (region codes: { prefix: '4201' }). */
export type SearchFilter = FilterInput;

/** Result orders. `relevance` with an empty text is the newest first. */
export type SearchSort = 'relevance' | 'newest' | 'price_asc' | 'price_desc';

/** A search: text (may be empty: browse), type tabs, filters, order, page, facets wanted. */
export interface SearchQuery {
  text: string;
  types?: DocType[];
  filters?: Record<string, SearchFilter>;
  sort?: SearchSort;
  offset: number;
  limit: number;
  /** Facet keys to count over all matching records. */
  facets?: string[];
  highlight?: boolean;
}

/** One record on a result page. */
export interface SearchHit {
  id: string;
  type: DocType;
  score: number;
  /** HTML: escaped text with matches in `<em>`; the abstract as a snippet. */
  highlights: { title?: string; abstract?: string };
}

/** How many matching records carry one facet value. */
export interface FacetCount {
  value: string;
  count: number;
}

/** A result page with the total and facet counts over all matching records. */
export interface SearchResult {
  /** Records matching text, types and filters. */
  total: number;
  /** Records matching text and filters, per type, whatever `types` asked for (tab badges). */
  typeCounts: Record<DocType, number>;
  hits: SearchHit[];
  facets: Record<string, FacetCount[]>;
  tookMs: number;
  /** Query words as searched (normalized, segmented, without stopwords). */
  tokens: string[];
}

/** Weight and length normalization of one field. */
export interface FieldRanking {
  weight: number;
  /** BM25 b: 0 ignores the field's length, 1 normalizes fully. */
  b: number;
}

/** Ranking parameters (see the module comment for what each stage does). */
export interface RankingOptions {
  k1: number;
  title: FieldRanking;
  keywords: FieldRanking;
  abstract: FieldRanking;
  body: FieldRanking;
  /** Weight of a sub-word of a query word, relative to the word. */
  subwordWeight: number;
  /** Weight of a synonym of a query word. */
  synonymWeight: number;
  /** Bigram field: weight relative to words, its own k1 and b. */
  gram: { weight: number; k1: number; b: number };
  /** Top records reranked by phrase and proximity. */
  rerankDepth: number;
  /** Score multiplier bonus for the share of query chunks found verbatim. */
  phraseBonus: number;
  /** Score multiplier bonus for the share of consecutive word pairs found close together. */
  proximityBonus: number;
  /** Largest gap, in characters, between two words still counted as close. */
  proximityWindow: number;
}

/**
 * Defaults, tuned on csl-dev (1,000 papers; bench/search-engine-tune.ts). kw2abs_hard R@10 /
 * MRR@10 as each stage was added:
 * - BM25 (k1 1.2, b 0.75) on search-mode tokens, title and abstract alike: 0.907 / 0.843
 * - + sub-words of query words at 0.35: 0.915 / 0.851
 * - + bigram field at 0.3: 0.918 / 0.851 (0.921 / 0.855 with the phrase rerank)
 * - + proximity rerank (0.5, window 10) and phrase bonus 0.5: 0.924 / 0.855
 * - sub-words only for words in < 10 records, bigrams only for unknown words: 0.924 / 0.858
 * - phrase bonus 0.7: same, and kw2doc R@1 0.994 → 0.995 (ahead of MiniSearch's 0.994)
 * Flat within ±0.002 (so chosen for speed or by the product rule, title > keywords > abstract >
 * body): title weight 1–3, b 0.2–0.75, k1 0.9–1.5, rerank depth 30–100, bonuses 0.3–0.8.
 * kw2abs_hard queries never contain title words, so title weights cannot show there.
 */
export const DEFAULT_RANKING: RankingOptions = {
  k1: 1.2,
  title: { weight: 2, b: 0.5 },
  keywords: { weight: 1.5, b: 0.5 },
  abstract: { weight: 1, b: 0.75 },
  body: { weight: 0.6, b: 0.75 },
  subwordWeight: 0.35,
  synonymWeight: 0.9,
  gram: { weight: 0.3, k1: 1.2, b: 0.75 },
  rerankDepth: 40,
  phraseBonus: 0.7,
  proximityBonus: 0.5,
  proximityWindow: 10,
};

/** Restricts {@link SearchIndex.similar} candidates. */
export interface SimilarFilter {
  types?: DocType[];
  filters?: Record<string, SearchFilter>;
}

/** Construction options of {@link SearchIndex}. */
export interface SearchIndexOptions {
  /** Shared segmenter (one jieba instance per process is enough); a new one by default. */
  segmenter?: Segmenter;
  ranking?: Partial<RankingOptions>;
  /** Results kept for repeated identical queries until the next write; 0 disables. */
  cacheSize?: number;
  /**
   * Keep the character-bigram field (default true). It holds more entries than the word index
   * (4 bytes each; about 100 MB per 100k records of 300 characters) for a small recall gain on
   * out-of-vocabulary query words; switch it off when memory matters more.
   */
  bigramField?: boolean;
  /**
   * Answer text queries without filters by relevance in one pass over their term lists (default
   * true); false takes the general path (merge, narrow, count, choose), which gives the same answers:
   * the tests compare the two.
   */
  onePass?: boolean;
  /**
   * Term lists at least this long keep their best {@link LIST_TOP} records of each type for the
   * one-pass queries (default {@link LIST_TOPS_MIN_LENGTH}); shorter ones are read whole. The tests
   * set 0 so that small indexes take the same path.
   */
  listTopsMinLength?: number;
}

/** Counters for monitoring and benchmarks. */
export interface SearchIndexStats {
  docs: number;
  slots: number;
  wordTerms: number;
  wordEntries: number;
  gramTerms: number;
  gramEntries: number;
  deadEntries: number;
  /** Typed-array bytes of postings and per-record columns (not strings or maps). */
  postingBytes: number;
}

/**
 * Sub-words of a query word (电池 for 锂离子电池) are a recall fallback: they are searched only
 * when the word itself is in fewer records than this, i.e. does not fill a first page. On
 * csl-dev this ranks as well as always expanding (slightly better), and on a large index it
 * spares scanning the long lists of common sub-words.
 */
const SUBWORD_EXPANSION_MAX_DF = 10;

/** Largest page the index serves; deeper pages cost more than they are worth. */
export const MAX_LIMIT = 200;
/** Deepest offset served (500 pages of 20). */
export const MAX_OFFSET = 10_000;
/**
 * Facet values returned per key, most frequent first: enough for every county of a province
 * (Hubei has about 120), which the region tree groups by prefix.
 */
const FACET_VALUES = 500;
/** Abstract snippet length for highlights. */
const SNIPPET_CHARS = 160;
// similar() ("more like this"); see its comment for the steps. Measured on csl-dev `sim` with
// bench/search-engine-tune.ts (P@10, all 994 queries / odd-numbered / even-numbered): TF-IDF
// word cosine with Rocchio feedback, as before, 0.268 / 0.269 / 0.267; now 0.307 / 0.307 / 0.308.
// Weights were chosen on the odd-numbered queries; all are flat within ±0.003 around their values.
/** Terms of a record used as the "more like this" query (twice as many after feedback). */
const SIMILAR_TERMS = 60;
/**
 * Terms in more than this share of records are left out of similar() queries: they carry
 * little (on csl-dev P@10 0.270 with all terms, 0.268 without these) and cost most of the time.
 */
const SIMILAR_MAX_DF_SHARE = 0.1;
/** …but a small index keeps them all: there, a share says nothing about a term. */
const SIMILAR_MIN_DF_CAP = 50;
/**
 * Rocchio feedback: neighbours folded into the query, and their total weight relative to the
 * record itself. More neighbours hurt on csl-dev (P@10 0.296 with 5, 0.283 with 8, 0.268 with
 * 10, before centering and topics): beyond the first few, neighbours are mostly of other fields.
 */
const SIMILAR_FEEDBACK_DOCS = 5;
const SIMILAR_FEEDBACK_WEIGHT = 1;
/** Word-cosine candidates among which character features choose the feedback neighbours. */
const SIMILAR_FEEDBACK_POOL = 50;
/**
 * Word-cosine candidates reranked with the character features for the answer. On csl-dev P@10
 * is the same with 50 as with every record; 100 leaves room on larger indexes.
 */
const SIMILAR_RERANK = 100;
/**
 * Weights next to the word cosine (weight 1) of the character-bigram and character cosines and
 * of the latent-topic cosine ({@link CharStatistics}); flat within ±0.003 P@10 for bigrams
 * 0.7–1.3, characters 0.25–0.5, topics 0.15–0.25.
 */
const SIMILAR_WEIGHTS = { gram: 1, char: 0.36, topic: 0.25 };
/** Latent character topics (char-topics.ts): 32–128 give the same P@10 on csl-dev. */
const SIMILAR_TOPICS = 64;
/**
 * Records (an even sample) that the mean character profile and the topics are computed from:
 * enough for a vocabulary of a few thousand characters, and a fit stays under a second.
 */
const SIMILAR_SAMPLE = 2000;
/** What a pass over the word postings computes for similar() (see simPass). */
const NORMS = 0;
const CENTROID = 1;
const CENTRALITY = 2;
/** Compact postings when dead entries exceed this share. */
const COMPACT_DEAD_SHARE = 0.3;
const COMPACT_MIN_ENTRIES = 50_000;

// Field order in payloads and per-slot arrays.
const TITLE = 0;
const KEYWORDS = 1;
const ABSTRACT = 2;
const BODY = 3;
const GRAM = 4;
const FIELD_COUNT = 5;
// Word payload: per-field term frequencies in 16 bits, saturated (BM25 saturates far below).
const TF_SHIFT = [0, 3, 6, 11] as const;
const TF_MAX = [7, 7, 31, 31] as const;

const TYPE_CODE: Record<DocType, number> = { achievement: 1, demand: 2, organization: 3 };
const TYPE_OF_CODE: readonly (DocType | undefined)[] = [undefined, 'achievement', 'demand', 'organization'];
const ALL_TYPES_MASK = 0b1110;
/** Type codes, 0 (none) included: the length of a per-type count. */
const TYPE_CODES = 4;
/**
 * Records kept per type with each term list, best first ({@link SearchIndex.listTops}): one-pass
 * queries whose heap is no larger (the first pages: the rerank depth is 40) read these instead of
 * every match.
 */
const LIST_TOP = 64;
/** Lists shorter than this are read whole instead (their best would save little and cost memory). */
const LIST_TOPS_MIN_LENGTH = 256;
/** Queries of at most this many term lists keep the records in both lists of each pair (SearchIndex.pairCache). */
const PAIR_CACHE_MAX_LISTS = 4;
/** Pairs kept at most, and records in them (4 bytes each), oldest used out first. */
const PAIR_CACHE_MAX_PAIRS = 131_072;
const PAIR_CACHE_MAX_ENTRIES = 4_000_000;
/** Pairs with more records in both lists are not kept (see keepPairs). */
const PAIR_MAX_LENGTH = 512;
/** A list's key below this makes a pair key exact as a double (2^26 · 2^26 < 2^53). */
const PAIR_KEY_SCALE = 2 ** 26;
/** Generation of a slot that must not be reused before the next compaction. */
const RETIRED = 0x100;

/** What is kept of a record: its text (originals for display, normalized for matching). */
interface StoredDoc {
  title: string;
  keywords: string[];
  abstract: string;
  body: string;
  /** Normalized forms; the same string object as the original when normalization changed nothing. */
  titleN: string;
  keywordsN: string[];
  abstractN: string;
  bodyN: string;
  /** 0 until the first highlight, then 4 | title aligned (1) | abstract aligned (2): see highlightAlignment. */
  highlightAligned: number;
}

/** Past the last slot: a used-up term list's head (see SearchIndex.mergeBest). */
const END = 0x7fffffff;

/** Int32 words per record in {@link SearchIndex.charBlooms}: 256 bits. */
export const BLOOM_WORDS = 8;

/** A UTF-16 code unit's bit (0–255) in a character bloom. */
function charBit(code: number): number {
  return Math.imul(code, 0x9e3779b1) >>> 24;
}

/** Adds the characters of `text` to the bloom at `at` in `blooms`. */
export function bloomAdd(blooms: Int32Array, at: number, text: string): void {
  for (let i = 0; i < text.length; i++) {
    const b = charBit(text.charCodeAt(i));
    blooms[at + (b >> 5)] = (blooms[at + (b >> 5)] as number) | (1 << (b & 31));
  }
}

/** False when some character of `text` was never added to the bloom at `at` (true may be wrong: ~1 % for four characters of a 200-character record). */
export function bloomMayContain(blooms: Int32Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const b = charBit(text.charCodeAt(i));
    if (((blooms[at + (b >> 5)] as number) & (1 << (b & 31))) === 0) return false;
  }
  return true;
}

/**
 * Adds one term list's contributions (query weight `w` times the saturated tf, word bit `bit`) to per-slot sums,
 * hit counts and word masks, listing each slot seen for the first time in `touched` after the
 * `count` already there; returns the new count (see SearchIndex.scoreTextBest).
 */
function accumulate(list: TermList, w: number, bit: number, scores: Float64Array, masks: Uint32Array, hits: Uint16Array, touched: Int32Array, count: number): number {
  const slots = list.slots;
  const xs = list.x;
  let c = count;
  for (let j = 0; j < slots.length; j++) {
    const slot = slots[j] as number;
    const h = hits[slot] as number;
    if (h === 0) touched[c++] = slot;
    hits[slot] = h + 1;
    scores[slot] = (scores[slot] as number) + w * (xs[j] as number);
    masks[slot] = (masks[slot] as number) | bit;
  }
  return c;
}

function growInt32(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * The first place at or after `from` in a list's slots (ascending) whose slot is at least `slot`
 * (the length if none): galloping from `from`, then a binary search, so a walk through ascending
 * slots costs about the log of each step.
 */
function seekSlot(slots: Int32Array, slot: number, from: number): number {
  const n = slots.length;
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < n && (slots[hi] as number) < slot) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > n) hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((slots[mid] as number) < slot) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The best `size` of the records offered, by score, then newer (`dates`), then lower slot: the
 * relevance order of SearchIndex.bestMatches, kept while the records are offered. A bounded
 * min-heap whose root is the worst kept; most offers are turned down by one comparison with it.
 */
class BestHeap {
  private readonly keys: Float64Array;
  private readonly slots: Int32Array;
  private readonly masks: Uint32Array;
  private count = 0;

  constructor(
    private readonly size: number,
    private readonly dates: Float64Array,
  ) {
    this.keys = new Float64Array(size);
    this.slots = new Int32Array(size);
    this.masks = new Uint32Array(size);
  }

  /** Whether (ka, sa) ranks below (kb, sb). */
  private worse(ka: number, sa: number, kb: number, sb: number): boolean {
    if (ka !== kb) return ka < kb;
    const ta = this.dates[sa] as number;
    const tb = this.dates[sb] as number;
    return ta !== tb ? ta < tb : sa > sb;
  }

  /** The lowest key that may still enter: −∞ until the heap is full, then the worst kept one's (a tie is decided by date, then slot). */
  floor(): number {
    return this.count < this.size ? Number.NEGATIVE_INFINITY : (this.keys[0] as number);
  }

  offer(key: number, slot: number, mask: number): void {
    const { keys, slots, masks, size } = this;
    if (this.count < size) {
      let at = this.count++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!this.worse(key, slot, keys[parent] as number, slots[parent] as number)) break;
        keys[at] = keys[parent] as number;
        slots[at] = slots[parent] as number;
        masks[at] = masks[parent] as number;
        at = parent;
      }
      keys[at] = key;
      slots[at] = slot;
      masks[at] = mask;
      return;
    }
    const rootKey = keys[0] as number;
    if (key < rootKey || !this.worse(rootKey, slots[0] as number, key, slot)) return;
    let at = 0;
    for (;;) {
      const l = 2 * at + 1;
      if (l >= size) break;
      const r = l + 1;
      let child = l;
      if (r < size && this.worse(keys[r] as number, slots[r] as number, keys[l] as number, slots[l] as number)) child = r;
      if (!this.worse(keys[child] as number, slots[child] as number, key, slot)) break;
      keys[at] = keys[child] as number;
      slots[at] = slots[child] as number;
      masks[at] = masks[child] as number;
      at = child;
    }
    keys[at] = key;
    slots[at] = slot;
    masks[at] = mask;
  }

  /** The kept records best first, with their keys. */
  entries(): { slots: Int32Array; keys: Float64Array } {
    const order = this.order();
    return { slots: Int32Array.from(order, (h) => this.slots[h] as number), keys: Float64Array.from(order, (h) => this.keys[h] as number) };
  }

  private order(): number[] {
    const order = Array.from({ length: this.count }, (_, h) => h);
    const { keys, slots } = this;
    order.sort((x, y) => (this.worse(keys[x] as number, slots[x] as number, keys[y] as number, slots[y] as number) ? 1 : this.worse(keys[y] as number, slots[y] as number, keys[x] as number, slots[x] as number) ? -1 : 0));
    return order;
  }

  /** The kept records best first; writes their scores and masks per slot and lists the slots in `touched`. */
  sorted(scores: Float64Array, wordMasks: Uint32Array, touched: number[]): number[] {
    const { keys, slots } = this;
    return this.order().map((h) => {
      const slot = slots[h] as number;
      scores[slot] = keys[h] as number;
      wordMasks[slot] = this.masks[h] as number;
      touched.push(slot);
      return slot;
    });
  }
}

/** Matches of a query in slot order (see SearchIndex.query). */
interface Matches {
  slots: Int32Array;
  scores: Float64Array;
  hits: Uint16Array;
  masks: Uint32Array;
}

function emptyMatches(size: number): Matches {
  return { slots: new Int32Array(size), scores: new Float64Array(size), hits: new Uint16Array(size), masks: new Uint32Array(size) };
}

/** Copies match `from` over match `to` (filters keep their matches at the front, in order). */
function moveMatch(m: Matches, from: number, to: number): void {
  m.slots[to] = m.slots[from] as number;
  m.scores[to] = m.scores[from] as number;
  m.hits[to] = m.hits[from] as number;
  m.masks[to] = m.masks[from] as number;
}

/**
 * A term list's live records in slot order, and each one's field-weighted tf saturated,
 * x / (k1 + x) (see listCache): a match's contribution is the query term's weight times it.
 */
interface TermList {
  slots: Int32Array;
  x: Float64Array;
  /** How many of its records are of each type code (the tabs' counts come from these: see scoreTextBest). */
  perType: Int32Array;
  /** Its best records of each type, made on first use ({@link SearchIndex.listTops}). */
  tops: ListTops | null;
}

/** A term list's best {@link LIST_TOP} records of each type code by x (ties: newer, then lower slot), best first. */
interface ListTops {
  slots: Int32Array[];
  x: Float64Array[];
}

/**
 * Entries kept in {@link SearchIndex.listCache} (12 bytes each): at least 4 M (~48 MB), or a
 * quarter of the word entries of a larger index, so that the lists of the words people keep
 * asking for fit at 10^6 records as they do at 10^5.
 */
const LIST_CACHE_MIN_ENTRIES = 4_000_000;
const LIST_CACHE_SHARE = 0.25;

/**
 * The search engine: see the module comment. One instance holds all record types; it is not
 * safe to share across worker threads (it is synchronous, and Node runs it on one).
 */
export class SearchIndex {
  private readonly segmenter: Segmenter;
  private readonly ranking: RankingOptions;
  private words = new PostingTable(true);
  private grams = new PostingTable(false);
  private readonly bigramField: boolean;
  /** Entries at the last compaction: the pool is compacted each time it doubles. */
  private entriesAtCompaction = 0;
  private readonly facets: FacetStore;
  private readonly suggestions = new SuggestIndex();
  private readonly slotOf = new Map<string, number>();
  private ids: (string | undefined)[] = [];
  private docs: (StoredDoc | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  /** Free slots at the last generation, reusable after the next compaction. */
  private retiredSlots: number[] = [];
  private capacity = 1024;
  private slotCount = 0;
  private typeCode = new Uint8Array(this.capacity);
  /**
   * Generation per slot (0–255, the value entries carry), or {@link RETIRED}, which no entry
   * carries: a record's entries are live exactly while their generation equals its slot's.
   */
  private generation = new Uint16Array(this.capacity);
  private dates = new Float64Array(this.capacity);
  private prices = new Float64Array(this.capacity);
  private lengths: Float32Array[] = [];
  /**
   * weight / (1 − b + b·len/avg) per slot and field, interleaved (slot·5 + field) so that the
   * scoring loop finds a record's factors in one cache line; for the averages in
   * {@link normAverages}.
   */
  private fieldNorms = new Float32Array(this.capacity * FIELD_COUNT);
  /**
   * Per slot, {@link BLOOM_WORDS} words: a bloom of the characters of the record's normalized
   * title, abstract and keywords. The rerank looks for query chunks the postings did not find in a
   * record (fieldsContain, fieldsGap); most are not there, and the bloom says so without reading
   * the text (scanning the text was most of the rerank's time).
   */
  private charBlooms = new Int32Array(this.capacity * BLOOM_WORDS);
  private normAverages = new Float64Array(FIELD_COUNT);
  private lengthSums = new Float64Array(FIELD_COUNT);
  private simNorms = new Float32Array(this.capacity);
  private simNormsDocs = -1;
  /**
   * similar()'s centering: the mean of all records' unit word vectors (per term id), and each
   * record's dot product with it (how much it shares with every record); see ensureSimNorms.
   */
  private simCentroid = new Float64Array(0);
  private simCentrality = new Float32Array(this.capacity);
  /** Record counts of Han characters and bigrams, for similar()'s character profiles. */
  private readonly charStats = new CharStatistics();
  private live = 0;
  private readonly liveByType = new Int32Array(4);
  /**
   * Per slot: the scores of a query's best matches while it is presented ({@link bestMatches}), and
   * similar()'s and accumulateBest's sums while they score; zero otherwise.
   */
  private scores = new Float64Array(this.capacity);
  /** similar()'s candidates while it scores, and the records accumulateBest's sums touched. */
  private touched = new Int32Array(this.capacity);
  /** Per slot: term lists a record was found in while {@link scoreTextBest} sums; zero otherwise. */
  private hitCounts = new Uint16Array(this.capacity);
  /** Block ranges of one term while scoring ({@link PostingTable.ranges}). */
  private readonly rangeBuffer: number[] = [];
  /**
   * The matches of the running query, in slot order, with their score, number of term lists found
   * in and word mask, side by side (and a second set the merge of the next term list writes into):
   * a query's term lists are merged into these compact arrays instead of accumulating into
   * per-slot arrays of the whole collection, whose random reads were most of a query's cost.
   */
  private query = emptyMatches(1024);
  private spare = emptyMatches(1024);
  /** Slots whose {@link scores} and {@link wordMasks} the running query set (its best matches). */
  private readonly denseSlots: number[] = [];
  /** Per slot during a query: bit i set when typed word i matched (rerank reads it); zero otherwise (scoreTextBest adds to it). */
  private wordMasks = new Uint32Array(this.capacity);
  /** The term lists the last scoreText went through: table (0 words, 1 grams) and term id, in pairs. */
  private readonly queryLists: number[] = [];
  /** Per list of {@link queryLists}: weight, saturation and word bit (see collectLists). */
  private readonly queryListParams: number[] = [];
  /** Corrections noted by {@link scoreTextBest} for the current query, or -1 (read them from the matches). */
  private corrections = -1;
  /** The best matches chosen by {@link scoreTextBest}, best first. */
  private topSlots: number[] = [];
  /** Text queries without filters by relevance in one pass ({@link scoreTextBest}); off only to compare. */
  private readonly onePass: boolean;
  private readonly listTopsMinLength: number;
  /** One bit per slot: found by an earlier list ({@link bestFromTops}; all clear between queries). */
  private seenBits = new Int32Array((this.capacity + 31) >>> 5);
  /** One bit per slot: found by several lists ({@link bestFromTops}; all clear between queries). */
  private multiBits = new Int32Array((this.capacity + 31) >>> 5);
  /** The records found by several lists ({@link bestFromTops}). */
  private multiSlots = new Int32Array(1024);
  /** Buffers of {@link facetsFromTerms}: matches found in several term lists, and their corrections. */
  private correctionSlots = new Int32Array(1024);
  private correctionTimes = new Int32Array(1024);
  /**
   * Facet counts of the records of one term list (of the types of a mask, in one facet layout):
   * a query's facets are then the sum over its terms, less the records found by several terms,
   * instead of a pass over every match. Cleared on every change of the index.
   */
  private readonly termFacets = new Map<string, Int32Array>();
  /**
   * The live records of a term list and their field-weighted term frequency x (the BM25F tf before
   * saturation), read once from the postings and kept until the index changes: scoring then walks
   * two flat arrays instead of decoding entries, testing generations and reading each record's
   * field factors. Keyed by `term id · 2 + table`; the least recently used go first when the budget
   * ({@link LIST_CACHE_MIN_ENTRIES}, {@link LIST_CACHE_SHARE}) is reached.
   */
  private readonly listCache = new Map<number, TermList>();
  private listCacheEntries = 0;
  /**
   * For pairs of term lists (by their keys, see {@link pairKey}): the records in both, ascending,
   * until the index next changes (with {@link listCache}). Queries are new combinations of words
   * met before, so a query of two or three words usually finds every pair of its lists here and
   * skips the pass over their slots ({@link bestFromTops}); caching intersections is an old trick
   * of search engines' result caches. Pairs of more than {@link PAIR_MAX_LENGTH} records are not kept.
   */
  private readonly pairCache = new Map<number, Int32Array>();
  private pairCacheEntries = 0;
  /** Which of a query's lists hold each record found in several ({@link bestFromTops}; scratch). */
  private pairMembers = new Uint8Array(1024);
  private readonly cache = new Map<string, SearchResult>();
  private readonly cacheSize: number;
  /** {@link scoreOne}'s analysis of the record it last tested (cleared when tokens change). */
  private lastAnalysis: { stored: StoredDoc; words: Map<string, number>; grams: Set<string> } | null = null;

  /** An empty index; see {@link SearchIndexOptions}. */
  constructor(options: SearchIndexOptions = {}) {
    this.segmenter = options.segmenter ?? new Segmenter();
    this.ranking = { ...DEFAULT_RANKING, ...options.ranking };
    this.cacheSize = options.cacheSize ?? 256;
    this.bigramField = options.bigramField ?? true;
    this.onePass = options.onePass ?? true;
    this.listTopsMinLength = options.listTopsMinLength ?? LIST_TOPS_MIN_LENGTH;
    this.facets = new FacetStore(this.capacity);
    for (let f = 0; f < FIELD_COUNT; f++) {
      this.lengths.push(new Float32Array(this.capacity));
    }
  }

  /** Adds a record or replaces the record with the same id. */
  upsert(doc: IndexDoc): void {
    // Programming errors in the caller, not user input: fail loudly.
    if (typeof doc?.id !== 'string' || doc.id === '') throw new Error('document id must be a non-empty string');
    if (!Object.hasOwn(TYPE_CODE, doc.type)) throw new Error(`unknown document type: ${String(doc.type)}`);
    const existing = this.slotOf.get(doc.id);
    if (existing !== undefined) {
      const stored = this.docs[existing];
      if (stored && this.typeCode[existing] === TYPE_CODE[doc.type] && sameText(stored, doc)) {
        // Only facets or sort keys changed (a price edit, a status flag): no re-tokenizing.
        this.facets.set(existing, doc.facets ?? {});
        this.setSortKeys(existing, doc.sortKeys);
        this.invalidate();
        return;
      }
      this.remove(doc.id);
    }
    const slot = this.allocateSlot();
    const stored = storeDoc(doc);
    this.ids[slot] = doc.id;
    this.docs[slot] = stored;
    const bloomAt = slot * BLOOM_WORDS;
    this.charBlooms.fill(0, bloomAt, bloomAt + BLOOM_WORDS);
    bloomAdd(this.charBlooms, bloomAt, stored.titleN);
    bloomAdd(this.charBlooms, bloomAt, stored.abstractN);
    for (const k of stored.keywordsN) bloomAdd(this.charBlooms, bloomAt, k);
    this.slotOf.set(doc.id, slot);
    this.typeCode[slot] = TYPE_CODE[doc.type];
    this.setSortKeys(slot, doc.sortKeys);
    this.facets.set(slot, doc.facets ?? {});
    this.live++;
    this.countType(slot, 1);
    this.indexText(slot, stored);
    this.suggestions.add(stored.keywords, true);
    if (stored.title.trim() !== '') this.suggestions.add([stored.title], false);
    this.invalidate();
    // Growing chains leave partly filled blocks; rewriting them at each doubling keeps memory
    // near the entries themselves at an amortized constant cost per record.
    if (this.words.entryCount + this.grams.entryCount > 2 * Math.max(this.entriesAtCompaction, COMPACT_MIN_ENTRIES)) this.compact();
  }

  /** Forgets cached answers and term facet counts (the index changed). */
  private invalidate(): void {
    this.cache.clear();
    this.termFacets.clear();
    this.listCache.clear();
    this.listCacheEntries = 0;
    this.pairCache.clear();
    this.pairCacheEntries = 0;
  }

  /**
   * Rewrites the postings compactly (dead entries dropped, chains as single exact blocks),
   * refreshes the statistics similar() uses and sorts the autocomplete keys. Worth calling after
   * a bulk load (about a second per 100k records); compaction also runs by itself as the index
   * grows and after many removals, the rest on first use.
   */
  optimize(): void {
    this.compact();
    this.refreshNorms(true);
    this.simNormsDocs = -1;
    this.ensureSimNorms();
    this.suggestions.prepare();
  }

  /** Removes a record; unknown ids are ignored. */
  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    const stored = this.docs[slot];
    if (stored) {
      const { words, grams } = this.analyzeDoc(stored);
      for (const term of words.keys()) this.words.release(term);
      for (const gram of grams) this.grams.release(gram);
      for (let f = 0; f < FIELD_COUNT; f++) this.lengthSums[f] = (this.lengthSums[f] ?? 0) - (this.lengths[f]?.[slot] ?? 0);
      this.suggestions.remove(stored.keywords);
      this.suggestions.remove([stored.title]);
      this.charStats.update(profileText(stored), -1);
    }
    this.countType(slot, -1);
    this.live--;
    this.slotOf.delete(id);
    this.ids[slot] = undefined;
    this.docs[slot] = undefined;
    this.typeCode[slot] = 0;
    this.facets.clear(slot);
    // Entries of this slot become invisible by generation. A slot at the last generation is
    // retired until the next compaction instead: reusing it would bring a stale generation
    // number back to life, and compacting now would stall this write.
    if ((this.generation[slot] ?? 0) >= MAX_GENERATION) {
      this.generation[slot] = RETIRED;
      this.retiredSlots.push(slot);
    } else {
      this.generation[slot] = (this.generation[slot] ?? 0) + 1;
      this.freeSlots.push(slot);
    }
    this.invalidate();
    const dead = this.words.deadCount + this.grams.deadCount;
    const total = this.words.entryCount + this.grams.entryCount;
    if (total > COMPACT_MIN_ENTRIES && dead > total * COMPACT_DEAD_SHARE) this.compact();
  }

  /** Whether a record with this id is indexed. */
  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Records indexed, of one type or all. */
  size(type?: DocType): number {
    if (type === undefined) return this.live;
    return this.liveByType[TYPE_CODE[type] ?? 0] ?? 0;
  }

  /** Sizes for monitoring. */
  stats(): SearchIndexStats {
    return {
      docs: this.live,
      slots: this.slotCount,
      wordTerms: this.words.terms,
      wordEntries: this.words.entryCount,
      gramTerms: this.grams.terms,
      gramEntries: this.grams.entryCount,
      deadEntries: this.words.deadCount + this.grams.deadCount,
      postingBytes:
        this.words.byteSize() +
        this.grams.byteSize() +
        this.charStats.byteSize +
        8 * this.simCentroid.length +
        this.capacity * (4 * FIELD_COUNT * 2 + 8 * 2 + 4 * 3 + 4 + 2 + 4 * BLOOM_WORDS),
    };
  }

  /**
   * Runs a query. Never throws on user input: long text is truncated, text without searchable
   * tokens (punctuation, emoji) browses like an empty query, odd filters are ignored, paging is
   * clamped to {@link MAX_OFFSET} / {@link MAX_LIMIT}.
   */
  search(query: SearchQuery): SearchResult {
    const started = performance.now();
    const q = sanitize(query);
    const cacheKey = this.cacheSize > 0 ? JSON.stringify(q) : '';
    const cached = cacheKey ? this.cache.get(cacheKey) : undefined;
    if (cached) {
      // Refresh recency for the LRU order; hand out copies so a caller cannot alter the cache.
      this.cache.delete(cacheKey);
      this.cache.set(cacheKey, cached);
      return { ...copyResult(cached), tookMs: performance.now() - started };
    }
    this.refreshNorms(false);
    const analysis =
      q.text === ''
        ? null
        : this.segmenter.analyzeQuery(q.text, {
            expandSubwords: (word) => this.words.df(this.words.lookup(word)) < SUBWORD_EXPANSION_MAX_DF,
          });
    const typeMask = typeMaskOf(q.types);
    const predicate = this.facets.compile(q.filters);
    const hasText = analysis !== null && analysis.terms.length > 0;
    // All types are matched, so that the tabs' counts come with the same pass; then the list is
    // narrowed to the requested types.
    const perType = new Int32Array(4);
    const onePass = this.onePass && hasText && predicate === null && q.sort === 'relevance';
    this.corrections = -1;
    const n = onePass
      ? this.scoreTextBest(analysis, typeMask, Math.max(q.offset + q.limit, this.ranking.rerankDepth), perType)
      : this.narrowToTypes(hasText ? this.scoreText(analysis, predicate) : this.browse(ALL_TYPES_MASK, predicate), typeMask, perType);
    const typeCounts: Record<DocType, number> = { achievement: perType[1] ?? 0, demand: perType[2] ?? 0, organization: perType[3] ?? 0 };
    try {
      // Facets from the terms' counts when every match came from the term lists unfiltered.
      const viaTerms = hasText && predicate === null ? typeMask : -1;
      const result: SearchResult = { ...this.present(q, analysis, n, viaTerms, onePass ? this.topSlots : null), typeCounts };
      if (cacheKey) {
        this.cache.set(cacheKey, copyResult(result));
        if (this.cache.size > this.cacheSize) {
          const oldest = this.cache.keys().next().value;
          if (oldest !== undefined) this.cache.delete(oldest);
        }
      }
      return { ...result, tookMs: performance.now() - started };
    } finally {
      // The per-slot score buffers are shared by all queries: they must be clean whatever happened.
      this.clearScores();
    }
  }

  /**
   * Counts the `all` matches of the query buffers per type into `perType` and keeps those of the
   * wanted types at their front, in order; returns how many were kept. The loops of a query live
   * in small methods like this one: inside search() itself V8 kept deoptimizing on every call
   * (measured with --trace-deopt), which cost a third of a query.
   */
  private narrowToTypes(all: number, typeMask: number, perType: Int32Array): number {
    const matches = this.query;
    const typeCode = this.typeCode;
    let n = 0;
    for (let i = 0; i < all; i++) {
      const type = typeCode[matches.slots[i] as number] as number;
      perType[type] = (perType[type] as number) + 1;
      if (((typeMask >> type) & 1) === 0) continue;
      if (n !== i) moveMatch(matches, i, n);
      n++;
    }
    return n;
  }

  /** Zeroes the per-slot scores and word masks that {@link present} wrote for the best matches. */
  private clearScores(): void {
    for (const slot of this.denseSlots) {
      this.scores[slot] = 0;
      this.wordMasks[slot] = 0;
    }
    this.denseSlots.length = 0;
  }

  /**
   * Facet counts of a text query's matches from its term lists: the sum of each list's counts
   * (cached per list, type mask and layout), less, for each match found in h > 1 lists, its values
   * h − 1 times. Equal to counting over the matches (facet-store/search-index tests compare the two),
   * but a query of a few common words costs a few hundred slot visits instead of thousands.
   */
  private facetsFromTerms(keys: readonly string[], typeMask: number, n: number): SearchResult['facets'] {
    const plan = this.facets.plan(keys);
    const counts = new Int32Array(plan.size);
    if (plan.present.length > 0) {
      const lists = this.queryLists;
      for (let i = 0; i < lists.length; i += 2) {
        const own = this.termFacetCounts(lists[i] as number, lists[i + 1] as number, typeMask, plan);
        for (let j = 0; j < own.length; j++) counts[j] = (counts[j] as number) + (own[j] as number);
      }
      // The matches found in several lists, and how many times too often each was counted
      // (noted by scoreTextBest, or read from the query's matches).
      const m = this.corrections >= 0 ? this.corrections : this.collectCorrections(n);
      const slots = this.correctionSlots;
      const times = this.correctionTimes;
      this.facets.addInto(plan, slots, times, m, counts);
    }
    return this.facets.lists(plan, counts, FACET_VALUES);
  }

  /** The first `n` matches of {@link query} found in several lists, into the correction arrays; returns how many. */
  private collectCorrections(n: number): number {
    const { slots: matched, hits } = this.query;
    if (this.correctionSlots.length < n) {
      this.correctionSlots = new Int32Array(Math.max(n, this.correctionSlots.length * 2));
      this.correctionTimes = new Int32Array(this.correctionSlots.length);
    }
    const slots = this.correctionSlots;
    const times = this.correctionTimes;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const h = hits[i] as number;
      if (h > 1) {
        slots[m] = matched[i] as number;
        times[m++] = 1 - h;
      }
    }
    return m;
  }

  /** Facet counts of the live records of one term list whose type is in `typeMask` (see {@link termFacets}). */
  private termFacetCounts(table: number, id: number, typeMask: number, plan: FacetPlan): Int32Array {
    const key = `${table}:${id}:${typeMask}:${plan.signature}`;
    const cached = this.termFacets.get(key);
    if (cached) return cached;
    const list = this.termList(table, id);
    const typeCode = this.typeCode;
    let slots = list.slots;
    let count = slots.length;
    if (typeMask !== ALL_TYPES_MASK) {
      slots = new Int32Array(count);
      count = 0;
      for (const slot of list.slots) if (((typeMask >> (typeCode[slot] ?? 0)) & 1) !== 0) slots[count++] = slot;
    }
    const counts = new Int32Array(plan.size);
    this.facets.countInto(plan, slots, count, counts);
    if (this.termFacets.size >= 20_000) this.termFacets.clear();
    this.termFacets.set(key, counts);
    return counts;
  }

  /**
   * Facets, order, page and highlights of the first `n` matches in {@link query}. `viaTermsMask`: the
   * type mask of the matches when they are exactly the records of the last scoreText's term lists
   * of those types (no filter), so facets can come from {@link facetsFromTerms}; -1 otherwise.
   * `best`: the best matches already chosen by {@link scoreTextBest} (a text query by relevance).
   */
  private present(q: SanitizedQuery, analysis: QueryAnalysis | null, n: number, viaTermsMask: number, best: number[] | null): Omit<SearchResult, 'typeCounts'> {
    const hasText = analysis !== null && analysis.terms.length > 0;
    const matched = this.query.slots;
    const facets =
      q.facets.length === 0
        ? {}
        : viaTermsMask >= 0
          ? this.facetsFromTerms(q.facets, viaTermsMask, n)
          : this.facets.countAll(q.facets, matched, n, FACET_VALUES);
    const k = Math.min(n, q.offset + q.limit);
    let order: number[];
    if (analysis && hasText && q.sort === 'relevance') {
      const depth = Math.min(n, Math.max(k, this.ranking.rerankDepth));
      order = best ?? this.bestMatches(n, depth, 'relevance');
      this.rerank(order.slice(0, this.ranking.rerankDepth), analysis);
      order.sort((a, b) => this.byRelevance(a, b));
    } else {
      order = this.bestMatches(n, k, q.sort === 'relevance' ? 'newest' : q.sort);
    }
    const highlighter = q.highlight ? new Highlighter(analysis ? analysis.terms.map((t) => t.text) : []) : null;
    const hits: SearchHit[] = order.slice(q.offset, q.offset + q.limit).map((slot) => {
      const stored = this.docs[slot];
      const hit: SearchHit = {
        id: this.ids[slot] ?? '',
        type: TYPE_OF_CODE[this.typeCode[slot] ?? 0] ?? 'achievement',
        score: hasText ? round(this.scores[slot] ?? 0) : 0,
        highlights: {},
      };
      if (highlighter && stored) {
        const aligned = highlightAlignment(stored);
        hit.highlights.title = highlighter.highlight(stored.title, { normalized: stored.titleN, aligned: (aligned & 1) !== 0 });
        hit.highlights.abstract = highlighter.highlight(stored.abstract, { maxChars: SNIPPET_CHARS, normalized: stored.abstractN, aligned: (aligned & 2) !== 0 });
      }
      return hit;
    });
    return { total: n, hits, facets, tookMs: 0, tokens: analysis ? [...analysis.words] : [] };
  }

  /** Autocomplete from titles and keywords, by prefix or pinyin initials ('dc' → 电池…). */
  suggest(prefix: string, limit = 10): string[] {
    return this.suggestions.suggest(prefix, limit);
  }

  /**
   * Records most similar to one record ("more like this", 相似成果). The record itself is excluded;
   * `filter` restricts candidates; unknown ids give an empty list. Text only (title, keywords,
   * abstract, body), never facets. In three steps:
   * 1. Candidates by TF-IDF cosine of word vectors (index tokens, title counted twice) over the
   *    posting lists of the record's {@link SIMILAR_TERMS} heaviest terms.
   * 2. Feedback: of the best {@link SIMILAR_FEEDBACK_POOL}, the {@link SIMILAR_FEEDBACK_DOCS}
   *    nearest by the full score (below) are folded into the record's vectors (Rocchio). This
   *    pulls in the vocabulary of the record's field, which its own text may not use.
   * 3. Candidates by the expanded word vector; the best {@link SIMILAR_RERANK} are ranked by the
   *    full score with the expanded vectors.
   * The full score adds to the word cosine the cosines of character features computed from the
   * stored text of just the records compared ({@link CharStatistics}: character bigrams, single
   * characters, latent character topics), and centers word and character vectors on the mean
   * record (see {@link withProfiles}). On csl-dev `sim` P@10 went 0.268 → 0.307 (words with
   * feedback → + character features 0.293 → + centering 0.298 → + topics 0.307).
   */
  similar(id: string, limit: number, filter: SimilarFilter = {}): { id: string; score: number }[] {
    const slot = this.slotOf.get(id);
    const stored = slot === undefined ? undefined : this.docs[slot];
    if (slot === undefined || !stored) return [];
    const max = clampInt(limit, 0, MAX_LIMIT, 10);
    if (max === 0) return [];
    this.ensureSimNorms();
    const typeMask = typeMaskOf(Array.isArray(filter.types) ? DOC_TYPES.filter((t) => filter.types?.includes(t)) : null);
    const predicate = this.facets.compile(filter.filters);
    const own = this.charStats.profile(profileText(stored), this.live);
    const base = this.docVector(stored);
    const pool = this.rankSimilar(topTerms(base, SIMILAR_TERMS), slot, ALL_TYPES_MASK, null, SIMILAR_FEEDBACK_POOL);
    const ownTopics = this.charStats.topicVector(own.chars);
    const feedback = this.withProfiles(pool, own, 1, ownTopics).slice(0, SIMILAR_FEEDBACK_DOCS);
    const expandedTopics = Float64Array.from(ownTopics);
    const expanded = new Map(base);
    const expandedProfile: CharProfile = { grams: new Map(own.grams), chars: new Map(own.chars) };
    const share = SIMILAR_FEEDBACK_WEIGHT / SIMILAR_FEEDBACK_DOCS;
    // The query's total weight, which its centering term takes (see withProfiles).
    let mass = 1;
    for (const neighbour of feedback) {
      const doc = this.docs[neighbour.slot];
      if (!doc) continue;
      mass += share;
      addScaled(expanded, this.docVector(doc), share);
      const profile = this.charStats.profile(profileText(doc), this.live);
      addScaled(expandedProfile.grams, profile.grams, share);
      addScaled(expandedProfile.chars, profile.chars, share);
      const topics = this.charStats.topicVector(profile.chars);
      for (let j = 0; j < topics.length; j++) expandedTopics[j] = (expandedTopics[j] ?? 0) + share * (topics[j] ?? 0);
    }
    const candidates = this.rankSimilar(topTerms(expanded, SIMILAR_TERMS * 2), slot, typeMask, predicate, Math.max(SIMILAR_RERANK, max));
    return this.withProfiles(candidates, expandedProfile, mass, expandedTopics)
      .slice(0, max)
      .map((r) => ({ id: this.ids[r.slot] ?? '', score: round(r.score) }));
  }

  /**
   * Word-cosine candidates with the character profiles' cosines added, and centered, best first.
   * Centering subtracts `mass` times each candidate's dot product with the centroid of all
   * records (word vectors and character profiles alike): that ranks by the dot product of
   * centered vectors, (query − mass · centroid) · (candidate − centroid), i.e. by what the two
   * share beyond what every record shares with every other. `mass` is the query's total weight:
   * 1 for one record, more for a Rocchio sum. On csl-dev it raised P@10 from 0.293 to 0.298.
   */
  private withProfiles(
    candidates: { slot: number; score: number }[],
    query: CharProfile,
    mass: number,
    topics: Float64Array,
  ): { slot: number; score: number }[] {
    const records = candidates.map(({ slot }) => {
      const doc = this.docs[slot];
      return { id: slot, text: doc ? profileText(doc) : { title: '', keywords: [], abstract: '' } };
    });
    const added = this.charStats.similarities(records, this.live, query, SIMILAR_WEIGHTS, mass, topics);
    return candidates
      .map(({ slot, score }, i) => ({ slot, score: score - mass * (this.simCentrality[slot] ?? 0) + (added[i] ?? 0) }))
      .sort((a, b) => b.score - a.score || (this.dates[b.slot] ?? 0) - (this.dates[a.slot] ?? 0) || a.slot - b.slot);
  }

  /**
   * Tests one record against a query: null when {@link search} would not return it for these
   * text, types and filters; otherwise the score it would rank with there (0 without text). Looks
   * only at the record's own terms, not at posting lists, so testing one new record against many
   * stored queries (saved-search alerts) stays cheap whatever the index size. The scoring mirrors
   * the one of {@link search}: BM25F with sub-words, synonyms and bigrams, then the phrase and
   * proximity bonus (which search() gives its top {@link RankingOptions.rerankDepth} only).
   */
  scoreOne(id: string, query: Pick<SearchQuery, 'text' | 'types' | 'filters'>): number | null {
    const slot = this.slotOf.get(id);
    const stored = slot === undefined ? undefined : this.docs[slot];
    if (slot === undefined || !stored) return null;
    const q = sanitize({ ...query, offset: 0, limit: 0 });
    if (((typeMaskOf(q.types) >> (this.typeCode[slot] ?? 0)) & 1) === 0) return null;
    const predicate = this.facets.compile(q.filters);
    if (predicate && !predicate(slot)) return null;
    const analysis =
      q.text === ''
        ? null
        : this.segmenter.analyzeQuery(q.text, {
            expandSubwords: (word) => this.words.df(this.words.lookup(word)) < SUBWORD_EXPANSION_MAX_DF,
          });
    if (analysis === null || analysis.terms.length === 0) return 0;
    this.refreshNorms(false);
    const r = this.ranking;
    const { words, grams } = this.analysisOf(stored);
    const base = slot * FIELD_COUNT;
    const norm = (field: number) => this.fieldNorms[base + field] ?? 0;
    let score = 0;
    let mask = 0;
    // As in scoreText, for this slot only.
    for (const term of analysis.terms) {
      const termId = this.words.lookup(term.text);
      const df = this.words.df(termId);
      if (termId < 0 || df === 0) continue;
      const scale = term.origin === 'word' ? 1 : term.origin === 'subword' ? r.subwordWeight / SUBWORD_WEIGHT : r.synonymWeight / SYNONYM_WEIGHT;
      const weight = term.weight * scale;
      const p = words.get(term.text) ?? 0;
      if (weight <= 0 || p === 0) continue;
      const x = (p & 7) * norm(TITLE) + ((p >> 3) & 7) * norm(KEYWORDS) + ((p >> 6) & 31) * norm(ABSTRACT) + (p >> 11) * norm(BODY);
      if (x <= 0) continue;
      score += weight * this.idf(df) * (x / (r.k1 + x));
      if (term.origin === 'word' && term.group < 32) mask |= 1 << term.group;
    }
    const gramTerms = new Set<string>();
    for (const word of analysis.words) {
      if (this.words.df(this.words.lookup(word)) === 0) for (const g of hanBigrams(word)) gramTerms.add(g);
    }
    for (const gram of gramTerms) {
      const df = this.grams.df(this.grams.lookup(gram));
      const w = r.gram.weight * this.idf(df);
      if (df === 0 || w <= 0 || !grams.has(gram)) continue;
      const x = norm(GRAM);
      score += w * (x / (r.gram.k1 + x));
    }
    if (score <= 0) return null;
    this.scores[slot] = score;
    this.wordMasks[slot] = mask;
    try {
      this.rerank([slot], analysis);
      return round(this.scores[slot] ?? 0);
    } finally {
      this.scores[slot] = 0;
      this.wordMasks[slot] = 0;
    }
  }

  /** The term analysis of one record, kept for the last record asked (scoreOne is called in runs). */
  private analysisOf(stored: StoredDoc): { words: Map<string, number>; grams: Set<string> } {
    if (this.lastAnalysis?.stored !== stored) this.lastAnalysis = { stored, ...this.analyzeDoc(stored) };
    return this.lastAnalysis;
  }

  /**
   * Re-tokenizes every record into fresh postings: needed after the segmentation dictionary
   * changed ({@link Segmenter.loadTerms}), since records indexed before were cut differently.
   */
  rebuild(): void {
    this.lastAnalysis = null;
    this.words = new PostingTable(true);
    this.grams = new PostingTable(false);
    this.lengthSums.fill(0);
    this.charStats.clear();
    this.generation.fill(0);
    this.freeSlots.push(...this.retiredSlots);
    this.retiredSlots = [];
    for (let slot = 0; slot < this.slotCount; slot++) {
      const stored = this.docs[slot];
      if (stored && this.typeCode[slot] !== 0) this.indexText(slot, stored);
    }
    this.refreshNorms(true);
    this.simNormsDocs = -1;
    this.invalidate();
  }

  // ---------------------------------------------------------------- indexing

  private countType(slot: number, delta: number): void {
    const type = this.typeCode[slot] ?? 0;
    this.liveByType[type] = (this.liveByType[type] ?? 0) + delta;
  }

  private allocateSlot(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    const slot = this.slotCount++;
    if (slot >= MAX_SLOTS) throw new Error('search index is full');
    if (slot >= this.capacity) this.grow(this.capacity * 2);
    return slot;
  }

  private grow(capacity: number): void {
    const grown = <T extends Float32Array | Float64Array | Uint8Array | Uint16Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    this.typeCode = grown(this.typeCode, (n) => new Uint8Array(n));
    this.generation = grown(this.generation, (n) => new Uint16Array(n));
    this.dates = grown(this.dates, (n) => new Float64Array(n));
    this.prices = grown(this.prices, (n) => new Float64Array(n));
    this.lengths = this.lengths.map((a) => grown(a, (n) => new Float32Array(n)));
    const fieldNorms = new Float32Array(capacity * FIELD_COUNT);
    fieldNorms.set(this.fieldNorms);
    this.fieldNorms = fieldNorms;
    const charBlooms = new Int32Array(capacity * BLOOM_WORDS);
    charBlooms.set(this.charBlooms);
    this.charBlooms = charBlooms;
    this.simNorms = grown(this.simNorms, (n) => new Float32Array(n));
    this.simCentrality = grown(this.simCentrality, (n) => new Float32Array(n));
    this.scores = new Float64Array(capacity);
    this.touched = new Int32Array(capacity);
    this.hitCounts = new Uint16Array(capacity);
    this.wordMasks = new Uint32Array(capacity);
    this.seenBits = new Int32Array((capacity + 31) >>> 5);
    this.multiBits = new Int32Array((capacity + 31) >>> 5);
    this.facets.ensure(capacity);
    this.capacity = capacity;
  }

  private setSortKeys(slot: number, sortKeys: IndexDoc['sortKeys']): void {
    const date = Number(sortKeys?.date);
    const price = sortKeys?.price;
    this.dates[slot] = Number.isFinite(date) ? date : 0;
    this.prices[slot] = typeof price === 'number' && Number.isFinite(price) ? price : Number.NaN;
  }

  /** Term frequencies of a record: words with per-field counts packed, bigrams with counts. */
  private analyzeDoc(stored: StoredDoc): { words: Map<string, number>; grams: Set<string>; lengths: number[] } {
    const words = new Map<string, number>();
    const lengths = [0, 0, 0, 0, 0];
    const addField = (field: 0 | 1 | 2 | 3, tokens: string[]) => {
      const shift = TF_SHIFT[field];
      const max = TF_MAX[field];
      for (const token of tokens) {
        const packed = words.get(token) ?? 0;
        const tf = (packed >> shift) & max;
        if (tf < max) words.set(token, packed + (1 << shift));
        else if (!words.has(token)) words.set(token, packed);
      }
      lengths[field] = (lengths[field] ?? 0) + tokens.length;
    };
    addField(TITLE, this.segmenter.indexTokensOfNormalized(stored.titleN));
    // One segmenter call for all keywords: jieba never joins words across a line break.
    addField(KEYWORDS, this.segmenter.indexTokensOfNormalized(stored.keywordsN.join('\n')));
    addField(ABSTRACT, this.segmenter.indexTokensOfNormalized(stored.abstractN));
    addField(BODY, this.segmenter.indexTokensOfNormalized(stored.bodyN));
    const grams = new Set<string>();
    if (this.bigramField) {
      // Descriptive fields only: body text is long, and its bigrams would add the most entries
      // for the least important field. Presence only (no counts): the field is a fallback.
      for (const g of hanBigrams(stored.titleN)) grams.add(g);
      for (const k of stored.keywordsN) for (const g of hanBigrams(k)) grams.add(g);
      for (const g of hanBigrams(stored.abstractN)) grams.add(g);
    }
    lengths[GRAM] = grams.size;
    return { words, grams, lengths };
  }

  private indexText(slot: number, stored: StoredDoc): void {
    const { words, grams, lengths } = this.analyzeDoc(stored);
    const generation = this.generation[slot] ?? 0;
    for (const [term, payload] of words) if (payload !== 0) this.words.add(term, slot, generation, payload);
    for (const gram of grams) this.grams.add(gram, slot, generation, 1);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const len = lengths[f] ?? 0;
      const column = this.lengths[f];
      if (column) column[slot] = len;
      this.lengthSums[f] = (this.lengthSums[f] ?? 0) + len;
    }
    this.charStats.update(profileText(stored), 1);
    this.charStats.forget(slot);
    this.refreshNorms(false);
    this.setNorms(slot);
    // The record's vector norm for similar(), with today's document frequencies, once similar()
    // is in use (before that, its first call computes all norms at once: cheaper during a bulk
    // load); all are recomputed when the corpus has changed much since (ensureSimNorms).
    if (this.simNormsDocs >= 0) {
      const { norm, centrality } = this.vectorStats(words);
      this.simNorms[slot] = norm;
      this.simCentrality[slot] = centrality;
    }
  }

  /** Drops dead postings; afterwards every live entry is at generation 0. */
  private compact(): void {
    this.words.compact(this.generation, this.typeCode);
    this.grams.compact(this.generation, this.typeCode);
    this.generation.fill(0);
    this.entriesAtCompaction = this.words.entryCount + this.grams.entryCount;
    this.freeSlots.push(...this.retiredSlots);
    this.retiredSlots = [];
  }

  // ---------------------------------------------------------------- ranking

  /** Recomputes the per-slot field factors when the average lengths moved by more than 5%. */
  private refreshNorms(force: boolean): void {
    if (this.live === 0) return;
    let stale = force;
    for (let f = 0; f < FIELD_COUNT && !stale; f++) {
      const avg = (this.lengthSums[f] ?? 0) / Math.max(1, this.live);
      const old = this.normAverages[f] ?? 0;
      if (Math.abs(avg - old) > 0.05 * Math.max(old, 1e-9)) stale = true;
    }
    if (!stale) return;
    this.termFacets.clear();
    this.listCache.clear();
    this.listCacheEntries = 0;
    this.pairCache.clear();
    this.pairCacheEntries = 0;
    for (let f = 0; f < FIELD_COUNT; f++) this.normAverages[f] = (this.lengthSums[f] ?? 0) / Math.max(1, this.live);
    for (let slot = 0; slot < this.slotCount; slot++) if (this.typeCode[slot] !== 0) this.setNorms(slot);
  }

  private setNorms(slot: number): void {
    const r = this.ranking;
    const fields = [r.title, r.keywords, r.abstract, r.body, { weight: 1, b: r.gram.b }];
    for (let f = 0; f < FIELD_COUNT; f++) {
      const field = fields[f] ?? { weight: 1, b: 0.75 };
      const avg = Math.max(this.normAverages[f] ?? 1, 1e-9);
      const len = this.lengths[f]?.[slot] ?? 0;
      this.fieldNorms[slot * FIELD_COUNT + f] = field.weight / (1 - field.b + (field.b * len) / avg);
    }
  }

  private idf(df: number): number {
    return Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
  }

  /**
   * The query's term lists in the analysis order, then the bigram lists of typed words the index has
   * never seen (see the module comment), into {@link queryLists} (table, id) and
   * {@link queryListParams} (weight, word bit), two numbers per list (the lists' tf is saturated already: see TermList).
   */
  private collectLists(analysis: QueryAnalysis): void {
    const r = this.ranking;
    const lists = this.queryLists;
    const params = this.queryListParams;
    lists.length = 0;
    params.length = 0;
    for (const term of analysis.terms) {
      const id = this.words.lookup(term.text);
      if (id < 0 || this.words.df(id) === 0) continue;
      // The segmenter's weights are relative; the ranking options scale each kind.
      const scale = term.origin === 'word' ? 1 : term.origin === 'subword' ? r.subwordWeight / SUBWORD_WEIGHT : r.synonymWeight / SYNONYM_WEIGHT;
      const weight = term.weight * scale;
      if (weight <= 0) continue;
      const bit = term.origin === 'word' && term.group < 32 ? 1 << term.group : 0;
      lists.push(0, id);
      params.push(weight * this.idf(this.words.df(id)), bit);
    }
    const gramTerms = new Set<string>();
    for (const word of analysis.words) {
      if (this.words.df(this.words.lookup(word)) === 0) for (const g of hanBigrams(word)) gramTerms.add(g);
    }
    for (const gram of gramTerms) {
      const id = this.grams.lookup(gram);
      const df = this.grams.df(id);
      if (df === 0) continue;
      const w = r.gram.weight * this.idf(df);
      if (w <= 0) continue;
      lists.push(1, id);
      params.push(w, 0);
    }
  }

  /**
   * Merges the query's term lists ({@link collectLists}), one after the other in that order (so each
   * match's score is summed in the same order whatever the lists), into {@link query}; returns how
   * many match.
   */
  private scoreText(analysis: QueryAnalysis, predicate: SlotPredicate | null): number {
    this.collectLists(analysis);
    const lists = this.queryLists;
    const params = this.queryListParams;
    let n = 0;
    for (let i = 0; i < lists.length; i += 2) {
      n = this.mergeList(n, this.termList(lists[i] as number, lists[i + 1] as number), params[i] as number, params[i + 1] as number);
    }
    if (!predicate) return n;
    const matches = this.query;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      if (!predicate(matches.slots[i] as number)) continue;
      if (kept !== i) moveMatch(matches, i, kept);
      kept++;
    }
    return kept;
  }

  /**
   * A text query without filters, by relevance, without the merged match list: the term lists
   * ({@link collectLists}) are read side by side (up to two: {@link mergeBest2}; three: {@link mergeBest}) or added into
   * per-slot sums ({@link accumulateBest}), each record's contributions summed in list order as
   * {@link scoreText} sums them; each record that may enter a bounded heap of the best `size` (the
   * order of {@link bestMatches}) is offered to it when of a wanted type; a record found in h > 1
   * lists is noted for the facet correction ({@link facetsFromTerms}). On an index of 10^6 records,
   * where a query of common words matches ~40k, merging the lists into {@link query} one after the
   * other and reading the matches back three times (types, facets, best) was most of a query's time.
   *
   * The matches per type (added into `perType`) are the lists' own counts per type
   * ({@link TermList.perType}) less the records found in several lists, counted per type as they
   * are met: a record's type is read only when it is found more than once or may enter the heap,
   * not for each match (a read per match was a fifth of the pass).
   *
   * Returns the number of matches of the wanted types; the best are in {@link topSlots}, best
   * first, with their scores and word masks written as bestMatches writes them.
   */
  private scoreTextBest(analysis: QueryAnalysis, typeMask: number, size: number, perType: Int32Array): number {
    this.collectLists(analysis);
    const refs = this.queryLists;
    const params = this.queryListParams;
    const lists: TermList[] = [];
    const keys: number[] = [];
    for (let i = 0; i < refs.length; i += 2) {
      lists.push(this.termList(refs[i] as number, refs[i + 1] as number));
      keys.push((refs[i + 1] as number) * 2 + (refs[i] as number));
    }
    const heap = new BestHeap(Math.max(1, size), this.dates);
    this.corrections = 0;
    const overlaps = new Int32Array(TYPE_CODES);
    if (size <= LIST_TOP) this.bestFromTops(lists, keys, params, typeMask, overlaps, heap);
    else if (lists.length <= 2) this.mergeBest2(lists, params, typeMask, overlaps, heap);
    else if (lists.length === 3) this.mergeBest(lists, params, typeMask, overlaps, heap);
    else this.accumulateBest(lists, params, typeMask, overlaps, heap);
    this.topSlots = heap.sorted(this.scores, this.wordMasks, this.denseSlots);
    let n = 0;
    for (let type = 1; type < TYPE_CODES; type++) {
      let count = -(overlaps[type] as number);
      for (const list of lists) count += list.perType[type] as number;
      perType[type] = (perType[type] as number) + count;
      if (((typeMask >> type) & 1) !== 0) n += count;
    }
    return n;
  }

  /**
   * {@link scoreTextBest} from each list's best records ({@link listTops}) instead of all its
   * matches, when the heap holds no more than {@link LIST_TOP}. A record found in one list only
   * scores the list's weight times its x there; if it belongs among the best `size` of the wanted
   * types, fewer than `size` records of its type rank above it in that list by x (each of them
   * scores at least as much, ties by the same date and slot), so it is among that list's best
   * LIST_TOP of its type. (Equal products of unequal x would break this only if LIST_TOP − size of
   * them met at the heap's floor.) The records found in several lists come from the kept pairs
   * ({@link pairCache}) when every pair of the query's lists is kept, else from one pass over the
   * lists' slots marking bits (`seenBits`, `multiBits`), and are scored by galloping through each
   * list, summed in list order as the merges sum them. So the heap is offered every record
   * found in several lists, then, list by list and type by type, the best records found once until
   * one scores below the heap's floor: it ends holding what {@link mergeBest} would leave in it,
   * and the overlaps and corrections are the same. The pass over slots reads each list once and
   * writes a bit; the merges' work per match (which list is next, a score, a test against the
   * floor) was most of a query's time.
   */
  private bestFromTops(lists: TermList[], keys: number[], params: number[], typeMask: number, overlaps: Int32Array, heap: BestHeap): void {
    const m = lists.length;
    const seen = this.seenBits;
    const multi = this.multiBits;
    // Up to four lists, the records in both of each pair are kept (pairCache): the union is the records in several.
    const pairs = m > 1 && m <= PAIR_CACHE_MAX_LISTS ? this.pairsOf(keys) : null;
    let found = 0;
    if (pairs) {
      for (const both of pairs) {
        for (let p = 0; p < both.length; p++) {
          const slot = both[p] as number;
          const word = slot >>> 5;
          const bit = 1 << (slot & 31);
          if (((multi[word] as number) & bit) !== 0) continue;
          multi[word] = (multi[word] as number) | bit;
          if (found === this.multiSlots.length) this.multiSlots = growInt32(this.multiSlots);
          this.multiSlots[found++] = slot;
        }
      }
    } else if (m > 1) {
      // The first list only marks, the last only tests: most records are in one list.
      const first = (lists[0] as TermList).slots;
      for (let p = 0; p < first.length; p++) {
        const slot = first[p] as number;
        seen[slot >>> 5] = (seen[slot >>> 5] as number) | (1 << (slot & 31));
      }
      for (let i = 1; i < m; i++) {
        const slots = (lists[i] as TermList).slots;
        const n = slots.length;
        const mark = i < m - 1;
        for (let p = 0; p < n; p++) {
          const slot = slots[p] as number;
          const word = slot >>> 5;
          const bit = 1 << (slot & 31);
          const v = seen[word] as number;
          if ((v & bit) === 0) {
            if (mark) seen[word] = v | bit;
          } else if (((multi[word] as number) & bit) === 0) {
            multi[word] = (multi[word] as number) | bit;
            if (found === this.multiSlots.length) this.multiSlots = growInt32(this.multiSlots);
            this.multiSlots[found++] = slot;
          }
        }
      }
      let marked = 0;
      for (let i = 0; i < m - 1; i++) marked += (lists[i] as TermList).slots.length;
      this.clearSeen(
        marked,
        lists.slice(0, m - 1).map((l) => l.slots),
      );
    }
    const typeCode = this.typeCode;
    let floor = heap.floor();
    // In slot order, as the merges meet them (the corrections' order).
    const several = this.multiSlots.subarray(0, found).sort();
    // Which lists hold each record found in several (bit i: list i), to keep the pairs after a pass.
    const keepPairs = !pairs && m > 1 && m <= PAIR_CACHE_MAX_LISTS;
    if (keepPairs && this.pairMembers.length < found) this.pairMembers = new Uint8Array(Math.max(found, 2 * this.pairMembers.length));
    const members = keepPairs ? this.pairMembers.fill(0, 0, found) : null;
    // Each list's place, moving forward with the records (ascending, as the lists are).
    const cursors = new Int32Array(m);
    for (let f = 0; f < found; f++) {
      const slot = several[f] as number;
      let score = 0;
      let hits = 0;
      let mask = 0;
      for (let i = 0; i < m; i++) {
        const list = lists[i] as TermList;
        const at = seekSlot(list.slots, slot, cursors[i] as number);
        cursors[i] = at;
        if (list.slots[at] !== slot) continue;
        score += (params[2 * i] as number) * (list.x[at] as number);
        hits++;
        mask |= params[2 * i + 1] as number;
        if (members) members[f] = (members[f] as number) | (1 << i);
      }
      const type = typeCode[slot] as number;
      overlaps[type] = (overlaps[type] as number) + hits - 1;
      if (((typeMask >> type) & 1) === 0) continue;
      this.noteCorrection(slot, hits);
      if (score >= floor) {
        heap.offer(score, slot, mask);
        floor = heap.floor();
      }
    }
    for (let i = 0; i < m; i++) {
      const list = lists[i] as TermList;
      const w = params[2 * i] as number;
      const bit = params[2 * i + 1] as number;
      const tops = this.listTops(list);
      if (tops === null) {
        // A short list: every record.
        const slots = list.slots;
        const xs = list.x;
        for (let p = 0; p < slots.length; p++) {
          const score = w * (xs[p] as number);
          if (score < floor) continue;
          const slot = slots[p] as number;
          if (((typeMask >> (typeCode[slot] as number)) & 1) === 0) continue;
          if (found > 0 && ((multi[slot >>> 5] as number) & (1 << (slot & 31))) !== 0) continue;
          heap.offer(score, slot, bit);
          floor = heap.floor();
        }
        continue;
      }
      for (let type = 1; type < TYPE_CODES; type++) {
        if (((typeMask >> type) & 1) === 0) continue;
        const slots = tops.slots[type] as Int32Array;
        const xs = tops.x[type] as Float64Array;
        for (let p = 0; p < slots.length; p++) {
          const score = w * (xs[p] as number);
          if (score < floor) break;
          const slot = slots[p] as number;
          if (found > 0 && ((multi[slot >>> 5] as number) & (1 << (slot & 31))) !== 0) continue;
          heap.offer(score, slot, bit);
          floor = heap.floor();
        }
      }
    }
    if (members) this.keepPairs(keys, several, members, found);
    for (let f = 0; f < found; f++) multi[(several[f] as number) >>> 5] = 0;
  }

  /** The key of a pair of term lists in {@link pairCache} (lists' keys as {@link termList} keeps them), or −1. */
  private static pairKey(a: number, b: number): number {
    if (a >= PAIR_KEY_SCALE || b >= PAIR_KEY_SCALE) return -1;
    return a < b ? a * PAIR_KEY_SCALE + b : b * PAIR_KEY_SCALE + a;
  }

  /**
   * The records in both lists of each pair of these, when every pair is kept; else null (then one
   * pass over all the lists finds them, and {@link keepPairs} keeps the pairs).
   */
  private pairsOf(keys: number[]): Int32Array[] | null {
    const out: Int32Array[] = [];
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const key = SearchIndex.pairKey(keys[i] as number, keys[j] as number);
        const both = key < 0 ? undefined : this.pairCache.get(key);
        if (!both) return null;
        out.push(both);
      }
    }
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        // Most recently used last: eviction takes the oldest first.
        const key = SearchIndex.pairKey(keys[i] as number, keys[j] as number);
        const both = this.pairCache.get(key) as Int32Array;
        this.pairCache.delete(key);
        this.pairCache.set(key, both);
      }
    }
    return out;
  }

  /** Clears {@link seenBits} after `marked` marks from these lists: whole (a fill is ~0.1 ns a word) unless the marks are far fewer than its words. */
  private clearSeen(marked: number, lists: Int32Array[]): void {
    const seen = this.seenBits;
    const words = (this.slotCount + 31) >>> 5;
    if (marked * 8 >= words) {
      seen.fill(0, 0, words);
      return;
    }
    for (const slots of lists) for (let p = 0; p < slots.length; p++) seen[(slots[p] as number) >>> 5] = 0;
  }

  /** Keeps the records in both lists of a pair (`key` < 0: not kept), oldest used pairs out first. */
  private keepPair(key: number, both: Int32Array): void {
    if (key < 0 || this.pairCache.has(key)) return;
    for (const [k, old] of this.pairCache) {
      if (this.pairCache.size < PAIR_CACHE_MAX_PAIRS && this.pairCacheEntries + both.length <= PAIR_CACHE_MAX_ENTRIES) break;
      this.pairCache.delete(k);
      this.pairCacheEntries -= old.length;
    }
    this.pairCache.set(key, both);
    this.pairCacheEntries += both.length;
  }

  /** Keeps, for each pair of lists, the records (`several`, ascending) both hold (`members`: bit i for list i). */
  private keepPairs(keys: number[], several: Int32Array, members: Uint8Array, found: number): void {
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const key = SearchIndex.pairKey(keys[i] as number, keys[j] as number);
        if (key < 0 || this.pairCache.has(key)) continue;
        const want = (1 << i) | (1 << j);
        let n = 0;
        for (let f = 0; f < found; f++) if (((members[f] as number) & want) === want) n++;
        // A large pair is not kept: its array would be memory outside the heap, and V8 runs a full
        // collection for every 64 MB of that (at 1M records pairs hold thousands of records each).
        if (n > PAIR_MAX_LENGTH) continue;
        const both = new Int32Array(n);
        n = 0;
        for (let f = 0; f < found; f++) if (((members[f] as number) & want) === want) both[n++] = several[f] as number;
        this.keepPair(key, both);
      }
    }
  }

  /**
   * A list's best {@link LIST_TOP} records of each type, kept with it (so until the index next
   * changes); null for a list shorter than `listTopsMinLength`, which is read whole instead.
   */
  private listTops(list: TermList): ListTops | null {
    if (list.slots.length < this.listTopsMinLength) return null;
    if (list.tops) return list.tops;
    const heaps = Array.from({ length: TYPE_CODES }, () => new BestHeap(LIST_TOP, this.dates));
    const { slots, x } = list;
    const typeCode = this.typeCode;
    for (let p = 0; p < slots.length; p++) {
      const slot = slots[p] as number;
      (heaps[typeCode[slot] as number] as BestHeap).offer(x[p] as number, slot, 0);
    }
    const tops: ListTops = { slots: [], x: [] };
    for (const heap of heaps) {
      const { slots: best, keys } = heap.entries();
      tops.slots.push(best);
      tops.x.push(keys);
    }
    list.tops = tops;
    return tops;
  }

  /**
   * {@link scoreTextBest} for up to three lists: merged side by side in slot order (the lists are
   * read in sequence, nothing per slot is written but for the heap's best).
   */
  private mergeBest(lists: TermList[], params: number[], typeMask: number, overlaps: Int32Array, heap: BestHeap): void {
    const none: TermList = { slots: new Int32Array(0), x: new Float64Array(0), perType: new Int32Array(TYPE_CODES), tops: null };
    const a = lists[0] ?? none;
    const b = lists[1] ?? none;
    const c = lists[2] ?? none;
    const [wa = 0, ba = 0, wb = 0, bb = 0, wc = 0, bc = 0] = params;
    const sa = a.slots;
    const sb = b.slots;
    const sc = c.slots;
    const xa = a.x;
    const xb = b.x;
    const xc = c.x;
    const na = sa.length;
    const nb = sb.length;
    const nc = sc.length;
    const typeCode = this.typeCode;
    let ia = 0;
    let ib = 0;
    let ic = 0;
    let ha = na > 0 ? (sa[0] as number) : END;
    let hb = nb > 0 ? (sb[0] as number) : END;
    let hc = nc > 0 ? (sc[0] as number) : END;
    let floor = heap.floor();
    for (;;) {
      let slot = Math.min(ha, hb);
      if (hc < slot) slot = hc;
      if (slot === END) break;
      // Contributions summed in list order, as scoreText sums them. The three steps are written out
      // (not a loop over lists) on purpose: with locals instead of arrays of lists this pass is what
      // made the one-pass path faster than the general one.
      let score = 0;
      let hits = 0;
      let mask = 0;
      if (ha === slot) {
        score += wa * (xa[ia++] as number);
        hits++;
        mask |= ba;
        ha = ia < na ? (sa[ia] as number) : END;
      }
      if (hb === slot) {
        score += wb * (xb[ib++] as number);
        hits++;
        mask |= bb;
        hb = ib < nb ? (sb[ib] as number) : END;
      }
      if (hc === slot) {
        score += wc * (xc[ic++] as number);
        hits++;
        mask |= bc;
        hc = ic < nc ? (sc[ic] as number) : END;
      }
      // Most matches are found once and score below the heap's worst: nothing more to do for them.
      if (hits === 1 && score < floor) continue;
      const type = typeCode[slot] as number;
      const wanted = ((typeMask >> type) & 1) !== 0;
      if (hits > 1) {
        overlaps[type] = (overlaps[type] as number) + hits - 1;
        if (wanted) this.noteCorrection(slot, hits);
      }
      if (wanted && score >= floor) {
        heap.offer(score, slot, mask);
        floor = heap.floor();
      }
    }
  }

  /**
   * {@link mergeBest} for one or two lists (most queries): the same steps without a third list's
   * test per match.
   */
  private mergeBest2(lists: TermList[], params: number[], typeMask: number, overlaps: Int32Array, heap: BestHeap): void {
    const none: TermList = { slots: new Int32Array(0), x: new Float64Array(0), perType: new Int32Array(TYPE_CODES), tops: null };
    const a = lists[0] ?? none;
    const b = lists[1] ?? none;
    const [wa = 0, ba = 0, wb = 0, bb = 0] = params;
    const sa = a.slots;
    const sb = b.slots;
    const xa = a.x;
    const xb = b.x;
    const na = sa.length;
    const nb = sb.length;
    const typeCode = this.typeCode;
    let ia = 0;
    let ib = 0;
    let ha = na > 0 ? (sa[0] as number) : END;
    let hb = nb > 0 ? (sb[0] as number) : END;
    let floor = heap.floor();
    for (;;) {
      const slot = Math.min(ha, hb);
      if (slot === END) break;
      let score = 0;
      let mask = 0;
      let hits = 0;
      if (ha === slot) {
        score += wa * (xa[ia++] as number);
        hits++;
        mask |= ba;
        ha = ia < na ? (sa[ia] as number) : END;
      }
      if (hb === slot) {
        score += wb * (xb[ib++] as number);
        hits++;
        mask |= bb;
        hb = ib < nb ? (sb[ib] as number) : END;
      }
      // Most matches are found once and score below the heap's worst: nothing more to do for them.
      if (hits === 1 && score < floor) continue;
      const type = typeCode[slot] as number;
      const wanted = ((typeMask >> type) & 1) !== 0;
      if (hits > 1) {
        overlaps[type] = (overlaps[type] as number) + hits - 1;
        if (wanted) this.noteCorrection(slot, hits);
      }
      if (wanted && score >= floor) {
        heap.offer(score, slot, mask);
        floor = heap.floor();
      }
    }
  }

  /** {@link scoreTextBest} for more lists: each adds into per-slot sums, then one pass over the records touched. */
  private accumulateBest(lists: TermList[], params: number[], typeMask: number, overlaps: Int32Array, heap: BestHeap): void {
    const scores = this.scores;
    const masks = this.wordMasks;
    const hitCounts = this.hitCounts;
    const touched = this.touched;
    let count = 0;
    lists.forEach((list, i) => {
      count = accumulate(list, params[2 * i] as number, params[2 * i + 1] as number, scores, masks, hitCounts, touched, count);
    });
    const typeCode = this.typeCode;
    let floor = heap.floor();
    for (let t = 0; t < count; t++) {
      const slot = touched[t] as number;
      const hits = hitCounts[slot] as number;
      const score = scores[slot] as number;
      const mask = masks[slot] as number;
      hitCounts[slot] = 0;
      scores[slot] = 0;
      masks[slot] = 0;
      // Most matches are found once and score below the heap's worst: nothing more to do for them.
      if (hits === 1 && score < floor) continue;
      const type = typeCode[slot] as number;
      const wanted = ((typeMask >> type) & 1) !== 0;
      if (hits > 1) {
        overlaps[type] = (overlaps[type] as number) + hits - 1;
        if (wanted) this.noteCorrection(slot, hits);
      }
      if (wanted && score >= floor) {
        heap.offer(score, slot, mask);
        floor = heap.floor();
      }
    }
  }

  /** A match found in `hits` > 1 lists: its facet values were counted hits − 1 times too often. */
  private noteCorrection(slot: number, hits: number): void {
    const at = this.corrections++;
    if (at === this.correctionSlots.length) {
      this.correctionSlots = growInt32(this.correctionSlots);
      this.correctionTimes = growInt32(this.correctionTimes);
    }
    this.correctionSlots[at] = slot;
    this.correctionTimes[at] = 1 - hits;
  }

  /**
   * Merges the `n` matches in {@link query} with one term list (weight `w`, word
   * bit `bit`) into {@link spare}, then swaps the two; returns the number of matches.
   */
  private mergeList(n: number, list: TermList, w: number, bit: number): number {
    const add = list.slots;
    const xs = list.x;
    const len = add.length;
    if (this.spare.slots.length < n + len) this.spare = emptyMatches(Math.max(n + len, 2 * this.spare.slots.length));
    const a = this.query;
    const out = this.spare;
    const aSlots = a.slots;
    const aScores = a.scores;
    const aHits = a.hits;
    const aMasks = a.masks;
    const oSlots = out.slots;
    const oScores = out.scores;
    const oHits = out.hits;
    const oMasks = out.masks;
    let i = 0;
    let j = 0;
    let m = 0;
    while (i < n && j < len) {
      const sa = aSlots[i] as number;
      const sb = add[j] as number;
      if (sa < sb) {
        oSlots[m] = sa;
        oScores[m] = aScores[i] as number;
        oHits[m] = aHits[i] as number;
        oMasks[m++] = aMasks[i++] as number;
      } else {
        const contribution = w * (xs[j++] as number);
        oSlots[m] = sb;
        if (sa === sb) {
          oScores[m] = (aScores[i] as number) + contribution;
          oHits[m] = (aHits[i] as number) + 1;
          oMasks[m++] = (aMasks[i++] as number) | bit;
        } else {
          oScores[m] = contribution;
          oHits[m] = 1;
          oMasks[m++] = bit;
        }
      }
    }
    for (; i < n; i++, m++) {
      oSlots[m] = aSlots[i] as number;
      oScores[m] = aScores[i] as number;
      oHits[m] = aHits[i] as number;
      oMasks[m] = aMasks[i] as number;
    }
    for (; j < len; j++, m++) {
      oSlots[m] = add[j] as number;
      oScores[m] = w * (xs[j] as number);
      oHits[m] = 1;
      oMasks[m] = bit;
    }
    this.spare = a;
    this.query = out;
    return m;
  }

  /**
   * The live records of one term list (table 0 words, 1 bigrams) with their field-weighted term
   * frequency, from {@link listCache} or read from the postings: a word entry counts when some
   * field it is in has weight (x > 0); a bigram entry's x is the record's bigram-field factor.
   */
  private termList(table: number, id: number): TermList {
    const key = id * 2 + table;
    const cached = this.listCache.get(key);
    if (cached) {
      // Most recently used last: eviction takes the oldest first.
      this.listCache.delete(key);
      this.listCache.set(key, cached);
      return cached;
    }
    const postings = table === 0 ? this.words : this.grams;
    const k = table === 0 ? this.ranking.k1 : this.ranking.gram.k1;
    const ranges = this.rangeBuffer;
    const generation = this.generation;
    const norms = this.fieldNorms;
    const blocks = postings.ranges(id, ranges);
    let size = 0;
    for (let b = 0; b < blocks; b++) size += (ranges[3 * b + 2] ?? 0) - (ranges[3 * b + 1] ?? 0);
    let slots = new Int32Array(size);
    let xs = new Float64Array(size);
    let n = 0;
    for (let b = 0; b < blocks; b++) {
      const chunk = ranges[3 * b] ?? 0;
      const entries = postings.chunkEntries(chunk);
      const payloads = table === 0 ? postings.chunkPayloads(chunk) : undefined;
      if (!entries) continue;
      const to = ranges[3 * b + 2] ?? 0;
      for (let i = ranges[3 * b + 1] ?? 0; i < to; i++) {
        const e = entries[i] as number;
        const slot = e & SLOT_MASK;
        // Entries of removed records carry an older generation.
        if (e >>> 24 !== generation[slot]) continue;
        const x = payloads ? wordEntryWeight(payloads[i] ?? 0, norms, slot * FIELD_COUNT) : (norms[slot * FIELD_COUNT + GRAM] as number);
        if (payloads && x <= 0) continue;
        slots[n] = slot;
        xs[n++] = x / (k + x);
      }
    }
    if (n < size) {
      slots = slots.slice(0, n);
      xs = xs.slice(0, n);
    }
    // Queries merge lists by slot; a slot reused after a removal sits out of order at a list's end.
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) if ((slots[i] as number) < (slots[i - 1] as number)) sorted = false;
    if (!sorted) {
      const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => (slots[p] as number) - (slots[q] as number));
      const s0 = slots;
      const x0 = xs;
      slots = Int32Array.from(order, (i) => s0[i] as number);
      xs = Float64Array.from(order, (i) => x0[i] as number);
    }
    const perType = new Int32Array(TYPE_CODES);
    const typeCode = this.typeCode;
    for (let i = 0; i < n; i++) {
      const type = typeCode[slots[i] as number] as number;
      perType[type] = (perType[type] as number) + 1;
    }
    const list: TermList = { slots, x: xs, perType, tops: null };
    const budget = Math.max(LIST_CACHE_MIN_ENTRIES, LIST_CACHE_SHARE * this.words.entryCount);
    if (n <= budget / 4) {
      // Oldest lists out first until the new one fits.
      for (const [k, l] of this.listCache) {
        if (this.listCacheEntries + n <= budget) break;
        this.listCache.delete(k);
        this.listCacheEntries -= l.slots.length;
      }
      this.listCache.set(key, list);
      this.listCacheEntries += n;
    }
    return list;
  }

  /** Lists every live slot of the wanted types passing the filters in {@link query} (scores 0). */
  private browse(typeMask: number, predicate: SlotPredicate | null): number {
    if (this.query.slots.length < this.slotCount) this.query = emptyMatches(Math.max(this.slotCount, 2 * this.query.slots.length));
    const { slots, scores, hits, masks } = this.query;
    let count = 0;
    for (let slot = 0; slot < this.slotCount; slot++) {
      const type = this.typeCode[slot] ?? 0;
      if (type === 0 || ((typeMask >> type) & 1) === 0) continue;
      if (predicate && !predicate(slot)) continue;
      slots[count] = slot;
      scores[count] = 0;
      hits[count] = 0;
      masks[count++] = 0;
    }
    return count;
  }

  /**
   * The best `k` of the `n` matches in {@link query}, as slots in order. Each match gets two keys,
   * larger is better: relevance (score, then date), newest (date, then score), price (price, records
   * without one last, then date); the slot number breaks remaining ties so that pages are stable. A
   * bounded min-heap: O(n log k), and most candidates are rejected by one comparison with the root.
   * The chosen matches' scores and word masks are written to the per-slot arrays for the rerank and
   * the page, and cleared by {@link clearScores}.
   */
  private bestMatches(n: number, k: number, sort: SearchSort): number[] {
    const size = Math.min(k, n);
    if (size <= 0) return [];
    const { slots, scores: qScores, masks } = this.query;
    const prices = this.prices;
    const dates = this.dates;
    const byPrice = sort === 'price_asc' || sort === 'price_desc';
    const sign = sort === 'price_asc' ? -1 : 1;
    const newest = sort === 'newest';
    // Min-heap of match positions (key beside): the root is the worst of the best `size`.
    const heapKey = new Float64Array(size);
    const heapAt = new Int32Array(size);
    // Whether match (ka, a) ranks below match (kb, b): relevance and price tie on date, newest on score.
    const worse = (ka: number, a: number, kb: number, b: number): boolean => {
      if (ka !== kb) return ka < kb;
      const sa = slots[a] as number;
      const sb = slots[b] as number;
      const ta = newest ? (qScores[a] as number) : (dates[sa] as number);
      const tb = newest ? (qScores[b] as number) : (dates[sb] as number);
      return ta !== tb ? ta < tb : sa > sb;
    };
    let rootKey = Number.NEGATIVE_INFINITY;
    let count = 0;
    for (let i = 0; i < n; i++) {
      let key: number;
      if (byPrice) {
        const price = prices[slots[i] as number] as number;
        // Records without a price (面议) come last in both directions.
        key = Number.isNaN(price) ? Number.NEGATIVE_INFINITY : sign * price;
      } else key = newest ? (dates[slots[i] as number] as number) : (qScores[i] as number);
      if (count < size) {
        let at = count++;
        while (at > 0) {
          const parent = (at - 1) >> 1;
          const pk = heapKey[parent] as number;
          const pa = heapAt[parent] as number;
          if (!worse(key, i, pk, pa)) break;
          heapKey[at] = pk;
          heapAt[at] = pa;
          at = parent;
        }
        heapKey[at] = key;
        heapAt[at] = i;
        if (count === size) rootKey = heapKey[0] as number;
        continue;
      }
      if (key < rootKey || !worse(rootKey, heapAt[0] as number, key, i)) continue;
      let at = 0;
      for (;;) {
        const l = 2 * at + 1;
        if (l >= size) break;
        const r = l + 1;
        let child = l;
        if (r < size && worse(heapKey[r] as number, heapAt[r] as number, heapKey[l] as number, heapAt[l] as number)) child = r;
        const ck = heapKey[child] as number;
        const ca = heapAt[child] as number;
        if (!worse(ck, ca, key, i)) break;
        heapKey[at] = ck;
        heapAt[at] = ca;
        at = child;
      }
      heapKey[at] = key;
      heapAt[at] = i;
      rootKey = heapKey[0] as number;
    }
    const order = Array.from({ length: size }, (_, h) => h);
    order.sort((x, y) => {
      const kx = heapKey[x] as number;
      const ky = heapKey[y] as number;
      const ax = heapAt[x] as number;
      const ay = heapAt[y] as number;
      return worse(kx, ax, ky, ay) ? 1 : worse(ky, ay, kx, ax) ? -1 : 0;
    });
    return order.map((h) => {
      const at = heapAt[h] as number;
      const slot = slots[at] as number;
      this.scores[slot] = qScores[at] as number;
      this.wordMasks[slot] = masks[at] as number;
      this.denseSlots.push(slot);
      return slot;
    });
  }

  /** Relevance order after reranking: score, then newer, then slot. */
  private byRelevance(a: number, b: number): number {
    return (this.scores[b] ?? 0) - (this.scores[a] ?? 0) || (this.dates[b] ?? 0) - (this.dates[a] ?? 0) || a - b;
  }

  /** Multiplies the scores of `slots` by the phrase and proximity bonus. */
  private rerank(slots: number[], analysis: QueryAnalysis): void {
    const r = this.ranking;
    const phrases = analysis.phrases;
    if ((r.phraseBonus <= 0 && r.proximityBonus <= 0) || phrases.length === 0) return;
    let pairCount = 0;
    for (const p of phrases) pairCount += Math.max(0, p.words.length - 1);
    const wordBits = new Map<string, number>();
    analysis.words.forEach((w, i) => {
      if (i < 32) wordBits.set(w, 1 << i);
    });
    // A chunk that is one word is found when that word matched (the postings said so, no text to
    // scan); otherwise the text may still hold it where the record was cut differently (有限元法
    // as 有限元|法). `allBits`: the records that matched every such word need nothing else.
    const phraseBits = phrases.map((p) => (p.words.length === 1 ? (wordBits.get(p.words[0] ?? '') ?? 0) : 0));
    const allSingle = phraseBits.every((bit) => bit !== 0);
    const allBits = phraseBits.reduce((m, bit) => m | bit, 0);
    // The bonus below with every chunk found and no pairs (computed the same way: the same number).
    const allFound = 1 + (r.phraseBonus * phrases.length) / phrases.length;
    const blooms = this.charBlooms;
    for (const slot of slots) {
      // Whether the record is live from its type code (a small array): reading its stored object
      // here, even to test it, went out to memory for each of the ~40 records (half of this loop's
      // time); it is read only when a text must be scanned.
      if (this.typeCode[slot] === 0) continue;
      const mask = this.wordMasks[slot] ?? 0;
      if (allSingle && (mask & allBits) === allBits) {
        this.scores[slot] = (this.scores[slot] ?? 0) * allFound;
        continue;
      }
      const bloomAt = slot * BLOOM_WORDS;
      let found = 0;
      let close = 0;
      for (let p = 0; p < phrases.length; p++) {
        const phrase = phrases[p] as QueryAnalysis['phrases'][number];
        const bit = phraseBits[p] as number;
        if ((mask & bit) !== 0 || (bloomMayContain(blooms, bloomAt, phrase.text) && fieldsContain(this.docs[slot] as StoredDoc, phrase.text))) {
          found++;
          close += Math.max(0, phrase.words.length - 1);
          continue;
        }
        for (let i = 0; i + 1 < phrase.words.length; i++) {
          const a = phrase.words[i] ?? '';
          const b = phrase.words[i + 1] ?? '';
          if (!bloomMayContain(blooms, bloomAt, a) || !bloomMayContain(blooms, bloomAt, b)) continue;
          const gap = fieldsGap(this.docs[slot] as StoredDoc, a, b);
          if (gap <= r.proximityWindow) close += 1 / (1 + 0.3 * gap);
        }
      }
      const bonus = 1 + (r.phraseBonus * found) / phrases.length + (pairCount > 0 ? (r.proximityBonus * close) / pairCount : 0);
      this.scores[slot] = (this.scores[slot] ?? 0) * bonus;
    }
  }

  // ---------------------------------------------------------------- similar

  /** Sublinear TF-IDF vector of a record (title counted twice), terms in fewer than 2 records dropped. */
  private docVector(stored: StoredDoc): Map<string, number> {
    const { words } = this.analyzeDoc(stored);
    const vector = new Map<string, number>();
    for (const [term, payload] of words) {
      const df = this.words.df(this.words.lookup(term));
      if (df < 2) continue;
      vector.set(term, (1 + Math.log(similarityTf(payload))) * Math.log(this.live / df));
    }
    let norm = 0;
    for (const w of vector.values()) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    for (const [term, w] of vector) vector.set(term, w / norm);
    return vector;
  }

  /** A record's word-vector norm and its dot product with the centroid (unit vector · centroid). */
  private vectorStats(words: Map<string, number>): { norm: number; centrality: number } {
    let norm = 0;
    let dot = 0;
    for (const [term, payload] of words) {
      const id = this.words.lookup(term);
      const df = this.words.df(id);
      if (df < 2) continue;
      const w = (1 + Math.log(similarityTf(payload))) * Math.log(this.live / df);
      norm += w * w;
      dot += w * (this.simCentroid[id] ?? 0);
    }
    norm = Math.sqrt(norm) || 1;
    return { norm, centrality: dot / norm };
  }

  /**
   * Recomputes, when the corpus changed by more than 10% since the last time: every record's
   * word-vector norm; the centroid of the unit word vectors and each record's dot product with
   * it; the mean character profile and the character topics, from an even sample of at most
   * {@link SIMILAR_SAMPLE} records. Three passes over the word postings, a few thousand profiles
   * and a small SVD: about two seconds at 100k records (optimize() does it after a bulk load).
   */
  private ensureSimNorms(): void {
    if (this.simNormsDocs >= 0 && Math.abs(this.live - this.simNormsDocs) <= 0.1 * this.simNormsDocs) return;
    const sums = new Float64Array(this.capacity);
    this.simPass(NORMS, sums);
    for (let slot = 0; slot < this.slotCount; slot++) this.simNorms[slot] = Math.sqrt(sums[slot] ?? 0) || 1;
    this.simCentroid = new Float64Array(this.words.terms);
    this.simPass(CENTROID, this.simCentroid);
    const share = 1 / Math.max(1, this.live);
    for (let id = 0; id < this.simCentroid.length; id++) this.simCentroid[id] = (this.simCentroid[id] ?? 0) * share;
    sums.fill(0);
    this.simPass(CENTRALITY, sums);
    for (let slot = 0; slot < this.slotCount; slot++) this.simCentrality[slot] = sums[slot] ?? 0;
    const texts: ProfileText[] = [];
    const step = Math.max(1, Math.ceil(this.live / SIMILAR_SAMPLE));
    for (let slot = 0, seen = 0; slot < this.slotCount; slot++) {
      const doc = this.docs[slot];
      if (!doc || this.typeCode[slot] === 0) continue;
      if (seen++ % step === 0) texts.push(profileText(doc));
    }
    this.charStats.refresh(texts, this.live, SIMILAR_TOPICS);
    this.simNormsDocs = this.live;
  }

  /**
   * One pass over the live word postings, with w = (1 + ln tf) · idf of each (record, term):
   * {@link NORMS} adds w² per record into `out`, {@link CENTROID} w / norm per term,
   * {@link CENTRALITY} w / norm · centroid[term] per record. A switch, not a callback: a call per
   * posting would cost more than the pass itself.
   */
  private simPass(kind: typeof NORMS | typeof CENTROID | typeof CENTRALITY, out: Float64Array): void {
    const ranges = this.rangeBuffer;
    const generation = this.generation;
    const typeCode = this.typeCode;
    const norms = this.simNorms;
    const centroid = this.simCentroid;
    for (let id = 0; id < this.words.terms; id++) {
      const df = this.words.df(id);
      if (df < 2) continue;
      const idf = Math.log(this.live / df);
      const blocks = this.words.ranges(id, ranges);
      for (let b = 0; b < blocks; b++) {
        const entries = this.words.chunkEntries(ranges[3 * b] ?? 0);
        const payloads = this.words.chunkPayloads(ranges[3 * b] ?? 0);
        if (!entries || !payloads) continue;
        const to = ranges[3 * b + 2] ?? 0;
        for (let i = ranges[3 * b + 1] ?? 0; i < to; i++) {
          const e: number = entries[i] ?? 0;
          const slot = e & SLOT_MASK;
          if (e >>> 24 !== generation[slot] || typeCode[slot] === 0) continue;
          const w = (SUBLINEAR_TF[similarityTf(payloads[i] ?? 0)] ?? 1) * idf;
          if (kind === NORMS) out[slot] = (out[slot] ?? 0) + w * w;
          else if (kind === CENTROID) out[id] = (out[id] ?? 0) + w / (norms[slot] || 1);
          else out[slot] = (out[slot] ?? 0) + (w * (centroid[id] ?? 0)) / (norms[slot] || 1);
        }
      }
    }
  }

  private rankSimilar(
    terms: [string, number][],
    self: number,
    typeMask: number,
    predicate: SlotPredicate | null,
    limit: number,
  ): { slot: number; score: number }[] {
    const scores = this.scores;
    const touched = this.touched;
    const generation = this.generation;
    const typeCode = this.typeCode;
    const simNorms = this.simNorms;
    const ranges = this.rangeBuffer;
    let count = 0;
    for (const [term, qw] of terms) {
      const id = this.words.lookup(term);
      const df = this.words.df(id);
      if (df < 2 || df > Math.max(SIMILAR_MIN_DF_CAP, this.live * SIMILAR_MAX_DF_SHARE)) continue;
      const w = qw * Math.log(this.live / df);
      const blocks = this.words.ranges(id, ranges);
      for (let b = 0; b < blocks; b++) {
        const entries = this.words.chunkEntries(ranges[3 * b] ?? 0);
        const payloads = this.words.chunkPayloads(ranges[3 * b] ?? 0);
        if (!entries || !payloads) continue;
        const to = ranges[3 * b + 2] ?? 0;
        for (let i = ranges[3 * b + 1] ?? 0; i < to; i++) {
          const e: number = entries[i] ?? 0;
          const slot = e & SLOT_MASK;
          if (slot === self || e >>> 24 !== generation[slot] || ((typeMask >> (typeCode[slot] ?? 0)) & 1) === 0) continue;
          const score = scores[slot] ?? 0;
          if (score === 0) touched[count++] = slot;
          scores[slot] = score + (w * (SUBLINEAR_TF[similarityTf(payloads[i] ?? 0)] ?? 1)) / (simNorms[slot] || 1);
        }
      }
    }
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const slot = touched[i] ?? 0;
      if (!predicate || predicate(slot)) touched[kept++] = slot;
      else scores[slot] = 0;
    }
    // The candidates into the query buffers, for the same selection as search().
    if (this.query.slots.length < kept) this.query = emptyMatches(Math.max(kept, 2 * this.query.slots.length));
    const q = this.query;
    for (let i = 0; i < kept; i++) {
      const slot = touched[i] as number;
      q.slots[i] = slot;
      q.scores[i] = scores[slot] as number;
      q.masks[i] = 0;
      scores[slot] = 0;
    }
    try {
      return this.bestMatches(kept, limit, 'relevance').map((slot) => ({ slot, score: scores[slot] ?? 0 }));
    } finally {
      this.clearScores();
    }
  }
}

// ---------------------------------------------------------------- helpers

interface SanitizedQuery {
  text: string;
  types: DocType[] | null;
  filters: Record<string, unknown> | undefined;
  sort: SearchSort;
  offset: number;
  limit: number;
  facets: string[];
  highlight: boolean;
}

const SORTS: readonly SearchSort[] = ['relevance', 'newest', 'price_asc', 'price_desc'];

/** Brings any input into range: the HTTP layer validates, but the engine must not trust it. */
function sanitize(q: SearchQuery): SanitizedQuery {
  const text = typeof q?.text === 'string' ? q.text.trim() : '';
  const types = Array.isArray(q?.types) ? DOC_TYPES.filter((t) => q.types?.includes(t)) : null;
  const filters = q?.filters && typeof q.filters === 'object' ? (q.filters as Record<string, unknown>) : undefined;
  return {
    text,
    types: types && types.length > 0 ? types : null,
    filters,
    sort: SORTS.includes(q?.sort as SearchSort) ? (q.sort as SearchSort) : 'relevance',
    offset: clampInt(q?.offset, 0, MAX_OFFSET, 0),
    limit: clampInt(q?.limit, 0, MAX_LIMIT, 20),
    facets: Array.isArray(q?.facets) ? q.facets.filter((f): f is string => typeof f === 'string').slice(0, 32) : [],
    highlight: q?.highlight === true,
  };
}

/** Type bits for a scoring loop; bit 0 (free slots) is never set. */
function typeMaskOf(types: readonly DocType[] | null): number {
  if (!types || types.length === 0) return ALL_TYPES_MASK;
  return types.reduce((m, t) => m | (1 << (TYPE_CODE[t] ?? 0)), 0) & ALL_TYPES_MASK;
}

/** A copy of a result deep enough that changing it cannot reach the cached one. */
function copyResult(r: SearchResult): SearchResult {
  const facets: SearchResult['facets'] = {};
  for (const [key, list] of Object.entries(r.facets)) facets[key] = list.map((f) => ({ ...f }));
  return {
    ...r,
    typeCounts: { ...r.typeCounts },
    hits: r.hits.map((h) => ({ ...h, highlights: { ...h.highlights } })),
    facets,
    tokens: [...r.tokens],
  };
}

/**
 * The field-weighted term frequency of a word entry (payload: tf per field) for the record whose
 * factors start at `base` in the interleaved norms. Most entries have one field set; only the
 * factors needed are read.
 */
function wordEntryWeight(p: number, norms: Float32Array, base: number): number {
  let x = 0;
  if ((p & 0x7c0) !== 0) x += ((p >> 6) & 31) * (norms[base + ABSTRACT] ?? 0);
  if ((p & 7) !== 0) x += (p & 7) * (norms[base + TITLE] ?? 0);
  if ((p & 0x38) !== 0) x += ((p >> 3) & 7) * (norms[base + KEYWORDS] ?? 0);
  if (p >= 0x800) x += (p >> 11) * (norms[base + BODY] ?? 0);
  return x;
}

function clampInt(v: unknown, min: number, max: number, fallback: number): number {
  const n = typeof v === 'number' && Number.isFinite(v) ? Math.floor(v) : fallback;
  return Math.max(min, Math.min(max, n));
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function storeDoc(doc: IndexDoc): StoredDoc {
  const title = typeof doc.title === 'string' ? doc.title : '';
  const keywords = Array.isArray(doc.keywords) ? doc.keywords.filter((k): k is string => typeof k === 'string') : [];
  const abstract = typeof doc.abstract === 'string' ? doc.abstract : '';
  const body = typeof doc.body === 'string' ? doc.body : '';
  // Reusing the original string when normalization changes nothing stores the text once.
  const same = (s: string) => {
    const n = normalizeText(s);
    return n === s ? s : n;
  };
  return {
    title,
    keywords,
    abstract,
    body,
    titleN: same(title),
    keywordsN: keywords.map(same),
    abstractN: same(abstract),
    bodyN: same(body),
    highlightAligned: 0,
  };
}

/**
 * Whether a record's normalized title (bit 0) and abstract (bit 1) have their originals'
 * character offsets, so a highlight can match on them without normalizing again; worked out on
 * the record's first highlight ({@link StoredDoc.highlightAligned}). They do when the highlight's
 * own normalization (normalizeWithOffsets) keeps every character's length and differs from them
 * at most in punctuation, which it leaves as typed (，) where the index folded it (,): no search
 * token holds punctuation, so a term matches at the same places in both. Comparing the texts
 * exactly left almost every Chinese abstract (it has a ，) unaligned, normalized again for each
 * highlight.
 */
export function highlightAlignment(stored: Pick<StoredDoc, 'title' | 'titleN' | 'abstract' | 'abstractN' | 'highlightAligned'>): number {
  if (stored.highlightAligned === 0) {
    const aligned = (text: string, normalized: string) => {
      if (text === normalized) return true;
      const n = normalizeWithOffsets(text);
      return n.start === null && sameButPunctuation(n.text, normalized);
    };
    stored.highlightAligned = 4 | (aligned(stored.title, stored.titleN) ? 1 : 0) | (aligned(stored.abstract, stored.abstractN) ? 2 : 0);
  }
  return stored.highlightAligned;
}

/** Whether `a` and `b` have the same length and, where they differ, `a` has punctuation. */
function sameButPunctuation(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i) && !PUNCTUATION.test(a.charAt(i))) return false;
  }
  return true;
}

/** The normalized descriptive fields that character profiles and counts are built from. */
function profileText(stored: StoredDoc): ProfileText {
  return { title: stored.titleN, keywords: stored.keywordsN, abstract: stored.abstractN };
}

function sameText(stored: StoredDoc, doc: IndexDoc): boolean {
  return (
    stored.title === doc.title &&
    stored.abstract === doc.abstract &&
    stored.body === doc.body &&
    stored.keywords.length === doc.keywords.length &&
    stored.keywords.every((k, i) => k === doc.keywords[i])
  );
}

/** 1 + ln(tf) for every tf {@link similarityTf} can return (at most 2·7 + 7 + 31 + 31 = 83). */
const SUBLINEAR_TF = Float64Array.from({ length: 84 }, (_, tf) => (tf === 0 ? 0 : 1 + Math.log(tf)));

/** Term frequency for similarity: title counts double, all fields summed. */
function similarityTf(payload: number): number {
  return 2 * (payload & 7) + ((payload >> 3) & 7) + ((payload >> 6) & 31) + (payload >> 11) || 1;
}

function topTerms(vector: Map<string, number>, n: number): [string, number][] {
  return [...vector].sort((a, b) => b[1] - a[1]).slice(0, n);
}

/** Whether a normalized descriptive field (title, a keyword, abstract) contains `text`. */
function fieldsContain(doc: StoredDoc, text: string): boolean {
  if (doc.titleN.includes(text) || doc.abstractN.includes(text)) return true;
  for (const k of doc.keywordsN) if (k.includes(text)) return true;
  return false;
}

/** {@link gapBetween} over the descriptive fields: the smallest gap within any one of them. */
function fieldsGap(doc: StoredDoc, a: string, b: string): number {
  let best = Math.min(gapBetween(doc.titleN, a, b), gapBetween(doc.abstractN, a, b));
  for (const k of doc.keywordsN) best = Math.min(best, gapBetween(k, a, b));
  return best;
}

/** Smallest number of characters between an occurrence of `a` and a later occurrence of `b`. */
function gapBetween(text: string, a: string, b: string): number {
  if (a === '' || b === '') return Number.POSITIVE_INFINITY;
  let best = Number.POSITIVE_INFINITY;
  let pa = text.indexOf(a);
  let guard = 0;
  while (pa >= 0 && best > 0 && guard++ < 64) {
    const pb = text.indexOf(b, pa + a.length);
    if (pb < 0) break;
    best = Math.min(best, pb - (pa + a.length));
    pa = text.indexOf(a, pa + 1);
  }
  return best;
}
