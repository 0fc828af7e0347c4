import { Form, Select, Typography } from 'antd';
import { grantContact } from '../api/grant-contact.js';
import type { DemandDetail, GrantContactInput } from '../types.js';
import { ActionFormModal } from './action-form-modal.js';

/** The claimant organizations of a demand that do not hold a live grant yet. */
export function grantableOrganizations(detail: DemandDetail): { value: string; label: string }[] {
  const granted = new Set((detail.grants ?? []).filter((grant) => !grant.revokedAt).map((grant) => grant.granteeOrganizationId));
  const options = new Map<string, string>();
  for (const claim of detail.claims ?? []) {
    if (!granted.has(claim.organizationId)) options.set(claim.organizationId, claim.organizationName);
  }
  return [...options].map(([value, label]) => ({ value, label }));
}

/** 授权查看联系方式: the enterprise lets one claimant organization see its contact person. */
export function GrantContactModal({ detail, onClose, onDone }: { detail: DemandDetail | undefined; onClose: () => void; onDone: (detail: DemandDetail) => void }) {
  const options = detail ? grantableOrganizations(detail) : [];
  return (
    <ActionFormModal<GrantContactInput>
      title="授权查看联系方式"
      open={detail !== undefined}
      okText="授权"
      initialValues={{ organizationId: options.length === 1 ? options[0]?.value : undefined }}
      onClose={onClose}
      onSubmit={async (values) => detail && onDone(await grantContact(detail.id, values))}
    >
      <Typography.Paragraph type="secondary">
        被授权的机构可以看到本需求的联系人、电话和邮箱，授权可随时撤销。授权与撤销均记入审计日志。
      </Typography.Paragraph>
      <Form.Item label="授权机构" name="organizationId" rules={[{ required: true, message: '请选择授权对象' }]}>
        <Select options={options} placeholder="认领过本需求的机构" notFoundContent="暂无可授权的认领机构" />
      </Form.Item>
    </ActionFormModal>
  );
}
