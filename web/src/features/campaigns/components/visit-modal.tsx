import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { useCallback, useState } from 'react';
import { isApiError } from '../../../lib/api-client.js';
import { showFieldErrors } from '../../../lib/form-errors.js';
import { shanghaiToday } from '../../../lib/format-time.js';
import { useApiMutation } from '../../../lib/use-api.js';
import { useSession } from '../../accounts/session/session-context.js';
import { RegionPicker } from '../../regions/components/region-picker.js';
import { findEnterprises } from '../api/find-enterprises.js';
import { recordVisit } from '../api/record-visit.js';
import { formPathOf, regionsText } from '../format.js';
import type { CampaignSummary, CampaignVisit, CreateVisitInput } from '../types.js';
import { type RemoteOption, RemoteSelect } from './remote-select.js';

interface VisitValues {
  registered: 'yes' | 'no';
  enterpriseOrganizationId?: string;
  enterpriseName?: string;
  regionCode?: string;
  visitedOn?: string;
  team?: string[];
  notes?: string;
}

/**
 * 记录走访: a registered enterprise (searched by name) or one not on the platform yet (name and
 * region), the day, the team and what was learnt. Server errors land on their fields.
 */
export function VisitModal({
  campaign,
  open,
  onClose,
  onSaved,
}: {
  campaign: CampaignSummary;
  open: boolean;
  onClose: () => void;
  onSaved: (visit: CampaignVisit) => void;
}) {
  const { message } = App.useApp();
  const { session } = useSession();
  const [form] = Form.useForm<VisitValues>();
  const registered = Form.useWatch('registered', form);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const send = useApiMutation((input: CreateVisitInput) => recordVisit(campaign.id, input));
  const today = shanghaiToday();
  // The last day a visit can be recorded for: today, or the campaign's end if it is over.
  const lastDay = [campaign.endsOn, today].sort()[0] ?? today;

  const searchEnterprises = useCallback(
    async (text: string, signal: AbortSignal): Promise<RemoteOption[]> =>
      (await findEnterprises(text, signal)).map((e) => ({ value: e.id, label: `${e.name}（${e.regionName ?? e.regionCode}）` })),
    [],
  );

  const handleOk = async () => {
    setProblem(undefined);
    let values: VisitValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const input: CreateVisitInput =
      values.registered === 'yes'
        ? { enterpriseOrganizationId: values.enterpriseOrganizationId ?? null, visitedOn: values.visitedOn ?? '', team: values.team ?? [], notes: values.notes ?? '' }
        : {
            enterpriseName: values.enterpriseName ?? '',
            regionCode: values.regionCode ?? null,
            visitedOn: values.visitedOn ?? '',
            team: values.team ?? [],
            notes: values.notes ?? '',
          };
    try {
      const visit = await send.mutate(input);
      message.success(`已记录对「${visit.enterpriseName}」的走访`);
      form.resetFields();
      onSaved(visit);
    } catch (error) {
      if (!isApiError(error)) {
        setProblem('保存失败，请稍后再试。');
        return;
      }
      const unmatched = showFieldErrors(form, error.errors, (path) => {
        if (path === 'enterpriseName' && values.registered === 'yes') return ['enterpriseOrganizationId'];
        if (path === 'regionCode' && values.registered === 'yes') return ['enterpriseOrganizationId'];
        return formPathOf(path);
      });
      setProblem(error.errors.length === 0 || unmatched.length > 0 ? [error.detail, ...unmatched.map((e) => e.message)].join(' ') : undefined);
    }
  };

  return (
    <Modal
      title={`记录走访：${campaign.name}`}
      open={open}
      okText="保存走访"
      cancelText="取消"
      okButtonProps={{ loading: send.isPending }}
      onOk={handleOk}
      onCancel={() => {
        setProblem(undefined);
        onClose();
      }}
      destroyOnHidden
      forceRender
      width={640}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<VisitValues>
        name="campaignVisit"
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ registered: 'yes', visitedOn: lastDay, team: session?.user?.name ? [session.user.name] : [] }}
      >
        <Form.Item label="走访企业" name="registered">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'yes', label: '已入驻平台的企业' },
              { value: 'no', label: '尚未入驻的企业' },
            ]}
          />
        </Form.Item>
        {registered !== 'no' ? (
          <Form.Item
            label="企业"
            name="enterpriseOrganizationId"
            rules={[{ required: true, message: '请选择企业' }]}
            extra={`活动地区：${regionsText(campaign)}`}
          >
            <RemoteSelect fetchOptions={searchEnterprises} placeholder="输入企业名称搜索" aria-label="企业" />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              label="企业名称"
              name="enterpriseName"
              rules={[
                { required: true, whitespace: true, message: '请填写企业名称' },
                { max: 100, message: '企业名称不能超过 100 个字符' },
              ]}
            >
              <Input maxLength={100} placeholder="营业执照上的企业全称" />
            </Form.Item>
            <Form.Item
              label="企业所在地区"
              name="regionCode"
              rules={[{ required: true, message: '请选择企业所在地区' }]}
              extra={`应在活动地区（${regionsText(campaign)}）内`}
            >
              <RegionPicker aria-label="企业所在地区" />
            </Form.Item>
          </>
        )}
        <Form.Item
          label="走访日期"
          name="visitedOn"
          rules={[{ required: true, message: '请选择走访日期' }]}
          extra={`活动周期 ${campaign.startsOn} 至 ${campaign.endsOn}`}
        >
          <Input type="date" min={campaign.startsOn} max={lastDay} style={{ maxWidth: 220 }} />
        </Form.Item>
        <Form.Item
          label="走访人员"
          name="team"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少填写一名走访人员' }]}
          extra="输入姓名后按回车，可填写多人"
        >
          <Select mode="tags" aria-label="走访人员" open={false} tokenSeparators={[',', '，', '、']} placeholder="姓名" />
        </Form.Item>
        <Form.Item label="走访记录" name="notes" rules={[{ max: 2000, message: '走访记录不能超过 2000 个字符' }]}>
          <Input.TextArea rows={4} showCount maxLength={2000} placeholder="企业的技术难题、合作意向、后续安排" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
