import { Card, Empty, Flex, List, Pagination, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { pathTo } from '../../../app/routes.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { PublicAntd } from '../../achievements/components/public-antd.js';
import { useAuctionSessions } from '../api/queries.js';
import { type AuctionLot, yuan } from '../types.js';

const PHASES = [
  { key: 'live', label: '正在竞价' },
  { key: 'upcoming', label: '即将开拍' },
  { key: 'closed', label: '已结束' },
];

const PHASE_COLORS: Record<string, string> = { live: 'red', upcoming: 'blue', paused: 'orange', closed: 'default' };

function LotLine({ lot }: { lot: AuctionLot }) {
  return (
    <List.Item
      actions={[
        <Link key="go" to={pathTo.auctionLot(lot.id)}>
          {lot.phase === 'closed' ? '查看结果' : '进入竞价'}
        </Link>,
      ]}
    >
      <List.Item.Meta
        title={
          <Flex gap={8} align="center" wrap>
            <Link to={pathTo.auctionLot(lot.id)}>{lot.title}</Link>
            <Tag color={PHASE_COLORS[lot.phase]}>{lot.phaseLabel}</Tag>
            {lot.resultLabel && <Tag>{lot.resultLabel}</Tag>}
          </Flex>
        }
        description={`${lot.owner.name} · 起拍价 ¥${yuan(lot.startPriceFen)} · 当前价 ${lot.priceFen === null ? '暂无出价' : `¥${yuan(lot.priceFen)}`} · 开拍 ${formatDateTime(lot.startsAt)} · 结束 ${formatDateTime(lot.endsAt)}`}
      />
    </List.Item>
  );
}

function SessionsBoard() {
  const [phase, setPhase] = useState('live');
  const [page, setPage] = useState(1);
  const list = useAuctionSessions(phase, page);
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200, margin: '0 auto', padding: 24 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        网上拍卖会
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        科技成果按专场公开竞价：已认证机构报名并交纳保证金后凭匿名竞买号出价；以服务器时间为准，结束前数分钟内有出价即自动延时。每一次出价都记入哈希链账本，任何人可在结果页核验。
      </Typography.Paragraph>
      <Tabs
        activeKey={phase}
        onChange={(k) => {
          setPhase(k);
          setPage(1);
        }}
        items={PHASES.map((p) => ({ key: p.key, label: p.label }))}
      />
      {list.error && <Typography.Text type="danger">{list.error.detail}</Typography.Text>}
      {!list.isLoading && !list.data?.items.length && <Empty description="暂无专场" />}
      {list.data?.items.map((s) => (
        <Card key={s.id} title={s.title} extra={<Tag>{s.kindLabel}</Tag>} loading={list.isLoading}>
          {s.description && <Typography.Paragraph type="secondary">{s.description}</Typography.Paragraph>}
          <List dataSource={s.lots} renderItem={(lot) => <LotLine lot={lot} />} />
        </Card>
      ))}
      {(list.data?.total ?? 0) > 10 && <Pagination current={page} total={list.data?.total ?? 0} pageSize={10} onChange={setPage} />}
    </Flex>
  );
}

/** 网上拍卖会: upcoming, live and closed sessions with their lots. */
export function AuctionsPage() {
  return (
    <PublicAntd>
      <SessionsBoard />
    </PublicAntd>
  );
}
