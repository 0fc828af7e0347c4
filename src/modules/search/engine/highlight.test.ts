import { describe, expect, it } from 'vitest';
import { escapeHtml, highlight } from './highlight.js';

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
});
