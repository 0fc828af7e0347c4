import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, InputNumber, List, Modal, Skeleton, Table, Timeline, Typography } from 'antd';
import { DateInput } from '../../../lib/date-input.js';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { errorMessage } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { TraceCard } from '../../trace/components/trace-card.js';
import { approveApplication, disburseApplication, rejectApplication, scoreApplication, useApplication, withdrawApplication } from '../api/applications.js';
import { formatFen, INPUT_LABELS, newIdempotencyKey, yuanText } from '../codes.js';
import { ApplicationStatusTag } from '../components/application-table.js';
import type { ApplicationDetail } from '../types.js';

type Dialog = 'score' | 'approve' | 'reject' | 'withdraw' | 'disburse' | null;

interface DialogValues {
  score?: number;
  comment?: string;
  amount?: string;
  reason?: string;
  paidOn?: Dayjs;
  reference?: string;
}

/** A stored input in words: fen amounts as ¥, booleans as 是/否. */
function inputText(key: string, value: unknown): string {
  if (key.endsWith('Fen') && typeof value === 'number') return `¥${formatFen(value)}`;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** 补助申请详情: formula and inputs, scores, status timeline, disbursements, and the caller's actions. */
export function ApplicationDetailPage() {
  const { id } = useParams();
  const app = useApplication(id);
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [paymentKey, setPaymentKey] = useState('');
  const [form] = Form.useForm<DialogValues>();

  if (app.error) return <Alert type="error" showIcon title={app.error.detail} />;
  if (!app.data) return <Skeleton active />;
  const a = app.data;
  const acts = a.allowedActions;

  const open = (d: Dialog) => {
    // The dialog's fields mount after this (destroyOnHidden): they take their pre-filled amount as
    // their initialValue when they mount, never from a value set on a form that is not yet there.
    form.resetFields();
    // One key per payment order: a retried submission of this form is never paid twice.
    if (d === 'disburse') setPaymentKey(newIdempotencyKey());
    setDialog(d);
  };

  const submit = async () => {
    const v = await form.validateFields();
    const run: Record<Exclude<Dialog, null>, () => Promise<unknown>> = {
      score: () => scoreApplication(a.id, v.score ?? 0, v.comment ?? ''),
      approve: () => approveApplication(a.id, v.amount ?? '', v.comment),
      reject: () => rejectApplication(a.id, v.reason ?? ''),
      withdraw: () => withdrawApplication(a.id, v.reason ?? ''),
      disburse: () => disburseApplication(a.id, { idempotencyKey: paymentKey, amount: v.amount ?? '', paidOn: v.paidOn?.format('YYYY-MM-DD') ?? '', reference: v.reference ?? '' }),
    };
    if (!dialog) return;
    try {
      await run[dialog]();
      message.success('已提交');
      setDialog(null);
      app.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const inputs = Object.entries(a.inputs).filter(([k]) => k in INPUT_LABELS);
  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex vertical gap={8}>
          <Flex gap={8} align="center" wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {a.programme.name}
            </Typography.Title>
            <ApplicationStatusTag status={a.status} label={a.statusLabel} />
          </Flex>
          <Typography.Text type="secondary">
            {a.applicant.name} · {a.programme.kindLabel} · 第 {a.programme.version} 版规则 · 申请于 {formatDateTime(a.createdAt)}
          </Typography.Text>
          <Alert type="info" showIcon title={`测算金额 ${yuanText(a.computedFen, formatFen)}`} description={a.formula} />
          <Flex gap={8} wrap role="toolbar" aria-label="补助申请操作">
            {acts.includes('score') && <Button onClick={() => open('score')}>专家评分</Button>}
            {acts.includes('approve') && <Button type="primary" onClick={() => open('approve')}>批准</Button>}
            {acts.includes('reject') && <Button danger onClick={() => open('reject')}>不予批准</Button>}
            {acts.includes('disburse') && <Button type="primary" onClick={() => open('disburse')}>登记拨付</Button>}
            {acts.includes('withdraw') && <Button danger onClick={() => open('withdraw')}>撤回申请</Button>}
          </Flex>
        </Flex>
      </Card>
      <Card title="金额与计算依据">
        <Descriptions column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="测算金额">{yuanText(a.computedFen, formatFen)}</Descriptions.Item>
          <Descriptions.Item label="批准金额">{yuanText(a.approvedFen, formatFen)}</Descriptions.Item>
          <Descriptions.Item label="已拨付">{yuanText(a.disbursedFen, formatFen)}</Descriptions.Item>
          {inputs.map(([k, v]) => (
            <Descriptions.Item key={k} label={INPUT_LABELS[k]}>
              {inputText(k, v)}
            </Descriptions.Item>
          ))}
          {a.reviewComment && <Descriptions.Item label="审核意见">{a.reviewComment}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={`专家评分${a.averageScore !== null ? `（平均 ${a.averageScore} 分）` : ''}`}>
        <List
          dataSource={a.scores}
          locale={{ emptyText: '暂无评分' }}
          renderItem={(s) => (
            <List.Item>
              <List.Item.Meta title={`${s.expert}：${s.score} 分`} description={[s.comment, formatDateTime(s.createdAt)].filter(Boolean).join(' · ')} />
            </List.Item>
          )}
        />
      </Card>
      <Card title="拨付记录">
        <Table
          rowKey="id"
          dataSource={a.disbursements}
          pagination={false}
          locale={{ emptyText: '暂无拨付' }}
          columns={[
            { title: '拨付日期', dataIndex: 'paidOn' },
            { title: '金额', align: 'right', render: (_: unknown, d: ApplicationDetail['disbursements'][number]) => `¥${formatFen(d.amountFen)}` },
            { title: '凭证号', dataIndex: 'reference' },
            { title: '登记时间', render: (_: unknown, d: ApplicationDetail['disbursements'][number]) => formatDateTime(d.createdAt) },
          ]}
        />
      </Card>
      <Card title="办理进度">
        <Timeline items={a.timeline.map((t) => ({ content: `${formatDateTime(t.at)}　${t.text}` }))} />
      </Card>
      <TraceCard kind="subsidy" id={a.id} refreshKey={`${a.status}-${a.disbursedFen}`} />

      <Modal
        open={dialog !== null}
        title={{ score: '专家评分', approve: '批准补助', reject: '不予批准', withdraw: '撤回申请', disburse: '登记拨付' }[dialog ?? 'score']}
        okText="提交"
        onCancel={() => setDialog(null)}
        onOk={submit}
        destroyOnHidden
      >
        <Form<DialogValues> form={form} layout="vertical">
          {dialog === 'score' && (
            <>
              <Form.Item name="score" label="评分（0–100）" rules={[{ required: true, message: '请填写评分' }]}>
                <InputNumber min={0} max={100} precision={0} />
              </Form.Item>
              <Form.Item name="comment" label="评审意见">
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {(dialog === 'approve' || dialog === 'disburse') && (
            <Form.Item
              name="amount"
              label={dialog === 'approve' ? `批准金额（元，不超过测算金额 ${yuanText(a.computedFen, formatFen)}）` : '拨付金额（元）'}
              initialValue={formatFen(dialog === 'approve' ? a.computedFen : (a.approvedFen ?? 0) - a.disbursedFen).replaceAll(',', '')}
              rules={[{ required: true, message: '请填写金额' }]}
            >
              <Input />
            </Form.Item>
          )}
          {dialog === 'approve' && (
            <Form.Item name="comment" label="审核意见（批准金额低于测算金额时必填）">
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          )}
          {dialog === 'disburse' && (
            <>
              <Form.Item name="paidOn" label="拨付日期" rules={[{ required: true, message: '请选择拨付日期' }]}>
                <DateInput />
              </Form.Item>
              <Form.Item name="reference" label="支付凭证号" rules={[{ required: true, message: '请填写凭证号' }]}>
                <Input />
              </Form.Item>
              <Typography.Text type="secondary">付款指令编号 {paymentKey}：重复提交不会重复拨付。</Typography.Text>
            </>
          )}
          {(dialog === 'reject' || dialog === 'withdraw') && (
            <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请填写理由' }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Flex>
  );
}
