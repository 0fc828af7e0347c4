import { type Actor, hasRole } from '../../platform/auth.js';

/** Who may see and change a subscription: its owner, and the operator (every subscription). */
export function canManageWebhook(actor: Actor, sub: { ownerUserId: string | null }): boolean {
  return hasRole(actor, 'operator') || sub.ownerUserId === actor.userId;
}

/** Creating for a partner organization (no owning user) is the operator's. */
export function canCreateForOrganization(actor: Actor): boolean {
  return hasRole(actor, 'operator');
}

export function webhookActions(actor: Actor, sub: { ownerUserId: string | null }): ('update' | 'replay')[] {
  return canManageWebhook(actor, sub) ? ['update', 'replay'] : [];
}
