/**
 * OAI-PMH resumption tokens, stateless: the position (datestamp, id) of the last record sent, the
 * original arguments, how many were sent and an expiry, signed with HMAC-SHA256. Nothing is kept on
 * the server, so any process on the database answers the next page, and a token outlives a restart.
 * Pure: the key is passed in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Tokens live one hour (the response tells the harvester in `expirationDate`). */
export const TOKEN_TTL_MS = 3600_000;

export interface ListArguments {
  metadataPrefix: string;
  set?: string | undefined;
  from?: string | undefined;
  until?: string | undefined;
}

export interface TokenState {
  verb: 'ListIdentifiers' | 'ListRecords';
  args: ListArguments;
  /** Position of the last record sent: its datestamp (ms since the epoch) and id. */
  after: { datestamp: number; id: string };
  /** Records sent before the next page (the `cursor` attribute). */
  cursor: number;
  /** The list's size when it was first requested, repeated on the pages in between. */
  completeListSize: number;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
}

// Compact positional form keeps tokens short in URLs: [v, verb, prefix, set, from, until, ds, id, cursor, size, exp].
const PayloadSchema = z.tuple([
  z.literal(1),
  z.enum(['ListIdentifiers', 'ListRecords']),
  z.string().min(1).max(100),
  z.string().max(300).nullable(),
  z.string().max(30).nullable(),
  z.string().max(30).nullable(),
  z.number().int().nonnegative(),
  z.uuid(),
  z.number().int().nonnegative(),
  z.number().int().nonnegative(),
  z.number().int().positive(),
]);

/** A key for tokens only, derived from the platform secret (a token is never a session cookie). */
export function tokenKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('kehui/oai/resumption-token/v1').digest();
}

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

export function encodeToken(key: Buffer, s: TokenState): string {
  const payload = Buffer.from(
    JSON.stringify([1, s.verb, s.args.metadataPrefix, s.args.set ?? null, s.args.from ?? null, s.args.until ?? null, s.after.datestamp, s.after.id, s.cursor, s.completeListSize, s.expiresAt]),
  ).toString('base64url');
  return `${payload}.${sign(key, payload)}`;
}

export type TokenCheck = { ok: true; state: TokenState } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

/** Verifies the signature first, then the shape, then the expiry (`now` in ms). */
export function decodeToken(key: Buffer, token: string, now: number): TokenCheck {
  const m = /^([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m?.[1] || !m[2]) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(key, m[1]));
  const given = Buffer.from(m[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature' };
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = PayloadSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const [, verb, metadataPrefix, set, from, until, datestamp, id, cursor, completeListSize, expiresAt] = parsed.data;
  if (expiresAt <= now) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    state: {
      verb,
      args: { metadataPrefix, set: set ?? undefined, from: from ?? undefined, until: until ?? undefined },
      after: { datestamp, id },
      cursor,
      completeListSize,
      expiresAt,
    },
  };
}
