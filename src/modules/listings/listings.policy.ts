/**
 * Who may do what with a listing: small pure functions over the caller (with its organization's
 * type) and the record. Rows are scoped in SQL by {@link listingScopeOf}.
 */
import { type Actor, govRegions, hasRole } from '../../platform/auth.js';
import { isWithinRegion } from '../regions/index.js';
import { ACTIVE_LISTING_STATUSES, type ListingStatus } from './listing-codes.js';

export interface Viewer {
  actor: Actor | null;
  /** The type of the caller's organization (enterprise, university, service_institution, …). */
  orgType: string | null;
}

interface ListingLike {
  ownerOrganizationId: string;
  regionCode: string;
  status: string;
}

export type ListingScope = { all: true } | { all: false; organizationId: string | null; regionScopes: string[] };

export function listingScopeOf(actor: Actor | null): ListingScope {
  if (hasRole(actor, 'operator')) return { all: true };
  const member = actor && (hasRole(actor, 'org_admin') || hasRole(actor, 'org_member'));
  return { all: false, organizationId: member ? actor.organizationId : null, regionScopes: govRegions(actor) };
}

const isMember = (a: Actor | null) => hasRole(a, 'org_admin') || hasRole(a, 'org_member');

/** Members (org_admin, org_member) of the organization that owns the achievement. */
export function isOwnerMember(actor: Actor | null, r: Pick<ListingLike, 'ownerOrganizationId'>): boolean {
  return Boolean(actor && actor.organizationId === r.ownerOrganizationId && isMember(actor));
}

/** The operator, or a gov_admin whose region contains the listing's. */
export function isReviewer(actor: Actor | null, r: Pick<ListingLike, 'regionCode'>): boolean {
  return hasRole(actor, 'operator') || govRegions(actor).some((s) => isWithinRegion(r.regionCode, s));
}

export const isActive = (r: Pick<ListingLike, 'status'>) => ACTIVE_LISTING_STATUSES.includes(r.status as ListingStatus);

export function canReview(actor: Actor | null, r: ListingLike): boolean {
  return isReviewer(actor, r) && r.status === 'pending_review';
}

export function canWithdraw(actor: Actor | null, r: ListingLike): boolean {
  return isOwnerMember(actor, r) && isActive(r);
}

/** A person of a verified organization (not the owner) speaks for it during publicity. */
export function isObjector(v: Viewer, r: Pick<ListingLike, 'ownerOrganizationId'>): boolean {
  const a = v.actor;
  return Boolean(a?.organizationId && a.organizationStatus === 'verified' && (isMember(a) || hasRole(a, 'broker')) && a.organizationId !== r.ownerOrganizationId);
}

export function canObject(v: Viewer, r: ListingLike): boolean {
  return isObjector(v, r) && r.status === 'publicity';
}

/** An enterprise delisting for itself. */
export function isEnterpriseDelister(v: Viewer): boolean {
  return Boolean(v.actor?.organizationStatus === 'verified' && v.orgType === 'enterprise' && isMember(v.actor));
}

/** A service institution delisting on an enterprise's behalf (credited as intermediary). */
export function isIntermediary(v: Viewer): boolean {
  return Boolean(v.actor?.organizationStatus === 'verified' && v.orgType === 'service_institution' && (isMember(v.actor) || hasRole(v.actor, 'broker')));
}

export function canDelist(v: Viewer, r: ListingLike): boolean {
  return r.status === 'open' && (isEnterpriseDelister(v) || isIntermediary(v)) && v.actor?.organizationId !== r.ownerOrganizationId;
}

/** The actions the caller may take on the listing, for the UI. */
export function listingActions(v: Viewer, r: ListingLike): string[] {
  const a: string[] = [];
  if (canReview(v.actor, r)) a.push('approve', 'reject');
  if (canWithdraw(v.actor, r)) a.push('withdraw');
  if (canObject(v, r)) a.push('object');
  if (canDelist(v, r)) a.push(isEnterpriseDelister(v) ? 'delist' : 'delistForEnterprise');
  return a;
}
