import type { CanFlag, Session } from '../features/accounts/types.js';

/**
 * Checks the session's `can` object has no flag for (yet), made from the user's roles as the
 * server checks them: 检索词典 (GET/PUT /api/search/dictionary) is open to operators.
 */
const roleChecks = {
  manageSearch: (session: Session) => Boolean(session.user?.roles.some((grant) => grant.role === 'operator')),
} satisfies Record<string, (session: Session) => boolean>;
export type RoleFlag = keyof typeof roleChecks;

/**
 * Who may open a route: anyone, any signed-in user, a member of an organization (its org_admin or
 * an org_member: the people who register achievements), or a signed-in user whose session grants
 * the named `can` flag, or whose roles pass the named role check. The server enforces the same
 * rules; this only keeps the UI honest.
 */
export type Access = 'public' | 'signed-in' | 'org-member' | CanFlag | RoleFlag;

/** Whether the session's user is an org_admin or org_member of an organization. */
export function isOrganizationMember(session: Session | undefined): boolean {
  const user = session?.user;
  return Boolean(user?.organization && user.roles.some((grant) => grant.role === 'org_admin' || grant.role === 'org_member'));
}

const isRoleFlag = (access: Access): access is RoleFlag => Object.hasOwn(roleChecks, access);

export function isAllowed(access: Access, session: Session | undefined): boolean {
  if (access === 'public') return true;
  if (!session?.user) return false;
  if (access === 'signed-in') return true;
  if (access === 'org-member') return isOrganizationMember(session);
  if (isRoleFlag(access)) return roleChecks[access](session);
  return session.can[access] === true;
}
