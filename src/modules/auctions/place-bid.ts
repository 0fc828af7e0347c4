/**
 * 出价 (placing a bid): the group-commit queue of each lot in this process.
 *
 * Bids of one lot wait in a per-process queue; one drain loop takes everything queued (up to
 * {@link MAX_BATCH}) and applies it in ONE transaction that holds `SELECT … FOR UPDATE` on the lot
 * row, with the rule core's `applyBatch` at one server time. The row lock orders batches of several
 * processes on one PostgreSQL; inside a batch arrival order decides (at one price the first valid
 * bid wins). The unique (lot, key, bidder) index is the idempotency backstop. After commit the
 * callers get their answers and the watchers the new entries (and, on PostgreSQL, a NOTIFY inside
 * the transaction tells the other processes).
 */
import type { RequestContext } from '../../platform/auth.js';
import { isUniqueViolation } from '../../platform/db.js';
import { AppError, fieldError, forbidden, notFound } from '../../platform/errors.js';
import { fenToYuanString, parseYuanToFen } from '../../platform/money.js';
import { chain } from './auction-ledger.js';
import { type CachedLot, cachedLot, closeColumns, entryOf, eventOfRow, rulesOf, stateColumns, stateOf } from './auction-present.js';
import { applyBatch, type BatchOutcome, closeLot, type LedgerEvent, placeBid as tryBid } from './auction-rules.js';
import { isBidderCandidate, isEligibleBidder } from './auctions.policy.js';
import * as q from './auctions.queries.js';
import type { BidResult, PlaceBid } from './auctions.schemas.js';
import type { AuctionsRuntime, KeyLookup, LotQueue, PeerNotice, QueuedBid } from './auctions.runtime.js';

/** Bids applied per transaction at most (the rest wait for the next one). */
const MAX_BATCH = 400;

/** The refusal of a bid as an HTTP problem; the reason code is in `x-kehui-bid-refusal`. */
function refusal(o: Extract<BatchOutcome, { ok: false }>): AppError {
  const headers = { 'x-kehui-bid-refusal': o.code };
  if (o.code === 'off_ladder' || o.code === 'below_price' || o.code === 'invalid_amount') {
    return new AppError('validation_failed', o.message, { errors: [{ path: 'amount', message: o.message }], headers });
  }
  if (o.code === 'not_confirmed') return new AppError('forbidden', o.message, { headers });
  return new AppError('invalid_state', o.message, { headers });
}

function resultOf(e: LedgerEvent, replayed: boolean): BidResult {
  return {
    accepted: true,
    replayed,
    seq: e.seq,
    paddle: e.paddle ?? 0,
    amountFen: e.amountFen ?? 0,
    amount: fenToYuanString(e.amountFen ?? 0),
    at: new Date(e.at).toISOString(),
    endsAt: new Date(e.endsAt).toISOString(),
    extended: e.extended,
  };
}

/** Token bucket per bidder and lot: a flood from one bidder gets a clear 429. */
function takeToken(rt: AuctionsRuntime, key: string, now: number): boolean {
  const { perSecond, burst } = rt.bidRate;
  const b = rt.buckets.get(key) ?? { tokens: burst, at: now };
  b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
  b.at = now;
  if (b.tokens < 1) {
    rt.buckets.set(key, b);
    return false;
  }
  b.tokens -= 1;
  rt.buckets.set(key, b);
  return true;
}

function remember(rt: AuctionsRuntime, key: string, o: BatchOutcome) {
  rt.recentOutcomes.set(key, o);
  // A bounded memory of refusals and acceptances for quick idempotent answers (the ledger is the truth).
  if (rt.recentOutcomes.size > 200_000) {
    const oldest = rt.recentOutcomes.keys().next().value;
    if (oldest !== undefined) rt.recentOutcomes.delete(oldest);
  }
}

/**
 * How long a confirmed bidder is taken as eligible without asking the database again. This process
 * forgets a bidder at once when it suspends one ({@link forgetBidder}); other processes on one
 * PostgreSQL hear of it by a notice ({@link notifySuspension}), and while they hear notices an entry
 * is kept up to {@link NOTIFIED_BIDDER_CACHE_MS}; without them a suspension made elsewhere takes
 * effect within {@link BIDDER_CACHE_MS}. On PGlite there is no other process (the data-directory
 * lock), so the entry is kept until this process forgets it.
 */
const BIDDER_CACHE_MS = 5_000;
const NOTIFIED_BIDDER_CACHE_MS = 60_000;

const bidderLifetime = (rt: AuctionsRuntime) =>
  rt.kind === 'pglite' ? Number.POSITIVE_INFINITY : (rt.hearsPeers ? NOTIFIED_BIDDER_CACHE_MS : BIDDER_CACHE_MS) * (0.5 + Math.random() / 2);

/** The caller's bidder row of the lot (confirmed ones are cached: {@link bidderLifetime}). */
async function bidderOf(rt: AuctionsRuntime, lotId: string, organizationId: string) {
  const key = `${lotId}:${organizationId}`;
  const cached = rt.bidders.get(key);
  if (cached && rt.clock() < cached.staleAt) return cached;
  const b = await q.selectBidderOf(rt.db, lotId, organizationId);
  if (!b) return undefined;
  // Read again at a random point in the second half of the cache time, so bidders who registered
  // together are not all looked up in the same instant.
  const out = { id: b.id, paddle: b.paddle ?? 0, eligible: isEligibleBidder(b), staleAt: rt.clock() + bidderLifetime(rt) };
  if (out.eligible) rt.bidders.set(key, out);
  else rt.bidders.delete(key);
  return out;
}

/** Forgets a cached bidder (suspension). */
export function forgetBidder(rt: AuctionsRuntime, lotId: string, organizationId: string) {
  rt.bidders.delete(`${lotId}:${organizationId}`);
}

/**
 * 出价: a confirmed bidder bids `amount` (yuan). Answers 201 with the ledger entry, or a problem
 * with the Chinese reason. The server's clock decides; `clientTime` is ignored.
 */
export async function placeBid(rt: AuctionsRuntime, ctx: RequestContext, lotId: string, input: PlaceBid): Promise<BidResult> {
  const actor = ctx.actor;
  if (!isBidderCandidate(actor)) throw forbidden('只有已认证机构的成员可以出价');
  const now = rt.clock();
  rt.lastBidAt.set(lotId, performance.now());
  if (!takeToken(rt, `${lotId}:${actor.organizationId}`, now)) {
    throw new AppError('too_many_attempts', `出价过于频繁：每个竞买人每秒最多出价 ${rt.bidRate.perSecond} 次，请稍后再试`, {
      headers: { 'retry-after': '1', 'x-kehui-bid-refusal': 'rate_limited' },
    });
  }
  const parsed = parseYuanToFen(input.amount);
  if (!parsed.ok) throw fieldError('amount', parsed.message);
  const known = rt.lots.get(lotId) ?? (await loadLot(rt, lotId));
  const bidder = await bidderOf(rt, lotId, actor.organizationId);
  if (!bidder) throw forbidden('贵单位尚未报名竞买该标的，请先报名并交纳保证金');
  const memoKey = `${lotId}:${bidder.id}:${input.idempotencyKey}`;
  const before = rt.recentOutcomes.get(memoKey);
  if (before) {
    if (before.ok) return resultOf(before.event, true);
    throw refusal(before);
  }
  // Refusals that no later event can undo (off the ladder; below a price that only rises; a lot
  // whose close is committed) are answered without the queue; everything else goes to the batch.
  const pre = tryBid(known.rules, known.state, { paddle: bidder.paddle, amountFen: parsed.fen, at: Math.max(now, known.state.lastAt), eligible: bidder.eligible });
  const final = pre.ok ? false : pre.code === 'off_ladder' || pre.code === 'below_price' || pre.code === 'invalid_amount' || known.state.status === 'closed';
  if (!pre.ok && final) {
    // A retry sent to another process (or after a restart) is in the ledger, not in this memory.
    const first = await ledgerBid(rt, lotId, input.idempotencyKey, bidder.id);
    if (first) {
      const event = eventOfRow(first);
      remember(rt, memoKey, { ok: true, event, replayed: true });
      return resultOf(event, true);
    }
    remember(rt, memoKey, pre);
    throw refusal(pre);
  }
  const outcome = await new Promise<BatchOutcome>((resolve, reject) => {
    const queue = rt.queues.get(lotId) ?? { pending: [], running: false };
    rt.queues.set(lotId, queue);
    queue.pending.push({ key: input.idempotencyKey, paddle: bidder.paddle, amountFen: parsed.fen, eligible: bidder.eligible, bidderId: bidder.id, userId: actor.userId, resolve, reject });
    if (!queue.running) void drain(rt, lotId, queue);
  });
  remember(rt, memoKey, outcome);
  if (!outcome.ok) throw refusal(outcome);
  return resultOf(outcome.event, outcome.replayed);
}

/**
 * The ledger's bid with this idempotency key by this bidder, if any. Keys of refusals arriving
 * together are looked up together, one query per lot at a time (hundreds of refusals a second,
 * each with its own query, queued behind the bids' statements on PGlite's single connection).
 */
function ledgerBid(rt: AuctionsRuntime, lotId: string, key: string, bidderId: string): Promise<q.BidRow | undefined> {
  return new Promise((resolve, reject) => {
    const queue = rt.lookups.get(lotId) ?? { pending: [], running: false };
    rt.lookups.set(lotId, queue);
    queue.pending.push({ key, bidderId, resolve, reject });
    if (!queue.running) void drainLookups(rt, lotId, queue);
  });
}

async function drainLookups(rt: AuctionsRuntime, lotId: string, queue: { pending: KeyLookup[]; running: boolean }) {
  queue.running = true;
  try {
    while (queue.pending.length) {
      await new Promise((resolve) => setImmediate(resolve));
      const batch = queue.pending.splice(0, MAX_BATCH);
      try {
        const rows = await q.selectBidsByKeys(rt.db, lotId, batch.map((b) => b.key));
        for (const b of batch) b.resolve(rows.find((r) => r.kind === 'bid' && r.bidderId === b.bidderId && r.idempotencyKey === b.key));
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
  } finally {
    queue.running = false;
    if (!queue.pending.length) rt.lookups.delete(lotId);
  }
}

async function loadLot(rt: AuctionsRuntime, lotId: string): Promise<CachedLot> {
  const lot = await q.selectLot(rt.db, lotId);
  if (!lot) throw notFound('拍卖标的');
  const v = cachedLot(lot);
  rt.lots.set(lotId, v);
  return v;
}

/** A key of the batch is already in the ledger (another request, another process): redo with a lookup. */
class KnownKey extends Error {}

async function drain(rt: AuctionsRuntime, lotId: string, queue: LotQueue): Promise<void> {
  queue.running = true;
  try {
    while (queue.pending.length) {
      // Let the event loop read sockets between batches. On PGlite every query completes as a
      // microtask (the database runs synchronously in this thread), so without this a busy queue
      // starved I/O: new connections waited until the lot closed (bench:auction, 150 of 200
      // bidders' first bids).
      await new Promise((resolve) => setImmediate(resolve));
      let batch: QueuedBid[] = [];
      const take = () => {
        batch = queue.pending.splice(0, MAX_BATCH);
        return batch;
      };
      try {
        await applyQueued(rt, lotId, take, false);
      } catch (err) {
        // Nothing taken (the lot is gone): everything waiting gets the error.
        if (!batch.length) batch = queue.pending.splice(0);
        if (!(err instanceof KnownKey || isUniqueViolation(err))) {
          for (const b of batch) b.reject(err);
          continue;
        }
        try {
          await applyQueued(rt, lotId, () => batch, true);
        } catch (again) {
          for (const b of batch) b.reject(again);
        }
      }
    }
  } finally {
    queue.running = false;
  }
}

/**
 * One group commit. Usually a single statement: the batch is decided on this process's copy of
 * the lot and written only if the row is still as that copy says (see
 * {@link applyOptimistically}); otherwise, and when idempotency keys must be looked up, under the
 * row lock ({@link applyLocked}).
 */
async function applyQueued(rt: AuctionsRuntime, lotId: string, take: () => QueuedBid[], lookup: boolean): Promise<void> {
  const cached = lookup ? undefined : rt.lots.get(lotId);
  if (!cached) return applyLocked(rt, lotId, take, lookup);
  const left = await applyOptimistically(rt, lotId, cached, take);
  if (left) await applyLocked(rt, lotId, () => left, lookup);
}

/**
 * The batch decided on the cached lot and committed in one round trip if the lot row has not moved
 * (no other process or operator wrote to it since). Returns the batch when it must be decided
 * under the lock instead: the row moved, or the batch writes nothing (its refusals, such as
 * 「已结束」, then come from the row, not from this copy), unless the copy is of the closed lot.
 */
async function applyOptimistically(rt: AuctionsRuntime, lotId: string, cached: CachedLot, take: () => QueuedBid[]): Promise<QueuedBid[] | null> {
  const batch = take();
  const at = Math.max(rt.clock(), cached.state.lastAt);
  const decided = applyBatch(cached.rules, cached.state, batch, at, new Map());
  // The first batch at or after the end closes the lot in its statement: a close of its own would
  // hold the lot while the bids still arriving wait (they are refused as 「已结束」 either way).
  const close = closeLot(cached.rules, decided.state, at);
  const out = close.ok ? { ...decided, state: close.state, events: [...decided.events, close.event] } : decided;
  const hashed = chain(lotId, cached.expect.lastHash, out.events);
  const last = hashed[hashed.length - 1];
  if (!last) {
    if (cached.state.status !== 'closed') return batch;
    // A closed lot stays closed: these refusals are final without the row lock (which the
    // settlement after the close holds); only a key already in the ledger (a retry) gets its first answer.
    const known = await q.selectBidsByKeys(rt.db, lotId, batch.map((b) => b.key));
    batch.forEach((b, i) => {
      const row = known.find((r) => r.kind === 'bid' && r.bidderId === b.bidderId && r.idempotencyKey === b.key);
      const o = out.outcomes[i];
      if (row) b.resolve({ ok: true, event: eventOfRow(row), replayed: true });
      else if (o) b.resolve(o);
    });
    return null;
  }
  const { rows, leaderBidderId } = ledgerRows(lotId, batch, out, hashed);
  const committed = await q.commitBatchIfUnchanged(
    rt.db,
    lotId,
    cached.expect,
    { ...stateColumns(out.state, last.hash), ...(leaderBidderId ? { leaderBidderId } : {}), ...(close.ok ? closeColumns(close) : {}) },
    rows,
    rt.kind === 'postgres' ? { channel: rt.channel, payload: notification(rt, lotId, out.state.seq) } : null,
  );
  if (!committed) {
    rt.lots.delete(lotId);
    return batch;
  }
  rt.lots.set(lotId, { rules: cached.rules, state: out.state, expect: { ...cached.expect, lastSeq: out.state.seq, lastHash: last.hash } });
  answer(rt, lotId, batch, out, hashed);
  return null;
}

/**
 * The batch under `SELECT … FOR UPDATE` of the lot row. The batch is taken only once the row is
 * locked, so every bid that arrived while this process waited for the lock (or for the database)
 * joins it. Idempotency keys are looked up only when the insert met one already in the ledger
 * (`ON CONFLICT DO NOTHING` counts), which saves a query per batch in the usual case.
 */
async function applyLocked(rt: AuctionsRuntime, lotId: string, take: () => QueuedBid[], lookup: boolean): Promise<void> {
  let batch: QueuedBid[] = [];
  const done = await rt.db.transaction(async (tx) => {
    const lot = await q.selectLot(tx, lotId, true);
    if (!lot) throw notFound('拍卖标的');
    batch = take();
    const rules = rulesOf(lot);
    const state = stateOf(lot);
    const known = new Map<string, LedgerEvent>();
    if (lookup) {
      for (const row of await q.selectBidsByKeys(tx, lotId, batch.map((b) => b.key))) {
        if (row.kind === 'bid' && row.paddle !== null) known.set(`${row.paddle}:${row.idempotencyKey}`, eventOfRow(row));
      }
    }
    const out = applyBatch(rules, state, batch, Math.max(rt.clock(), state.lastAt), known);
    const hashed = chain(lotId, lot.lastHash, out.events);
    let after = lot;
    const last = hashed[hashed.length - 1];
    if (last) {
      const { rows, leaderBidderId } = ledgerRows(lotId, batch, out, hashed);
      const inserted = await q.insertBids(tx, rows);
      if (inserted !== hashed.length) throw new KnownKey();
      after = await q.updateLot(tx, lotId, { ...stateColumns(out.state, last.hash), ...(leaderBidderId ? { leaderBidderId } : {}) });
      await notifyPeers(rt, tx, lotId, out.state.seq);
    }
    return { out, hashed, after };
  });
  rt.lots.set(lotId, cachedLot(done.after));
  answer(rt, lotId, batch, done.out, done.hashed);
}

/** The ledger rows of a batch's new entries, and the bidder who leads after it (if a bid was accepted). */
function ledgerRows(lotId: string, batch: QueuedBid[], out: ReturnType<typeof applyBatch>, hashed: ReturnType<typeof chain>) {
  const bySeq = new Map<number, QueuedBid>();
  out.outcomes.forEach((o, i) => {
    const b = batch[i];
    if (o.ok && !o.replayed && b) bySeq.set(o.event.seq, b);
  });
  const rows = hashed.map((e) => {
    const b = bySeq.get(e.seq);
    return { lotId, seq: e.seq, kind: e.kind, bidderId: b?.bidderId ?? null, paddle: e.paddle, amountFen: e.amountFen, atMs: e.at, endsAtMs: e.endsAt, extended: e.extended, note: e.note, idempotencyKey: b?.key ?? null, userId: b?.userId ?? null, prevHash: e.prevHash, hash: e.hash };
  });
  // The leader is the bidder of the last accepted entry (a batch applies in ascending amount, not in batch order).
  const lastSeq = Math.max(-1, ...bySeq.keys());
  return { rows, leaderBidderId: bySeq.get(lastSeq)?.bidderId ?? null };
}

/**
 * After commit: the callers get their outcomes, the watchers the new entries, the close timer the
 * new end (after a close, the settlement its turn).
 */
function answer(rt: AuctionsRuntime, lotId: string, batch: QueuedBid[], out: ReturnType<typeof applyBatch>, hashed: ReturnType<typeof chain>) {
  out.outcomes.forEach((o, i) => {
    batch[i]?.resolve(o);
  });
  if (hashed.length) {
    void rt.hub.advance(lotId, out.state.seq, hashed.map(entryOf));
    if (out.state.status === 'closed') rt.settleWhenQuiet(lotId);
    else rt.scheduleClose(lotId, out.state.endsAt);
  }
}

const notification = (rt: AuctionsRuntime, lotId: string, seq: number) => JSON.stringify({ lotId, seq, origin: rt.processId } satisfies PeerNotice);

/** On PostgreSQL: tell the other processes an organization's registrations were suspended (delivered on commit). */
export async function notifySuspension(rt: AuctionsRuntime, tx: AuctionsRuntime['db'], organizationId: string) {
  if (rt.kind !== 'postgres') return;
  await q.notifyChannel(tx, rt.channel, JSON.stringify({ suspendedOrganization: organizationId, origin: rt.processId } satisfies PeerNotice));
}

/** On PostgreSQL: tell the other processes the lot's ledger moved (delivered on commit). */
export async function notifyPeers(rt: AuctionsRuntime, tx: AuctionsRuntime['db'], lotId: string, seq: number) {
  if (rt.kind !== 'postgres') return;
  await q.notifyChannel(tx, rt.channel, notification(rt, lotId, seq));
}
