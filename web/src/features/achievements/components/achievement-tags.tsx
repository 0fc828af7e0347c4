import { Tag, Tooltip } from 'antd';
import { formatDate } from '../../../lib/format-time.js';
import { statusColors, statusLabel } from '../format.js';
import type { AchievementStatus, AchievementSummary } from '../types.js';

export function AchievementStatusTag({ status }: { status: AchievementStatus }) {
  return <Tag color={statusColors[status] ?? 'default'}>{statusLabel(status)}</Tag>;
}

/** 科惠精品 with its year. */
export function SelectedTag({ year }: { year: number | null }) {
  if (year === null) return null;
  return <Tag color="gold">科惠精品 {year}</Tag>;
}

/** 信息待更新: published but not confirmed by its owner for 12 months. */
export function StaleTag({ record }: { record: Pick<AchievementSummary, 'isStale' | 'lastConfirmedAt'> }) {
  if (!record.isStale) return null;
  return (
    <Tooltip title={`成果方最近一次确认信息有效：${formatDate(record.lastConfirmedAt)}，已超过 12 个月`}>
      <Tag color="orange">信息待更新</Tag>
    </Tooltip>
  );
}

/** The tags shown next to a record's title in lists. */
export function AchievementBadges({ record }: { record: Pick<AchievementSummary, 'selectionYear' | 'isStale' | 'lastConfirmedAt' | 'isFiscallyFunded'> }) {
  return (
    <>
      <SelectedTag year={record.selectionYear} />
      <StaleTag record={record} />
      {record.isFiscallyFunded && <Tag color="blue">财政资助</Tag>}
    </>
  );
}
