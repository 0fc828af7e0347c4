import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Typography, Upload } from 'antd';
import { DateInput } from '../../../lib/date-input.js';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage, isApiError } from '../../../lib/api-client.js';
import { showFieldErrors } from '../../../lib/form-errors.js';
import { useSession } from '../../accounts/session/session-context.js';
import { OrganizationPicker } from '../../demands/components/pickers.js';
import { RegionPicker } from '../../regions/components/region-picker.js';
import { useContractPrefill } from '../api/get-contract.js';
import { createContract, uploadContractFile } from '../api/contract-commands.js';
import { CONTRACT_CATEGORIES, CONTRACT_TYPES, contractPath, KEY_FIELDS, LEGAL_NATURES, PARTY_ROLES, roleNameOf } from '../codes.js';
import type { CreateContract, UploadedFile } from '../types.js';

interface PartyValues {
  role: 'buyer' | 'seller' | 'intermediary';
  organizationId?: string;
  /** The name of a prefilled platform organization (shown, not sent). */
  organizationName?: string;
  name?: string;
  creditCode?: string;
  regionCode?: string;
  legalNature: CreateContract['parties'][number]['legalNature'];
}

interface Values {
  contractType: CreateContract['contractType'];
  title: string;
  partiesContractNo?: string;
  signedOn?: Dayjs;
  keyField?: CreateContract['keyField'];
  contractValue: string;
  summary?: string;
  parties: PartyValues[];
  schedule: { onDate?: Dayjs; amount: string; note?: string }[];
}

/** `parties.1.name` → ['parties', 1, 'name'], `schedule.0.amount` likewise. */
const mapPath = (path: string) => path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

const typeOptions = CONTRACT_CATEGORIES.map((c) => ({
  label: c.label,
  options: CONTRACT_TYPES.filter((t) => t.category === c.value).map((t) => ({ value: t.value, label: t.label })),
}));

/** 申请技术合同登记: type, parties, amounts in yuan, payment schedule and the signed PDF; prefilled from a deal (?dealId=). */
export function ContractFormPage() {
  const [params] = useSearchParams();
  const dealId = params.get('dealId');
  const prefill = useContractPrefill(dealId);
  const { session } = useSession();
  const org = session?.user?.organization;
  const [form] = Form.useForm<Values>();
  const contractType = Form.useWatch('contractType', form) ?? 'development_commissioned';
  const [pdf, setPdf] = useState<UploadedFile | undefined>();
  const [pdfError, setPdfError] = useState<string | undefined>();
  const [uploading, setUploading] = useState(false);
  /** The file uploaded last, read when a submission's answer arrives (it may have changed meanwhile). */
  const latestPdf = useRef<UploadedFile | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [topError, setTopError] = useState<string | undefined>();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const initialValues = useMemo<Partial<Values>>(
    () => ({
      contractType: 'development_commissioned',
      parties: [
        { role: 'seller', ...(org ? { organizationId: org.id, organizationName: org.name } : {}), legalNature: org?.type === 'enterprise' ? 'enterprise_private' : 'university' },
        { role: 'buyer', legalNature: 'enterprise_private' },
      ],
      schedule: [],
    }),
    [org],
  );

  useEffect(() => {
    const p = prefill.data;
    if (!p) return;
    form.setFieldsValue({
      title: p.title,
      contractType: p.contractType as Values['contractType'],
      contractValue: p.contractValue,
      parties: p.parties.map((x) => ({ role: x.role as PartyValues['role'], organizationId: x.organizationId, organizationName: x.name, legalNature: x.legalNature as PartyValues['legalNature'] })),
    });
  }, [prefill.data, form]);

  const upload = async (file: File) => {
    setPdfError(undefined);
    setUploading(true);
    try {
      const uploaded = await uploadContractFile(file, 'contract');
      latestPdf.current = uploaded;
      setPdf(uploaded);
      setPdfError(undefined);
    } catch (error) {
      latestPdf.current = undefined;
      setPdf(undefined);
      setPdfError(errorMessage(error));
    } finally {
      setUploading(false);
    }
  };

  const submit = async (v: Values) => {
    const sentPdf = pdf;
    setSaving(true);
    setTopError(undefined);
    try {
      const body: CreateContract = {
        contractType: v.contractType,
        title: v.title,
        ...(v.partiesContractNo ? { partiesContractNo: v.partiesContractNo } : {}),
        signedOn: v.signedOn?.format('YYYY-MM-DD') ?? '',
        ...(v.keyField ? { keyField: v.keyField } : {}),
        ...(v.summary ? { summary: v.summary } : {}),
        contractValue: v.contractValue ?? '',
        parties: (v.parties ?? []).map((p) =>
          p.organizationId
            ? { role: p.role, organizationId: p.organizationId, legalNature: p.legalNature }
            : { role: p.role, name: p.name ?? '', creditCode: p.creditCode ?? '', regionCode: p.regionCode ?? '', legalNature: p.legalNature },
        ),
        schedule: (v.schedule ?? []).map((s) => ({ onDate: s.onDate?.format('YYYY-MM-DD') ?? '', amount: s.amount ?? '', ...(s.note ? { note: s.note } : {}) })),
        ...(sentPdf ? { signedPdf: { sha256: sentPdf.sha256, fileName: sentPdf.fileName } } : {}),
        ...(prefill.data ? { dealId: prefill.data.dealId, achievementId: prefill.data.achievementId } : {}),
      };
      const created = await createContract(body);
      message.success('已提交合同登记申请，等待登记机构受理');
      navigate(contractPath(created.id));
    } catch (error) {
      if (isApiError(error) && error.errors.length) {
        const rest = showFieldErrors(form, error.errors.filter((e) => e.path !== 'signedPdf' && e.path !== 'parties'), mapPath);
        const pdfProblem = error.errors.find((e) => e.path === 'signedPdf');
        // About the file this submission carried: not shown when another was uploaded meanwhile.
        if (pdfProblem && latestPdf.current === sentPdf) setPdfError(pdfProblem.message);
        const general = [...rest, ...error.errors.filter((e) => e.path === 'parties')];
        if (general.length) setTopError(general.map((e) => e.message).join('；'));
      } else setTopError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="申请技术合同登记" style={{ maxWidth: 960 }}>
      <Typography.Paragraph type="secondary">
        由合同当事方（本单位须为买方、卖方或中介方之一）提交已签署的合同文本（PDF），口头合同不予登记。登记机构为卖方所在地区的科技管理部门或平台运营方，受理后 30 日内作出登记决定。
      </Typography.Paragraph>
      {prefill.data?.existingContractId && <Alert type="warning" showIcon title="该成交已有在办或已登记的技术合同" style={{ marginBottom: 16 }} />}
      {prefill.error && <Alert type="error" showIcon title={prefill.error.detail} style={{ marginBottom: 16 }} />}
      {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={submit}>
        <Flex gap={16} wrap>
          <Form.Item name="contractType" label="合同类型" rules={[{ required: true, message: '请选择合同类型' }]} style={{ minWidth: 320 }}>
            <Select options={typeOptions} />
          </Form.Item>
          <Form.Item name="keyField" label="重点领域" style={{ minWidth: 240 }}>
            <Select allowClear options={[...KEY_FIELDS]} />
          </Form.Item>
        </Flex>
        <Form.Item name="title" label="合同名称" rules={[{ required: true, message: '请填写合同名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="partiesContractNo" label="合同编号（当事方自编，可选）">
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="signedOn" label="签订日期" rules={[{ required: true, message: '请选择签订日期' }]}>
            <DateInput />
          </Form.Item>
          <Form.Item name="contractValue" label="合同金额（元）" rules={[{ required: true, message: '请填写合同金额' }]} extra="精确到分，如 1,200,000.50 或 120万">
            <Input placeholder="例如 1,000,000.00" />
          </Form.Item>
        </Flex>

        <Typography.Title level={5}>当事方</Typography.Title>
        <Form.List name="parties">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field) => (
                <Card key={field.key} size="small">
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const party = form.getFieldValue(['parties', field.name]) as PartyValues | undefined;
                      const isPlatform = Boolean(party?.organizationName);
                      return (
                        <Flex gap={12} wrap align="start">
                          <Form.Item name={[field.name, 'role']} label="角色" style={{ width: 200 }}>
                            <Select options={PARTY_ROLES.map((r) => ({ value: r.value, label: `${r.label}（${roleNameOf(contractType, r.value)}）` }))} aria-label={`当事方 ${field.name + 1} 角色`} />
                          </Form.Item>
                          {isPlatform ? (
                            <>
                              <Form.Item name={[field.name, 'organizationId']} hidden>
                                <Input />
                              </Form.Item>
                              <Form.Item name={[field.name, 'organizationName']} hidden>
                                <Input />
                              </Form.Item>
                              <Form.Item label="平台机构" style={{ minWidth: 260 }}>
                                <Typography.Text strong>{party?.organizationName}</Typography.Text>
                              </Form.Item>
                            </>
                          ) : (
                            <>
                              <Form.Item name={[field.name, 'organizationId']} label="平台机构（可选）" style={{ minWidth: 240 }}>
                                <OrganizationPicker placeholder="搜索已认证机构" />
                              </Form.Item>
                              <Form.Item name={[field.name, 'name']} label="名称（非平台机构）" style={{ minWidth: 200 }}>
                                <Input maxLength={200} />
                              </Form.Item>
                              <Form.Item name={[field.name, 'creditCode']} label="统一社会信用代码" style={{ width: 210 }}>
                                <Input maxLength={18} />
                              </Form.Item>
                              <Form.Item name={[field.name, 'regionCode']} label="所在地区" style={{ minWidth: 220 }}>
                                <RegionPicker />
                              </Form.Item>
                            </>
                          )}
                          <Form.Item name={[field.name, 'legalNature']} label="法人性质" style={{ width: 160 }}>
                            <Select options={[...LEGAL_NATURES]} aria-label={`当事方 ${field.name + 1} 法人性质`} />
                          </Form.Item>
                          {fields.length > 2 && <Button type="text" icon={<MinusCircleOutlined />} aria-label="删除当事方" onClick={() => remove(field.name)} style={{ marginTop: 30 }} />}
                        </Flex>
                      );
                    }}
                  </Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ role: 'intermediary', legalNature: 'other' })} style={{ alignSelf: 'start' }}>
                添加当事方
              </Button>
            </Flex>
          )}
        </Form.List>

        <Typography.Title level={5} style={{ marginTop: 16 }}>
          付款计划
        </Typography.Title>
        <Form.List name="schedule">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((field) => (
                <Flex key={field.key} gap={12} align="start" wrap>
                  <Form.Item name={[field.name, 'onDate']} label="付款日期">
                    <DateInput />
                  </Form.Item>
                  <Form.Item name={[field.name, 'amount']} label="金额（元）">
                    <Input style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'note']} label="说明">
                    <Input maxLength={200} style={{ width: 240 }} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label="删除付款" onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ amount: '' })} style={{ alignSelf: 'start' }}>
                添加一期付款
              </Button>
            </Flex>
          )}
        </Form.List>

        <Form.Item name="summary" label="主要内容" style={{ marginTop: 16 }}>
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>

        <Form.Item label="已签署的合同文本（PDF）" required validateStatus={pdfError ? 'error' : undefined} help={pdfError ?? (pdf ? `已上传：${pdf.fileName}` : '口头合同不予登记')}>
          <Upload
            accept="application/pdf,.pdf"
            showUploadList={false}
            multiple={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading}>
              上传合同 PDF
            </Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          提交登记申请
        </Button>
      </Form>
    </Card>
  );
}
