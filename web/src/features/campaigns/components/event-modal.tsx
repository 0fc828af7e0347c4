import { Alert, App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { isApiError } from '../../../lib/api-client.js';
import { showFieldErrors } from '../../../lib/form-errors.js';
import { useApiMutation } from '../../../lib/use-api.js';
import { RegionPicker } from '../../regions/components/region-picker.js';
import { findAchievements } from '../api/find-achievements.js';
import { findDemands } from '../api/find-demands.js';
import { recordEvent } from '../api/record-event.js';
import { updateEvent } from '../api/update-event.js';
import { formPathOf, regionsText } from '../format.js';
import type { CampaignEvent, CampaignSummary, CreateEventInput } from '../types.js';
import { type RemoteOption, RemoteSelect } from './remote-select.js';

interface EventValues {
  title?: string;
  heldOn?: string;
  place?: string;
  regionCode?: string;
  participantCount?: number | null;
  participants?: string[];
  demandIds?: string[];
  achievementIds?: string[];
  intentionsSigned?: number | null;
  outcomes?: string;
}

function initialValues(campaign: CampaignSummary, event: CampaignEvent | undefined): EventValues {
  if (!event) {
    return {
      regionCode: campaign.regions.length === 1 ? campaign.regions[0]?.code : undefined,
      participantCount: 0,
      participants: [],
      demandIds: [],
      achievementIds: [],
      intentionsSigned: 0,
      outcomes: '',
    };
  }
  return {
    title: event.title,
    heldOn: event.heldOn,
    place: event.place,
    regionCode: event.regionCode,
    participantCount: event.participantCount,
    participants: event.participants ?? [],
    demandIds: event.demandIds ?? event.demands.map((d) => d.id),
    achievementIds: event.achievementIds ?? event.achievements.map((a) => a.id),
    intentionsSigned: event.intentionsSigned,
    outcomes: event.outcomes,
  };
}

/**
 * 记录（或修改）对接活动: date, place, participants, the demands and achievements presented (searched
 * on the demand board and among published achievements) and what came of it.
 */
export function EventModal({
  campaign,
  event,
  open,
  onClose,
  onSaved,
}: {
  campaign: CampaignSummary;
  /** The event being edited; absent for a new one. */
  event?: CampaignEvent;
  open: boolean;
  onClose: () => void;
  onSaved: (event: CampaignEvent) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<EventValues>();
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const send = useApiMutation((input: CreateEventInput) => (event ? updateEvent(campaign.id, event.id, input) : recordEvent(campaign.id, input)));
  const searchDemands = useCallback(
    async (text: string, signal: AbortSignal): Promise<RemoteOption[]> =>
      (await findDemands(text, campaign.id, signal)).map((d) => ({ value: d.id, label: d.title })),
    [campaign.id],
  );
  const searchAchievements = useCallback(
    async (text: string, signal: AbortSignal): Promise<RemoteOption[]> =>
      (await findAchievements(text, signal)).map((a) => ({ value: a.id, label: a.title })),
    [],
  );
  const knownDemands = useMemo(() => event?.demands.map((d) => ({ value: d.id, label: d.title })) ?? [], [event]);
  const knownAchievements = useMemo(() => event?.achievements.map((a) => ({ value: a.id, label: a.title })) ?? [], [event]);

  const handleOk = async () => {
    setProblem(undefined);
    let values: EventValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const input: CreateEventInput = {
      title: values.title ?? '',
      heldOn: values.heldOn ?? '',
      place: values.place ?? '',
      regionCode: values.regionCode ?? null,
      participantCount: values.participantCount ?? 0,
      participants: values.participants ?? [],
      demandIds: values.demandIds ?? [],
      achievementIds: values.achievementIds ?? [],
      intentionsSigned: values.intentionsSigned ?? 0,
      outcomes: values.outcomes ?? '',
    };
    try {
      const saved = await send.mutate(input);
      message.success(event ? '对接活动已更新' : '对接活动已记录');
      onSaved(saved);
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
    <Modal
      title={event ? `修改对接活动：${event.title}` : `记录对接活动：${campaign.name}`}
      open={open}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: send.isPending }}
      onOk={handleOk}
      onCancel={() => {
        setProblem(undefined);
        onClose();
      }}
      destroyOnHidden
      forceRender
      width={720}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<EventValues> name="campaignEvent" form={form} layout="vertical" preserve={false} initialValues={initialValues(campaign, event)}>
        <Form.Item
          label="活动名称"
          name="title"
          rules={[
            { required: true, whitespace: true, message: '请填写对接活动名称' },
            { max: 100, message: '活动名称不能超过 100 个字符' },
          ]}
        >
          <Input maxLength={100} placeholder="如：光电子信息产业需求认领对接会" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={10}>
            <Form.Item
              label="举办日期"
              name="heldOn"
              rules={[{ required: true, message: '请选择举办日期' }]}
              extra="晚于今天的活动记为计划举办"
            >
              <Input type="date" min={campaign.startsOn} max={campaign.endsOn} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item label="举办地区" name="regionCode" rules={[{ required: true, message: '请选择举办地区' }]} extra={`应在活动地区（${regionsText(campaign)}）内`}>
              <RegionPicker aria-label="举办地区" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label="举办地点"
          name="place"
          rules={[
            { required: true, whitespace: true, message: '请填写举办地点' },
            { max: 200, message: '举办地点不能超过 200 个字符' },
          ]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12}>
            <Form.Item label="参会人数" name="participantCount" rules={[{ required: true, message: '请填写参会人数' }]}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item label="签约意向（项）" name="intentionsSigned" rules={[{ required: true, message: '请填写签约意向数' }]}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="参会单位及代表" name="participants" extra="输入后按回车，可填写多项；不对公众公开">
          <Select mode="tags" aria-label="参会单位及代表" open={false} tokenSeparators={['，', '、']} placeholder="单位或代表姓名" />
        </Form.Item>
        <Form.Item label="发布的需求" name="demandIds" extra="默认列出本次活动采集的需求，输入关键词可搜索需求大厅">
          <RemoteSelect multiple fetchOptions={searchDemands} knownOptions={knownDemands} placeholder="选择需求" aria-label="发布的需求" />
        </Form.Item>
        <Form.Item label="推介的成果" name="achievementIds">
          <RemoteSelect multiple fetchOptions={searchAchievements} knownOptions={knownAchievements} placeholder="输入关键词搜索已发布成果" aria-label="推介的成果" />
        </Form.Item>
        <Form.Item label="活动成效" name="outcomes" rules={[{ max: 4000, message: '活动成效不能超过 4000 个字符' }]}>
          <Input.TextArea rows={4} showCount maxLength={4000} placeholder="发布需求、推介成果、达成意向等情况（公开展示）" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
