import { App, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { pathTo } from '../../../app/routes.js';
import { errorMessage } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { confirmDeposit, createLot, createSession, declareDefault, markRefunded, pauseLot, resumeLot } from '../api/commands.js';
import { useAuctionSessions, useDeposits } from '../api/queries.js';
import { type AuctionBidder, type AuctionLot, yuan } from '../types.js';

/** Asks for one line of text (a reason, a payment reference) and runs the command with it. */
function usePrompt() {
  const { modal, message } = App.useApp();
  return (title: string, label: string, run: (text: string) => Promise<unknown>, done: () => void) => {
    let value = '';
    modal.confirm({
      title,
      content: <Input aria-label={label} placeholder={label} onChange={(e) => { value = e.target.value; }} />,
      onOk: async () => {
        try {
          await run(value);
          message.success('已完成');
          done();
        } catch (e) {
          message.error(errorMessage(e));
          throw e;
        }
      },
    });
  };
}

function SessionsAndLots() {
  const { message } = App.useApp();
  const prompt = usePrompt();
  const [phase, setPhase] = useState('live');
  const sessions = useAuctionSessions(phase, 1);
  const all = useAuctionSessions('upcoming', 1);
  const [sessionForm] = Form.useForm();
  const [lotForm] = Form.useForm();
  const [lotOpen, setLotOpen] = useState(false);
  const reload = () => {
    sessions.reload();
    all.reload();
  };
  const lotActions = (lot: AuctionLot) => (
    <Space wrap>
      <Link to={pathTo.auctionLot(lot.id)}>查看</Link>
      {lot.allowedActions.includes('pause') && <Button size="small" onClick={() => prompt('暂停竞价', '暂停理由', (r) => pauseLot(lot.id, r), reload)}>暂停</Button>}
      {lot.allowedActions.includes('resume') && <Button size="small" onClick={() => resumeLot(lot.id).then(reload, (e) => message.error(errorMessage(e)))}>恢复</Button>}
      {lot.allowedActions.includes('declareDefault') && <Button size="small" danger onClick={() => prompt('登记买受人违约（没收保证金并暂停其竞买资格）', '违约情况', (r) => declareDefault(lot.id, r), reload)}>登记违约</Button>}
    </Space>
  );
  return (
    <Flex vertical gap={16}>
      <Card title="创建专场" size="small">
        <Form form={sessionForm} layout="inline" onFinish={async (v: { title: string; kind: 'industry' | 'region'; code: string }) => {
          try {
            await createSession({ title: v.title, kind: v.kind, ...(v.kind === 'industry' ? { industry: v.code } : { regionCode: v.code }) });
            message.success('专场已创建');
            sessionForm.resetFields();
            reload();
          } catch (e) {
            message.error(errorMessage(e));
          }
        }}>
          <Form.Item name="title" rules={[{ required: true, message: '请填写专场名称' }]}><Input placeholder="专场名称" /></Form.Item>
          <Form.Item name="kind" initialValue="industry"><Select style={{ width: 120 }} options={[{ value: 'industry', label: '行业专场' }, { value: 'region', label: '地区专场' }]} /></Form.Item>
          <Form.Item name="code" rules={[{ required: true, message: '请填写行业门类或地区代码' }]}><Input placeholder="行业门类（如 C）或地区代码" /></Form.Item>
          <Button htmlType="submit" type="primary">创建</Button>
          <Button onClick={() => setLotOpen(true)}>添加标的</Button>
        </Form>
      </Card>
      <Modal title="添加拍卖标的" open={lotOpen} onCancel={() => setLotOpen(false)} onOk={() => lotForm.submit()} destroyOnHidden>
        <Form form={lotForm} layout="vertical" onFinish={async (v: { sessionId: string; achievementId: string; startPrice: string; increment: string; reserve?: string; deposit: string; startsAt: string; freeMinutes: number; delayMinutes: number }) => {
          try {
            const { sessionId, ...body } = v;
            await createLot(sessionId, { ...body, startsAt: new Date(v.startsAt).toISOString() });
            message.success('标的已添加');
            setLotOpen(false);
            reload();
          } catch (e) {
            message.error(errorMessage(e));
          }
        }}>
          <Form.Item name="sessionId" label="专场" rules={[{ required: true }]}>
            <Select options={[...(all.data?.items ?? []), ...(sessions.data?.items ?? [])].filter((s, i, a) => a.findIndex((x) => x.id === s.id) === i).map((s) => ({ value: s.id, label: s.title }))} />
          </Form.Item>
          <Form.Item name="achievementId" label="成果 ID（已发布）" rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="startPrice" label="起拍价（元）" rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="increment" label="加价幅度（元）" rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="reserve" label="保留价（元，不公开）"><Input /></Form.Item>
          <Form.Item name="deposit" label="保证金（元）" rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="startsAt" label="开拍时间" rules={[{ required: true }]}><Input type="datetime-local" /></Form.Item>
          <Form.Item name="freeMinutes" label="自由竞价期（分钟）" initialValue={60}><InputNumber min={1} /></Form.Item>
          <Form.Item name="delayMinutes" label="限时竞价周期（分钟）" initialValue={5}><InputNumber min={1} max={60} /></Form.Item>
        </Form>
      </Modal>
      <Card size="small" title="专场与标的">
        <Tabs activeKey={phase} onChange={setPhase} items={[{ key: 'live', label: '正在竞价' }, { key: 'upcoming', label: '即将开拍' }, { key: 'closed', label: '已结束（结果）' }]} />
        {sessions.data?.items.map((s) => (
          <Card key={s.id} size="small" type="inner" title={s.title} style={{ marginBottom: 12 }}>
            <Table<AuctionLot>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={s.lots}
              columns={[
                { title: '标的', dataIndex: 'title' },
                { title: '状态', render: (_, l) => <Tag>{l.phaseLabel}</Tag> },
                { title: '当前价/成交价', render: (_, l) => yuan(l.priceFen) },
                { title: '保留价', render: (_, l) => yuan(l.reserveFen) },
                { title: '结果', render: (_, l) => l.resultLabel ?? '—' },
                { title: '结束', render: (_, l) => formatDateTime(l.endsAt) },
                { title: '操作', render: (_, l) => lotActions(l) },
              ]}
            />
          </Card>
        ))}
      </Card>
    </Flex>
  );
}

function Deposits({ status }: { status: 'pending' | 'released' }) {
  const prompt = usePrompt();
  const [page, setPage] = useState(1);
  const list = useDeposits(status, page);
  return (
    <Table<AuctionBidder>
      size="small"
      rowKey="id"
      loading={list.isLoading}
      dataSource={list.data?.items ?? []}
      pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage }}
      columns={[
        { title: '标的', render: (_, b) => <Link to={pathTo.auctionLot(b.lotId)}>{b.lotTitle}</Link> },
        { title: '竞买单位', render: (_, b) => b.organization.name },
        { title: '保证金（元）', render: (_, b) => yuan(b.depositFen) },
        { title: '状态', render: (_, b) => <Tag color={b.isRefundOverdue ? 'red' : undefined}>{b.isRefundOverdue ? '退款逾期' : b.depositStatusLabel}</Tag> },
        ...(status === 'released' ? [{ title: '应退日期', render: (_: unknown, b: AuctionBidder) => b.refundDueOn ?? '—' }] : []),
        {
          title: '操作',
          render: (_, b) =>
            status === 'pending' ? (
              <Button size="small" type="primary" onClick={() => prompt('确认保证金到账', '付款凭证号', (r) => confirmDeposit(b.id, r), list.reload)}>确认到账</Button>
            ) : (
              <Button size="small" onClick={() => prompt('登记保证金已退还', '退款凭证号', (r) => markRefunded(b.id, r), list.reload)}>登记退款</Button>
            ),
        },
      ]}
    />
  );
}

/** 拍卖运营台: sessions and lots (create, pause with a reason, resume, default), deposits and refunds, results. */
export function OperatorConsolePage() {
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>拍卖运营</Typography.Title>
      <Tabs
        items={[
          { key: 'lots', label: '专场与标的', children: <SessionsAndLots /> },
          { key: 'pending', label: '待确认保证金', children: <Deposits status="pending" /> },
          { key: 'released', label: '待退还保证金', children: <Deposits status="released" /> },
        ]}
      />
    </Flex>
  );
}
