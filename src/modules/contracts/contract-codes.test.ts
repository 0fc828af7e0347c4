import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  CONTRACT_TYPES,
  categoryOf,
  cityOf,
  decisionDueOn,
  formatRegistrationNumber,
  isOverdue,
  parseRegistrationNumber,
  roleNameOf,
  typeDigitOf,
} from './contract-codes.js';

describe('registration number', () => {
  it('is region (6) + year (4) + type digit (1) + serial (5)', () => {
    expect(formatRegistrationNumber('420111', 2026, 'development_commissioned', 1)).toBe('4201112026100001');
    expect(formatRegistrationNumber('420502', 2026, 'transfer_patent_application', 123)).toBe('4205022026200123');
    expect(formatRegistrationNumber('420100', 2027, 'license_patent', 99_999)).toBe('4201002027399999');
    expect(formatRegistrationNumber('420100', 2027, 'consulting', 7)).toHaveLength(16);
    expect(formatRegistrationNumber('420100', 2027, 'service_intermediary', 7).charAt(10)).toBe('5');
  });

  it('refuses impossible parts instead of printing a wrong number', () => {
    expect(() => formatRegistrationNumber('4201', 2026, 'consulting', 1)).toThrow(RangeError);
    expect(() => formatRegistrationNumber('420100', 26, 'consulting', 1)).toThrow(RangeError);
    expect(() => formatRegistrationNumber('420100', 2026, 'sale', 1)).toThrow(RangeError);
    expect(() => formatRegistrationNumber('420100', 2026, 'consulting', 0)).toThrow(RangeError);
    expect(() => formatRegistrationNumber('420100', 2026, 'consulting', 100_000)).toThrow(RangeError);
  });

  it('parses back', () => {
    expect(parseRegistrationNumber('4201112026100001')).toEqual({ regionCode: '420111', year: 2026, category: 'development', serial: 1 });
    expect(parseRegistrationNumber('4201112026600001')).toBeNull();
    expect(parseRegistrationNumber('4201112026100000')).toBeNull();
    expect(parseRegistrationNumber('420111202610001')).toBeNull();
  });

  it('gives every type a category and a digit 1–5', () => {
    for (const t of CONTRACT_TYPES) expect(typeDigitOf(t.value)).toMatch(/^[1-5]$/);
    expect(categoryOf('service_training')).toBe('service');
    expect(typeDigitOf('nope')).toBeNull();
  });
});

describe('decision due day and overdue', () => {
  it('is 30 calendar days after acceptance, across months and leap days', () => {
    expect(decisionDueOn('2026-01-15')).toBe('2026-02-14');
    expect(decisionDueOn('2028-02-01')).toBe('2028-03-02');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('is overdue only when accepted and today is after the due day', () => {
    expect(isOverdue('accepted', '2026-02-14', '2026-02-14')).toBe(false);
    expect(isOverdue('accepted', '2026-02-14', '2026-02-15')).toBe(true);
    expect(isOverdue('registered', '2026-02-14', '2026-03-01')).toBe(false);
    expect(isOverdue('submitted', null, '2026-03-01')).toBe(false);
  });
});

describe('names', () => {
  it('names the roles as the contract type does', () => {
    expect(roleNameOf('development_commissioned', 'buyer')).toBe('委托方');
    expect(roleNameOf('development_commissioned', 'seller')).toBe('研究开发方');
    expect(roleNameOf('transfer_technical_secret', 'seller')).toBe('让与方');
    expect(roleNameOf('license_patent', 'buyer')).toBe('被许可方');
    expect(roleNameOf('service_training', 'seller')).toBe('受托方');
    expect(roleNameOf('consulting', 'intermediary')).toBe('中介方');
  });

  it('groups regions by city for statistics', () => {
    expect(cityOf('420111')).toBe('420100');
    expect(cityOf('420100')).toBe('420100');
    expect(cityOf('420000')).toBe('420000');
  });
});
