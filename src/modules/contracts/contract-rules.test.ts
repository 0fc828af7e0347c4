import { describe, expect, it } from 'vitest';
import { checkPaidTotal, checkScheduleTotal, checkTransactionAmount, isPdf, isRealDay, parsePositiveAmount, shanghaiDay } from './contract-rules.js';

describe('amounts', () => {
  it('parses yuan exactly to the fen and names the field in every message', () => {
    expect(parsePositiveAmount('contractValue', '合同金额', '1,234,567.89')).toEqual({ fen: 123_456_789 });
    expect(parsePositiveAmount('contractValue', '合同金额', '12.5万')).toEqual({ fen: 12_500_000 });
    expect(parsePositiveAmount('contractValue', '合同金额', '-1')).toEqual({ error: { path: 'contractValue', message: '合同金额不能为负数' } });
    expect(parsePositiveAmount('contractValue', '合同金额', '1.005')).toEqual({ error: { path: 'contractValue', message: '合同金额最多精确到分（小数点后两位）' } });
    expect(parsePositiveAmount('contractValue', '合同金额', '0')).toEqual({ error: { path: 'contractValue', message: '合同金额必须大于 0' } });
    expect(parsePositiveAmount('contractValue', '合同金额', '')).toEqual({ error: { path: 'contractValue', message: '请填写合同金额' } });
  });

  it('keeps the schedule and the paid total within the contract value', () => {
    expect(checkScheduleTotal([30_000, 70_000], 100_000)).toBeNull();
    expect(checkScheduleTotal([30_000, 70_001], 100_000)?.path).toBe('schedule');
    expect(checkPaidTotal(60_000, 40_000, 100_000)).toBeNull();
    expect(checkPaidTotal(60_000, 40_001, 100_000)?.path).toBe('amount');
  });

  it('takes a transaction amount above zero and at most the contract value', () => {
    expect(checkTransactionAmount('1000', 100_000)).toEqual({ fen: 100_000 });
    expect(checkTransactionAmount('1000.01', 100_000)).toMatchObject({ error: { path: 'transactionAmount' } });
    expect(checkTransactionAmount('0', 100_000)).toMatchObject({ error: { message: '技术交易额必须大于 0' } });
  });
});

describe('files and days', () => {
  it('recognises a PDF by its bytes only', () => {
    expect(isPdf(Buffer.from('%PDF-1.7\n'))).toBe(true);
    expect(isPdf(Buffer.from('%PDF'))).toBe(false);
    expect(isPdf(Buffer.from('<html>%PDF-'))).toBe(false);
  });

  it('uses Asia/Shanghai days and refuses impossible dates', () => {
    expect(shanghaiDay(new Date('2026-01-31T16:00:00Z'))).toBe('2026-02-01');
    expect(shanghaiDay(new Date('2026-01-31T15:59:59Z'))).toBe('2026-01-31');
    expect(isRealDay('2026-02-29')).toBe(false);
    expect(isRealDay('2028-02-29')).toBe(true);
    expect(isRealDay('2026-2-1')).toBe(false);
  });
});
