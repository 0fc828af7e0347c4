import type { Session } from '../accounts/types.js';

/**
 * Whether the session suggests the caller may see a record's matches, so the page asks the API
 * (and loads the panel's code) only then. The server decides (matching.policy.ts); a 403 or 404
 * hides the panel silently, e.g. for a gov_admin of another region.
 */
const hasRole = (session: Session | undefined, ...roles: string[]) => Boolean(session?.user?.roles.some((grant) => roles.includes(grant.role)));
const isMemberOf = (session: Session | undefined, organizationId: string | null) =>
  Boolean(organizationId && session?.user?.organization?.id === organizationId);

/** 推荐成果: the demand's enterprise, its claimant organization, the operator, gov_admins. */
export function maySeeRecommendations(session: Session | undefined, demand: { enterpriseOrganizationId: string; claimantOrganizationId: string | null }): boolean {
  if (!session?.user) return false;
  return hasRole(session, 'operator', 'gov_admin') || isMemberOf(session, demand.enterpriseOrganizationId) || isMemberOf(session, demand.claimantOrganizationId);
}

/** 可能需要此成果的企业: the owner organization's members, the operator, gov_admins. */
export function maySeeMatchingDemands(session: Session | undefined, achievement: { ownerOrganizationId: string }): boolean {
  if (!session?.user) return false;
  return hasRole(session, 'operator', 'gov_admin') || (hasRole(session, 'org_admin', 'org_member') && isMemberOf(session, achievement.ownerOrganizationId));
}
