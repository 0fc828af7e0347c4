import { Alert, Badge, Button, Card, Empty, Flex, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { paths, pathTo } from '../../../app/routes.js';
import { ButtonLink } from '../../../lib/button-link.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { useTablePaging } from '../../../lib/use-table-paging.js';
import { useFollowUpsDue } from '../api/get-follow-ups-due.js';
import { useClaimedDemands } from '../api/list-claimed-demands.js';
import { CLAIM_MODES, CLAIM_STATUSES } from '../codes.js';
import { ResponseClockTag } from '../components/demand-tags.js';
import { DemandTable } from '../components/demand-table.js';
import { type DemandCommand, useDemandCommands } from '../components/use-demand-commands.js';
import { labelFor } from '../format.js';
import type { ClaimedDemand, DemandClock, FollowUpDueItem } from '../types.js';

const dueKindLabels: Record<FollowUpDueItem['kind'], string> = {
  first_response: '首次响应',
  next_step: '计划跟进',
  message: '回复企业留言',
};

const rowCommands: { command: DemandCommand; label: string; primary?: boolean; danger?: boolean }[] = [
  { command: 'followUp', label: '添加跟进', primary: true },
  { command: 'propose', label: '推荐方案' },
  { command: 'refuse', label: '拒绝承接', danger: true },
];

/** A claim's own 48 hours (from the claim, not the publication): what its on-time rate counts. */
function claimClock(row: ClaimedDemand): DemandClock {
  const { claim } = row;
  if (claim.firstFollowUpAt) {
    return { dueAt: claim.dueAt, firstFollowUpAt: claim.firstFollowUpAt, state: Date.parse(claim.firstFollowUpAt) <= Date.parse(claim.dueAt) ? 'met' : 'late', remainingMs: null };
  }
  if (claim.status !== 'active') return { dueAt: claim.dueAt, firstFollowUpAt: null, state: 'none', remainingMs: null };
  return { dueAt: claim.dueAt, firstFollowUpAt: null, state: 'running', remainingMs: null };
}

/** 待跟进: first responses, planned follow-ups and enterprise messages the organization owes, soonest first. */
const SHOWN_DUE = 8;

function DuePanel({ due }: { due: ReturnType<typeof useFollowUpsDue> }) {
  const [showAll, setShowAll] = useState(false);
  const items = due.data?.items ?? [];
  const overdueCount = items.filter((item) => item.overdue).length;
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          待跟进
          <Badge count={items.length} color={overdueCount > 0 ? 'red' : 'blue'} showZero={false} />
        </Flex>
      }
      size="small"
      extra={
        items.length > SHOWN_DUE ? (
          <Button type="link" size="small" onClick={() => setShowAll((all) => !all)}>
            {showAll ? '收起' : `显示全部 ${items.length} 项`}
          </Button>
        ) : undefined
      }
    >
      {due.error && <Alert type="error" showIcon title={due.error.detail} />}
      {!due.error && items.length === 0 && !due.isLoading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无待跟进事项" />}
      {items.length > 0 && (
        <List<FollowUpDueItem>
          size="small"
          dataSource={showAll ? items : items.slice(0, SHOWN_DUE)}
          renderItem={(item) => (
            <List.Item>
              <Flex justify="space-between" align="center" gap={8} wrap style={{ width: '100%' }}>
                <Flex gap={8} align="center" wrap style={{ minWidth: 0 }}>
                  <Tag color={item.overdue ? 'red' : 'blue'}>{dueKindLabels[item.kind]}</Tag>
                  <Link to={pathTo.demand(item.demandId)}>{item.title}</Link>
                </Flex>
                <Typography.Text type={item.overdue ? 'danger' : 'secondary'} style={{ fontSize: 13 }}>
                  {item.overdue ? '已超时，' : ''}应于 {formatDateTime(item.dueAt)} 前
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 我的认领: the organization's claims (active first) with their own 48-hour clocks, and what is due next. */
export function ClaimedDemandsPage() {
  const paging = useTablePaging();
  const { page, pageSize } = paging;
  const list = useClaimedDemands({ page, pageSize });
  const due = useFollowUpsDue();
  const commands = useDemandCommands(() => {
    list.reload();
    due.reload();
  });

  const actions = (row: ClaimedDemand) => (
    <Space size={4} wrap>
      {row.claim.status === 'active' &&
        rowCommands
          .filter((item) => row.allowedActions.includes(item.command))
          .map((item) => (
            <Button
              key={item.command}
              size="small"
              type={item.primary ? 'primary' : 'default'}
              danger={item.danger}
              disabled={commands.anyBusy}
              onClick={() => commands.run(item.command, row)}
            >
              {item.label}
            </Button>
          ))}
      <ButtonLink size="small" to={pathTo.demand(row.id)}>
        详情
      </ButtonLink>
    </Space>
  );

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          我的认领
        </Typography.Title>
        <ButtonLink to={paths.demandPool}>可认领需求</ButtonLink>
      </Flex>
      <DuePanel due={due} />
      <Card title="认领的需求" styles={{ body: { padding: 0 } }}>
        {list.error && <Alert type="error" showIcon title={list.error.detail} style={{ margin: 16 }} />}
        <DemandTable<ClaimedDemand>
          rows={list.data?.items ?? []}
          rowKey={(row) => row.claim.id}
          actions={actions}
          showClock={false}
          loading={list.isLoading}
          locale={{ emptyText: '还没有认领需求，去“可认领需求”看看' }}
          extraColumns={[
            {
              title: '认领',
              key: 'claim',
              render: (_, row) => (
                <Flex vertical gap={4}>
                  <Flex gap={4} wrap>
                    <Tag>{labelFor(CLAIM_MODES, row.claim.mode)}</Tag>
                    <Tag color={row.claim.status === 'active' ? 'blue' : 'default'}>{labelFor(CLAIM_STATUSES, row.claim.status)}</Tag>
                    <ResponseClockTag clock={claimClock(row)} />
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {row.claim.userName ? `${row.claim.userName} · ` : ''}
                    {formatDateTime(row.claim.createdAt)}
                  </Typography.Text>
                </Flex>
              ),
            },
          ]}
          pagination={paging.pagination(list.data?.total)}
        />
      </Card>
      {commands.modals}
    </Flex>
  );
}
