/**
 * Who may do what with subsidy programmes and applications: small pure functions over the caller
 * and the record. Lists are scoped in SQL by {@link applicationScopeOf}.
 */
import { type Actor, govRegions, hasRole } from '../../platform/auth.js';
import { isWithinRegion } from '../regions/index.js';
import { REVIEWABLE_STATUSES, type ApplicationStatus } from './subsidy-codes.js';

interface ApplicationLike {
  applicantOrganizationId: string;
  /** The applicant's region. */
  regionCode: string;
  /** The programme's region: its reviewers are the operator and the gov_admins containing it. */
  programmeRegionCode: string;
  status: string;
}

export type ApplicationScope =
  | { all: true }
  | { all: false; organizationId: string | null; regionScopes: string[]; isExpert: boolean };

const isMember = (a: Actor | null) => hasRole(a, 'org_admin') || hasRole(a, 'org_member');

/**
 * Operator: all. Members: their organization's applications. gov_admin: applications whose
 * applicant or programme lies in its regions. Expert: applications under review (to score them).
 */
export function applicationScopeOf(actor: Actor | null): ApplicationScope {
  if (hasRole(actor, 'operator')) return { all: true };
  return {
    all: false,
    organizationId: actor && isMember(actor) ? actor.organizationId : null,
    regionScopes: govRegions(actor),
    isExpert: hasRole(actor, 'expert'),
  };
}

/** Programme rules are edited by the operator only (policy as data, one editor). */
export const canManageProgrammes = (actor: Actor | null) => hasRole(actor, 'operator');
/** Drafts and the full version history: the operator and gov_admins. */
export const canSeeDrafts = (actor: Actor | null) => hasRole(actor, 'operator') || hasRole(actor, 'gov_admin');

/** Members (org_admin, org_member) of the applicant organization. */
export function isApplicantMember(actor: Actor | null, r: Pick<ApplicationLike, 'applicantOrganizationId'>): boolean {
  return Boolean(actor && actor.organizationId === r.applicantOrganizationId && isMember(actor));
}

/** The operator, or a gov_admin whose region contains the programme's region. */
export function isReviewer(actor: Actor | null, r: Pick<ApplicationLike, 'programmeRegionCode'>): boolean {
  return hasRole(actor, 'operator') || govRegions(actor).some((s) => isWithinRegion(r.programmeRegionCode, s));
}

export const isReviewable = (r: Pick<ApplicationLike, 'status'>) => REVIEWABLE_STATUSES.includes(r.status as ApplicationStatus);

export function canScore(actor: Actor | null, r: ApplicationLike): boolean {
  return hasRole(actor, 'expert') && isReviewable(r);
}

export function canDecide(actor: Actor | null, r: ApplicationLike): boolean {
  return isReviewer(actor, r) && isReviewable(r);
}

export function canWithdraw(actor: Actor | null, r: ApplicationLike): boolean {
  return isApplicantMember(actor, r) && isReviewable(r);
}

export function canDisburse(actor: Actor | null, r: ApplicationLike): boolean {
  return isReviewer(actor, r) && r.status === 'approved';
}

/** The actions the caller may take on the application, for the UI. */
export function applicationActions(actor: Actor | null, r: ApplicationLike): string[] {
  const a: string[] = [];
  if (canScore(actor, r)) a.push('score');
  if (canDecide(actor, r)) a.push('approve', 'reject');
  if (canWithdraw(actor, r)) a.push('withdraw');
  if (canDisburse(actor, r)) a.push('disburse');
  return a;
}

/** A contract's subsidy simulation: its parties' members, the operator, the gov_admins of its region. */
export function canSimulateContract(actor: Actor | null, c: { regionCode: string; parties: { organizationId: string | null }[] }): boolean {
  if (hasRole(actor, 'operator')) return true;
  if (govRegions(actor).some((s) => isWithinRegion(c.regionCode, s))) return true;
  return Boolean(actor?.organizationId && isMember(actor) && c.parties.some((p) => p.organizationId === actor.organizationId));
}
