import { Tag } from 'antd';
import { labelOf, organizationStatusColors, organizationStatusLabels } from '../../../lib/glossary.js';

/** 待审核 / 已认证 / 已驳回 as a coloured tag (the session types the status as a plain string). */
export function OrganizationStatusTag({ status }: { status: string }) {
  const color = status in organizationStatusColors ? labelOf(organizationStatusColors, status) : undefined;
  return <Tag color={color}>{labelOf(organizationStatusLabels, status)}</Tag>;
}
