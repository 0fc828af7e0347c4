import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { normalizeText, normalizeWithOffsets } from './normalize.js';

/** A word for the segmentation dictionary: a domain term, a record keyword, an operator entry. */
export interface DomainTerm {
  word: string;
  /** jieba frequency; when absent one is computed ({@link Segmenter.suggestFrequency}). */
  freq?: number;
}

/** One query term with the weight it carries in ranking. */
export interface QueryTerm {
  /** Normalized token as indexed. */
  text: string;
  /** 1 for a word the user typed; less for sub-words and synonyms added by expansion. */
  weight: number;
  /** How the term was obtained. */
  origin: 'word' | 'subword' | 'synonym';
  /** Index of the typed word (in {@link QueryAnalysis.words}) this term stands for. */
  group: number;
}

/** Everything the engine needs to know about a query text. */
export interface QueryAnalysis {
  /** Typed words after normalization, segmentation and filtering, deduplicated, in order. */
  words: string[];
  /** Words plus (when expanded) their sub-words and synonyms, each once. */
  terms: QueryTerm[];
  /**
   * The user's own chunks (split on whitespace and punctuation), normalized, each with at least
   * two characters, and the words cut from each: "phrases" the engine looks for verbatim, and
   * word pairs it expects close together.
   */
  phrases: { text: string; words: string[] }[];
}

/**
 * Floor for computed frequencies of domain terms. jieba's dictionary totals 60 M; common
 * technical words sit in the hundreds to thousands (电池 693, 汽车 10,193, 技术 37,664). A term
 * at 2,000 beats any split into its own parts by orders of magnitude and still loses to the
 * grammar words around it, so 智能网联汽车 stays whole while 物联网联盟 keeps 物联网|联盟
 * (checked in segmenter.test.ts). This is the figure STACK-NOTES recommends.
 */
export const DOMAIN_TERM_MIN_FREQ = 2000;

/** Longest query text considered; the rest of a pasted page adds nothing but latency. */
export const MAX_QUERY_CHARS = 256;
/** Most typed words a query keeps (before expansion). */
export const MAX_QUERY_WORDS = 24;

/** Weight of a sub-word at the start or end of a typed word (锂离子, 电池 in 锂离子电池). */
export const SUBWORD_WEIGHT = 0.35;
/**
 * Share of {@link SUBWORD_WEIGHT} for a sub-word inside a typed word: these are often words that
 * straddle the word's own parts (医疗 in 中医疗法 = 中医 + 疗法) rather than parts of it.
 */
const INNER_SUBWORD_SHARE = 0.5;
/** Weight of a synonym of a typed word. */
export const SYNONYM_WEIGHT = 0.9;

/**
 * The platform's domain dictionary: the plan's key fields (重点领域) split into the compounds
 * people search for, and technology terms. jieba's general dictionary cuts 80 of these 107
 * (石墨烯 → 石墨|烯, 氮化镓 → 氮化|镓, 碳中和 → 碳中|和, 智能网联汽车 → 智能网|联|汽车); the
 * others it knows, some at frequencies too low to be safe in every context (钙钛矿 5, 聚乳酸 3,
 * 碳化硅 23). Frequencies follow {@link DOMAIN_TERM_MIN_FREQ}. Operators extend the list at run
 * time ({@link Segmenter.loadTerms}).
 */
export const DEFAULT_DOMAIN_TERMS: readonly { word: string; freq: number }[] = [
  // 重点领域 (key fields), as compounds rather than whole labels: a label such as
  // 海洋工程装备及高技术船舶 loaded as one word would hide 海洋工程 from search.
  '新一代显示',
  '新型显示',
  '显示技术',
  '集成电路',
  '大规模集成电路',
  '智能装备',
  '新能源汽车',
  '专用汽车',
  '生物医药',
  '医疗器械',
  '高端医疗器械',
  '新材料',
  '海洋工程',
  '海洋工程装备',
  '高技术船舶',
  '航空航天',
  '航天装备',
  '航空装备',
  '北斗',
  '卫星导航',
  '北斗卫星导航',
  '轨道交通',
  '轨道交通装备',
  '节能环保',
  '资源循环利用',
  '循环利用',
  // Materials and devices.
  '碳化硅',
  '氮化镓',
  '钙钛矿',
  '石墨烯',
  '聚乳酸',
  '高熵合金',
  '碳纤维',
  '复合材料',
  '量子点',
  '相控阵',
  '相控阵天线',
  '功率器件',
  '传感器芯片',
  '存储芯片',
  '射频前端',
  '先进封装',
  '柔性显示',
  '印刷显示',
  '激光显示',
  '光纤激光',
  '膜电极',
  '正极材料',
  '负极材料',
  '固态电池',
  '锂离子电池',
  '锂电池',
  '动力电池',
  '燃料电池',
  '氢燃料电池',
  '薄膜电池',
  '太阳能电池',
  '钠离子电池',
  '电池管理系统',
  '储能',
  '光伏',
  // Vehicles, robots, manufacturing.
  '智能网联汽车',
  '智能网联',
  '自动驾驶',
  '车联网',
  '电驱动',
  '工业机器人',
  '协作机器人',
  '手术机器人',
  '水下机器人',
  '数控机床',
  '机器视觉',
  '增材制造',
  '智能制造',
  '数字孪生',
  '工业互联网',
  '无人机',
  '航空发动机',
  '高速列车',
  '钢轨探伤',
  '牵引供电',
  '组合导航',
  '高精度定位',
  '短报文',
  // Life sciences.
  '单克隆抗体',
  '基因检测',
  '医学影像',
  '中药现代化',
  '诊断试剂',
  '靶向药物',
  '可降解',
  // Energy saving, environment, resources.
  '工业余热',
  '固废资源化',
  '污水处理',
  '磷石膏',
  '碳捕集',
  '碳中和',
  '碳达峰',
  '梯次利用',
  '膜生物反应器',
  // Digital.
  '人工智能',
  '深度学习',
  '大数据',
  '云计算',
  '边缘计算',
  '物联网',
  '区块链',
].map((word) => ({ word, freq: DOMAIN_TERM_MIN_FREQ }));

/**
 * Function words and glue that carry no topic. Deliberately short: BM25's IDF already discounts
 * frequent content words (研究, 方法), and a stopword list that grows into content words makes
 * queries such as 方法 impossible.
 */
const STOPWORDS = new Set(
  (
    '的 地 得 了 着 过 和 与 及 或 而 并 且 但 也 都 又 还 就 才 则 即 亦 乃 之 其 此 该 这 那 些 个 各 每 本 ' +
    '在 是 为 以 于 由 从 自 对 向 把 被 将 给 让 使 用 按 据 经 通过 对于 关于 根据 按照 由于 因为 所以 因此 ' +
    '如果 虽然 但是 而且 并且 或者 以及 及其 以便 以免 从而 进而 然后 同时 其中 之间 之后 之前 以上 以下 ' +
    '等 等等 中 上 下 内 外 里 后 前 时 所 有 无 不 没有 没 非 很 较 更 最 已 已经 曾 正在 可 可以 能 能够 ' +
    '会 应 应该 需 需要 要 我 你 他 她 它 我们 你们 他们 她们 它们 本文 文中 笔者 一种 一个 一些 某 ' +
    '如 如何 什么 怎么 为什么 哪 哪些 吗 呢 吧 啊 呀 哦 嗯 么 若 则 既 即使 尽管 不仅 而是 只 只是 仅 仅仅 ' +
    'the a an of and or to in on for with by at from as is are was were be been this that these those it its'
  ).split(/\s+/),
);

// A token must hold a letter or digit to be searchable; whitespace, punctuation and symbols are not.
const SEARCHABLE = /[\p{L}\p{N}]/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const HAN_CHAR = /\p{Script=Han}/u;
const SEPARATOR_TOKEN = /^[\s\p{P}\p{S}]+$/u;
const PUNCT_CHAR = /[\p{P}\p{S}]/u;

/** True for a token that indexing and querying keep. */
export function isSearchableToken(token: string): boolean {
  const c = token.charCodeAt(0);
  // jieba tokens are runs of one kind: one starting with a common ideograph is a Han word.
  if (c >= 0x4e00 && c <= 0x9fff) return !STOPWORDS.has(token);
  return SEARCHABLE.test(token) && !STOPWORDS.has(token);
}

/**
 * Character bigrams of the Han runs of a normalized text (a single Han character stands for
 * itself). Indexed as a low-weight field they give partial credit where index and query were
 * segmented differently (out-of-vocabulary compounds, 修正Rodrigues参数模型).
 */
export function hanBigrams(normalized: string): string[] {
  const out: string[] = [];
  for (const run of normalized.match(HAN_RUN) ?? []) {
    if (run.length === 1) {
      out.push(run);
      continue;
    }
    // Han runs are BMP characters, so UTF-16 indexing is character indexing here.
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

/** Words whose sub-words a segmenter keeps (then it starts again). */
const SUBWORD_CACHE_SIZE = 20_000;
/** Pieces of queries whose cuts a segmenter keeps (then it starts again), and the longest kept. */
const CUT_CACHE_SIZE = 20_000;
const CUT_CACHE_MAX_CHARS = 40;
const WHITESPACE = /\s+/u;

/**
 * Chinese word segmentation for search, wrapping one jieba instance with the platform's domain
 * dictionary and synonyms. Index and query sides differ on purpose (STACK-NOTES): documents are
 * cut in search mode, so they carry sub-words (电池 finds 锂离子电池), queries are cut whole, so
 * 锂离子电池 does not degrade into 电池 OR 离子.
 */
export class Segmenter {
  private readonly jieba: Jieba;
  private readonly loaded = new Map<string, number>();
  private synonymsOf = new Map<string, string[]>();
  /** {@link subWords} by word, until the dictionary next changes (queries repeat their words; each cut is a call into jieba). */
  private readonly subWordCache = new Map<string, string[]>();
  /** {@link cutPiece} by piece, until the dictionary next changes. */
  private readonly cutCache = new Map<string, string[]>();

  /** A segmenter with jieba's dictionary plus {@link DEFAULT_DOMAIN_TERMS} unless told otherwise. */
  constructor(options: { domainTerms?: readonly DomainTerm[]; synonyms?: string[][] } = {}) {
    this.jieba = Jieba.withDict(dict);
    this.loadTerms(options.domainTerms ?? DEFAULT_DOMAIN_TERMS);
    if (options.synonyms) this.setSynonyms(options.synonyms);
  }

  /**
   * Adds words to the dictionary so they are cut whole. Words are normalized first (so 鋰離子電池
   * lands as 锂离子电池); a word without a frequency gets {@link suggestFrequency}. Loading a word
   * again replaces its frequency.
   */
  loadTerms(terms: readonly DomainTerm[]): void {
    const lines: string[] = [];
    for (const term of terms) {
      const word = normalizeText(term.word).replace(/\s+/g, '');
      // jieba's dictionary format is "word freq [tag]" per line; a word with a space or newline
      // would corrupt it, and a single character gains nothing.
      if ([...word].length < 2 || !SEARCHABLE.test(word)) continue;
      const freq = Math.max(1, Math.round(term.freq ?? this.suggestFrequency(word)));
      this.loaded.set(word, freq);
      lines.push(`${word} ${freq}`);
    }
    if (lines.length > 0) this.jieba.loadDict(Buffer.from(`${lines.join('\n')}\n`));
    this.subWordCache.clear();
    this.cutCache.clear();
    // The parsed dictionary (about 25 MB) is only needed while suggesting frequencies.
    releaseDictionaryFrequencies();
  }

  /**
   * A frequency that makes `word` win: jieba's own rule (the product of the probabilities of the
   * pieces it is cut into now, plus one, as in Python jieba's `suggest_freq`) raised to
   * {@link DOMAIN_TERM_MIN_FREQ}, so the word also stays whole inside longer text, where the
   * bare minimum loses to neighbours. Words already loaded keep their frequency if higher.
   */
  suggestFrequency(word: string): number {
    const pieces = this.jieba.cut(word, false);
    const total = dictionaryTotal();
    let p = 1;
    for (const piece of pieces) p *= (this.loaded.get(piece) ?? dictionaryFrequency(piece) ?? 1) / total;
    const minimal = pieces.length > 1 ? Math.floor(p * total) + 1 : 0;
    const known = this.loaded.get(word) ?? dictionaryFrequency(word) ?? 0;
    return Math.max(minimal, known, DOMAIN_TERM_MIN_FREQ);
  }

  /**
   * Replaces the synonym groups (锂电池 = 锂离子电池). Query words in a group are expanded with
   * the other members; every member is also loaded as a domain term so it is cut whole.
   */
  setSynonyms(groups: readonly (readonly string[])[]): void {
    const map = new Map<string, string[]>();
    const terms: DomainTerm[] = [];
    for (const group of groups) {
      const words = [...new Set(group.map((w) => normalizeText(w).replace(/\s+/g, '')).filter(isSearchableToken))];
      if (words.length < 2) continue;
      for (const w of words) {
        const others = words.filter((o) => o !== w);
        map.set(w, [...new Set([...(map.get(w) ?? []), ...others])]);
        if (!this.loaded.has(w)) terms.push({ word: w });
      }
    }
    this.synonymsOf = map;
    this.loadTerms(terms);
  }

  /** Synonyms of a normalized word (empty when it has none). */
  synonyms(word: string): readonly string[] {
    return this.synonymsOf.get(word) ?? [];
  }

  /**
   * Tokens to index for a document text, with repetitions (term frequency counts): normalized,
   * cut in search mode with HMM (sub-words of long words included), plus the dictionary words of
   * four or more characters inside longer words (search mode stops at 3-character sub-words, so
   * 轨道交通 would be lost inside 轨道交通装备), without whitespace, punctuation or stopwords.
   */
  indexTokens(text: string): string[] {
    return this.indexTokensOfNormalized(normalizeText(text));
  }

  /** {@link indexTokens} of a text already passed through {@link normalizeText}. */
  indexTokensOfNormalized(normalized: string): string[] {
    if (normalized === '') return [];
    const out: string[] = [];
    for (const token of this.jieba.cutForSearch(normalized, true)) {
      if (!isSearchableToken(token)) continue;
      out.push(token);
      if (token.length >= 5 && HAN_CHAR.test(token)) {
        for (const sub of this.jieba.cutAll(token)) {
          // 2- and 3-character sub-words came from search mode already.
          if (sub.length >= 4 && sub !== token && isSearchableToken(sub)) out.push(sub);
        }
      }
    }
    return out;
  }

  /**
   * Tokens of a query: normalized, cut whole (accurate mode with HMM), filtered like index
   * tokens, deduplicated; with `expand` (off by default), followed by sub-words and synonyms of
   * those words.
   */
  queryTokens(text: string, options: { expand?: boolean } = {}): string[] {
    const analysis = this.analyzeQuery(text, { expand: options.expand ?? false });
    return analysis.terms.map((t) => t.text);
  }

  /**
   * Full query analysis for ranking: typed words (weight 1), and with `expand` (default) their
   * sub-words (weight {@link SUBWORD_WEIGHT}; 锂离子电池 → 锂离子, 离子, 电池) and synonyms
   * (weight {@link SYNONYM_WEIGHT}); plus the user's chunks for exact-phrase matching. Long input
   * is cut to {@link MAX_QUERY_CHARS} characters and {@link MAX_QUERY_WORDS} words.
   * `expandSubwords` decides per word whether its sub-words are wanted (the engine skips them
   * for words that are common enough on their own); all are by default.
   */
  analyzeQuery(text: string, options: { expand?: boolean; expandSubwords?: (word: string) => boolean } = {}): QueryAnalysis {
    const expand = options.expand ?? true;
    const normalized = normalizeText(truncateChars(typeof text === 'string' ? text : '', MAX_QUERY_CHARS));
    const words: string[] = [];
    const phrases: QueryAnalysis['phrases'] = [];
    const seen = new Set<string>();
    // Whitespace and tokens of only punctuation or symbols separate the user's chunks (jieba
    // never joins words across them, so each piece between spaces is cut on its own).
    let chunk = '';
    let chunkWords: string[] = [];
    const endChunk = () => {
      if ([...chunk].length >= 2 && !phrases.some((p) => p.text === chunk)) phrases.push({ text: chunk, words: chunkWords });
      chunk = '';
      chunkWords = [];
    };
    for (const piece of normalized.split(WHITESPACE)) {
      for (const token of this.cutPiece(piece)) {
        if (SEPARATOR_TOKEN.test(token)) {
          endChunk();
          continue;
        }
        chunk += token;
        if (!isSearchableToken(token)) continue;
        chunkWords.push(token);
        if (seen.has(token) || words.length >= MAX_QUERY_WORDS) continue;
        seen.add(token);
        words.push(token);
      }
      endChunk();
    }
    phrases.splice(MAX_QUERY_WORDS);
    const terms: QueryTerm[] = words.map((w, group) => ({ text: w, weight: 1, origin: 'word', group }));
    if (expand) {
      const index = new Map(terms.map((t) => [t.text, t]));
      const add = (word: string, weight: number, origin: QueryTerm['origin'], group: number) => {
        const existing = index.get(word);
        if (existing) {
          if (existing.weight < weight) existing.weight = weight;
          return;
        }
        const term: QueryTerm = { text: word, weight, origin, group };
        index.set(word, term);
        terms.push(term);
      };
      words.forEach((w, group) => {
        for (const syn of this.synonyms(w)) add(syn, SYNONYM_WEIGHT, 'synonym', group);
        if (w.length >= 3 && HAN_CHAR.test(w) && (options.expandSubwords?.(w) ?? true)) {
          for (const sub of this.subWords(w)) {
            const edge = w.startsWith(sub) || w.endsWith(sub);
            add(sub, edge ? SUBWORD_WEIGHT : SUBWORD_WEIGHT * INNER_SUBWORD_SHARE, 'subword', group);
          }
        }
      });
    }
    return { words, terms, phrases };
  }

  /**
   * jieba's accurate cut (with HMM) of a piece of a normalized query without whitespace, kept
   * until the dictionary next changes: queries are new combinations of the same few words, and
   * each cut is a call into jieba (~5 % of a replica's CPU under load). Callers must not alter
   * the array.
   */
  private cutPiece(piece: string): readonly string[] {
    if (piece === '') return [];
    const cached = this.cutCache.get(piece);
    if (cached) return cached;
    const tokens = this.jieba.cut(piece, true);
    if (piece.length <= CUT_CACHE_MAX_CHARS) {
      if (this.cutCache.size >= CUT_CACHE_SIZE) this.cutCache.clear();
      this.cutCache.set(piece, tokens);
    }
    return tokens;
  }

  /** Dictionary words inside a word (all lengths ≥ 2, the word itself excluded). */
  subWords(word: string): readonly string[] {
    const cached = this.subWordCache.get(word);
    if (cached) return cached;
    const out = new Set<string>();
    for (const sub of this.jieba.cutAll(word)) {
      if (sub.length >= 2 && sub !== word && isSearchableToken(sub)) out.add(sub);
    }
    const subs = [...out];
    if (this.subWordCache.size >= SUBWORD_CACHE_SIZE) this.subWordCache.clear();
    this.subWordCache.set(word, subs);
    return subs;
  }

  /**
   * Segmentation for the `segment` command and for scoring against gold-standard data: the same
   * characters in the same order, split into words by single spaces; punctuation as words of its
   * own; nothing dropped or normalized. Whitespace in the input separates words and is not output.
   * Word boundaries are decided on the normalized text (so full-width ＳｉＣ and 鋰離子電池 are
   * cut like sic and 锂离子电池) and applied to the original characters.
   */
  rawSegment(line: string): string {
    const words: string[] = [];
    for (const chunk of line.split(/\s+/u)) {
      if (chunk === '') continue;
      const norm = normalizeWithOffsets(chunk);
      // Original offsets where a word starts; a character that normalizes to nothing (a
      // zero-width space) simply stays inside the word before it.
      const cuts = new Set<number>([0]);
      let at = 0;
      for (const token of this.jieba.cut(norm.text, true)) {
        if (at < norm.text.length) cuts.add(norm.start ? (norm.start[at] ?? 0) : at);
        at += token.length;
      }
      const sorted = [...cuts].sort((a, b) => a - b);
      for (let i = 0; i < sorted.length; i++) {
        const from = sorted[i] ?? 0;
        const to = sorted[i + 1] ?? chunk.length;
        if (to > from) words.push(...splitPunctuation(chunk.slice(from, to)));
      }
    }
    return words.join(' ');
  }
}

/**
 * Splits punctuation off a word so that it stands as a word of its own, except inside Latin and
 * digit runs where jieba keeps it on purpose (3.5, c++, 3.5%).
 */
function splitPunctuation(word: string): string[] {
  if (!PUNCT_CHAR.test(word) || !HAN_CHAR.test(word)) return [word];
  const out: string[] = [];
  let current = '';
  for (const ch of word) {
    if (PUNCT_CHAR.test(ch)) {
      if (current !== '') out.push(current);
      out.push(ch);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current !== '') out.push(current);
  return out;
}

/** First `max` characters (code points) of `s`. */
function truncateChars(s: string, max: number): string {
  if (s.length <= max) return s;
  const chars = [...s];
  return chars.length <= max ? s : chars.slice(0, max).join('');
}

let dictionaryFrequencies: Map<string, number> | null = null;
let dictionaryTotalFrequency = 0;

/** Frequencies of jieba's bundled dictionary, parsed on first use (about 0.1 s, 349k words). */
function loadDictionaryFrequencies(): Map<string, number> {
  if (dictionaryFrequencies) return dictionaryFrequencies;
  const map = new Map<string, number>();
  let total = 0;
  const text = Buffer.from(dict).toString('utf8');
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const a = text.indexOf(' ', lineStart);
    if (a > lineStart && a < lineEnd) {
      let b = text.indexOf(' ', a + 1);
      if (b < 0 || b > lineEnd) b = lineEnd;
      const freq = Number(text.slice(a + 1, b));
      if (Number.isFinite(freq)) {
        map.set(text.slice(lineStart, a), freq);
        total += freq;
      }
    }
    lineStart = lineEnd + 1;
  }
  dictionaryFrequencies = map;
  dictionaryTotalFrequency = total;
  return map;
}

function releaseDictionaryFrequencies(): void {
  dictionaryFrequencies = null;
}

function dictionaryFrequency(word: string): number | undefined {
  return loadDictionaryFrequencies().get(word);
}

function dictionaryTotal(): number {
  loadDictionaryFrequencies();
  return dictionaryTotalFrequency;
}
