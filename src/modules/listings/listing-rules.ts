/**
 * Pure rules of listings: the price, the listing period, and the dates of each phase. No I/O.
 */
import type { FieldError } from '../../platform/errors.js';
import { parseYuanToFen } from '../../platform/money.js';
import { PERIOD_BOUNDS } from './listing-codes.js';
import { type Day, nextWorkingDay, shanghaiDate, workingDayPeriod } from './working-days.js';

/** The listed price: yuan as typed → fen; more than 0, at most two decimals. */
export function parseListedPrice(input: string, path = 'price'): { fen: number } | { error: FieldError } {
  const r = parseYuanToFen(input);
  if (!r.ok) return { error: { path, message: `挂牌价格：${r.message}` } };
  if (r.fen <= 0) return { error: { path, message: '挂牌价格必须大于 0' } };
  return { fen: r.fen };
}

export type ListingPeriod = { kind: 'working_days'; workingDays: number } | { kind: 'end_date'; endDate: Day };

export interface ListingSchedule {
  publicityStart: Day;
  publicityEnd: Day;
  /** The first day delisting is possible. */
  openStart: Day;
  /** The last day delisting is possible (inclusive, Asia/Shanghai). */
  openEnd: Day;
}

/**
 * The dates of a listing approved on `approvedOn`: publicity of `publicityDays` working days from
 * the next working day, then open from the next working day after publicity until the period's end
 * (N working days, or the given end date). Errors name the field when the end date comes too early.
 */
export function scheduleListing(approvedOn: Day, publicityDays: number, period: ListingPeriod): ListingSchedule | { error: FieldError } {
  const publicity = workingDayPeriod(approvedOn, publicityDays);
  const openStart = nextWorkingDay(publicity.end);
  if (period.kind === 'working_days') {
    const open = workingDayPeriod(publicity.end, period.workingDays);
    return { publicityStart: publicity.start, publicityEnd: publicity.end, openStart, openEnd: open.end };
  }
  if (period.endDate < openStart) {
    return { error: { path: 'period.endDate', message: `挂牌截止日期须不早于公示期满后的首个工作日（${openStart}）` } };
  }
  return { publicityStart: publicity.start, publicityEnd: publicity.end, openStart, openEnd: period.endDate };
}

/** Checks a period at submission against a schedule as if approved today. */
export function checkPeriod(period: ListingPeriod, publicityDays: number, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const b = PERIOD_BOUNDS.listingWorkingDays;
  if (period.kind === 'working_days' && (period.workingDays < b.min || period.workingDays > b.max)) {
    errors.push({ path: 'period.workingDays', message: `挂牌期须为 ${b.min}–${b.max} 个工作日` });
  }
  if (period.kind === 'end_date') {
    const s = scheduleListing(shanghaiDate(now), publicityDays, period);
    if ('error' in s) errors.push(s.error);
  }
  return errors;
}

/** A number of working days within its bounds, or a field error. */
export function checkWorkingDays(path: string, n: number, bounds: { min: number; max: number }): FieldError | null {
  if (!Number.isInteger(n) || n < bounds.min || n > bounds.max) return { path, message: `须为 ${bounds.min}–${bounds.max} 个工作日` };
  return null;
}
