import { Alert, Card, Table, type TableColumnsType, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { pathTo } from '../../../app/routes.js';
import { useTablePaging } from '../../../lib/use-table-paging.js';
import { contractPath, newContractPath } from '../../contracts/codes.js';
import { useMyDeals } from '../api/list-my-deals.js';
import { formatFen } from '../codes.js';
import type { DealPage } from '../types.js';

type Deal = DealPage['items'][number];
const PAGE_SIZE = 20;

const columns: TableColumnsType<Deal> = [
  { title: '成果', key: 'title', render: (_, d) => <Link to={pathTo.listing(d.listingId)}>{d.title}</Link> },
  { title: '方式', dataIndex: 'modeLabel', key: 'mode', width: 100 },
  { title: '成交价', key: 'price', align: 'right', width: 140, render: (_, d) => `¥${formatFen(d.priceFen)}` },
  { title: '摘牌企业', key: 'buyer', render: (_, d) => d.buyer.name },
  { title: '中介机构', key: 'intermediary', render: (_, d) => d.intermediary?.name ?? '—' },
  {
    title: '状态',
    key: 'status',
    width: 190,
    render: (_, d) => (
      <>
        <Tag color={d.status === 'notice' ? 'processing' : 'success'}>{d.statusLabel}</Tag>
        {d.status === 'notice' ? `至 ${d.noticeEnd}` : ''}
      </>
    ),
  },
  {
    title: '技术合同',
    key: 'contract',
    width: 120,
    render: (_, d) => (d.contractId ? <Link to={contractPath(d.contractId)}>查看技术合同</Link> : <Link to={newContractPath(d.id)}>签订技术合同</Link>),
  },
];

/** 我的成交: deals the organization is party to (挂牌方, 摘牌企业 or 中介), each leading on to its contract. */
export function MyDealsPage() {
  const { page, pageSize, pagination } = useTablePaging(PAGE_SIZE);
  const deals = useMyDeals({ page, pageSize });
  return (
    <Card title="我的成交">
      {deals.error && <Alert type="error" showIcon title={deals.error.detail} />}
      <Table rowKey="id" size="middle" loading={deals.isLoading} dataSource={deals.data?.items ?? []} columns={columns} pagination={pagination(deals.data?.total)} scroll={{ x: 900 }} locale={{ emptyText: '暂无成交' }} />
    </Card>
  );
}
