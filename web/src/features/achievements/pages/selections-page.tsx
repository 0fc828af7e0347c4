import { Alert, Empty, Flex, Segmented, Skeleton, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { paths } from '../../../app/routes.js';
import { useSelectionYears } from '../api/list-selection-years.js';
import { AchievementResults } from '../components/achievement-results.js';
import { PublicAntd } from '../components/public-antd.js';
import { parseListParams } from '../list-params.js';

function Selections() {
  const [searchParams, setSearchParams] = useSearchParams();
  const years = useSelectionYears();
  const list = years.data?.years ?? [];
  const { page, pageSize, selectionYear } = parseListParams(searchParams);
  // Without ?selectionYear= the newest year is shown.
  const year = selectionYear ?? list[0]?.year;

  const go = (nextYear: number, paging: { page?: number; pageSize?: number } = {}) => {
    const search = new URLSearchParams({ selectionYear: String(nextYear) });
    if (paging.page && paging.page > 1) search.set('page', String(paging.page));
    if (paging.pageSize) search.set('pageSize', String(paging.pageSize));
    setSearchParams(search);
  };

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 24 }}>
          科惠精品
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          平台每年从已发布成果中评选的优质科技成果。<Link to={paths.achievements}>返回科技成果</Link>
        </Typography.Paragraph>
      </div>
      {years.error && <Alert type="error" showIcon title={years.error.detail} />}
      {years.isLoading && !years.data && <Skeleton active />}
      {years.data && list.length === 0 && <Empty description="暂无科惠精品" />}
      {list.length > 0 && year !== undefined && (
        <>
          <Segmented<number>
            aria-label="评选年度"
            value={year}
            options={list.map((item) => ({ value: item.year, label: `${item.year} 年（${item.count}）` }))}
            onChange={(value) => go(value)}
            style={{ alignSelf: 'flex-start', maxWidth: '100%', overflowX: 'auto' }}
          />
          <AchievementResults
            params={{ selectionYear: year, page, pageSize }}
            emptyText="该年度暂无科惠精品"
            onPageChange={(nextPage, nextSize) => {
              go(year, { page: nextPage, pageSize: nextSize });
              window.scrollTo({ top: 0 });
            }}
          />
        </>
      )}
    </Flex>
  );
}

/** 科惠精品: the years of selections and the records of the chosen year (?selectionYear=). */
export function SelectionsPage() {
  return (
    <PublicAntd>
      <Selections />
    </PublicAntd>
  );
}
