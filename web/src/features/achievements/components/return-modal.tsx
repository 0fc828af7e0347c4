import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../lib/api-client.js';
import { showFieldErrors } from '../../../lib/form-errors.js';
import { useApiMutation } from '../../../lib/use-api.js';
import { returnAchievement } from '../api/return-achievement.js';
import { returnRevision } from '../api/return-revision.js';
import { FIELD_LABELS } from '../codes.js';
import type { AchievementDetail, ReturnInput } from '../types.js';

/** Fields a reviewer can point at (priceFen is the stored name of 价格; the form calls it price). */
export const reasonFieldOptions = Object.entries(FIELD_LABELS)
  .filter(([field]) => field !== 'priceFen')
  .map(([value, label]) => ({ value, label }));

interface ReturnValues {
  reasons: { field?: string; message?: string }[];
  comment?: string;
}

export interface ReturnTarget {
  id: string;
  title: string;
  /** `new`: a record waiting for its first publication; `revision`: a published record's pending changes. */
  kind: 'new' | 'revision';
}

/**
 * 退回 with reasons: any number of (field, message) pairs, which the owner sees beside those fields
 * of the form, plus an overall comment. At least one of them is required.
 */
export function ReturnModal({
  target,
  onClose,
  onReturned,
}: {
  target: ReturnTarget | undefined;
  onClose: () => void;
  onReturned: (detail: AchievementDetail) => void;
}) {
  const [form] = Form.useForm<ReturnValues>();
  const [message, setMessage] = useState<string | undefined>(undefined);
  const send = useApiMutation((input: { target: ReturnTarget; body: ReturnInput }) =>
    input.target.kind === 'revision' ? returnRevision(input.target.id, input.body) : returnAchievement(input.target.id, input.body),
  );

  const handleOk = async () => {
    if (!target) return;
    setMessage(undefined);
    let values: ReturnValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const reasons = (values.reasons ?? [])
      .filter((reason) => reason.field && reason.message?.trim())
      .map((reason) => ({ field: reason.field ?? '', message: reason.message?.trim() ?? '' }));
    const comment = values.comment?.trim() || undefined;
    if (reasons.length === 0 && !comment) {
      setMessage('请至少填写一条退回理由或审核意见');
      return;
    }
    try {
      const detail = await send.mutate({ target, body: { reasons, comment } });
      form.resetFields();
      onReturned(detail);
    } catch (error) {
      if (isApiError(error)) {
        const unmatched = showFieldErrors(form, error.errors);
        setMessage([error.detail, ...unmatched.map((item) => item.message)].join(' '));
      } else {
        setMessage('退回失败，请稍后再试。');
      }
    }
  };

  return (
    <Modal
      title={target ? `退回${target.kind === 'revision' ? '修改' : ''}：${target.title}` : '退回'}
      open={target !== undefined}
      okText="确认退回"
      okButtonProps={{ danger: true, loading: send.isPending }}
      cancelText="取消"
      onOk={handleOk}
      onCancel={() => {
        setMessage(undefined);
        onClose();
      }}
      destroyOnHidden
      forceRender
      width={640}
    >
      {message && <Alert type="error" showIcon title={message} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">
        逐字段说明需要修改的内容，成果方会在表单对应字段旁看到这些理由。
      </Typography.Paragraph>
      <Form<ReturnValues> form={form} layout="vertical" preserve={false} initialValues={{ reasons: [{}] }}>
        <Form.List name="reasons">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} style={{ marginBottom: 16 }}>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} align="start" wrap>
                  <Form.Item
                    name={[field.name, 'field']}
                    rules={[{ required: true, message: '请选择字段' }]}
                    style={{ marginBottom: 0, flex: '0 0 160px' }}
                  >
                    <Select
                      aria-label={`第 ${index + 1} 条理由的字段`}
                      placeholder="字段"
                      options={reasonFieldOptions}
                      showSearch={{ optionFilterProp: 'label' }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'message']}
                    rules={[
                      { required: true, whitespace: true, message: '请填写理由' },
                      { max: 500, message: '退回理由不能超过 500 个字符' },
                    ]}
                    style={{ marginBottom: 0, flex: '1 1 240px' }}
                  >
                    <Input aria-label={`第 ${index + 1} 条理由`} placeholder="需要修改的内容" maxLength={500} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={`删除第 ${index + 1} 条理由`}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: 'flex-start' }}>
                添加理由
              </Button>
            </Flex>
          )}
        </Form.List>
        <Form.Item label="审核意见" name="comment" rules={[{ max: 1000, message: '审核意见不能超过 1000 个字符' }]}>
          <Input.TextArea rows={3} showCount maxLength={1000} placeholder="整体说明（可选）" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
