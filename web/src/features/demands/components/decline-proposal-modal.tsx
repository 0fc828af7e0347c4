import { Checkbox, Col, Form, Input, Row, Typography } from 'antd';
import { declineProposal } from '../api/decline-proposal.js';
import { DECLINE_REASONS, type DeclineReason } from '../codes.js';
import type { DeclineInput, DemandDetail, DemandProposal } from '../types.js';
import { ActionFormModal } from './action-form-modal.js';

interface DeclineValues {
  reasons: DeclineReason[];
  reasonText?: string;
}

export interface DeclineTarget {
  demandId: string;
  proposal: DemandProposal;
}

/** 婉拒方案 with structured reasons (analysed later, and by matching) and free text; 其他 needs the text. */
export function DeclineProposalModal({ target, onClose, onDone }: { target: DeclineTarget | undefined; onClose: () => void; onDone: (detail: DemandDetail) => void }) {
  const name = target?.proposal.achievementTitle ?? target?.proposal.partnerName ?? '推荐方案';
  return (
    <ActionFormModal<DeclineValues>
      title={`婉拒方案：${name}`}
      open={target !== undefined}
      okText="确认婉拒"
      danger
      initialValues={{ reasons: [] }}
      onClose={onClose}
      onSubmit={async (values) => {
        if (!target) return;
        const text = values.reasonText?.trim();
        const body: DeclineInput = { reasons: values.reasons, ...(text ? { reasonText: text } : {}) };
        onDone(await declineProposal(target.demandId, target.proposal.id, body));
      }}
    >
      <Typography.Paragraph type="secondary">原因会告知推荐方，并用于改进后续的匹配推荐。</Typography.Paragraph>
      <Form.Item label="婉拒原因" name="reasons" rules={[{ type: 'array', min: 1, required: true, message: '请至少选择一个原因' }]}>
        <Checkbox.Group style={{ width: '100%' }}>
          <Row gutter={[8, 8]}>
            {DECLINE_REASONS.map((reason) => (
              <Col key={reason.value} xs={12} sm={8}>
                <Checkbox value={reason.value}>{reason.label}</Checkbox>
              </Col>
            ))}
          </Row>
        </Checkbox.Group>
      </Form.Item>
      <Form.Item
        label="补充说明"
        name="reasonText"
        dependencies={['reasons']}
        rules={[
          { max: 1000, message: '补充说明不能超过 1000 个字符' },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: unknown) => {
              const reasons = getFieldValue('reasons') as DeclineReason[] | undefined;
              if (reasons?.includes('other') && !(typeof value === 'string' && value.trim())) throw new Error('选择“其他”时请填写补充说明');
            },
          }),
        ]}
      >
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </ActionFormModal>
  );
}
