import { Flex, Grid, Table, type TableColumnsType, type TableProps, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { pathTo } from '../../../app/routes.js';
import { formatDay } from '../format.js';
import type { DemandSummary } from '../types.js';
import { DemandStatusTag, ResponseClockTag } from './demand-tags.js';

/**
 * The workspace's demand lists (pool, dispatch, review): title with enterprise and region, field,
 * budget, deadline, status and the 48-hour clock, and the row's actions. A phone gets one stacked
 * column so the actions need no sideways scrolling.
 */
export function DemandTable<T extends DemandSummary>({
  rows,
  actions,
  extraColumns = [],
  showStatus = true,
  showClock = true,
  ...table
}: {
  rows: T[];
  actions: (row: T) => ReactNode;
  /** Shown before the actions on wide screens. */
  extraColumns?: TableColumnsType<T>;
  showStatus?: boolean;
  /** The demand's own 48-hour clock (from publication); 我的认领 shows each claim's instead. */
  showClock?: boolean;
} & Omit<TableProps<T>, 'dataSource' | 'columns'>) {
  const isWide = Grid.useBreakpoint().md === true;
  const titleCell = (row: T) => (
    <Flex vertical gap={2}>
      <Link to={pathTo.demand(row.id)}>{row.title}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {row.enterpriseName} · {row.regionName ?? row.regionCode}
      </Typography.Text>
    </Flex>
  );
  const stateCell = (row: T) => (
    <Flex gap={4} wrap>
      {showStatus && <DemandStatusTag status={row.status} />}
      {showClock && <ResponseClockTag clock={row.clock} status={row.status} />}
    </Flex>
  );
  const columns: TableColumnsType<T> = isWide
    ? [
        { title: '需求名称', key: 'title', render: (_, row) => titleCell(row) },
        { title: '领域 · 类型', key: 'field', render: (_, row) => [row.keyFieldLabel, row.demandTypeLabel].filter(Boolean).join(' · ') || '—' },
        { title: '预算', key: 'budget', render: (_, row) => row.budgetLabel },
        { title: '截止日期', key: 'deadline', render: (_, row) => formatDay(row.deadline) },
        ...(showStatus || showClock
          ? [{ title: showStatus && showClock ? '状态 · 响应' : showStatus ? '状态' : '响应时限', key: 'state', render: (_: unknown, row: T) => stateCell(row) }]
          : []),
        ...extraColumns,
        { title: '操作', key: 'actions', render: (_, row) => actions(row) },
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
                {[row.keyFieldLabel, row.budgetLabel, row.deadline ? `截止 ${formatDay(row.deadline)}` : undefined].filter(Boolean).join(' · ')}
              </Typography.Text>
              {actions(row)}
            </Flex>
          ),
        },
      ];
  return <Table<T> rowKey="id" columns={columns} dataSource={rows} {...table} />;
}
