import { createHash } from 'node:crypto';

/**
 * The hash chain of the public log, pure. An entry's hash is
 * sha256(prevHash + canonicalJson({ seq, type, entityType, entityId, at, payload })), hex.
 * Canonical JSON: object keys sorted at every level, no whitespace, so the hash does not depend on
 * the key order PostgreSQL's jsonb hands back.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainEntry {
  seq: number;
  type: string;
  entityType: string;
  entityId: string;
  at: Date;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(prevHash: string, e: Omit<ChainEntry, 'prevHash' | 'hash'>): string {
  const body = canonicalJson({ seq: e.seq, type: e.type, entityType: e.entityType, entityId: e.entityId, at: e.at.toISOString(), payload: e.payload });
  return createHash('sha256').update(prevHash + body).digest('hex');
}

export type ChainCheck = { ok: true; entries: number; lastHash: string } | { ok: false; entries: number; brokenSeq: number; reason: string };

/**
 * Walks entries in seq order (in batches: `state` carries the previous hash and expected seq) and
 * returns the first entry whose seq, prevHash or hash does not follow.
 */
export function checkChain(entries: ChainEntry[], state = { prevHash: GENESIS_HASH, nextSeq: 1, count: 0 }): ChainCheck & { state: typeof state } {
  let { prevHash, nextSeq, count } = state;
  for (const e of entries) {
    count++;
    const fail = (reason: string) => ({ ok: false as const, entries: count, brokenSeq: e.seq, reason, state: { prevHash, nextSeq, count } });
    if (e.seq !== nextSeq) return fail(`序号不连续：应为 ${nextSeq}`);
    if (e.prevHash !== prevHash) return fail('前一条哈希不匹配');
    if (entryHash(prevHash, e) !== e.hash) return fail('内容与哈希不符');
    prevHash = e.hash;
    nextSeq++;
  }
  return { ok: true, entries: count, lastHash: prevHash, state: { prevHash, nextSeq, count } };
}
