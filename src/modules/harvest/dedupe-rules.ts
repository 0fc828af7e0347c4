/**
 * Pure de-duplication rules (成果聚类): two records are the same achievement when they share a patent
 * number, when their normalized titles are equal, or when their texts are similar enough. The
 * strongest reason wins (patent > title > similarity).
 */
import { titleSimilarity } from '../achievements/index.js';

/** Title-and-abstract similarity at or above which two records are clustered. */
export const SIMILARITY_THRESHOLD = 0.85;

export interface DedupeCandidate {
  title: string;
  normalizedTitle: string;
  abstract: string;
  patentNumbers: string[];
}

export type SameReason = { method: 'patent' | 'title' | 'similarity'; score: number };

/** Character-bigram Dice similarity of the abstracts' first 300 characters (0 when either is empty). */
function textSimilarity(a: string, b: string): number {
  return a && b ? titleSimilarity(a.slice(0, 300), b.slice(0, 300)) : 0;
}

/** Why two records are the same achievement, or null. */
export function sameAchievement(a: DedupeCandidate, b: DedupeCandidate): SameReason | null {
  if (a.patentNumbers.some((p) => b.patentNumbers.includes(p))) return { method: 'patent', score: 1 };
  if (!a.normalizedTitle || !b.normalizedTitle) return null;
  if (a.normalizedTitle === b.normalizedTitle) return { method: 'title', score: 1 };
  const title = titleSimilarity(a.title, b.title);
  // A similar title alone is not enough (series of projects share most of a title): the texts must agree too.
  const score = a.abstract && b.abstract ? 0.6 * title + 0.4 * textSimilarity(a.abstract, b.abstract) : title * 0.95;
  return score >= SIMILARITY_THRESHOLD ? { method: 'similarity', score: Math.round(score * 1000) / 1000 } : null;
}
