import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Retrieval evaluation shared by the search benchmarks (csl-dev format, see its README). */
export interface Paper {
  id: string;
  title: string;
  abstract: string;
  keywords?: string[];
  discipline?: string;
}

export interface Metrics {
  queries: number;
  r1: number;
  r10: number;
  mrr10: number;
  p10: number;
  ndcg10: number;
  p50: number;
  p95: number;
}

export const readJsonl = (file: string): Paper[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Paper);

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

export function loadTask(dir: string, task: string): { queries: [string, string][]; qrels: Map<string, Map<string, number>> } {
  const queries = readFileSync(path.join(dir, `${task}.queries.tsv`), 'utf8')
    .split('\n')
    .filter((l) => l.includes('\t'))
    .map((l) => {
      const tab = l.indexOf('\t');
      return [l.slice(0, tab), l.slice(tab + 1)] as [string, string];
    });
  const qrels = new Map<string, Map<string, number>>();
  for (const line of readFileSync(path.join(dir, `${task}.qrels`), 'utf8').split('\n')) {
    const [qid, , doc, grade] = line.trim().split(/\s+/);
    if (!qid || !doc) continue;
    const rel = qrels.get(qid) ?? new Map<string, number>();
    rel.set(doc, Number(grade ?? 1));
    qrels.set(qid, rel);
  }
  return { queries, qrels };
}

/** Scores ranked lists against judgements; queries without judgements are skipped. */
export async function evaluate(
  queries: [string, string][],
  qrels: Map<string, Map<string, number>>,
  run: (qid: string, text: string) => string[] | Promise<string[]>,
): Promise<Metrics> {
  const m = { r1: 0, r10: 0, mrr10: 0, p10: 0, ndcg10: 0 };
  const times: number[] = [];
  let n = 0;
  for (const [qid, text] of queries) {
    const rel = qrels.get(qid);
    if (!rel || rel.size === 0) continue;
    const t0 = performance.now();
    const ranked = (await run(qid, text)).slice(0, 10);
    times.push(performance.now() - t0);
    n++;
    const hits = ranked.map((d) => rel.get(d) ?? 0);
    const relevant = rel.size;
    // Recall at k: share of the relevant records in the top k (a hit rate with one relevant).
    m.r1 += (hits[0] ?? 0) > 0 ? 1 / relevant : 0;
    m.r10 += hits.filter((g) => g > 0).length / relevant;
    const first = hits.findIndex((g) => g > 0);
    if (first >= 0) m.mrr10 += 1 / (first + 1);
    m.p10 += hits.filter((g) => g > 0).length / 10;
    const dcg = hits.reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
    const ideal = [...rel.values()]
      .sort((a, b) => b - a)
      .slice(0, 10)
      .reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
    m.ndcg10 += ideal > 0 ? dcg / ideal : 0;
  }
  const d = Math.max(1, n);
  return { queries: n, r1: m.r1 / d, r10: m.r10 / d, mrr10: m.mrr10 / d, p10: m.p10 / d, ndcg10: m.ndcg10 / d, p50: percentile(times, 50), p95: percentile(times, 95) };
}

export function formatMetrics(label: string, m: Metrics): string {
  const f = (x: number) => x.toFixed(3);
  return `${label.padEnd(28)} n=${String(m.queries).padStart(4)}  R@1 ${f(m.r1)}  R@10 ${f(m.r10)}  MRR@10 ${f(m.mrr10)}  P@10 ${f(m.p10)}  nDCG@10 ${f(m.ndcg10)}  p50 ${m.p50.toFixed(2)} ms  p95 ${m.p95.toFixed(2)} ms`;
}
