import { Alert, Button, Card, Descriptions, Flex, Skeleton, Space, Typography } from 'antd';
import { formatDateTime } from '../../../lib/format-time.js';
import { useTablePaging } from '../../../lib/use-table-paging.js';
import { useDemand } from '../api/get-demand.js';
import { useDemandReviewQueue } from '../api/get-demand-review-queue.js';
import { DemandTable } from '../components/demand-table.js';
import { useDemandCommands } from '../components/use-demand-commands.js';
import { cooperationText, exactBudget, formatDay } from '../format.js';
import type { DemandSummary } from '../types.js';

/** What the reviewer decides on: the whole demand, details and contact included. */
function ReviewPreview({ id }: { id: string }) {
  const detail = useDemand(id);
  if (detail.error) return <Alert type="error" showIcon title={detail.error.detail} />;
  if (!detail.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  const data = detail.data;
  const long = (text: string | null) => (
    <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: '展开' }} style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
      {text || '未填写'}
    </Typography.Paragraph>
  );
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small">
      <Descriptions.Item label="需求类型">{data.demandTypeLabel ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="所属行业">{data.industryLabel ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="合作方式">{cooperationText(data.cooperationModes)}</Descriptions.Item>
      <Descriptions.Item label="预算">
        {data.budgetLabel}
        {exactBudget(data) ? `（${exactBudget(data)}）` : ''}
      </Descriptions.Item>
      <Descriptions.Item label="截止日期">{formatDay(data.deadline)}</Descriptions.Item>
      <Descriptions.Item label="来源">{data.sourceLabel}</Descriptions.Item>
      <Descriptions.Item label="公开摘要" span={{ xs: 1, md: 2 }}>
        {long(data.publicSummary)}
      </Descriptions.Item>
      <Descriptions.Item label="需求描述" span={{ xs: 1, md: 2 }}>
        {long(data.description)}
      </Descriptions.Item>
      <Descriptions.Item label="技术指标" span={{ xs: 1, md: 2 }}>
        {long(data.indicators)}
      </Descriptions.Item>
      <Descriptions.Item label="联系人">
        {data.contact.visible ? `${data.contact.name || '—'} ${data.contact.phone}` : data.contact.message}
      </Descriptions.Item>
    </Descriptions>
  );
}

/**
 * 需求审核: submitted demands of the reviewer's region, oldest first. 通过 publishes (the 48-hour
 * clock starts); 退回 sends the demand back with per-field reasons.
 */
export function DemandReviewPage() {
  const paging = useTablePaging();
  const { page, pageSize } = paging;
  const queue = useDemandReviewQueue({ page, pageSize });
  const commands = useDemandCommands(() => queue.reload());

  const actions = (row: DemandSummary) => (
    <Space size={4}>
      {row.allowedActions.includes('publish') && (
        <Button
          type="primary"
          size="small"
          loading={commands.isBusy(row.id, 'publish')}
          disabled={commands.anyBusy && !commands.isBusy(row.id, 'publish')}
          onClick={() => commands.run('publish', row)}
        >
          通过
        </Button>
      )}
      {row.allowedActions.includes('return') && (
        <Button danger size="small" disabled={commands.anyBusy} onClick={() => commands.run('return', row)}>
          退回
        </Button>
      )}
    </Space>
  );

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        需求审核
      </Typography.Title>
      <Typography.Text type="secondary">本地区企业提交的技术需求，按提交时间排列。展开一行查看完整内容；通过后需求进入需求大厅，48 小时响应计时开始。</Typography.Text>
      <Card styles={{ body: { padding: 0 } }}>
        {queue.error && <Alert type="error" showIcon title={queue.error.detail} style={{ margin: 16 }} />}
        <DemandTable
          rows={queue.data?.items ?? []}
          actions={actions}
          showClock={false}
          showStatus={false}
          loading={queue.isLoading}
          expandable={{ expandedRowRender: (row) => <ReviewPreview id={row.id} /> }}
          locale={{ emptyText: '暂无待审核的需求' }}
          extraColumns={[{ title: '更新时间', key: 'updatedAt', render: (_, row) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.updatedAt)}</span> }]}
          pagination={paging.pagination(queue.data?.total)}
        />
      </Card>
      {commands.modals}
    </Flex>
  );
}
