import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, Result, Row, Skeleton, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { paths, pathTo } from '../../../app/routes.js';
import { isApiError } from '../../../lib/api-client.js';
import { ButtonLink } from '../../../lib/button-link.js';
import { showFieldErrors } from '../../../lib/form-errors.js';
import { shanghaiToday } from '../../../lib/format-time.js';
import { useApiMutation } from '../../../lib/use-api.js';
import { useSession } from '../../accounts/session/session-context.js';
import { RegionPicker } from '../../regions/components/region-picker.js';
import { createCampaign } from '../api/create-campaign.js';
import { useCampaign } from '../api/get-campaign.js';
import { updateCampaign } from '../api/update-campaign.js';
import { formPathOf } from '../format.js';
import type { CampaignDetail, CreateCampaignInput, UpdateCampaignInput } from '../types.js';

interface CampaignValues {
  name?: string;
  description?: string;
  regionCodes?: (string | undefined)[];
  startsOn?: string;
  endsOn?: string;
  targetVisits?: number | null;
  targetDemands?: number | null;
  targetEvents?: number | null;
}

/** Several regions, each picked province → city → county; the list is kept as codes. */
function RegionListInput({ value, onChange, id }: { value?: (string | undefined)[]; onChange?: (value: (string | undefined)[]) => void; id?: string }) {
  const list = value && value.length > 0 ? value : [undefined];
  const set = (index: number, code: string | undefined) => onChange?.(list.map((v, i) => (i === index ? code : v)));
  return (
    <Flex vertical gap={8} id={id}>
      {list.map((code, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the list, edited in place.
        <Flex key={index} gap={8}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <RegionPicker aria-label={`活动地区 ${index + 1}`} value={code} onChange={(next) => set(index, next)} />
          </div>
          {list.length > 1 && (
            <Button aria-label={`删除活动地区 ${index + 1}`} onClick={() => onChange?.(list.filter((_, i) => i !== index))}>
              删除
            </Button>
          )}
        </Flex>
      ))}
      <Button type="dashed" onClick={() => onChange?.([...list, undefined])} style={{ alignSelf: 'flex-start' }}>
        添加地区
      </Button>
    </Flex>
  );
}

function toInput(values: CampaignValues): CreateCampaignInput {
  return {
    name: values.name?.trim() ?? '',
    description: values.description ?? '',
    regionCodes: (values.regionCodes ?? []).filter((code): code is string => Boolean(code)),
    startsOn: values.startsOn ?? '',
    endsOn: values.endsOn ?? '',
    targetVisits: values.targetVisits ?? 0,
    targetDemands: values.targetDemands ?? 0,
    targetEvents: values.targetEvents ?? 0,
  };
}

function valuesOf(c: CampaignDetail): CampaignValues {
  return {
    name: c.name,
    description: c.description,
    regionCodes: c.regions.map((r) => r.code),
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    targetVisits: c.targets.visits,
    targetDemands: c.targets.demands,
    targetEvents: c.targets.events,
  };
}

function CampaignForm({ campaign }: { campaign: CampaignDetail | undefined }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { session } = useSession();
  const [form] = Form.useForm<CampaignValues>();
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const save = useApiMutation((input: CreateCampaignInput) => {
    if (!campaign) return createCampaign(input);
    const before = toInput(valuesOf(campaign));
    const patch: UpdateCampaignInput = {};
    for (const key of Object.keys(input) as (keyof CreateCampaignInput)[]) {
      if (JSON.stringify(input[key]) !== JSON.stringify(before[key])) Object.assign(patch, { [key]: input[key] });
    }
    return updateCampaign(campaign.id, Object.keys(patch).length ? patch : { name: input.name });
  });
  const govRegion = session?.user?.roles.find((r) => r.role === 'gov_admin' && r.regionCode);
  const initial = useMemo<CampaignValues>(() => {
    if (campaign) return valuesOf(campaign);
    const year = shanghaiToday().slice(0, 4);
    return {
      regionCodes: [govRegion?.regionCode ?? undefined],
      startsOn: shanghaiToday(),
      endsOn: `${year}-12-31`,
      targetVisits: 50,
      targetDemands: 80,
      targetEvents: 10,
      description: '',
    };
  }, [campaign, govRegion?.regionCode]);

  const handleFinish = async (values: CampaignValues) => {
    setProblem(undefined);
    try {
      const saved = await save.mutate(toInput(values));
      message.success(campaign ? '科惠行动已保存' : '科惠行动已发起');
      navigate(pathTo.campaignWork(saved.id));
    } catch (error) {
      if (!isApiError(error)) {
        setProblem('保存失败，请稍后再试。');
        return;
      }
      const unmatched = showFieldErrors(form, error.errors, formPathOf);
      setProblem(error.errors.length === 0 || unmatched.length > 0 ? [error.detail, ...unmatched.map((e) => e.message)].join(' ') : undefined);
    }
  };

  return (
    <Form<CampaignValues> name="campaign" form={form} layout="vertical" initialValues={initial} onFinish={handleFinish} scrollToFirstError>
      <Flex vertical gap={16}>
        {problem && <Alert type="error" showIcon title={problem} />}
        <Card size="small" title="基本信息">
          <Form.Item
            label="行动名称"
            name="name"
            rules={[
              { required: true, whitespace: true, message: '请填写活动名称' },
              { max: 100, message: '活动名称不能超过 100 个字符' },
            ]}
          >
            <Input maxLength={100} placeholder="如：2026 年武汉市科惠行动" />
          </Form.Item>
          <Form.Item label="行动说明" name="description" rules={[{ max: 2000, message: '活动说明不能超过 2000 个字符' }]}>
            <Input.TextArea rows={3} showCount maxLength={2000} placeholder="重点产业、走访范围、组织方式" />
          </Form.Item>
          <Form.Item
            label="活动地区"
            name="regionCodes"
            required
            extra={govRegion ? `科技管理部门只能在本辖区（${govRegion.regionName ?? govRegion.regionCode}）内发起行动` : '可选多个省、市或区县'}
            rules={[
              {
                validator: async (_, value: (string | undefined)[] | undefined) => {
                  if (!value?.some(Boolean)) throw new Error('请至少选择一个活动地区');
                },
              },
            ]}
          >
            <RegionListInput />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item label="开始日期" name="startsOn" rules={[{ required: true, message: '请填写开始日期' }]}>
                <Input type="date" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item label="结束日期" name="endsOn" rules={[{ required: true, message: '请填写结束日期' }]}>
                <Input type="date" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title="目标">
          <Typography.Paragraph type="secondary">行动方案要求每年举办约 10 场认领对接活动。目标为 0–100000 的整数。</Typography.Paragraph>
          <Row gutter={16}>
            {(
              [
                ['targetVisits', '走访企业（家）'],
                ['targetDemands', '挖掘需求（项）'],
                ['targetEvents', '对接活动（场）'],
              ] as const
            ).map(([name, label]) => (
              <Col key={name} xs={24} sm={8}>
                <Form.Item label={label} name={name} rules={[{ required: true, message: `请填写${label}目标` }]}>
                  <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {campaign ? '保存' : '发起行动'}
          </Button>
          <ButtonLink to={campaign ? pathTo.campaignWork(campaign.id) : paths.manageCampaigns}>取消</ButtonLink>
        </Flex>
      </Flex>
    </Form>
  );
}

/** 发起 / 编辑科惠行动: name, regions, period and targets. */
export function CampaignEditPage() {
  const { id } = useParams();
  const campaign = useCampaign(id ?? null);
  let body: ReactNode;
  if (id && campaign.error) {
    body = <Result status={campaign.error.status === 404 ? '404' : 'error'} title={campaign.error.detail} />;
  } else if (id && !campaign.data) {
    body = <Skeleton active paragraph={{ rows: 8 }} />;
  } else if (campaign.data && !campaign.data.allowedActions.includes('edit')) {
    body = <Result status="403" title="您不能编辑此科惠行动" subTitle="只有平台运营方和管辖全部活动地区的科技管理部门可以编辑。" />;
  } else {
    body = <CampaignForm campaign={campaign.data} />;
  }
  return (
    <Flex vertical gap={16} style={{ maxWidth: 880 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {id ? '编辑科惠行动' : '发起科惠行动'}
      </Typography.Title>
      {body}
    </Flex>
  );
}
