import { Alert, Card, Segmented } from 'antd';
import { useState } from 'react';
import { useContractQueue } from '../api/list-contracts.js';
import { ContractTable } from '../components/contract-table.js';

type Filter = 'all' | 'submitted' | 'accepted' | 'overdue';

/** 合同登记: the registrar's queue (submitted and accepted contracts of its regions), overdue first. */
export function ContractQueuePage() {
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const queue = useContractQueue({
    page,
    pageSize: 20,
    ...(filter === 'submitted' || filter === 'accepted' ? { status: filter } : {}),
    ...(filter === 'overdue' ? { overdue: 'true' as const } : {}),
  });
  return (
    <Card
      title="合同登记"
      extra={
        <Segmented
          value={filter}
          onChange={(v) => {
            setFilter(v as Filter);
            setPage(1);
          }}
          options={[
            { value: 'all', label: '全部待办' },
            { value: 'submitted', label: '待受理' },
            { value: 'accepted', label: '审查中' },
            { value: 'overdue', label: '已逾期' },
          ]}
        />
      }
    >
      {queue.error && <Alert type="error" showIcon title={queue.error.detail} />}
      <ContractTable items={queue.data?.items ?? []} total={queue.data?.total ?? 0} page={page} pageSize={20} loading={queue.isLoading} onPage={setPage} />
    </Card>
  );
}
