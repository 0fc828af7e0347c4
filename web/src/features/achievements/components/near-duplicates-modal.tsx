import { Alert, Empty, Modal, Skeleton, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { pathTo } from '../../../app/routes.js';
import { useNearDuplicates } from '../api/list-near-duplicates.js';
import { statusColors, statusLabel } from '../format.js';
import type { AchievementStatus, NearDuplicate } from '../types.js';

/** The other organizations' records whose titles look like this one's. */
export function NearDuplicatesModal({ record, onClose }: { record: { id: string; title: string } | undefined; onClose: () => void }) {
  const list = useNearDuplicates(record?.id ?? null);
  return (
    <Modal title={`疑似重复：${record?.title ?? ''}`} open={record !== undefined} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      {list.error && <Alert type="error" showIcon title={list.error.detail} />}
      {list.isLoading && <Skeleton active />}
      {list.data && list.data.items.length === 0 && <Empty description="没有疑似重复的成果" />}
      {list.data && list.data.items.length > 0 && (
        <Table<NearDuplicate>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={list.data.items}
          columns={[
            {
              title: '成果名称',
              key: 'title',
              render: (_, row) => (
                <Link to={pathTo.achievement(row.id)} target="_blank">
                  {row.title}
                </Link>
              ),
            },
            { title: '所属单位', dataIndex: 'ownerName', key: 'ownerName' },
            {
              title: '状态',
              key: 'status',
              render: (_, row) => <Tag color={statusColors[row.status as AchievementStatus]}>{statusLabel(row.status)}</Tag>,
            },
            { title: '名称相似度', key: 'similarity', render: (_, row) => `${Math.round(row.similarity * 100)}%` },
          ]}
        />
      )}
    </Modal>
  );
}
