import { Alert, Empty, Skeleton, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../../lib/format-time.js';
import { useVersions } from '../api/list-versions.js';
import { ChangeList } from './change-list.js';

/** Published versions, newest first, each with what changed from the one before. */
export function VersionHistory({ id }: { id: string }) {
  const versions = useVersions(id);
  if (versions.error) return <Alert type="error" showIcon title={versions.error.detail} />;
  if (!versions.data) return <Skeleton active />;
  const items = [...versions.data.items].sort((a, b) => b.version - a.version);
  if (items.length === 0) return <Empty description="尚未发布过版本" />;
  return (
    <Timeline
      items={items.map((entry, index) => ({
        key: entry.version,
        color: index === 0 ? 'green' : 'gray',
        content: (
          <section aria-label={`第 ${entry.version} 版`}>
            <Typography.Text strong>第 {entry.version} 版</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              发布于 {formatDateTime(entry.publishedAt)}
            </Typography.Text>
            <div style={{ marginTop: 8 }}>
              {index === items.length - 1 ? (
                <Typography.Text type="secondary">首次发布</Typography.Text>
              ) : (
                <ChangeList changes={entry.changes} emptyText="本版没有公开内容的变化" />
              )}
            </div>
          </section>
        ),
      }))}
    />
  );
}
