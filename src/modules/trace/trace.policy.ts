/**
 * Which records of a chain the caller may see. Public records (published achievements and demands,
 * listings once in publicity, deals, registered contracts) are seen by everyone; the rest by the
 * organizations party to them, the gov_admins of their region and the operator.
 */
import { type Actor, govRegions, hasRole } from '../../platform/auth.js';
import { PUBLIC_DEMAND_STATUSES } from '../demands/demand-codes.js';
import { PUBLIC_LISTING_STATUSES } from '../listings/listing-codes.js';
import { isWithinRegion } from '../regions/index.js';

const isMemberOf = (actor: Actor | null, orgIds: (string | null)[]) =>
  Boolean(actor?.organizationId && (hasRole(actor, 'org_admin') || hasRole(actor, 'org_member') || hasRole(actor, 'broker')) && orgIds.includes(actor.organizationId));

/** The operator, or a gov_admin whose region contains the record's. */
export function governs(actor: Actor | null, regionCode: string): boolean {
  return hasRole(actor, 'operator') || govRegions(actor).some((s) => isWithinRegion(regionCode, s));
}

export const canSeeDemand = (a: Actor | null, d: { status: string; regionCode: string; enterpriseOrganizationId: string; claimantOrganizationId: string | null }) =>
  (PUBLIC_DEMAND_STATUSES as readonly string[]).includes(d.status) || isMemberOf(a, [d.enterpriseOrganizationId, d.claimantOrganizationId]) || governs(a, d.regionCode);

export const canSeeAchievement = (a: Actor | null, r: { status: string; regionCode: string; ownerOrganizationId: string }) =>
  r.status === 'published' || isMemberOf(a, [r.ownerOrganizationId]) || governs(a, r.regionCode);

export const canSeeListing = (a: Actor | null, r: { status: string; regionCode: string; ownerOrganizationId: string }) =>
  (PUBLIC_LISTING_STATUSES as readonly string[]).includes(r.status) || isMemberOf(a, [r.ownerOrganizationId]) || governs(a, r.regionCode);

/** Deals are public facts (成交公示). */
export const canSeeDeal = () => true;

export const canSeeContract = (a: Actor | null, c: { status: string; regionCode: string; partyOrganizationIds: (string | null)[] }) =>
  c.status === 'registered' || isMemberOf(a, c.partyOrganizationIds) || governs(a, c.regionCode);

export const canSeeApplication = (a: Actor | null, s: { regionCode: string; applicantOrganizationId: string }) =>
  isMemberOf(a, [s.applicantOrganizationId]) || governs(a, s.regionCode);
