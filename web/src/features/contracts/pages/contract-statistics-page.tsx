import { Alert, Card, Col, Flex, InputNumber, Row, Statistic, Table } from 'antd';
import { useState } from 'react';
import { useContractStatistics } from '../api/get-contract.js';
import { formatFen } from '../codes.js';
import { BucketChart } from '../components/contract-charts.js';
import type { ContractStatistics } from '../types.js';

type Bucket = ContractStatistics['byType'][number];

function BucketCard({ title, buckets }: { title: string; buckets: (Bucket & { roleLabel?: string })[] }) {
  const rows = buckets.map((b) => ({ ...b, label: b.roleLabel ? `${b.roleLabel}·${b.label}` : b.label }));
  return (
    <Card title={title} size="small">
      <BucketChart title={title} buckets={rows} />
      <Table
        size="small"
        rowKey={(b) => b.label}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: '暂无已登记合同' }}
        columns={[
          { title: '分类', dataIndex: 'label' },
          { title: '合同数', dataIndex: 'count', align: 'right' },
          { title: '技术交易额', align: 'right', render: (_: unknown, b) => `¥${formatFen(b.amountFen)}` },
        ]}
      />
    </Card>
  );
}

/** 登记统计: registered contracts by type, key field, city and party nature (the server scopes a gov_admin to its regions). */
export function ContractStatisticsPage() {
  const [year, setYear] = useState<number | undefined>(undefined);
  const stats = useContractStatistics(year);
  const s = stats.data;
  return (
    <Flex vertical gap={16}>
      <Card title="技术合同登记统计" extra={<InputNumber placeholder="全部年度" min={2000} max={2100} value={year} onChange={(v) => setYear(v ?? undefined)} aria-label="年度" />}>
        {stats.error && <Alert type="error" showIcon title={stats.error.detail} />}
        <Flex gap={48} wrap>
          <Statistic title="已登记合同（项）" value={s?.total.count ?? 0} />
          <Statistic title="技术交易额（元）" value={s ? formatFen(s.total.transactionAmountFen) : '—'} />
          <Statistic title="合同金额（元）" value={s ? formatFen(s.total.contractValueFen) : '—'} />
        </Flex>
      </Card>
      {s && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <BucketCard title="按合同类型" buckets={s.byType} />
          </Col>
          <Col xs={24} lg={12}>
            <BucketCard title="按重点领域" buckets={s.byKeyField} />
          </Col>
          <Col xs={24} lg={12}>
            <BucketCard title="按登记地（市州）" buckets={s.byRegion} />
          </Col>
          <Col xs={24} lg={12}>
            <BucketCard title="按当事方性质（买方、卖方）" buckets={s.byPartyNature} />
          </Col>
        </Row>
      )}
    </Flex>
  );
}
