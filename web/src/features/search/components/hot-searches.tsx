import { Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useHotSearches } from '../api/get-hot-searches.js';
import { searchHref } from '../search-params.js';
import type { SearchType } from '../types.js';

/** 热门搜索: the last 7 days' most frequent queries, as links; nothing while there are none. */
export function HotSearches({ type }: { type: SearchType }) {
  const hot = useHotSearches(true);
  const items = hot.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <nav aria-label="热门搜索">
      <Flex gap="4px 12px" wrap align="baseline">
        <Typography.Text type="secondary">热门搜索：</Typography.Text>
        {items.map((item) => (
          <Link key={item.query} to={searchHref({ q: item.query, type })}>
            {item.query}
          </Link>
        ))}
      </Flex>
    </nav>
  );
}
