import { describe, expect, it } from 'vitest';
import { oaiIdentifierOf, parseOaiIdentifier, parseRange, parseRequest, parseSetSpec, parseUtcDate, setSpecsOf, utcSeconds } from './oai-protocol.js';

const pairs = (q: string) => [...new URLSearchParams(q)];
const codes = (q: string) => {
  const r = parseRequest(pairs(q));
  return r.ok ? [] : r.errors.map((e) => e.code);
};

describe('parseRequest', () => {
  it('accepts each verb with its arguments', () => {
    expect(parseRequest(pairs('verb=Identify'))).toEqual({ ok: true, verb: 'Identify', args: {} });
    expect(parseRequest(pairs('verb=ListRecords&metadataPrefix=oai_dc&set=demand&from=2026-01-01'))).toEqual({
      ok: true,
      verb: 'ListRecords',
      args: { metadataPrefix: 'oai_dc', set: 'demand', from: '2026-01-01' },
    });
    expect(parseRequest(pairs('verb=ListIdentifiers&resumptionToken=abc'))).toMatchObject({ ok: true, args: { resumptionToken: 'abc' } });
    expect(parseRequest(pairs('verb=GetRecord&identifier=x&metadataPrefix=kehui'))).toMatchObject({ ok: true });
  });

  it('answers badVerb for a missing, repeated or unknown verb', () => {
    expect(codes('')).toEqual(['badVerb']);
    expect(codes('verb=identify')).toEqual(['badVerb']);
    expect(codes('verb=Identify&verb=ListSets')).toEqual(['badVerb']);
  });

  it('answers badArgument for unknown, repeated, empty, missing or non-exclusive arguments, all of them', () => {
    expect(codes('verb=Identify&x=1&y=2')).toEqual(['badArgument', 'badArgument']);
    expect(codes('verb=ListSets&set=a')).toEqual(['badArgument']);
    expect(codes('verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=kehui')).toEqual(['badArgument']);
    expect(codes('verb=ListRecords&metadataPrefix=')).toEqual(['badArgument']);
    expect(codes('verb=GetRecord')).toEqual(['badArgument', 'badArgument']);
    expect(codes('verb=ListIdentifiers&resumptionToken=t&set=demand')).toEqual(['badArgument']);
  });
});

describe('UTC dates', () => {
  it('reads day and seconds granularity, real calendar dates only', () => {
    expect(parseUtcDate('2026-02-28')).toEqual({ date: new Date('2026-02-28T00:00:00Z'), granularity: 'day' });
    expect(parseUtcDate('2026-02-28T23:59:59Z')).toEqual({ date: new Date('2026-02-28T23:59:59Z'), granularity: 'seconds' });
    for (const bad of ['2026-02-29', '2026-13-01', '2026-01-01T24:00:00Z', '2026-01-01T00:00:00', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00Z', '0099-01-01', '20260101']) {
      expect(parseUtcDate(bad), bad).toBeNull();
    }
    expect(utcSeconds(new Date('2026-03-04T05:06:07.890Z'))).toBe('2026-03-04T05:06:07Z');
  });

  it('makes until inclusive at its own granularity and refuses mixed or reversed bounds', () => {
    expect(parseRange('2026-01-01', '2026-01-31')).toEqual({ ok: true, range: { from: new Date('2026-01-01T00:00:00Z'), before: new Date('2026-02-01T00:00:00Z') } });
    expect(parseRange(undefined, '2026-01-31T10:00:00Z')).toEqual({ ok: true, range: { from: undefined, before: new Date('2026-01-31T10:00:01Z') } });
    expect(parseRange('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z').ok).toBe(true);
    expect(parseRange('2026-01-02', '2026-01-01')).toMatchObject({ ok: false, error: { code: 'badArgument' } });
    expect(parseRange('2026-01-01', '2026-01-02T00:00:00Z')).toMatchObject({ ok: false, error: { code: 'badArgument' } });
    expect(parseRange('yesterday', undefined)).toMatchObject({ ok: false, error: { code: 'badArgument' } });
  });
});

describe('sets', () => {
  it('reads the hierarchy: type, key field, city and combinations', () => {
    expect(parseSetSpec('achievement')).toEqual({ recordType: 'achievement' });
    expect(parseSetSpec('keyField')).toEqual({ recordType: undefined, hasKeyField: true });
    expect(parseSetSpec('keyField:new_materials')).toEqual({ recordType: undefined, keyField: 'new_materials' });
    expect(parseSetSpec('demand:city:420100')).toEqual({ recordType: 'demand', cityCode: '420100' });
    expect(parseSetSpec('achievement:city')).toEqual({ recordType: 'achievement' });
  });

  it('tells a malformed setSpec from an unknown one', () => {
    expect(parseSetSpec('a b')).toBe('malformed');
    expect(parseSetSpec('achievement:')).toBe('malformed');
    expect(parseSetSpec('listing')).toBeNull();
    expect(parseSetSpec('city:wuhan')).toBeNull();
    expect(parseSetSpec('achievement:keyField:x:y')).toBeNull();
  });

  it('lists the leaf sets of an item', () => {
    expect(setSpecsOf({ recordType: 'demand', keyField: 'new_materials', cityCode: '420100' })).toEqual([
      'demand',
      'keyField:new_materials',
      'demand:keyField:new_materials',
      'city:420100',
      'demand:city:420100',
    ]);
    expect(setSpecsOf({ recordType: 'achievement', keyField: null, cityCode: '420500' })).toEqual(['achievement', 'city:420500', 'achievement:city:420500']);
  });
});

describe('identifiers', () => {
  it('round-trips oai:kehui.example.cn:<type>/<uuid> and refuses anything else', () => {
    const id = '3f2a4b6c-1d2e-4f30-8a9b-0c1d2e3f4a5b';
    expect(parseOaiIdentifier(oaiIdentifierOf('demand', id))).toEqual({ recordType: 'demand', id });
    for (const bad of [`oai:other.org:demand/${id}`, `oai:kehui.example.cn:listing/${id}`, 'oai:kehui.example.cn:achievement/1', id]) {
      expect(parseOaiIdentifier(bad), bad).toBeNull();
    }
  });
});
