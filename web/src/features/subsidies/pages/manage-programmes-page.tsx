import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { DateInput } from '../../../lib/date-input.js';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../../lib/api-client.js';
import { showFieldErrors } from '../../../lib/form-errors.js';
import { useSession } from '../../accounts/session/session-context.js';
import { activateProgramme, createProgramme, createProgrammeVersion, useAllProgrammes } from '../api/programmes.js';
import { bpToPercent, formatFen, parseYuanToFen, percentToBp, SUBSIDY_KINDS } from '../codes.js';
import type { ProgrammeOut } from '../types.js';

interface Values {
  code?: string;
  kind?: string;
  name: string;
  rate: string;
  cap?: string;
  fixed?: string;
  windowMonths?: string;
  regionCode: string;
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs;
  budget: string;
  description?: string;
}

const STATUS_COLORS: Record<string, string> = { draft: 'gold', active: 'green', superseded: 'default', closed: 'red' };

/** Form fields → rule parameters (rates in basis points, amounts in fen), or the field errors. */
function paramsOf(v: Values): { params: Record<string, number> } | { errors: { name: keyof Values; message: string }[] } {
  const errors: { name: keyof Values; message: string }[] = [];
  const params: Record<string, number> = {};
  const bp = percentToBp(v.rate ?? '');
  if (bp === null) errors.push({ name: 'rate', message: '比例须为数字，最多两位小数，如 7.5' });
  else params.rateBp = bp;
  for (const [field, key] of [['cap', 'capFen'], ['fixed', 'fixedFen']] as const) {
    const text = v[field];
    if (!text) continue;
    const r = parseYuanToFen(text);
    if (r.ok) params[key] = r.fen;
    else errors.push({ name: field, message: r.message });
  }
  if (v.windowMonths) params.windowMonths = Number.parseInt(v.windowMonths, 10);
  return errors.length ? { errors } : { params };
}

const PARAM_FIELDS: Record<string, string> = { 'params.rateBp': 'rate', 'params.capFen': 'cap', 'params.fixedFen': 'fixed', 'params.windowMonths': 'windowMonths' };

/** 补助项目管理: every version; the operator creates programmes, activates drafts and edits by new versions. */
export function ManageProgrammesPage() {
  const list = useAllProgrammes();
  const { session } = useSession();
  const isOperator = Boolean(session?.user?.roles.some((r) => r.role === 'operator'));
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<{ mode: 'create' } | { mode: 'version'; programme: ProgrammeOut } | null>(null);
  const [topError, setTopError] = useState<string | undefined>();

  const open = (next: typeof editing) => {
    setTopError(undefined);
    form.resetFields();
    if (next?.mode === 'version') {
      const p = next.programme.params as Record<string, number | undefined>;
      form.setFieldsValue({
        name: next.programme.name,
        rate: p.rateBp !== undefined ? bpToPercent(p.rateBp).replace('%', '') : '',
        cap: p.capFen !== undefined ? formatFen(p.capFen).replaceAll(',', '') : undefined,
        fixed: p.fixedFen ? formatFen(p.fixedFen).replaceAll(',', '') : undefined,
        windowMonths: p.windowMonths !== undefined ? String(p.windowMonths) : undefined,
        regionCode: next.programme.regionCode,
        budget: formatFen(next.programme.budgetFen).replaceAll(',', ''),
        description: next.programme.description,
      });
    } else form.setFieldsValue({ regionCode: '420000', kind: 'rd_enterprise_subsidy' });
    setEditing(next);
  };

  const save = async () => {
    const v = await form.validateFields();
    const p = paramsOf(v);
    if ('errors' in p) {
      form.setFields(p.errors.map((e) => ({ name: e.name, errors: [e.message] })));
      return;
    }
    const common = {
      name: v.name,
      params: p.params,
      regionCode: v.regionCode,
      effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
      ...(v.effectiveTo ? { effectiveTo: v.effectiveTo.format('YYYY-MM-DD') } : {}),
      budget: v.budget,
      ...(v.description ? { description: v.description } : {}),
    };
    try {
      if (editing?.mode === 'version') await createProgrammeVersion(editing.programme.id, common);
      else await createProgramme({ ...common, code: v.code ?? '', kind: (v.kind ?? '') as never });
      message.success(editing?.mode === 'version' ? '已生成新版本，原版本于新版本生效前一日截止' : '已创建草稿，启用后可接受申请');
      setEditing(null);
      list.reload();
    } catch (e) {
      if (isApiError(e) && e.errors.length) {
        const rest = showFieldErrors(form, e.errors, (path) => [PARAM_FIELDS[path] ?? path]);
        if (rest.length) setTopError(rest.map((x) => x.message).join('；'));
      } else setTopError(errorMessage(e));
    }
  };

  const activate = async (id: string) => {
    try {
      await activateProgramme(id);
      message.success('已启用');
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Card title="补助项目管理" extra={isOperator && <Button type="primary" onClick={() => open({ mode: 'create' })}>新建项目</Button>}>
      <Typography.Paragraph type="secondary">
        比例以百分比填写（保存为基点，1% = 100 基点），金额精确到分。修改生效中的项目会生成新版本：原版本于新版本生效日前一日截止，已提交的申请仍按其绑定的版本计算。
      </Typography.Paragraph>
      {list.error && <Alert type="error" showIcon title={list.error.detail} />}
      <Table<ProgrammeOut>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '项目', render: (_: unknown, p) => `${p.name}（${p.code} 第 ${p.version} 版）` },
          { title: '类型', dataIndex: 'kindLabel' },
          { title: '规则', dataIndex: 'rule' },
          { title: '有效期', render: (_: unknown, p) => `${p.effectiveFrom} 至 ${p.effectiveTo ?? '长期'}` },
          { title: '预算 / 已批准 / 已拨付 / 剩余', render: (_: unknown, p) => [p.budgetFen, p.committedFen, p.disbursedFen, p.remainingFen].map((f) => `¥${formatFen(f)}`).join(' / ') },
          { title: '状态', render: (_: unknown, p) => <Tag color={STATUS_COLORS[p.status] ?? 'default'}>{p.statusLabel}</Tag> },
          {
            title: '操作',
            render: (_: unknown, p) => (
              <Space>
                {p.allowedActions.includes('activate') && <Button size="small" onClick={() => activate(p.id)}>启用</Button>}
                {p.allowedActions.includes('newVersion') && <Button size="small" onClick={() => open({ mode: 'version', programme: p })}>修改（新版本）</Button>}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={editing !== null} title={editing?.mode === 'version' ? `新版本：${editing.programme.name}` : '新建补助项目'} okText="保存" onCancel={() => setEditing(null)} onOk={save} width={720} destroyOnHidden>
        {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} />}
        <Form<Values> form={form} layout="vertical">
          {editing?.mode === 'create' && (
            <>
              <Form.Item name="code" label="项目编码（各版本共用）" rules={[{ required: true, message: '请填写项目编码' }]} extra="小写字母、数字和连字符，如 hubei-rd-enterprise-2027">
                <Input />
              </Form.Item>
              <Form.Item name="kind" label="补助类型" rules={[{ required: true }]}>
                <Select options={SUBSIDY_KINDS.map((k) => ({ value: k.value, label: k.label }))} />
              </Form.Item>
            </>
          )}
          <Form.Item name="name" label="项目名称" rules={[{ required: true, message: '请填写项目名称' }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item name="rate" label="比例（%）" rules={[{ required: true, message: '请填写比例' }]}>
              <Input style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="cap" label="封顶金额（元，可空）">
              <Input style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="fixed" label="固定金额（元，中介补助）">
              <Input style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="windowMonths" label="适用期（月，销售后补助）">
              <Input style={{ width: 120 }} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="regionCode" label="适用地区（行政区划代码）" rules={[{ required: true, pattern: /^\d{6}$/, message: '6 位代码' }]}>
              <Input maxLength={6} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="effectiveFrom" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]}>
              <DateInput />
            </Form.Item>
            <Form.Item name="effectiveTo" label="截止日期（可空）">
              <DateInput />
            </Form.Item>
            <Form.Item name="budget" label="预算（元）" rules={[{ required: true, message: '请填写预算' }]}>
              <Input style={{ width: 180 }} />
            </Form.Item>
          </Space>
          <Form.Item name="description" label="说明">
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
