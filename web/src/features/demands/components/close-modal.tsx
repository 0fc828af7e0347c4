import { Form, Input, Radio, Space } from 'antd';
import { closeDemand } from '../api/close-demand.js';
import { CLOSE_REASONS } from '../codes.js';
import type { CloseInput, DemandDetail } from '../types.js';
import { ActionFormModal } from './action-form-modal.js';
import type { DemandTarget } from './refuse-modal.js';

/** 关闭需求: solved, withdrawn by the enterprise or expired, with a comment. */
export function CloseModal({ target, onClose, onDone }: { target: DemandTarget | undefined; onClose: () => void; onDone: (detail: DemandDetail) => void }) {
  return (
    <ActionFormModal<CloseInput>
      title={`关闭需求：${target?.title ?? ''}`}
      open={target !== undefined}
      okText="确认关闭"
      danger
      onClose={onClose}
      onSubmit={async (values) => {
        if (!target) return;
        const comment = values.comment?.trim();
        onDone(await closeDemand(target.id, { reason: values.reason, ...(comment ? { comment } : {}) }));
      }}
    >
      <Form.Item label="关闭原因" name="reason" rules={[{ required: true, message: '请选择关闭原因' }]}>
        <Radio.Group>
          <Space wrap>
            {CLOSE_REASONS.map((reason) => (
              <Radio key={reason.value} value={reason.value}>
                {reason.label}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item label="关闭说明" name="comment" rules={[{ max: 1000, message: '关闭说明不能超过 1000 个字符' }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder="如：已与某高校签订技术开发合同" />
      </Form.Item>
    </ActionFormModal>
  );
}
