import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../lib/api-client.js';
import { showFieldErrors } from '../../../lib/form-errors.js';
import { useChangePassword } from '../api/change-password.js';
import { passwordPolicyRule, sameAsRule } from '../form-rules.js';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  newPasswordConfirm: string;
}

export function ChangePasswordCard() {
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const change = useChangePassword();
  const [error, setError] = useState<string | undefined>(undefined);

  const handleFinish = async (values: PasswordValues) => {
    setError(undefined);
    try {
      await change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.resetFields();
      message.success('密码已修改');
    } catch (caught) {
      if (isApiError(caught)) {
        showFieldErrors(form, caught.errors);
        setError(caught.detail);
      } else {
        setError('修改失败，请稍后再试。');
      }
    }
  };

  return (
    <Card title="修改密码">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={handleFinish} style={{ maxWidth: 420 }}>
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请填写当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          rules={[{ required: true, message: '请填写新密码' }, passwordPolicyRule]}
          extra="至少 8 位，不能全为数字"
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="newPasswordConfirm"
          dependencies={['newPassword']}
          rules={[{ required: true, message: '请再次输入新密码' }, sameAsRule(['newPassword'])]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          修改密码
        </Button>
      </Form>
    </Card>
  );
}
