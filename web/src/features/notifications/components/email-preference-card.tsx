import { Alert, App, Card, Radio, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../lib/api-client.js';
import { usePreferences } from '../api/get-preferences.js';
import { setPreferences } from '../api/set-preferences.js';
import type { EmailMode } from '../types.js';

const MODES: { value: EmailMode; label: string; hint: string }[] = [
  { value: 'instant', label: '即时', hint: '每条通知都立即发送邮件' },
  { value: 'daily', label: '每日摘要', hint: '每天北京时间 8 点后汇总发送一封' },
  { value: 'off', label: '关闭', hint: '不发送邮件，仅在站内通知' },
];

/**
 * 邮件通知 (GET/PUT /api/notifications/preferences): instant, a daily digest, or none. In-app
 * notices are unaffected; the one-click unsubscribe link in every e-mail sets it to 关闭.
 */
export function EmailPreferenceCard() {
  const { message } = App.useApp();
  const preferences = usePreferences();
  const [saving, setSaving] = useState<EmailMode | undefined>(undefined);
  const current = saving ?? preferences.data?.emailMode;

  const change = async (emailMode: EmailMode) => {
    setSaving(emailMode);
    try {
      await setPreferences({ emailMode });
      message.success(`邮件通知已设为“${MODES.find((mode) => mode.value === emailMode)?.label ?? emailMode}”`);
      preferences.reload();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(undefined);
    }
  };

  return (
    <Card title="邮件通知">
      {preferences.error && !preferences.data && <Alert type="error" showIcon title={preferences.error.detail} />}
      {!preferences.data && !preferences.error && <Skeleton active title={false} paragraph={{ rows: 2 }} />}
      {preferences.data && (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            订阅提醒、匹配提醒和其他通知除了在站内显示，还可以发送到您的邮箱。
          </Typography.Paragraph>
          <Radio.Group
            aria-label="邮件通知方式"
            value={current}
            disabled={saving !== undefined}
            onChange={(event) => change(event.target.value as EmailMode)}
            options={MODES.map((mode) => ({ value: mode.value, label: mode.label, title: mode.hint }))}
            optionType="button"
            buttonStyle="solid"
          />
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
            {MODES.find((mode) => mode.value === current)?.hint}
          </Typography.Paragraph>
          {!preferences.data.hasEmail && (
            <Alert type="warning" showIcon style={{ marginTop: 8 }} title="您的账户没有登记邮箱，邮件通知无法送达；请联系机构管理员补充邮箱。" />
          )}
        </>
      )}
    </Card>
  );
}
