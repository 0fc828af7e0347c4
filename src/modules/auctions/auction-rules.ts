/**
 * The rule core of an auction lot (网上拍卖), pure: no clock, no database. The server hands it the
 * lot's rules, its current state and a bid stamped with the server's time; it answers accepted
 * (with the new state and the ledger entry to append) or refused (with a reason code and a Chinese
 * message). `replay` re-applies a lot's ledger from the start and must reproduce the stored result.
 *
 * Money is integer fen. Times are epoch milliseconds taken from the server clock only: a client's
 * timestamp never reaches this file.
 *
 * The schedule (拍卖规则):
 * - free bidding (自由竞价) from `startsAt` to `freeEndsAt`, then a delay window (限时竞价) of
 *   `delayMs`: the lot first ends at `freeEndsAt + delayMs`;
 * - a bid in the last `delayMs` before the end restarts the countdown: end = bid time + delayMs
 *   (never beyond `latestEndAt`, the optional latest end);
 * - the ladder: every bid is `startPrice + k × increment` (k ≥ 0); the first bid is at least the
 *   start price, every later one at least the current price + one increment (at one price the
 *   first valid bid wins, because the next one at that price is no longer above the current price);
 * - a pause stops bidding; the resume moves the end (and the latest end) later by the paused time,
 *   so nobody loses bidding time;
 * - at the end: highest bid ≥ reserve (保留价, never shown) → sold, otherwise unsold.
 */

export interface LotRules {
  startPriceFen: number;
  incrementFen: number;
  /** 保留价: hidden; 0 = no reserve. */
  reserveFen: number;
  startsAt: number;
  /** End of free bidding: the delay window follows. */
  freeEndsAt: number;
  /** 延时周期 (N minutes) in ms. */
  delayMs: number;
  /** 最晚结束时间: the delay window never extends beyond it. */
  latestEndAt: number | null;
}

export type LotStatus = 'active' | 'paused' | 'closed';

export interface LotState {
  status: LotStatus;
  /** The current (highest accepted) price; null before the first bid. */
  priceFen: number | null;
  leaderPaddle: number | null;
  endsAt: number;
  latestEndAt: number | null;
  pausedAt: number | null;
  /** Seq of the last ledger entry (0 = none). */
  seq: number;
  /** Server time of the last ledger entry: ledger times never go backwards. */
  lastAt: number;
  bids: number;
  extensions: number;
}

export type RefusalCode = 'not_started' | 'paused' | 'closed' | 'not_confirmed' | 'off_ladder' | 'below_price' | 'invalid_amount';

/** The reason codes of a refused bid and their meaning (the message adds the figures). */
export const REFUSAL_LABELS: Record<RefusalCode | 'rate_limited', string> = {
  not_started: '竞价尚未开始',
  paused: '拍卖已暂停',
  closed: '竞价已结束',
  not_confirmed: '保证金未确认',
  off_ladder: '出价不在加价阶梯上',
  below_price: '出价低于最低应价',
  invalid_amount: '出价金额无效',
  rate_limited: '出价过于频繁',
};

export interface BidAttempt {
  paddle: number;
  amountFen: number;
  /** Server time when the bid is applied (never the client's). */
  at: number;
  /** The bidder's deposit is confirmed and the bidder is not suspended. */
  eligible: boolean;
}

export type LedgerKind = 'bid' | 'pause' | 'resume' | 'close';

/** What the ledger stores of each event (the database adds the hash chain). */
export interface LedgerEvent {
  seq: number;
  kind: LedgerKind;
  at: number;
  paddle: number | null;
  amountFen: number | null;
  /** The lot's end time after the event. */
  endsAt: number;
  /** True when a bid restarted the countdown. */
  extended: boolean;
  /** close: sold | unsold; pause: the reason. */
  note: string | null;
}

export type BidOutcome =
  | { ok: true; state: LotState; event: LedgerEvent }
  | { ok: false; code: RefusalCode; message: string; minimumFen: number | null };

export type CloseDecision = { result: 'sold'; priceFen: number; paddle: number } | { result: 'unsold'; priceFen: number | null; paddle: null };

const yuan = (fen: number) => {
  const s = String(Math.abs(fen)).padStart(3, '0');
  return `${fen < 0 ? '-' : ''}${s.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, ',')}.${s.slice(-2)}`;
};

const cap = (t: number, latest: number | null) => (latest === null ? t : Math.min(t, latest));

/** Checks the operator's parameters; returns field errors (path + Chinese message). */
export function checkLotRules(r: LotRules): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  const isFen = (n: number) => Number.isSafeInteger(n);
  if (!isFen(r.startPriceFen) || r.startPriceFen <= 0) errors.push({ path: 'startPrice', message: '起拍价必须大于 0' });
  if (!isFen(r.incrementFen) || r.incrementFen <= 0) errors.push({ path: 'increment', message: '加价幅度必须大于 0' });
  if (!isFen(r.reserveFen) || r.reserveFen < 0) errors.push({ path: 'reserve', message: '保留价不能为负数' });
  if (r.freeEndsAt <= r.startsAt) errors.push({ path: 'freeMinutes', message: '自由竞价期必须大于 0' });
  if (r.delayMs <= 0) errors.push({ path: 'delayMinutes', message: '限时竞价周期必须大于 0' });
  if (r.latestEndAt !== null && r.latestEndAt < r.freeEndsAt + r.delayMs) {
    errors.push({ path: 'latestEndAt', message: '最晚结束时间不能早于自由竞价期满后一个限时竞价周期' });
  }
  return errors;
}

/** The state of a lot before anything happened to it. */
export function initialState(r: LotRules): LotState {
  return {
    status: 'active',
    priceFen: null,
    leaderPaddle: null,
    endsAt: cap(r.freeEndsAt + r.delayMs, r.latestEndAt),
    latestEndAt: r.latestEndAt,
    pausedAt: null,
    seq: 0,
    lastAt: 0,
    bids: 0,
    extensions: 0,
  };
}

/** The lowest acceptable bid now: the start price, or the current price + one increment. */
export function minimumBidFen(r: LotRules, s: LotState): number {
  return s.priceFen === null ? r.startPriceFen : s.priceFen + r.incrementFen;
}

/** Whether the amount is on the ladder start + k × increment (k ≥ 0). */
export function isOnLadder(r: LotRules, amountFen: number): boolean {
  return Number.isSafeInteger(amountFen) && amountFen >= r.startPriceFen && (amountFen - r.startPriceFen) % r.incrementFen === 0;
}

/** Whether the lot accepts bids at `at` (ignoring who bids and how much). */
export function phaseAt(r: LotRules, s: LotState, at: number): 'upcoming' | 'live' | 'paused' | 'closed' {
  if (s.status === 'closed') return 'closed';
  if (s.status === 'paused') return 'paused';
  if (at >= s.endsAt) return 'closed';
  return at < r.startsAt ? 'upcoming' : 'live';
}

/**
 * Applies one bid. Refused bids change nothing. Accepted: the price and the leader move, and a bid
 * in the last `delayMs` before the end restarts the countdown (capped by the latest end).
 */
export function placeBid(r: LotRules, s: LotState, b: BidAttempt): BidOutcome {
  const refuse = (code: RefusalCode, message: string, minimumFen: number | null = null): BidOutcome => ({ ok: false, code, message, minimumFen });
  const at = Math.max(b.at, s.lastAt);
  const phase = phaseAt(r, s, at);
  if (phase === 'closed') return refuse('closed', '本标的竞价已结束，不再接受出价');
  if (phase === 'paused') return refuse('paused', '拍卖已暂停，暂不接受出价');
  if (phase === 'upcoming') return refuse('not_started', '竞价尚未开始，请于开拍后出价');
  if (!b.eligible) return refuse('not_confirmed', '您的竞买保证金尚未确认（或竞买资格已暂停），不能出价');
  if (!Number.isSafeInteger(b.amountFen) || b.amountFen <= 0) return refuse('invalid_amount', '出价金额无效');
  const min = minimumBidFen(r, s);
  if (!isOnLadder(r, b.amountFen)) {
    return refuse('off_ladder', `出价须为起拍价 ${yuan(r.startPriceFen)} 元加整数倍加价幅度 ${yuan(r.incrementFen)} 元`, min);
  }
  if (b.amountFen < min) {
    return refuse('below_price', s.priceFen === null ? `出价不能低于起拍价 ${yuan(min)} 元` : `当前价 ${yuan(s.priceFen)} 元，出价至少 ${yuan(min)} 元`, min);
  }
  let endsAt = s.endsAt;
  let extended = false;
  if (at > s.endsAt - r.delayMs) {
    const next = cap(at + r.delayMs, s.latestEndAt);
    if (next > endsAt) {
      endsAt = next;
      extended = true;
    }
  }
  const seq = s.seq + 1;
  const state: LotState = {
    ...s,
    priceFen: b.amountFen,
    leaderPaddle: b.paddle,
    endsAt,
    seq,
    lastAt: at,
    bids: s.bids + 1,
    extensions: s.extensions + (extended ? 1 : 0),
  };
  return { ok: true, state, event: { seq, kind: 'bid', at, paddle: b.paddle, amountFen: b.amountFen, endsAt, extended, note: null } };
}

export type ControlOutcome = { ok: true; state: LotState; event: LedgerEvent } | { ok: false; message: string };

/** The operator pauses bidding (with a reason, kept in the ledger). */
export function pauseLot(r: LotRules, s: LotState, at: number, reason: string): ControlOutcome {
  const t = Math.max(at, s.lastAt);
  const phase = phaseAt(r, s, t);
  if (phase === 'closed') return { ok: false, message: '竞价已结束，不能暂停' };
  if (phase === 'paused') return { ok: false, message: '拍卖已处于暂停状态' };
  const seq = s.seq + 1;
  const state: LotState = { ...s, status: 'paused', pausedAt: t, seq, lastAt: t };
  return { ok: true, state, event: { seq, kind: 'pause', at: t, paddle: null, amountFen: null, endsAt: s.endsAt, extended: false, note: reason } };
}

/** The operator resumes: the end (and the latest end) move later by the paused time. */
export function resumeLot(_r: LotRules, s: LotState, at: number): ControlOutcome {
  if (s.status !== 'paused' || s.pausedAt === null) return { ok: false, message: '拍卖未处于暂停状态' };
  const t = Math.max(at, s.lastAt);
  const shift = t - s.pausedAt;
  const endsAt = s.endsAt + shift;
  const seq = s.seq + 1;
  const state: LotState = {
    ...s,
    status: 'active',
    pausedAt: null,
    endsAt,
    latestEndAt: s.latestEndAt === null ? null : s.latestEndAt + shift,
    seq,
    lastAt: t,
  };
  return { ok: true, state, event: { seq, kind: 'resume', at: t, paddle: null, amountFen: null, endsAt, extended: false, note: null } };
}

/** Whether the lot is due to close at `now` (active and past its end; a paused lot waits). */
export function isDueToClose(s: LotState, now: number): boolean {
  return s.status === 'active' && now >= s.endsAt;
}

/** Sold when the highest bid reaches the reserve; unsold otherwise (no bid, or below reserve). */
export function closeDecision(r: LotRules, s: LotState): CloseDecision {
  if (s.priceFen !== null && s.leaderPaddle !== null && s.priceFen >= r.reserveFen) return { result: 'sold', priceFen: s.priceFen, paddle: s.leaderPaddle };
  return { result: 'unsold', priceFen: s.priceFen, paddle: null };
}

/** Closes the lot at `now` (≥ its end): the decision and the ledger's close entry. */
export function closeLot(r: LotRules, s: LotState, now: number): { ok: true; state: LotState; event: LedgerEvent; decision: CloseDecision } | { ok: false; message: string } {
  if (!isDueToClose(s, now)) return { ok: false, message: s.status === 'closed' ? '竞价已结束' : '尚未到结束时间' };
  const decision = closeDecision(r, s);
  const seq = s.seq + 1;
  // The close is stamped with the end time itself, so replay does not depend on when the sweep ran.
  const at = Math.max(s.endsAt, s.lastAt);
  const state: LotState = { ...s, status: 'closed', seq, lastAt: at };
  return { ok: true, state, decision, event: { seq, kind: 'close', at, paddle: decision.paddle, amountFen: decision.priceFen, endsAt: s.endsAt, extended: false, note: decision.result } };
}

export interface ReplayResult {
  /** True when every entry re-applies exactly as stored. */
  ok: boolean;
  state: LotState;
  decision: CloseDecision | null;
  /** The first entry that does not re-apply, with the reason. */
  mismatch: { seq: number; reason: string } | null;
}

/**
 * Re-applies the ledger from the initial state. Every stored entry must be accepted again and give
 * the same end time; the close entry must carry the same decision. The result is the lot's state
 * and (once closed) its decision, to compare with what the database holds.
 */
export function replay(r: LotRules, entries: readonly LedgerEvent[]): ReplayResult {
  let s = initialState(r);
  let decision: CloseDecision | null = null;
  const fail = (seq: number, reason: string): ReplayResult => ({ ok: false, state: s, decision, mismatch: { seq, reason } });
  for (const e of entries) {
    if (e.seq !== s.seq + 1) return fail(e.seq, `序号不连续：应为 ${s.seq + 1}`);
    if (e.at < s.lastAt) return fail(e.seq, '时间早于上一条记录');
    if (e.kind === 'bid') {
      const o = placeBid(r, s, { paddle: e.paddle ?? -1, amountFen: e.amountFen ?? -1, at: e.at, eligible: true });
      if (!o.ok) return fail(e.seq, `重放时该出价不成立：${o.message}`);
      if (o.state.endsAt !== e.endsAt || o.event.extended !== e.extended) return fail(e.seq, '结束时间与记录不符');
      s = o.state;
    } else if (e.kind === 'pause' || e.kind === 'resume') {
      const o = e.kind === 'pause' ? pauseLot(r, s, e.at, e.note ?? '') : resumeLot(r, s, e.at);
      if (!o.ok) return fail(e.seq, o.message);
      if (o.state.endsAt !== e.endsAt) return fail(e.seq, '结束时间与记录不符');
      s = o.state;
    } else {
      const o = closeLot(r, s, Math.max(e.at, s.endsAt));
      if (!o.ok) return fail(e.seq, o.message);
      if (o.decision.result !== e.note || o.decision.priceFen !== e.amountFen || o.decision.paddle !== e.paddle) return fail(e.seq, '成交结果与记录不符');
      s = o.state;
      decision = o.decision;
    }
  }
  return { ok: true, state: s, decision, mismatch: null };
}

/**
 * The invariants of a lot's ledger, checked independently of `placeBid` (property tests and the
 * load benchmark): seq contiguous; time never backwards; the price never decreases; every bid on
 * the ladder and ≥ the previous + one increment; the end only moves forward, and only through a
 * bid in the delay window (or a resume after a pause); no bid after the close or at/after the end;
 * at most one close, and it names the maximum bid as winner when that reaches the reserve.
 * Returns the violations (empty when all hold).
 */
export function checkLedgerInvariants(r: LotRules, entries: readonly LedgerEvent[]): string[] {
  const errors: string[] = [];
  let end = initialState(r).endsAt;
  let price: number | null = null;
  let leader: number | null = null;
  let lastAt = Number.NEGATIVE_INFINITY;
  let closed = false;
  let paused = false;
  let pausedAt = 0;
  let pausedTotal = 0;
  entries.forEach((e, i) => {
    const where = `#${e.seq}`;
    if (e.seq !== i + 1) errors.push(`${where}: 序号不连续`);
    if (e.at < lastAt) errors.push(`${where}: 时间倒退`);
    lastAt = e.at;
    if (closed) errors.push(`${where}: 结束后仍有记录`);
    if (e.endsAt < end) errors.push(`${where}: 结束时间提前`);
    if (e.kind === 'bid') {
      const a = e.amountFen ?? Number.NaN;
      if (paused) errors.push(`${where}: 暂停期间出价`);
      if (e.at < r.startsAt) errors.push(`${where}: 开拍前出价`);
      if (e.at >= end) errors.push(`${where}: 结束后出价`);
      if (!isOnLadder(r, a)) errors.push(`${where}: 出价不在阶梯上`);
      if (price !== null && a < price + r.incrementFen) errors.push(`${where}: 出价低于上一价加一个加价幅度`);
      if (price !== null && a < price) errors.push(`${where}: 价格下降`);
      const inDelay = e.at > end - r.delayMs;
      if (e.endsAt > end && !inDelay) errors.push(`${where}: 非限时竞价期的出价延长了结束时间`);
      if (e.endsAt > e.at + r.delayMs && e.endsAt > end) errors.push(`${where}: 延时超过一个限时竞价周期`);
      if (r.latestEndAt !== null && e.endsAt > end && e.endsAt > r.latestEndAt + pausedTotal) errors.push(`${where}: 延时超过最晚结束时间`);
      if (e.extended !== e.endsAt > end) errors.push(`${where}: 延时标记不符`);
      price = a;
      leader = e.paddle;
    } else if (e.kind === 'pause') {
      if (e.endsAt !== end) errors.push(`${where}: 暂停改变了结束时间`);
      paused = true;
      pausedAt = e.at;
    } else if (e.kind === 'resume') {
      if (paused) pausedTotal += e.at - pausedAt;
      paused = false;
    } else {
      closed = true;
      if (e.at < end) errors.push(`${where}: 提前结束`);
      const sold = price !== null && price >= r.reserveFen;
      if (e.note !== (sold ? 'sold' : 'unsold')) errors.push(`${where}: 成交结果不符`);
      if (sold && (e.paddle !== leader || e.amountFen !== price)) errors.push(`${where}: 买受人不是最高出价者`);
    }
    end = e.endsAt;
  });
  return errors;
}

/** A bid waiting in a lot's queue: `key` is the bidder's idempotency key. */
export interface PendingBid {
  key: string;
  paddle: number;
  amountFen: number;
  eligible: boolean;
}

export type BatchOutcome = { ok: true; event: LedgerEvent; replayed: boolean } | { ok: false; code: RefusalCode; message: string; minimumFen: number | null };

/**
 * Group commit: applies queued bids at one server time, in ascending amount and, at one amount, in
 * arrival order (so at one price the first valid bid wins). Every bid of a batch carries the same
 * server time, and arrival order inside it is only the order in which this process read its
 * sockets: in that order a bid sent a moment before a higher one but read after it was refused as
 * below a price set in the same instant (bench:auction on PGlite: a third of its bids). The winner
 * and the price are the same either way. An idempotency key already in the ledger (`known`, by
 * paddle and key) or earlier in the batch (by arrival) gets the first result again and changes
 * nothing, so a retried request is never applied twice. Outcomes are in the order of `bids`.
 */
export function applyBatch(r: LotRules, s: LotState, bids: readonly PendingBid[], at: number, known: ReadonlyMap<string, LedgerEvent>) {
  const outcomes: (BatchOutcome | undefined)[] = new Array<BatchOutcome | undefined>(bids.length);
  /** Index of the first bid of each key in the batch; later ones repeat its outcome. */
  const firstOf = new Map<string, number>();
  const order: number[] = [];
  bids.forEach((b, i) => {
    const id = `${b.paddle}:${b.key}`;
    const before = known.get(id);
    if (before) outcomes[i] = { ok: true, event: before, replayed: true };
    else if (!firstOf.has(id)) {
      firstOf.set(id, i);
      order.push(i);
    }
  });
  order.sort((a, b) => (bids[a]?.amountFen ?? 0) - (bids[b]?.amountFen ?? 0) || a - b);
  let state = s;
  const events: LedgerEvent[] = [];
  for (const i of order) {
    const b = bids[i] as PendingBid;
    const o = placeBid(r, state, { paddle: b.paddle, amountFen: b.amountFen, at, eligible: b.eligible });
    if (o.ok) {
      state = o.state;
      events.push(o.event);
    }
    outcomes[i] = o.ok ? { ok: true, event: o.event, replayed: false } : o;
  }
  const all = bids.map((b, i): BatchOutcome => {
    const own = outcomes[i];
    if (own) return own;
    const first = outcomes[firstOf.get(`${b.paddle}:${b.key}`) ?? -1] as BatchOutcome;
    return first.ok ? { ...first, replayed: true } : first;
  });
  return { state, events, outcomes: all };
}
