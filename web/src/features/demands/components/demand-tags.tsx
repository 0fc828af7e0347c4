import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../../lib/format-time.js';
import { RESPONSE_HOURS } from '../codes.js';
import { clockView, statusColors, statusLabel } from '../format.js';
import type { DemandClock, DemandStatus } from '../types.js';

export function DemandStatusTag({ status }: { status: DemandStatus }) {
  return <Tag color={statusColors[status] ?? 'default'}>{statusLabel(status)}</Tag>;
}

/** The current time, refreshed every `intervalMs`, so a running clock counts down on an open page. */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The due time and, once it came, the first follow-up, in Beijing time. */
export function clockDetails(clock: DemandClock): string {
  const parts = [];
  if (clock.dueAt) parts.push(`响应时限：${formatDateTime(clock.dueAt)}`);
  if (clock.firstFollowUpAt) parts.push(`首次跟进：${formatDateTime(clock.firstFollowUpAt)}`);
  return parts.join('；');
}

/**
 * The 48-hour response promise as a tag: 剩余 xx 小时 / 已超时 xx 小时 while the first follow-up is
 * awaited, 按时响应 / 超时响应 after it. Nothing before publication.
 */
export function ResponseClockTag({ clock, status }: { clock: DemandClock; status?: DemandStatus }) {
  const now = useNow();
  const view = clockView(clock, now, status === 'closed');
  if (!view) return null;
  return (
    <Tooltip title={`${RESPONSE_HOURS} 小时响应承诺。${clockDetails(clock)}（北京时间）`}>
      <Tag color={view.color} icon={<ClockCircleOutlined />} style={{ marginInlineEnd: 0 }}>
        {view.text}
      </Tag>
    </Tooltip>
  );
}
