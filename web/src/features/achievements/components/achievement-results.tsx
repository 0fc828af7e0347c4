import type { ReactNode } from 'react';
import { PagedCards } from '../../../lib/list-browser.js';
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
  return (
    <PagedCards
      list={list}
      pageSize={pageSize}
      pageSizes={PAGE_SIZES}
      noun="成果"
      emptyText={emptyText}
      toolbar={toolbar}
      renderCard={(record) => <AchievementCard key={record.id} record={record} />}
      onPageChange={onPageChange}
    />
  );
}
