import { describe, expect, it } from 'vitest';
import { classifyLogin, isEmail, isMainlandMobile, normalizeEmail, normalizeMobile } from './contact-rules.js';

describe('normalizeMobile / isMainlandMobile', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['  13800138000 ', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+86-13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['86 138 0013 8000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['＋８６\u3000１３８－００１３－８０００', '13800138000'],
    ['19912345678', '19912345678'],
  ])('accepts %j as %s', (input, expected) => {
    expect(normalizeMobile(input)).toBe(expected);
    expect(isMainlandMobile(input)).toBe(true);
  });

  it.each([
    '',
    '12800138000', // second digit must be 3–9
    '10086',
    '1380013800', // 10 digits
    '138001380001', // 12 digits
    '23800138000',
    '+85213800138000', // Hong Kong prefix
    '+1 13800138000',
    '1380013800a',
    '138.0013.8000',
    '(+86)13800138000',
  ])('rejects %j', (input) => {
    expect(isMainlandMobile(input)).toBe(false);
  });
});

describe('normalizeEmail / isEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Zhang.San@Example.COM \n')).toBe('zhang.san@example.com');
  });

  it.each(['a@b.cn', 'zhang.san+kehui@whu.edu.cn', 'USER@EXAMPLE.COM', ' x_y-z@mail.hust.edu.cn ', 'a@x-y.com'])(
    'accepts %j',
    (input) => {
      expect(isEmail(input)).toBe(true);
    },
  );

  it.each([
    '',
    'plainaddress',
    '@example.com',
    'user@',
    'user@example',
    'user@@example.com',
    'us er@example.com',
    '.user@example.com',
    'user.@example.com',
    'us..er@example.com',
    'user@-example.com',
    'user@example-.com',
    'user@example..com',
    'user@example.c',
    'user@example.123',
    `${'a'.repeat(65)}@example.com`,
    `a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(60)}.com`,
    '张三@example.com',
  ])('rejects %j', (input) => {
    expect(isEmail(input)).toBe(false);
  });
});

describe('classifyLogin', () => {
  it('classifies mobile numbers with their normalized value', () => {
    expect(classifyLogin('+86 138-0013-8000')).toEqual({ kind: 'mobile', value: '13800138000' });
  });

  it('classifies email addresses with their normalized value', () => {
    expect(classifyLogin(' Admin@Kehui.CN ')).toEqual({ kind: 'email', value: 'admin@kehui.cn' });
  });

  it('returns null for anything else', () => {
    expect(classifyLogin('')).toBeNull();
    expect(classifyLogin('admin')).toBeNull();
    expect(classifyLogin('12345')).toBeNull();
    expect(classifyLogin('13800138000@')).toBeNull();
    expect(classifyLogin('not an email@x')).toBeNull();
  });
});
