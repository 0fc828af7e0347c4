import { describe, expect, it } from 'vitest';
import { checkPeriod, checkWorkingDays, parseListedPrice, scheduleListing } from './listing-rules.js';

describe('listed price (exact money)', () => {
  it('reads yuan into whole fen without floating point', () => {
    expect(parseListedPrice('1,200,000.50')).toEqual({ fen: 120_000_050 });
    expect(parseListedPrice('0.01')).toEqual({ fen: 1 });
    expect(parseListedPrice('120万')).toEqual({ fen: 120_000_000 });
    expect(parseListedPrice('0.10')).toEqual({ fen: 10 });
  });

  it('refuses zero, negative amounts and three decimals with a Chinese field error', () => {
    expect(parseListedPrice('0')).toEqual({ error: { path: 'price', message: '挂牌价格必须大于 0' } });
    const neg = parseListedPrice('-5');
    expect('error' in neg && neg.error.message).toContain('不能为负数');
    const three = parseListedPrice('12.345');
    expect('error' in three && three.error).toMatchObject({ path: 'price' });
    expect('error' in three && three.error.message).toContain('精确到分');
    expect('error' in parseListedPrice('abc')).toBe(true);
  });
});

describe('listing schedule', () => {
  it('puts publicity after approval and the open period after publicity', () => {
    expect(scheduleListing('2026-09-29', 5, { kind: 'working_days', workingDays: 5 })).toEqual({
      publicityStart: '2026-09-30',
      publicityEnd: '2026-10-12',
      openStart: '2026-10-13',
      openEnd: '2026-10-19',
    });
  });

  it('takes an end date on or after the first open day, and refuses an earlier one', () => {
    expect(scheduleListing('2026-09-29', 5, { kind: 'end_date', endDate: '2026-10-13' })).toMatchObject({ openStart: '2026-10-13', openEnd: '2026-10-13' });
    const early = scheduleListing('2026-09-29', 5, { kind: 'end_date', endDate: '2026-10-12' });
    expect(early).toMatchObject({ error: { path: 'period.endDate' } });
  });

  it('checks the period bounds at submission', () => {
    const now = new Date('2026-09-29T02:00:00Z');
    expect(checkPeriod({ kind: 'working_days', workingDays: 4 }, 5, now)).toMatchObject([{ path: 'period.workingDays' }]);
    expect(checkPeriod({ kind: 'working_days', workingDays: 20 }, 5, now)).toEqual([]);
    expect(checkPeriod({ kind: 'end_date', endDate: '2026-10-01' }, 5, now)).toMatchObject([{ path: 'period.endDate' }]);
    expect(checkWorkingDays('publicityWorkingDays', 4, { min: 5, max: 30 })).toMatchObject({ path: 'publicityWorkingDays' });
    expect(checkWorkingDays('publicityWorkingDays', 5, { min: 5, max: 30 })).toBeNull();
  });
});
