import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../lib/format-time.js';
import { formatFen, subsidyApplicationPath, yuanText } from '../codes.js';
import type { ApplicationSummary } from '../types.js';

const STATUS_COLORS: Record<string, string> = { submitted: 'gold', under_review: 'blue', approved: 'green', disbursed: 'purple', rejected: 'red', withdrawn: 'default' };

export function ApplicationStatusTag({ status, label }: { status: string; label: string }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{label}</Tag>;
}

export function ApplicationTable(props: { items: ApplicationSummary[]; total: number; page: number; pageSize: number; loading: boolean; onPage: (page: number) => void }) {
  return (
    <Table<ApplicationSummary>
      rowKey="id"
      loading={props.loading}
      dataSource={props.items}
      pagination={{ current: props.page, pageSize: props.pageSize, total: props.total, onChange: props.onPage, showSizeChanger: false }}
      columns={[
        { title: '补助项目', render: (_: unknown, a) => <Link to={subsidyApplicationPath(a.id)}>{`${a.programme.name}（第 ${a.programme.version} 版）`}</Link> },
        { title: '申请单位', render: (_: unknown, a) => a.applicant.name },
        { title: '状态', render: (_: unknown, a) => <ApplicationStatusTag status={a.status} label={a.statusLabel} /> },
        { title: '测算金额', align: 'right', render: (_: unknown, a) => yuanText(a.computedFen, formatFen) },
        { title: '批准金额', align: 'right', render: (_: unknown, a) => yuanText(a.approvedFen, formatFen) },
        { title: '已拨付', align: 'right', render: (_: unknown, a) => yuanText(a.disbursedFen, formatFen) },
        { title: '申请时间', render: (_: unknown, a) => formatDateTime(a.createdAt) },
      ]}
    />
  );
}
