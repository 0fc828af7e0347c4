import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataDir } from '../../../test-support/shared-data.js';
import { SearchIndex } from './search-index.js';

/**
 * kw2doc on csl-dev: each paper's own keywords must find it (R@10 ≥ 0.98; any sound index gets
 * there). A drop means index and query segmentation have drifted apart. The data stays in
 * ../shared (never copied into the repository); without it the test is skipped, saying why.
 */
const DATA = sharedDataDir('csl-dev');
const present = existsSync(path.join(DATA, 'corpus.jsonl')) && existsSync(path.join(DATA, 'kw2doc.qrels'));

describe.skipIf(!present)(`csl-dev kw2doc regression (data: ${present ? DATA : `missing at ${DATA}, skipped`})`, () => {
  it('finds each paper in the top 10 for its own keywords (R@10 ≥ 0.98)', () => {
    const index = new SearchIndex({ cacheSize: 0 });
    const lines = readFileSync(path.join(DATA, 'corpus.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
    lines.forEach((line, i) => {
      const p = JSON.parse(line) as { id: string; title: string; abstract: string };
      index.upsert({
        id: p.id,
        type: 'achievement',
        title: p.title?.trim() ? p.title : p.abstract.slice(0, 40),
        keywords: [],
        abstract: p.abstract,
        body: '',
        facets: {},
        sortKeys: { date: i, price: null },
      });
    });
    const relevant = new Map<string, string>();
    for (const line of readFileSync(path.join(DATA, 'kw2doc.qrels'), 'utf8').split('\n')) {
      const [qid, , doc] = line.trim().split(/\s+/);
      if (qid && doc) relevant.set(qid, doc);
    }
    let queries = 0;
    let found = 0;
    for (const line of readFileSync(path.join(DATA, 'kw2doc.queries.tsv'), 'utf8').split('\n')) {
      const tab = line.indexOf('\t');
      const want = relevant.get(line.slice(0, tab));
      if (tab < 0 || !want) continue;
      queries++;
      if (index.search({ text: line.slice(tab + 1), offset: 0, limit: 10 }).hits.some((h) => h.id === want)) found++;
    }
    expect(queries).toBeGreaterThan(900);
    expect(found / queries).toBeGreaterThanOrEqual(0.98);
  });
});
