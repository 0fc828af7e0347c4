import type { CanFlag, Session } from '../features/accounts/types.js';

/**
 * Who may open a route: anyone, any signed-in user, or a signed-in user whose session grants the
 * named `can` flag. The server enforces the same rules; this only keeps the UI honest.
 */
export type Access = 'public' | 'signed-in' | CanFlag;

export function isAllowed(access: Access, session: Session | undefined): boolean {
  if (access === 'public') return true;
  if (!session?.user) return false;
  if (access === 'signed-in') return true;
  return session.can[access] === true;
}
