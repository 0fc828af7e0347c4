import { Alert, App, Button, Card, Col, Descriptions, Flex, Input, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { paths } from '../../../app/routes.js';
import { errorMessage } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { useSession } from '../../accounts/session/session-context.js';
import { PublicAntd } from '../../achievements/components/public-antd.js';
import { placeBid, registerForLot } from '../api/commands.js';
import { useAuctionLot, useAuctionLedger, verifyAuctionLot } from '../api/queries.js';
import { formatLeft, useLotEvents, useTimeLeft } from '../api/use-lot-events.js';
import { type AuctionLotDetail, fenToInput, type VerifyResult, yuan } from '../types.js';

const PHASE_COLORS: Record<string, string> = { live: 'red', upcoming: 'blue', paused: 'orange', closed: 'default' };
const PHASE_LABELS: Record<string, string> = { live: '正在竞价', upcoming: '即将开拍', paused: '已暂停', closed: '已结束' };

function BidBox({ lot, minimumFen, onBid }: { lot: AuctionLotDetail; minimumFen: number; onBid: () => void }) {
  const { message } = App.useApp();
  const [amount, setAmount] = useState('');
  const [pending, setPending] = useState(false);
  // One idempotency key per intended bid: a retry after a network error reuses it.
  const keyRef = useRef<{ amount: string; key: string } | null>(null);
  const submit = async (value: string) => {
    if (!keyRef.current || keyRef.current.amount !== value) keyRef.current = { amount: value, key: crypto.randomUUID() };
    setPending(true);
    try {
      const r = await placeBid(lot.id, value, keyRef.current.key);
      keyRef.current = null;
      message.success(`出价成功：¥${yuan(r.amountFen)}${r.extended ? '（竞价时间已延长）' : ''}`);
      setAmount('');
      onBid();
    } catch (e) {
      message.error(errorMessage(e));
      if ((e as { status?: number }).status !== 0) keyRef.current = null;
    } finally {
      setPending(false);
    }
  };
  return (
    <Card title={`出价（竞买号 ${lot.myBidder?.paddle ?? ''}）`} size="small">
      <Space.Compact style={{ width: '100%' }}>
        <Input aria-label="出价金额（元）" placeholder={`至少 ${fenToInput(minimumFen)} 元`} value={amount} onChange={(e) => setAmount(e.target.value)} />
        <Button type="primary" loading={pending} disabled={!amount} onClick={() => submit(amount)}>
          出价
        </Button>
      </Space.Compact>
      <Button style={{ marginTop: 8 }} block loading={pending} onClick={() => submit(fenToInput(minimumFen))}>
        按最低应价出价 ¥{yuan(minimumFen)}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        出价须为起拍价加整数倍加价幅度（¥{yuan(lot.incrementFen)}），以服务器时间为准。
      </Typography.Paragraph>
    </Card>
  );
}

function Verification({ lotId }: { lotId: string }) {
  const [result, setResult] = useState<VerifyResult | undefined>();
  const [pending, setPending] = useState(false);
  const [generation, setGeneration] = useState(0);
  const ledger = useAuctionLedger(lotId, generation);
  return (
    <Card title="出价记录账本（哈希链）" size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">每条记录包含前一条的哈希；重新计算哈希链并按规则重放全部出价，应得到与公布完全相同的结果。</Typography.Text>
        <Button
          loading={pending}
          onClick={async () => {
            setPending(true);
            try {
              setResult(await verifyAuctionLot(lotId));
              setGeneration((g) => g + 1);
            } finally {
              setPending(false);
            }
          }}
        >
          核验账本
        </Button>
        {result && (
          <Alert
            type={result.ok && result.replay.matchesStored ? 'success' : 'error'}
            message={result.ok && result.replay.matchesStored ? `核验通过：${result.entries} 条记录，哈希链完整，重放结果与公布一致` : `核验未通过：${result.reason ?? result.replay.mismatch ?? '重放结果与公布不一致'}`}
            description={result.lastHash ? `末条哈希 ${result.lastHash}` : undefined}
          />
        )}
        {generation > 0 && (
          <Table
            size="small"
            rowKey="seq"
            pagination={{ pageSize: 10 }}
            dataSource={ledger.data?.items ?? []}
            columns={[
              { title: '序号', dataIndex: 'seq', width: 70 },
              { title: '类型', dataIndex: 'kind', width: 80 },
              { title: '竞买号', dataIndex: 'paddle', width: 80 },
              { title: '金额（元）', dataIndex: 'amountFen', render: (v: number | null) => yuan(v) },
              { title: '哈希', dataIndex: 'hash', render: (v: string) => <Typography.Text code>{v.slice(0, 16)}…</Typography.Text> },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}

function LotView({ id }: { id: string }) {
  const { message } = App.useApp();
  const { session } = useSession();
  const lot = useAuctionLot(id);
  const live = useLotEvents(lot.data);
  const left = useTimeLeft(live?.endsAtMs, live?.clockOffsetMs ?? 0);
  const d = lot.data;
  const phase = live?.phase ?? d?.phase ?? 'upcoming';
  const history = useMemo(() => live?.history ?? d?.history ?? [], [live, d]);
  if (lot.error) return <Alert type="error" message={lot.error.detail} />;
  if (!d || !live) return <Card loading />;
  const canBid = d.allowedActions.includes('bid') && phase === 'live';
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200, margin: '0 auto', padding: 24 }}>
      <Typography.Text type="secondary">
        <Link to={paths.auctions}>网上拍卖会</Link> / {d.session.title}
      </Typography.Text>
      <Flex gap={8} align="center" wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {d.title}
        </Typography.Title>
        <Tag color={PHASE_COLORS[phase]} data-testid="lot-phase">
          {PHASE_LABELS[phase]}
        </Tag>
        {live.result && <Tag>{live.result === 'sold' ? '已成交' : live.result === 'defaulted' ? '买受人违约' : '流拍'}</Tag>}
        <Tag color={live.connected ? 'green' : 'default'}>{live.connected ? '实时连接' : '未连接'}</Tag>
      </Flex>
      {phase === 'paused' && <Alert type="warning" message={`拍卖已暂停：${live.pauseReason ?? ''}`} />}
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Card>
            <Row gutter={16}>
              <Col span={8}>
                <Statistic title="当前价（元）" value={live.priceFen === null ? '暂无出价' : yuan(live.priceFen)} valueStyle={{ color: '#cf1322' }} data-testid="live-price" />
              </Col>
              <Col span={8}>
                <Statistic title="领先竞买号" value={live.leaderPaddle ?? '—'} data-testid="leader-paddle" />
              </Col>
              <Col span={8}>
                <Statistic title={phase === 'upcoming' ? '距开拍' : '剩余时间'} value={phase === 'closed' ? '已结束' : formatLeft(phase === 'upcoming' ? Math.max(0, Date.parse(d.startsAt) - Date.now() - live.clockOffsetMs) : left)} />
              </Col>
            </Row>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginTop: 16 }}>
              <Descriptions.Item label="起拍价">¥{yuan(d.startPriceFen)}</Descriptions.Item>
              <Descriptions.Item label="加价幅度">¥{yuan(d.incrementFen)}</Descriptions.Item>
              <Descriptions.Item label="保证金">¥{yuan(d.depositFen)}</Descriptions.Item>
              <Descriptions.Item label="最低应价">¥{yuan(live.minimumBidFen)}</Descriptions.Item>
              <Descriptions.Item label="开拍时间">{formatDateTime(d.startsAt)}</Descriptions.Item>
              <Descriptions.Item label="自由竞价截止">{formatDateTime(d.freeEndsAt)}</Descriptions.Item>
              <Descriptions.Item label="限时竞价周期">{d.delayMinutes} 分钟（结束前有出价即重新计时）</Descriptions.Item>
              <Descriptions.Item label="结束时间">{formatDateTime(new Date(live.endsAtMs))}</Descriptions.Item>
              <Descriptions.Item label="出价次数">{live.bidCount}</Descriptions.Item>
              <Descriptions.Item label="延时次数">{live.extensions}</Descriptions.Item>
              <Descriptions.Item label="委托方">{d.owner.name}</Descriptions.Item>
              {d.reserveFen !== null && <Descriptions.Item label="保留价（仅运营可见）">¥{yuan(d.reserveFen)}</Descriptions.Item>}
            </Descriptions>
          </Card>
          <Card title="出价记录" size="small" style={{ marginTop: 16 }}>
            <Table
              size="small"
              rowKey="seq"
              pagination={false}
              dataSource={history}
              data-testid="bid-history"
              columns={[
                { title: '竞买号', dataIndex: 'paddle', width: 100 },
                { title: '出价（元）', dataIndex: 'amountFen', render: (v: number) => yuan(v) },
                { title: '时间', dataIndex: 'at', render: (v: string) => formatDateTime(v) },
                { title: '', dataIndex: 'extended', render: (v: boolean) => (v ? <Tag color="orange">延时</Tag> : null) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Flex vertical gap={16}>
            {d.myBidder && (
              <Card size="small" title="本单位报名">
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label="保证金">{d.myBidder.depositStatusLabel}</Descriptions.Item>
                  <Descriptions.Item label="竞买号">{d.myBidder.paddle ?? '确认保证金后分配'}</Descriptions.Item>
                  {d.myBidder.refundDueOn && <Descriptions.Item label="应退日期">{d.myBidder.refundDueOn}</Descriptions.Item>}
                </Descriptions>
              </Card>
            )}
            {canBid && <BidBox lot={d} minimumFen={live.minimumBidFen} onBid={() => undefined} />}
            {d.allowedActions.includes('register') && (
              <Button
                type="primary"
                onClick={async () => {
                  try {
                    await registerForLot(d.id);
                    message.success('已报名，请按平台通知交纳保证金');
                    lot.reload();
                  } catch (e) {
                    message.error(errorMessage(e));
                  }
                }}
              >
                报名竞买（保证金 ¥{yuan(d.depositFen)}）
              </Button>
            )}
            {!session?.user && phase !== 'closed' && <Alert type="info" message="已认证机构登录并报名、交纳保证金后方可出价。" />}
            {d.dealResult && (
              <Card size="small" title="成交结果">
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label="成交价">¥{yuan(d.dealResult.priceFen)}</Descriptions.Item>
                  <Descriptions.Item label="买受人竞买号">{d.dealResult.paddle}</Descriptions.Item>
                  {d.dealResult.buyer && <Descriptions.Item label="买受人">{d.dealResult.buyer.name}</Descriptions.Item>}
                  <Descriptions.Item label="成交公示">
                    {d.dealResult.noticeStart} 至 {d.dealResult.noticeEnd}
                  </Descriptions.Item>
                  <Descriptions.Item label="状态">{d.dealResult.statusLabel}</Descriptions.Item>
                </Descriptions>
                {d.dealResult.buyer && (
                  <a href={`/api/auctions/lots/${encodeURIComponent(d.id)}/confirmation.pdf`} download>
                    下载成交确认书（PDF）
                  </a>
                )}
              </Card>
            )}
            <Verification lotId={d.id} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}

/** 拍卖标的: live price, countdown, history (paddles only), bid box, public verification. */
export function AuctionLotPage() {
  const { id } = useParams();
  return <PublicAntd>{id ? <LotView id={id} /> : null}</PublicAntd>;
}
