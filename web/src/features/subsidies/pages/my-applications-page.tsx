import { Alert, AutoComplete, Button, Card, Checkbox, Descriptions, Flex, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { DateInput } from '../../../lib/date-input.js';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage, isApiError } from '../../../lib/api-client.js';
import { showFieldErrors } from '../../../lib/form-errors.js';
import { createApplication, previewApplication, useMyApplications } from '../api/applications.js';
import { useMyRegisteredContracts } from '../api/my-contracts.js';
import { useActiveProgrammes } from '../api/programmes.js';
import { formatFen, SUBSIDY_KINDS, subsidyApplicationPath } from '../codes.js';
import { ApplicationTable } from '../components/application-table.js';
import type { Computation, CreateApplicationBody } from '../types.js';

interface Values {
  programmeCode: string;
  contractId?: string;
  dealId?: string;
  newProductSales?: string;
  periodFrom?: Dayjs;
  periodTo?: Dayjs;
  investeeName?: string;
  investment?: string;
  investedOn?: Dayjs;
  paidInCapital?: string;
  isInIncubator?: boolean;
}

const linkedOf = (kind: string | undefined) => SUBSIDY_KINDS.find((k) => k.value === kind)?.linked;
const mapPath = (path: string) => [path.startsWith('inputs.') ? path.slice('inputs.'.length) : path];

function bodyOf(v: Values): CreateApplicationBody {
  const day = (d?: Dayjs) => d?.format('YYYY-MM-DD');
  const inputs: NonNullable<CreateApplicationBody['inputs']> = {};
  if (v.newProductSales) inputs.newProductSales = v.newProductSales;
  if (v.periodFrom) inputs.periodFrom = day(v.periodFrom);
  if (v.periodTo) inputs.periodTo = day(v.periodTo);
  if (v.investeeName) inputs.investeeName = v.investeeName;
  if (v.investment) inputs.investment = v.investment;
  if (v.investedOn) inputs.investedOn = day(v.investedOn);
  if (v.paidInCapital) inputs.paidInCapital = v.paidInCapital;
  if (v.isInIncubator) inputs.isInIncubator = true;
  return {
    programmeCode: v.programmeCode,
    ...(v.contractId?.trim() ? { contractId: v.contractId.trim() } : {}),
    ...(v.dealId?.trim() ? { dealId: v.dealId.trim() } : {}),
    inputs,
  };
}

/** The apply form: choose the programme and the linked record, see the amount and formula, then submit. */
function ApplyCard({ onDone }: { onDone: () => void }) {
  const programmes = useActiveProgrammes();
  const [form] = Form.useForm<Values>();
  // From a registered contract's page (申请补助): the contract comes chosen.
  const [search] = useSearchParams();
  const contractFromUrl = search.get('contractId') ?? undefined;
  const code = Form.useWatch('programmeCode', form);
  const kind = programmes.data?.items.find((p) => p.code === code)?.kind;
  const linked = linkedOf(kind);
  const contracts = useMyRegisteredContracts(linked === 'contract' || linked === 'deal');
  const [preview, setPreview] = useState<Computation | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();

  const fail = (e: unknown) => {
    if (isApiError(e) && e.errors.length) {
      const rest = showFieldErrors(form, e.errors, mapPath);
      if (rest.length) setError(rest.map((x) => x.message).join('；'));
    } else setError(errorMessage(e));
  };
  const doPreview = async () => {
    setError(undefined);
    const v = await form.validateFields();
    setBusy(true);
    try {
      setPreview(await previewApplication(bodyOf(v)));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    setError(undefined);
    const v = await form.validateFields();
    setBusy(true);
    try {
      const created = await createApplication(bodyOf(v));
      onDone();
      navigate(subsidyApplicationPath(created.id));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="申请补助">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={{ contractId: contractFromUrl }} onValuesChange={() => setPreview(null)}>
        <Form.Item name="programmeCode" label="补助项目" rules={[{ required: true, message: '请选择补助项目' }]}>
          <Select options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.name}（${p.kindLabel}）` }))} />
        </Form.Item>
        {linked === 'contract' && (
          <Form.Item name="contractId" label="已登记的技术合同" rules={[{ required: true, message: '请选择已登记的技术合同' }]} extra="仅已登记的技术合同可申请；金额按合同已记录的实际支付计算">
            <AutoComplete
              options={(contracts.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.title}（${c.registrationNumber ?? ''}，${c.contractTypeLabel}）` }))}
              placeholder="选择合同，或粘贴合同 ID"
            />
          </Form.Item>
        )}
        {linked === 'deal' && (
          <Space wrap>
            <Form.Item name="dealId" label="成交 ID" rules={[{ required: true, message: '请填写成交 ID' }]}>
              <Input style={{ width: 340 }} />
            </Form.Item>
            <Form.Item name="contractId" label="该成交的技术合同（未自动关联时选择）">
              <AutoComplete style={{ width: 340 }} options={(contracts.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))} />
            </Form.Item>
          </Space>
        )}
        {kind === 'sales_post_subsidy' && (
          <Space wrap>
            <Form.Item name="newProductSales" label="新产品销售额（元）" rules={[{ required: true, message: '请填写销售额' }]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="periodFrom" label="销售期间起" rules={[{ required: true, message: '请选择' }]}>
              <DateInput />
            </Form.Item>
            <Form.Item name="periodTo" label="销售期间止" rules={[{ required: true, message: '请选择' }]}>
              <DateInput />
            </Form.Item>
          </Space>
        )}
        {(kind === 'guidance_injection' || kind === 'incubator_injection') && (
          <Space wrap>
            <Form.Item name="investeeName" label="被投企业" rules={[{ required: true, message: '请填写被投企业' }]}>
              <Input style={{ width: 240 }} />
            </Form.Item>
            <Form.Item name="investment" label="投资额（元）" rules={[{ required: true, message: '请填写投资额' }]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="investedOn" label="投资日期" rules={[{ required: true, message: '请选择投资日期' }]}>
              <DateInput />
            </Form.Item>
            <Form.Item name="isInIncubator" valuePropName="checked" label=" ">
              <Checkbox>被投企业为孵化器内初创企业</Checkbox>
            </Form.Item>
          </Space>
        )}
        {kind === 'angel_matching' && (
          <Space wrap>
            <Form.Item name="paidInCapital" label="天使基金实缴出资额（元）" rules={[{ required: true, message: '请填写实缴出资额' }]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="investedOn" label="出资日期">
              <DateInput />
            </Form.Item>
          </Space>
        )}
      </Form>
      {preview && (
        <Alert
          type={preview.eligible ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          title={preview.eligible ? `测算补助 ¥${formatFen(preview.amountFen)}（${preview.programme.name} 第 ${preview.programme.version} 版）` : '暂不符合申请条件'}
          description={
            <Flex vertical>
              <Typography.Text>{preview.formula}</Typography.Text>
              {preview.reasons.map((r) => (
                <Typography.Text key={`${r.path}-${r.message}`} type="warning">
                  {r.message}
                </Typography.Text>
              ))}
            </Flex>
          }
        />
      )}
      <Space>
        <Button onClick={doPreview} loading={busy}>
          测算金额
        </Button>
        <Button type="primary" onClick={submit} loading={busy} disabled={!preview?.eligible}>
          提交申请
        </Button>
      </Space>
    </Card>
  );
}

/** 我的申请: the organization's subsidy applications, and the form for a new one. */
export function MyApplicationsPage() {
  const [page, setPage] = useState(1);
  const mine = useMyApplications({ page, pageSize: 20 });
  return (
    <Flex vertical gap={16}>
      <ApplyCard onDone={mine.reload} />
      <Card title="我的申请">
        {mine.error && <Alert type="error" showIcon title={mine.error.detail} />}
        <ApplicationTable items={mine.data?.items ?? []} total={mine.data?.total ?? 0} page={page} pageSize={20} loading={mine.isLoading} onPage={setPage} />
        <Descriptions size="small" style={{ marginTop: 8 }}>
          <Descriptions.Item label="提示">
            <Tag>金额精确到分</Tag>按分向下取整；批准金额不超过测算金额。
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </Flex>
  );
}
