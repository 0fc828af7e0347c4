/**
 * Row → rule-core and row → API conversions of the auctions module (pure).
 */
import type { Actor } from '../../platform/auth.js';
import { fenToYuanString } from '../../platform/money.js';
import { AUCTION_PHASES, auctionLabelOf, DEPOSIT_STATUSES, LOT_RESULTS, RESULT_STATUSES } from './auction-codes.js';
import type { HashedEvent } from './auction-ledger.js';
import { type CloseDecision, type LedgerEvent, type LotRules, type LotState, minimumBidFen, phaseAt } from './auction-rules.js';
import { isOperator, lotActions } from './auctions.policy.js';
import type { BidderRow, BidRow, LotExpectation, LotRow, ResultRow } from './auctions.queries.js';
import type { LotOut } from './auctions.schemas.js';

/** A ledger entry as the public sees it (no bidder id, no idempotency key). */
export interface LedgerEntry {
  seq: number;
  kind: string;
  paddle: number | null;
  amountFen: number | null;
  at: string;
  atMs: number;
  endsAtMs: number;
  extended: boolean;
  note: string | null;
  prevHash: string;
  hash: string;
}

export function rulesOf(l: LotRow): LotRules {
  return {
    startPriceFen: l.startPriceFen,
    incrementFen: l.incrementFen,
    reserveFen: l.reserveFen,
    startsAt: l.startsAt.getTime(),
    freeEndsAt: l.freeEndsAt.getTime(),
    delayMs: l.delayMinutes * 60_000,
    latestEndAt: l.latestEndAt?.getTime() ?? null,
  };
}

export function stateOf(l: LotRow): LotState {
  return {
    status: l.status as LotState['status'],
    priceFen: l.priceFen,
    leaderPaddle: l.leaderPaddle,
    endsAt: l.endsAt.getTime(),
    latestEndAt: l.currentLatestEndAt?.getTime() ?? null,
    pausedAt: l.pausedAt?.getTime() ?? null,
    seq: l.lastSeq,
    lastAt: l.lastAtMs,
    bids: l.bidCount,
    extensions: l.extensions,
  };
}

/**
 * What a process keeps of a lot between batches: its rules and state for the rule core, and what
 * a batch computed on them expects of the row (see auctions.queries commitBatchIfUnchanged).
 */
export interface CachedLot {
  rules: LotRules;
  state: LotState;
  expect: LotExpectation;
}

export function cachedLot(l: LotRow): CachedLot {
  return {
    rules: rulesOf(l),
    state: stateOf(l),
    expect: {
      lastSeq: l.lastSeq,
      lastHash: l.lastHash,
      startPriceFen: l.startPriceFen,
      incrementFen: l.incrementFen,
      reserveFen: l.reserveFen,
      startsAt: l.startsAt,
      freeEndsAt: l.freeEndsAt,
      delayMinutes: l.delayMinutes,
      latestEndAt: l.latestEndAt,
    },
  };
}

/** The lot row's columns for a new state (after bids, a pause, a resume or the close). */
export function stateColumns(s: LotState, lastHash: string) {
  return {
    status: s.status,
    priceFen: s.priceFen,
    leaderPaddle: s.leaderPaddle,
    endsAt: new Date(s.endsAt),
    currentLatestEndAt: s.latestEndAt === null ? null : new Date(s.latestEndAt),
    pausedAt: s.pausedAt === null ? null : new Date(s.pausedAt),
    lastSeq: s.seq,
    lastHash,
    lastAtMs: s.lastAt,
    bidCount: s.bids,
    extensions: s.extensions,
  };
}

/** The lot columns a close sets besides its state: the result and when. */
export function closeColumns(c: { event: LedgerEvent; decision: CloseDecision }) {
  return { result: c.decision.result, closedAt: new Date(c.event.at) };
}

export function eventOfRow(r: BidRow): HashedEvent {
  return {
    seq: r.seq,
    kind: r.kind as HashedEvent['kind'],
    at: r.atMs,
    paddle: r.paddle,
    amountFen: r.amountFen,
    endsAt: r.endsAtMs,
    extended: r.extended,
    note: r.note,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

export function entryOf(e: HashedEvent): LedgerEntry {
  return {
    seq: e.seq,
    kind: e.kind,
    paddle: e.paddle,
    amountFen: e.amountFen,
    at: new Date(e.at).toISOString(),
    atMs: e.at,
    endsAtMs: e.endsAt,
    extended: e.extended,
    note: e.note,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

export function lotOut(l: LotRow, ownerName: string, actor: Actor | null, mine: BidderRow | undefined, now: number): LotOut {
  const rules = rulesOf(l);
  const state = stateOf(l);
  const phase = phaseAt(rules, state, now);
  return {
    id: l.id,
    sessionId: l.sessionId,
    achievementId: l.achievementId,
    title: l.title,
    owner: { id: l.ownerOrganizationId, name: ownerName },
    regionCode: l.regionCode,
    startPriceFen: l.startPriceFen,
    incrementFen: l.incrementFen,
    depositFen: l.depositFen,
    reserveFen: isOperator(actor) ? l.reserveFen : null,
    startsAt: l.startsAt.toISOString(),
    freeEndsAt: l.freeEndsAt.toISOString(),
    delayMinutes: l.delayMinutes,
    latestEndAt: l.currentLatestEndAt?.toISOString() ?? null,
    status: l.status,
    phase,
    phaseLabel: auctionLabelOf(AUCTION_PHASES, phase),
    pauseReason: l.status === 'paused' ? l.pauseReason : null,
    priceFen: l.priceFen,
    leaderPaddle: l.leaderPaddle,
    minimumBidFen: minimumBidFen(rules, state),
    endsAt: l.endsAt.toISOString(),
    endsAtMs: l.endsAt.getTime(),
    serverNowMs: now,
    bidCount: l.bidCount,
    extensions: l.extensions,
    lastSeq: l.lastSeq,
    result: l.result,
    resultLabel: l.result ? auctionLabelOf(LOT_RESULTS, l.result) : null,
    closedAt: l.closedAt?.toISOString() ?? null,
    allowedActions: lotActions(actor, l, mine),
  };
}

export function myBidderOut(b: BidderRow) {
  return {
    id: b.id,
    depositStatus: b.depositStatus,
    depositStatusLabel: auctionLabelOf(DEPOSIT_STATUSES, b.depositStatus),
    paddle: b.paddle,
    suspended: b.suspended,
    refundDueOn: b.refundDueOn,
  };
}

export function bidderOut(b: BidderRow, lotTitle: string, orgName: string, today: string) {
  return {
    id: b.id,
    lotId: b.lotId,
    lotTitle,
    organization: { id: b.organizationId, name: orgName },
    depositFen: b.depositFen,
    depositStatus: b.depositStatus,
    depositStatusLabel: auctionLabelOf(DEPOSIT_STATUSES, b.depositStatus),
    paymentReference: b.paymentReference,
    paddle: b.paddle,
    refundDueOn: b.refundDueOn,
    refundedAt: b.refundedAt?.toISOString() ?? null,
    refundReference: b.refundReference,
    isRefundOverdue: b.depositStatus === 'released' && b.refundDueOn !== null && b.refundDueOn < today,
    suspended: b.suspended,
    suspendedReason: b.suspendedReason,
    createdAt: b.createdAt.toISOString(),
  };
}

export function resultOut(r: ResultRow, buyerName: string | null) {
  return {
    id: r.id,
    status: r.status,
    statusLabel: auctionLabelOf(RESULT_STATUSES, r.status),
    paddle: r.paddle,
    priceFen: r.priceFen,
    price: fenToYuanString(r.priceFen),
    confirmationNumber: r.confirmationNumber,
    noticeStart: r.noticeStart,
    noticeEnd: r.noticeEnd,
    contractId: r.contractId,
    buyer: buyerName === null ? null : { id: r.buyerOrganizationId, name: buyerName },
  };
}
