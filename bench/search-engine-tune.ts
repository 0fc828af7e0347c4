/**
 * Search engine tuning bench: quality on csl-dev-format data against MiniSearch, and speed and
 * memory on a synthetic corpus. Pure in-process (no database, no HTTP): it measures the engine
 * the search API wraps.
 *
 *   node --import tsx bench/search-engine-tune.ts [--data DIR] [--ranking JSON] [--json FILE]
 *        [--tasks kw2doc,kw2abs_hard] [--no-peer] [--split odd|even]
 *   node --import tsx bench/search-engine-tune.ts --synthetic 100000 [--queries 5000] [--corpus load]
 *
 * Quality: DIR (default ../shared/data/csl-dev) holds corpus.jsonl and <task>.queries.tsv /
 * <task>.qrels. The corpus is indexed as achievements: title from the record or the first 40
 * characters of the abstract, the abstract, no keywords, discipline not indexed. Free-text tasks
 * run through SearchIndex.search(), `sim` through SearchIndex.similar(). The peer is MiniSearch
 * (BM25+) over the same fields with the same jieba tokens (indexTokens for records, queryTokens
 * for queries), boosts title 3 > keywords 2 > abstract 1; for `sim` it searches the record's own
 * text. Prints R@1, R@10, MRR@10, P@10, nDCG@10, latency p50/p95 and CPU time per query per task.
 * `--split odd|even` keeps only the queries whose id ends in an odd / even number: tune on one
 * half, confirm on the other (the index always holds the whole corpus).
 *
 * Speed: --synthetic N generates N achievements of ~300 characters from a word-bigram model of
 * the csl-dev abstracts (titles, keywords and facets likewise drawn from csl-dev and the platform's
 * codes), reports build time and memory, then runs 1–3-keyword queries drawn from the records.
 * `--corpus load`: the records bench:search:load writes instead (achievement-generator.ts, indexed
 * as the achievements source does), so the engine's share of that benchmark can be measured alone.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import MiniSearch from 'minisearch';
import { type IndexDoc, type RankingOptions, SearchIndex, type SimilarFilter } from '../src/modules/search/engine/search-index.js';
import { FACETS } from '../src/modules/search/search.core.js';
import { DOMAIN_TERM_MIN_FREQ, Segmenter } from '../src/modules/search/text/segmenter.js';
import { generateAchievement, prng } from '../src/modules/achievements/achievement-generator.js';
import { evaluate, loadTask, type Metrics, type Paper, percentile, readJsonl } from './lib/ir-eval.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const DATA = path.resolve(arg('--data') ?? path.resolve(process.cwd(), '../shared/data/csl-dev'));

/** Heap (JS objects and strings) and typed-array memory in MB, after a full collection. */
const memory = () => {
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / 1e6, buffers: m.arrayBuffers / 1e6, rss: m.rss / 1e6 };
};
const grew = (before: ReturnType<typeof memory>) => {
  const after = memory();
  return {
    heapMb: Math.round(after.heap - before.heap),
    typedArrayMb: Math.round(after.buffers - before.buffers),
    rssMb: Math.round(after.rss - before.rss),
  };
};

function toIndexDoc(p: Paper, i: number): IndexDoc {
  return {
    id: p.id,
    type: 'achievement',
    title: p.title?.trim() ? p.title : p.abstract.slice(0, 40),
    keywords: [],
    abstract: p.abstract,
    body: '',
    facets: {},
    // Distinct, fixed dates so that freshness tie-breaks are repeatable.
    sortKeys: { date: Date.UTC(2020, 0, 1) + i * 60_000, price: null },
  };
}

async function quality(): Promise<void> {
  const corpus = readJsonl(path.join(DATA, 'corpus.jsonl'));
  const ranking = arg('--ranking') ? (JSON.parse(arg('--ranking') ?? '{}') as Partial<RankingOptions>) : undefined;
  const segmenter = new Segmenter();

  let mem0 = memory();
  let t0 = performance.now();
  const index = new SearchIndex({ segmenter, ranking, cacheSize: 0 });
  corpus.forEach((p, i) => {
    index.upsert(toIndexDoc(p, i));
  });
  const ourBuild = { ms: Math.round(performance.now() - t0), ...grew(mem0) };

  mem0 = memory();
  t0 = performance.now();
  const peer = new MiniSearch<IndexDoc>({
    fields: ['title', 'keywords', 'abstract'],
    extractField: (doc, field) => (field === 'keywords' ? doc.keywords.join(' ') : (doc as unknown as Record<string, string>)[field]),
    tokenize: (text) => segmenter.indexTokens(text),
    processTerm: (term) => term,
    searchOptions: {
      boost: { title: 3, keywords: 2, abstract: 1 },
      tokenize: (text) => segmenter.queryTokens(text),
      processTerm: (term) => term,
    },
  });
  peer.addAll(corpus.map(toIndexDoc));
  const peerBuild = { ms: Math.round(performance.now() - t0), ...grew(mem0) };

  console.log(`data: ${DATA} (${corpus.length} records)`);
  console.log(`build  ours: ${JSON.stringify(ourBuild)}   MiniSearch: ${JSON.stringify(peerBuild)}`);
  console.log('stats', JSON.stringify(index.stats()));

  const byId = new Map(corpus.map((p) => [p.id, p]));
  const only = arg('--tasks')?.split(',');
  const tasks = readdirSync(DATA)
    .filter((f) => f.endsWith('.queries.tsv'))
    .map((f) => f.replace('.queries.tsv', ''))
    .filter((t) => !only || only.includes(t))
    .sort();
  const withPeer = !args.includes('--no-peer');
  const split = arg('--split');
  if (split && split !== 'odd' && split !== 'even') throw new Error('--split takes odd or even');
  const inSplit = (qid: string, i: number) => {
    if (!split) return true;
    const n = Number(/(\d+)$/.exec(qid)?.[1] ?? i);
    return (n % 2 === 1) === (split === 'odd');
  };
  if (split) console.log(`split: ${split}-numbered queries only`);
  const report: Record<string, { ours: Metrics & { cpuMs: number }; minisearch: Metrics & { cpuMs: number } }> = {};
  // CPU time is the figure to trust on a busy machine; wall-clock percentiles include waiting for a core.
  const cpuPerQuery = (since: NodeJS.CpuUsage, n: number) => {
    const used = process.cpuUsage(since);
    return n > 0 ? (used.user + used.system) / 1000 / n : 0;
  };
  const fmt = (x: number) => x.toFixed(3).padStart(6);
  console.log(`\n${'task'.padEnd(12)} ${'engine'.padEnd(10)}    R@1   R@10 MRR@10   P@10 nDCG10   p50ms  p95ms  cpu ms/q`);
  for (const task of tasks) {
    const loaded = loadTask(DATA, task);
    const queries = loaded.queries.filter(([qid], i) => inSplit(qid, i));
    const qrels = loaded.qrels;
    const isSim = task === 'sim';
    let cpu0 = process.cpuUsage();
    const ours = await evaluate(queries, qrels, (qid, text) =>
      isSim
        ? index.similar(qid.replace(/^sim-/, ''), 10).map((h) => h.id)
        : index.search({ text, offset: 0, limit: 10 }).hits.map((h) => h.id),
    );
    const ourCpu = cpuPerQuery(cpu0, ours.queries);
    cpu0 = process.cpuUsage();
    const minisearch = await evaluate(withPeer ? queries : [], qrels, (qid, text) => {
      if (!isSim) return peer.search(text).slice(0, 10).map((r) => String(r.id));
      const self = qid.replace(/^sim-/, '');
      const doc = byId.get(self);
      const q = doc ? `${doc.title} ${doc.abstract}` : text;
      return peer
        .search(q)
        .filter((r) => r.id !== self)
        .slice(0, 10)
        .map((r) => String(r.id));
    });
    const peerCpu = cpuPerQuery(cpu0, minisearch.queries);
    report[task] = { ours: { ...ours, cpuMs: ourCpu }, minisearch: { ...minisearch, cpuMs: peerCpu } };
    for (const [name, m, cpu] of [['ours', ours, ourCpu], ['minisearch', minisearch, peerCpu]] as const) {
      console.log(
        `${task.padEnd(12)} ${name.padEnd(10)} ${fmt(m.r1)} ${fmt(m.r10)} ${fmt(m.mrr10)} ${fmt(m.p10)} ${fmt(m.ndcg10)} ${m.p50.toFixed(2).padStart(7)} ${m.p95.toFixed(2).padStart(6)} ${cpu.toFixed(2).padStart(9)}`,
      );
    }
  }
  const json = arg('--json');
  if (json) writeFileSync(json, JSON.stringify({ data: DATA, build: { ours: ourBuild, minisearch: peerBuild }, tasks: report }, null, 2));
}

// ---------------------------------------------------------------- synthetic speed bench

/** Word-bigram model of the csl-dev abstracts and titles: realistic vocabulary and Zipf curve. */
function textModel(segmenter: Segmenter) {
  const papers = readJsonl(path.join(DATA, 'papers.jsonl'));
  const next = new Map<string, string[]>();
  const starts: string[] = [];
  const titleStarts: string[] = [];
  const learn = (text: string, startList: string[]) => {
    const words = segmenter.rawSegment(text).split(' ');
    if (words[0]) startList.push(words[0]);
    for (let i = 0; i + 1 < words.length; i++) {
      const w = words[i] ?? '';
      const list = next.get(w) ?? [];
      list.push(words[i + 1] ?? '');
      next.set(w, list);
    }
  };
  for (const p of papers) {
    learn(p.abstract, starts);
    learn(p.title, titleStarts);
  }
  const keywords = papers.flatMap((p) => p.keywords ?? []);
  return { next, starts, titleStarts, keywords };
}

function syntheticCorpus(n: number): IndexDoc[] {
  const segmenter = new Segmenter();
  const model = textModel(segmenter);
  const rand = prng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const generate = (startList: string[], chars: number) => {
    let w = pick(startList);
    const words = [w];
    let length = w.length;
    while (length < chars) {
      const options = model.next.get(w);
      w = options && options.length > 0 ? pick(options) : pick(startList);
      words.push(w);
      length += w.length;
    }
    // Joined, not concatenated: a string built by += is a rope that the first reader flattens,
    // which would show up as the index "freeing" memory.
    return words.join('');
  };
  const keyFields = ['new_materials', 'integrated_circuits', 'intelligent_equipment', 'biomedicine_medical_devices', 'beidou_navigation', 'other'];
  const regions = ['420100', '420102', '420106', '420200', '420500', '420600', '420700', '421000', '430100', '110000'];
  const docs: IndexDoc[] = [];
  for (let i = 0; i < n; i++) {
    const trl = 1 + Math.floor(rand() * 9);
    docs.push({
      id: `syn-${i}`,
      type: i % 10 === 9 ? 'demand' : 'achievement',
      title: generate(model.titleStarts, 12 + Math.floor(rand() * 20)),
      keywords: Array.from({ length: 3 + Math.floor(rand() * 3) }, () => pick(model.keywords)),
      abstract: generate(model.starts, 200 + Math.floor(rand() * 200)),
      body: '',
      facets: {
        keyField: pick(keyFields),
        industry: pick(['C', 'I', 'M', 'N']),
        regionCode: pick(regions),
        trl,
        cooperationModes: [pick(['transfer', 'license', 'joint_development']), pick(['equity', 'transfer'])],
        fiscal: rand() < 0.3,
      },
      sortKeys: { date: Date.UTC(2018, 0, 1) + Math.floor(rand() * 6 * 365 * 86_400_000), price: rand() < 0.4 ? null : Math.floor(rand() * 1e8) },
    });
  }
  return docs;
}

/**
 * The records of bench:search:load (the same generator and seeds), with the fields and facets the
 * achievements source gives the index (achievements.search.ts indexDocOf).
 */
function loadBenchCorpus(n: number): IndexDoc[] {
  const owners = ['武汉大学', '华中科技大学', '湖北省农业科学院'];
  return Array.from({ length: n }, (_, i) => {
    const owner = owners[i % owners.length] ?? '';
    const g = generateAchievement(200_000 + i, owner);
    const priced = g.price !== null && g.price !== undefined;
    return {
      id: `load-${i}`,
      type: 'achievement',
      title: `${g.title}·${i}`,
      keywords: g.keywords ?? [],
      abstract: g.abstract ?? '',
      body: [owner, g.disclosureTier === 'public' ? (g.applicationScenarios ?? '') : '', g.disclosureTier === 'public' ? (g.innovationPoints ?? '') : ''].filter(Boolean).join('\n'),
      facets: {
        keyField: g.keyField ?? null,
        industry: g.industry ?? null,
        regionCode: '420111',
        city: '420100',
        trl: g.trl ?? null,
        stage: g.stage ?? null,
        achievementType: g.type ?? null,
        cooperationModes: [...(g.cooperationModes ?? [])],
        priceBand: priced ? '10–50万' : '面议',
        fiscal: g.isFiscallyFunded ?? false,
        selected: false,
      },
      sortKeys: { date: Date.UTC(2026, 0, 1) - (i % 1000) * 3_600_000, price: priced ? 1_000_000 : null },
    };
  });
}

/** The facets GET /api/search asks for achievements. */
const ACHIEVEMENT_FACETS = FACETS.achievement;

function speed(n: number, queryCount: number): void {
  let t0 = performance.now();
  const docs = arg('--corpus') === 'load' ? loadBenchCorpus(n) : syntheticCorpus(n);
  console.log(`generated ${n} records in ${((performance.now() - t0) / 1000).toFixed(1)} s; mean abstract ${Math.round(docs.reduce((s, d) => s + d.abstract.length, 0) / n)} chars`);
  const mem0 = memory();
  t0 = performance.now();
  // As the server does (search.service rebuild): the records' keywords join the dictionary, so a
  // compound keyword stays one word when searched.
  const segmenter = new Segmenter();
  const keywordTerms = new Set<string>();
  for (const d of docs) for (const k of d.keywords) if (k.length >= 2 && k.length <= 12) keywordTerms.add(k);
  segmenter.loadTerms([...keywordTerms].map((word) => ({ word, freq: DOMAIN_TERM_MIN_FREQ })));
  const index = new SearchIndex({ segmenter, cacheSize: 0 });
  for (const doc of docs) index.upsert(doc);
  const buildS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  index.optimize();
  console.log(`optimize(): ${(performance.now() - t0).toFixed(0)} ms`);
  // The index keeps the records' strings by reference, and this bench holds them too: their size
  // (UTF-16) is listed apart, as the index's share once the caller lets go of its copies.
  const textMb = Math.round(docs.reduce((s, d) => s + 2 * (d.title.length + d.abstract.length + d.keywords.join('').length), 0) / 1e6);
  console.log(`indexed in ${buildS.toFixed(1)} s (${Math.round(n / buildS)} records/s); memory ${JSON.stringify(grew(mem0))} + records' text ${textMb} MB`);
  console.log('stats', JSON.stringify(index.stats()));

  const rand = prng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const queries = Array.from({ length: queryCount }, () => {
    const terms = 1 + Math.floor(rand() * 3);
    return Array.from({ length: terms }, () => pick(pick(docs).keywords)).join(' ');
  });
  const run = (label: string, make: (text: string, i: number) => Parameters<SearchIndex['search']>[0]) => {
    for (const q of queries.slice(0, 200)) index.search(make(q, 0)); // warm-up
    const times: number[] = [];
    let totalHits = 0;
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    queries.forEach((q, i) => {
      const t = performance.now();
      totalHits += index.search(make(q, i)).total;
      times.push(performance.now() - t);
    });
    const cpu = process.cpuUsage(cpu0);
    const wall = (performance.now() - start) / 1000;
    // CPU time per query is the figure to trust on a busy machine; wall-clock percentiles include
    // waiting for a core.
    console.log(
      `${label.padEnd(34)} p50 ${percentile(times, 50).toFixed(2)} ms  p95 ${percentile(times, 95).toFixed(2)} ms  p99 ${percentile(times, 99).toFixed(2)} ms  ${Math.round(queries.length / wall)} q/s  cpu ${((cpu.user + cpu.system) / 1000 / queries.length).toFixed(2)} ms/q  (mean total ${Math.round(totalHits / queries.length)})`,
    );
  };
  run('1-3 keywords, top 20', (text) => ({ text, offset: 0, limit: 20 }));
  run('… + highlight', (text) => ({ text, offset: 0, limit: 20, highlight: true }));
  run('… + 4 facets', (text) => ({ text, offset: 0, limit: 20, highlight: true, facets: ['keyField', 'industry', 'regionCode', 'trl'] }));
  run('as GET /api/search (top 10, 10 facets)', (text) => ({ text, types: ['achievement'], offset: 0, limit: 10, highlight: true, facets: ACHIEVEMENT_FACETS }));
  run('… + region prefix + trl range', (text) => ({
    text,
    offset: 0,
    limit: 20,
    filters: { regionCode: { prefix: '4201' }, trl: { min: 4, max: 9 } },
  }));
  run('browse, filter + 4 facets', (_text, i) => ({
    text: '',
    offset: (i % 5) * 20,
    limit: 20,
    filters: { keyField: 'new_materials' },
    facets: ['keyField', 'industry', 'regionCode', 'trl'],
  }));
  // similar(): records spread over the corpus; the first call after optimize() finds its statistics ready.
  const step = Math.max(1, Math.floor(docs.length / 500));
  const ids = docs.filter((_, i) => i % step === 0).map((d) => d.id);
  const similarRuns: [string, number, SimilarFilter][] = [
    ['similar(id, 10)', 10, {}],
    ['similar(id, 20, achievements)', 20, { types: ['achievement'] }],
  ];
  for (const [label, limit, filter] of similarRuns) {
    const times: number[] = [];
    const cpu0 = process.cpuUsage();
    for (const id of ids) {
      const t = performance.now();
      index.similar(id, limit, filter);
      times.push(performance.now() - t);
    }
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `${label.padEnd(34)} p50 ${percentile(times, 50).toFixed(2)} ms  p95 ${percentile(times, 95).toFixed(2)} ms  p99 ${percentile(times, 99).toFixed(2)} ms  cpu ${((cpu.user + cpu.system) / 1000 / ids.length).toFixed(2)} ms/q  (${ids.length} records)`,
    );
  }
  const suggestTimes: number[] = [];
  for (const p of ['电', 'dc', '碳化', '智能', 'sj', '图像识别']) {
    const t = performance.now();
    const s = index.suggest(p, 10);
    suggestTimes.push(performance.now() - t);
    console.log(`suggest(${p}) → ${s.slice(0, 5).join(' / ')}`);
  }
  console.log(`suggest times ms: ${suggestTimes.map((x) => x.toFixed(1)).join(' ')} (first builds the sorted keys)`);
  t0 = performance.now();
  for (const doc of docs.slice(0, 1000)) index.remove(doc.id);
  console.log(`remove 1000: ${(performance.now() - t0).toFixed(0)} ms; re-add 1000: …`);
  t0 = performance.now();
  for (const doc of docs.slice(0, 1000)) index.upsert(doc);
  console.log(`re-add 1000: ${(performance.now() - t0).toFixed(0)} ms; stats ${JSON.stringify(index.stats())}`);
}

const synthetic = arg('--synthetic');
if (synthetic) speed(Number(synthetic), Number(arg('--queries') ?? 5000));
else await quality();
