import { describe, expect, it } from 'vitest';
import { decodeToken, encodeToken, type TokenState, tokenKey } from './resumption-token.js';

const key = tokenKey('a-platform-secret-of-at-least-32-characters');
const state: TokenState = {
  verb: 'ListRecords',
  args: { metadataPrefix: 'kehui', set: 'achievement:city:420100', from: '2026-01-01', until: '2026-12-31' },
  after: { datestamp: Date.UTC(2026, 5, 1, 8, 0, 0, 123), id: '3f2a4b6c-1d2e-4f30-8a9b-0c1d2e3f4a5b' },
  cursor: 200,
  completeListSize: 1234,
  expiresAt: Date.UTC(2026, 5, 1, 9, 0, 0),
};
const before = state.expiresAt - 1;

describe('resumption tokens', () => {
  it('carry the position, the original arguments, the count sent and the expiry', () => {
    const token = encodeToken(key, state);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(decodeToken(key, token, before)).toEqual({ ok: true, state });
  });

  it('keep absent arguments absent', () => {
    const token = encodeToken(key, { ...state, args: { metadataPrefix: 'oai_dc' } });
    const r = decodeToken(key, token, before);
    expect(r.ok && r.state.args).toEqual({ metadataPrefix: 'oai_dc', set: undefined, from: undefined, until: undefined });
  });

  it('are refused once expired, when changed, or when signed with another key', () => {
    const token = encodeToken(key, state);
    expect(decodeToken(key, token, state.expiresAt)).toEqual({ ok: false, reason: 'expired' });
    const [payload = '', sig = ''] = token.split('.');
    const changed = Buffer.from(payload, 'base64url').toString('utf8').replace('"ListRecords"', '"ListIdentifiers"');
    expect(decodeToken(key, `${Buffer.from(changed).toString('base64url')}.${sig}`, before)).toEqual({ ok: false, reason: 'signature' });
    expect(decodeToken(tokenKey('another-secret-another-secret-another'), token, before)).toEqual({ ok: false, reason: 'signature' });
    expect(decodeToken(key, 'garbage', before)).toEqual({ ok: false, reason: 'malformed' });
    expect(decodeToken(key, `${payload}.${sig}x`, before)).toEqual({ ok: false, reason: 'malformed' });
  });
});
