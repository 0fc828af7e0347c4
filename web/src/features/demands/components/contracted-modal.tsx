import { Form, Input } from 'antd';
import { markContracted } from '../api/mark-contracted.js';
import type { ContractedInput, DemandDetail } from '../types.js';
import { ActionFormModal } from './action-form-modal.js';
import type { DemandTarget } from './refuse-modal.js';

/** 登记签约: the contract number or its technology-contract registration number. */
export function ContractedModal({ target, onClose, onDone }: { target: DemandTarget | undefined; onClose: () => void; onDone: (detail: DemandDetail) => void }) {
  return (
    <ActionFormModal<ContractedInput>
      title={`登记签约：${target?.title ?? ''}`}
      open={target !== undefined}
      okText="确认签约"
      onClose={onClose}
      onSubmit={async (values) => {
        if (!target) return;
        const note = values.note?.trim();
        onDone(await markContracted(target.id, { contractRef: values.contractRef.trim(), ...(note ? { note } : {}) }));
      }}
    >
      <Form.Item
        label="合同编号"
        name="contractRef"
        extra="合同编号或技术合同登记号"
        rules={[
          { required: true, whitespace: true, message: '请填写合同编号或登记号' },
          { max: 100, message: '合同编号不能超过 100 个字符' },
        ]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label="说明" name="note" rules={[{ max: 1000, message: '说明不能超过 1000 个字符' }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </ActionFormModal>
  );
}
