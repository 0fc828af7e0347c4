import { Alert, Button, Flex, Form, Input, Select, Steps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { AntdConfig } from '../../../app/antd-config.js';
import { paths } from '../../../app/routes.js';
import { isApiError } from '../../../lib/api-client.js';
import { type FieldPath, showFieldErrors, toFieldPath } from '../../../lib/form-errors.js';
import { organizationTypeLabels, selfRegisterableOrganizationTypes } from '../../../lib/glossary.js';
import { RegionPicker } from '../../regions/components/region-picker.js';
import { useSignUpOrganization } from '../api/sign-up-organization.js';
import {
  creditCodeRule,
  emailRule,
  mobileRule,
  optionalText,
  passwordPolicyRule,
  sameAsRule,
} from '../form-rules.js';
import { useSession } from '../session/session-context.js';
import type { SignUpOrganizationInput } from '../types.js';

interface WizardValues {
  organization: {
    name: string;
    creditCode: string;
    type: SignUpOrganizationInput['organization']['type'];
    regionCode: string;
    address: string;
    contactName: string;
    contactPhone: string;
    contactEmail?: string;
  };
  admin: { name: string; mobile?: string; email?: string; password: string };
  passwordConfirm: string;
}

// Each step lists the fields it holds, so "下一步" validates just those and a server error on any
// field brings the wizard back to the step where that field is.
const steps: { title: string; fields: FieldPath[] }[] = [
  {
    title: '机构信息',
    fields: [
      ['organization', 'name'],
      ['organization', 'creditCode'],
      ['organization', 'type'],
      ['organization', 'regionCode'],
      ['organization', 'address'],
    ],
  },
  {
    title: '联系人',
    fields: [
      ['organization', 'contactName'],
      ['organization', 'contactPhone'],
      ['organization', 'contactEmail'],
    ],
  },
  {
    title: '管理员账号',
    fields: [['admin', 'name'], ['admin', 'mobile'], ['admin', 'email'], ['admin', 'password'], ['passwordConfirm']],
  },
];
const lastStep = steps.length - 1;

function stepOf(name: FieldPath): number | undefined {
  const key = name.join('.');
  const index = steps.findIndex((step) => step.fields.some((field) => field.join('.') === key));
  return index < 0 ? undefined : index;
}

function toInput(values: WizardValues): SignUpOrganizationInput {
  const { organization, admin } = values;
  return {
    organization: {
      name: organization.name.trim(),
      creditCode: organization.creditCode.trim(),
      type: organization.type,
      regionCode: organization.regionCode,
      address: organization.address.trim(),
      contactName: organization.contactName.trim(),
      contactPhone: organization.contactPhone.trim(),
      contactEmail: optionalText(organization.contactEmail),
    },
    admin: {
      name: admin.name.trim(),
      mobile: optionalText(admin.mobile),
      email: optionalText(admin.email),
      password: admin.password,
    },
  };
}

const typeOptions = selfRegisterableOrganizationTypes.map((type) => ({
  value: type,
  label: organizationTypeLabels[type],
}));

/**
 * Organization registration in three steps: the organization, its contact, its first admin
 * account. Everything stays in one form, so nothing typed is lost when going back or when the
 * server rejects a field.
 */
function SignUpOrganizationWizard() {
  const [form] = Form.useForm<WizardValues>();
  const [current, setCurrent] = useState(0);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const signUp = useSignUpOrganization();
  const { refresh } = useSession();
  const navigate = useNavigate();

  const goNext = async () => {
    try {
      await form.validateFields(steps[current]?.fields ?? []);
      setCurrent((step) => Math.min(step + 1, lastStep));
    } catch {
      // antd shows the messages beside the fields.
    }
  };

  const handleFinish = async (values: WizardValues) => {
    setMessage(undefined);
    try {
      await signUp.mutate(toInput(values));
      await refresh();
      navigate(paths.workspace, { replace: true });
    } catch (error) {
      if (!isApiError(error)) {
        setMessage('提交失败，请稍后再试。');
        return;
      }
      const unmatched = showFieldErrors(form, error.errors, (path) => {
        const name = toFieldPath(path);
        return stepOf(name) === undefined ? undefined : name;
      });
      const firstStep = error.errors
        .map((item) => stepOf(toFieldPath(item.path)))
        .find((step) => step !== undefined);
      if (firstStep !== undefined) setCurrent(firstStep);
      setMessage([error.detail, ...unmatched.map((item) => item.message)].join(' '));
    }
  };

  const handleFinishFailed = ({ errorFields }: { errorFields: { name: FieldPath }[] }) => {
    const first = errorFields.map((field) => stepOf(field.name)).find((step) => step !== undefined);
    if (first !== undefined) setCurrent(first);
  };

  return (
    <section className="kh-panel" style={{ maxWidth: 720, margin: '0 auto' }} aria-labelledby="sign-up-title">
      <h1 id="sign-up-title" className="kh-title">
        机构注册
      </h1>
      <p className="kh-secondary">注册后由平台运营方或所在地科技管理部门审核，审核通过前可以登录并完善信息。</p>
      <Steps
        current={current}
        items={steps.map((step) => ({ title: step.title }))}
        style={{ marginBottom: 24 }}
        responsive
      />
      {message && <Alert type="error" showIcon title={message} style={{ marginBottom: 16 }} />}
      <Form<WizardValues>
        form={form}
        layout="vertical"
        onFinish={handleFinish}
        onFinishFailed={handleFinishFailed}
        scrollToFirstError
      >
        <div hidden={current !== 0}>
          <Form.Item
            label="机构名称"
            name={['organization', 'name']}
            rules={[{ required: true, whitespace: true, message: '请填写机构名称' }, { max: 100 }]}
          >
            <Input autoComplete="organization" />
          </Form.Item>
          <Form.Item
            label="统一社会信用代码"
            name={['organization', 'creditCode']}
            rules={[{ required: true, whitespace: true, message: '请填写统一社会信用代码' }, creditCodeRule]}
            normalize={(value: string) => value.toUpperCase()}
            extra="18 位，见营业执照或法人登记证书"
          >
            <Input maxLength={18} autoComplete="off" spellCheck={false} />
          </Form.Item>
          <Form.Item label="机构类型" name={['organization', 'type']} rules={[{ required: true, message: '请选择机构类型' }]}>
            <Select options={typeOptions} placeholder="请选择" />
          </Form.Item>
          <Form.Item
            label="所在地区"
            name={['organization', 'regionCode']}
            rules={[{ required: true, message: '请选择所在地区' }]}
          >
            <RegionPicker />
          </Form.Item>
          <Form.Item
            label="详细地址"
            name={['organization', 'address']}
            rules={[{ required: true, whitespace: true, message: '请填写详细地址' }, { max: 200 }]}
          >
            <Input autoComplete="street-address" />
          </Form.Item>
        </div>

        <div hidden={current !== 1}>
          <Form.Item
            label="联系人姓名"
            name={['organization', 'contactName']}
            rules={[{ required: true, whitespace: true, message: '请填写联系人姓名' }, { max: 50 }]}
          >
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item
            label="联系电话"
            name={['organization', 'contactPhone']}
            rules={[
              { required: true, whitespace: true, message: '请填写联系电话' },
              { pattern: /^[0-9+\-\s()]{7,20}$/, message: '联系电话格式不正确' },
            ]}
          >
            <Input autoComplete="tel" inputMode="tel" />
          </Form.Item>
          <Form.Item label="联系邮箱" name={['organization', 'contactEmail']} rules={[emailRule]}>
            <Input autoComplete="email" inputMode="email" />
          </Form.Item>
        </div>

        <div hidden={current !== 2}>
          <p className="kh-secondary">该账号将成为机构管理员，手机号和邮箱至少填写一项，用于登录。</p>
          <Form.Item
            label="管理员姓名"
            name={['admin', 'name']}
            rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50 }]}
          >
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item
            label="手机号"
            name={['admin', 'mobile']}
            dependencies={[['admin', 'email']]}
            rules={[
              mobileRule,
              ({ getFieldValue }) => ({
                validator: async (_rule, value: unknown) => {
                  const email: unknown = getFieldValue(['admin', 'email']);
                  const hasMobile = typeof value === 'string' && value.trim() !== '';
                  const hasEmail = typeof email === 'string' && email.trim() !== '';
                  if (!hasMobile && !hasEmail) throw new Error('手机号和邮箱至少填写一项');
                },
              }),
            ]}
          >
            <Input autoComplete="tel" inputMode="tel" />
          </Form.Item>
          <Form.Item label="邮箱" name={['admin', 'email']} rules={[emailRule]}>
            <Input autoComplete="email" inputMode="email" />
          </Form.Item>
          <Form.Item
            label="登录密码"
            name={['admin', 'password']}
            rules={[{ required: true, message: '请设置密码' }, passwordPolicyRule]}
            extra="至少 8 位，不能全为数字"
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认密码"
            name="passwordConfirm"
            dependencies={[['admin', 'password']]}
            rules={[{ required: true, message: '请再次输入密码' }, sameAsRule(['admin', 'password'])]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </div>

        <Flex gap={12} justify="space-between" wrap>
          <Button onClick={() => setCurrent((step) => Math.max(step - 1, 0))} disabled={current === 0}>
            上一步
          </Button>
          {/* Distinct keys: if React reused the 下一步 element as the submit button, the click that
              reaches the last step would also submit the form. */}
          {current < lastStep ? (
            <Button key="next" type="primary" onClick={goNext}>
              下一步
            </Button>
          ) : (
            <Button key="submit" type="primary" htmlType="submit" loading={signUp.isPending}>
              提交注册
            </Button>
          )}
        </Flex>
      </Form>
      <p style={{ margin: '16px 0 0' }}>
        已有账号？<Link to={paths.signIn}>直接登录</Link>
      </p>
    </section>
  );
}

export function SignUpOrganizationPage() {
  return (
    <AntdConfig>
      <SignUpOrganizationWizard />
    </AntdConfig>
  );
}
