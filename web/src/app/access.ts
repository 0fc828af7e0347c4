import type { CanFlag, Session } from '../features/accounts/types.js';

/**
 * Who may open a route: anyone, any signed-in user, a member of an organization (its org_admin or
 * an org_member: the people who register achievements), or a signed-in user whose session grants
 * the named `can` flag. The server enforces the same rules; this only keeps the UI honest.
 */
export type Access = 'public' | 'signed-in' | 'org-member' | CanFlag;

/** Whether the session's user is an org_admin or org_member of an organization. */
export function isOrganizationMember(session: Session | undefined): boolean {
  const user = session?.user;
  return Boolean(user?.organization && user.roles.some((grant) => grant.role === 'org_admin' || grant.role === 'org_member'));
}

export function isAllowed(access: Access, session: Session | undefined): boolean {
  if (access === 'public') return true;
  if (!session?.user) return false;
  if (access === 'signed-in') return true;
  if (access === 'org-member') return isOrganizationMember(session);
  return session.can[access] === true;
}
