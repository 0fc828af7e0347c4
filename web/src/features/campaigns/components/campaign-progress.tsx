import { Flex, Progress, Typography } from 'antd';
import { percentOf, progressRows } from '../format.js';
import type { CampaignSummary } from '../types.js';

/** 目标完成情况: one bar per target (enterprises visited, demands mined, events held). */
export function CampaignProgress({ campaign, size = 'default' }: { campaign: Pick<CampaignSummary, 'targets' | 'actuals'>; size?: 'small' | 'default' }) {
  return (
    <Flex vertical gap={size === 'small' ? 2 : 8}>
      {progressRows(campaign).map((row) => {
        const percent = percentOf(row.actual, row.target);
        const text = `${row.actual} / ${row.target > 0 ? row.target : '—'} ${row.unit}`;
        return (
          <Flex key={row.key} align="center" gap={8}>
            <Typography.Text type="secondary" style={{ flex: '0 0 64px', fontSize: size === 'small' ? 12 : 14 }}>
              {row.label}
            </Typography.Text>
            <Progress
              percent={percent ?? 0}
              size="small"
              status={percent !== null && percent >= 100 ? 'success' : 'normal'}
              showInfo={false}
              aria-label={`${row.label}：完成 ${row.actual}${row.unit}，目标 ${row.target > 0 ? `${row.target}${row.unit}` : '未设定'}`}
              style={{ flex: 1, margin: 0 }}
            />
            <Typography.Text style={{ flex: '0 0 auto', minWidth: 88, textAlign: 'right', fontSize: size === 'small' ? 12 : 14 }}>
              {text}
            </Typography.Text>
          </Flex>
        );
      })}
    </Flex>
  );
}
