import { Form, Input, Typography } from 'antd';
import { refuseDemand } from '../api/refuse-demand.js';
import type { DemandDetail, RefuseInput } from '../types.js';
import { ActionFormModal } from './action-form-modal.js';

export interface DemandTarget {
  id: string;
  title: string;
}

/** 拒绝承接: the claim ends with the reason and the demand goes back to the pool. */
export function RefuseModal({ target, onClose, onDone }: { target: DemandTarget | undefined; onClose: () => void; onDone: (detail: DemandDetail) => void }) {
  return (
    <ActionFormModal<RefuseInput>
      title={`拒绝承接：${target?.title ?? ''}`}
      open={target !== undefined}
      okText="确认拒绝"
      danger
      onClose={onClose}
      onSubmit={async (values) => target && onDone(await refuseDemand(target.id, { reason: values.reason.trim() }))}
    >
      <Typography.Paragraph type="secondary">拒绝后需求回到待认领，其他经纪人或机构可以认领。理由会记入需求的进展记录。</Typography.Paragraph>
      <Form.Item
        label="拒绝理由"
        name="reason"
        rules={[
          { required: true, whitespace: true, message: '请填写拒绝理由' },
          { min: 2, message: '请填写拒绝理由（至少 2 个字）' },
          { max: 500, message: '拒绝理由不能超过 500 个字符' },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：超出本机构服务领域" />
      </Form.Item>
    </ActionFormModal>
  );
}
