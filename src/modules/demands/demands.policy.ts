/**
 * Who may do what with a demand: small pure functions over the caller and the record. Rows are
 * scoped in SQL (`demandScopeOf`); these decide on a record the caller can already see.
 */
import { type Actor, govRegions, hasRole } from '../../platform/auth.js';
import { isWithinRegion } from '../regions/index.js';
import { WORKED_DEMAND_STATUSES } from './demand-codes.js';
import type { DemandScope } from './demands.queries.js';

/**
 * The caller as the policies need it: the actor and the type of its organization (enterprise,
 * service_institution, …), looked up once per request because the session does not carry it.
 */
export interface Viewer {
  actor: Actor | null;
  orgType: string | null;
}

export interface DemandLike {
  enterpriseOrganizationId: string;
  regionCode: string;
  status: string;
  createdBy: string | null;
  claimantOrganizationId: string | null;
}

const isMember = (actor: Actor | null) => hasRole(actor, 'org_admin') || hasRole(actor, 'org_member');
const isOpen = (d: DemandLike) => d.status !== 'closed';

export function governs(actor: Actor | null, regionCode: string): boolean {
  return govRegions(actor).some((s) => isWithinRegion(regionCode, s));
}

/** Members (org_admin, org_member) of the demand's enterprise. */
export function isEnterpriseMember(v: Viewer, d: Pick<DemandLike, 'enterpriseOrganizationId'>): boolean {
  return Boolean(v.actor && v.actor.organizationId === d.enterpriseOrganizationId && isMember(v.actor));
}

/** The broker, official or operator who entered the demand for the enterprise. */
export function isPoster(v: Viewer, d: Pick<DemandLike, 'createdBy'>): boolean {
  return Boolean(v.actor && d.createdBy && v.actor.userId === d.createdBy);
}

/** The operator or a gov_admin of the demand's region. */
export function isReviewer(v: Viewer, d: Pick<DemandLike, 'regionCode'>): boolean {
  return hasRole(v.actor, 'operator') || governs(v.actor, d.regionCode);
}

/**
 * Who may claim demands: a broker of a verified service institution, or an org_admin / org_member
 * of one. The claim belongs to the organization.
 */
export function isClaimant(v: Viewer): boolean {
  const a = v.actor;
  return Boolean(
    a?.organizationId && a.organizationStatus === 'verified' && v.orgType === 'service_institution' && (hasRole(a, 'broker') || isMember(a)),
  );
}

/** A member of the organization named as the demand's claimant (the claim may have ended). */
export function isClaimantMember(v: Viewer, d: Pick<DemandLike, 'claimantOrganizationId'>): boolean {
  return Boolean(isClaimant(v) && d.claimantOrganizationId && v.actor?.organizationId === d.claimantOrganizationId);
}

/** A member of the organization holding the live claim (claimed … contracted). */
export function isActiveClaimant(v: Viewer, d: DemandLike): boolean {
  return isClaimantMember(v, d) && WORKED_DEMAND_STATUSES.includes(d.status as (typeof WORKED_DEMAND_STATUSES)[number]);
}

/** Enterprise members post for their own verified enterprise. */
export function canPostForOwnEnterprise(v: Viewer): boolean {
  return Boolean(v.actor?.organizationId && v.actor.organizationStatus === 'verified' && v.orgType === 'enterprise' && isMember(v.actor));
}

/** The operator, a gov_admin (within its region, checked on the enterprise) or a broker post for a named enterprise. */
export function canPostForOthers(v: Viewer): boolean {
  return hasRole(v.actor, 'operator') || hasRole(v.actor, 'gov_admin') || hasRole(v.actor, 'broker');
}

export function canEdit(v: Viewer, d: DemandLike): boolean {
  return (isEnterpriseMember(v, d) || isPoster(v, d)) && ['draft', 'returned', 'submitted', 'published'].includes(d.status);
}

export function canSubmit(v: Viewer, d: DemandLike): boolean {
  return (isEnterpriseMember(v, d) || isPoster(v, d)) && ['draft', 'returned'].includes(d.status);
}

export function canReview(v: Viewer, d: DemandLike): boolean {
  return isReviewer(v, d) && d.status === 'submitted';
}

export function canClaim(v: Viewer, d: DemandLike): boolean {
  return isClaimant(v) && d.status === 'published' && d.claimantOrganizationId === null;
}

export function canDispatch(v: Viewer, d: DemandLike): boolean {
  return isReviewer(v, d) && d.status === 'published' && d.claimantOrganizationId === null;
}

export function canRefuse(v: Viewer, d: DemandLike): boolean {
  return isActiveClaimant(v, d) && ['claimed', 'docking'].includes(d.status);
}

export function canFollowUp(v: Viewer, d: DemandLike): boolean {
  return isActiveClaimant(v, d);
}

export function canMessage(v: Viewer, d: DemandLike): boolean {
  return (isEnterpriseMember(v, d) || isActiveClaimant(v, d)) && WORKED_DEMAND_STATUSES.includes(d.status as (typeof WORKED_DEMAND_STATUSES)[number]);
}

/** Contact consent is the enterprise's to give and take back. */
export function canGrant(v: Viewer, d: DemandLike): boolean {
  return isEnterpriseMember(v, d) && isOpen(d);
}

export function canPropose(v: Viewer, d: DemandLike): boolean {
  return isActiveClaimant(v, d) && ['claimed', 'docking', 'matched'].includes(d.status);
}

/** Accepting a proposed solution is the enterprise's decision. */
export function canAcceptProposal(v: Viewer, d: DemandLike): boolean {
  return isEnterpriseMember(v, d) && ['claimed', 'docking', 'matched'].includes(d.status);
}

/** The enterprise declines; the claimant may withdraw its own proposal with the same reasons. */
export function canDeclineProposal(v: Viewer, d: DemandLike): boolean {
  return (isEnterpriseMember(v, d) || isActiveClaimant(v, d)) && ['claimed', 'docking', 'matched'].includes(d.status);
}

export function canMatch(v: Viewer, d: DemandLike): boolean {
  return (isActiveClaimant(v, d) || hasRole(v.actor, 'operator')) && ['claimed', 'docking', 'matched'].includes(d.status);
}

export function canMarkContracted(v: Viewer, d: DemandLike): boolean {
  return (isActiveClaimant(v, d) || hasRole(v.actor, 'operator')) && d.status === 'matched';
}

/** The enterprise (withdrawn, solved), the operator or the region's gov_admin close any open demand. */
export function canClose(v: Viewer, d: DemandLike): boolean {
  return (isEnterpriseMember(v, d) || isReviewer(v, d)) && isOpen(d);
}

export function canAttach(v: Viewer, d: DemandLike): boolean {
  return (isEnterpriseMember(v, d) || isPoster(v, d)) && isOpen(d);
}

/**
 * Details (description, indicators, conditions, follow-ups, messages, proposals, timeline, files
 * for the claimant): the enterprise, the poster, the operator, the region's gov_admin and the
 * organization holding the live claim. A claimant whose claim ended sees the public part only.
 */
export function canSeeDetails(v: Viewer, d: DemandLike): boolean {
  return isEnterpriseMember(v, d) || isPoster(v, d) || isReviewer(v, d) || isActiveClaimant(v, d);
}

/** Contact: the enterprise, the poster, the operator and the region's gov_admin; a claimant only with a live grant. */
export function canSeeContact(v: Viewer, d: DemandLike, hasLiveGrant: boolean): boolean {
  if (isEnterpriseMember(v, d) || isPoster(v, d) || isReviewer(v, d)) return true;
  return hasLiveGrant && isActiveClaimant(v, d);
}

/** Which demands a caller may see at all (404 for the rest). */
export function demandScopeOf(actor: Actor | null): DemandScope {
  if (hasRole(actor, 'operator')) return { all: true };
  return {
    all: false,
    organizationId: actor && isMember(actor) ? actor.organizationId : null,
    userId: actor?.userId ?? null,
    regionScopes: govRegions(actor),
  };
}

/** The caller's allowed actions on a demand, for the UI to show only what it can do. */
export function demandActions(v: Viewer, d: DemandLike): string[] {
  const a: string[] = [];
  if (canEdit(v, d)) a.push('edit');
  if (canSubmit(v, d)) a.push('submit');
  if (canReview(v, d)) a.push('publish', 'return');
  if (canClaim(v, d)) a.push('claim');
  if (canDispatch(v, d)) a.push('dispatch');
  if (canRefuse(v, d)) a.push('refuse');
  if (canFollowUp(v, d)) a.push('followUp');
  if (canMessage(v, d)) a.push('message');
  if (canGrant(v, d)) a.push('grant');
  if (canPropose(v, d)) a.push('propose');
  if (canMatch(v, d)) a.push('match');
  if (canMarkContracted(v, d)) a.push('contracted');
  if (canClose(v, d)) a.push('close');
  if (canAttach(v, d)) a.push('attach');
  return a;
}
