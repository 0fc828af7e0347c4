import type { Actor, RequestContext } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { CHANGES_PAGE, changesSince, maxAuditId, recordAudit } from '../audit/index.js';
import { regionName } from '../regions/index.js';
import { AnswerStore } from './answer-store.js';
import { QueryCounts } from './query-counts.js';
import { type DocType, SearchIndex, type SearchQuery } from './engine/search-index.js';
import {
  type AnswerParts,
  applyChanges,
  buildIndex,
  countKeyOf,
  FacetJson,
  type FacetLabeler,
  facetLabels,
  queryIndex,
  type SearchParams,
  type SourceDoc,
  searchText,
  serializeAnswer,
} from './search.core.js';
import * as q from './search.queries.js';
import {
  applyToReplicas,
  loadReplicas,
  type Replicas,
  replicaGeneration,
  replicaStatus,
  replicasWaiting,
  searchOnReplica,
  startReplicas,
  stopReplicas,
} from './search.replicas.js';
import { normalizeText } from './text/normalize.js';
import type { SearchQueryInput } from './search.schemas.js';
import { DEFAULT_DOMAIN_TERMS, Segmenter } from './text/segmenter.js';

export type { SearchParams, SourceDoc };

/**
 * Where searchable records come from. Each module that wants its records found supplies one; the
 * search module never reads their tables. `entityTypes` are the audit-log entity types whose
 * changes can change what the source returns.
 */
export interface SearchSource {
  type: DocType;
  entityTypes: string[];
  all(db: Db): AsyncIterable<SourceDoc[]>;
  /** Current documents for these ids; an id not returned is no longer searchable. */
  byIds(db: Db, ids: string[]): Promise<SourceDoc[]>;
  /** List items for hits, in the given order, as the caller may see them. */
  hits(db: Db, actor: Actor | null, ids: string[]): Promise<{ id: string }[]>;
  /** Chinese label of a facet value (e.g. a key-field code), when the source knows it. */
  facetLabel?(key: string, value: string): string | undefined;
}

export interface SearchRuntime {
  db: Db;
  sources: SearchSource[];
  index: SearchIndex;
  segmenter: Segmenter;
  lastAuditId: number;
  ready: boolean;
  stopped: boolean;
  building: Promise<void> | null;
  timer: NodeJS.Timeout | null;
  flushTimer: NodeJS.Timeout | null;
  /** Searches counted for the hot list since the last write (bounded: see {@link QueryCounts}). */
  queryCounts: QueryCounts;
  /** Public list items by id, kept with the index (same freshness). */
  payloads: Map<string, { id: string }>;
  /** Bumped whenever the index or the payloads change: cached answers of an older one are void. */
  generation: number;
  /** Serialized answers of GET /api/search by query (see {@link searchAnswer}), outside the heap. */
  answers: AnswerStore;
  /** Hashes of the keys of answers made once and not kept (see {@link keepAnswer}). */
  madeOnce: Set<number>;
  /** Worker threads with copies of the index that answer searches too (null: none). */
  replicas: Replicas | null;
  /** The database read of a restarted replica's build, and its result once done (see rebuildRestartedReplicas). */
  replicaBuild: { read: Promise<ReplicaBuild | null>; result: ReplicaBuild | null | undefined } | null;
  /** Chinese labels of facet values, from the sources. */
  label: FacetLabeler;
  /** The same labels as JSON pieces of answers (search.core.ts). */
  facetJson: FacetJson;
  /** The sources' types, in order (the answer's tab counts). */
  types: DocType[];
  pollMs: number;
  /** How far back each poll reads the audit log again, for writes committed after later ones (audit's default when unset). */
  lateWindowMs: number | undefined;
  log: { error(obj: object, msg?: string): void; info(obj: object, msg?: string): void };
}

type ReplicaBuild = Awaited<ReturnType<typeof readIndexInput>>;

/** Audit entity type written when the dictionary or synonyms change: every process rebuilds. */
export const CONFIG_ENTITY = 'search_config';

/** `threads`: search replicas to start (search.replicas.ts); none by default. */
export function createSearchRuntime(opts: { db: Db; sources: SearchSource[]; log: SearchRuntime['log']; pollMs?: number; lateWindowMs?: number; threads?: number }): SearchRuntime {
  const segmenter = new Segmenter();
  const sources = opts.sources;
  // Facet values are codes of fixed lists (regions, key fields, types…): their labels never change.
  const label: FacetLabeler = (type, key, value) => {
    if (key === 'city') return regionName(value) ?? value;
    if (key === 'trl') return `TRL ${value}`;
    if (key === 'fiscal' || key === 'selected') return value === 'true' ? '是' : '否';
    return sources.find((s) => s.type === type)?.facetLabel?.(key, value) ?? value;
  };
  return {
    db: opts.db,
    sources: opts.sources,
    segmenter,
    // No engine result cache: repeated searches are answered from the kept answers (searchAnswer),
    // and one under them kept every result made here, objects that outlived the young generation
    // (a heap sample under load: ~5 MB/s promoted; without it 4,785–4,928 q/s, p95 19.6–20.1 ms,
    // against 4,432–4,719 q/s, p95 20.5–22.0 ms).
    index: new SearchIndex({ segmenter, cacheSize: 0 }),
    lastAuditId: 0,
    ready: false,
    stopped: false,
    building: null,
    timer: null,
    flushTimer: null,
    queryCounts: new QueryCounts(),
    payloads: new Map(),
    generation: 0,
    answers: new AnswerStore(),
    madeOnce: new Set(),
    replicas: startReplicas(opts.threads ?? 0, opts.log),
    replicaBuild: null,
    label,
    facetJson: new FacetJson(label),
    types: [...new Set(sources.map((s) => s.type))],
    pollMs: opts.pollMs ?? 250,
    lateWindowMs: opts.lateWindowMs,
    log: opts.log,
  };
}

/** Everything an index is built from, read from the database, and the audit position taken first. */
async function readIndexInput(rt: SearchRuntime) {
  const position = await maxAuditId(rt.db);
  const terms = (await q.listTerms(rt.db)).map((t) => ({ word: t.word, freq: t.freq }));
  const synonyms = (await q.listSynonyms(rt.db)).map((g) => g.words);
  const docs: SourceDoc[] = [];
  for (const source of rt.sources) for await (const batch of source.all(rt.db)) docs.push(...batch);
  return { position, terms, synonyms, docs };
}

/**
 * Builds the index from the database: dictionary (defaults, operator terms, the records' own
 * keywords), synonyms, then every source. The audit position is taken first, so writes made while
 * building are applied by the next poll.
 */
export async function rebuild(rt: SearchRuntime): Promise<{ docs: number; ms: number }> {
  const t0 = performance.now();
  const { position, terms, synonyms, docs } = await readIndexInput(rt);
  // The replicas build their copies while this thread builds its own.
  if (rt.replicas) loadReplicas(rt.replicas, { terms, synonyms, docs, labels: facetLabels(docs, rt.label), types: rt.types });
  const { segmenter, index, payloads } = buildIndex({ terms, synonyms, docs });
  rt.segmenter = segmenter;
  rt.index = index;
  rt.payloads = payloads;
  changed(rt);
  rt.lastAuditId = Math.max(rt.lastAuditId, position);
  rt.ready = true;
  return { docs: docs.length, ms: Math.round(performance.now() - t0) };
}

/** Applies writes made since the last poll, by this or any other process sharing the database. */
export async function poll(rt: SearchRuntime): Promise<number> {
  if (rt.replicas) await rebuildRestartedReplicas(rt, rt.replicas);
  const types = changeTypes(rt);
  const changes = await changesSince(rt.db, rt.lastAuditId, types, auditWindow(rt));
  if (!changes.length) return 0;
  const maxId = Math.max(rt.lastAuditId, ...changes.map((c) => c.id));
  if (changes.some((c) => c.entityType === CONFIG_ENTITY && c.id > rt.lastAuditId)) {
    await rebuild(rt);
    rt.lastAuditId = Math.max(rt.lastAuditId, maxId);
    return changes.length;
  }
  changed(rt);
  for (const { docs, gone } of await changedDocs(rt, changes)) {
    applyChanges(rt, docs, gone);
    if (rt.replicas) applyToReplicas(rt.replicas, docs, gone, facetLabels(docs, rt.label));
  }
  rt.lastAuditId = maxId;
  changed(rt);
  return changes.length;
}

const auditWindow = (rt: SearchRuntime) => (rt.lateWindowMs === undefined ? {} : { lateWindowMs: rt.lateWindowMs });
const changeTypes = (rt: SearchRuntime) => [...new Set(rt.sources.flatMap((s) => s.entityTypes)), CONFIG_ENTITY];

/** Per source, the current documents of the records these audit entries changed, and those no longer searchable. */
async function changedDocs(rt: SearchRuntime, changes: { entityType: string; entityId: string | null }[]) {
  const out: { docs: SourceDoc[]; gone: string[] }[] = [];
  for (const source of rt.sources) {
    const ids = [...new Set(changes.filter((c) => source.entityTypes.includes(c.entityType) && c.entityId).map((c) => c.entityId as string))];
    if (!ids.length) continue;
    const docs = await source.byIds(rt.db, ids);
    const present = new Set(docs.map((d) => d.id));
    out.push({ docs, gone: ids.filter((id) => !present.has(id)) });
  }
  return out;
}

/**
 * A replica restarted after a failure (search.replicas.ts) gets a build read from the database. The
 * read runs beside the polls, which meanwhile keep this thread's index fresh; the poll that finds it
 * done sends the build, then what the audit log changed since the read began, then the generation,
 * in one go, so the replica is as current as this thread before any other message reaches it.
 */
async function rebuildRestartedReplicas(rt: SearchRuntime, reps: Replicas) {
  if (!rt.replicaBuild) {
    if (replicasWaiting(reps)) {
      const read: Promise<ReplicaBuild | null> = readIndexInput(rt).catch((err: unknown) => {
        rt.log.error({ err }, 'reading the build of a restarted search replica failed; retried at the next poll');
        return null;
      });
      rt.replicaBuild = { read, result: undefined };
      void read.then((r) => {
        if (rt.replicaBuild?.read === read) rt.replicaBuild.result = r;
      });
    }
    return;
  }
  if (rt.replicaBuild.result === undefined) return;
  const input = rt.replicaBuild.result;
  rt.replicaBuild = null;
  // A full rebuild meanwhile (a dictionary change) may have sent them one already.
  if (!input || !replicasWaiting(reps)) return;
  // Records changed after the read began (the build may hold some of them already: applying a
  // record's current document again changes nothing).
  const changes: Awaited<ReturnType<typeof changesSince>> = [];
  for (let after = input.position; ; ) {
    const page = await changesSince(rt.db, after, changeTypes(rt), auditWindow(rt));
    changes.push(...page);
    const last = Math.max(after, ...page.map((c) => c.id));
    if (page.length < CHANGES_PAGE || last === after) break;
    after = last;
  }
  const catchUp = await changedDocs(rt, changes);
  const to = loadReplicas(reps, { ...input, labels: facetLabels(input.docs, rt.label), types: rt.types }, { waitingOnly: true });
  if (!to.length) return;
  for (const { docs, gone } of catchUp) applyToReplicas(reps, docs, gone, facetLabels(docs, rt.label), to);
  replicaGeneration(reps, rt.generation, to);
  rt.log.info({ docs: input.docs.length, replicas: to.length }, 'restarted search replica rebuilt');
}

/** The index or the payloads changed: cached answers are void. */
function changed(rt: SearchRuntime) {
  rt.generation++;
  rt.answers.clear();
  if (rt.replicas) replicaGeneration(rt.replicas, rt.generation);
}

/**
 * Builds the index in the background (a large corpus takes seconds) and then follows the audit log.
 * Requests that need the index wait for the first build.
 */
export function startSearch(rt: SearchRuntime): void {
  rt.building = rebuild(rt).then(
    (r) => {
      rt.log.info({ docs: r.docs, ms: r.ms }, 'search index built');
      follow(rt);
    },
    (err: unknown) => {
      rt.log.error({ err }, 'search index build failed');
      follow(rt);
    },
  );
}

async function whenReady(rt: SearchRuntime) {
  if (!rt.ready && rt.building) await rt.building;
  if (!rt.ready) throw new AppError('not_ready', '检索索引正在建立，请稍后再试');
}

function follow(rt: SearchRuntime) {
  if (rt.stopped) return;
  const loop = async () => {
    try {
      await poll(rt);
    } catch (err) {
      rt.log.error({ err }, 'search index poll failed');
    }
    if (rt.stopped) return;
    rt.timer = setTimeout(loop, rt.pollMs);
    rt.timer.unref();
  };
  rt.timer = setTimeout(loop, rt.pollMs);
  rt.timer.unref();
  rt.flushTimer = setInterval(() => void flushQueryCounts(rt), 60_000);
  rt.flushTimer.unref();
}


export async function stopSearch(rt: SearchRuntime): Promise<void> {
  rt.stopped = true;
  await rt.building?.catch(() => undefined);
  if (rt.timer) clearTimeout(rt.timer);
  if (rt.flushTimer) clearInterval(rt.flushTimer);
  await flushQueryCounts(rt).catch(() => undefined);
  await stopReplicas(rt.replicas);
}

const shanghaiDay = (d = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);

async function flushQueryCounts(rt: SearchRuntime) {
  if (!rt.queryCounts.size) return;
  const dropped = rt.queryCounts.dropped;
  const counts = rt.queryCounts.take();
  if (dropped) rt.log.info({ kept: counts.size, dropped }, 'hot-search counts: least counted searches dropped');
  await q.addQueryCounts(rt.db, shanghaiDay(), counts);
}

// ---------- queries ----------

/** Keys noted by {@link keepAnswer} before the note starts again. */
const MADE_ONCE_SIZE = 65_536;

/** FNV-1a over the UTF-16 code units of a key, cut to 30 bits (a small integer to V8: no allocation). */
function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

/**
 * GET /api/search's answer, serialized. Popular searches repeat (the hot-search list is made of
 * them), so answers are kept until the index or the list items next change: an answer made only
 * of the public list items kept with the index is the same for every caller. Each request is still
 * counted for hot searches. A search not kept goes to a replica when one is free
 * (search.replicas.ts), else it is answered here.
 */
export async function searchAnswer(rt: SearchRuntime, actor: Actor | null, p: SearchParams): Promise<Buffer> {
  await whenReady(rt);
  const key = JSON.stringify([searchText(p.q), p.type, p.filters, p.sort, p.page, p.pageSize]);
  const cached = rt.answers.get(key);
  if (cached) {
    countQuery(rt, cached.countKey);
    return cached.body;
  }
  const onReplica = rt.replicas ? searchOnReplica(rt.replicas, p) : null;
  const fromReplica = onReplica ? await onReplica : null;
  if (fromReplica) {
    const body = fromReplica.body();
    countQuery(rt, fromReplica.countKey);
    // Replicas answer only from the list items kept with the index.
    if (fromReplica.generation === rt.generation) keepAnswer(rt, key, body, fromReplica.countKey);
    return body;
  }
  const generation = rt.generation;
  const { parts, fromIndexOnly } = await searchWithOrigin(rt, actor, p);
  const body = serializeAnswer(parts);
  if (fromIndexOnly && generation === rt.generation) keepAnswer(rt, key, body, countKeyOf(p.q, parts.found.result.tokens));
  return body;
}

/**
 * Keeps an answer the second time it is made (since the last change): most searches are made once
 * (a long tail of different queries), and keeping each of them filled the cache with answers never
 * asked again, which the young generation then copied and promoted (longer scavenges, more full
 * collections). Only a hash of the key is noted the first time (kept across changes: how often a
 * search is made does not change with the records); a collision keeps an answer early.
 */
function keepAnswer(rt: SearchRuntime, key: string, body: Buffer, countKey: string) {
  const h = hashKey(key);
  if (!rt.madeOnce.has(h)) {
    if (rt.madeOnce.size >= MADE_ONCE_SIZE) rt.madeOnce.clear();
    rt.madeOnce.add(h);
    return;
  }
  rt.madeOnce.delete(h);
  rt.answers.set(key, body, countKey);
}

function countQuery(rt: SearchRuntime, key: string) {
  rt.queryCounts.add(key);
}

/** What the answer is made of, and whether every list item in it came from the index's payloads (not the database). */
async function searchWithOrigin(rt: SearchRuntime, actor: Actor | null, p: SearchParams): Promise<{ parts: AnswerParts; fromIndexOnly: boolean }> {
  await whenReady(rt);
  const found = queryIndex(rt.index, rt.types, p);
  const source = rt.sources.find((s) => s.type === p.type);
  const ids = found.result.hits.map((h) => h.id);
  const fromIndexOnly = ids.every((id) => rt.payloads.has(id));
  const byId = await recordsOf(rt, source, actor, ids);
  countQuery(rt, countKeyOf(found.text, found.result.tokens));
  return { parts: { found, records: ids.map((id) => byId.get(id)), facets: rt.facetJson, p }, fromIndexOnly };
}

/** Whether this process's search replicas are ready (GET /api/search/status). */
export function searchStatus(rt: SearchRuntime) {
  return { ready: rt.ready, records: rt.ready ? rt.index.size() : 0, threads: replicaStatus(rt.replicas) };
}

/** List items for hits: from the payloads kept with the index, the database only for the rest. */
async function recordsOf(rt: SearchRuntime, source: SearchSource | undefined, actor: Actor | null, ids: string[]) {
  const byId = new Map<string, { id: string }>();
  const missing: string[] = [];
  for (const id of ids) {
    const p = rt.payloads.get(id);
    if (p) byId.set(id, p);
    else missing.push(id);
  }
  if (missing.length && source) for (const r of await source.hits(rt.db, actor, missing)) byId.set(r.id, r);
  return byId;
}

export function suggest(rt: SearchRuntime, prefix: string, limit = 10) {
  return { items: rt.ready ? rt.index.suggest(prefix.trim().slice(0, 50), limit) : [] };
}

export async function hot(rt: SearchRuntime, limit = 10) {
  const since = shanghaiDay(new Date(Date.now() - 7 * 86400_000));
  return { items: await q.hotQueries(rt.db, since, limit) };
}

// ---------- operator configuration ----------

export async function getDictionary(rt: SearchRuntime) {
  const terms = await q.listTerms(rt.db);
  const synonyms = await q.listSynonyms(rt.db);
  return { terms: terms.map((t) => ({ word: t.word, freq: t.freq })), synonyms: synonyms.map((s) => s.words), defaults: DEFAULT_DOMAIN_TERMS.length };
}

export async function setDictionary(rt: SearchRuntime, ctx: RequestContext, input: { terms: { word: string; freq?: number | undefined }[]; synonyms: string[][] }) {
  const terms = [...new Map(input.terms.map((t) => [t.word.trim(), { word: t.word.trim(), freq: t.freq ?? rt.segmenter.suggestFrequency(t.word.trim()) }])).values()];
  const synonyms = input.synonyms.map((g) => [...new Set(g.map((w) => w.trim()).filter(Boolean))]).filter((g) => g.length >= 2);
  const before = await getDictionary(rt);
  await rt.db.transaction(async (tx) => {
    await q.replaceTerms(tx, terms, ctx.actor?.userId ?? null);
    await q.replaceSynonyms(tx, synonyms, ctx.actor?.userId ?? null);
    // The audit entry is also the signal for every process to rebuild its index.
    await recordAudit(tx, ctx, { action: 'search.dictionary_changed', entityType: CONFIG_ENTITY, entityId: 'dictionary', before: { terms: before.terms.length, synonyms: before.synonyms.length }, after: { terms, synonyms } });
  });
  return getDictionary(rt);
}

/** Records like this one (更多相似成果), by text similarity; only published, visible records. */
export async function similar(rt: SearchRuntime, actor: Actor | null, id: string, limit: number) {
  await whenReady(rt);
  if (!rt.index.has(id)) throw new AppError('not_found', '该记录不存在或未公开');
  const found = rt.index.similar(id, limit, { types: ['achievement'] });
  const source = rt.sources.find((s) => s.type === 'achievement');
  const byId = await recordsOf(rt, source, actor, found.map((f) => f.id));
  return { items: found.filter((f) => byId.has(f.id)).map((f) => ({ id: f.id, score: f.score, record: byId.get(f.id) })) };
}

/** Rebuilds from the database and asks every running process to do the same (`kehui reindex`). */
export async function reindexAll(rt: SearchRuntime, ctx: RequestContext) {
  const r = await rebuild(rt);
  await recordAudit(rt.db, ctx, { action: 'search.reindex_requested', entityType: CONFIG_ENTITY, entityId: 'reindex', after: { docs: r.docs } });
  const byType: Record<string, number> = {};
  for (const s of rt.sources) byType[s.type] = rt.index.size(s.type);
  return { ...r, byType };
}

// ---------- following the index (alerts) ----------

/** Filters as GET /api/search takes them (also stored with saved searches). */
export type SearchFilterParams = Pick<
  SearchQueryInput,
  'keyField' | 'industry' | 'region' | 'city' | 'trlMin' | 'trlMax' | 'stage' | 'achievementType' | 'cooperationMode' | 'demandType' | 'priceBand' | 'fiscal' | 'selected'
>;

/** API filters → index filters (facet keys of the sources). */
export function indexFilters(qy: SearchFilterParams): NonNullable<SearchQuery['filters']> {
  const f: NonNullable<SearchQuery['filters']> = {};
  if (qy.keyField) f.keyField = qy.keyField;
  if (qy.industry) f.industry = qy.industry;
  if (qy.region) f.regionCode = { prefix: qy.region.replace(/(00)+$/, '') || qy.region };
  if (qy.city) f.city = qy.city;
  if (qy.trlMin !== undefined || qy.trlMax !== undefined) f.trl = { min: qy.trlMin ?? 1, max: qy.trlMax ?? 9 };
  if (qy.stage) f.stage = qy.stage;
  if (qy.achievementType) f.achievementType = qy.achievementType;
  if (qy.cooperationMode) f.cooperationModes = qy.cooperationMode;
  if (qy.demandType) f.demandType = qy.demandType;
  if (qy.priceBand) f.priceBand = qy.priceBand;
  if (qy.fiscal !== undefined) f.fiscal = qy.fiscal;
  if (qy.selected !== undefined) f.selected = qy.selected;
  return f;
}

/**
 * Whether this process's index has applied the audit log up to `auditId` (followers that match
 * against the index, such as alerts, wait for it before looking a changed record up).
 */
export function hasApplied(rt: SearchRuntime, auditId: number): boolean {
  return rt.ready && rt.lastAuditId >= auditId;
}

/** Whether a record is searchable now (published and public: the index holds nothing else). */
export function isSearchable(rt: SearchRuntime, id: string): boolean {
  return rt.ready && rt.index.has(id);
}

/**
 * The score of one record for a search (text, type and filters as GET /api/search takes them),
 * or null when that search would not return it. Cheap: only the record itself is looked at
 * (SearchIndex.scoreOne), so a new record can be tested against many saved searches.
 */
export function scoreRecord(rt: SearchRuntime, id: string, p: { q: string; type: DocType; filters: SearchFilterParams }): number | null {
  if (!rt.ready) return null;
  return rt.index.scoreOne(id, { text: p.q.trim().slice(0, 1000), types: [p.type], filters: indexFilters(p.filters) });
}

// ---------- candidates for matching ----------

/** A record relevant to a text: its BM25 score, and with `highlight` the query words found in its title and abstract. */
export interface TextCandidate {
  id: string;
  score: number;
  /** Query words (normalized, as searched) that occur in the record's title or abstract. */
  matchedTerms: string[];
  /** HTML: escaped text with the matches in `<em>` (title; abstract as a snippet). */
  highlights: { title?: string; abstract?: string };
}

const HTML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The text inside the `<em>` spans of highlighted HTML, normalized as the index normalizes. */
function emphasizedText(...html: (string | undefined)[]): string {
  const parts: string[] = [];
  for (const h of html) for (const m of (h ?? '').matchAll(/<em>(.*?)<\/em>/g)) parts.push(m[1] ?? '');
  return normalizeText(parts.join(' | ').replace(/&(amp|lt|gt|quot|#39);/g, (e) => HTML_ENTITIES[e] ?? e));
}

/**
 * The records of one type most relevant to a free text (matching's candidate generation: a
 * demand's text against achievements, or the reverse): one index query, no facets, not counted as
 * a user's search. Text without searchable words gives no candidates (never "newest first").
 * `limit` is capped by the engine (200).
 */
export async function candidatesFor(rt: SearchRuntime, text: string, type: DocType, limit: number, opts: { highlight?: boolean } = {}): Promise<TextCandidate[]> {
  await whenReady(rt);
  const result = rt.index.search({ text: text.trim().slice(0, 1000), types: [type], offset: 0, limit, highlight: opts.highlight === true });
  if (!result.tokens.length) return [];
  return result.hits.map((h) => {
    // The highlighter joins adjacent matches into one span: the words are found inside the spans.
    const emphasized = opts.highlight ? emphasizedText(h.highlights.title, h.highlights.abstract) : '';
    return { id: h.id, score: h.score, matchedTerms: emphasized ? result.tokens.filter((t) => emphasized.includes(t)) : [], highlights: h.highlights };
  });
}

/** Public list items of some records (as GET /api/search shows them), by id; ids no longer searchable are absent. */
export async function publicListItems(rt: SearchRuntime, type: DocType, ids: string[]): Promise<Map<string, { id: string }>> {
  return recordsOf(rt, rt.sources.find((s) => s.type === type), null, ids);
}
