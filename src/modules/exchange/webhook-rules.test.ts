import { describe, expect, it } from 'vitest';
import { afterFailure, invalidSets, isAcceptableUrl, MAX_ATTEMPTS, retryDelayMs, signatureOf, subscriptionWants, verifySignature } from './webhook-rules.js';

describe('webhook signatures', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 and verifies it', () => {
    const now = 1_800_000_000_000;
    const ts = Math.floor(now / 1000);
    const sig = signatureOf('whsec_x', ts, '{"a":1}');
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature('whsec_x', sig, String(ts), '{"a":1}', now)).toBe(true);
    expect(verifySignature('whsec_y', sig, String(ts), '{"a":1}', now)).toBe(false);
    expect(verifySignature('whsec_x', sig, String(ts), '{"a":2}', now)).toBe(false);
    expect(verifySignature('whsec_x', sig, String(ts + 1), '{"a":1}', now)).toBe(false);
    expect(verifySignature('whsec_x', sig, String(ts), '{"a":1}', now + 3600_000)).toBe(false);
  });
});

describe('webhook retries', () => {
  it('backs off exponentially with a cap and gives up after MAX_ATTEMPTS', () => {
    expect(retryDelayMs(1)).toBe(30_000);
    expect(retryDelayMs(2)).toBe(60_000);
    expect(retryDelayMs(30)).toBe(6 * 3600_000);
    const now = new Date(0);
    expect(afterFailure(1, now)).toEqual({ status: 'pending', nextAttemptAt: new Date(30_000) });
    expect(afterFailure(MAX_ATTEMPTS, now).status).toBe('dead');
  });
});

describe('which subscriptions want a change', () => {
  const r = { recordType: 'achievement', keyField: 'new_materials', cityCode: '420100' };
  it('filters by record type and by OAI set', () => {
    expect(subscriptionWants({ recordTypes: [], sets: [] }, r)).toBe(true);
    expect(subscriptionWants({ recordTypes: ['demand'], sets: [] }, r)).toBe(false);
    expect(subscriptionWants({ recordTypes: [], sets: ['keyField:new_materials'] }, r)).toBe(true);
    expect(subscriptionWants({ recordTypes: [], sets: ['city:420500', 'achievement:city:420100'] }, r)).toBe(true);
    expect(subscriptionWants({ recordTypes: [], sets: ['demand:keyField:new_materials'] }, r)).toBe(false);
  });
  it('names malformed sets and refuses odd URLs', () => {
    expect(invalidSets(['keyField:new_materials', 'bad set', 'city:12'])).toEqual(['bad set', 'city:12']);
    expect(isAcceptableUrl('https://partner.example/hook')).toBe(true);
    expect(isAcceptableUrl('ftp://partner.example/hook')).toBe(false);
    expect(isAcceptableUrl('https://u:p@partner.example/hook')).toBe(false);
  });
});
