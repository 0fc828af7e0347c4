import { pinyin } from 'pinyin-pro';
import { normalizeText } from '../text/normalize.js';

/**
 * Autocomplete over titles and keywords (搜索联想): prefix match on the normalized text, on
 * pinyin initials (dc → 电池) and, for short entries such as keywords, on full pinyin
 * (dianchi → 电池). Suggestions rank by how many live documents carry them.
 *
 * Pinyin comes from pinyin-pro one character at a time and is cached per character: in context
 * pinyin-pro reads polyphones better (重庆 chong), but per-string calls run at about 1 M chars/s,
 * too slow for 10^5 titles, while the cache makes pinyin cost nothing; a polyphone then gets its
 * most common reading, an acceptable miss for autocomplete.
 */

/** Entries longer than this (titles) get initials only, not full pinyin. */
const FULL_PINYIN_MAX_CHARS = 8;
/** Entries examined per lookup, bounding latency for one-letter prefixes. */
const SCAN_LIMIT = 3000;
const LATIN_PREFIX = /^[a-z]+$/;

interface Entry {
  text: string;
  key: string;
  count: number;
  /** 1 for a keyword, 0 for a title: keywords are the better completions at equal counts. */
  isKeyword: number;
}

interface SortedKeys {
  keys: string[];
  entries: Entry[];
}

export class SuggestIndex {
  private readonly entries = new Map<string, Entry>();
  private byText: SortedKeys | null = null;
  private byPinyin: SortedKeys | null = null;
  private zeroCount = 0;

  /** Counts one more document carrying these phrases. */
  add(phrases: readonly string[], isKeyword: boolean): void {
    for (const phrase of phrases) {
      const text = phrase.trim();
      const key = suggestKey(text);
      if (key === '') continue;
      let entry = this.entries.get(key);
      if (!entry) {
        entry = { text, key, count: 0, isKeyword: isKeyword ? 1 : 0 };
        this.entries.set(key, entry);
        if (this.byText) insertSorted(this.byText, key, entry);
        if (this.byPinyin) for (const k of pinyinKeys(entry)) insertSorted(this.byPinyin, k, entry);
      } else if (entry.count === 0) {
        this.zeroCount--;
      }
      if (isKeyword) entry.isKeyword = 1;
      entry.count++;
    }
  }

  /** Counts one document less for these phrases. */
  remove(phrases: readonly string[]): void {
    for (const phrase of phrases) {
      const entry = this.entries.get(suggestKey(phrase.trim()));
      if (!entry || entry.count === 0) continue;
      entry.count--;
      if (entry.count === 0) this.zeroCount++;
    }
    // Entries no document carries any more stay in the sorted arrays (skipped) until they
    // outnumber the live ones; then everything is rebuilt on the next lookup.
    if (this.zeroCount > 1000 && this.zeroCount * 2 > this.entries.size) {
      for (const [key, entry] of this.entries) if (entry.count === 0) this.entries.delete(key);
      this.zeroCount = 0;
      this.byText = null;
      this.byPinyin = null;
    }
  }

  /** Up to `limit` suggestions for a prefix typed by a user; never throws. */
  suggest(prefix: string, limit: number): string[] {
    const key = suggestKey(typeof prefix === 'string' ? prefix.slice(0, 64) : '');
    const max = Math.max(0, Math.min(50, Math.floor(Number.isFinite(limit) ? limit : 10)));
    if (key === '' || max === 0) return [];
    const found = new Map<Entry, number>();
    this.byText ??= buildSorted(this.entries.values(), (e) => [e.key]);
    collect(this.byText, key, found);
    if (LATIN_PREFIX.test(key)) {
      this.byPinyin ??= buildSorted(this.entries.values(), pinyinKeys);
      collect(this.byPinyin, key, found);
    }
    return [...found.keys()]
      .filter((e) => e.count > 0)
      .sort((a, b) => b.count - a.count || b.isKeyword - a.isKeyword || a.key.length - b.key.length || (a.key < b.key ? -1 : 1))
      .slice(0, max)
      .map((e) => e.text);
  }
}

/** Lookup key of a phrase: normalized, without spaces. */
function suggestKey(s: string): string {
  return normalizeText(s).replace(/\s+/g, '');
}

function collect(sorted: SortedKeys, prefix: string, found: Map<Entry, number>): void {
  let i = lowerBound(sorted.keys, prefix);
  for (let n = 0; i < sorted.keys.length && n < SCAN_LIMIT; i++, n++) {
    const key = sorted.keys[i] ?? '';
    if (!key.startsWith(prefix)) break;
    const entry = sorted.entries[i];
    if (entry) found.set(entry, 1);
  }
}

function buildSorted(entries: Iterable<Entry>, keysOf: (e: Entry) => string[]): SortedKeys {
  const pairs: [string, Entry][] = [];
  for (const e of entries) for (const k of keysOf(e)) pairs.push([k, e]);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { keys: pairs.map((p) => p[0]), entries: pairs.map((p) => p[1]) };
}

function insertSorted(sorted: SortedKeys, key: string, entry: Entry): void {
  const i = lowerBound(sorted.keys, key);
  sorted.keys.splice(i, 0, key);
  sorted.entries.splice(i, 0, entry);
}

function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] ?? '') < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const pinyinCache = new Map<string, [string, string]>();

/** Initials and full pinyin of one character; non-Chinese characters stand for themselves. */
function charPinyin(ch: string): [string, string] {
  let p = pinyinCache.get(ch);
  if (!p) {
    const full = /\p{Script=Han}/u.test(ch) ? pinyin(ch, { toneType: 'none', type: 'array' })[0] ?? ch : ch;
    p = [full.charAt(0), full];
    if (pinyinCache.size < 50_000) pinyinCache.set(ch, p);
  }
  return p;
}

/** Pinyin lookup keys of an entry: initials always, full pinyin for short entries. */
function pinyinKeys(e: Entry): string[] {
  if (!/\p{Script=Han}/u.test(e.key)) return [];
  let initials = '';
  let full = '';
  const chars = [...e.key];
  for (const ch of chars) {
    const [i, f] = charPinyin(ch);
    initials += i;
    full += f;
  }
  return chars.length <= FULL_PINYIN_MAX_CHARS && full !== initials ? [initials, full] : [initials];
}
