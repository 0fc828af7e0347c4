import { normalizeWithOffsets } from '../text/normalize.js';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  // Most pieces of a record's text have nothing to escape: one test, and no replace, for them
  // (~100 → ~40 ns a piece; a page of hits has ~80 pieces).
  return HAS_HTML_SPECIAL.test(s) ? s.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch) : s;
}

const HAS_HTML_SPECIAL = /[&<>"']/;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** a–z or 0–9 (normalized text has no capitals); NaN (out of range) is not. */
function isLatinWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/**
 * Marks the places where any of `terms` (normalized tokens) occur in `text`: the text is
 * HTML-escaped piece by piece and matches are wrapped in `<em>…</em>`, so nothing from the record
 * reaches the page as markup. Matching runs on the normalized text (full-width, case and
 * traditional characters fold as in search) and maps back to the original characters. Longer
 * terms win (锂离子电池 over 电池). Latin/digit terms only match whole words (sic in "SiC
 * MOSFET", not in "basic").
 *
 * With `maxChars`, returns a snippet of about that many characters around the first match
 * (or the start of the text), with "…" where text was cut.
 */
export function highlight(text: string, terms: readonly string[], options: HighlightOptions = {}): string {
  return new Highlighter(terms).highlight(text, options);
}

/** Options of {@link highlight}. */
export interface HighlightOptions {
  /** Snippet length; the whole text when absent. */
  maxChars?: number;
  /**
   * The text already normalized as a whole ({@link normalizeText}); when it is the very same
   * string, character offsets are known to be unchanged and per-character mapping is skipped.
   */
  normalized?: string;
  /** `normalized` has the text's character offsets (a one-for-one mapping, see normalizeWithOffsets). */
  aligned?: boolean;
}

/** {@link highlight} with the term table built once, for the hits of one query. */
export class Highlighter {
  /** Distinct non-empty terms. */
  private readonly terms: string[];

  constructor(terms: readonly string[]) {
    this.terms = [...new Set(terms.filter((t) => t !== ''))];
  }

  /** See {@link highlight}. */
  highlight(text: string, options: HighlightOptions = {}): string {
    const ranges = this.findMatches(text, options.normalized === text || options.aligned === true ? (options.normalized ?? text) : null);
    let from = 0;
    let to = text.length;
    const maxChars = options.maxChars;
    if (maxChars !== undefined && maxChars > 0 && text.length > maxChars) {
      const first = ranges[0];
      // Keep a little context before the first match, as search engines do.
      from = first ? Math.max(0, Math.min(first[0] - Math.floor(maxChars / 5), text.length - maxChars)) : 0;
      to = Math.min(text.length, from + maxChars);
      from = snapToCodePoint(text, from);
      to = snapToCodePoint(text, to);
    }
    let out = from > 0 ? '…' : '';
    let at = from;
    for (const [start, end] of ranges) {
      if (end <= from || start >= to) continue;
      const s = Math.max(start, from);
      const e = Math.min(end, to);
      out += `${escapeHtml(text.slice(at, s))}<em>${escapeHtml(text.slice(s, e))}</em>`;
      at = e;
    }
    out += escapeHtml(text.slice(at, to));
    if (to < text.length) out += '…';
    return out;
  }

  /**
   * Non-overlapping, merged [start, end) ranges of the original text that match a term: read left
   * to right, the longest term found at a position is taken and the scan goes on after it.
   * `normalized`: the text's normalized form when it has the text's offsets, else null.
   */
  private findMatches(text: string, normalized: string | null): [number, number][] {
    if (text === '' || this.terms.length === 0) return [];
    const norm = normalized === null ? normalizeWithOffsets(text) : null;
    const t = normalized ?? norm?.text ?? text;
    const starts = norm?.start ?? null;
    const ends = norm?.end ?? null;
    // Every occurrence of every term (as start, length), found by the engine's string search.
    const found: number[] = [];
    for (const term of this.terms) {
      const latin = isLatinWordChar(term.charCodeAt(0));
      for (let i = t.indexOf(term); i >= 0; i = t.indexOf(term, i + 1)) {
        // Latin and digit terms only match whole words.
        if (latin && (isLatinWordChar(t.charCodeAt(i - 1)) || isLatinWordChar(t.charCodeAt(i + term.length)))) continue;
        found.push(i, term.length);
      }
    }
    if (found.length === 0) return [];
    const order = Array.from({ length: found.length / 2 }, (_, k) => 2 * k);
    order.sort((a, b) => (found[a] as number) - (found[b] as number) || (found[b + 1] as number) - (found[a + 1] as number));
    const ranges: [number, number][] = [];
    let cursor = 0;
    for (const k of order) {
      const i = found[k] as number;
      const matched = found[k + 1] as number;
      if (i < cursor) continue;
      cursor = i + matched;
      const start = starts ? (starts[i] ?? 0) : i;
      const end = ends ? (ends[i + matched - 1] ?? start) : i + matched;
      const last = ranges[ranges.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else ranges.push([start, end]);
    }
    return ranges;
  }
}

/** Moves an offset off the second half of a surrogate pair. */
function snapToCodePoint(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff ? i - 1 : i;
}
