import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy.js';

describe('checkPasswordPolicy', () => {
  it('accepts passwords of 8 to 128 characters that are not digits only', () => {
    expect(checkPasswordPolicy('abcdefgh')).toBeNull();
    expect(checkPasswordPolicy('1234567a')).toBeNull();
    expect(checkPasswordPolicy('科惠平台密码安全')).toBeNull();
    expect(checkPasswordPolicy('a'.repeat(PASSWORD_MAX_LENGTH))).toBeNull();
    expect(checkPasswordPolicy('        ')).toBeNull();
  });

  it('rejects passwords shorter than 8 characters', () => {
    expect(checkPasswordPolicy('')).toBe('密码至少需要 8 个字符');
    expect(checkPasswordPolicy('abc1234')).toBe('密码至少需要 8 个字符');
    expect(PASSWORD_MIN_LENGTH).toBe(8);
  });

  it('counts code points, not UTF-16 units', () => {
    // Four emoji are eight UTF-16 units but only four characters.
    expect(checkPasswordPolicy('😀😀😀😀')).toBe('密码至少需要 8 个字符');
    expect(checkPasswordPolicy('😀'.repeat(PASSWORD_MAX_LENGTH))).toBeNull();
  });

  it('rejects passwords longer than 128 characters', () => {
    expect(checkPasswordPolicy('a'.repeat(PASSWORD_MAX_LENGTH + 1))).toBe('密码不能超过 128 个字符');
  });

  it('rejects digit-only passwords, including full-width digits', () => {
    expect(checkPasswordPolicy('12345678')).toBe('密码不能全为数字，请加入字母或符号');
    expect(checkPasswordPolicy('13800138000')).toBe('密码不能全为数字，请加入字母或符号');
    expect(checkPasswordPolicy('１２３４５６７８')).toBe('密码不能全为数字，请加入字母或符号');
  });
});
