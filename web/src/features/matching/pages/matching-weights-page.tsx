import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, InputNumber, Row, Skeleton, Slider, Spin, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { type FieldPath, showFieldErrors } from '../../../lib/form-errors.js';
import { useSession } from '../../accounts/session/session-context.js';
import { useWeights } from '../api/get-weights.js';
import { useWeightsHistory } from '../api/list-weights-history.js';
import { useRematch } from '../api/rematch.js';
import { useSetWeights } from '../api/set-weights.js';
import { COMPONENT_COLORS, percentText } from '../format.js';
import type { MatchComponent, RematchResult, WeightsResponse, WeightsVersion } from '../types.js';

type Weights = Record<MatchComponent, number>;
interface WeightsFormValues {
  weights: Partial<Record<MatchComponent, number | null>>;
  note?: string;
}

/** Server paths → fields: `weights.text` is the text weight's input; `weights` itself (all zero) has no one field. */
function fieldOf(path: string): FieldPath | undefined {
  const match = /^weights\.(\w+)$/.exec(path);
  if (match?.[1]) return ['weights', match[1]];
  if (path === 'note') return ['note'];
  return undefined;
}

/** A weight as a slider and a number box bound to the same value (0–1, step 0.01). */
function WeightInput({
  id,
  value,
  onChange,
  disabled,
  label,
  color,
}: {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  disabled?: boolean;
  label: string;
  color: string;
}) {
  return (
    <Flex gap={12} align="center">
      <Slider
        aria-label={`${label}滑块`}
        min={0}
        max={1}
        step={0.01}
        value={typeof value === 'number' ? value : 0}
        onChange={(next) => onChange?.(next)}
        disabled={disabled}
        styles={{ track: { background: color } }}
        style={{ flex: 1, margin: '0 4px' }}
      />
      {/* No min/max here: an out-of-range number stays as typed and the rule (or the server) says why. */}
      <InputNumber id={id} step={0.01} precision={2} value={value} onChange={(next) => onChange?.(next)} disabled={disabled} style={{ width: 96 }} />
    </Flex>
  );
}

const weightRules = [
  { required: true, message: '请填写权重' },
  { type: 'number' as const, min: 0, message: '权重不能小于 0' },
  { type: 'number' as const, max: 1, message: '权重不能大于 1' },
];

function sourceTag(version: Pick<WeightsVersion, 'source' | 'sourceLabel'>) {
  const color = version.source === 'learned' ? 'purple' : version.source === 'operator' ? 'blue' : 'default';
  return <Tag color={color}>{version.sourceLabel}</Tag>;
}

function WeightsCard({ data, canEdit, onSaved }: { data: WeightsResponse; canEdit: boolean; onSaved: (next: WeightsResponse) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<WeightsFormValues>();
  const save = useSetWeights();
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const watched = Form.useWatch('weights', form);
  const current = data.current;

  // The form follows the version in force (after a save, or when the page reloads it).
  useEffect(() => {
    form.setFieldsValue({ weights: { ...current.weights }, note: '' });
  }, [form, current]);

  const values = watched ?? current.weights;
  const sum = data.components.reduce((total, c) => total + (typeof values[c.component] === 'number' ? Number(values[c.component]) : 0), 0);

  const submit = async (formValues: WeightsFormValues) => {
    setProblem(undefined);
    const weights = {} as Weights;
    for (const c of data.components) weights[c.component] = Number(formValues.weights[c.component] ?? 0);
    if (Object.values(weights).every((w) => w === 0)) {
      setProblem('至少一项权重须大于 0');
      return;
    }
    try {
      const next = await save.mutate({ weights, ...(formValues.note?.trim() ? { note: formValues.note.trim() } : {}) });
      message.success('匹配权重已保存，新的推荐按此计算');
      onSaved(next);
    } catch (error) {
      if (isApiError(error)) {
        const unmatched = showFieldErrors(form, error.errors, fieldOf);
        setProblem([error.detail, ...unmatched.map((item) => item.message)].join(' '));
      } else {
        setProblem('保存失败，请稍后再试。');
      }
    }
  };

  return (
    <Card
      title="当前权重"
      extra={
        <Flex gap={8} align="center" wrap style={{ fontSize: 13 }}>
          {sourceTag(current)}
          <Typography.Text type="secondary">
            {current.createdAt ? `${formatDateTime(current.createdAt)}${current.createdByName ? ` · ${current.createdByName}` : ''}` : '未修改过'}
          </Typography.Text>
        </Flex>
      }
    >
      {!canEdit && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="只读：匹配权重由平台运营方设置，科技管理部门可以查看。" />}
      <Typography.Paragraph type="secondary">
        每项权重取 0–1，保存时按总和归一化（各项占比之和为 100%）。企业接受或婉拒推荐方案后，系统会按反馈自动微调权重，并记入下方历史。
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<WeightsFormValues> form={form} layout="vertical" requiredMark={false} disabled={!canEdit || save.isPending} onFinish={submit} initialValues={{ weights: { ...current.weights } }}>
        <Row gutter={[24, 0]}>
          {data.components.map((c) => {
            const raw = values[c.component];
            const share = sum > 0 && typeof raw === 'number' ? raw / sum : 0;
            return (
              <Col key={c.component} xs={24} md={12}>
                <Form.Item
                  label={c.label}
                  name={['weights', c.component]}
                  rules={weightRules}
                  extra={`归一化后占 ${percentText(share)} · 默认 ${percentText(data.defaults[c.component])}`}
                >
                  <WeightInput label={c.label} color={COMPONENT_COLORS[c.component]} />
                </Form.Item>
              </Col>
            );
          })}
        </Row>
        {canEdit && (
          <>
            <Form.Item label="修改说明" name="note" rules={[{ max: 200, message: '说明不能超过 200 个字' }]}>
              <Input maxLength={200} showCount placeholder="例如：提高价格权重，减少超预算成果的推荐" />
            </Form.Item>
            <Flex gap={8} wrap>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                保存权重
              </Button>
              <Button onClick={() => form.setFieldsValue({ weights: { ...data.defaults } })}>恢复默认值</Button>
              <Button
                onClick={() => {
                  setProblem(undefined);
                  form.resetFields();
                  form.setFieldsValue({ weights: { ...current.weights }, note: '' });
                }}
              >
                撤销修改
              </Button>
            </Flex>
          </>
        )}
      </Form>
    </Card>
  );
}

const HISTORY_PAGE_SIZE = 10;

function HistoryCard({ data, generation }: { data: WeightsResponse; generation: number }) {
  const [page, setPage] = useState(1);
  const history = useWeightsHistory(page, HISTORY_PAGE_SIZE);
  const { reload } = history;
  // `generation` counts saves: each one adds a version to the history.
  useEffect(() => {
    if (generation > 0) reload();
  }, [generation, reload]);

  const columns: TableColumnsType<WeightsVersion> = [
    { title: '时间', key: 'createdAt', width: 150, render: (_, row) => (row.createdAt ? formatDateTime(row.createdAt) : '—') },
    { title: '来源', key: 'source', width: 120, render: (_, row) => sourceTag(row) },
    { title: '设置人', key: 'createdByName', width: 100, render: (_, row) => row.createdByName ?? (row.source === 'learned' ? '系统' : '—') },
    ...data.components.map((c) => ({
      title: c.label,
      key: c.component,
      width: 90,
      align: 'right' as const,
      render: (_: unknown, row: WeightsVersion) => percentText(row.weights[c.component] ?? 0),
    })),
    { title: '说明', key: 'note', render: (_, row) => row.note ?? '—' },
  ];

  return (
    <Card title="权重历史" size="small">
      {history.error && <Alert type="error" showIcon title={history.error.detail} style={{ marginBottom: 12 }} />}
      <Table<WeightsVersion>
        aria-label="权重历史"
        size="small"
        rowKey={(row) => row.id ?? 'default'}
        loading={history.isLoading}
        dataSource={history.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '尚无历史版本，当前使用默认权重' }}
        pagination={{
          current: page,
          pageSize: HISTORY_PAGE_SIZE,
          total: history.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => `共 ${total} 个版本`,
          onChange: setPage,
        }}
      />
    </Card>
  );
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} 毫秒` : `${(ms / 1000).toFixed(1)} 秒`;
}

/** 重新计算推荐: the synchronous batch (POST /api/matching/rematch), operator only. */
function RematchCard() {
  const { message } = App.useApp();
  const rematch = useRematch();
  const [result, setResult] = useState<RematchResult | undefined>(undefined);
  const run = async () => {
    setResult(undefined);
    try {
      const done = await rematch.mutate(undefined);
      setResult(done);
      message.success('推荐已重新计算');
    } catch {
      // Shown below from rematch.error.
    }
  };
  return (
    <Card title="重新计算推荐" size="small">
      <Typography.Paragraph type="secondary">
        按当前权重重新计算全部开放需求（已发布、已认领、对接中）的推荐成果，每项需求保存前 20 项。数据量大时需要几分钟，请勿关闭页面。
      </Typography.Paragraph>
      <Flex gap={12} align="center" wrap>
        <Button type="primary" onClick={run} loading={rematch.isPending} disabled={rematch.isPending}>
          重新计算推荐
        </Button>
        {rematch.isPending && (
          <Flex gap={8} align="center" role="status">
            <Spin size="small" />
            <Typography.Text type="secondary">正在计算，请稍候…</Typography.Text>
          </Flex>
        )}
      </Flex>
      {rematch.error && <Alert type="error" showIcon title={rematch.error.detail} style={{ marginTop: 12 }} />}
      {result && (
        <Descriptions aria-label="计算结果" size="small" bordered column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginTop: 12 }}>
          <Descriptions.Item label="需求数">{result.demands}</Descriptions.Item>
          <Descriptions.Item label="推荐条数">{result.recommendations}</Descriptions.Item>
          <Descriptions.Item label="清理过期推荐">{result.staleRemoved}</Descriptions.Item>
          <Descriptions.Item label="总用时">{seconds(result.ms)}</Descriptions.Item>
          <Descriptions.Item label="分阶段用时" span={{ xs: 1, sm: 2, lg: 4 }}>
            检索 {seconds(result.phases.search)} · 读取 {seconds(result.phases.load)} · 评分 {seconds(result.phases.score)} · 写入 {seconds(result.phases.write)}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

/**
 * 匹配权重: the weights of the eight score components (docs/matching.md), their history (运营方设置
 * and 根据反馈学习) and the batch rematch. The operator edits; gov_admins read.
 */
export function MatchingWeightsPage() {
  const { session } = useSession();
  const canEdit = Boolean(session?.user?.roles.some((grant) => grant.role === 'operator'));
  const weights = useWeights();
  const [saved, setSaved] = useState<WeightsResponse | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  const data = saved ?? weights.data;

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        匹配权重
      </Typography.Title>
      {weights.error && !data && <Alert type="error" showIcon title={weights.error.detail} action={<Button onClick={weights.reload}>重试</Button>} />}
      {!data && !weights.error && <Skeleton active paragraph={{ rows: 8 }} />}
      {data && (
        <>
          <WeightsCard
            data={data}
            canEdit={canEdit}
            onSaved={(next) => {
              setSaved(next);
              setGeneration((value) => value + 1);
            }}
          />
          {canEdit && <RematchCard />}
          <HistoryCard data={data} generation={generation} />
        </>
      )}
    </Flex>
  );
}
