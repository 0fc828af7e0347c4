import { createHash } from 'node:crypto';
import { canonicalJson, GENESIS_HASH } from '../public-log/index.js';
import type { LedgerEvent } from './auction-rules.js';

/**
 * The hash chain of a lot's ledger, pure (like the public log's): entry n's hash =
 * sha256(prevHash + canonicalJson({ lotId, seq, kind, at, paddle, amountFen, endsAt, extended, note })),
 * hex; entry 1 chains from 64 zeros. Only the paddle identifies a bidder, so anyone can recompute it.
 */
export { GENESIS_HASH };

export interface HashedEvent extends LedgerEvent {
  prevHash: string;
  hash: string;
}

export function ledgerHash(lotId: string, prevHash: string, e: LedgerEvent): string {
  const body = canonicalJson({ lotId, seq: e.seq, kind: e.kind, at: e.at, paddle: e.paddle, amountFen: e.amountFen, endsAt: e.endsAt, extended: e.extended, note: e.note });
  return createHash('sha256').update(prevHash + body).digest('hex');
}

/** Chains events after `prevHash`. */
export function chain(lotId: string, prevHash: string, events: readonly LedgerEvent[]): HashedEvent[] {
  let prev = prevHash;
  return events.map((e) => {
    const hash = ledgerHash(lotId, prev, e);
    const out = { ...e, prevHash: prev, hash };
    prev = hash;
    return out;
  });
}

export type LedgerCheck = { ok: true; entries: number; lastHash: string } | { ok: false; entries: number; brokenSeq: number; reason: string };

/** Recomputes the chain from the genesis and reports the first entry that does not follow. */
export function verifyLedger(lotId: string, entries: readonly HashedEvent[]): LedgerCheck {
  let prev = GENESIS_HASH;
  let n = 0;
  for (const e of entries) {
    n++;
    if (e.seq !== n) return { ok: false, entries: n, brokenSeq: e.seq, reason: `序号不连续：应为 ${n}` };
    if (e.prevHash !== prev) return { ok: false, entries: n, brokenSeq: e.seq, reason: '前一条哈希不匹配' };
    if (ledgerHash(lotId, prev, e) !== e.hash) return { ok: false, entries: n, brokenSeq: e.seq, reason: '内容与哈希不符' };
    prev = e.hash;
  }
  return { ok: true, entries: n, lastHash: prev };
}
