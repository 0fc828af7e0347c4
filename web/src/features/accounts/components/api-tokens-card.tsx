import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Popconfirm, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { showFieldErrors } from '../../../lib/form-errors.js';
import { type CreatedApiToken, useCreateApiToken } from '../api/create-api-token.js';
import { useDeleteApiToken } from '../api/delete-api-token.js';
import { useApiTokens } from '../api/list-api-tokens.js';
import type { ApiToken, TokenScope } from '../types.js';

interface TokenValues {
  name: string;
  scopes: TokenScope[];
  expiresInDays?: number | null;
}

const scopeLabels: Record<string, string> = { read: '读取', write: '写入' };
const scopeOptions: { value: TokenScope; label: string }[] = [
  { value: 'read', label: '读取' },
  { value: 'write', label: '写入' },
];

/** Personal API tokens for machine clients (`Authorization: Bearer …`); a secret is shown once. */
export function ApiTokensCard() {
  const { message } = App.useApp();
  const [form] = Form.useForm<TokenValues>();
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useDeleteApiToken();
  const [created, setCreated] = useState<CreatedApiToken | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  const handleCreate = async (values: TokenValues) => {
    setError(undefined);
    try {
      const token = await create.mutate({
        name: values.name.trim(),
        scopes: values.scopes,
        expiresInDays: values.expiresInDays ?? undefined,
      });
      setCreated(token);
      form.resetFields();
      tokens.reload();
    } catch (caught) {
      if (isApiError(caught)) {
        showFieldErrors(form, caught.errors);
        setError(caught.detail);
      } else {
        setError('创建失败，请稍后再试。');
      }
    }
  };

  const handleRevoke = async (token: ApiToken) => {
    try {
      await revoke.mutate(token.id);
      message.success(`已撤销令牌：${token.name}`);
      tokens.reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };

  const columns: TableColumnsType<ApiToken> = [
    { title: '名称', dataIndex: 'name', key: 'name' },
    { title: '前缀', key: 'prefix', render: (_, row) => <Typography.Text code>{row.prefix}…</Typography.Text> },
    {
      title: '权限',
      key: 'scopes',
      render: (_, row) => row.scopes.map((scope) => <Tag key={scope}>{scopeLabels[scope] ?? scope}</Tag>),
    },
    { title: '创建时间', key: 'createdAt', render: (_, row) => formatDateTime(row.createdAt) },
    { title: '到期时间', key: 'expiresAt', render: (_, row) => (row.expiresAt ? formatDateTime(row.expiresAt) : '长期有效') },
    { title: '最近使用', key: 'lastUsedAt', render: (_, row) => formatDateTime(row.lastUsedAt) },
    {
      title: '操作',
      key: 'actions',
      render: (_, row) =>
        row.revokedAt ? (
          <Tag>已撤销</Tag>
        ) : (
          <Popconfirm
            title={`撤销令牌「${row.name}」？`}
            description="撤销后使用该令牌的程序将立即无法访问。"
            okText="撤销"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => handleRevoke(row)}
          >
            <Button size="small" danger>
              撤销
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card title="API 令牌">
      <Typography.Paragraph type="secondary">
        供程序调用平台接口使用，请求时携带请求头 <Typography.Text code>Authorization: Bearer 令牌</Typography.Text>。
      </Typography.Paragraph>
      {created && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setCreated(undefined) }}
          style={{ marginBottom: 16 }}
          title={`令牌「${created.name}」已创建，请立即复制保存，它只显示这一次。`}
          description={
            <Typography.Paragraph copyable={{ text: created.token }} code style={{ marginBottom: 0, wordBreak: 'break-all' }}>
              {created.token}
            </Typography.Paragraph>
          }
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<TokenValues> form={form} layout="vertical" onFinish={handleCreate} initialValues={{ scopes: ['read'] }}>
        <Flex gap={12} wrap align="end">
          <Form.Item
            label="令牌名称"
            name="name"
            rules={[{ required: true, whitespace: true, message: '请填写令牌名称' }, { max: 50 }]}
            style={{ minWidth: 200, flex: 1 }}
          >
            <Input placeholder="如 数据同步程序" />
          </Form.Item>
          <Form.Item label="权限范围" name="scopes" rules={[{ required: true, message: '至少选择一个权限范围' }]}>
            <Checkbox.Group options={scopeOptions} />
          </Form.Item>
          <Form.Item label="有效天数" name="expiresInDays" extra="留空为长期有效">
            <InputNumber min={1} max={3650} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              创建令牌
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      {tokens.error && <Alert type="error" showIcon title={tokens.error.detail} style={{ marginBottom: 16 }} />}
      <Table<ApiToken>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={tokens.data?.items ?? []}
        loading={tokens.isLoading}
        scroll={{ x: 'max-content' }}
        pagination={false}
        locale={{ emptyText: '还没有 API 令牌' }}
      />
    </Card>
  );
}
