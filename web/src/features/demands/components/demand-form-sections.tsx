import { Card, Col, Form, Input, Radio, Row, Select, Switch, Typography } from 'antd';
import { createContext, type ReactNode, useContext } from 'react';
import { shanghaiToday } from '../../../lib/format-time.js';
import { RegionPicker } from '../../regions/components/region-picker.js';
import { BUDGET_MODES, COOPERATION_MODES, DEMAND_TYPES, formatFen, INDUSTRIES, KEY_FIELDS, parseYuanToFen } from '../codes.js';
import { optionsOf } from '../format.js';
import type { DemandFormValues } from '../form-values.js';

/** The reviewer's return reasons by field, shown beside those fields. */
export const ReasonsContext = createContext<ReadonlyMap<string, string[]>>(new Map());

/** `extra` of a Form.Item: its help text plus, when the demand was returned, the reasons for that field. */
function useExtra() {
  const reasons = useContext(ReasonsContext);
  return (field: string, extra?: ReactNode): ReactNode | undefined => {
    const list = reasons.get(field);
    if (!list?.length) return extra;
    return (
      <>
        {extra}
        <div role="note" style={{ color: '#d4380d', marginTop: 2 }}>
          退回理由：{list.join('；')}
        </div>
      </>
    );
  };
}

function SectionCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card title={title} size="small" styles={{ body: { paddingBottom: 4 } }}>
      {children}
    </Card>
  );
}

const half = { xs: 24, md: 12 } as const;

export function BasicSection() {
  const extra = useExtra();
  return (
    <SectionCard title="基本信息">
      <Form.Item
        label="需求名称"
        name="title"
        rules={[
          { required: true, whitespace: true, message: '请填写需求名称' },
          { max: 200, message: '需求名称不能超过 200 个字符' },
        ]}
        extra={extra('title')}
      >
        <Input maxLength={200} showCount placeholder="如：新能源汽车电池包轻量化壳体材料" />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item label="需求类型" name="demandType" extra={extra('demandType')}>
            <Select allowClear placeholder="请选择" options={optionsOf(DEMAND_TYPES)} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="重点领域" name="keyField" extra={extra('keyField')}>
            <Select allowClear placeholder="请选择" options={optionsOf(KEY_FIELDS)} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="所属行业" name="industry" extra={extra('industry', '国民经济行业分类（GB/T 4754）门类')}>
            <Select
              allowClear
              placeholder="请选择"
              showSearch={{ optionFilterProp: 'label' }}
              options={INDUSTRIES.map((item) => ({ value: item.value, label: `${item.value} ${item.label}` }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="合作方式" name="cooperationModes" extra={extra('cooperationModes', '可多选')}>
            <Select mode="multiple" allowClear placeholder="请选择" options={optionsOf(COOPERATION_MODES)} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label="关键词"
        name="keywords"
        extra={extra('keywords', '最多 10 个，输入后按回车或逗号分隔')}
        rules={[
          { type: 'array', max: 10, message: '关键词最多 10 个' },
          {
            validator: async (_rule, value: unknown) => {
              if (Array.isArray(value) && value.some((item) => typeof item === 'string' && item.trim().length > 30)) {
                throw new Error('每个关键词不能超过 30 个字符');
              }
            },
          },
        ]}
      >
        <Select mode="tags" tokenSeparators={[',', '，', '、', ';', '；']} open={false} suffixIcon={null} placeholder="如：轻量化、铝合金、电池壳体" />
      </Form.Item>
      <Form.Item label="所在地区" name="regionCode" extra={extra('regionCode', '需求落地的地区，决定由哪一级科技管理部门审核')}>
        <RegionPicker />
      </Form.Item>
    </SectionCard>
  );
}

export function ContentSection() {
  const extra = useExtra();
  const area = (name: keyof DemandFormValues, label: string, max: number, help?: string) => (
    <Form.Item label={label} name={name} extra={extra(name, help)} rules={[{ max, message: `${label}不能超过 ${max} 个字符` }]}>
      <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={max} showCount />
    </Form.Item>
  );
  return (
    <SectionCard title="需求内容">
      {area('publicSummary', '公开摘要', 500, '在需求大厅公开展示，不要包含商业秘密和联系方式。')}
      {area('description', '需求描述', 4000, '要解决的技术问题、应用场景和期望效果。以下三项仅对认领机构和科技管理部门可见。')}
      {area('indicators', '技术指标', 2000, '需要达到的性能参数、标准或验收要求。')}
      {area('existingConditions', '现有条件', 2000, '企业已有的设备、团队、数据和前期工作。')}
    </SectionCard>
  );
}

/** "≈ ¥500,000.00" under an amount as typed ("50万"), or the parse problem. */
function AmountPreview({ value }: { value: string | undefined }) {
  if (!value?.trim()) return null;
  const parsed = parseYuanToFen(value);
  return parsed.ok ? <Typography.Text type="secondary">即 ¥{formatFen(parsed.fen)}</Typography.Text> : null;
}

const amountRule = {
  validator: async (_rule: unknown, value: unknown) => {
    if (typeof value !== 'string' || !value.trim()) return;
    const parsed = parseYuanToFen(value);
    if (!parsed.ok) throw new Error(parsed.message);
  },
};

export function BudgetSection() {
  const extra = useExtra();
  const mode = Form.useWatch<string | undefined>('budgetMode');
  const low = Form.useWatch<string | undefined>('budgetMin');
  const high = Form.useWatch<string | undefined>('budgetMax');
  const isRange = mode === 'range';
  const today = shanghaiToday();
  return (
    <SectionCard title="预算与期限">
      <Form.Item label="预算方式" name="budgetMode" extra={extra('budgetMode')}>
        <Radio.Group options={optionsOf(BUDGET_MODES)} optionType="button" />
      </Form.Item>
      {isRange && (
        <>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item
                label="预算下限（元）"
                name="budgetMin"
                dependencies={['budgetMax']}
                extra={extra('budgetMin', <AmountPreview value={low} />)}
                rules={[
                  amountRule,
                  ({ getFieldValue }) => ({
                    validator: async (_rule, value: unknown) => {
                      const max: unknown = getFieldValue('budgetMax');
                      if (typeof value !== 'string' || typeof max !== 'string' || !value.trim() || !max.trim()) return;
                      const a = parseYuanToFen(value);
                      const b = parseYuanToFen(max);
                      if (a.ok && b.ok && a.fen > b.fen) throw new Error('预算下限不能高于预算上限');
                    },
                  }),
                ]}
              >
                <Input inputMode="decimal" placeholder="如 500000 或 50万" maxLength={30} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item label="预算上限（元）" name="budgetMax" extra={extra('budgetMax', <AmountPreview value={high} />)} rules={[amountRule]}>
                <Input inputMode="decimal" placeholder="如 800000 或 80万" maxLength={30} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="预算性质" name="budgetFirm" valuePropName="checked" extra={extra('budgetFirm', '确定：预算已落实；参考：供对接方参考，可以商量')}>
            <Switch checkedChildren="确定" unCheckedChildren="参考" />
          </Form.Item>
        </>
      )}
      <Form.Item label="截止日期" name="deadline" extra={extra('deadline', '过了截止日期仍无人认领的需求会自动关闭')}>
        <Input type="date" min={today} style={{ maxWidth: 220 }} />
      </Form.Item>
    </SectionCard>
  );
}

export function ContactSection() {
  const extra = useExtra();
  return (
    <SectionCard title="联系方式">
      <Typography.Paragraph type="secondary">联系方式不公开：认领机构须经企业授权才能看到。</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label="联系人" name="contactName" extra={extra('contactName')} rules={[{ max: 50, message: '联系人不能超过 50 个字符' }]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label="联系电话"
            name="contactPhone"
            extra={extra('contactPhone')}
            rules={[{ pattern: /^([0-9+\-\s()]{7,20})?$/, message: '联系电话格式不正确' }]}
          >
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="联系邮箱" name="contactEmail" extra={extra('contactEmail')} rules={[{ type: 'email', message: '邮箱格式不正确' }]}>
            <Input maxLength={254} inputMode="email" />
          </Form.Item>
        </Col>
      </Row>
    </SectionCard>
  );
}
