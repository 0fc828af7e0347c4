import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex, Form, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../../../lib/api-client.js';
import { type FieldPath, showFieldErrors } from '../../../lib/form-errors.js';
import { type Role, roleLabels, roles } from '../../../lib/glossary.js';
import { RegionPicker } from '../../regions/components/region-picker.js';
import { useSetUserRoles } from '../api/set-user-roles.js';
import type { RoleAssignmentInput, UserRecord } from '../types.js';

interface RoleFormValues {
  roles: Role[];
  /** One entry per region the user administers as 科技管理部门 (gov_admin). */
  govRegions: { regionCode?: string }[];
}

const roleOptions = roles.map((role) => ({ value: role, label: roleLabels[role] }));

function toFormValues(user: UserRecord): RoleFormValues {
  const govRegions = user.roles
    .filter((grant) => grant.role === 'gov_admin')
    .map((grant) => ({ regionCode: grant.regionCode ?? undefined }));
  return {
    roles: [...new Set(user.roles.map((grant) => grant.role))],
    govRegions: govRegions.length > 0 ? govRegions : [{}],
  };
}

/** Roles in the order they are sent: other roles first, then one gov_admin per region. */
function toAssignments(values: RoleFormValues): RoleAssignmentInput[] {
  const others = values.roles.filter((role) => role !== 'gov_admin').map((role) => ({ role }));
  if (!values.roles.includes('gov_admin')) return others;
  const gov = values.govRegions.map((entry) => ({ role: 'gov_admin' as const, regionCode: entry.regionCode }));
  return [...others, ...gov];
}

/** Operator dialog to replace a user's roles; 科技管理部门 needs the region(s) it governs. */
export function RoleEditModal({
  user,
  onClose,
  onSaved,
}: {
  user: UserRecord | undefined;
  onClose: () => void;
  onSaved: (user: UserRecord) => void;
}) {
  const [form] = Form.useForm<RoleFormValues>();
  const setRoles = useSetUserRoles();
  const [message, setMessage] = useState<string | undefined>(undefined);
  const selected = Form.useWatch('roles', form);
  const isGov = selected?.includes('gov_admin') ?? false;

  useEffect(() => {
    if (user) {
      form.setFieldsValue(toFormValues(user));
      setMessage(undefined);
    }
  }, [user, form]);

  const handleOk = async () => {
    if (!user) return;
    setMessage(undefined);
    let values: RoleFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const assignments = toAssignments(values);
    const firstGovIndex = assignments.findIndex((assignment) => assignment.role === 'gov_admin');
    try {
      onSaved(await setRoles.mutate({ userId: user.id, roles: assignments }));
    } catch (error) {
      if (!isApiError(error)) {
        setMessage('保存失败，请稍后再试。');
        return;
      }
      // `roles.3.regionCode` is the region of the (3 - firstGovIndex)-th gov_admin entry.
      const unmatched = showFieldErrors(form, error.errors, (path): FieldPath | undefined => {
        const match = /^roles\.(\d+)\.regionCode$/.exec(path);
        if (match && firstGovIndex >= 0) return ['govRegions', Number(match[1]) - firstGovIndex, 'regionCode'];
        if (path === 'roles' || path.startsWith('roles.')) return ['roles'];
        return undefined;
      });
      setMessage([error.detail, ...unmatched.map((item) => item.message)].join(' '));
    }
  };

  return (
    <Modal
      title={`编辑角色：${user?.name ?? ''}`}
      open={user !== undefined}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: setRoles.isPending }}
      onOk={handleOk}
      onCancel={onClose}
      forceRender
    >
      {message && <Alert type="error" showIcon title={message} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical">
        <Form.Item label="角色" name="roles">
          <Checkbox.Group options={roleOptions} />
        </Form.Item>
        {isGov && (
          <Form.List name="govRegions">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={8} align="start">
                    <Form.Item
                      label={index === 0 ? '管辖地区' : undefined}
                      name={[field.name, 'regionCode']}
                      rules={[{ required: true, message: '科技管理部门角色必须指定管辖地区' }]}
                      style={{ flex: 1, marginBottom: 8 }}
                    >
                      <RegionPicker aria-label={index === 0 ? undefined : `管辖地区 ${index + 1}`} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        aria-label={`删除管辖地区 ${index + 1}`}
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        style={{ marginTop: index === 0 ? 30 : 0 }}
                      />
                    )}
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                  添加管辖地区
                </Button>
              </Flex>
            )}
          </Form.List>
        )}
      </Form>
    </Modal>
  );
}
