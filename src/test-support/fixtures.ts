import { makeCreditCode } from '../modules/accounts/accounts.factories.js';

let n = 0;

/** A valid organization sign-up body; override any part. */
export function buildSignupOrganization(overrides: { organization?: Record<string, unknown>; admin?: Record<string, unknown> } = {}) {
  n++;
  const stamp = `${Date.now() % 1_000_000}${n}`.padStart(8, '0').slice(-8);
  return {
    organization: {
      name: `测试科技有限公司${stamp}`,
      creditCode: makeCreditCode('420111'),
      type: 'enterprise',
      regionCode: '420111',
      address: '武汉市洪山区珞喻路 1 号',
      contactName: '测试联系人',
      contactPhone: '027-87001234',
      ...(overrides.organization ?? {}),
    },
    admin: {
      name: '测试管理员',
      mobile: `139${stamp}`,
      password: 'Secret#2026',
      ...(overrides.admin ?? {}),
    },
  };
}
