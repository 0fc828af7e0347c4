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

/** The answer object (what SearchResponseSchema describes), with the list items found for the hits. */
export function assembleAnswer(found: ReturnType<typeof queryIndex>, items: Map<string, { id: string }>, label: FacetLabeler, p: SearchParams) {
  const { result } = found;
  return {
    items: result.hits
      .filter((h) => items.has(h.id))
      .map((h) => ({ type: h.type, id: h.id, score: Math.round(h.score * 1000) / 1000, highlights: h.highlights, record: items.get(h.id) })),
    total: result.total,
    page: p.page,
    pageSize: p.pageSize,
    facets: Object.fromEntries(Object.entries(result.facets).map(([k, list]) => [k, list.map((f) => ({ ...f, label: label(p.type, k, f.value) }))])),
    typeCounts: found.typeCounts,
    tokens: result.tokens,
    tookMs: result.tookMs,
  };
}

/** GET /api/search's answer as an object. */
export type SearchAnswer = ReturnType<typeof assembleAnswer>;

/** The list items of these hits kept with the index, or null when one of them is not kept there. */
export function keptItems(payloads: Map<string, { id: string }>, ids: string[]): Map<string, { id: string }> | null {
  const byId = new Map<string, { id: string }>();
  for (const id of ids) {
    const item = payloads.get(id);
    if (!item) return null;
    byId.set(id, item);
  }
  return byId;
}

/** What a query is counted as among the hot searches ('' for a browse, which is not counted). */
export const countKeyOf = (q: string, tokens: string[]) => (q.trim() ? tokens.join(' ').slice(0, 60) : '');

/**
 * List items serialized once, as UTF-8 byte strings (the payloads kept with the index are replaced, never
 * changed, when their record changes): an answer's ten list items were most of the JSON written
 * per query, and encoding them to UTF-8 again for every answer took ~5 % of the server's CPU under load.
 */
const itemJson = new WeakMap<object, string>();

/** A record's JSON as a byte string (see {@link serializeAnswer}), kept per record object. */
function recordJson(record: unknown): string {
  if (record === null || typeof record !== 'object') return Buffer.from(JSON.stringify(record ?? null)).toString('latin1');
  let json = itemJson.get(record);
  if (json === undefined) {
    json = Buffer.from(JSON.stringify(record)).toString('latin1');
    itemJson.set(record, json);
  }
  return json;
}

/**
 * JSON.stringify(answer) as UTF-8, with the list items from {@link itemJson}, as a byte string: a
 * one-byte string of the UTF-8 bytes, one byte per character (`Buffer.from(s, 'latin1')` gives the
 * bytes back). The bytes are written into one buffer kept for the purpose and copied out once.
 *
 * Why a string and not a Buffer of its own: every new Buffer is memory outside the JS heap, and V8
 * starts a full collection each time such memory grows by 64 MB. Kept answers and answers passed
 * from a replica outlived the young generation, so under load the request thread ran a full
 * collection every 1.3 s ("external memory pressure" in --trace-gc). A byte string lives in the
 * heap, where short-lived ones cost only a scavenge, and passes to another thread as a copy. The
 * list items' JSON is kept the same way: as small Buffers (slices of Node's shared 8 KB pools) they
 * grew that memory too while a server's first answers filled them in (at 1M, for a long time).
 */
export function serializeAnswer(answer: SearchAnswer): string {
  const size = writeAnswer(answer);
  return scratch.toString('latin1', 0, size);
}

/** The buffer {@link writeAnswer} writes into (one per thread; it grows to the largest answer). */
let scratch = Buffer.allocUnsafeSlow(64 * 1024);

/** {@link scratch} with room for `bytes` more after `at`, grown (keeping what is written) when needed. */
function roomFor(at: number, bytes: number): Buffer {
  if (scratch.length < at + bytes) {
    const grown = Buffer.allocUnsafeSlow(Math.max(at + bytes, 2 * scratch.length));
    scratch.copy(grown, 0, 0, at);
    scratch = grown;
  }
  return scratch;
}

/**
 * Writes the UTF-8 bytes of JSON.stringify(answer) at the start of this thread's scratch buffer
 * and returns how many there are; the caller copies them out before the next answer
 * ({@link serializeAnswer}; a replica into its answer ring, see answer-ring.ts). Each piece is
 * encoded once, straight into the buffer (room is checked at 3 bytes per UTF-16 unit).
 */
export function writeAnswer(answer: SearchAnswer): number {
  const { items, ...rest } = answer;
  let at = 0;
  items.forEach((i, k) => {
    const head = `${k === 0 ? '{"items":[' : ','}{"type":${JSON.stringify(i.type)},"id":${JSON.stringify(i.id)},"score":${JSON.stringify(i.score)},"highlights":${JSON.stringify(i.highlights)},"record":`;
    const record = recordJson(i.record);
    const buf = roomFor(at, 3 * head.length + record.length + 1);
    at += buf.write(head, at);
    at += buf.write(record, at, 'latin1');
    buf[at++] = 0x7d; // }
  });
  const tail = `${items.length === 0 ? '{"items":[' : ''}],${JSON.stringify(rest).slice(1)}`;
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
