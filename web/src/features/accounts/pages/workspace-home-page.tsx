import { Alert, Card, Descriptions, Flex, Typography } from 'antd';
import { formatDateTime } from '../../../lib/format-time.js';
import { labelOf, organizationTypeLabels } from '../../../lib/glossary.js';
import { useOrganization } from '../api/get-organization.js';
import { OrganizationStatusTag } from '../components/organization-status-tag.js';
import { RoleTags } from '../components/role-tags.js';
import { useSession } from '../session/session-context.js';

/** Landing page of the workspace: who you are, your organization and where its verification stands. */
export function WorkspaceHomePage() {
  const { session } = useSession();
  const user = session?.user;
  const organizationId = user?.organization?.id ?? null;
  const detail = useOrganization(organizationId);
  if (!user) return null;

  const organization = user.organization;
  const status = detail.data?.status ?? organization?.status;

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        您好，{user.name}
      </Typography.Title>

      <Card title="我的机构">
        {organization ? (
          <Flex vertical gap={12}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label="机构名称">{organization.name}</Descriptions.Item>
              <Descriptions.Item label="机构类型">{labelOf(organizationTypeLabels, organization.type)}</Descriptions.Item>
              <Descriptions.Item label="认证状态">
                {status ? <OrganizationStatusTag status={status} /> : '—'}
              </Descriptions.Item>
              {detail.data && (
                <>
                  <Descriptions.Item label="所在地区">{detail.data.regionName ?? detail.data.regionCode}</Descriptions.Item>
                  <Descriptions.Item label="提交时间">{formatDateTime(detail.data.createdAt)}</Descriptions.Item>
                  {detail.data.decidedAt && (
                    <Descriptions.Item label="审核时间">{formatDateTime(detail.data.decidedAt)}</Descriptions.Item>
                  )}
                </>
              )}
            </Descriptions>
            {status === 'pending' && (
              <Alert type="info" showIcon title="机构认证审核中" description="平台运营方或所在地科技管理部门审核通过后，即可使用机构相关功能。" />
            )}
            {status === 'rejected' && (
              <Alert
                type="error"
                showIcon
                title="机构认证已被驳回"
                description={`驳回理由：${detail.data?.rejectionReason ?? (detail.isLoading ? '加载中…' : '—')}`}
              />
            )}
            {detail.error && <Alert type="warning" showIcon title={detail.error.detail} />}
          </Flex>
        ) : (
          <Typography.Text type="secondary">您的账号未加入任何机构。</Typography.Text>
        )}
      </Card>

      <Card title="我的角色">
        <RoleTags roles={user.roles} />
      </Card>
    </Flex>
  );
}
