import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyBatch,
  checkLedgerInvariants,
  closeDecision,
  closeLot,
  initialState,
  isOnLadder,
  type LedgerEvent,
  type LotRules,
  type LotState,
  minimumBidFen,
  pauseLot,
  type PendingBid,
  placeBid,
  replay,
  resumeLot,
} from './auction-rules.js';

const T0 = 1_800_000_000_000;
const MIN = 60_000;

const rules = (o: Partial<LotRules> = {}): LotRules => ({
  startPriceFen: 100_000_00,
  incrementFen: 1_000_00,
  reserveFen: 120_000_00,
  startsAt: T0,
  freeEndsAt: T0 + 60 * MIN,
  delayMs: 5 * MIN,
  latestEndAt: null,
  ...o,
});

const arbRules = fc
  .record({
    start: fc.integer({ min: 1, max: 1_000_000 }),
    inc: fc.integer({ min: 1, max: 10_000 }),
    reserveSteps: fc.integer({ min: -1, max: 40 }),
    freeMs: fc.integer({ min: 1, max: 200_000 }),
    delayMs: fc.integer({ min: 1, max: 50_000 }),
    latestExtra: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null }),
  })
  .map(
    (x): LotRules => ({
      startPriceFen: x.start,
      incrementFen: x.inc,
      reserveFen: x.reserveSteps < 0 ? 0 : x.start + x.reserveSteps * x.inc,
      startsAt: T0,
      freeEndsAt: T0 + x.freeMs,
      delayMs: x.delayMs,
      latestEndAt: x.latestExtra === null ? null : T0 + x.freeMs + x.delayMs + x.latestExtra,
    }),
  );

type Op =
  | { t: 'bid'; dt: number; paddle: number; steps: number; offLadder: number; eligible: boolean; key: number }
  | { t: 'pause'; dt: number }
  | { t: 'resume'; dt: number };

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 20, arbitrary: fc.record({ t: fc.constant('bid' as const), dt: fc.integer({ min: -5_000, max: 30_000 }), paddle: fc.integer({ min: 101, max: 106 }), steps: fc.integer({ min: -3, max: 60 }), offLadder: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 99 }) }), eligible: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), key: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('pause' as const), dt: fc.integer({ min: 0, max: 20_000 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('resume' as const), dt: fc.integer({ min: 0, max: 20_000 }) }) },
);

interface Run {
  r: LotRules;
  final: LotState;
  ledger: LedgerEvent[];
  accepted: { at: number; paddle: number; amountFen: number; endBefore: number }[];
  /** `repeatOf`: the outcome code of the same key earlier in the batch (this one only repeats it). */
  /** `batchAccepted`: the amounts accepted in the same batch. */
  refused: { at: number; code: string; stateBefore: LotState; amountFen: number; eligible: boolean; repeatOf: string | null; batchAccepted: number[] }[];
  closedEarly: { at: number; stateBefore: LotState }[];
}

/** Drives a lot the way the server does: batches of queued bids at one server time, the operator's pause/resume, the close. */
function simulate(r: LotRules, ops: Op[]): Run {
  let s = initialState(r);
  let now = T0 - 10_000;
  const ledger: LedgerEvent[] = [];
  const known = new Map<string, LedgerEvent>();
  const run: Run = { r, final: s, ledger, accepted: [], refused: [], closedEarly: [] };
  let i = 0;
  while (i < ops.length) {
    const op = ops[i] as Op;
    now += Math.max(0, op.dt);
    if (s.status === 'active' && now >= s.endsAt) {
      const c = closeLot(r, s, now);
      if (c.ok) {
        s = c.state;
        ledger.push(c.event);
      }
    }
    if (op.t === 'pause' || op.t === 'resume') {
      const o = op.t === 'pause' ? pauseLot(r, s, now, '测试暂停') : resumeLot(r, s, now);
      if (o.ok) {
        s = o.state;
        ledger.push(o.event);
      }
      i++;
      continue;
    }
    // A batch: this bid and the following ones with dt ≤ 0 arrive together.
    const batch: (Op & { t: 'bid' })[] = [op];
    while (i + batch.length < ops.length) {
      const next = ops[i + batch.length] as Op;
      if (next.t !== 'bid' || next.dt > 0) break;
      batch.push(next);
    }
    i += batch.length;
    const base = s.priceFen ?? r.startPriceFen;
    const pending: PendingBid[] = batch.map((b) => ({
      key: `k${b.key}`,
      paddle: b.paddle,
      amountFen: Math.max(1, base + b.steps * r.incrementFen + (b.offLadder % r.incrementFen === 0 ? 0 : b.offLadder % r.incrementFen)),
      eligible: b.eligible,
    }));
    const before = s;
    const res = applyBatch(r, s, pending, now, known);
    let cur = before;
    // A key repeated within the batch gets the first bid's outcome (idempotency), whatever it carries.
    const firstOfKey = new Map<string, string>();
    const acceptedNow: { event: LedgerEvent; p: PendingBid }[] = [];
    const refusedNow: Run['refused'] = [];
    const batchAccepted: number[] = [];
    res.outcomes.forEach((o, j) => {
      const p = pending[j] as PendingBid;
      const id = `${p.paddle}:${p.key}`;
      const repeatOf = firstOfKey.get(id);
      if (repeatOf === undefined) firstOfKey.set(id, o.ok ? 'accepted' : o.code);
      if (o.ok && !o.replayed) {
        acceptedNow.push({ event: o.event, p });
        batchAccepted.push(p.amountFen);
        known.set(id, o.event);
      } else if (!o.ok) refusedNow.push({ at: now, code: o.code, stateBefore: before, amountFen: p.amountFen, eligible: p.eligible, repeatOf: repeatOf ?? null, batchAccepted });
    });
    run.refused.push(...refusedNow);
    // In ledger order (a batch applies its bids in ascending amount).
    for (const { event, p } of acceptedNow.sort((a, b) => a.event.seq - b.event.seq)) {
      run.accepted.push({ at: event.at, paddle: p.paddle, amountFen: p.amountFen, endBefore: cur.endsAt });
      cur = { ...cur, endsAt: event.endsAt };
    }
    s = res.state;
    ledger.push(...res.events);
  }
  // Resume a paused lot and close it at its end.
  if (s.status === 'paused') {
    const o = resumeLot(r, s, now + 1);
    if (o.ok) {
      s = o.state;
      ledger.push(o.event);
    }
  }
  if (s.status === 'active') {
    run.closedEarly.push({ at: s.endsAt - 1, stateBefore: s });
    const c = closeLot(r, s, Math.max(now, s.endsAt));
    if (c.ok) {
      s = c.state;
      ledger.push(c.event);
    }
  }
  run.final = s;
  return run;
}

const arbRun = fc.tuple(arbRules, fc.array(arbOp, { minLength: 1, maxLength: 120 })).map(([r, ops]) => simulate(r, ops));
const PROPS = { numRuns: 300 };

describe('auction rule core — properties (fast-check)', () => {
  it('every ledger satisfies the invariants (ladder, price, end time, nothing after close)', () => {
    fc.assert(
      fc.property(arbRun, (run) => {
        expect(checkLedgerInvariants(run.r, run.ledger)).toEqual([]);
      }),
      PROPS,
    );
  });

  it('the winner holds the maximum valid bid, and only when it reaches the reserve', () => {
    fc.assert(
      fc.property(arbRun, (run) => {
        const close = run.ledger.find((e) => e.kind === 'close');
        expect(close).toBeDefined();
        const max = run.accepted.reduce<{ amountFen: number; paddle: number } | null>((m, b) => (m === null || b.amountFen > m.amountFen ? b : m), null);
        if (max && max.amountFen >= run.r.reserveFen) {
          expect(close).toMatchObject({ note: 'sold', paddle: max.paddle, amountFen: max.amountFen });
        } else {
          expect(close).toMatchObject({ note: 'unsold', paddle: null });
        }
      }),
      PROPS,
    );
  });

  it('the price never decreases and each accepted bid is on the ladder and ≥ the previous + increment', () => {
    fc.assert(
      fc.property(arbRun, (run) => {
        let prev: number | null = null;
        for (const b of run.accepted) {
          expect(isOnLadder(run.r, b.amountFen)).toBe(true);
          if (prev !== null) expect(b.amountFen).toBeGreaterThanOrEqual(prev + run.r.incrementFen);
          prev = b.amountFen;
        }
      }),
      PROPS,
    );
  });

  it('the end time only moves forward, and only because of a bid in the delay window (or a resume)', () => {
    fc.assert(
      fc.property(arbRun, (run) => {
        let end = initialState(run.r).endsAt;
        for (const e of run.ledger) {
          expect(e.endsAt).toBeGreaterThanOrEqual(end);
          if (e.endsAt > end) {
            expect(['bid', 'resume']).toContain(e.kind);
            if (e.kind === 'bid') expect(e.at).toBeGreaterThan(end - run.r.delayMs);
          }
          end = e.endsAt;
        }
      }),
      PROPS,
    );
  });

  it('accepts no bid at or after the end, before the start, or while paused', () => {
    fc.assert(
      fc.property(arbRun, (run) => {
        for (const b of run.accepted) {
          expect(b.at).toBeLessThan(b.endBefore);
          expect(b.at).toBeGreaterThanOrEqual(run.r.startsAt);
        }
        const closeAt = run.ledger.find((e) => e.kind === 'close')?.seq ?? Number.POSITIVE_INFINITY;
        expect(run.ledger.filter((e) => e.seq > closeAt)).toEqual([]);
        // After close, any bid is refused.
        const late = placeBid(run.r, run.final, { paddle: 101, amountFen: minimumBidFen(run.r, run.final), at: run.final.lastAt + 1, eligible: true });
        expect(late).toMatchObject({ ok: false, code: 'closed' });
      }),
      PROPS,
    );
  });

  it('refuses exactly for a true reason, and a valid bid in time is never refused', () => {
    fc.assert(
      fc.property(arbRun, (run) => {
        for (const f of run.refused) {
          if (f.repeatOf !== null) {
            // Idempotency: the answer of the key's first bid, not a new decision.
            expect(f.code).toBe(f.repeatOf);
            continue;
          }
          const s = f.stateBefore;
          if (f.code === 'off_ladder') expect(isOnLadder(run.r, f.amountFen)).toBe(false);
          if (f.code === 'not_confirmed') expect(f.eligible).toBe(false);
          if (f.code === 'not_started') expect(f.at).toBeLessThan(run.r.startsAt);
          if (f.code === 'closed') expect(s.status === 'closed' || f.at >= s.endsAt).toBe(true);
          if (f.code === 'paused') expect(s.status).toBe('paused');
          // Below the price before the batch, or at a price another bid of the batch took first:
          // never below a price set in the same batch by a higher bid read earlier.
          if (f.code === 'below_price') expect(f.amountFen < minimumBidFen(run.r, s) || f.batchAccepted.includes(f.amountFen)).toBe(true);
        }
      }),
      PROPS,
    );
  });

  it('replay of the ledger gives the same state and result', () => {
    fc.assert(
      fc.property(arbRun, (run) => {
        const r = replay(run.r, run.ledger);
        expect(r.mismatch).toBeNull();
        expect(r.state).toEqual(run.final);
        expect(r.decision).toEqual(closeDecision(run.r, run.final));
      }),
      PROPS,
    );
  });

  it('accepted bids = ledger bid entries, with no duplicate idempotency key applied twice', () => {
    fc.assert(
      fc.property(arbRun, (run) => {
        const bids = run.ledger.filter((e) => e.kind === 'bid');
        expect(bids.length).toBe(run.accepted.length);
        expect(new Set(bids.map((e) => e.seq)).size).toBe(bids.length);
      }),
      PROPS,
    );
  });

  it('a ledger whose last bid was altered no longer replays to its recorded close', () => {
    fc.assert(
      fc.property(arbRun, (run) => {
        const bids = run.ledger.filter((e) => e.kind === 'bid');
        fc.pre(bids.length > 0);
        const victim = bids[bids.length - 1] as LedgerEvent;
        const tampered = run.ledger.map((e) => (e === victim ? { ...e, amountFen: (e.amountFen ?? 0) + 1 } : e));
        expect(replay(run.r, tampered).ok).toBe(false);
      }),
      PROPS,
    );
  });
});

describe('auction rule core — boundaries', () => {
  const r = rules();
  const live = (s = initialState(r)) => s;

  it('refuses a bid before the start and at the exact end; accepts one a millisecond before', () => {
    const s = live();
    expect(placeBid(r, s, { paddle: 101, amountFen: r.startPriceFen, at: T0 - 1, eligible: true })).toMatchObject({ ok: false, code: 'not_started' });
    expect(placeBid(r, s, { paddle: 101, amountFen: r.startPriceFen, at: s.endsAt, eligible: true })).toMatchObject({ ok: false, code: 'closed' });
    expect(placeBid(r, s, { paddle: 101, amountFen: r.startPriceFen, at: s.endsAt - 1, eligible: true })).toMatchObject({ ok: true });
  });

  it('takes the start price as the first bid, then requires one more increment', () => {
    const a = placeBid(r, live(), { paddle: 101, amountFen: r.startPriceFen, at: T0, eligible: true });
    if (!a.ok) throw new Error(a.message);
    const same = placeBid(r, a.state, { paddle: 102, amountFen: r.startPriceFen, at: T0 + 1, eligible: true });
    expect(same).toMatchObject({ ok: false, code: 'below_price', minimumFen: r.startPriceFen + r.incrementFen });
    if (!same.ok) expect(same.message).toBe('当前价 100,000.00 元，出价至少 101,000.00 元');
    expect(placeBid(r, a.state, { paddle: 102, amountFen: r.startPriceFen + r.incrementFen, at: T0 + 1, eligible: true })).toMatchObject({ ok: true });
  });

  it('refuses an amount off the ladder with the start price and increment in the message', () => {
    const o = placeBid(r, live(), { paddle: 101, amountFen: r.startPriceFen + 50_00, at: T0, eligible: true });
    expect(o).toMatchObject({ ok: false, code: 'off_ladder' });
    if (!o.ok) expect(o.message).toBe('出价须为起拍价 100,000.00 元加整数倍加价幅度 1,000.00 元');
  });

  it('refuses an unconfirmed bidder', () => {
    expect(placeBid(r, live(), { paddle: 101, amountFen: r.startPriceFen, at: T0, eligible: false })).toMatchObject({ ok: false, code: 'not_confirmed' });
  });

  it('a bid in the last N minutes restarts an N-minute countdown; earlier bids do not move the end', () => {
    const s = live();
    const early = placeBid(r, s, { paddle: 101, amountFen: r.startPriceFen, at: s.endsAt - r.delayMs, eligible: true });
    expect(early).toMatchObject({ ok: true, event: { extended: false, endsAt: s.endsAt } });
    if (!early.ok) return;
    const late = placeBid(r, early.state, { paddle: 102, amountFen: r.startPriceFen + r.incrementFen, at: s.endsAt - 1000, eligible: true });
    expect(late).toMatchObject({ ok: true, event: { extended: true, endsAt: s.endsAt - 1000 + r.delayMs } });
  });

  it('never extends beyond the latest end', () => {
    const rl = rules({ latestEndAt: T0 + 67 * MIN });
    let s = initialState(rl);
    for (let k = 0; k < 20; k++) {
      const o = placeBid(rl, s, { paddle: 101 + (k % 2), amountFen: rl.startPriceFen + k * rl.incrementFen, at: s.endsAt - 1000, eligible: true });
      if (!o.ok) break;
      s = o.state;
    }
    expect(s.endsAt).toBe(T0 + 67 * MIN);
    expect(placeBid(rl, s, { paddle: 101, amountFen: minimumBidFen(rl, s), at: T0 + 67 * MIN, eligible: true })).toMatchObject({ ok: false, code: 'closed' });
  });

  it('at one price the first valid bid wins (group commit keeps arrival order)', () => {
    const out = applyBatch(r, live(), [
      { key: 'a', paddle: 101, amountFen: r.startPriceFen + r.incrementFen, eligible: true },
      { key: 'b', paddle: 102, amountFen: r.startPriceFen + r.incrementFen, eligible: true },
    ], T0 + 10, new Map());
    expect(out.outcomes.map((o) => o.ok)).toEqual([true, false]);
    expect(out.state.leaderPaddle).toBe(101);
  });

  it('a repeated idempotency key returns the first result and applies nothing', () => {
    const first = applyBatch(r, live(), [{ key: 'k1', paddle: 101, amountFen: r.startPriceFen, eligible: true }], T0 + 10, new Map());
    const ev = first.events[0] as LedgerEvent;
    const again = applyBatch(r, first.state, [
      { key: 'k1', paddle: 101, amountFen: r.startPriceFen + 5 * r.incrementFen, eligible: true },
      { key: 'k2', paddle: 102, amountFen: r.startPriceFen, eligible: true },
      { key: 'k2', paddle: 102, amountFen: r.startPriceFen, eligible: true },
    ], T0 + 20, new Map([['101:k1', ev]]));
    expect(again.outcomes[0]).toEqual({ ok: true, event: ev, replayed: true });
    expect(again.outcomes[1]).toMatchObject({ ok: false, code: 'below_price' });
    expect(again.outcomes[2]).toEqual(again.outcomes[1]);
    expect(again.state).toBe(first.state);
    // The same key of another paddle is another bid.
    const other = applyBatch(r, first.state, [{ key: 'k1', paddle: 102, amountFen: r.startPriceFen + r.incrementFen, eligible: true }], T0 + 30, new Map([['101:k1', ev]]));
    expect(other.outcomes[0]).toMatchObject({ ok: true, replayed: false });
  });

  it('closes sold at the reserve exactly, unsold one increment below or without bids', () => {
    const at = (price: number | null): LotState => ({ ...initialState(r), priceFen: price, leaderPaddle: price === null ? null : 101 });
    expect(closeDecision(r, at(r.reserveFen))).toEqual({ result: 'sold', priceFen: r.reserveFen, paddle: 101 });
    expect(closeDecision(r, at(r.reserveFen - r.incrementFen))).toMatchObject({ result: 'unsold' });
    expect(closeDecision(r, at(null))).toEqual({ result: 'unsold', priceFen: null, paddle: null });
  });

  it('a pause refuses bids; the resume gives the paused time back', () => {
    const s = live();
    const p = pauseLot(r, s, T0 + 10 * MIN, '系统维护');
    if (!p.ok) throw new Error(p.message);
    expect(placeBid(r, p.state, { paddle: 101, amountFen: r.startPriceFen, at: T0 + 11 * MIN, eligible: true })).toMatchObject({ ok: false, code: 'paused' });
    const q = resumeLot(r, p.state, T0 + 13 * MIN);
    if (!q.ok) throw new Error(q.message);
    expect(q.state.endsAt).toBe(s.endsAt + 3 * MIN);
    expect(closeLot(r, p.state, s.endsAt + 1)).toMatchObject({ ok: false });
  });
});
