import { Form, Input, Typography } from 'antd';
import { dispatchDemand } from '../api/dispatch-demand.js';
import type { DemandDetail, DispatchInput } from '../types.js';
import { ActionFormModal } from './action-form-modal.js';
import { BrokerPicker, ServiceInstitutionPicker } from './pickers.js';
import type { DemandTarget } from './refuse-modal.js';

interface DispatchValues {
  organizationId: string;
  userId?: string;
  note?: string;
}

/** 派发: to a verified service institution, optionally to one of its brokers, who then has 48 hours. */
export function DispatchModal({ target, onClose, onDone }: { target: DemandTarget | undefined; onClose: () => void; onDone: (detail: DemandDetail) => void }) {
  return (
    <ActionFormModal<DispatchValues>
      title={`派发需求：${target?.title ?? ''}`}
      open={target !== undefined}
      okText="确认派发"
      onClose={onClose}
      onSubmit={async (values) => {
        if (!target) return;
        const note = values.note?.trim();
        const body: DispatchInput = { organizationId: values.organizationId, ...(values.userId ? { userId: values.userId } : {}), ...(note ? { note } : {}) };
        onDone(await dispatchDemand(target.id, body));
      }}
    >
      {(form) => (
        <>
          <Typography.Paragraph type="secondary">承接机构收到通知后须在 48 小时内首次跟进。</Typography.Paragraph>
          <Form.Item label="承接机构" name="organizationId" rules={[{ required: true, message: '请选择承接机构' }]}>
            <ServiceInstitutionPicker
              aria-label="承接机构"
              placeholder="已认证的技术转移服务机构"
              onChange={() => form.setFieldValue('userId', undefined)}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['organizationId']}>
            {({ getFieldValue }) => (
              <Form.Item label="技术经纪人" name="userId" extra="可选：指定该机构的一名经纪人负责">
                <BrokerPicker aria-label="技术经纪人" placeholder="该机构的经纪人" organizationId={getFieldValue('organizationId') as string | undefined} />
              </Form.Item>
            )}
          </Form.Item>
          <Form.Item label="派发说明" name="note" rules={[{ max: 500, message: '派发说明不能超过 500 个字符' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </>
      )}
    </ActionFormModal>
  );
}
