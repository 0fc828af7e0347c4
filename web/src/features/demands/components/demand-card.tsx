import { Card, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { pathTo } from '../../../app/routes.js';
import { formatDate } from '../../../lib/format-time.js';
import { formatDay } from '../format.js';
import type { DemandSummary } from '../types.js';
import { DemandStatusTag } from './demand-tags.js';

/** One demand on the public board: what a broker or research team scans before opening it. */
export function DemandCard({ record }: { record: DemandSummary }) {
  const isNegotiable = record.budgetMode !== 'range';
  return (
    <Card size="small" styles={{ body: { padding: 16 } }}>
      <article aria-label={record.title}>
        <Flex justify="space-between" align="start" gap={12} wrap>
          <div style={{ minWidth: 0, flex: '1 1 320px' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              <Link to={pathTo.demand(record.id)}>{record.title}</Link>
            </Typography.Title>
            <Flex gap={4} wrap style={{ marginTop: 6 }}>
              <DemandStatusTag status={record.status} />
              {record.keyFieldLabel && <Tag>{record.keyFieldLabel}</Tag>}
              {record.demandTypeLabel && <Tag>{record.demandTypeLabel}</Tag>}
            </Flex>
          </div>
          <div style={{ textAlign: 'end', flex: '0 0 auto' }}>
            <Typography.Text strong style={{ fontSize: 16, color: isNegotiable ? undefined : '#cf1322' }}>
              {record.budgetLabel}
            </Typography.Text>
            {record.deadline && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                截止 {formatDay(record.deadline)}
              </Typography.Text>
            )}
          </div>
        </Flex>
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '8px 0' }}>
          {record.publicSummary || '暂无摘要'}
        </Typography.Paragraph>
        <Flex gap="4px 16px" wrap style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>
          <span>{record.enterpriseName}</span>
          <span>{record.regionName ?? record.regionCode}</span>
          {record.publishedAt && <span>发布于 {formatDate(record.publishedAt)}</span>}
          {record.claimantName && <span>认领方：{record.claimantName}</span>}
        </Flex>
      </article>
    </Card>
  );
}
