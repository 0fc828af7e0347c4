import type { Role } from '../../../src/platform/auth.js';
import {
  ORGANIZATION_TYPE_LABELS,
  type OrganizationType,
  SELF_SIGNUP_TYPES,
} from '../../../src/modules/accounts/organization-types.js';

/**
 * Chinese names of the API's enum values (see docs/api-overview.md). The UI never shows the
 * English identifiers. The value types come from the server, so a new value fails `tsc` here
 * until it has a label.
 */

export type { OrganizationType, Role };

/** The server's own lists (a plain-data file, so the bundle carries no server code). */
export const organizationTypeLabels: Record<OrganizationType, string> = ORGANIZATION_TYPE_LABELS;

/** Types an organization may choose when it registers itself; the others are set up by the operator. */
export const selfRegisterableOrganizationTypes: readonly OrganizationType[] = SELF_SIGNUP_TYPES;

export type OrganizationStatus = 'pending' | 'verified' | 'rejected';

export const organizationStatusLabels: Record<OrganizationStatus, string> = {
  pending: '待审核',
  verified: '已认证',
  rejected: '已驳回',
};

export const organizationStatusColors: Record<OrganizationStatus, string> = {
  pending: 'gold',
  verified: 'green',
  rejected: 'red',
};


export const roleLabels: Record<Role, string> = {
  operator: '平台运营',
  gov_admin: '科技管理部门',
  org_admin: '机构管理员',
  org_member: '机构成员',
  broker: '技术经纪人',
  lawyer: '公益律师',
  expert: '评审专家',
};

export const roles = Object.keys(roleLabels) as Role[];
export const organizationTypes = Object.keys(organizationTypeLabels) as OrganizationType[];

/** Looks up a label for a value the API sent, tolerating values this build does not know yet. */
export function labelOf<K extends string>(labels: Record<K, string>, value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value in labels ? labels[value as K] : value;
}
