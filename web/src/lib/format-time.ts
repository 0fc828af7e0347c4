/**
 * Every time on screen goes through here. The API speaks UTC ISO-8601; people in Hubei read
 * Beijing time whatever their device's time zone is.
 */
const TIME_ZONE = 'Asia/Shanghai';

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const dateFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function toDate(value: string | Date): Date | undefined {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `2025/03/01 09:30`, Beijing time; an em dash for a missing or unreadable value. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const date = toDate(value);
  return date ? dateTimeFormat.format(date) : '—';
}

/** `2025/03/01`, Beijing time. */
export function formatDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const date = toDate(value);
  return date ? dateFormat.format(date) : '—';
}

/** The instant a Beijing calendar day (`YYYY-MM-DD`) starts, as a UTC ISO string for filters. */
export function shanghaiDayStart(day: string): string | undefined {
  return toDate(`${day}T00:00:00+08:00`)?.toISOString();
}

/** The last millisecond of a Beijing calendar day, so a "to" filter includes the whole day. */
export function shanghaiDayEnd(day: string): string | undefined {
  return toDate(`${day}T23:59:59.999+08:00`)?.toISOString();
}

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `09:30:05`, Beijing time (e.g. "已自动保存 09:30:05"). */
export function formatTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const date = toDate(value);
  return date ? timeFormat.format(date) : '—';
}

/**
 * How long ago `since` was, in days and hours ("3 天 5 小时"), hours and minutes ("5 小时 12 分钟")
 * or minutes ("12 分钟"); "不到 1 分钟" for less. For waiting times in review queues.
 */
export function formatElapsed(since: string | Date | null | undefined, now: Date = new Date()): string {
  if (since === null || since === undefined) return '—';
  const date = toDate(since);
  if (!date) return '—';
  const minutes = Math.max(0, Math.floor((now.getTime() - date.getTime()) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days} 天 ${hours} 小时`;
  if (hours > 0) return `${hours} 小时 ${rest} 分钟`;
  if (rest > 0) return `${rest} 分钟`;
  return '不到 1 分钟';
}

const dayPartsFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's Beijing calendar day as `YYYY-MM-DD` (date inputs' `min`, default dates of forms). */
export function shanghaiToday(now: Date = new Date()): string {
  return dayPartsFormat.format(now);
}
