import { FilterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Form, Grid, Input, Pagination, Skeleton, Tag, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { QueryState } from './use-api.js';
import { latestSearchParams } from './latest-search-params.js';

// The scaffolding of the public, filterable record lists (科技成果, 需求大厅): filters in the URL,
// a search box with a filter toggle on narrow screens, the chosen filters as removable tags and a
// page of cards. Which filters there are, and the cards, stay in the features.

/**
 * Reads and writes a list's filters in the URL; every change but paging goes back to page 1.
 * `toSearchString` gets the params with the empty ones already dropped by `withoutEmpty`.
 */
export function useUrlListParams<P extends { page?: number }>(codec: {
  parse: (search: URLSearchParams) => P;
  withoutEmpty: (params: P) => P;
  toSearchString: (params: P) => string;
}) {
  const [searchParams, setSearchParams] = useSearchParams();
  const params = codec.parse(searchParams);
  const update = (patch: Partial<P>, keepPage = false) => {
    const next = codec.withoutEmpty({ ...codec.parse(latestSearchParams()), ...patch, ...(keepPage ? {} : { page: undefined }) });
    setSearchParams(codec.toSearchString(next), { preventScrollReset: keepPage });
  };
  /** Clears the given filter keys (not sort or paging). */
  const clear = (keys: readonly (keyof P)[]) => {
    const cleared: Partial<P> = {};
    for (const key of keys) cleared[key] = undefined;
    update(cleared);
  };
  return { params, update, clear };
}

export function FilterItem({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Col xs={24} sm={12} lg={8}>
      <Form.Item label={label} style={{ marginBottom: 12 }}>
        {children}
      </Form.Item>
    </Col>
  );
}

/**
 * The search box and, below it, the filters; on narrow screens the filters fold behind a 筛选
 * button that counts the active ones. `filtersId` names the folding block for aria-controls.
 */
export function FilterCard({
  searchLabel,
  placeholder,
  q,
  onSearch,
  filtersId,
  activeCount,
  children,
}: {
  searchLabel: string;
  placeholder: string;
  q: string | undefined;
  onSearch: (q: string | undefined) => void;
  filtersId: string;
  activeCount: number;
  children: ReactNode;
}) {
  const isNarrow = Grid.useBreakpoint().md !== true;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [query, setQuery] = useState(q ?? '');
  useEffect(() => setQuery(q ?? ''), [q]);
  return (
    <Card size="small" styles={{ body: { padding: isNarrow ? 12 : 16 } }}>
      <Flex vertical gap={12}>
        <Flex gap={8}>
          <Input.Search
            aria-label={searchLabel}
            placeholder={placeholder}
            allowClear
            enterButton="搜索"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onSearch={(value) => onSearch(value.trim() || undefined)}
            style={{ flex: 1 }}
          />
          {isNarrow && (
            <Button icon={<FilterOutlined />} aria-expanded={filtersOpen} aria-controls={filtersId} onClick={() => setFiltersOpen((open) => !open)}>
              筛选{activeCount > 0 ? ` ${activeCount}` : ''}
            </Button>
          )}
        </Flex>
        <div id={filtersId} hidden={isNarrow && !filtersOpen}>
          {children}
        </div>
      </Flex>
    </Card>
  );
}

/** One-of filter as checkable tags with 全部 first (重点领域). */
export function CheckableTagFilter<V extends string>({
  label,
  labelId,
  options,
  value,
  onChange,
}: {
  label: string;
  labelId: string;
  options: readonly { value: V; label: string }[];
  value: V | undefined;
  onChange: (value: V | undefined) => void;
}) {
  return (
    <Flex gap={8} align="baseline" style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary" style={{ flex: '0 0 auto' }} id={labelId}>
        {label}
      </Typography.Text>
      <Flex gap={4} wrap role="group" aria-labelledby={labelId}>
        <Tag.CheckableTag checked={!value} onChange={() => onChange(undefined)}>
          全部
        </Tag.CheckableTag>
        {options.map((option) => (
          <Tag.CheckableTag key={option.value} checked={value === option.value} onChange={(checked) => onChange(checked ? option.value : undefined)}>
            {option.label}
          </Tag.CheckableTag>
        ))}
      </Flex>
    </Flex>
  );
}

export interface ActiveFilterTag<P> {
  key: string;
  text: string;
  /** What removing the tag sets. */
  patch: Partial<P>;
}

/** The chosen filters as closable tags, with 清空筛选; nothing when none is chosen. */
export function ActiveFilterTagList<P>({
  tags,
  onRemove,
  onClear,
}: {
  tags: readonly ActiveFilterTag<P>[];
  onRemove: (patch: Partial<P>) => void;
  onClear: () => void;
}) {
  if (tags.length === 0) return null;
  return (
    <Flex gap={8} wrap align="center" aria-label="已选筛选条件">
      {tags.map((tag) => (
        <Tag key={tag.key} closable onClose={() => onRemove(tag.patch)} color="blue" style={{ marginInlineEnd: 0 }}>
          {tag.text}
        </Tag>
      ))}
      <Button type="link" size="small" onClick={onClear}>
        清空筛选
      </Button>
    </Flex>
  );
}

/**
 * A page of records as cards, with the count (共 N 项{noun}), a toolbar on its right, and paging;
 * a change of page size goes back to page 1.
 */
export function PagedCards<T extends { id: string }>({
  list,
  pageSize,
  pageSizes,
  noun,
  emptyText,
  toolbar,
  renderCard,
  onPageChange,
}: {
  list: QueryState<{ items: T[]; total: number; page: number }>;
  pageSize: number;
  pageSizes: readonly number[];
  noun: string;
  emptyText: string;
  toolbar?: ReactNode;
  renderCard: (record: T) => ReactNode;
  onPageChange: (page: number, pageSize: number) => void;
}) {
  const data = list.data;
  return (
    <Flex vertical gap={12} aria-busy={list.isLoading}>
      {list.error && <Alert type="error" showIcon title={list.error.detail} action={<Button size="small" onClick={list.reload}>重试</Button>} />}
      <Flex justify="space-between" align="center" gap={12} wrap>
        <div role="status" style={{ color: 'rgba(0,0,0,0.55)' }}>
          {data ? `共 ${data.total} 项${noun}` : ''}
        </div>
        {toolbar}
      </Flex>
      {list.isLoading && !data && <Skeleton active paragraph={{ rows: 6 }} />}
      {data && data.items.length === 0 && <Empty description={emptyText} />}
      <div style={{ opacity: list.isLoading && data ? 0.6 : 1, display: 'flex', flexDirection: 'column', gap: 12 }}>
        {data?.items.map(renderCard)}
      </div>
      {data && data.total > 0 && (
        <Pagination
          align="center"
          current={data.page}
          pageSize={pageSize}
          total={data.total}
          pageSizeOptions={pageSizes.map(String)}
          showSizeChanger
          showLessItems
          onChange={(page, size) => onPageChange(size === pageSize ? page : 1, size)}
        />
      )}
    </Flex>
  );
}
