import { desc, gte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { searchQueries, searchSynonyms, searchTerms } from './search.tables.js';

export async function listTerms(db: Db) {
  return db.select().from(searchTerms).orderBy(searchTerms.word);
}

export async function replaceTerms(db: Db, terms: { word: string; freq: number }[], userId: string | null) {
  await db.delete(searchTerms);
  if (terms.length) await db.insert(searchTerms).values(terms.map((t) => ({ ...t, createdBy: userId })));
}

export async function listSynonyms(db: Db) {
  return db.select().from(searchSynonyms).orderBy(searchSynonyms.createdAt);
}

export async function replaceSynonyms(db: Db, groups: string[][], userId: string | null) {
  await db.delete(searchSynonyms);
  if (groups.length) await db.insert(searchSynonyms).values(groups.map((words) => ({ words, createdBy: userId })));
}

/** Adds counted queries of one day (batched from memory). */
export async function addQueryCounts(db: Db, day: string, counts: Map<string, number>) {
  const rows = [...counts].map(([query, count]) => ({ day, query, count }));
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(searchQueries)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({ target: [searchQueries.day, searchQueries.query], set: { count: sql`${searchQueries.count} + excluded.count` } });
  }
}

export async function hotQueries(db: Db, sinceDay: string, limit: number) {
  return db
    .select({ query: searchQueries.query, count: sql<number>`sum(${searchQueries.count})::int` })
    .from(searchQueries)
    .where(gte(searchQueries.day, sinceDay))
    .groupBy(searchQueries.query)
    .orderBy(desc(sql`sum(${searchQueries.count})`))
    .limit(limit);
}
