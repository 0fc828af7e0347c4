import { Alert, Card, Segmented } from 'antd';
import { useState } from 'react';
import { useListingReviewQueue } from '../api/get-review-queue.js';
import { ListingTable } from '../components/listing-table.js';

/** 挂牌审核: pending listings to approve, and listings in publicity with objections to resolve (on the detail page). */
export function ListingReviewPage() {
  const [status, setStatus] = useState<'pending_review' | 'publicity'>('pending_review');
  const [page, setPage] = useState(1);
  const queue = useListingReviewQueue({ status, page, pageSize: 20 });
  return (
    <Card title="挂牌审核与异议处理" extra={<Segmented value={status} onChange={(v) => { setStatus(v as typeof status); setPage(1); }} options={[{ value: 'pending_review', label: '待审核' }, { value: 'publicity', label: '公示中（异议）' }]} />}>
      {queue.error && <Alert type="error" showIcon title={queue.error.detail} />}
      <ListingTable items={queue.data?.items ?? []} total={queue.data?.total ?? 0} page={page} pageSize={20} loading={queue.isLoading} onPage={setPage} />
    </Card>
  );
}
