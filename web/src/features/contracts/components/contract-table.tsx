import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../lib/format-time.js';
import { contractPath, formatFen } from '../codes.js';
import type { ContractSummary } from '../types.js';

const STATUS_COLORS: Record<string, string> = { submitted: 'gold', accepted: 'blue', registered: 'green', refused: 'red', withdrawn: 'default' };

export function ContractStatusTag({ status, label, isOverdue }: { status: string; label: string; isOverdue?: boolean }) {
  return (
    <>
      <Tag color={STATUS_COLORS[status] ?? 'default'}>{label}</Tag>
      {isOverdue && <Tag color="red">已逾期</Tag>}
    </>
  );
}

export function ContractTable(props: { items: ContractSummary[]; total: number; page: number; pageSize: number; loading: boolean; onPage: (page: number) => void }) {
  return (
    <Table<ContractSummary>
      rowKey="id"
      loading={props.loading}
      dataSource={props.items}
      pagination={{ current: props.page, pageSize: props.pageSize, total: props.total, onChange: props.onPage, showSizeChanger: false }}
      columns={[
        { title: '合同名称', dataIndex: 'title', render: (_: unknown, c) => <Link to={contractPath(c.id)}>{c.title}</Link> },
        { title: '类型', dataIndex: 'contractTypeLabel' },
        { title: '卖方', render: (_: unknown, c) => c.sellerNames.join('、') },
        { title: '买方', render: (_: unknown, c) => c.buyerNames.join('、') },
        { title: '合同金额', align: 'right', render: (_: unknown, c) => `¥${formatFen(c.contractValueFen)}` },
        { title: '状态', render: (_: unknown, c) => <ContractStatusTag status={c.status} label={c.statusLabel} isOverdue={c.isOverdue} /> },
        { title: '决定期限', render: (_: unknown, c) => c.decisionDueOn ?? '—' },
        { title: '登记编号', render: (_: unknown, c) => c.registrationNumber ?? '—' },
        { title: '提交时间', render: (_: unknown, c) => formatDateTime(c.submittedAt) },
      ]}
    />
  );
}
