import chineseDays from 'chinese-days';
import { shanghaiDay } from '../../platform/shanghai-day.js';

/**
 * Chinese working days (工作日) for publicity periods (公示期) and deal notices (成交公示), on
 * Asia/Shanghai calendar dates written `YYYY-MM-DD`. Statutory holidays and make-up workdays (调休)
 * come from the npm package `chinese-days` (State Council notices, maintained upstream); nothing
 * here is typed by hand. Years the package does not know yet fall back to Monday–Friday.
 *
 * Why strings and a check: `chinese-days` reads a `YYYY-MM-DD` string as UTC midnight and then
 * uses local-time getters, and builds its holiday tables the same way, so in a process whose time
 * zone is behind UTC every answer is one day off. {@link assertCalendarSane} refuses such a process
 * (run the server with TZ=Asia/Shanghai or UTC) instead of publishing wrong dates.
 */
export type Day = string;

const DAY_MS = 86_400_000;

/** The Asia/Shanghai calendar date of an instant. */
export const shanghaiDate: (at: Date) => Day = shanghaiDay;

/** The instant a Shanghai calendar day begins (00:00 +08:00). */
export function shanghaiStartOf(day: Day): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`));
}

function addDays(day: Day, n: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

let checked = false;

/** Throws when the process time zone makes `chinese-days` answer for the wrong day (see above). */
export function assertCalendarSane(): void {
  if (checked) return;
  // 2026-10-10 (Saturday) is a make-up workday for National Day; 2026-10-01 is the holiday itself.
  const ok = chineseDays.isWorkday('2026-10-10') && !chineseDays.isWorkday('2026-10-01') && chineseDays.isWorkday('2026-09-30');
  if (!ok) throw new Error('工作日日历与进程时区不符：请以 TZ=Asia/Shanghai 或 TZ=UTC 运行服务（chinese-days 在 UTC 以西的时区会错一天）');
  checked = true;
}

/** Whether the day is a working day in mainland China (weekends off, holidays off, make-up days on). */
export function isWorkingDay(day: Day): boolean {
  assertCalendarSane();
  return chineseDays.isWorkday(day);
}

/** The first working day strictly after `day`. */
export function nextWorkingDay(day: Day): Day {
  let d = addDays(day, 1);
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/**
 * A period of `n` working days that starts on the next working day after `after` (the day of
 * submission, approval or the deal): `start` is its first day, `end` its last (both inclusive).
 */
export function workingDayPeriod(after: Day, n: number): { start: Day; end: Day } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days must be a positive integer, got ${n}`);
  const start = nextWorkingDay(after);
  let end = start;
  for (let i = 1; i < n; i++) end = nextWorkingDay(end);
  return { start, end };
}

/**
 * Working days of a period still ahead on `today`, counting `today` itself when it is a working
 * day inside the period: the countdown shown during publicity. 0 once the period has ended.
 */
export function workingDaysLeft(today: Day, start: Day, end: Day): number {
  let d = today < start ? start : today;
  let n = 0;
  while (d <= end) {
    if (isWorkingDay(d)) n++;
    d = addDays(d, 1);
  }
  return n;
}

/** Whether a whole period (through its last day, Asia/Shanghai) lies before the instant. */
export function hasEnded(end: Day, now: Date): boolean {
  return shanghaiDate(now) > end;
}
