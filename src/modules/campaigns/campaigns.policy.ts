/**
 * Who may do what with a campaign. Campaigns are public records; visits and event participant
 * lists belong to the people running the campaign in their regions (rows scoped in SQL by
 * `visitScopeOf`).
 */
import { type Actor, govRegions, hasRole } from '../../platform/auth.js';
import { isWithinRegion } from '../regions/index.js';
import { regionsOverlap } from './campaign-rules.js';
import type { VisitScope } from './campaigns.queries.js';

interface CampaignLike {
  regionCodes: string[];
}

export const isOperator = (actor: Actor | null): boolean => hasRole(actor, 'operator');

/** A gov_admin role of the actor covers the region (省/市/县 three levels). */
export function governs(actor: Actor | null, regionCode: string): boolean {
  return govRegions(actor).some((scope) => isWithinRegion(regionCode, scope));
}

/** The operator, or a gov_admin whose region contains every region of the campaign (all of them). */
export function canManage(actor: Actor | null, c: CampaignLike): boolean {
  return isOperator(actor) || (c.regionCodes.length > 0 && c.regionCodes.every((r) => governs(actor, r)));
}

/** Creating (or moving a campaign to) these regions: operator, or a gov_admin governing them all. */
export function canCreateIn(actor: Actor | null, regionCodes: readonly string[]): boolean {
  return isOperator(actor) || (regionCodes.length > 0 && regionCodes.every((r) => governs(actor, r)));
}

/**
 * A gov_admin takes part in a campaign that shares ground with its region: a city admin works
 * its own city inside a provincial campaign, a province admin works every city's campaign.
 */
export function takesPart(actor: Actor | null, c: CampaignLike): boolean {
  return govRegions(actor).some((g) => c.regionCodes.some((r) => regionsOverlap(g, r)));
}

/**
 * Visits are recorded by the operator, the gov_admins taking part (in their own region), and
 * brokers, who go out on the teams. Brokers are not assigned to teams in the data (there is no
 * team table), so any broker may record a visit; each visit names its recorder and is audited.
 */
export function canRecordVisits(actor: Actor | null, c: CampaignLike): boolean {
  return isOperator(actor) || hasRole(actor, 'broker') || takesPart(actor, c);
}

/** A visit at this region: gov_admins only inside their own region. */
export function canRecordVisitAt(actor: Actor | null, regionCode: string): boolean {
  return isOperator(actor) || hasRole(actor, 'broker') || governs(actor, regionCode);
}

/** Who opens the visit list at all (what each sees is scoped by `visitScopeOf`). */
export const canViewVisits = canRecordVisits;

/**
 * Rows of visits the actor sees: the operator all; others the visits in their gov_admin regions
 * plus the ones they recorded themselves (a broker sees its own).
 */
export function visitScopeOf(actor: Actor): VisitScope {
  if (isOperator(actor)) return { all: true };
  return { all: false, regionScopes: govRegions(actor), createdBy: actor.userId };
}

/** Docking events: the operator and gov_admins taking part, in their own region. */
export function canRecordEvents(actor: Actor | null, c: CampaignLike): boolean {
  return isOperator(actor) || takesPart(actor, c);
}

export function canRecordEventAt(actor: Actor | null, regionCode: string): boolean {
  return isOperator(actor) || governs(actor, regionCode);
}

/** Organizers see the participant list and unpublished presented records of an event. */
export function organizesEvent(actor: Actor | null, e: { regionCode: string; createdBy: string }): boolean {
  return isOperator(actor) || governs(actor, e.regionCode) || (actor !== null && actor.userId === e.createdBy);
}

export function canEditEvent(actor: Actor | null, e: { regionCode: string }): boolean {
  return canRecordEventAt(actor, e.regionCode);
}

export function campaignActions(actor: Actor | null, c: CampaignLike): string[] {
  const a: string[] = [];
  if (canManage(actor, c)) a.push('edit');
  if (canRecordVisits(actor, c)) a.push('recordVisit', 'viewVisits');
  if (canRecordEvents(actor, c)) a.push('recordEvent');
  return a;
}
