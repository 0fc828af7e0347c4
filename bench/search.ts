/**
 * npm run bench:search -- --data DIR [--json FILE] [--with-field]
 *
 * Search quality through the real path: the corpus (DIR/corpus.jsonl, csl-dev format) is entered
 * as achievements over HTTP (create → submit → publish, on an in-process app with PGlite), the
 * search module indexes them as it does any write, and every `<task>.queries.tsv` found in DIR runs
 * through GET /api/search (free-text tasks) or GET /api/search/similar/:id (`sim`). Titles: the
 * record's, or the first 40 characters of the abstract when empty. Achievements need 1–10 keywords
 * to be published: each gets the neutral keyword 科技成果 (in every record, so it carries no
 * information), or, with --with-field, its discipline. The peer, MiniSearch (BM25+), indexes the
 * same title and abstract with the same jieba tokens, in the same run. kw2abs_hard also runs
 * through the matching module (rankAchievementsForText: each query as the text of a demand with no
 * coded fields), printed as an extra `matching` row.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { buildApp, searchSources } from '../src/app.js';
import { seedAccountsDemo } from '../src/modules/accounts/demo-data.js';
import { type DemandFeatures, rankAchievementsForText } from '../src/modules/matching/index.js';
import { syncRegions } from '../src/modules/regions/index.js';
import { createSearchRuntime, rebuild } from '../src/modules/search/index.js';
import { Segmenter } from '../src/modules/search/text/segmenter.js';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/db.js';
import { evaluate, formatMetrics, loadTask, type Metrics, type Paper, readJsonl } from './lib/ir-eval.js';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const DIR = path.resolve(arg('--data') ?? '../shared/data/csl-dev');
const withField = args.includes('--with-field');
if (!existsSync(path.join(DIR, 'corpus.jsonl'))) {
  console.error(`no corpus.jsonl in ${DIR}`);
  process.exit(2);
}
const papers = readJsonl(path.join(DIR, 'corpus.jsonl'));
const titleOf = (p: Paper) => (p.title?.trim() ? p.title.trim() : p.abstract.slice(0, 40));

// ---- the app, as in production, on an in-memory PGlite ----
const database = await openDatabase({ pgliteDir: 'memory://' });
await database.migrate();
await syncRegions(database.db);
await database.db.transaction((tx) => seedAccountsDemo(tx));
const config = loadConfig({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'kehui-bench-search-')), KEHUI_DEMO: '0', LOG_LEVEL: 'silent', SESSION_SECRET: 'b'.repeat(40) });
const app = await buildApp(config, database, { logger: false, serveWeb: false });
await app.ready();

async function session(login: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/signin', payload: { login, password: 'Demo@2026' } });
  const cookies = res.cookies as { name: string; value: string }[];
  const csrf = cookies.find((c) => c.name === 'kehui_csrf')?.value ?? '';
  return { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': csrf };
}
const owner = await session('univ.admin@kehui.example.cn');
const reviewer = await session('operator@kehui.example.cn');

const t0 = performance.now();
const toPaper = new Map<string, string>();
const toRecord = new Map<string, string>();
for (const p of papers) {
  const body = {
    title: titleOf(p).slice(0, 200),
    abstract: p.abstract.slice(0, 2000),
    keywords: [withField && p.discipline ? p.discipline.slice(0, 30) : '科技成果'],
    type: 'other', attribute: 'original', keyField: 'other', industry: 'M', trl: 3, stage: 'lab',
    cooperationModes: ['transfer'], pricingMode: 'negotiable', contactName: '技术转移中心', contactPhone: '027-87540000',
  };
  const created = await app.inject({ method: 'POST', url: '/api/achievements', headers: owner, payload: body });
  if (created.statusCode !== 201) {
    // Same normalized title as an earlier record of the owner: keep it apart, as a second owner would.
    if (created.statusCode === 409) continue;
    throw new Error(`create failed: ${created.body}`);
  }
  const id = created.json<{ id: string }>().id;
  const sub = await app.inject({ method: 'POST', url: `/api/achievements/${id}/submit`, headers: owner });
  if (sub.statusCode !== 200) throw new Error(`submit failed: ${sub.body}`);
  const pub = await app.inject({ method: 'POST', url: `/api/achievements/${id}/publish`, headers: reviewer });
  if (pub.statusCode !== 200) throw new Error(`publish failed: ${pub.body}`);
  toPaper.set(id, p.id);
  toRecord.set(p.id, id);
}
// The index follows the writes through the audit log; wait until it holds every record.
for (;;) {
  const r = await app.inject({ method: 'GET', url: '/api/search?q=&pageSize=1' });
  if (r.json<{ total: number }>().total >= toPaper.size) break;
  await new Promise((res) => setTimeout(res, 100));
}
console.log(`imported ${toPaper.size} of ${papers.length} records through the API in ${((performance.now() - t0) / 1000).toFixed(1)} s${withField ? ' (discipline as keyword)' : ''}`);

// ---- the peer ----
const seg = new Segmenter();
const mini = new MiniSearch<{ id: string; title: string; abstract: string }>({
  fields: ['title', 'abstract'],
  storeFields: [],
  tokenize: (text) => seg.indexTokens(text),
  searchOptions: { boost: { title: 2 }, tokenize: (text) => seg.queryTokens(text) },
});
mini.addAll(papers.map((p) => ({ id: p.id, title: titleOf(p), abstract: p.abstract })));

// ---- matching: its own runtime on the same database (the app's is internal), built as a server builds it ----
const matchingRuntime = createSearchRuntime({ db: database.db, sources: searchSources(), log: { error: console.error, info: () => undefined } });
await rebuild(matchingRuntime);
/** A demand that is only text: every coded component is neutral, so the ranking is the text's. */
const TEXT_ONLY_DEMAND: DemandFeatures = {
  keyField: null, industry: null, demandType: null, cooperationModes: [], budgetMode: 'negotiable', budgetMinFen: null, budgetMaxFen: null, regionCode: null,
};
const MATCHING_TASKS = new Set(['kw2abs_hard']);

// ---- the tasks ----
const results: Record<string, { kehui: Metrics; minisearch: Metrics; matching?: Metrics }> = {};
const tasks = readdirSync(DIR).filter((f) => f.endsWith('.queries.tsv')).map((f) => f.replace('.queries.tsv', '')).sort();
for (const task of tasks) {
  if (!existsSync(path.join(DIR, `${task}.qrels`))) continue;
  const { queries, qrels } = loadTask(DIR, task);
  const isSim = task === 'sim';
  const kehui = await evaluate(queries, qrels, async (qid, text) => {
    if (isSim) {
      const id = toRecord.get(qid.replace(/^sim-/, ''));
      if (!id) return [];
      const r = await app.inject({ method: 'GET', url: `/api/search/similar/${id}?limit=10` });
      return r.json<{ items: { id: string }[] }>().items.map((i) => toPaper.get(i.id) ?? '');
    }
    const r = await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(text.slice(0, 1000))}&pageSize=10` });
    return r.json<{ items: { id: string }[] }>().items.map((i) => toPaper.get(i.id) ?? '');
  });
  const minisearch = await evaluate(queries, qrels, (qid, text) => {
    if (isSim) {
      const self = qid.replace(/^sim-/, '');
      const p = papers.find((x) => x.id === self);
      return p ? mini.search(`${titleOf(p)} ${p.abstract}`).map((h) => String(h.id)).filter((id) => id !== self) : [];
    }
    return mini.search(text).map((h) => String(h.id));
  });
  const matching = MATCHING_TASKS.has(task)
    ? await evaluate(queries, qrels, async (_qid, text) =>
        (await rankAchievementsForText(matchingRuntime, TEXT_ONLY_DEMAND, text, 10)).map((r) => toPaper.get(r.achievementId) ?? ''),
      )
    : undefined;
  results[task] = { kehui, minisearch, ...(matching ? { matching } : {}) };
  console.log(formatMetrics(`${task} · Kehui`, kehui));
  if (matching) console.log(formatMetrics(`${task} · matching`, matching));
  console.log(formatMetrics(`${task} · MiniSearch (peer)`, minisearch));
}
const jsonOut = arg('--json');
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ data: DIR, withField, records: toPaper.size, results }, null, 2));
await app.close();
await database.close();
