import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Modal, Skeleton, Table, Timeline, Typography, Upload } from 'antd';
import { DateInput } from '../../../lib/date-input.js';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { errorMessage, isApiError } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { ButtonLink } from '../../../lib/button-link.js';
import { applyForContractPath } from '../../subsidies/codes.js';
import { TraceCard } from '../../trace/components/trace-card.js';
import { useContract } from '../api/get-contract.js';
import { acceptContract, recordPayment, refuseContract, registerContract, uploadContractFile, withdrawContract } from '../api/contract-commands.js';
import { certificateUrl, contractFileUrl, formatFen } from '../codes.js';
import { ContractStatusTag } from '../components/contract-table.js';
import type { ContractDetail, UploadedFile } from '../types.js';

type Ask = { title: string; label: string; placeholder?: string; run: (text: string) => Promise<ContractDetail>; done: string } | null;
type Payment = ContractDetail['payments'][number];

function PaymentModal({ contract, open, onClose, onDone }: { contract: ContractDetail; open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ onDate?: Dayjs; amount: string; note?: string }>();
  const [evidence, setEvidence] = useState<UploadedFile | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      title="登记实际付款"
      okText="保存"
      onCancel={onClose}
      onOk={async () => {
        const v = form.getFieldsValue();
        try {
          await recordPayment(contract.id, {
            onDate: v.onDate?.format('YYYY-MM-DD') ?? '',
            amount: v.amount ?? '',
            ...(v.note ? { note: v.note } : {}),
            ...(evidence ? { evidence: { sha256: evidence.sha256, fileName: evidence.fileName } } : {}),
          });
          message.success('已登记付款');
          form.resetFields();
          setEvidence(undefined);
          onDone();
        } catch (error) {
          setProblem(isApiError(error) && error.errors.length ? error.errors.map((e) => e.message).join('；') : errorMessage(error));
        }
      }}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="onDate" label="付款日期" required>
          <DateInput />
        </Form.Item>
        <Form.Item name="amount" label="金额（元）" required extra="精确到分">
          <Input />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="付款凭证（PDF 或图片，可选）" help={evidence ? `已上传：${evidence.fileName}` : undefined}>
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              uploadContractFile(file, 'evidence').then(setEvidence, (error: unknown) => setProblem(errorMessage(error)));
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>上传凭证</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ContractView({ id }: { id: string }) {
  const contract = useContract(id);
  const { message } = App.useApp();
  const [ask, setAsk] = useState<Ask>(null);
  const [text, setText] = useState('');
  const [paying, setPaying] = useState(false);

  if (contract.error) return <Alert type="error" showIcon title={contract.error.detail} />;
  if (!contract.data) return <Skeleton active />;
  const c = contract.data;
  const acts = c.allowedActions;
  const run = async (work: () => Promise<ContractDetail>, done: string) => {
    try {
      await work();
      message.success(done);
      contract.reload();
      return true;
    } catch (error) {
      message.error(isApiError(error) && error.errors.length ? error.errors.map((e) => e.message).join('；') : errorMessage(error));
      return false;
    }
  };
  const paymentColumns = [
    { title: '日期', dataIndex: 'onDate' },
    { title: '金额', align: 'right' as const, render: (_: unknown, p: Payment) => `¥${formatFen(p.amountFen)}` },
    { title: '说明', dataIndex: 'note' },
    {
      title: '凭证',
      render: (_: unknown, p: Payment) =>
        p.evidence ? (
          <a href={contractFileUrl(c.id, p.evidence.sha256)} download={p.evidence.fileName}>
            {p.evidence.fileName}
          </a>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex vertical gap={8}>
          <Flex gap={8} align="center" wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {c.title}
            </Typography.Title>
            <ContractStatusTag status={c.status} label={c.statusLabel} isOverdue={c.isOverdue} />
          </Flex>
          {c.registrationNumber && (
            <Typography.Text>
              登记编号：<Typography.Text strong copyable>{c.registrationNumber}</Typography.Text>
            </Typography.Text>
          )}
          {c.status === 'accepted' && <Alert type={c.isOverdue ? 'error' : 'info'} showIcon title={`应于 ${c.decisionDueOn ?? ''} 前作出登记决定${c.isOverdue ? '（已逾期）' : ''}`} />}
          {c.refusalReasons && <Alert type="warning" showIcon title={`未予登记：${c.refusalReasons}`} />}
          <Flex gap={8} wrap role="toolbar" aria-label="合同操作">
            {acts.includes('accept') && <Button type="primary" onClick={() => run(() => acceptContract(c.id), '已受理')}>受理</Button>}
            {acts.includes('register') && (
              <Button type="primary" onClick={() => setAsk({ title: '准予登记', label: '认定技术交易额（元）', placeholder: '不超过合同金额，精确到分', run: (t) => registerContract(c.id, t), done: '已准予登记' })}>
                准予登记
              </Button>
            )}
            {acts.includes('refuse') && <Button danger onClick={() => setAsk({ title: '不予登记', label: '不予登记的理由', run: (t) => refuseContract(c.id, t), done: '已作出不予登记决定' })}>不予登记</Button>}
            {acts.includes('withdraw') && <Button danger onClick={() => setAsk({ title: '撤回登记申请', label: '撤回理由', run: (t) => withdrawContract(c.id, t), done: '已撤回' })}>撤回</Button>}
            {acts.includes('recordPayment') && <Button onClick={() => setPaying(true)}>登记付款</Button>}
            {acts.includes('certificate') && (
              <Button href={certificateUrl(c.id)} download>
                下载登记证明
              </Button>
            )}
            {c.status === 'registered' && acts.includes('recordPayment') && <ButtonLink to={applyForContractPath(c.id)}>申请补助</ButtonLink>}
          </Flex>
        </Flex>
      </Card>
      <Card title="合同信息">
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="合同类型">{c.contractTypeLabel}</Descriptions.Item>
          <Descriptions.Item label="重点领域">{c.keyFieldLabel ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="合同金额">¥{formatFen(c.contractValueFen)}</Descriptions.Item>
          <Descriptions.Item label="技术交易额（认定）">{c.transactionAmountFen === null ? '—' : `¥${formatFen(c.transactionAmountFen)}`}</Descriptions.Item>
          <Descriptions.Item label="签订日期">{c.signedOn}</Descriptions.Item>
          <Descriptions.Item label="合同编号">{c.partiesContractNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="登记地">{c.regionName ?? c.regionCode}</Descriptions.Item>
          <Descriptions.Item label="提交单位">{c.submittedByOrganization.name}</Descriptions.Item>
          <Descriptions.Item label="提交时间">{formatDateTime(c.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label="登记日期">{c.registeredOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="合同文本">
            <a href={contractFileUrl(c.id, c.signedPdf.sha256)} download={c.signedPdf.fileName}>
              {c.signedPdf.fileName}
            </a>
          </Descriptions.Item>
          {c.summary && (
            <Descriptions.Item label="主要内容" span={{ xs: 1, md: 2 }}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.summary}</Typography.Paragraph>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title="当事方">
        <Table
          rowKey={(p) => `${p.role}-${p.name}`}
          pagination={false}
          dataSource={c.parties}
          columns={[
            { title: '角色', render: (_: unknown, p) => `${p.roleName}（${p.roleLabel}）` },
            { title: '名称', dataIndex: 'name' },
            { title: '统一社会信用代码', render: (_: unknown, p) => p.creditCode ?? '—' },
            { title: '所在地区', render: (_: unknown, p) => p.regionName ?? p.regionCode },
            { title: '法人性质', dataIndex: 'legalNatureLabel' },
          ]}
        />
      </Card>
      <Card title={`付款（已付 ¥${formatFen(c.paidFen)} / 合同金额 ¥${formatFen(c.contractValueFen)}）`}>
        <Typography.Title level={5}>付款计划</Typography.Title>
        <Table rowKey="id" size="small" pagination={false} dataSource={c.schedule} columns={paymentColumns.slice(0, 3)} locale={{ emptyText: '未填写付款计划' }} />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          实际付款
        </Typography.Title>
        <Table rowKey="id" size="small" pagination={false} dataSource={c.payments} columns={paymentColumns} locale={{ emptyText: '暂无付款记录' }} />
      </Card>
      <Card title="办理进程">
        <Timeline
          items={c.timeline.map((e) => ({
            content: (
              <>
                <Typography.Text strong>{e.label}</Typography.Text> · {formatDateTime(e.at)} {e.actorName ? `· ${e.actorName}` : ''}
                {e.note && <div>{e.note}</div>}
              </>
            ),
          }))}
        />
      </Card>
      <TraceCard kind="contract" id={c.id} refreshKey={c.status} />

      <Modal
        open={ask !== null}
        title={ask?.title}
        okText="提交"
        onCancel={() => setAsk(null)}
        onOk={async () => {
          if (!ask || !text.trim()) {
            message.warning('请填写内容');
            return;
          }
          if (await run(() => ask.run(text.trim()), ask.done)) {
            setAsk(null);
            setText('');
          }
        }}
      >
        <Form layout="vertical">
          <Form.Item label={ask?.label} required>
            <Input.TextArea aria-label={ask?.label} placeholder={ask?.placeholder} rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
      <PaymentModal
        contract={c}
        open={paying}
        onClose={() => setPaying(false)}
        onDone={() => {
          setPaying(false);
          contract.reload();
        }}
      />
    </Flex>
  );
}

/** 合同详情: parties, amounts, payments, timeline and the caller's actions. */
export function ContractDetailPage() {
  const { id } = useParams();
  return id ? <ContractView id={id} /> : null;
}
