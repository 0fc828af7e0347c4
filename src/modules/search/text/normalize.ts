import { Converter, Locale } from 'opencc-js/t2cn';

/**
 * Text normalization shared by indexing and querying: whatever a user types and whatever a record
 * says must reach the same form, or search silently misses.
 *
 * Traditional → Simplified chain, measured on opencc-js 1.4.2:
 * - `t → cn` (OpenCC `t2s`) converts characters and standard phrases and leaves mainland text
 *   alone (3 of the 1,000 csl-dev papers change at all, e.g. 藉此 → 借此). It maps
 *   鋰離子電池 → 锂离子电池 but keeps 碳化矽: 矽 is not a "traditional" character, it is the
 *   Taiwanese word for silicon.
 * - `twp → cn` (OpenCC `tw2sp`, Taiwan phrases) also maps 碳化矽 → 碳化硅, 軟體 → 软件,
 *   積體電路 → 集成电路, but applied to mainland text it corrupts it (程序 → 进程, 文件 → 文档,
 *   智慧城市 → 智能城市), because those are Taiwan usages of words mainland text also uses.
 * So every text goes through `t2s`; only a text that visibly *is* Traditional (enough characters
 * changed by `t2s`) is converted with `tw2sp` instead; and 矽 → 硅 always, since in mainland
 * usage 矽 survives only as the old name of silicon (矽肺 = 硅肺).
 */

const t2s = Converter({ from: 't', to: 'cn' });
const tw2sp = Converter({ from: 'twp', to: 'cn' });

/**
 * Characters that can make `t2s` change a text, as a bitmap over the BMP. `t2s` runs at about
 * 10 M chars/s, a scan of this bitmap at over 100 M, and most texts here are mainland text that
 * contains none of them (3 of the 1,000 csl-dev abstracts do), so the scan decides whether `t2s`
 * runs at all. Built from the converter's own dictionaries: every character `t2s` changes on its
 * own, plus the changed characters of the phrases that change although none of their characters
 * does alone (反覆 → 反复: 覆 stays 覆 alone).
 */
const T2S_TRIGGERS = buildTriggers();

function buildTriggers(): Uint8Array {
  const bits = new Uint8Array(0x10000);
  const entries: [string, string][] = [];
  for (const group of Locale.configs.t2s?.conversionChain ?? []) {
    for (const dict of group) {
      if (typeof dict === 'string') {
        for (const entry of dict.split('|')) {
          const space = entry.indexOf(' ');
          if (space > 0) entries.push([entry.slice(0, space), entry.slice(space + 1)]);
        }
      } else {
        for (const [from, to] of dict) entries.push([from, to]);
      }
    }
  }
  const mark = (ch: string) => {
    const c = ch.charCodeAt(0);
    if (ch.length === 1) bits[c] = 1;
  };
  for (const [from] of entries) {
    if (from.length === 1 && t2s(from) !== from) mark(from);
  }
  for (const [from] of entries) {
    if (from.length < 2) continue;
    const to = t2s(from);
    if (to === from) continue;
    const chars = [...from];
    if (chars.some((ch) => ch.length === 1 && bits[ch.charCodeAt(0)] === 1)) continue;
    const toChars = [...to];
    chars.forEach((ch, i) => {
      if (toChars[i] !== ch) mark(ch);
    });
  }
  return bits;
}

/** True when `t2s` could change `s`: it holds a trigger character or a non-BMP character. */
function mayNeedT2s(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (T2S_TRIGGERS[c] === 1 || (c >= 0xd800 && c <= 0xdbff)) return true;
  }
  return false;
}

/** Share of Han characters that `t2s` must change before a text counts as Traditional. */
const TRADITIONAL_SHARE = 0.05;

const HAN = /\p{Script=Han}/u;
// Zero-width spaces, BOMs and soft hyphens pasted from Word or web pages split words invisibly.
const FORMAT_CHARS = /\p{Cf}/gu;
// Cheap pre-check: a text with no character outside ASCII needs no Chinese conversion at all.
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Normalizes text for search: Unicode NFKC (full-width letters, digits and punctuation become
 * half-width, compatibility ideographs become unified ones), invisible format characters removed,
 * lower case, Traditional → Simplified Chinese (see the module comment for the chain), 矽 → 硅.
 * Latin and digit runs (5G, SiC, MOSFET, 2nm) are kept, only lower-cased.
 * Length may change; use {@link normalizeWithOffsets} when positions in the original matter.
 */
export function normalizeText(s: string): string {
  if (s === '') return s;
  let out = s.normalize('NFKC');
  if (!NON_ASCII.test(out)) return out.toLowerCase();
  out = out.replace(FORMAT_CHARS, '').toLowerCase();
  if (mayNeedT2s(out)) {
    const simplified = t2s(out);
    out = simplified !== out && looksTraditional(out, simplified) ? tw2sp(out) : simplified;
  }
  return out.includes('矽') ? out.replaceAll('矽', '硅') : out;
}

/** True when `t2s` changed at least {@link TRADITIONAL_SHARE} of the Han characters. */
function looksTraditional(before: string, after: string): boolean {
  let han = 0;
  let changed = Math.abs(before.length - after.length);
  const n = Math.min(before.length, after.length);
  for (let i = 0; i < n; i++) {
    const c = before.charCodeAt(i);
    // CJK Unified Ideographs (and Extension A): enough for a share, no regex per character.
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) han++;
    if (c !== after.charCodeAt(i)) changed++;
  }
  return changed > 0 && changed >= han * TRADITIONAL_SHARE;
}

const charCache = new Map<string, string>();

/** One code point normalized on its own (no phrase context); cached, the alphabet is small. */
function normalizeChar(ch: string): string {
  const cached = charCache.get(ch);
  if (cached !== undefined) return cached;
  const folded = ch.normalize('NFKC').replace(FORMAT_CHARS, '').toLowerCase();
  const out = HAN.test(folded) ? t2s(folded).replaceAll('矽', '硅') : folded;
  if (charCache.size < 100_000) charCache.set(ch, out);
  return out;
}

/** A normalized string with, for every UTF-16 unit of it, the range in the original it came from. */
export interface NormalizedWithOffsets {
  text: string;
  /**
   * `start[i]`: offset in the original of the character normalized unit `i` belongs to; `null`
   * when every unit maps to the unit at the same offset (the common case).
   */
  start: Int32Array | null;
  /** `end[i]`: end offset (exclusive) in the original of that character; `null` as for `start`. */
  end: Int32Array | null;
}

/** Per BMP code unit: 0 not yet known, 1 unchanged by {@link offsetChar}, 2 changed. */
const charStatus = new Uint8Array(0x10000);
/** One punctuation character: what {@link normalizeWithOffsets} leaves as typed. */
export const PUNCTUATION = /^\p{P}$/u;

/**
 * {@link normalizeChar}, except that punctuation stays as typed: search tokens never contain
 * punctuation, and leaving full-width ，。、 alone keeps ordinary Chinese text on the fast path.
 */
function offsetChar(ch: string): string {
  return PUNCTUATION.test(ch) ? ch : normalizeChar(ch);
}

/**
 * Character-wise normalization of `s` when every character keeps its length (the usual case:
 * Chinese text, Latin case, full-width letters), else null. Copies only around changed characters.
 */
function sameLengthNormalization(s: string): string | null {
  let out = '';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x41 && c <= 0x5a) {
        out += s.slice(run, i) + String.fromCharCode(c + 32);
        run = i + 1;
      }
      continue;
    }
    // Astral characters (emoji, rare ideographs) are kept as they are.
    if (c >= 0xd800 && c <= 0xdfff) continue;
    let status = charStatus[c];
    if (status === 0) {
      const ch = String.fromCharCode(c);
      status = offsetChar(ch) === ch ? 1 : 2;
      charStatus[c] = status;
    }
    if (status === 1) continue;
    const replacement = offsetChar(String.fromCharCode(c));
    if (replacement.length !== 1) return null;
    out += s.slice(run, i) + replacement;
    run = i + 1;
  }
  return run === 0 ? s : out + s.slice(run);
}

/**
 * Character-by-character normalization that remembers where every output unit came from, so
 * that matches found in normalized text can be marked in the original (highlighting, word
 * boundaries of the segment command). Phrase-level conversions (記憶體 → 内存) are not applied,
 * and punctuation stays as typed; a highlight may then miss, never misplace.
 */
export function normalizeWithOffsets(s: string): NormalizedWithOffsets {
  const text = sameLengthNormalization(s);
  if (text !== null) return { text, start: null, end: null };
  const parts: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    const ch = s.slice(i, i + width);
    const norm = cp < 0x80 ? ch.toLowerCase() : offsetChar(ch);
    for (let k = 0; k < norm.length; k++) {
      start.push(i);
      end.push(i + width);
    }
    parts.push(norm);
    i += width;
  }
  return { text: parts.join(''), start: Int32Array.from(start), end: Int32Array.from(end) };
}
