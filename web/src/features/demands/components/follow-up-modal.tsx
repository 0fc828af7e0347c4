import { Col, Form, Input, Row, Select, Typography } from 'antd';
import { shanghaiToday } from '../../../lib/format-time.js';
import { addFollowUp } from '../api/add-follow-up.js';
import { FOLLOW_UP_KINDS } from '../codes.js';
import { optionsOf } from '../format.js';
import type { DemandDetail, FollowUpInput } from '../types.js';
import { ActionFormModal } from './action-form-modal.js';
import type { DemandTarget } from './refuse-modal.js';

interface FollowUpValues {
  kind: FollowUpInput['kind'];
  happenedOn: string;
  notes: string;
  nextStepOn?: string;
}

/**
 * 跟进记录: how and when the claimant worked on the demand and the next step's date. The first
 * entry moves the demand to 对接中 and meets the 48-hour promise.
 */
export function FollowUpModal({
  target,
  isFirst,
  onClose,
  onDone,
}: {
  target: DemandTarget | undefined;
  /** Whether this would be the first follow-up (the one the 48-hour clock waits for). */
  isFirst: boolean;
  onClose: () => void;
  onDone: (detail: DemandDetail) => void;
}) {
  const today = shanghaiToday();
  return (
    <ActionFormModal<FollowUpValues>
      title={`添加跟进：${target?.title ?? ''}`}
      open={target !== undefined}
      okText="保存跟进"
      initialValues={{ kind: 'call', happenedOn: today }}
      onClose={onClose}
      onSubmit={async (values) => {
        if (!target) return;
        const body: FollowUpInput = {
          kind: values.kind,
          happenedOn: values.happenedOn,
          notes: values.notes.trim(),
          nextStepOn: values.nextStepOn || null,
        };
        onDone(await addFollowUp(target.id, body));
      }}
    >
      {isFirst && (
        <Typography.Paragraph type="secondary">这是首次跟进：保存后需求进入“对接中”，48 小时响应计时停止。</Typography.Paragraph>
      )}
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item label="跟进方式" name="kind" rules={[{ required: true, message: '请选择跟进方式' }]}>
            <Select options={optionsOf(FOLLOW_UP_KINDS)} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="跟进日期" name="happenedOn" rules={[{ required: true, message: '请选择跟进日期' }]}>
            <Input type="date" max={today} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label="跟进内容"
        name="notes"
        rules={[
          { required: true, whitespace: true, message: '请填写跟进内容' },
          { min: 2, message: '请填写跟进内容' },
          { max: 2000, message: '跟进内容不能超过 2000 个字符' },
        ]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder="沟通了什么、企业的反馈、已推荐的成果或专家" />
      </Form.Item>
      <Form.Item label="下次跟进日期" name="nextStepOn" extra="到期前会出现在“我的认领”的待跟进列表中">
        <Input type="date" min={today} />
      </Form.Item>
    </ActionFormModal>
  );
}
