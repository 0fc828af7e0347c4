import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { formatFen, listingPath } from '../codes.js';
import type { ListingSummary } from '../types.js';

const STATUS_COLORS: Record<string, string> = { pending_review: 'gold', publicity: 'blue', open: 'green', delisted: 'purple', expired: 'default', rejected: 'red', withdrawn: 'default' };

/** The publicity countdown in working days, or the period dates. */
export function periodText(l: ListingSummary): string {
  if (l.status === 'publicity') return `公示中，剩余 ${l.publicityWorkingDaysLeft} 个工作日（至 ${l.publicityEnd ?? ''}）`;
  if (l.status === 'open') return `挂牌至 ${l.openEnd ?? ''}`;
  return '—';
}

export function ListingStatusTag({ status, label }: { status: string; label: string }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{label}</Tag>;
}

export function ListingTable(props: { items: ListingSummary[]; total: number; page: number; pageSize: number; loading: boolean; onPage: (page: number) => void }) {
  return (
    <Table<ListingSummary>
      rowKey="id"
      loading={props.loading}
      dataSource={props.items}
      pagination={{ current: props.page, pageSize: props.pageSize, total: props.total, onChange: props.onPage, showSizeChanger: false }}
      columns={[
        { title: '成果', dataIndex: 'title', render: (_: unknown, l) => <Link to={listingPath(l.id)}>{l.title}</Link> },
        { title: '挂牌单位', render: (_: unknown, l) => l.owner.name },
        { title: '交易方式', dataIndex: 'modeLabel' },
        { title: '挂牌价格', align: 'right', render: (_: unknown, l) => `¥${formatFen(l.priceFen)}` },
        { title: '状态', render: (_: unknown, l) => <ListingStatusTag status={l.status} label={l.statusLabel} /> },
        { title: '期限', render: (_: unknown, l) => periodText(l) },
        { title: '异议', render: (_: unknown, l) => (l.objectionsPending ? <Tag color="orange">{l.objectionsPending} 项待处理</Tag> : '—') },
      ]}
    />
  );
}
