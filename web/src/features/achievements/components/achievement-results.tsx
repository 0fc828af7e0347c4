import { Alert, Button, Empty, Flex, Pagination, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useAchievements } from '../api/list-achievements.js';
import { DEFAULT_PAGE_SIZE, PAGE_SIZES } from '../list-params.js';
import type { AchievementListParams } from '../types.js';
import { AchievementCard } from './achievement-card.js';

/** A page of published records as cards, with paging. `params` null waits (nothing chosen yet). */
export function AchievementResults({
  params,
  onPageChange,
  emptyText = '没有符合条件的成果',
  toolbar,
}: {
  params: AchievementListParams | null;
  onPageChange: (page: number, pageSize: number) => void;
  emptyText?: string;
  /** Shown on the right of the count (e.g. the sort order). */
  toolbar?: ReactNode;
}) {
  const pageSize = params?.pageSize ?? DEFAULT_PAGE_SIZE;
  const list = useAchievements(params === null ? null : { ...params, pageSize });
  const data = list.data;

  return (
    <Flex vertical gap={12} aria-busy={list.isLoading}>
      {list.error && <Alert type="error" showIcon title={list.error.detail} action={<Button size="small" onClick={list.reload}>重试</Button>} />}
      <Flex justify="space-between" align="center" gap={12} wrap>
        <div role="status" style={{ color: 'rgba(0,0,0,0.55)' }}>
          {data ? `共 ${data.total} 项成果` : ''}
        </div>
        {toolbar}
      </Flex>
      {list.isLoading && !data && <Skeleton active paragraph={{ rows: 6 }} />}
      {data && data.items.length === 0 && <Empty description={emptyText} />}
      <div style={{ opacity: list.isLoading && data ? 0.6 : 1, display: 'flex', flexDirection: 'column', gap: 12 }}>
        {data?.items.map((record) => (
          <AchievementCard key={record.id} record={record} />
        ))}
      </div>
      {data && data.total > 0 && (
        <Pagination
          align="center"
          current={data.page}
          pageSize={pageSize}
          total={data.total}
          pageSizeOptions={PAGE_SIZES.map(String)}
          showSizeChanger
          showLessItems
          onChange={(page, size) => onPageChange(size === pageSize ? page : 1, size)}
        />
      )}
    </Flex>
  );
}
