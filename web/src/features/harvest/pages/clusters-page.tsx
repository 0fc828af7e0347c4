import { Alert, App, Button, Card, Checkbox, Empty, Flex, Input, List, Pagination, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { pathTo } from '../../../app/routes.js';
import { errorMessage } from '../../../lib/api-client.js';
import { mergeClusters, splitCluster, useClusters } from '../api/clusters.js';
import { SourceTag } from '../components/source-tag.js';
import { CLUSTER_METHOD_LABELS, type HarvestCluster } from '../types.js';

function ClusterCard({ cluster, onChanged }: { cluster: HarvestCluster; onChanged: () => void }) {
  const { message } = App.useApp();
  const [picked, setPicked] = useState<string[]>([]);
  const [other, setOther] = useState('');
  const key = (m: HarvestCluster['members'][number]) => `${m.memberType}:${m.memberId}`;

  const split = async () => {
    const members = cluster.members.filter((m) => picked.includes(key(m))).map((m) => ({ memberType: m.memberType, memberId: m.memberId }));
    try {
      await splitCluster(cluster.id, members);
      message.success('已拆分');
      setPicked([]);
      onChanged();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  const merge = async () => {
    try {
      const r = await mergeClusters(cluster.id, other.trim());
      message.success(`已合并 ${r.moved} 条记录`);
      setOther('');
      onChanged();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <Card
      size="small"
      title={
        <Space>
          <span>聚类 {cluster.id.slice(0, 8)}</span>
          <Tag>{CLUSTER_METHOD_LABELS[cluster.method] ?? cluster.method}</Tag>
          {cluster.isReviewed && <Tag color="success">已人工确认</Tag>}
        </Space>
      }
      extra={<Typography.Text copyable={{ text: cluster.id }} type="secondary">复制 ID</Typography.Text>}
    >
      <Checkbox.Group value={picked} onChange={(v) => setPicked(v as string[])} style={{ width: '100%' }}>
        <List
          size="small"
          dataSource={cluster.members}
          renderItem={(m) => (
            <List.Item>
              <Flex gap={8} align="center" wrap>
                <Checkbox value={key(m)} />
                {m.memberType === 'achievement' ? <Link to={pathTo.achievement(m.memberId)}>{m.title}</Link> : <Link to={pathTo.harvestedRecord(m.memberId)}>{m.title}</Link>}
                {m.memberType === 'achievement' ? <Tag color="green">本平台</Tag> : <SourceTag peerName={m.sourceName} sourceIdentifier={m.sourceIdentifier ?? undefined} />}
                {m.isDeleted && <Tag color="red">来源已删除</Tag>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {CLUSTER_METHOD_LABELS[m.method] ?? m.method}
                  {m.score !== null && m.method === 'similarity' ? ` ${Math.round(m.score * 100)}%` : ''}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </Checkbox.Group>
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        <Button size="small" disabled={!picked.length || picked.length >= cluster.members.length} onClick={split}>
          拆出所选（{picked.length}）
        </Button>
        <Input size="small" style={{ width: 320 }} placeholder="另一聚类的 ID" value={other} onChange={(e) => setOther(e.target.value)} />
        <Button size="small" disabled={!other.trim()} onClick={merge}>
          并入本类
        </Button>
      </Flex>
    </Card>
  );
}

/** 重复成果: the same achievement on several platforms, one cluster listing every source; split or merge. */
export function ClustersPage() {
  const [page, setPage] = useState(1);
  const list = useClusters({ page, pageSize: 20 });
  return (
    <Card title="重复成果聚类" extra={<Button onClick={list.reload}>刷新</Button>}>
      {list.error && <Alert type="error" showIcon message={list.error.detail} style={{ marginBottom: 16 }} />}
      {list.isLoading && !list.data ? (
        <Spin />
      ) : list.data?.items.length ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          {list.data.items.map((c) => (
            <ClusterCard key={c.id} cluster={c} onChanged={list.reload} />
          ))}
          <Pagination current={page} pageSize={20} total={list.data.total} onChange={setPage} />
        </Space>
      ) : (
        <Empty description="暂无重复成果" />
      )}
    </Card>
  );
}
