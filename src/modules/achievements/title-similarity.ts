import { toHalfWidth } from '../../platform/text.js';

/**
 * Duplicate detection for achievement titles (成果名称查重). The same achievement is often
 * registered twice: by two co-owning organizations, through bulk collection (采集汇交) and again by
 * hand, or with a retyped title. Exact duplicates compare {@link normalizeTitle} results; near
 * duplicates are only *flagged* for the reviewer by {@link titleSimilarity}, never refused,
 * because related achievements of one team legitimately share most of their wording.
 */

/**
 * Similarity from which two titles are flagged as possible duplicates.
 *
 * 0.8 on character-bigram Dice was chosen on real Chinese patent titles: one inserted character
 * in a 16-character title ("…天线阵列及通信设备" vs "…天线阵列及其通信设备") scores 0.90, while
 * titles sharing only a patent-style template ("一种基于深度学习的图像去噪方法" vs
 * "一种基于深度学习的语音识别方法") score 0.64. Known misses either way, which is why this only
 * flags: a one-character change of meaning is flagged ("…正极材料的制备方法" vs "…负极材料…",
 * 0.87), and swapped halves are not ("二维码调查方法及系统" vs "二维码调查系统及方法", 0.67).
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

/**
 * Canonical form for exact-duplicate detection: Unicode NFKC, full-width to half-width,
 * lower-case, and with all whitespace, punctuation (including Chinese 《》“”（）、，。：；！？【】
 * and the like) and invisible format characters (zero-width space, BOM, pasted from Word or web
 * pages) removed. Symbols such as + ~ ° are kept because they can carry meaning ("5G+工业互联网").
 */
export function normalizeTitle(title: string): string {
  return toHalfWidth(title.normalize('NFKC'))
    .toLowerCase()
    .replace(/[\p{P}\p{White_Space}\p{Cf}]/gu, '');
}

/**
 * Similarity of two titles in [0, 1]: the Dice coefficient of the character bigrams of their
 * normalized forms (counted as multisets, so repeated bigrams count). 1 means the normalized
 * titles are equal; a title that normalizes to nothing is similar to nothing (0). Character
 * bigrams suit Chinese, which has no spaces to split words on.
 */
export function titleSimilarity(a: string, b: string): number {
  const x = normalizeTitle(a);
  const y = normalizeTitle(b);
  if (x === '' || y === '') return 0;
  if (x === y) return 1;
  const bigramsX = bigrams(x);
  const bigramsY = bigrams(y);
  const counts = new Map<string, number>();
  for (const gram of bigramsX) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  let shared = 0;
  for (const gram of bigramsY) {
    const left = counts.get(gram) ?? 0;
    if (left > 0) {
      shared += 1;
      counts.set(gram, left - 1);
    }
  }
  return (2 * shared) / (bigramsX.length + bigramsY.length);
}

/** Bigrams by code point (not UTF-16 unit, so rare CJK Extension B characters stay whole); a one-character title is its own single gram. */
function bigrams(s: string): string[] {
  const chars = [...s];
  if (chars.length === 1) return chars;
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) grams.push(`${chars[i]}${chars[i + 1]}`);
  return grams;
}
