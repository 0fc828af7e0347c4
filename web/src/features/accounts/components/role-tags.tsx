import { Tag } from 'antd';
import { labelOf, roleLabels } from '../../../lib/glossary.js';
import type { RoleGrant } from '../types.js';

/** A user's roles as tags; a regional role names its region (科技管理部门 · 武汉市). */
export function RoleTags({ roles }: { roles: readonly RoleGrant[] }) {
  if (roles.length === 0) return <span>—</span>;
  return (
    <>
      {roles.map((grant) => (
        <Tag key={`${grant.role}:${grant.regionCode ?? ''}`} color={grant.role === 'operator' ? 'purple' : 'blue'}>
          {labelOf(roleLabels, grant.role)}
          {grant.regionName ? ` · ${grant.regionName}` : ''}
        </Tag>
      ))}
    </>
  );
}
