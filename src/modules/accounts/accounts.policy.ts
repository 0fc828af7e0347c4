import { type Actor, govRegions, hasRole } from '../../platform/auth.js';
import { isWithinRegion } from '../regions/index.js';
import type { OrgScope } from './accounts.queries.js';

/** Small pure policy functions; rows are additionally scoped in SQL with `orgScopeOf`. */

interface OrgLike {
  id: string;
  regionCode: string;
  status: 'pending' | 'verified' | 'rejected';
}

/** True when a gov_admin role of the actor covers the region (省/市/县 three levels). */
export function governsRegion(actor: Actor, regionCode: string): boolean {
  return govRegions(actor).some((scope) => isWithinRegion(regionCode, scope));
}

export function isOrgAdminOf(actor: Actor, organizationId: string): boolean {
  return actor.organizationId === organizationId && hasRole(actor, 'org_admin');
}

export function orgScopeOf(actor: Actor): OrgScope {
  if (hasRole(actor, 'operator')) return { all: true };
  return { all: false, regionScopes: govRegions(actor), organizationId: actor.organizationId };
}

/** Only org_admins, gov_admins and operators list users; members see nobody else. */
export function userScopeOf(actor: Actor): OrgScope {
  if (hasRole(actor, 'operator')) return { all: true };
  return {
    all: false,
    regionScopes: govRegions(actor),
    organizationId: hasRole(actor, 'org_admin') ? actor.organizationId : null,
  };
}

export function canViewOrganization(actor: Actor, org: OrgLike): boolean {
  return hasRole(actor, 'operator') || governsRegion(actor, org.regionCode) || actor.organizationId === org.id;
}

/** Verification is decided by the operator or a gov_admin of the organization's region. */
export function canReviewOrganization(actor: Actor, org: OrgLike): boolean {
  return hasRole(actor, 'operator') || governsRegion(actor, org.regionCode);
}

export function canEditOrganization(actor: Actor, org: OrgLike): boolean {
  return hasRole(actor, 'operator') || isOrgAdminOf(actor, org.id);
}

export function canManageMembers(actor: Actor, org: OrgLike): boolean {
  return hasRole(actor, 'operator') || isOrgAdminOf(actor, org.id);
}

export function organizationActions(actor: Actor, org: OrgLike): string[] {
  const actions: string[] = ['view'];
  if (canEditOrganization(actor, org)) actions.push('edit');
  if (canManageMembers(actor, org)) actions.push('addMember');
  if (org.status === 'pending' && canReviewOrganization(actor, org)) actions.push('verify', 'reject');
  return actions;
}

/** Role and account-status changes are the operator's. */
export function canAdministerUsers(actor: Actor): boolean {
  return hasRole(actor, 'operator');
}

export function userActions(actor: Actor): string[] {
  return canAdministerUsers(actor) ? ['setRoles', 'setStatus'] : [];
}

export function sessionCapabilities(actor: Actor | null) {
  const isOperator = hasRole(actor, 'operator');
  const isGov = hasRole(actor, 'gov_admin');
  const isOrgAdmin = hasRole(actor, 'org_admin');
  return {
    reviewOrganizations: isOperator || isGov,
    manageUsers: isOperator || isGov || isOrgAdmin,
    viewAudit: isOperator || isGov,
    manageOwnOrganization: isOrgAdmin && Boolean(actor?.organizationId),
  };
}
