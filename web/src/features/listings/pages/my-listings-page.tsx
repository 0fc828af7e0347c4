import { Alert, Card } from 'antd';
import { useState } from 'react';
import { useMyListings } from '../api/list-my-listings.js';
import { ListingTable } from '../components/listing-table.js';

/** 我的挂牌: the organization's listings in every status (new ones start from an achievement's page). */
export function MyListingsPage() {
  const [page, setPage] = useState(1);
  const mine = useMyListings({ page, pageSize: 20 });
  return (
    <Card title="我的挂牌">
      {mine.error && <Alert type="error" showIcon title={mine.error.detail} />}
      <ListingTable items={mine.data?.items ?? []} total={mine.data?.total ?? 0} page={page} pageSize={20} loading={mine.isLoading} onPage={setPage} />
    </Card>
  );
}
