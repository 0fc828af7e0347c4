import { Alert, Button, Card } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMyContracts } from '../api/list-contracts.js';
import { newContractPath } from '../codes.js';
import { ContractTable } from '../components/contract-table.js';

/** 我的合同: technology contracts the organization is a party to, every status. */
export function MyContractsPage() {
  const [page, setPage] = useState(1);
  const mine = useMyContracts({ page, pageSize: 20 });
  return (
    <Card
      title="我的合同"
      extra={
        <Link to={newContractPath()}>
          <Button type="primary">申请合同登记</Button>
        </Link>
      }
    >
      {mine.error && <Alert type="error" showIcon title={mine.error.detail} />}
      <ContractTable items={mine.data?.items ?? []} total={mine.data?.total ?? 0} page={page} pageSize={20} loading={mine.isLoading} onPage={setPage} />
    </Card>
  );
}
