import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { createContext, type ReactNode, useContext } from 'react';
import { useProjectLibrary } from '../api/get-project-library.js';
import {
  ACHIEVEMENT_TYPES,
  ATTRIBUTES,
  COOPERATION_MODES,
  checkMaturity,
  checkOwnerShares,
  checkPatentNumber,
  checkTeamContributions,
  DISCLOSURE_TIERS,
  formatFen,
  INDUSTRIES,
  IP_ITEM_TYPES,
  IP_STATUSES,
  KEY_FIELDS,
  PRICING_MODES,
  parseYuanToFen,
  STAGE_TRL_RANGES,
  STAGES,
  TEAM_ROLES,
  TRL_LEVELS,
} from '../codes.js';
import { optionsOf } from '../format.js';
import type { AchievementFormValues, IpItemRow, OwnerRow, TeamRow } from '../form-values.js';

/** The reviewer's return reasons by field (`price` for the price), shown beside those fields. */
export const ReasonsContext = createContext<ReadonlyMap<string, string[]>>(new Map());

function ReasonNote({ reasons }: { reasons: string[] }) {
  return (
    <div role="note" style={{ color: '#d4380d', marginTop: 2 }}>
      退回理由：{reasons.join('；')}
    </div>
  );
}

/** `extra` of a Form.Item: its help text plus, when the record was returned, the reasons for that field. */
function useExtra() {
  const reasons = useContext(ReasonsContext);
  return (field: string, extra?: ReactNode): ReactNode | undefined => {
    const list = reasons.get(field);
    if (!list?.length) return extra;
    return (
      <>
        {extra}
        <ReasonNote reasons={list} />
      </>
    );
  };
}

function SectionCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card id={id} title={title} size="small" styles={{ body: { paddingBottom: 4 } }} style={{ scrollMarginTop: 96 }}>
      {children}
    </Card>
  );
}

const half = { xs: 24, md: 12 } as const;
const PATENT_TYPES = new Set(['invention_patent', 'utility_model', 'design_patent']);

export function BasicSection() {
  const extra = useExtra();
  return (
    <SectionCard id="section-basic" title="基本信息">
      <Form.Item
        label="成果名称"
        name="title"
        rules={[
          { required: true, whitespace: true, message: '请填写成果名称' },
          { max: 200, message: '成果名称不能超过 200 个字符' },
        ]}
        extra={extra('title')}
      >
        <Input maxLength={200} showCount placeholder="如：高导热石墨烯复合薄膜制备技术" />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item label="成果类型" name="type" extra={extra('type')}>
            <Select allowClear placeholder="请选择" options={optionsOf(ACHIEVEMENT_TYPES)} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="成果属性" name="attribute" extra={extra('attribute')}>
            <Select allowClear placeholder="请选择" options={optionsOf(ATTRIBUTES)} />
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
      </Row>
      <Form.Item
        label="关键词"
        name="keywords"
        extra={extra('keywords', '1–10 个，输入后按回车或逗号分隔')}
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
        <Select mode="tags" tokenSeparators={[',', '，', '、', ';', '；']} open={false} suffixIcon={null} placeholder="如：石墨烯、导热膜" />
      </Form.Item>
    </SectionCard>
  );
}

export function ContentSection() {
  const extra = useExtra();
  const area = (name: keyof AchievementFormValues, label: string, help?: string, min?: number) => (
    <Form.Item
      label={label}
      name={name}
      extra={extra(name, help)}
      rules={[
        { max: 2000, message: `${label}不能超过 2000 个字符` },
        ...(min ? [{ min, message: `${label}至少 ${min} 个字`, warningOnly: true }] : []),
      ]}
    >
      <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={2000} showCount />
    </Form.Item>
  );
  return (
    <SectionCard id="section-content" title="技术内容">
      {area('abstract', '成果简介', '公开展示。概述成果解决的问题、技术路线和效果，至少 20 个字。', 20)}
      {area('innovationPoints', '创新点', '以下三项按「公开方式」控制可见范围。')}
      {area('indicators', '技术经济指标')}
      {area('applicationScenarios', '应用场景')}
    </SectionCard>
  );
}

const trlOptions = TRL_LEVELS.map((level) => ({
  value: level.level,
  label: `${level.level} 级 · ${level.label}`,
  description: level.description,
}));

export function MaturitySection() {
  const extra = useExtra();
  const trl = Form.useWatch<number | undefined>('trl');
  const stage = Form.useWatch<string | undefined>('stage');
  const level = TRL_LEVELS.find((item) => item.level === trl);
  const range = stage && Object.hasOwn(STAGE_TRL_RANGES, stage) ? STAGE_TRL_RANGES[stage as keyof typeof STAGE_TRL_RANGES] : undefined;
  return (
    <SectionCard id="section-maturity" title="成熟度">
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item label="技术就绪度" name="trl" extra={extra('trl', level ? level.description : '按 GB/T 22900 自评 1–9 级，审核人可以更正')}>
            <Select
              allowClear
              placeholder="请选择"
              options={trlOptions}
              optionRender={(option) => (
                <div style={{ whiteSpace: 'normal' }}>
                  <div>{option.data.label}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {option.data.description}
                  </Typography.Text>
                </div>
              )}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            label="成熟阶段"
            name="stage"
            dependencies={['trl']}
            extra={extra('stage', range ? `该阶段对应技术就绪度 ${range.min}–${range.max} 级` : undefined)}
            rules={[
              ({ getFieldValue }) => ({
                warningOnly: true,
                validator: async (_rule, value: unknown) => {
                  const level: unknown = getFieldValue('trl');
                  if (typeof value !== 'string' || typeof level !== 'number') return;
                  const problem = checkMaturity(level, value as keyof typeof STAGE_TRL_RANGES);
                  if (problem) throw new Error(problem);
                },
              }),
            ]}
          >
            <Select allowClear placeholder="请选择" options={optionsOf(STAGES)} />
          </Form.Item>
        </Col>
      </Row>
    </SectionCard>
  );
}

function ListErrors({ errors }: { errors: ReactNode[] }) {
  return errors.length ? (
    <div style={{ marginBottom: 8 }}>
      <Form.ErrorList errors={errors} />
    </div>
  ) : null;
}

function RowBox({ children }: { children: ReactNode }) {
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 12px 0', marginBottom: 12 }}>{children}</div>
  );
}

export function IpSection() {
  const extra = useExtra();
  const form = Form.useFormInstance<AchievementFormValues>();
  return (
    <SectionCard id="section-ip" title="知识产权">
      {extra('ipItems')}
      <Form.List name="ipItems">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <RowBox key={field.key}>
                <Row gutter={12} align="top">
                  <Col xs={24} sm={12} lg={5}>
                    <Form.Item label={`第 ${index + 1} 项 类型`} name={[field.name, 'type']} rules={[{ required: true, message: '请选择类型' }]}>
                      <Select placeholder="请选择" options={optionsOf(IP_ITEM_TYPES)} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} lg={6}>
                    <Form.Item
                      label="编号"
                      name={[field.name, 'number']}
                      dependencies={[['ipItems', field.name, 'type']]}
                      rules={[
                        { required: true, whitespace: true, message: '请填写编号' },
                        { max: 50, message: '编号不能超过 50 个字符' },
                        {
                          validator: async (_rule, value: unknown) => {
                            const type = form.getFieldValue(['ipItems', field.name, 'type']) as IpItemRow['type'];
                            if (!type || !PATENT_TYPES.has(type) || typeof value !== 'string' || !value.trim()) return;
                            const check = checkPatentNumber(value);
                            if (!check.ok) throw new Error(check.message);
                          },
                        },
                      ]}
                    >
                      <Input placeholder="如 ZL201710601862.3" spellCheck={false} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} lg={4}>
                    <Form.Item label="法律状态" name={[field.name, 'status']} rules={[{ required: true, message: '请选择状态' }]}>
                      <Select placeholder="请选择" options={optionsOf(IP_STATUSES)} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={10} lg={8}>
                    <Form.Item label="名称" name={[field.name, 'title']} rules={[{ max: 200, message: '名称不能超过 200 个字符' }]}>
                      <Input placeholder="可选" />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2} lg={1} style={{ paddingTop: 30 }}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除第 ${index + 1} 项知识产权`} onClick={() => remove(field.name)} />
                  </Col>
                </Row>
              </RowBox>
            ))}
            <ListErrors errors={errors} />
            <Form.Item>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: 'invention_patent', status: 'granted' } satisfies IpItemRow)}>
                添加知识产权
              </Button>
            </Form.Item>
          </>
        )}
      </Form.List>
    </SectionCard>
  );
}

function SumLine({ label, values, check }: { label: string; values: unknown[]; check: (list: number[]) => string | null }) {
  const numbers = values.filter((value): value is number => typeof value === 'number');
  if (numbers.length === 0) return null;
  const problem = check(numbers);
  // Sum in hundredths of a percent, the way the server's check does, for the figure shown.
  const hundredths = numbers.reduce((sum, value) => sum + Math.round(value * 100), 0);
  return (
    <Typography.Text type={problem ? 'danger' : 'secondary'} style={{ display: 'block', marginBottom: 12 }} role="status">
      {label}合计 {(hundredths / 100).toFixed(2).replace(/\.00$/, '')}%{problem ? `：${problem}` : ''}
    </Typography.Text>
  );
}

export function OwnersTeamSection() {
  const extra = useExtra();
  const owners = Form.useWatch<OwnerRow[] | undefined>('owners') ?? [];
  const team = Form.useWatch<TeamRow[] | undefined>('team') ?? [];
  return (
    <SectionCard id="section-owners" title="权属与团队">
      <Typography.Title level={5} style={{ fontSize: 14 }}>
        权属单位
      </Typography.Title>
      {extra('owners', <Typography.Text type="secondary">各权属单位份额合计须为 100%。</Typography.Text>)}
      <Form.List name="owners">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <Row key={field.key} gutter={12} align="top">
                <Col xs={24} sm={14}>
                  <Form.Item
                    label={`权属单位 ${index + 1}`}
                    name={[field.name, 'name']}
                    rules={[
                      { required: true, whitespace: true, message: '请填写权属单位名称' },
                      { max: 100, message: '名称不能超过 100 个字符' },
                    ]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={20} sm={8}>
                  <Form.Item label="份额（%）" name={[field.name, 'share']} rules={[{ required: true, message: '请填写份额' }]}>
                    <InputNumber<number> min={0} max={100} precision={2} style={{ width: '100%' }} suffix="%" />
                  </Form.Item>
                </Col>
                <Col xs={4} sm={2} style={{ paddingTop: 30 }}>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除权属单位 ${index + 1}`} onClick={() => remove(field.name)} />
                </Col>
              </Row>
            ))}
            <SumLine label="份额" values={owners.map((row) => row?.share)} check={checkOwnerShares} />
            <ListErrors errors={errors} />
            <Form.Item>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({} satisfies OwnerRow)}>
                添加权属单位
              </Button>
            </Form.Item>
          </>
        )}
      </Form.List>

      <Typography.Title level={5} style={{ fontSize: 14 }}>
        团队成员
      </Typography.Title>
      {extra('team', <Typography.Text type="secondary">贡献比例合计不超过 100%。</Typography.Text>)}
      <Form.List name="team">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <RowBox key={field.key}>
                <Row gutter={12} align="top">
                  <Col xs={24} sm={12} lg={6}>
                    <Form.Item
                      label={`成员 ${index + 1} 姓名`}
                      name={[field.name, 'name']}
                      rules={[
                        { required: true, whitespace: true, message: '请填写姓名' },
                        { max: 50, message: '姓名不能超过 50 个字符' },
                      ]}
                    >
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={12} lg={5}>
                    <Form.Item label="角色" name={[field.name, 'role']} rules={[{ required: true, message: '请选择角色' }]}>
                      <Select placeholder="请选择" options={optionsOf(TEAM_ROLES)} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={12} lg={6}>
                    <Form.Item label="职称" name={[field.name, 'title']} rules={[{ max: 50, message: '职称不能超过 50 个字符' }]}>
                      <Input placeholder="可选" />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={10} lg={6}>
                    <Form.Item label="贡献比例（%）" name={[field.name, 'contribution']} rules={[{ required: true, message: '请填写贡献比例' }]}>
                      <InputNumber<number> min={0} max={100} precision={2} style={{ width: '100%' }} suffix="%" />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2} lg={1} style={{ paddingTop: 30 }}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除成员 ${index + 1}`} onClick={() => remove(field.name)} />
                  </Col>
                </Row>
              </RowBox>
            ))}
            <SumLine label="贡献比例" values={team.map((row) => row?.contribution)} check={checkTeamContributions} />
            <ListErrors errors={errors} />
            <Form.Item>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'member' } satisfies TeamRow)}>
                添加团队成员
              </Button>
            </Form.Item>
          </>
        )}
      </Form.List>
    </SectionCard>
  );
}

function PricePreview({ price }: { price: string | undefined }) {
  if (!price?.trim()) return null;
  const parsed = parseYuanToFen(price);
  return parsed.ok ? <span>即 ¥{formatFen(parsed.fen)}</span> : null;
}

export function CooperationSection() {
  const extra = useExtra();
  const pricingMode = Form.useWatch<string | undefined>('pricingMode');
  const price = Form.useWatch<string | undefined>('price');
  const isNegotiable = !pricingMode || pricingMode === 'negotiable';
  return (
    <SectionCard id="section-cooperation" title="合作与价格">
      <Form.Item label="合作方式" name="cooperationModes" extra={extra('cooperationModes', '可多选')}>
        <Select mode="multiple" allowClear placeholder="请选择" options={optionsOf(COOPERATION_MODES)} />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item label="价格方式" name="pricingMode" extra={extra('pricingMode', '标价：挂牌价格；底价：可接受的最低价格')}>
            <Select options={optionsOf(PRICING_MODES)} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            label="价格（元）"
            name="price"
            extra={extra('price', isNegotiable ? '面议无需填写价格' : <PricePreview price={price} />)}
            rules={[
              {
                validator: async (_rule, value: unknown) => {
                  if (isNegotiable || typeof value !== 'string' || !value.trim()) return;
                  const parsed = parseYuanToFen(value);
                  if (!parsed.ok) throw new Error(parsed.message);
                },
              },
            ]}
          >
            <Input inputMode="decimal" disabled={isNegotiable} placeholder="如 1234567.89 或 12.5万" maxLength={30} />
          </Form.Item>
        </Col>
      </Row>
    </SectionCard>
  );
}

export function FundingSection() {
  const extra = useExtra();
  const isFiscal = Form.useWatch<boolean | undefined>('isFiscallyFunded') === true;
  const library = useProjectLibrary();
  const programmes = (library.data?.groups ?? []).map((group) => ({ value: group.programme }));
  return (
    <SectionCard id="section-funding" title="资助信息">
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item label="财政资金资助" name="isFiscallyFunded" valuePropName="checked" extra={extra('isFiscallyFunded', '由财政资金资助形成的成果进入财政资金成果转化项目库')}>
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="军民两用" name="isDualUse" valuePropName="checked" extra={extra('isDualUse')}>
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        </Col>
      </Row>
      {isFiscal && (
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item label="资助计划" name="fundingProgramme" extra={extra('fundingProgramme', '如：湖北省重点研发计划')} rules={[{ max: 100, message: '资助计划不能超过 100 个字符' }]}>
              <AutoComplete options={programmes} filterOption={(input, option) => (option?.value ?? '').includes(input)} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label="项目编号" name="fundingProjectNumber" extra={extra('fundingProjectNumber')} rules={[{ max: 50, message: '项目编号不能超过 50 个字符' }]}>
              <Input spellCheck={false} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </SectionCard>
  );
}

const tierHelp: Record<string, string> = {
  public: '所有访客可见创新点、指标、应用场景、知识产权、团队和附件。',
  registered: '登录用户可见上述详细信息。',
  nda: '他人须签署保密协议申请，经本单位同意后可见上述详细信息。',
};

export function DisclosureSection() {
  const extra = useExtra();
  const tier = Form.useWatch<string | undefined>('disclosureTier');
  return (
    <SectionCard id="section-disclosure" title="公开与联系">
      <Form.Item label="公开方式" name="disclosureTier" extra={extra('disclosureTier', tierHelp[tier ?? 'public'])}>
        <Select options={optionsOf(DISCLOSURE_TIERS)} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label="联系人" name="contactName" extra={extra('contactName')} rules={[{ max: 50, message: '联系人不能超过 50 个字符' }]}>
            <Input autoComplete="name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label="联系电话"
            name="contactPhone"
            extra={extra('contactPhone')}
            rules={[{ pattern: /^[0-9+\-\s()]{7,20}$/, message: '联系电话格式不正确' }]}
          >
            <Input autoComplete="tel" inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="联系邮箱" name="contactEmail" extra={extra('contactEmail')} rules={[{ type: 'email', message: '邮箱格式不正确' }]}>
            <Input autoComplete="email" inputMode="email" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        联系方式仅对登录用户显示，访客看到“请登录后查看联系方式”。
      </Typography.Paragraph>
    </SectionCard>
  );
}

/** Jump links to the sections (a long form on a phone). */
export const SECTIONS = [
  { id: 'section-basic', title: '基本信息' },
  { id: 'section-content', title: '技术内容' },
  { id: 'section-maturity', title: '成熟度' },
  { id: 'section-ip', title: '知识产权' },
  { id: 'section-owners', title: '权属与团队' },
  { id: 'section-cooperation', title: '合作与价格' },
  { id: 'section-funding', title: '资助信息' },
  { id: 'section-disclosure', title: '公开与联系' },
  { id: 'section-attachments', title: '附件' },
] as const;

export function SectionLinks() {
  return (
    <Flex gap="4px 12px" wrap aria-label="表单分节" role="navigation">
      {SECTIONS.map((section) => (
        <a
          key={section.id}
          href={`#${section.id}`}
          onClick={(event) => {
            event.preventDefault();
            document.getElementById(section.id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
          }}
        >
          {section.title}
        </a>
      ))}
    </Flex>
  );
}
