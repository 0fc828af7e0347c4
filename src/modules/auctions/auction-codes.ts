/**
 * Coded lists of the auctions module (网上拍卖会). Plain data with no imports, so the web app
 * bundles this file too.
 */
export interface AuctionCodeOption {
  value: string;
  label: string;
}

/** 专场 kinds: a session gathers lots of one industry or of one region. */
export const SESSION_KINDS = [
  { value: 'industry', label: '行业专场' },
  { value: 'region', label: '地区专场' },
] as const satisfies readonly AuctionCodeOption[];
export type SessionKind = (typeof SESSION_KINDS)[number]['value'];

/** The phase of a session or lot as the public sees it (derived from its lots and the clock). */
export const AUCTION_PHASES = [
  { value: 'upcoming', label: '即将开拍' },
  { value: 'live', label: '正在竞价' },
  { value: 'paused', label: '已暂停' },
  { value: 'closed', label: '已结束' },
] as const satisfies readonly AuctionCodeOption[];
export type AuctionPhase = (typeof AUCTION_PHASES)[number]['value'];

/** Stored lot status: active (upcoming or live by the clock), paused by the operator, closed. */
export const LOT_STATUSES = [
  { value: 'active', label: '竞价中/待开拍' },
  { value: 'paused', label: '已暂停' },
  { value: 'closed', label: '已结束' },
] as const satisfies readonly AuctionCodeOption[];
export type LotStatus = (typeof LOT_STATUSES)[number]['value'];

/** The outcome of a closed lot; `defaulted` when the winner failed to sign (保证金没收). */
export const LOT_RESULTS = [
  { value: 'sold', label: '已成交' },
  { value: 'unsold', label: '流拍' },
  { value: 'defaulted', label: '买受人违约' },
] as const satisfies readonly AuctionCodeOption[];
export type LotResult = (typeof LOT_RESULTS)[number]['value'];

/** 保证金 status of a registered bidder. */
export const DEPOSIT_STATUSES = [
  { value: 'pending', label: '待确认保证金' },
  { value: 'confirmed', label: '保证金已确认' },
  { value: 'applied', label: '已转作成交价款' },
  { value: 'released', label: '待退还' },
  { value: 'refunded', label: '已退还' },
  { value: 'forfeited', label: '已没收' },
] as const satisfies readonly AuctionCodeOption[];
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number]['value'];

/** Deal notice of an auction result, then the contract (like listings' deals). */
export const RESULT_STATUSES = [
  { value: 'notice', label: '成交公示中' },
  { value: 'awaiting_contract', label: '待签订合同' },
  { value: 'defaulted', label: '买受人违约' },
] as const satisfies readonly AuctionCodeOption[];

/** Fixed periods, in Chinese working days. */
export const AUCTION_PERIODS = {
  /** Deposits of the bidders who did not win are refunded within 5 working days of the close. */
  refundWorkingDays: 5,
  /** Public notice of the deal (成交公示). */
  dealNoticeWorkingDays: 5,
} as const;

/** Bounds of the lot parameters the operator sets. */
export const LOT_BOUNDS = {
  /** The delay window (限时竞价周期) in minutes. */
  delayMinutes: { min: 1, max: 60, default: 5 },
  /** The free-bidding window in minutes. */
  freeMinutes: { min: 1, max: 60 * 24 * 30 },
} as const;

export function auctionLabelOf(list: readonly AuctionCodeOption[], value: string): string {
  return list.find((o) => o.value === value)?.label ?? value;
}
