import { Alert, Badge, Button, Card, Descriptions, Flex, Grid, Skeleton, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { pathTo } from '../../../app/routes.js';
import { formatDateTime, formatElapsed } from '../../../lib/format-time.js';
import { useTablePaging } from '../../../lib/use-table-paging.js';
import { useAchievement } from '../api/get-achievement.js';
import { useReviewQueue } from '../api/get-review-queue.js';
import { ChangeList } from '../components/change-list.js';
import { NearDuplicatesModal } from '../components/near-duplicates-modal.js';
import { type Command, useAchievementCommands } from '../components/use-achievement-commands.js';
import { cooperationText, formatPrice, trlText } from '../format.js';
import { revisionChanges } from '../revision-diff.js';
import type { ReviewQueueItem } from '../types.js';

/** What the reviewer decides on: a new record's content, or a revision's changes against the published record. */
function ReviewPreview({ item }: { item: ReviewQueueItem }) {
  const detail = useAchievement(item.id);
  if (detail.error) return <Alert type="error" showIcon title={detail.error.detail} />;
  if (!detail.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  const data = detail.data;
  if (item.kind === 'revision') {
    return (
      <Flex vertical gap={8}>
        <Typography.Text strong>修改内容（当前发布版本 → 提交的修改）</Typography.Text>
        <ChangeList changes={revisionChanges(data)} emptyText="修改与当前发布版本相同" />
      </Flex>
    );
  }
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small">
      <Descriptions.Item label="成果类型">{data.typeLabel ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="重点领域">{data.keyFieldLabel ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="技术就绪度">{trlText(data.trl)}</Descriptions.Item>
      <Descriptions.Item label="成熟阶段">{data.stageLabel ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="合作方式">{cooperationText(data.cooperationModes)}</Descriptions.Item>
      <Descriptions.Item label="价格">{formatPrice(data.pricingMode, data.price)}</Descriptions.Item>
      <Descriptions.Item label="成果简介" span={{ xs: 1, md: 2 }}>
        <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: '展开' }} style={{ margin: 0 }}>
          {data.abstract}
        </Typography.Paragraph>
      </Descriptions.Item>
    </Descriptions>
  );
}

/**
 * 成果审核: records confirmed by their organizations and revisions of published records, oldest
 * first. 通过 publishes (or applies the revision); 退回 sends it back with per-field reasons.
 */
export function ReviewQueuePage() {
  const isWide = Grid.useBreakpoint().md === true;
  const paging = useTablePaging();
  const { page, pageSize } = paging;
  const [duplicatesOf, setDuplicatesOf] = useState<ReviewQueueItem | undefined>(undefined);
  const queue = useReviewQueue({ page, pageSize });
  const commands = useAchievementCommands(() => queue.reload());

  const decide = (item: ReviewQueueItem, approve: boolean) => {
    const command: Command =
      item.kind === 'revision' ? (approve ? 'approveRevision' : 'returnRevision') : approve ? 'publish' : 'return';
    return { command, allowed: item.allowedActions.includes(command) };
  };

  const titleCell = (row: ReviewQueueItem) => (
    <Link to={pathTo.achievement(row.id)} target="_blank">
      {row.title}
    </Link>
  );
  const kindCell = (row: ReviewQueueItem) =>
    row.kind === 'revision' ? <Tag color="purple">修改</Tag> : <Tag color="blue">新成果</Tag>;
  const waitingCell = (row: ReviewQueueItem) =>
    row.waitingSince ? (
      <span title={`提交于 ${formatDateTime(row.waitingSince)}`} style={{ whiteSpace: 'nowrap' }}>
        已等待 {formatElapsed(row.waitingSince)}
      </span>
    ) : (
      '—'
    );
  const duplicatesCell = (row: ReviewQueueItem) =>
    row.nearDuplicates > 0 ? (
      <Button
        type="link"
        size="small"
        onClick={() => setDuplicatesOf(row)}
        aria-label={`疑似重复 ${row.nearDuplicates} 项，查看`}
        style={{ paddingInline: 0 }}
      >
        <Badge count={row.nearDuplicates} color="orange" />
        <span style={{ marginInlineStart: 6 }}>查看</span>
      </Button>
    ) : (
      <Typography.Text type="secondary">{isWide ? '无' : '无疑似重复'}</Typography.Text>
    );
  const actionsCell = (row: ReviewQueueItem) => {
    const approve = decide(row, true);
    const reject = decide(row, false);
    return (
      <Space size={4}>
        {approve.allowed && (
          <Button
            type="primary"
            size="small"
            loading={commands.isBusy(row.id, approve.command)}
            disabled={commands.anyBusy && !commands.isBusy(row.id, approve.command)}
            onClick={() => commands.run(approve.command, row)}
          >
            通过
          </Button>
        )}
        {reject.allowed && (
          <Button danger size="small" disabled={commands.anyBusy} onClick={() => commands.run(reject.command, row)}>
            退回
          </Button>
        )}
      </Space>
    );
  };

  const columns: TableColumnsType<ReviewQueueItem> = isWide
    ? [
        { title: '成果名称', key: 'title', render: (_, row) => titleCell(row) },
        {
          title: '所属单位 · 地区',
          key: 'owner',
          render: (_, row) => (
            <>
              {row.ownerName}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {row.regionName ?? row.regionCode}
              </Typography.Text>
            </>
          ),
        },
        { title: '类别', key: 'kind', render: (_, row) => kindCell(row) },
        { title: '等待时间', key: 'waiting', render: (_, row) => waitingCell(row) },
        { title: '疑似重复', key: 'nearDuplicates', render: (_, row) => duplicatesCell(row) },
        { title: '操作', key: 'actions', render: (_, row) => actionsCell(row) },
      ]
    : [
        // A phone gets one column with everything stacked, so 通过 / 退回 need no sideways scrolling.
        {
          title: '待审成果',
          key: 'compact',
          render: (_, row) => (
            <Flex vertical gap={6}>
              {titleCell(row)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {row.ownerName} · {row.regionName ?? row.regionCode}
              </Typography.Text>
              <Flex gap={8} wrap align="center">
                {kindCell(row)}
                {waitingCell(row)}
                {duplicatesCell(row)}
              </Flex>
              {actionsCell(row)}
            </Flex>
          ),
        },
      ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        成果审核
      </Typography.Title>
      <Typography.Text type="secondary">
        单位确认后的新成果与已发布成果的修改，按等待时间排列。展开一行查看成果内容或修改差异。
      </Typography.Text>
      <Card>
        {queue.error && <Alert type="error" showIcon title={queue.error.detail} style={{ marginBottom: 16 }} />}
        <Table<ReviewQueueItem>
          rowKey={(row) => `${row.kind}:${row.id}`}
          columns={columns}
          dataSource={queue.data?.items ?? []}
          loading={queue.isLoading}
          expandable={{ expandedRowRender: (row) => <ReviewPreview item={row} /> }}
          locale={{ emptyText: '暂无待审核的成果' }}
          pagination={paging.pagination(queue.data?.total)}
        />
      </Card>
      <NearDuplicatesModal record={duplicatesOf} onClose={() => setDuplicatesOf(undefined)} />
      {commands.modals}
    </Flex>
  );
}
