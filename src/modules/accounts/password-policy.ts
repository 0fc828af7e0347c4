/** Password rules shared by registration, password change and reset. */

export const PASSWORD_MIN_LENGTH = 8;

/**
 * Upper bound so a hashing request cannot be turned into a CPU sink; 128 is
 * far above anything a password manager generates by default.
 */
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Checks a candidate password against the policy. Length is counted in
 * Unicode code points, so a Chinese character or emoji counts once.
 *
 * @returns null when acceptable, otherwise a Simplified Chinese message.
 */
export function checkPasswordPolicy(pw: string): string | null {
  const length = [...pw].length;
  if (length < PASSWORD_MIN_LENGTH) return `密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符`;
  if (length > PASSWORD_MAX_LENGTH) return `密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符`;
  // \p{Nd} also catches full-width digits, which are just as guessable (often a phone number or birthday).
  if (/^\p{Nd}+$/u.test(pw)) return '密码不能全为数字，请加入字母或符号';
  return null;
}
