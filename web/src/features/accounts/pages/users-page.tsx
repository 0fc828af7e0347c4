import { Alert, App, Button, Card, Flex, Input, Popconfirm, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { type Role, roleLabels, roles } from '../../../lib/glossary.js';
import { useUsers } from '../api/list-users.js';
import { useSetUserStatus } from '../api/set-user-status.js';
import { RoleEditModal } from '../components/role-edit-modal.js';
import { RoleTags } from '../components/role-tags.js';
import type { UserRecord } from '../types.js';

const roleFilterOptions = roles.map((role) => ({ value: role, label: roleLabels[role] }));

/**
 * Users within the caller's scope (all for the operator, a region for 科技管理部门, one's own
 * organization for its admin). Editing roles and disabling accounts appear only where the row's
 * `allowedActions` say so, i.e. for the operator.
 */
export function UsersPage() {
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<UserRecord | undefined>(undefined);
  const list = useUsers({ q: q || undefined, role, page, pageSize });
  const setStatus = useSetUserStatus();

  const toggleStatus = async (user: UserRecord) => {
    const status = user.status === 'active' ? 'disabled' : 'active';
    try {
      await setStatus.mutate({ userId: user.id, status });
      message.success(status === 'active' ? `已启用：${user.name}` : `已停用：${user.name}`);
      list.reload();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const columns: TableColumnsType<UserRecord> = [
    { title: '姓名', dataIndex: 'name', key: 'name' },
    { title: '手机号', key: 'mobile', render: (_, row) => row.mobile ?? '—' },
    { title: '邮箱', key: 'email', render: (_, row) => row.email ?? '—' },
    { title: '所属机构', key: 'organization', render: (_, row) => row.organization?.name ?? '—' },
    { title: '角色', key: 'roles', render: (_, row) => <RoleTags roles={row.roles} /> },
    {
      title: '状态',
      key: 'status',
      render: (_, row) => (row.status === 'active' ? <Tag color="green">正常</Tag> : <Tag>已停用</Tag>),
    },
    { title: '注册时间', key: 'createdAt', render: (_, row) => formatDateTime(row.createdAt) },
    {
      title: '操作',
      key: 'actions',
      fixed: 'end',
      render: (_, row) => (
        <Space>
          {row.allowedActions.includes('setRoles') && (
            <Button size="small" onClick={() => setEditing(row)}>
              编辑角色
            </Button>
          )}
          {row.allowedActions.includes('setStatus') && (
            <Popconfirm
              title={row.status === 'active' ? `停用 ${row.name} 的账号？` : `启用 ${row.name} 的账号？`}
              description={row.status === 'active' ? '停用后该账号立即无法登录。' : undefined}
              okText="确定"
              cancelText="取消"
              onConfirm={() => toggleStatus(row)}
            >
              <Button size="small" danger={row.status === 'active'}>
                {row.status === 'active' ? '停用' : '启用'}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        用户与角色
      </Typography.Title>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            aria-label="搜索用户"
            placeholder="姓名、手机号或邮箱"
            allowClear
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
            style={{ width: 280, maxWidth: '100%' }}
          />
          <Select<Role>
            aria-label="按角色筛选"
            placeholder="按角色筛选"
            allowClear
            options={roleFilterOptions}
            value={role}
            onChange={(value) => {
              setRole(value);
              setPage(1);
            }}
            style={{ width: 180 }}
          />
        </Flex>
        {list.error && <Alert type="error" showIcon title={list.error.detail} style={{ marginBottom: 16 }} />}
        <Table<UserRecord>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 人`,
            onChange: (nextPage, nextSize) => {
              setPage(nextSize === pageSize ? nextPage : 1);
              setPageSize(nextSize);
            },
          }}
        />
      </Card>
      <RoleEditModal
        user={editing}
        onClose={() => setEditing(undefined)}
        onSaved={(user) => {
          setEditing(undefined);
          message.success(`已更新 ${user.name} 的角色`);
          list.reload();
        }}
      />
    </Flex>
  );
}
