/**
 * Who may do what in an auction: small pure functions over the caller and the record. The
 * operator (平台运营) runs auctions; members of verified organizations bid; the public watches.
 */
import { type Actor, hasRole } from '../../platform/auth.js';

interface LotLike {
  ownerOrganizationId: string;
  status: string;
}

interface BidderLike {
  organizationId: string;
  depositStatus: string;
  suspended: boolean;
  paddle: number | null;
}

export const isOperator = (a: Actor | null) => hasRole(a, 'operator');
const isMember = (a: Actor | null) => hasRole(a, 'org_admin') || hasRole(a, 'org_member');

/** A member of a verified organization: the only kind of caller that registers and bids. */
export function isBidderCandidate(a: Actor | null): a is Actor & { organizationId: string } {
  return Boolean(a?.organizationId && a.organizationStatus === 'verified' && isMember(a));
}

/** Register for a lot: a verified organization other than the achievement's owner, before the close. */
export function canRegister(a: Actor | null, lot: LotLike): boolean {
  return isBidderCandidate(a) && a.organizationId !== lot.ownerOrganizationId && lot.status !== 'closed';
}

/** Bid: a confirmed bidder (deposit confirmed, paddle given, not suspended) of the caller's organization. */
export function isEligibleBidder(b: BidderLike | undefined): boolean {
  return Boolean(b && b.depositStatus === 'confirmed' && b.paddle !== null && !b.suspended);
}

/** Parties that see the buyer of a result and fetch its 成交确认书: the owner, the buyer, the operator. */
export function isResultParty(a: Actor | null, r: { ownerOrganizationId: string; buyerOrganizationId: string }): boolean {
  if (isOperator(a)) return true;
  return Boolean(a?.organizationId && isMember(a) && (a.organizationId === r.ownerOrganizationId || a.organizationId === r.buyerOrganizationId));
}

/** The actions the caller may take on the lot, for the UI. */
export function lotActions(a: Actor | null, lot: LotLike & { result: string | null }, mine: BidderLike | undefined): string[] {
  const out: string[] = [];
  if (isOperator(a)) {
    if (lot.status === 'active') out.push('pause');
    if (lot.status === 'paused') out.push('resume');
    if (lot.status !== 'closed') out.push('confirmDeposits');
    if (lot.result === 'sold') out.push('declareDefault');
  }
  if (!mine && canRegister(a, lot)) out.push('register');
  if (lot.status !== 'closed' && isEligibleBidder(mine) && mine?.organizationId === a?.organizationId) out.push('bid');
  return out;
}
