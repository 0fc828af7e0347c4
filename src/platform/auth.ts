/**
 * Who is calling, and what a route requires of them. The mechanism lives here; the accounts module
 * supplies the resolver that turns a cookie or token into an Actor.
 */
import { AppError } from './errors.js';

export const ROLES = ['operator', 'gov_admin', 'org_admin', 'org_member', 'broker', 'lawyer', 'expert'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  operator: '平台运营',
  gov_admin: '科技管理部门',
  org_admin: '机构管理员',
  org_member: '机构成员',
  broker: '技术经纪人',
  lawyer: '公益律师',
  expert: '评审专家',
};

export type TokenScope = 'read' | 'write';

export interface ActorRole {
  role: Role;
  /** Only for gov_admin: the province, city or county it is scoped to. */
  regionCode: string | null;
}

export interface Actor {
  userId: string;
  name: string;
  organizationId: string | null;
  organizationRegionCode: string | null;
  organizationStatus: 'pending' | 'verified' | 'rejected' | null;
  roles: ActorRole[];
  via: 'session' | 'token';
  sessionId: string | null;
  csrfToken: string | null;
  scopes: TokenScope[];
}

/**
 * Access rule declared on every route (route `config.access`). It is the coarse gate; policies
 * decide on the record itself, and queries scope rows in SQL.
 */
export type Access = 'public' | 'signed_in' | { roles: readonly Role[] };

export function hasRole(actor: Actor | null, role: Role): boolean {
  return actor?.roles.some((r) => r.role === role) ?? false;
}

/** Region codes a gov_admin actor is scoped to (several gov_admin roles are allowed). */
export function govRegions(actor: Actor | null): string[] {
  if (!actor) return [];
  return actor.roles.filter((r) => r.role === 'gov_admin' && r.regionCode).map((r) => r.regionCode as string);
}

/** What services need to know about the request, for audit and scoping. */
export interface RequestContext {
  actor: Actor | null;
  requestId: string;
  ip: string | null;
}

export function systemContext(requestId = 'system'): RequestContext {
  return { actor: null, requestId, ip: null };
}

/** The signed-in caller of a use case that needs one; `unauthenticated` (401) without. */
export function mustActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new AppError('unauthenticated', '请先登录');
  return ctx.actor;
}
