import type { FormRule } from 'antd';
import { isEmail, isMainlandMobile } from '../../../../src/modules/accounts/contact-rules.js';
import { checkCreditCode, normalizeCreditCode } from '../../../../src/modules/accounts/credit-code.js';
import { checkPasswordPolicy } from '../../../../src/modules/accounts/password-policy.js';

// The server's own pure rule functions, run in the browser for instant feedback with the same
// Chinese messages; the server checks again and its answer wins.

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export const creditCodeRule: FormRule = {
  validator: async (_rule, value: unknown) => {
    if (!text(value).trim()) return;
    const result = checkCreditCode(normalizeCreditCode(text(value)));
    if (!result.ok) throw new Error(result.message);
  },
};

export const mobileRule: FormRule = {
  validator: async (_rule, value: unknown) => {
    if (text(value).trim() && !isMainlandMobile(text(value))) throw new Error('请输入有效的 11 位中国大陆手机号');
  },
};

export const emailRule: FormRule = {
  validator: async (_rule, value: unknown) => {
    if (text(value).trim() && !isEmail(text(value))) throw new Error('请输入有效的邮箱地址');
  },
};

export const passwordPolicyRule: FormRule = {
  validator: async (_rule, value: unknown) => {
    if (!text(value)) return;
    const message = checkPasswordPolicy(text(value));
    if (message) throw new Error(message);
  },
};

/** "Confirm password" must equal the field at `passwordField`. */
export function sameAsRule(passwordField: (string | number)[]): FormRule {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: unknown) => {
      if (text(value) && text(value) !== text(getFieldValue(passwordField))) throw new Error('两次输入的密码不一致');
    },
  });
}

/** Empty optional text becomes undefined so the API does not validate an empty string. */
export function optionalText(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
