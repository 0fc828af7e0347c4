import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select, Typography } from 'antd';
import { returnDemand } from '../api/return-demand.js';
import { DEMAND_FIELD_LABELS } from '../format.js';
import type { DemandDetail } from '../types.js';
import { ActionFormModal } from './action-form-modal.js';
import type { DemandTarget } from './refuse-modal.js';

const fieldOptions = Object.entries(DEMAND_FIELD_LABELS).map(([value, label]) => ({ value, label }));

interface ReturnValues {
  reasons: { field?: string; message?: string }[];
  comment?: string;
}

/**
 * 退回 with reasons: (field, message) pairs the enterprise sees beside those fields of its form,
 * plus an overall comment. At least one of them is required.
 */
export function ReturnDemandModal({ target, onClose, onDone }: { target: DemandTarget | undefined; onClose: () => void; onDone: (detail: DemandDetail) => void }) {
  return (
    <ActionFormModal<ReturnValues>
      title={`退回需求：${target?.title ?? ''}`}
      open={target !== undefined}
      okText="确认退回"
      danger
      width={640}
      initialValues={{ reasons: [{}] }}
      onClose={onClose}
      onSubmit={async (values) => {
        if (!target) return;
        const reasons = (values.reasons ?? [])
          .filter((reason) => reason.field && reason.message?.trim())
          .map((reason) => ({ field: reason.field ?? '', message: reason.message?.trim() ?? '' }));
        const comment = values.comment?.trim() || undefined;
        onDone(await returnDemand(target.id, { reasons, ...(comment ? { comment } : {}) }));
      }}
    >
      {(form) => (
        <>
          <Typography.Paragraph type="secondary">逐字段说明需要修改的内容，企业会在表单对应字段旁看到这些理由。</Typography.Paragraph>
          <Form.List
            name="reasons"
            rules={[
              {
                validator: async (_rule, reasons: ReturnValues['reasons'] | undefined) => {
                  const filled = (reasons ?? []).some((reason) => reason.field && reason.message?.trim());
                  if (!filled && !String(form.getFieldValue('comment') ?? '').trim()) throw new Error('请至少填写一条退回理由或审核意见');
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Flex vertical gap={8} style={{ marginBottom: 16 }}>
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={8} align="start" wrap>
                    <Form.Item name={[field.name, 'field']} style={{ marginBottom: 0, flex: '0 0 150px' }}>
                      <Select aria-label={`第 ${index + 1} 条理由的字段`} placeholder="字段" options={fieldOptions} showSearch={{ optionFilterProp: 'label' }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'message']}
                      rules={[{ max: 500, message: '退回理由不能超过 500 个字符' }]}
                      style={{ marginBottom: 0, flex: '1 1 240px' }}
                    >
                      <Input aria-label={`第 ${index + 1} 条理由`} placeholder="需要修改的内容" maxLength={500} />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} aria-label={`删除第 ${index + 1} 条理由`} onClick={() => remove(field.name)} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: 'flex-start' }}>
                  添加理由
                </Button>
                <Form.ErrorList errors={errors} />
              </Flex>
            )}
          </Form.List>
          <Form.Item label="审核意见" name="comment" rules={[{ max: 1000, message: '审核意见不能超过 1000 个字符' }]}>
            <Input.TextArea rows={3} showCount maxLength={1000} placeholder="整体说明（可选）" />
          </Form.Item>
        </>
      )}
    </ActionFormModal>
  );
}
