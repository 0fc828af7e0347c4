import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../lib/api-client.js';
import { showFieldErrors } from '../../../lib/form-errors.js';
import { useRejectOrganization } from '../api/reject-organization.js';
import type { Organization } from '../types.js';

interface RejectValues {
  reason: string;
}

/** Asks for the reason (the applicant reads it) before rejecting an organization's registration. */
export function RejectOrganizationModal({
  organization,
  onClose,
  onRejected,
}: {
  organization: Organization | undefined;
  onClose: () => void;
  onRejected: (organization: Organization) => void;
}) {
  const [form] = Form.useForm<RejectValues>();
  const reject = useRejectOrganization();
  const [message, setMessage] = useState<string | undefined>(undefined);

  const handleOk = async () => {
    if (!organization) return;
    setMessage(undefined);
    let values: RejectValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      const result = await reject.mutate({ id: organization.id, reason: values.reason.trim() });
      form.resetFields();
      onRejected(result);
    } catch (error) {
      if (isApiError(error)) {
        showFieldErrors(form, error.errors);
        setMessage(error.detail);
      } else {
        setMessage('驳回失败，请稍后再试。');
      }
    }
  };

  return (
    <Modal
      title={`驳回机构注册：${organization?.name ?? ''}`}
      open={organization !== undefined}
      okText="确认驳回"
      okButtonProps={{ danger: true, loading: reject.isPending }}
      cancelText="取消"
      onOk={handleOk}
      onCancel={() => {
        setMessage(undefined);
        onClose();
      }}
      destroyOnHidden
      forceRender
    >
      {message && <Alert type="error" showIcon title={message} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          label="驳回理由"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写驳回理由' },
            { max: 500, message: '驳回理由不能超过 500 个字符' },
          ]}
          extra="申请机构将看到这段说明，请写明需要补正的内容。"
        >
          <Input.TextArea rows={4} showCount maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
