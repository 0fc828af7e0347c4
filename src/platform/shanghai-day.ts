/**
 * The Asia/Shanghai calendar day (YYYY-MM-DD) of an instant. Times are stored in UTC; deadlines,
 * publicity periods and registration dates are Shanghai days. China keeps UTC+8 all year.
 */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
