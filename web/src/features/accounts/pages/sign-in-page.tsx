import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { AntdConfig } from '../../../app/antd-config.js';
import { paths } from '../../../app/routes.js';
import { isApiError } from '../../../lib/api-client.js';
import { safeNextPath, showFieldErrors } from '../../../lib/form-errors.js';
import { useSignIn } from '../api/sign-in.js';
import { useSession } from '../session/session-context.js';
import type { SignInInput } from '../types.js';

/** Sign-in with a mobile number or email address; returns to `?next=` afterwards. */
function SignInForm() {
  const [form] = Form.useForm<SignInInput>();
  const { session, refresh } = useSession();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'), paths.workspace);
  const signIn = useSignIn();
  const [message, setMessage] = useState<string | undefined>(undefined);

  if (session?.user && !signIn.isPending) return <Navigate to={next} replace />;

  const handleFinish = async (values: SignInInput) => {
    setMessage(undefined);
    try {
      await signIn.mutate(values);
      await refresh();
      navigate(next, { replace: true });
    } catch (error) {
      if (isApiError(error)) {
        showFieldErrors(form, error.errors);
        // Wrong password, lockout, disabled account: the server's sentence says which.
        setMessage(error.detail);
      } else {
        setMessage('登录失败，请稍后再试。');
      }
    }
  };

  return (
    <section className="kh-panel" style={{ maxWidth: 420, margin: '24px auto' }} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title" className="kh-title">
        登录科惠
      </h1>
      {message && <Alert type="error" showIcon title={message} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={handleFinish} requiredMark={false} disabled={signIn.isPending}>
        <Form.Item
          label="手机号或邮箱"
          name="login"
          rules={[{ required: true, whitespace: true, message: '请填写手机号或邮箱' }]}
        >
          <Input autoComplete="username" inputMode="email" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请填写密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
          登录
        </Button>
      </Form>
      <p style={{ margin: '16px 0 0' }}>
        还没有账号？<Link to={paths.signUpOrganization}>注册机构</Link>
      </p>
    </section>
  );
}

export function SignInPage() {
  return (
    <AntdConfig>
      <SignInForm />
    </AntdConfig>
  );
}
