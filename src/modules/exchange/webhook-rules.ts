/**
 * Pure rules of webhooks (推送): the signature partners verify, the retry schedule, and which
 * subscriptions a change goes to. No I/O.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseSetSpec, type SetFilter } from './oai-protocol.js';
import type { RecordType } from './public-record.js';

export const SIGNATURE_HEADER = 'x-kehui-signature';
export const TIMESTAMP_HEADER = 'x-kehui-timestamp';
export const DELIVERY_HEADER = 'x-kehui-delivery';
export const EVENT_HEADER = 'x-kehui-event';

/** Attempts before a delivery is `dead` (kept, and delivered again by a replay). */
export const MAX_ATTEMPTS = 8;

/** A new subscription secret (`whsec_` + 32 random bytes, hex). */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`: the timestamp (Unix seconds, also sent in
 * X-Kehui-Timestamp) is signed with the body so a captured request cannot be replayed later.
 */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Checks a signature as a partner would (constant time; timestamps older than `toleranceS` refused). */
export function verifySignature(secret: string, header: string | undefined, timestamp: string | undefined, body: string, now = Date.now(), toleranceS = 300): boolean {
  if (!header || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceS) return false;
  const expected = Buffer.from(signatureOf(secret, Number(timestamp), body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Backoff after the n-th failed attempt: 30 s doubling, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(6 * 3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/** What happens after a failed attempt: try again later, or give up (dead) after MAX_ATTEMPTS. */
export function afterFailure(attempts: number, now: Date): { status: 'pending' | 'dead'; nextAttemptAt: Date } {
  if (attempts >= MAX_ATTEMPTS) return { status: 'dead', nextAttemptAt: now };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) };
}

/** Set specs a subscription may name: the OAI sets (docs/oai). Returns the malformed or unknown ones. */
export function invalidSets(sets: string[]): string[] {
  return sets.filter((s) => {
    const f = parseSetSpec(s);
    return f === null || f === 'malformed';
  });
}

export interface ChangedRecord {
  recordType: RecordType | string;
  keyField: string | null;
  cityCode: string;
}

function inSet(r: ChangedRecord, f: SetFilter): boolean {
  if (f.recordType && f.recordType !== r.recordType) return false;
  if (f.keyField && f.keyField !== r.keyField) return false;
  if (f.hasKeyField && !r.keyField) return false;
  if (f.cityCode && f.cityCode !== r.cityCode) return false;
  return true;
}

/** Whether a change of this record goes to a subscription (types and sets; empty = everything). */
export function subscriptionWants(sub: { recordTypes: string[]; sets: string[] }, r: ChangedRecord): boolean {
  if (sub.recordTypes.length && !sub.recordTypes.includes(r.recordType)) return false;
  if (!sub.sets.length) return true;
  return sub.sets.some((s) => {
    const f = parseSetSpec(s);
    return f !== null && f !== 'malformed' && inSet(r, f);
  });
}

/** Delivery URLs: http(s) only, no credentials in the URL. */
export function isAcceptableUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
  } catch {
    return false;
  }
}
