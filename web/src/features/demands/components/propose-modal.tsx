import { Form, Input, Typography } from 'antd';
import { proposeSolution } from '../api/propose-solution.js';
import type { DemandDetail, ProposalInput } from '../types.js';
import { ActionFormModal } from './action-form-modal.js';
import { AchievementPicker, OrganizationPicker } from './pickers.js';
import type { DemandTarget } from './refuse-modal.js';
import type { RemoteOption } from './remote-select.js';

interface ProposalValues {
  achievementId?: string;
  partnerOrganizationId?: string;
  summary: string;
}

/** The demand, and the achievement to propose when the form opens from a recommendation (推荐成果). */
export type ProposeTarget = DemandTarget & { achievement?: RemoteOption };

/** 推荐方案: a published achievement and/or a partner organization, with how they solve the demand. */
export function ProposeModal({ target, onClose, onDone }: { target: ProposeTarget | undefined; onClose: () => void; onDone: (detail: DemandDetail) => void }) {
  const preset = target?.achievement;
  return (
    <ActionFormModal<ProposalValues>
      title={`推荐解决方案：${target?.title ?? ''}`}
      open={target !== undefined}
      okText="提交方案"
      width={640}
      initialValues={preset ? { achievementId: preset.value } : undefined}
      onClose={onClose}
      onSubmit={async (values) => {
        if (!target) return;
        const body: ProposalInput = {
          achievementId: values.achievementId ?? null,
          partnerOrganizationId: values.partnerOrganizationId ?? null,
          summary: values.summary.trim(),
        };
        onDone(await proposeSolution(target.id, body));
      }}
    >
      <Typography.Paragraph type="secondary">企业可以接受或婉拒方案；接受后需求进入“已匹配”。</Typography.Paragraph>
      <Form.Item
        label="推荐成果"
        name="achievementId"
        dependencies={['partnerOrganizationId']}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_rule, value: unknown) => {
              if (!value && !getFieldValue('partnerOrganizationId')) throw new Error('请选择推荐的成果或合作单位');
            },
          }),
        ]}
      >
        <AchievementPicker aria-label="推荐成果" placeholder="输入成果名称或关键词搜索" initialOptions={preset ? [preset] : undefined} />
      </Form.Item>
      <Form.Item label="合作单位" name="partnerOrganizationId" extra="可选：承担研发或提供技术的高校、院所或企业">
        <OrganizationPicker aria-label="合作单位" placeholder="输入单位名称搜索" />
      </Form.Item>
      <Form.Item
        label="方案说明"
        name="summary"
        rules={[
          { required: true, whitespace: true, message: '请填写方案说明' },
          { min: 2, message: '请填写方案说明' },
          { max: 2000, message: '方案说明不能超过 2000 个字符' },
        ]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder="方案如何满足需求的技术指标、合作方式和预计费用" />
      </Form.Item>
    </ActionFormModal>
  );
}
