import { Alert, Checkbox, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../lib/api-client.js';
import { showFieldErrors } from '../../../lib/form-errors.js';
import { useRequestAccess } from '../api/request-access.js';

interface Values {
  message?: string;
  ndaAccepted?: boolean;
}

const NDA_TEXT =
  '申请人承诺：对通过本平台获得的该成果受限信息（包括创新点、技术经济指标、应用场景、知识产权、团队及附件等）严格保密，' +
  '仅用于评估与成果方的合作，不向任何第三方披露，不用于申请专利或其他与成果方利益冲突的用途；' +
  '合作未达成时，应删除或销毁已获得的受限信息。违反约定的，依法承担相应责任。';

/** 申请查看: the NDA text, a required consent checkbox and an optional note to the owner. */
export function RequestAccessModal({
  achievement,
  onClose,
  onRequested,
}: {
  achievement: { id: string; title: string } | undefined;
  onClose: () => void;
  onRequested: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const request = useRequestAccess();
  const [message, setMessage] = useState<string | undefined>(undefined);

  const handleOk = async () => {
    if (!achievement) return;
    setMessage(undefined);
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      await request.mutate({ id: achievement.id, message: values.message?.trim() ?? '', ndaAccepted: true });
      form.resetFields();
      onRequested();
    } catch (error) {
      if (isApiError(error)) {
        showFieldErrors(form, error.errors);
        setMessage(error.detail);
      } else {
        setMessage('申请失败，请稍后再试。');
      }
    }
  };

  return (
    <Modal
      title={`申请查看：${achievement?.title ?? ''}`}
      open={achievement !== undefined}
      okText="提交申请"
      cancelText="取消"
      okButtonProps={{ loading: request.isPending }}
      onOk={handleOk}
      onCancel={() => {
        setMessage(undefined);
        onClose();
      }}
      destroyOnHidden
      forceRender
    >
      {message && <Alert type="error" showIcon title={message} style={{ marginBottom: 16 }} />}
      <Typography.Title level={5}>保密协议</Typography.Title>
      <div
        style={{ padding: 12, background: '#fafafa', borderRadius: 6, marginBottom: 16, lineHeight: 1.8 }}
      >
        {NDA_TEXT}
      </div>
      <Form<Values> form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="ndaAccepted"
          valuePropName="checked"
          rules={[
            {
              validator: async (_rule, value: unknown) => {
                if (value !== true) throw new Error('请先阅读并同意保密协议');
              },
            },
          ]}
        >
          <Checkbox>我已阅读并同意保密协议</Checkbox>
        </Form.Item>
        <Form.Item label="申请说明" name="message" rules={[{ max: 500, message: '申请说明不能超过 500 个字符' }]}>
          <Input.TextArea rows={3} showCount maxLength={500} placeholder="简要说明贵单位的合作意向（可选）" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
