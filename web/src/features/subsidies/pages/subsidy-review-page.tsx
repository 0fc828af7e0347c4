import { Alert, Card, Segmented } from 'antd';
import { useState } from 'react';
import { useSubsidyReviewQueue } from '../api/applications.js';
import { ApplicationTable } from '../components/application-table.js';

type Filter = 'pending' | 'submitted' | 'under_review' | 'approved';

/** 补助审核: applications to score, decide and pay (opened on the detail page), oldest first. */
export function SubsidyReviewPage() {
  const [filter, setFilter] = useState<Filter>('pending');
  const [page, setPage] = useState(1);
  const queue = useSubsidyReviewQueue({ page, pageSize: 20, ...(filter === 'pending' ? {} : { status: filter }) });
  return (
    <Card
      title="补助审核与拨付"
      extra={
        <Segmented
          value={filter}
          onChange={(v) => {
            setFilter(v as Filter);
            setPage(1);
          }}
          options={[
            { value: 'pending', label: '全部待办' },
            { value: 'submitted', label: '待评审' },
            { value: 'under_review', label: '评审中' },
            { value: 'approved', label: '待拨付' },
          ]}
        />
      }
    >
      {queue.error && <Alert type="error" showIcon title={queue.error.detail} />}
      <ApplicationTable items={queue.data?.items ?? []} total={queue.data?.total ?? 0} page={page} pageSize={20} loading={queue.isLoading} onPage={setPage} />
    </Card>
  );
}
