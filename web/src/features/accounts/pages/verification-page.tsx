import { App, Alert, Button, Card, Flex, Input, Segmented, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { labelOf, type OrganizationStatus, organizationTypeLabels } from '../../../lib/glossary.js';
import { RegionPicker } from '../../regions/components/region-picker.js';
import { useOrganizations } from '../api/list-organizations.js';
import { useVerifyOrganization } from '../api/verify-organization.js';
import { OrganizationStatusTag } from '../components/organization-status-tag.js';
import { RejectOrganizationModal } from '../components/reject-organization-modal.js';
import type { Organization } from '../types.js';

const statusOptions: { label: string; value: OrganizationStatus }[] = [
  { label: '待审核', value: 'pending' },
  { label: '已认证', value: 'verified' },
  { label: '已驳回', value: 'rejected' },
];

/**
 * Verification queue: organizations waiting for a decision (and the decided ones, for reference).
 * Rows show 通过 / 驳回 only when the server lists `verify` / `reject` in `allowedActions`, so a
 * city administrator sees buttons only for its own region.
 */
export function VerificationPage() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<OrganizationStatus>('pending');
  const [q, setQ] = useState('');
  const [regionCode, setRegionCode] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [rejecting, setRejecting] = useState<Organization | undefined>(undefined);
  const [verifyingId, setVerifyingId] = useState<string | undefined>(undefined);
  const list = useOrganizations({ status, q: q || undefined, regionCode, page, pageSize });
  const verify = useVerifyOrganization();

  const handleVerify = async (organization: Organization) => {
    setVerifyingId(organization.id);
    try {
      await verify.mutate(organization.id);
      message.success(`已通过：${organization.name}`);
      list.reload();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setVerifyingId(undefined);
    }
  };

  const columns: TableColumnsType<Organization> = [
    { title: '机构名称', dataIndex: 'name', key: 'name' },
    { title: '统一社会信用代码', dataIndex: 'creditCode', key: 'creditCode' },
    { title: '机构类型', key: 'type', render: (_, row) => labelOf(organizationTypeLabels, row.type) },
    { title: '所在地区', key: 'region', render: (_, row) => row.regionName ?? row.regionCode },
    {
      title: '联系人',
      key: 'contact',
      render: (_, row) => (
        <span>
          {row.contactName}
          <br />
          <Typography.Text type="secondary">{row.contactPhone}</Typography.Text>
        </span>
      ),
    },
    { title: '提交时间', key: 'createdAt', render: (_, row) => formatDateTime(row.createdAt) },
    ...(status === 'pending'
      ? []
      : [
          { title: '状态', key: 'status', render: (_: unknown, row: Organization) => <OrganizationStatusTag status={row.status} /> },
          { title: '审核时间', key: 'decidedAt', render: (_: unknown, row: Organization) => formatDateTime(row.decidedAt) },
        ]),
    ...(status === 'rejected'
      ? [{ title: '驳回理由', key: 'reason', render: (_: unknown, row: Organization) => row.rejectionReason ?? '—' }]
      : []),
    {
      title: '操作',
      key: 'actions',
      fixed: 'end',
      render: (_, row) => (
        <Space>
          {row.allowedActions.includes('verify') && (
            <Button
              type="primary"
              size="small"
              loading={verifyingId === row.id}
              disabled={verifyingId !== undefined && verifyingId !== row.id}
              onClick={() => handleVerify(row)}
            >
              通过
            </Button>
          )}
          {row.allowedActions.includes('reject') && (
            <Button danger size="small" disabled={verifyingId === row.id} onClick={() => setRejecting(row)}>
              驳回
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        机构审核
      </Typography.Title>
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Segmented<OrganizationStatus>
            aria-label="审核状态"
            options={statusOptions}
            value={status}
            onChange={(value) => {
              setStatus(value);
              setPage(1);
            }}
          />
          <Input.Search
            aria-label="搜索机构"
            placeholder="机构名称或统一社会信用代码"
            allowClear
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
            style={{ width: 280, maxWidth: '100%' }}
          />
          <div style={{ width: 240, maxWidth: '100%' }}>
            <RegionPicker
              aria-label="按地区筛选"
              placeholder="按地区筛选"
              value={regionCode}
              onChange={(code) => {
                setRegionCode(code);
                setPage(1);
              }}
            />
          </div>
        </Flex>
        {list.error && <Alert type="error" showIcon title={list.error.detail} style={{ marginBottom: 16 }} />}
        <Table<Organization>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: status === 'pending' ? '暂无待审核的机构' : '暂无数据' }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 家`,
            onChange: (nextPage, nextSize) => {
              setPage(nextSize === pageSize ? nextPage : 1);
              setPageSize(nextSize);
            },
          }}
        />
      </Card>
      <RejectOrganizationModal
        organization={rejecting}
        onClose={() => setRejecting(undefined)}
        onRejected={(organization) => {
          setRejecting(undefined);
          message.success(`已驳回：${organization.name}`);
          list.reload();
        }}
      />
    </Flex>
  );
}
