import { Form, Input, Typography } from 'antd';
import { matchDemand } from '../api/match-demand.js';
import type { DemandDetail, MatchInput } from '../types.js';
import { ActionFormModal } from './action-form-modal.js';
import { AchievementPicker, OrganizationPicker } from './pickers.js';
import type { DemandTarget } from './refuse-modal.js';

interface MatchValues {
  achievementIds?: string[];
  organizationIds?: string[];
  note?: string;
}

/** 登记匹配: the achievements and partner organizations the demand was matched with. */
export function MatchModal({ target, onClose, onDone }: { target: DemandTarget | undefined; onClose: () => void; onDone: (detail: DemandDetail) => void }) {
  return (
    <ActionFormModal<MatchValues>
      title={`登记匹配：${target?.title ?? ''}`}
      open={target !== undefined}
      okText="确认匹配"
      width={640}
      onClose={onClose}
      onSubmit={async (values) => {
        if (!target) return;
        const note = values.note?.trim();
        const body: MatchInput = { achievementIds: values.achievementIds ?? [], organizationIds: values.organizationIds ?? [], ...(note ? { note } : {}) };
        onDone(await matchDemand(target.id, body));
      }}
    >
      <Typography.Paragraph type="secondary">至少关联一项成果或一个合作单位，需求进入“已匹配”。</Typography.Paragraph>
      <Form.Item
        label="匹配成果"
        name="achievementIds"
        dependencies={['organizationIds']}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_rule, value: unknown) => {
              const organizations = getFieldValue('organizationIds') as string[] | undefined;
              if ((!Array.isArray(value) || value.length === 0) && !organizations?.length) throw new Error('请至少关联一项成果或一个合作单位');
            },
          }),
        ]}
      >
        <AchievementPicker mode="multiple" aria-label="匹配成果" placeholder="输入成果名称或关键词搜索" />
      </Form.Item>
      <Form.Item label="合作单位" name="organizationIds">
        <OrganizationPicker mode="multiple" aria-label="合作单位" placeholder="输入单位名称搜索" />
      </Form.Item>
      <Form.Item label="说明" name="note" rules={[{ max: 1000, message: '说明不能超过 1000 个字符' }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </ActionFormModal>
  );
}
