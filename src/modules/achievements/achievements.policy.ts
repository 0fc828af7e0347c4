import { type Actor, govRegions, hasRole } from '../../platform/auth.js';
import { isWithinRegion } from '../regions/index.js';
import type { AchievementScope } from './achievements.queries.js';

interface RecordLike {
  ownerOrganizationId: string;
  regionCode: string;
  status: string;
  disclosureTier: string;
}

/** Members of the owner organization (its org_admin or org_member). */
export function isOwnerMember(actor: Actor | null, r: Pick<RecordLike, 'ownerOrganizationId'>): boolean {
  return Boolean(
    actor && actor.organizationId === r.ownerOrganizationId && (hasRole(actor, 'org_admin') || hasRole(actor, 'org_member')),
  );
}

export function isOwnerAdmin(actor: Actor | null, r: Pick<RecordLike, 'ownerOrganizationId'>): boolean {
  return Boolean(actor && actor.organizationId === r.ownerOrganizationId && hasRole(actor, 'org_admin'));
}

export function governs(actor: Actor | null, regionCode: string): boolean {
  return govRegions(actor).some((s) => isWithinRegion(regionCode, s));
}

export function achievementScopeOf(actor: Actor | null): AchievementScope {
  if (hasRole(actor, 'operator')) return { all: true };
  const member = actor && (hasRole(actor, 'org_admin') || hasRole(actor, 'org_member'));
  return { all: false, organizationId: member ? actor.organizationId : null, regionScopes: govRegions(actor) };
}

/** Members of a verified organization register achievements. */
export function canCreate(actor: Actor | null): boolean {
  return Boolean(
    actor?.organizationId && actor.organizationStatus === 'verified' && (hasRole(actor, 'org_admin') || hasRole(actor, 'org_member')),
  );
}

export function canEdit(actor: Actor | null, r: RecordLike): boolean {
  return isOwnerMember(actor, r) && ['draft', 'returned', 'submitted', 'published'].includes(r.status);
}

export function canSubmit(actor: Actor | null, r: RecordLike): boolean {
  return isOwnerMember(actor, r) && ['draft', 'returned'].includes(r.status);
}

/** A member's submission is confirmed by the organization's admin before review. */
export function canConfirm(actor: Actor | null, r: RecordLike): boolean {
  return isOwnerAdmin(actor, r) && r.status === 'submitted';
}

/** Review by the operator or a gov_admin of the owner's region. */
export function canReview(actor: Actor | null, r: RecordLike): boolean {
  return hasRole(actor, 'operator') || governs(actor, r.regionCode);
}

export function canArchive(actor: Actor | null, r: RecordLike): boolean {
  return (isOwnerAdmin(actor, r) || hasRole(actor, 'operator')) && ['draft', 'returned', 'published'].includes(r.status);
}

export function canReconfirm(actor: Actor | null, r: RecordLike): boolean {
  return isOwnerMember(actor, r) && r.status === 'published';
}

/** 科惠精品 selections are the operator's. */
export function canSelect(actor: Actor | null): boolean {
  return hasRole(actor, 'operator');
}

/**
 * Gated parts (innovation points, indicators, scenarios, IP items, team, attachments) follow the
 * disclosure tier; the owner, the operator and the region's gov_admin always see them.
 */
export function canSeeGated(actor: Actor | null, r: RecordLike, granted: boolean): boolean {
  if (isOwnerMember(actor, r) || hasRole(actor, 'operator') || governs(actor, r.regionCode)) return true;
  if (r.disclosureTier === 'public') return true;
  if (r.disclosureTier === 'registered') return actor !== null;
  return granted;
}

/** Contact details are for signed-in users only; the public gets "contact through the platform". */
export function canSeeContact(actor: Actor | null): boolean {
  return actor !== null;
}

export function canRequestAccess(actor: Actor | null, r: RecordLike): boolean {
  return Boolean(actor) && r.disclosureTier === 'nda' && r.status === 'published' && !isOwnerMember(actor, r);
}

export function achievementActions(actor: Actor | null, r: RecordLike, opts: { hasSubmittedRevision: boolean }): string[] {
  const a: string[] = [];
  if (canEdit(actor, r)) a.push('edit');
  if (canSubmit(actor, r)) a.push('submit');
  if (canConfirm(actor, r)) a.push('confirm');
  if (r.status === 'confirmed' && canReview(actor, r)) a.push('publish', 'return');
  if (opts.hasSubmittedRevision && canReview(actor, r)) a.push('approveRevision', 'returnRevision');
  if (canArchive(actor, r)) a.push('archive');
  if (canReconfirm(actor, r)) a.push('reconfirm');
  if (canSelect(actor) && r.status === 'published') a.push('select');
  if (isOwnerMember(actor, r)) a.push('attach', 'manageAccess');
  if (canRequestAccess(actor, r)) a.push('requestAccess');
  return a;
}
