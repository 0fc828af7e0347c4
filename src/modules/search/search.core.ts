/**
 * What the request thread (search.service.ts) and the search replicas on worker threads
 * (search.replicas.ts) share, so that both build the same index from the same documents and write
 * the same bytes for the same search: building an index, applying changes to it, and GET
 * /api/search's answer from an index. Nothing here touches the database.
 */
import { type DocType, type IndexDoc, SearchIndex, type SearchQuery } from './engine/search-index.js';
import { DEFAULT_DOMAIN_TERMS, DOMAIN_TERM_MIN_FREQ, Segmenter } from './text/segmenter.js';

/** A document plus, optionally, the public list item shown for it (answers without the database). */
export type SourceDoc = IndexDoc & { payload?: { id: string } };

/** What an index is built from: the operator's terms and synonyms, and every searchable document. */
export interface IndexInput {
  terms: { word: string; freq: number }[];
  synonyms: string[][];
  docs: SourceDoc[];
}

/** An index and the public list items kept with it (same freshness). */
export interface IndexState {
  segmenter: Segmenter;
  index: SearchIndex;
  payloads: Map<string, { id: string }>;
}

/**
 * Dictionary (defaults, operator terms, the records' own keywords), synonyms, then every document.
 * Terms grow from the records' keywords, so a compound keyword stays one word when searched.
 */
export function buildIndex(input: IndexInput): IndexState {
  const segmenter = new Segmenter({ domainTerms: DEFAULT_DOMAIN_TERMS });
  segmenter.loadTerms(input.terms);
  segmenter.setSynonyms(input.synonyms);
  const keywordTerms = new Set<string>();
  for (const d of input.docs) for (const k of d.keywords) if (k.length >= 2 && k.length <= 12) keywordTerms.add(k);
  segmenter.loadTerms([...keywordTerms].map((word) => ({ word, freq: DOMAIN_TERM_MIN_FREQ })));
  // No result cache in the engine: GET /api/search keeps its serialized answers (search.service), and
  // the engine's copies of its last 256 results, alive for a fraction of a second under load, were
  // most of what each young-generation collection had to copy (bench:search:load, 100k: a search
  // replica's scavenge pauses 1.1 s → 0.65 s in 20 s).
  const index = new SearchIndex({ segmenter, cacheSize: 0 });
  const payloads = new Map<string, { id: string }>();
  for (const d of input.docs) {
    index.upsert(d);
    if (d.payload) payloads.set(d.id, d.payload);
  }
  index.optimize();
  return { segmenter, index, payloads };
}

/** Current documents (`docs`) and records no longer searchable (`gone`) into an index and its list items. */
export function applyChanges(state: Pick<IndexState, 'index' | 'payloads'>, docs: SourceDoc[], gone: string[]): void {
  for (const d of docs) {
    state.index.upsert(d);
    if (d.payload) state.payloads.set(d.id, d.payload);
    else state.payloads.delete(d.id);
  }
  for (const id of gone) {
    state.payloads.delete(id);
    if (state.index.has(id)) state.index.remove(id);
  }
}

// ---------- GET /api/search's answer ----------

export interface SearchParams {
  q: string;
  type: DocType;
  filters: SearchQuery['filters'];
  sort: NonNullable<SearchQuery['sort']>;
  page: number;
  pageSize: number;
}

export const FACETS: Record<DocType, string[]> = {
  achievement: ['keyField', 'industry', 'city', 'trl', 'stage', 'achievementType', 'cooperationModes', 'priceBand', 'fiscal', 'selected'],
  demand: ['keyField', 'industry', 'city', 'demandType', 'cooperationModes'],
  organization: ['organizationType', 'city'],
};

/**
 * The list item's field holding the text indexed as a document's abstract, per type. A hit leaves it
 * out of its `record`: the highlighted snippet (`highlights.abstract`) stands for it. An abstract
 * sent twice was a fifth of every answer's bytes. (Other uses of the list items keep the field.)
 */
export const SNIPPET_FIELDS: Record<DocType, string | null> = {
  achievement: 'abstract',
  demand: 'publicSummary',
  organization: null,
};

/** Chinese label of a facet value (e.g. a city's name for its code). */
export type FacetLabeler = (type: DocType, key: string, value: string) => string;

/** The text a search uses (trimmed, at most 1,000 characters). */
export const searchText = (q: string) => q.trim().slice(0, 1000);

/** The index's part of an answer: hits, total, facets, tab counts (`types`: every tab, in order). */
export function queryIndex(index: SearchIndex, types: readonly DocType[], p: SearchParams) {
  const text = searchText(p.q);
  const result = index.search({
    text,
    types: [p.type],
    filters: p.filters ?? {},
    sort: p.sort,
    offset: (p.page - 1) * p.pageSize,
    limit: p.pageSize,
    facets: FACETS[p.type],
    highlight: true,
  });
  // The engine counts every type in the same pass; the tabs' badges ignore the current tab's
  // filters, so with filters set the other tabs are counted without them.
  const filtered = Object.keys(p.filters ?? {}).length > 0;
  const typeCounts: Record<string, number> = {};
  for (const type of types) {
    typeCounts[type] = type === p.type ? result.total : filtered ? index.search({ text, types: [type], offset: 0, limit: 0 }).total : result.typeCounts[type];
  }
  return { text, result, typeCounts };
}

/**
 * What GET /api/search's answer is made of: the index's part, the list item of each hit (in the hits'
 * order; undefined for one the caller may not see, which is left out), the facet labels, the params.
 * {@link writeAnswer} writes it as JSON (the shape SearchResponseSchema describes) without making
 * the answer object first.
 */
export interface AnswerParts {
  found: ReturnType<typeof queryIndex>;
  records: readonly ({ id: string } | undefined)[];
  facets: FacetJson;
  p: SearchParams;
}

/** The list items of these hits kept with the index, in order, or null when one of them is not kept there. */
export function keptItems(payloads: Map<string, { id: string }>, ids: string[]): { id: string }[] | null {
  const out: { id: string }[] = [];
  for (const id of ids) {
    const item = payloads.get(id);
    if (!item) return null;
    out.push(item);
  }
  return out;
}

/** What a query is counted as among the hot searches ('' for a browse, which is not counted). */
export const countKeyOf = (q: string, tokens: string[]) => (q.trim() ? tokens.join(' ').slice(0, 60) : '');

/**
 * Facet values as JSON pieces, labelled once (one per thread and index; facet values are codes of
 * small, fixed lists, and a value's label never changes): `{"value":"420100","count":` and
 * `,"label":"武汉市"}` as UTF-8 byte strings. Labelling each value of each answer afresh (a joined
 * key, a lookup, a copied object, then JSON.stringify of ~100 of them) was ~10 % of a replica's CPU
 * under load.
 */
export class FacetJson {
  private readonly byKey = new Map<string, { key: string; values: Map<string, [string, string]> }>();
  constructor(private readonly label: FacetLabeler) {}

  /** `"keyField":[…]` for one facet's counts. */
  write(type: DocType, key: string, list: readonly { value: string; count: number }[]): string {
    const k = `${type}\u0001${key}`;
    let column = this.byKey.get(k);
    if (!column) {
      column = { key: bytes(`${JSON.stringify(key)}:[`), values: new Map() };
      this.byKey.set(k, column);
    }
    let out = column.key;
    for (let i = 0; i < list.length; i++) {
      const f = list[i] as { value: string; count: number };
      let pieces = column.values.get(f.value);
      if (!pieces) {
        pieces = [bytes(`{"value":${JSON.stringify(f.value)},"count":`), bytes(`,"label":${JSON.stringify(this.label(type, key, f.value))}}`)];
        column.values.set(f.value, pieces);
      }
      out += `${i === 0 ? '' : ','}${pieces[0]}${f.count}${pieces[1]}`;
    }
    return `${out}]`;
  }
}

/** A text's UTF-8 bytes as a byte string (one character per byte). */
const bytes = (text: string) => Buffer.from(text).toString('latin1');

/**
 * List items serialized once, as hits carry them (see {@link SNIPPET_FIELDS}), as UTF-8 byte strings
 * (the payloads kept with the index are replaced, never changed, when their record changes): an
 * answer's ten list items were most of the JSON written per query, and encoding them to UTF-8 again
 * for every answer took ~5 % of the server's CPU under load.
 */
const itemJson = new WeakMap<object, string>();

/** A hit's record as JSON, a byte string (see {@link serializeAnswer}), kept per record object (one type each). */
function recordJson(record: object, type: DocType): string {
  let json = itemJson.get(record);
  if (json === undefined) {
    const omit = SNIPPET_FIELDS[type];
    json = bytes(JSON.stringify(omit && omit in record ? { ...record, [omit]: undefined } : record));
    itemJson.set(record, json);
  }
  return json;
}

/**
 * The answer's JSON as UTF-8, with the list items from {@link itemJson}: written into one buffer
 * kept for the purpose, then copied once into the Buffer that is sent.
 *
 * Only that Buffer, sent and dropped, is memory outside the JS heap. Every new Buffer is, and V8
 * starts a full collection each time such memory grows by 64 MB: answers kept for seconds as
 * Buffers of their own made the request thread run one every 1.3 s under load ("external memory
 * pressure" in --trace-gc), so the kept answers live in one ring allocated once (answer-store.ts),
 * and replicas pass theirs through another (answer-ring.ts). The list items' JSON is kept as byte
 * strings (one character per byte) for the same reason: as small Buffers (slices of Node's shared
 * 8 KB pools) they grew that memory while a server's first answers filled them in (at 1M, for a
 * long time).
 */
export function serializeAnswer(parts: AnswerParts): Buffer {
  const size = writeAnswer(parts);
  const out = Buffer.allocUnsafe(size);
  scratch.copy(out, 0, 0, size);
  return out;
}

/** The buffer {@link writeAnswer} writes into (one per thread; it grows to the largest answer). */
let scratch = Buffer.allocUnsafeSlow(64 * 1024);

/** {@link scratch} with room for `n` more bytes after `at`, grown (keeping what is written) when needed. */
function roomFor(at: number, n: number): Buffer {
  if (scratch.length < at + n) {
    const grown = Buffer.allocUnsafeSlow(Math.max(at + n, 2 * scratch.length));
    scratch.copy(grown, 0, 0, at);
    scratch = grown;
  }
  return scratch;
}

/**
 * Writes the answer's JSON (UTF-8; its shape is SearchResponseSchema's: items, total, page,
 * pageSize, facets, typeCounts, tokens, tookMs) at the start of this thread's scratch buffer and
 * returns how many bytes there are; the caller copies them out before the next answer
 * ({@link serializeAnswer}; a replica into its answer ring, see answer-ring.ts). Each piece is
 * encoded once, straight into the buffer (room is checked at 3 bytes per UTF-16 unit).
 */
export function writeAnswer(parts: AnswerParts): number {
  const { found, records, p } = parts;
  const { result } = found;
  let at = roomFor(0, 16).write('{"items":[', 0, 'latin1');
  let first = true;
  for (let k = 0; k < result.hits.length; k++) {
    const record = records[k];
    const h = result.hits[k];
    if (!record || !h) continue;
    const head = `${first ? '' : ','}{"type":${JSON.stringify(h.type)},"id":${JSON.stringify(h.id)},"score":${JSON.stringify(Math.round(h.score * 1000) / 1000)},"highlights":${JSON.stringify(h.highlights)},"record":`;
    first = false;
    const json = recordJson(record, h.type);
    const buf = roomFor(at, 3 * head.length + json.length + 1);
    at += buf.write(head, at);
    at += buf.write(json, at, 'latin1');
    buf[at++] = 0x7d; // }
  }
  let facets = '';
  for (const key in result.facets) facets += `${facets ? ',' : ''}${parts.facets.write(p.type, key, result.facets[key] ?? [])}`;
  const middle = `],"total":${JSON.stringify(result.total)},"page":${JSON.stringify(p.page)},"pageSize":${JSON.stringify(p.pageSize)},"facets":{${facets}},"typeCounts":`;
  at += roomFor(at, middle.length).write(middle, at, 'latin1');
  const tail = `${JSON.stringify(found.typeCounts)},"tokens":${JSON.stringify(result.tokens)},"tookMs":${JSON.stringify(result.tookMs)}}`;
  at += roomFor(at, 3 * tail.length).write(tail, at);
  return at;
}

/** The bytes {@link writeAnswer} wrote last (valid until the next answer). */
export function writtenAnswer(): Buffer {
  return scratch;
}

/** Key of a facet value's label in a replica's table. */
export const labelKey = (type: DocType, key: string, value: string) => `${type}\u0001${key}\u0001${value}`;

/**
 * The labels of every facet value these documents have (as the engine counts them: String(value)),
 * for a replica, which cannot call the modules' label functions: `[labelKey, label]` pairs.
 */
export function facetLabels(docs: SourceDoc[], label: FacetLabeler): [string, string][] {
  const out = new Map<string, string>();
  for (const d of docs) {
    for (const key of FACETS[d.type]) {
      const raw = d.facets[key];
      for (const v of Array.isArray(raw) ? raw : [raw]) {
        if (typeof v !== 'string' && typeof v !== 'boolean' && !(typeof v === 'number' && Number.isFinite(v))) continue;
        const k = labelKey(d.type, key, String(v));
        if (!out.has(k)) out.set(k, label(d.type, key, String(v)));
      }
    }
  }
  return [...out];
}
