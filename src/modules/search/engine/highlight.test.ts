import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, highlight } from './highlight.js';

/**
 * The rule {@link highlight} implements, written as the plain left-to-right scan: at each position
 * the longest term found there (Latin and digit terms only as whole words) is marked and the scan
 * goes on after it; marks that touch are merged. Texts here are already normalized.
 */
function referenceMarks(text: string, terms: readonly string[]): string {
  const latin = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
  const sorted = [...new Set(terms.filter((t) => t !== ''))].sort((a, b) => b.length - a.length);
  const ranges: [number, number][] = [];
  for (let i = 0; i < text.length; ) {
    const term = sorted.find((t) => text.startsWith(t, i) && !(latin(t.charCodeAt(0)) && (latin(text.charCodeAt(i - 1)) || latin(text.charCodeAt(i + t.length)))));
    if (!term) {
      i++;
      continue;
    }
    const last = ranges[ranges.length - 1];
    if (last && i <= last[1]) last[1] = Math.max(last[1], i + term.length);
    else ranges.push([i, i + term.length]);
    i += term.length;
  }
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    out += `${text.slice(at, s)}<em>${text.slice(s, e)}</em>`;
    at = e;
  }
  return out + text.slice(at);
}

describe('highlight', () => {
  it('prefers the longest matching term', () => {
    expect(highlight('锂离子电池组', ['电池', '锂离子电池'])).toBe('<em>锂离子电池</em>组');
  });

  it('merges adjacent matches into one mark', () => {
    expect(highlight('碳化硅功率器件', ['碳化硅', '功率器件'])).toBe('<em>碳化硅功率器件</em>');
  });

  it('matches Latin terms as whole words only', () => {
    expect(highlight('A basic SiC MOSFET', ['sic', 'mosfet'])).toBe('A basic <em>SiC</em> <em>MOSFET</em>');
  });

  it('escapes everything outside and inside the marks', () => {
    expect(highlight('<b>"电池"</b> & \'x\'', ['电池'])).toBe('&lt;b&gt;&quot;<em>电池</em>&quot;&lt;/b&gt; &amp; &#39;x&#39;');
    expect(escapeHtml('<em>')).toBe('&lt;em&gt;');
  });

  it('cuts a snippet around the first match', () => {
    const text = `${'前文'.repeat(100)}钙钛矿${'后文'.repeat(100)}`;
    const snippet = highlight(text, ['钙钛矿'], { maxChars: 40 });
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('<em>钙钛矿</em>');
    expect(snippet.replace(/<\/?em>|…/g, '').length).toBe(40);
  });

  it('never splits a surrogate pair when cutting', () => {
    const snippet = highlight('🔋'.repeat(50), [], { maxChars: 9 });
    expect(snippet).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it('returns the escaped text when nothing matches', () => {
    expect(highlight('a < b', ['电池'])).toBe('a &lt; b');
    expect(highlight('', ['电池'])).toBe('');
  });

  it('marks what the left-to-right longest-match scan marks, on any text and terms', () => {
    const alphabet = fc.constantFrom('电', '池', '锂', '离', '子', 'a', 'b', '5', 'g', ' ');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((cs) => cs.join('')), fc.array(word, { maxLength: 5 }), (text, terms) => {
        expect(highlight(text, terms)).toBe(referenceMarks(text, terms));
      }),
      { numRuns: 2000 },
    );
  });
});

