import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Grid, Input, Select, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { paths, pathTo } from '../../../app/routes.js';
import { ButtonLink } from '../../../lib/button-link.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { type RowCommand, RowCommandButtons } from '../../../lib/record-commands.js';
import { useTablePaging } from '../../../lib/use-table-paging.js';
import { useSession } from '../../accounts/session/session-context.js';
import { useMyAchievements } from '../api/list-my-achievements.js';
import { AchievementStatusTag, SelectedTag, StaleTag } from '../components/achievement-tags.js';
import { type Command, useAchievementCommands } from '../components/use-achievement-commands.js';
import { ACHIEVEMENT_STATUSES } from '../codes.js';
import { formatPrice, optionsOf } from '../format.js';
import type { AchievementStatus, AchievementSummary } from '../types.js';

const rowCommands: RowCommand<Command>[] = [
  { command: 'submit', label: '提交' },
  { command: 'confirm', label: '确认' },
  { command: 'reconfirm', label: '确认有效' },
  { command: 'archive', label: '归档', danger: true },
];

/** 我的成果: every record of the caller's organization, in any status, with its next steps. */
export function MyAchievementsPage() {
  const { session } = useSession();
  const navigate = useNavigate();
  const isWide = Grid.useBreakpoint().md === true;
  const organization = session?.user?.organization;
  const canCreate = organization?.status === 'verified';
  const [status, setStatus] = useState<AchievementStatus | undefined>(undefined);
  const [q, setQ] = useState('');
  const paging = useTablePaging();
  const { page, pageSize, setPage } = paging;
  const list = useMyAchievements({ status, q: q || undefined, page, pageSize });
  const commands = useAchievementCommands(() => list.reload());

  const titleCell = (row: AchievementSummary) => (
    <Flex vertical gap={4}>
      <Link to={pathTo.achievement(row.id)}>{row.title}</Link>
      <Flex gap={4} wrap>
        <SelectedTag year={row.selectionYear} />
        <StaleTag record={row} />
        {row.hasPendingRevision && <Tag color="purple">修改待审核</Tag>}
      </Flex>
    </Flex>
  );
  const fieldCell = (row: AchievementSummary) =>
    `${row.keyFieldLabel ?? '—'} · ${row.trl === null ? '—' : `TRL ${row.trl}`}`;
  const actionsCell = (row: AchievementSummary) => (
    <Space wrap size={4}>
      {row.allowedActions.includes('edit') && (
        <ButtonLink size="small" to={pathTo.editAchievement(row.id)}>
          {row.status === 'published' ? '修改' : '编辑'}
        </ButtonLink>
      )}
      <RowCommandButtons row={row} items={rowCommands} commands={commands} />
    </Space>
  );

  const columns: TableColumnsType<AchievementSummary> = isWide
    ? [
        { title: '成果名称', key: 'title', render: (_, row) => titleCell(row) },
        { title: '状态', key: 'status', render: (_, row) => <AchievementStatusTag status={row.status} /> },
        { title: '重点领域 · TRL', key: 'keyField', render: (_, row) => fieldCell(row) },
        { title: '价格', key: 'price', render: (_, row) => formatPrice(row.pricingMode, row.price) },
        { title: '更新时间', key: 'updatedAt', render: (_, row) => formatDateTime(row.updatedAt) },
        { title: '操作', key: 'actions', render: (_, row) => actionsCell(row) },
      ]
    : [
        // A phone gets one column with everything stacked, so the actions need no sideways scrolling.
        {
          title: '成果',
          key: 'compact',
          render: (_, row) => (
            <Flex vertical gap={6}>
              {titleCell(row)}
              <Flex gap={8} wrap align="center" style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
                <AchievementStatusTag status={row.status} />
                <span>{fieldCell(row)}</span>
                <span>{formatPrice(row.pricingMode, row.price)}</span>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                更新于 {formatDateTime(row.updatedAt)}
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
          我的成果
        </Typography.Title>
        <Tooltip title={canCreate ? undefined : '本机构通过认证后才能登记科技成果'}>
          <Button type="primary" icon={<PlusOutlined />} disabled={!canCreate} onClick={() => navigate(paths.newAchievement)}>
            新建成果
          </Button>
        </Tooltip>
      </Flex>
      {organization && (
        <Typography.Text type="secondary">
          {organization.name}登记的全部科技成果。成员提交的成果经单位管理员确认后进入平台审核；发布超过 12 个月未确认的成果显示“信息待更新”。
        </Typography.Text>
      )}
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Select
            aria-label="按状态筛选"
            placeholder="全部状态"
            allowClear
            options={optionsOf(ACHIEVEMENT_STATUSES)}
            value={status}
            onChange={(value: AchievementStatus | undefined) => {
              setStatus(value);
              setPage(1);
            }}
            style={{ width: 160 }}
          />
          <Input.Search
            aria-label="搜索成果"
            placeholder="成果名称、关键词或简介"
            allowClear
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
            style={{ width: 280, maxWidth: '100%' }}
          />
        </Flex>
        {list.error && <Alert type="error" showIcon title={list.error.detail} style={{ marginBottom: 16 }} />}
        <Table<AchievementSummary>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          locale={{ emptyText: status || q ? '没有符合条件的成果' : '还没有登记成果，点击“新建成果”开始' }}
          pagination={paging.pagination(list.data?.total)}
        />
      </Card>
      {commands.modals}
    </Flex>
  );
}
