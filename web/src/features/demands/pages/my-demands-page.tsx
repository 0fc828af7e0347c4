import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Grid, Input, Select, Space, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { isAllowed } from '../../../app/access.js';
import { paths, pathTo } from '../../../app/routes.js';
import { ButtonLink } from '../../../lib/button-link.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { type RowCommand, RowCommandButtons } from '../../../lib/record-commands.js';
import { useTablePaging } from '../../../lib/use-table-paging.js';
import { useSession } from '../../accounts/session/session-context.js';
import { useMyDemands } from '../api/list-my-demands.js';
import { DEMAND_STATUSES } from '../codes.js';
import { DemandStatusTag, ResponseClockTag } from '../components/demand-tags.js';
import { type DemandCommand, useDemandCommands } from '../components/use-demand-commands.js';
import { formatDay, optionsOf } from '../format.js';
import type { DemandStatus, DemandSummary } from '../types.js';

const rowCommands: RowCommand<DemandCommand>[] = [
  { command: 'submit', label: '提交审核' },
  { command: 'close', label: '关闭', danger: true },
];

/** 我的需求: every demand of the caller's enterprise (or entered by the caller), in any status, with the 48-hour clock. */
export function MyDemandsPage() {
  const { session } = useSession();
  const navigate = useNavigate();
  const isWide = Grid.useBreakpoint().md === true;
  const organization = session?.user?.organization;
  const isEnterpriseMember = isAllowed('enterpriseMember', session);
  const canCreate = isEnterpriseMember ? organization?.status === 'verified' : isAllowed('postDemands', session);
  const [status, setStatus] = useState<DemandStatus | undefined>(undefined);
  const [overdue, setOverdue] = useState(false);
  const [q, setQ] = useState('');
  const paging = useTablePaging();
  const { page, pageSize, setPage } = paging;
  const list = useMyDemands({ status, overdue: overdue ? 'true' : undefined, q: q || undefined, page, pageSize });
  const commands = useDemandCommands(() => list.reload());

  const titleCell = (row: DemandSummary) => (
    <Flex vertical gap={4}>
      <Link to={pathTo.demand(row.id)}>{row.title}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[row.demandTypeLabel, row.keyFieldLabel, isEnterpriseMember ? undefined : row.enterpriseName].filter(Boolean).join(' · ') || '—'}
      </Typography.Text>
    </Flex>
  );
  const stateCell = (row: DemandSummary) => (
    <Flex gap={4} wrap>
      <DemandStatusTag status={row.status} />
      <ResponseClockTag clock={row.clock} status={row.status} />
    </Flex>
  );
  const actionsCell = (row: DemandSummary) => (
    <Space wrap size={4}>
      {row.allowedActions.includes('edit') && (
        <ButtonLink size="small" to={pathTo.editDemand(row.id)}>
          编辑
        </ButtonLink>
      )}
      <RowCommandButtons row={row} items={rowCommands} commands={commands} />
    </Space>
  );

  const columns: TableColumnsType<DemandSummary> = isWide
    ? [
        { title: '需求名称', key: 'title', render: (_, row) => titleCell(row) },
        { title: '状态 · 响应', key: 'status', render: (_, row) => stateCell(row) },
        { title: '预算', key: 'budget', render: (_, row) => row.budgetLabel },
        { title: '截止日期', key: 'deadline', render: (_, row) => formatDay(row.deadline) },
        { title: '认领方', key: 'claimant', render: (_, row) => row.claimantName ?? '—' },
        { title: '更新时间', key: 'updatedAt', render: (_, row) => formatDateTime(row.updatedAt) },
        { title: '操作', key: 'actions', render: (_, row) => actionsCell(row) },
      ]
    : [
        {
          title: '需求',
          key: 'compact',
          render: (_, row) => (
            <Flex vertical gap={6}>
              {titleCell(row)}
              {stateCell(row)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {row.budgetLabel} · 截止 {formatDay(row.deadline)}
                {row.claimantName ? ` · 认领方：${row.claimantName}` : ''}
              </Typography.Text>
              {actionsCell(row)}
            </Flex>
          ),
        },
      ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          我的需求
        </Typography.Title>
        <Tooltip title={canCreate ? undefined : '本企业通过认证后才能发布技术需求'}>
          <Button type="primary" icon={<PlusOutlined />} disabled={!canCreate} onClick={() => navigate(paths.newDemand)}>
            发布需求
          </Button>
        </Tooltip>
      </Flex>
      <Typography.Text type="secondary">
        {isEnterpriseMember && organization ? `${organization.name}的全部技术需求。` : '您录入的技术需求。'}
        需求经科技管理部门审核后在需求大厅公开，认领机构须在 48 小时内首次响应。
      </Typography.Text>
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Select
            aria-label="按状态筛选"
            placeholder="全部状态"
            allowClear
            options={optionsOf(DEMAND_STATUSES)}
            value={status}
            onChange={(value: DemandStatus | undefined) => {
              setStatus(value);
              setPage(1);
            }}
            style={{ width: 160 }}
          />
          <Input.Search
            aria-label="搜索需求"
            placeholder="需求名称或关键词"
            allowClear
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
            style={{ width: 280, maxWidth: '100%' }}
          />
          <Checkbox
            checked={overdue}
            onChange={(event) => {
              setOverdue(event.target.checked);
              setPage(1);
            }}
          >
            只看超时未响应
          </Checkbox>
        </Flex>
        {list.error && <Alert type="error" showIcon title={list.error.detail} style={{ marginBottom: 16 }} />}
        <Table<DemandSummary>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          locale={{ emptyText: status || q || overdue ? '没有符合条件的需求' : '还没有发布需求，点击“发布需求”开始' }}
          pagination={paging.pagination(list.data?.total)}
        />
      </Card>
      {commands.modals}
    </Flex>
  );
}
