import { type Actor, hasRole } from '../../platform/auth.js';
import type { JobScope } from './collection.queries.js';

/** Small pure permission functions of bulk collection; job lists are also scoped in SQL. */

/** Who may upload: the operator, or a member of a verified organization. */
export function canImport(actor: Actor): boolean {
  if (!actor.organizationId) return false;
  if (hasRole(actor, 'operator')) return true;
  return (hasRole(actor, 'org_admin') || hasRole(actor, 'org_member')) && actor.organizationStatus === 'verified';
}

/** The reason shown when `canImport` says no. */
export function importRefusal(actor: Actor): string {
  if (!actor.organizationId) return '批量导入需要您属于一个机构';
  if (actor.organizationStatus !== 'verified') return '机构通过认证后才能批量导入';
  return '只有机构管理员、机构成员或平台运营方可以批量导入';
}

/** The operator sees every job; everyone else the jobs of their own organization. */
export function jobScopeOf(actor: Actor): JobScope | null {
  if (hasRole(actor, 'operator')) return { all: true };
  if (!actor.organizationId) return null;
  return { all: false, organizationId: actor.organizationId };
}

export function canViewJob(actor: Actor, job: { organizationId: string }): boolean {
  return hasRole(actor, 'operator') || actor.organizationId === job.organizationId;
}
