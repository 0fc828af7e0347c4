import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { DateInput } from '../../../lib/date-input.js';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage, isApiError } from '../../../lib/api-client.js';
import { showFieldErrors } from '../../../lib/form-errors.js';
import { useAchievement } from '../../achievements/api/get-achievement.js';
import { createListing } from '../api/create-listing.js';
import { useListingSettings } from '../api/get-listing-settings.js';
import { LISTING_MODES, listingPath } from '../codes.js';
import type { CreateListing } from '../types.js';

interface Values {
  mode: CreateListing['mode'];
  price: string;
  periodKind: 'working_days' | 'end_date';
  workingDays?: number;
  endDate?: Dayjs;
  terms: string;
  publicityWorkingDays?: number;
}

/** The server's `period.workingDays` / `period.endDate` map to this form's flat fields. */
const mapPath = (path: string) => (path === 'period.workingDays' ? ['workingDays'] : path === 'period.endDate' ? ['endDate'] : [path]);

/** 挂牌: the owner offers a published achievement (from its page), submitted for review. */
export function ListingFormPage() {
  const [params] = useSearchParams();
  const achievementId = params.get('achievementId') ?? '';
  const achievement = useAchievement(achievementId || null);
  const settings = useListingSettings();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('periodKind', form);
  const [saving, setSaving] = useState(false);
  const [topError, setTopError] = useState<string | undefined>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const bounds = settings.data?.bounds;

  const submit = async (v: Values) => {
    setSaving(true);
    setTopError(undefined);
    try {
      const period = v.periodKind === 'working_days' ? { kind: 'working_days' as const, workingDays: v.workingDays ?? 0 } : { kind: 'end_date' as const, endDate: v.endDate?.format('YYYY-MM-DD') ?? '' };
      const created = await createListing({ achievementId, mode: v.mode, price: v.price, period, terms: v.terms, ...(v.publicityWorkingDays ? { publicityWorkingDays: v.publicityWorkingDays } : {}) });
      message.success('已提交挂牌申请，等待审核');
      navigate(listingPath(created.id));
    } catch (error) {
      if (isApiError(error) && error.errors.length) {
        const rest = showFieldErrors(form, error.errors, mapPath);
        if (rest.length) setTopError(rest.map((e) => e.message).join('；'));
      } else setTopError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  if (!achievementId) return <Alert type="warning" showIcon title="请从成果详情页的“挂牌”按钮进入" />;
  return (
    <Card title={`挂牌：${achievement.data?.title ?? ''}`} style={{ maxWidth: 760 }}>
      <Typography.Paragraph type="secondary">
        提交后由平台运营方或成果所在地区的科技管理部门审核；通过后次一工作日起公示 {settings.data?.publicityWorkingDays ?? 5} 个工作日（法定节假日不计，调休上班日计入），公示期满无异议后开放摘牌。
      </Typography.Paragraph>
      {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={{ mode: 'transfer', periodKind: 'working_days', workingDays: 20 }} onFinish={submit}>
        <Form.Item name="mode" label="交易方式" rules={[{ required: true, message: '请选择交易方式' }]}>
          <Select options={[...LISTING_MODES]} />
        </Form.Item>
        <Form.Item name="price" label="挂牌价格（元）" rules={[{ required: true, message: '请填写挂牌价格' }]} extra="精确到分，如 1,200,000.50 或 120万">
          <Input placeholder="例如 1,200,000.00" />
        </Form.Item>
        <Form.Item name="periodKind" label="挂牌期">
          <Radio.Group options={[{ value: 'working_days', label: '按工作日' }, { value: 'end_date', label: '指定截止日期' }]} />
        </Form.Item>
        {kind === 'end_date' ? (
          <Form.Item name="endDate" label="挂牌截止日期" rules={[{ required: true, message: '请选择截止日期' }]}>
            <DateInput />
          </Form.Item>
        ) : (
          <Form.Item name="workingDays" label={`挂牌期（工作日，${bounds?.listingWorkingDays.min ?? 5}–${bounds?.listingWorkingDays.max ?? 250}）`} rules={[{ required: true, message: '请填写工作日数' }]}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
        )}
        <Form.Item name="publicityWorkingDays" label={`公示期（工作日，留空为默认 ${settings.data?.publicityWorkingDays ?? 5}）`}>
          <InputNumber min={bounds?.publicityWorkingDays.min ?? 5} max={bounds?.publicityWorkingDays.max ?? 30} precision={0} />
        </Form.Item>
        <Form.Item name="terms" label="挂牌条件" rules={[{ required: true, message: '请填写挂牌条件' }]}>
          <Input.TextArea rows={5} maxLength={4000} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          提交挂牌申请
        </Button>
      </Form>
    </Card>
  );
}
