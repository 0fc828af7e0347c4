import { Card, Flex, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PublicAntd } from '../../achievements/components/public-antd.js';
import { useListings } from '../api/list-listings.js';
import { LISTING_MODES } from '../codes.js';
import { ListingTable } from '../components/listing-table.js';

const STATUS_OPTIONS = [
  { value: 'publicity', label: '公示中' },
  { value: 'open', label: '挂牌中' },
  { value: 'delisted', label: '已摘牌' },
  { value: 'expired', label: '已到期' },
];

function ListingsBoard() {
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<string | undefined>();
  const [mode, setMode] = useState<string | undefined>();
  const list = useListings({ page, pageSize: 20, q: q || undefined, status, mode });
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200, margin: '0 auto', padding: 24 }}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>
          挂牌项目
        </Typography.Title>
        <Link to="/public-log">公开存证日志</Link>
      </Flex>
      <Typography.Paragraph type="secondary">
        成果所属单位按挂牌价公开挂牌，经公示（按法定工作日计算）无异议后开放摘牌；先到先得，摘牌即成交并进入成交公示。
      </Typography.Paragraph>
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search placeholder="按成果名称搜索" allowClear style={{ width: 260 }} onSearch={(v) => { setQ(v); setPage(1); }} />
          <Select placeholder="状态" allowClear style={{ width: 140 }} options={STATUS_OPTIONS} value={status} onChange={(v) => { setStatus(v); setPage(1); }} />
          <Select placeholder="交易方式" allowClear style={{ width: 160 }} options={[...LISTING_MODES]} value={mode} onChange={(v) => { setMode(v); setPage(1); }} />
        </Flex>
        {list.error && <Typography.Text type="danger">{list.error.detail}</Typography.Text>}
        <ListingTable items={list.data?.items ?? []} total={list.data?.total ?? 0} page={page} pageSize={20} loading={list.isLoading} onPage={setPage} />
      </Card>
    </Flex>
  );
}

/** 挂牌项目: the public list of listings. */
export function ListingsPage() {
  return (
    <PublicAntd>
      <ListingsBoard />
    </PublicAntd>
  );
}
