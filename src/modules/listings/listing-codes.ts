/**
 * Coded lists of the listings module (挂牌/摘牌). Plain data with no imports, so the web app
 * bundles this file too.
 */
export interface ListingCodeOption {
  value: string;
  label: string;
}

/** 交易方式: how the achievement changes hands. */
export const LISTING_MODES = [
  { value: 'transfer', label: '转让' },
  { value: 'licence_exclusive', label: '独占许可' },
  { value: 'licence_sole', label: '排他许可' },
  { value: 'licence_non_exclusive', label: '普通许可' },
  { value: 'equity', label: '作价入股' },
  { value: 'joint_development', label: '合作开发' },
] as const satisfies readonly ListingCodeOption[];
export type ListingMode = (typeof LISTING_MODES)[number]['value'];
export const LISTING_MODE_VALUES = LISTING_MODES.map((m) => m.value) as [ListingMode, ...ListingMode[]];

/**
 * Life cycle: pending_review (待审核) → publicity (公示中) → open (挂牌中) → delisted (已摘牌) or
 * expired (已到期); rejected (未通过) by the reviewer; withdrawn (已撤销) by the owner or an upheld objection.
 */
export const LISTING_STATUSES = [
  { value: 'pending_review', label: '待审核' },
  { value: 'publicity', label: '公示中' },
  { value: 'open', label: '挂牌中' },
  { value: 'delisted', label: '已摘牌' },
  { value: 'expired', label: '已到期' },
  { value: 'rejected', label: '未通过' },
  { value: 'withdrawn', label: '已撤销' },
] as const satisfies readonly ListingCodeOption[];
export type ListingStatus = (typeof LISTING_STATUSES)[number]['value'];
export const LISTING_STATUS_VALUES = LISTING_STATUSES.map((m) => m.value) as [ListingStatus, ...ListingStatus[]];

/** Statuses that hold the achievement: one such listing per achievement. */
export const ACTIVE_LISTING_STATUSES: ListingStatus[] = ['pending_review', 'publicity', 'open'];
/** Statuses everyone sees (published at some point). */
export const PUBLIC_LISTING_STATUSES: ListingStatus[] = ['publicity', 'open', 'delisted', 'expired', 'withdrawn'];

export const DEAL_STATUSES = [
  { value: 'notice', label: '成交公示中' },
  { value: 'awaiting_contract', label: '待签订合同' },
] as const satisfies readonly ListingCodeOption[];
export type DealStatus = (typeof DEAL_STATUSES)[number]['value'];

export const OBJECTION_STATUSES = [
  { value: 'pending', label: '待处理' },
  { value: 'upheld', label: '异议成立' },
  { value: 'dismissed', label: '异议不成立' },
] as const satisfies readonly ListingCodeOption[];
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number]['value'];

/** Defaults and bounds of the working-day periods (the operator edits the defaults within the bounds). */
export const PERIOD_BOUNDS = {
  publicityWorkingDays: { default: 5, min: 5, max: 30 },
  dealNoticeWorkingDays: { default: 5, min: 3, max: 30 },
  /** The listing period when given in working days. */
  listingWorkingDays: { min: 5, max: 250 },
} as const;

export function listingLabelOf(list: readonly ListingCodeOption[], value: string): string {
  return list.find((o) => o.value === value)?.label ?? value;
}
