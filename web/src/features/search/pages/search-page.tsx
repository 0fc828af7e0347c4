import { FilterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Drawer, Empty, Flex, Grid, Pagination, Select, Skeleton, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { latestSearchParams } from '../../../lib/latest-search-params.js';
import { PublicAntd } from '../../achievements/components/public-antd.js';
import { SaveSearchButton } from '../../matching/components/save-search-button.js';
import { useSearchRecords } from '../api/search-records.js';
import { ActiveFilterTags } from '../components/active-filter-tags.js';
import { FacetPanel } from '../components/facet-panel.js';
import { highlightCss } from '../components/highlighted.js';
import { HotSearches } from '../components/hot-searches.js';
import { SearchBox } from '../components/search-box.js';
import { SearchHitCard } from '../components/search-hit-card.js';
import {
  clearedFilters,
  countFilters,
  DEFAULT_SEARCH_PAGE_SIZE,
  parseSearchParams,
  SEARCH_PAGE_SIZES,
  SEARCH_SORTS,
  SEARCH_TYPES,
  toSearchString,
  typeLabel,
  withoutDefaults,
} from '../search-params.js';
import type { SearchParams, SearchResponse, SearchSort, SearchType } from '../types.js';

/** Reads and writes the search in the URL; every change but paging goes back to page 1. */
function useSearchState() {
  const [searchParams, setSearchParams] = useSearchParams();
  const params = parseSearchParams(searchParams);
  const update = (patch: Partial<SearchParams>, keepPage = false) => {
    const next = withoutDefaults({ ...parseSearchParams(latestSearchParams()), ...patch, ...(keepPage ? {} : { page: undefined }) });
    setSearchParams(toSearchString(next), { preventScrollReset: keepPage });
  };
  return { params, update };
}

function tookText(ms: number): string {
  return ms < 10 ? `${Math.max(ms, 0.1).toFixed(1)} 毫秒` : `${Math.round(ms)} 毫秒`;
}

/** 共 N 条 · 用时, and the words the query was split into (检索词). */
function ResultSummary({ data, type }: { data: SearchResponse | undefined; type: SearchType }) {
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <div role="status" style={{ color: 'rgba(0,0,0,0.65)' }}>
        {data ? `共 ${data.total} 条${typeLabel(type)}，用时 ${tookText(data.tookMs)}` : ''}
      </div>
      {data && data.tokens.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          检索词：{data.tokens.join('、')}
        </Typography.Text>
      )}
    </Flex>
  );
}

function NoResults({
  params,
  type,
  hasSource,
  hasFilters,
  onClear,
}: {
  params: SearchParams;
  type: SearchType;
  hasSource: boolean;
  hasFilters: boolean;
  onClear: () => void;
}) {
  if (!hasSource) return <Empty description={`${typeLabel(type)}栏目即将开放，暂无可检索的内容`} />;
  const what = params.q ? `没有找到与「${params.q}」相关的${typeLabel(type)}` : `暂无符合条件的${typeLabel(type)}`;
  return (
    <Empty
      description={
        <Flex vertical gap={4} align="center">
          <span>{what}</span>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            建议检查输入是否有误、换用更常见的说法，或减少筛选条件
          </Typography.Text>
        </Flex>
      }
    >
      {hasFilters && <Button onClick={onClear}>清空筛选</Button>}
    </Empty>
  );
}

function SearchBrowser() {
  const { params, update } = useSearchState();
  const type = params.type ?? 'achievement';
  const pageSize = params.pageSize ?? DEFAULT_SEARCH_PAGE_SIZE;
  const results = useSearchRecords(params);
  const data = results.data;
  const screens = Grid.useBreakpoint();
  const isNarrow = screens.md !== true;
  const [isDrawerOpen, setDrawerOpen] = useState(false);

  const activeCount = countFilters(params);
  const clearFilters = () => update(clearedFilters());
  // Another kind of record has other facets: switching keeps only the text and the order.
  const switchType = (next: SearchType) => update({ ...clearedFilters(), type: next });

  const facetPanel = data ? (
    <FacetPanel facets={data.facets} params={params} onChange={(patch) => update(patch)} />
  ) : (
    <Skeleton active paragraph={{ rows: 8 }} title={false} />
  );

  return (
    <Flex vertical gap={16}>
      <style>{highlightCss}</style>
      <Flex vertical gap={8} style={{ maxWidth: 760, width: '100%', margin: '0 auto' }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 24, textAlign: 'center' }}>
          科惠检索
        </Typography.Title>
        <SearchBox value={params.q ?? ''} onSearch={(q) => update({ q: q || undefined })} />
        {!params.q && <HotSearches type={type} />}
      </Flex>

      <Tabs
        activeKey={type}
        onChange={(key) => switchType(key as SearchType)}
        items={SEARCH_TYPES.map((option) => ({
          key: option.value,
          label: (
            <span>
              {option.label}
              <span style={{ marginInlineStart: 6, color: 'rgba(0,0,0,0.45)' }}>{data?.typeCounts[option.value] ?? 0}</span>
            </span>
          ),
        }))}
        style={{ marginBottom: -16 }}
      />

      <Flex gap={16} align="start">
        {!isNarrow && (
          <Card
            size="small"
            title="筛选"
            style={{ flex: '0 0 260px' }}
            extra={
              activeCount > 0 ? (
                <Button type="link" size="small" onClick={clearFilters}>
                  清空
                </Button>
              ) : null
            }
          >
            <aside aria-label="筛选">{facetPanel}</aside>
          </Card>
        )}

        <Flex vertical gap={12} style={{ flex: 1, minWidth: 0 }} aria-busy={results.isLoading}>
          <Flex justify="space-between" align="center" gap={12} wrap>
            <ResultSummary data={data} type={type} />
            <Flex gap={8} wrap>
              <SaveSearchButton params={params} />
              {isNarrow && (
                <Button icon={<FilterOutlined />} onClick={() => setDrawerOpen(true)} aria-haspopup="dialog">
                  筛选{activeCount > 0 ? ` ${activeCount}` : ''}
                </Button>
              )}
              <Select<SearchSort>
                aria-label="排序"
                value={params.sort ?? 'relevance'}
                options={SEARCH_SORTS}
                onChange={(value) => update({ sort: value })}
                style={{ width: 140 }}
              />
            </Flex>
          </Flex>

          <ActiveFilterTags params={params} facets={data?.facets} onChange={(patch) => update(patch)} />

          {results.error && (
            <Alert
              type="error"
              showIcon
              title={results.error.detail}
              action={
                <Button size="small" onClick={results.reload}>
                  重试
                </Button>
              }
            />
          )}
          {results.isLoading && !data && <Skeleton active paragraph={{ rows: 6 }} />}
          {data && data.items.length === 0 && (
            <Card>
              <NoResults
                params={params}
                type={type}
                hasSource={type in data.typeCounts}
                hasFilters={activeCount > 0}
                onClear={clearFilters}
              />
            </Card>
          )}
          <ol
            aria-label="检索结果"
            style={{
              listStyle: 'none',
              margin: 0,
              padding: 0,
              display: 'flex',
              flexDirection: 'column',
              gap: 12,
              opacity: results.isLoading && data ? 0.6 : 1,
            }}
          >
            {data?.items.map((hit) => (
              <li key={`${hit.type}:${hit.id}`}>
                <SearchHitCard hit={hit} />
              </li>
            ))}
          </ol>
          {data && data.total > 0 && (
            <Pagination
              align="center"
              current={data.page}
              pageSize={pageSize}
              // The server pages through the first 500 pages only.
              total={Math.min(data.total, 500 * pageSize)}
              pageSizeOptions={SEARCH_PAGE_SIZES.map(String)}
              showSizeChanger
              showLessItems
              onChange={(page, size) => {
                update({ page: size === pageSize ? page : 1, pageSize: size }, true);
                window.scrollTo({ top: 0 });
              }}
            />
          )}
        </Flex>
      </Flex>

      {isNarrow && (
        <Drawer
          title="筛选"
          placement="right"
          size="85%"
          open={isDrawerOpen}
          onClose={() => setDrawerOpen(false)}
          footer={
            <Flex gap={8}>
              <Button onClick={clearFilters} disabled={activeCount === 0}>
                清空
              </Button>
              <Button type="primary" block onClick={() => setDrawerOpen(false)}>
                查看 {data?.total ?? 0} 条结果
              </Button>
            </Flex>
          }
        >
          <aside aria-label="筛选">{facetPanel}</aside>
        </Drawer>
      )}
    </Flex>
  );
}

/**
 * 科惠检索: one box over achievements, demands and organizations, with type tabs, facet counts,
 * highlighted matches and the order of choice. Everything is in the URL, so a search can be shared.
 */
export function SearchPage() {
  return (
    <PublicAntd>
      <SearchBrowser />
    </PublicAntd>
  );
}
