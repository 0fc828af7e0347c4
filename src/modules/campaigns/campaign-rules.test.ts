import { describe, expect, it } from 'vitest';
import { breakdownKeyOf, campaignStatus, commonAncestor, monthsBetween, regionListIssues, shanghaiToday } from './campaign-rules.js';

const names: Record<string, string> = { '420000': '湖北省', '420100': '武汉市', '420111': '洪山区', '420500': '宜昌市' };
const nameOf = (code: string) => names[code] ?? code;

describe('shanghaiToday', () => {
  it('counts the day in Beijing time, not UTC', () => {
    expect(shanghaiToday(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01');
    expect(shanghaiToday(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
  });
});

describe('campaignStatus', () => {
  it('is active on the first and the last day', () => {
    expect(campaignStatus('2026-03-01', '2026-06-30', '2026-02-28')).toBe('upcoming');
    expect(campaignStatus('2026-03-01', '2026-06-30', '2026-03-01')).toBe('active');
    expect(campaignStatus('2026-03-01', '2026-06-30', '2026-06-30')).toBe('active');
    expect(campaignStatus('2026-03-01', '2026-06-30', '2026-07-01')).toBe('ended');
  });
});

describe('commonAncestor', () => {
  it('finds the narrowest region containing all', () => {
    expect(commonAncestor(['420111'])).toBe('420111');
    expect(commonAncestor(['420111', '420115'])).toBe('420100');
    expect(commonAncestor(['420100', '420500'])).toBe('420000');
    expect(commonAncestor(['420111', '420502'])).toBe('420000');
    expect(commonAncestor(['420100', '420111'])).toBe('420100');
  });
  it('has none across provinces or for nothing', () => {
    expect(commonAncestor(['420100', '430100'])).toBeNull();
    expect(commonAncestor([])).toBeNull();
  });
});

describe('regionListIssues', () => {
  it('flags repeats and regions inside another one of the list, at their index', () => {
    expect(regionListIssues(['420100', '420500'], nameOf)).toEqual([]);
    expect(regionListIssues(['420100', '420100'], nameOf)).toEqual([{ index: 1, message: '地区「武汉市」重复' }]);
    expect(regionListIssues(['420100', '420111'], nameOf)).toEqual([{ index: 1, message: '「洪山区」已包含在「武汉市」中，请只保留一个' }]);
  });
  it('rejects regions of different provinces', () => {
    expect(regionListIssues(['420100', '430100'], nameOf)).toEqual([{ index: 0, message: '所选地区应属于同一省份' }]);
  });
});

describe('monthsBetween', () => {
  it('lists every month of the period across a year end', () => {
    expect(monthsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03-01', '2026-03-31')).toEqual(['2026-03']);
  });
});

describe('breakdownKeyOf', () => {
  it('uses the campaign regions when there are several', () => {
    expect(breakdownKeyOf('420111', ['420100', '420500'])).toBe('420100');
    expect(breakdownKeyOf('420502', ['420100', '420500'])).toBe('420500');
    expect(breakdownKeyOf('420602', ['420100', '420500'])).toBeNull();
  });
  it('goes one level down inside a single region', () => {
    expect(breakdownKeyOf('420111', ['420000'])).toBe('420100');
    expect(breakdownKeyOf('420111', ['420100'])).toBe('420111');
    expect(breakdownKeyOf('420100', ['420100'])).toBe('420100');
    expect(breakdownKeyOf('420111', ['420111'])).toBe('420111');
  });
});
