/**
 * Organization types as plain data (no imports), shared by the server and the web app.
 */
/** Organization types (机构类型), DOMAIN.md "Who uses it". */
export const ORGANIZATION_TYPES = [
  'university',
  'institute',
  'enterprise',
  'service_institution',
  'investor',
  'incubator',
  'law_firm',
  'valuation_firm',
  'government',
  'operator',
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const ORGANIZATION_TYPE_LABELS: Record<OrganizationType, string> = {
  university: '高校',
  institute: '科研院所',
  enterprise: '企业',
  service_institution: '技术转移服务机构',
  investor: '投资机构',
  incubator: '孵化器/众创空间',
  law_firm: '律师事务所',
  valuation_firm: '评估机构',
  government: '科技管理部门',
  operator: '平台运营方',
};

/** Types an organization may choose when it signs up itself (the rest are created by the operator). */
export const SELF_SIGNUP_TYPES = ORGANIZATION_TYPES.filter((t) => t !== 'government' && t !== 'operator');
