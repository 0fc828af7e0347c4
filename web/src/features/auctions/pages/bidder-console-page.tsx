import { Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { pathTo } from '../../../app/routes.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { useMyRegistrations } from '../api/queries.js';
import { type Registration, yuan } from '../types.js';

/** 竞买人控制台: the organization's registrations, deposits, paddles, results and refunds. */
export function BidderConsolePage() {
  const [page, setPage] = useState(1);
  const list = useMyRegistrations(page);
  return (
    <Card title="我的竞买">
      <Typography.Paragraph type="secondary">报名后由平台确认保证金到账并分配匿名竞买号；未竞得的保证金在竞价结束后 5 个工作日内退还。</Typography.Paragraph>
      {list.error && <Typography.Text type="danger">{list.error.detail}</Typography.Text>}
      <Table<Registration>
        rowKey={(r) => r.bidder.id}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage }}
        columns={[
          { title: '标的', render: (_, r) => <Link to={pathTo.auctionLot(r.lot.id)}>{r.lot.title}</Link> },
          { title: '状态', render: (_, r) => <Tag>{r.lot.phaseLabel}</Tag> },
          { title: '当前价/成交价（元）', render: (_, r) => yuan(r.lot.priceFen) },
          { title: '竞买号', render: (_, r) => r.bidder.paddle ?? '—' },
          { title: '保证金', render: (_, r) => `¥${yuan(r.bidder.depositFen)} · ${r.bidder.depositStatusLabel}` },
          { title: '应退日期', render: (_, r) => r.bidder.refundDueOn ?? '—' },
          { title: '结果', render: (_, r) => (r.isWinner ? <Tag color="green">已竞得</Tag> : r.lot.resultLabel ? <Tag>{r.lot.resultLabel}</Tag> : '—') },
          { title: '结束时间', render: (_, r) => formatDateTime(r.lot.endsAt) },
        ]}
      />
    </Card>
  );
}
