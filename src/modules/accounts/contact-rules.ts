import { toHalfWidth } from '../../platform/text.js';
/** Normalization and validation of login identifiers: mainland mobile numbers and email addresses. */

export type LoginIdentifier = { kind: 'mobile'; value: string } | { kind: 'email'; value: string };

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * Deliberately pragmatic: ASCII local part without leading, trailing or
 * doubled dots, and a dotted domain with an alphabetic TLD. Deliverability is
 * proven by sending a code, not by a regex.
 */
const EMAIL = /^(?!\.)(?!.*\.\.)[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}(?<!\.)@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const EMAIL_MAX_LENGTH = 254;

/**
 * Strips formatting from a phone number as typed: full-width digits become
 * half-width, spaces and hyphens are removed, and a +86 / 0086 / 86 country
 * prefix is dropped. The result is not validated; use {@link isMainlandMobile}.
 */
export function normalizeMobile(input: string): string {
  const compact = toHalfWidth(input).replace(/[\s-]/g, '');
  if (compact.startsWith('+86')) return compact.slice(3);
  if (compact.startsWith('0086')) return compact.slice(4);
  // A bare 86 is only a prefix when 11 digits follow; no mobile number itself starts with 86.
  if (/^86\d{11}$/.test(compact)) return compact.slice(2);
  return compact;
}

/** True when the input, after {@link normalizeMobile}, is an 11-digit mainland mobile number (1[3-9]…). */
export function isMainlandMobile(input: string): boolean {
  return MAINLAND_MOBILE.test(normalizeMobile(input));
}

/** Canonical email form for storage and lookup: trimmed and lower-cased. */
export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}

/** True when the input, after {@link normalizeEmail}, looks like a deliverable email address. */
export function isEmail(input: string): boolean {
  const email = normalizeEmail(input);
  return email.length <= EMAIL_MAX_LENGTH && EMAIL.test(email);
}

/**
 * Decides whether a login string is an email (contains '@') or a mainland
 * mobile number, returning its normalized value, or null if it is neither.
 */
export function classifyLogin(login: string): LoginIdentifier | null {
  if (login.includes('@')) {
    return isEmail(login) ? { kind: 'email', value: normalizeEmail(login) } : null;
  }
  return isMainlandMobile(login) ? { kind: 'mobile', value: normalizeMobile(login) } : null;
}

