import { pinyin } from 'pinyin-pro';
import { normalizeText } from '../text/normalize.js';

/**
 * Autocomplete over titles and keywords (搜索联想): prefix match on the normalized text, and for
 * short entries (keywords, short titles) on pinyin initials (dc → 电池) and full pinyin
 * (dianchi → 电池). Suggestions rank by how many live documents carry them, keywords first.
 *
 * Pinyin comes from pinyin-pro one character at a time, each distinct character asked once
 * (in one batch) and cached: in context pinyin-pro reads polyphones better (重庆 chong), but
 * per-string calls run at about 1 M chars/s, too slow for 10^5 titles; a polyphone then gets
 * its most common reading, an acceptable miss for autocomplete.
 *
 * Lookups binary-search sorted key arrays built on the first lookup; entries added later wait in
 * a small unsorted list (scanned linearly) until it is worth merging them in.
 */

/** Entries longer than this (most titles) get no pinyin keys. */
const PINYIN_MAX_CHARS = 8;
/** Entries examined per lookup, bounding latency for one-letter prefixes. */
const SCAN_LIMIT = 3000;
const LATIN_PREFIX = /^[a-z]+$/;
/** Pending entries beyond which they are merged into the sorted arrays. */
const MERGE_AT = 512;

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
  /** Added since the arrays were sorted: [key, entry], unsorted. */
  pending: [string, Entry][];
}

/** Autocomplete entries with their document counts; see the module comment. */
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
        this.byText?.pending.push([key, entry]);
        if (this.byPinyin) {
          fillPinyinCache([entry]);
          for (const k of pinyinKeys(entry)) this.byPinyin.pending.push([k, entry]);
        }
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

  /** Builds the sorted lookup arrays now rather than on the first lookup (after a bulk load). */
  prepare(): void {
    this.byText ??= buildSorted(this.entries.values(), (e) => [e.key]);
    if (!this.byPinyin) {
      fillPinyinCache(this.entries.values());
      this.byPinyin = buildSorted(this.entries.values(), pinyinKeys);
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
      if (!this.byPinyin) {
        fillPinyinCache(this.entries.values());
        this.byPinyin = buildSorted(this.entries.values(), pinyinKeys);
      }
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
  if (sorted.pending.length > MERGE_AT) merge(sorted);
  let i = lowerBound(sorted.keys, prefix);
  for (let n = 0; i < sorted.keys.length && n < SCAN_LIMIT; i++, n++) {
    const key = sorted.keys[i] ?? '';
    if (!key.startsWith(prefix)) break;
    const entry = sorted.entries[i];
    if (entry) found.set(entry, 1);
  }
  for (const [key, entry] of sorted.pending) if (key.startsWith(prefix)) found.set(entry, 1);
}

function buildSorted(entries: Iterable<Entry>, keysOf: (e: Entry) => string[]): SortedKeys {
  const list: Entry[] = [];
  const tagged: string[] = [];
  for (const e of entries) {
    for (const k of keysOf(e)) {
      // "key NUL position": the built-in sort without a comparator (several times faster than
      // one with) orders these by key, since NUL sorts before every other character.
      tagged.push(`${k}\u0000${list.length}`);
      list.push(e);
    }
  }
  tagged.sort();
  const keys: string[] = new Array(tagged.length);
  const sorted: Entry[] = new Array(tagged.length);
  tagged.forEach((t, i) => {
    const cut = t.lastIndexOf('\u0000');
    keys[i] = t.slice(0, cut);
    sorted[i] = list[Number(t.slice(cut + 1))] as Entry;
  });
  return { keys, entries: sorted, pending: [] };
}

/** Merges the pending entries into the sorted arrays (linear, after sorting the few pending). */
function merge(sorted: SortedKeys): void {
  const pending = sorted.pending.sort(byKey);
  const keys: string[] = [];
  const entries: Entry[] = [];
  let i = 0;
  let j = 0;
  while (i < sorted.keys.length || j < pending.length) {
    const a = sorted.keys[i];
    const b = pending[j];
    const entry = sorted.entries[i];
    if (a !== undefined && entry && (b === undefined || a <= b[0])) {
      keys.push(a);
      entries.push(entry);
      i++;
    } else if (b) {
      keys.push(b[0]);
      entries.push(b[1]);
      j++;
    } else {
      i++;
    }
  }
  sorted.keys = keys;
  sorted.entries = entries;
  sorted.pending = [];
}

function byKey(a: [string, Entry], b: [string, Entry]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
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
const HAN_CHAR = /\p{Script=Han}/u;

/** Asks pinyin-pro, in one call, for every Han character of these entries not yet cached. */
function fillPinyinCache(entries: Iterable<Entry>): void {
  const missing = new Set<string>();
  for (const e of entries) {
    if (e.key.length > PINYIN_MAX_CHARS) continue;
    for (const ch of e.key) if (!pinyinCache.has(ch) && HAN_CHAR.test(ch)) missing.add(ch);
  }
  if (missing.size === 0) return;
  // Separated by commas so that neighbouring characters are not read as one word.
  for (const item of pinyin([...missing].join(','), { toneType: 'none', type: 'all' })) {
    if (item.isZh && item.pinyin) pinyinCache.set(item.origin, [item.pinyin.charAt(0), item.pinyin]);
  }
}

/** Initials and full pinyin of one character; characters without pinyin stand for themselves. */
function charPinyin(ch: string): [string, string] {
  return pinyinCache.get(ch) ?? [ch, ch];
}

/**
 * Pinyin lookup keys of a short entry (a keyword, a short title): initials and full pinyin.
 * Long titles get none: nobody types the initials of a sentence, and at 10^6 titles they would
 * be most of the work of building the table.
 */
function pinyinKeys(e: Entry): string[] {
  if (e.key.length > PINYIN_MAX_CHARS || !HAN_CHAR.test(e.key)) return [];
  let initials = '';
  let full = '';
  const chars = [...e.key];
  for (const ch of chars) {
    const [i, f] = charPinyin(ch);
    initials += i;
    full += f;
  }
  return full !== initials ? [initials, full] : [initials];
}
