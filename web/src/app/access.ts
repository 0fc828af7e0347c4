import type { CanFlag, RoleGrant, Session } from '../features/accounts/types.js';
import type { OrganizationType } from '../lib/glossary.js';

const hasRole = (session: Session, ...roles: RoleGrant['role'][]) => Boolean(session.user?.roles.some((grant) => roles.includes(grant.role)));
const isMemberOfType = (session: Session, type: OrganizationType) => isOrganizationMember(session) && session.user?.organization?.type === type;

/**
 * Checks the session's `can` object has no flag for (yet), made from the user's roles as the
 * server checks them: 检索词典 (GET/PUT /api/search/dictionary) is open to operators; the demand
 * pages follow src/modules/demands/README.md (who may post, claim, review).
 */
const roleChecks = {
  manageSearch: (session: Session) => hasRole(session, 'operator'),
  /** 互联互通采集 (GET /api/harvest/peers, runs, clusters): the operator (src/modules/harvest/README.md). */
  manageHarvest: (session: Session) => hasRole(session, 'operator'),
  /** 拍卖运营 (sessions, lots, deposits, pause, default): the operator (src/modules/auctions/README.md). */
  manageAuctions: (session: Session) => hasRole(session, 'operator'),
  /** An org_admin or org_member of an enterprise: posts its own demands, grants contact, decides proposals. */
  enterpriseMember: (session: Session) => isMemberOfType(session, 'enterprise'),
  /** 我的需求 (GET /api/demands/mine): enterprise members, and brokers for the demands they entered. */
  myDemands: (session: Session) => isMemberOfType(session, 'enterprise') || hasRole(session, 'broker'),
  /** The demand form: enterprise members for their own organization; operator, gov_admin and broker for a named enterprise. */
  postDemands: (session: Session) => isMemberOfType(session, 'enterprise') || hasRole(session, 'operator', 'gov_admin', 'broker'),
  /** 可认领需求, 我的认领: a broker, or a member of a service institution (the server also wants it verified). */
  claimDemands: (session: Session) => hasRole(session, 'broker') || isMemberOfType(session, 'service_institution'),
  /**
   * 批量导入: who passes the import routes' gate (members of organizations, operator, gov_admin,
   * broker); which kinds each may upload is the server's call (GET /api/collection/kinds).
   */
  importRecords: (session: Session) => isOrganizationMember(session) || hasRole(session, 'operator', 'gov_admin', 'broker'),
  /** 需求审核, 需求派发: the operator and gov_admins (the server scopes them to their regions). */
  reviewDemands: (session: Session) => hasRole(session, 'operator', 'gov_admin'),
  /** 科惠行动 in the workspace: organizers and the brokers on the visiting teams (src/modules/campaigns/README.md). */
  campaignTeams: (session: Session) => hasRole(session, 'operator', 'gov_admin', 'broker'),
  /** 发起 / 编辑科惠行动: the operator and gov_admins (within their region, checked by the server). */
  organizeCampaigns: (session: Session) => hasRole(session, 'operator', 'gov_admin'),
  /** 匹配权重 (GET /api/matching/weights): the operator edits and rematches, gov_admins read. */
  matchingWeights: (session: Session) => hasRole(session, 'operator', 'gov_admin'),
  /** 补助审核 (GET /api/subsidies/applications/review-queue): the operator and gov_admins decide and pay, experts score. */
  reviewSubsidies: (session: Session) => hasRole(session, 'operator', 'gov_admin', 'expert'),
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
