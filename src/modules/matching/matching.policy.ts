/**
 * Who may see what matching builds on an achievement and who may change weights: small pure
 * functions over the caller and the record. Recommendations for a demand follow the demand's detail
 * rules, which the demands module decides (`demandAccess`): they show its non-public text through
 * matched terms.
 */
import { type Actor, govRegions, hasRole } from '../../platform/auth.js';
import { isWithinRegion } from '../regions/index.js';

export interface AchievementLike {
  ownerOrganizationId: string;
  regionCode: string;
  status: string;
}

const isMember = (actor: Actor | null) => hasRole(actor, 'org_admin') || hasRole(actor, 'org_member');

export function governs(actor: Actor | null, regionCode: string): boolean {
  return govRegions(actor).some((s) => isWithinRegion(regionCode, s));
}

function isOwnerMember(actor: Actor | null, a: AchievementLike): boolean {
  return Boolean(actor && isMember(actor) && actor.organizationId === a.ownerOrganizationId);
}

/** Whether the caller may see the achievement at all (the achievements module's scope). */
export function canSeeAchievement(actor: Actor | null, a: AchievementLike): boolean {
  if (hasRole(actor, 'operator') || a.status === 'published' || isOwnerMember(actor, a)) return true;
  return a.status !== 'draft' && governs(actor, a.regionCode);
}

/** "Enterprises that might need this": the owner organization, the operator, the region's gov_admins. */
export function canSeeAchievementDemands(actor: Actor | null, a: AchievementLike): boolean {
  return hasRole(actor, 'operator') || governs(actor, a.regionCode) || isOwnerMember(actor, a);
}

/** Weights are the operator's to set; gov_admins may read them (and their history). */
export function canReadWeights(actor: Actor | null): boolean {
  return hasRole(actor, 'operator') || hasRole(actor, 'gov_admin');
}

export function canSetWeights(actor: Actor | null): boolean {
  return hasRole(actor, 'operator');
}

/** A full rematch is a platform-wide batch job: the operator's. */
export function canRematch(actor: Actor | null): boolean {
  return hasRole(actor, 'operator');
}
