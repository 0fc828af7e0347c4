import { describe, expect, it } from 'vitest';
import { envelope, headerXml, resumptionTokenXml, xmlAttr, xmlText } from './oai-xml.js';

describe('XML escaping', () => {
  it('escapes markup and keeps Chinese text', () => {
    expect(xmlText('激光 <A&B> "x"')).toBe('激光 &lt;A&amp;B&gt; "x"');
    expect(xmlAttr('a"b\tc\nd')).toBe('a&quot;b&#9;c&#10;d');
  });

  it('strips characters XML 1.0 cannot carry: C0/C1 controls, lone surrogates, U+FFFE', () => {
    expect(xmlText('a\u0000b\u0007c\u001Fd\u007Fe\u0085f\uFFFEg\uD800h')).toBe('abcdefgh');
    expect(xmlText('tab\tnl\ncr\r')).toBe('tab\tnl\ncr\r');
    expect(xmlText('𠀀 emoji 😀')).toBe('𠀀 emoji 😀');
  });
});

describe('response parts', () => {
  it('echoes the request arguments, or the base URL only after badVerb/badArgument', () => {
    const ctx = { responseDate: '2026-01-01T00:00:00Z', baseUrl: 'http://h/oai' };
    expect(envelope({ ...ctx, requestArgs: { verb: 'GetRecord', identifier: 'a&b' } }, '')).toContain('<request verb="GetRecord" identifier="a&amp;b">http://h/oai</request>');
    expect(envelope({ ...ctx, requestArgs: null }, '')).toContain('<request>http://h/oai</request>');
  });

  it('marks deleted headers and closes a split list with an empty token', () => {
    expect(headerXml({ identifier: 'i', datestamp: 'd', setSpecs: ['demand'], isDeleted: true })).toBe(
      '<header status="deleted"><identifier>i</identifier><datestamp>d</datestamp><setSpec>demand</setSpec></header>',
    );
    expect(resumptionTokenXml('', { completeListSize: 9, cursor: 6 })).toBe('<resumptionToken completeListSize="9" cursor="6"/>');
  });
});
