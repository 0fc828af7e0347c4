import { Card, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { pathTo } from '../../../app/routes.js';
import { cooperationText, formatPrice, trlText } from '../format.js';
import type { AchievementSummary } from '../types.js';
import { AchievementBadges } from './achievement-tags.js';

/** One published record in the public lists: what a buyer scans before opening it. */
export function AchievementCard({ record }: { record: AchievementSummary }) {
  const price = formatPrice(record.pricingMode, record.price);
  return (
    <Card size="small" styles={{ body: { padding: 16 } }}>
      <article aria-label={record.title}>
        <Flex justify="space-between" align="start" gap={12} wrap>
          <div style={{ minWidth: 0, flex: '1 1 320px' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              <Link to={pathTo.achievement(record.id)}>{record.title}</Link>
            </Typography.Title>
            <Flex gap={4} wrap style={{ marginTop: 6 }}>
              {record.keyFieldLabel && <Tag>{record.keyFieldLabel}</Tag>}
              {record.typeLabel && <Tag>{record.typeLabel}</Tag>}
              <AchievementBadges record={record} />
            </Flex>
          </div>
          <div style={{ textAlign: 'end', flex: '0 0 auto' }}>
            <Typography.Text strong style={{ fontSize: 16, color: price === '面议' ? undefined : '#cf1322' }}>
              {price}
            </Typography.Text>
          </div>
        </Flex>
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '8px 0' }}>
          {record.abstract || '暂无简介'}
        </Typography.Paragraph>
        <Flex gap="4px 16px" wrap style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>
          <span>{record.ownerName}</span>
          <span>{record.regionName ?? record.regionCode}</span>
          <span>{trlText(record.trl)}</span>
          {record.stageLabel && <span>{record.stageLabel}</span>}
          <span>合作方式：{cooperationText(record.cooperationModes)}</span>
        </Flex>
      </article>
    </Card>
  );
}
