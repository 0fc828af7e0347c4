import { Alert, Button, Card, Col, Empty, Flex, Row, Skeleton, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { paths } from '../../../app/routes.js';
import { useProjectLibrary } from '../api/get-project-library.js';
import { AchievementResults } from '../components/achievement-results.js';
import { PublicAntd } from '../components/public-antd.js';
import { parseListParams } from '../list-params.js';

function ProjectLibrary() {
  const [searchParams, setSearchParams] = useSearchParams();
  const library = useProjectLibrary();
  const programme = searchParams.get('programme')?.trim() || undefined;
  const { page, pageSize } = parseListParams(searchParams);
  const groups = library.data?.groups ?? [];

  const choose = (next: string | undefined, paging: { page?: number; pageSize?: number } = {}) => {
    const search = new URLSearchParams();
    if (next) search.set('programme', next);
    if (paging.page && paging.page > 1) search.set('page', String(paging.page));
    if (paging.pageSize) search.set('pageSize', String(paging.pageSize));
    setSearchParams(search);
  };

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 24 }}>
          财政资金成果转化项目库
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          由财政资金资助形成的已发布科技成果，按资助计划归集。<Link to={paths.achievements}>返回科技成果</Link>
        </Typography.Paragraph>
      </div>
      {library.error && <Alert type="error" showIcon title={library.error.detail} />}
      {library.isLoading && !library.data && <Skeleton active />}
      {library.data && groups.length === 0 && <Empty description="暂无财政资金资助的成果" />}
      <nav aria-label="资助计划">
        <Row gutter={[12, 12]}>
          {groups.map((group) => {
            const isCurrent = group.programme === programme;
            return (
              <Col key={group.programme} xs={24} sm={12} lg={8}>
                <Card
                  size="small"
                  hoverable
                  style={{ borderColor: isCurrent ? '#1677ff' : undefined }}
                  styles={{ body: { padding: 0 } }}
                >
                  <Button
                    type="text"
                    block
                    aria-pressed={isCurrent}
                    onClick={() => choose(isCurrent ? undefined : group.programme)}
                    style={{ height: 'auto', padding: '12px 16px', justifyContent: 'space-between', whiteSpace: 'normal', textAlign: 'start' }}
                  >
                    <span style={{ fontWeight: 500, color: isCurrent ? '#1677ff' : undefined }}>{group.programme}</span>
                    <span style={{ color: 'rgba(0,0,0,0.55)', whiteSpace: 'nowrap' }}>{group.n} 项</span>
                  </Button>
                </Card>
              </Col>
            );
          })}
        </Row>
      </nav>
      {programme ? (
        <section aria-label={`${programme}的成果`}>
          <Typography.Title level={3} style={{ fontSize: 18 }}>
            {programme}
          </Typography.Title>
          <AchievementResults
            params={{ fiscal: 'true', fundingProgramme: programme, page, pageSize }}
            onPageChange={(nextPage, nextSize) => {
              choose(programme, { page: nextPage, pageSize: nextSize });
              window.scrollTo({ top: 0 });
            }}
          />
        </section>
      ) : (
        groups.length > 0 && <Typography.Text type="secondary">选择一个资助计划，查看其成果。</Typography.Text>
      )}
    </Flex>
  );
}

/** 财政资金成果转化项目库: programmes with their counts; choosing one lists its records. */
export function ProjectLibraryPage() {
  return (
    <PublicAntd>
      <ProjectLibrary />
    </PublicAntd>
  );
}
