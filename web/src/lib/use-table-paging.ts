import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';

/**
 * Page and page size of a table whose rows come a page at a time from the server; a change of
 * page size goes back to page 1. `pagination(total)` is the table's `pagination` prop.
 */
export function useTablePaging(initialPageSize = 20) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const pagination = (total: number | undefined): TablePaginationConfig => ({
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    showTotal: (count) => `共 ${count} 项`,
    onChange: (nextPage, nextSize) => {
      setPage(nextSize === pageSize ? nextPage : 1);
      setPageSize(nextSize);
    },
  });
  return { page, pageSize, setPage, pagination };
}
