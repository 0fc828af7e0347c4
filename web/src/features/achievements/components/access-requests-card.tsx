import { App, Button, Card, Empty, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { decideAccessRequest } from '../api/decide-access-request.js';
import { useAccessRequests } from '../api/list-access-requests.js';
import type { AccessDecision, AccessRequest } from '../types.js';

const statusText: Record<string, { label: string; color: string }> = {
  pending: { label: '待处理', color: 'gold' },
  granted: { label: '已同意', color: 'green' },
  refused: { label: '已拒绝', color: 'red' },
  revoked: { label: '已撤销', color: 'default' },
};

const decisionText: Record<AccessDecision, string> = { grant: '已同意', refuse: '已拒绝', revoke: '已撤销' };

/** The owner's list of NDA access requests, with 同意 / 拒绝 / 撤销. */
export function AccessRequestsCard({ achievementId }: { achievementId: string }) {
  const { message } = App.useApp();
  const list = useAccessRequests(achievementId);
  const [busy, setBusy] = useState<string | undefined>(undefined);

  const decide = async (request: AccessRequest, decision: AccessDecision) => {
    setBusy(request.id);
    try {
      await decideAccessRequest({ id: achievementId, requestId: request.id, decision });
      message.success(decisionText[decision]);
      list.reload();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Card title="查看申请" size="small">
      {list.error && <Empty description={list.error.detail} />}
      <Table<AccessRequest>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '暂无申请' }}
        columns={[
          { title: '申请单位', key: 'org', render: (_, row) => row.requesterOrganizationName ?? '个人用户' },
          { title: '申请说明', dataIndex: 'message', key: 'message', render: (value: string) => value || '—' },
          { title: '申请时间', key: 'createdAt', render: (_, row) => formatDateTime(row.createdAt) },
          {
            title: '状态',
            key: 'status',
            render: (_, row) => {
              const status = statusText[row.status];
              return <Tag color={status?.color}>{status?.label ?? row.status}</Tag>;
            },
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, row) => (
              <Space>
                {row.status === 'pending' && (
                  <>
                    <Button size="small" type="primary" loading={busy === row.id} onClick={() => decide(row, 'grant')}>
                      同意
                    </Button>
                    <Button size="small" danger disabled={busy === row.id} onClick={() => decide(row, 'refuse')}>
                      拒绝
                    </Button>
                  </>
                )}
                {row.status === 'granted' && (
                  <Button size="small" loading={busy === row.id} onClick={() => decide(row, 'revoke')}>
                    撤销
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
