import { Card, Col, Flex, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import type { CampaignDetail, RegionRow } from '../types.js';
import { CampaignProgress } from './campaign-progress.js';

// ECharts comes in its own chunk, only when a campaign page shows its charts.
const TargetsChart = lazy(async () => ({ default: (await import('./campaign-charts.js')).TargetsChart }));
const MonthlyChart = lazy(async () => ({ default: (await import('./campaign-charts.js')).MonthlyChart }));

function ChartPlaceholder({ height }: { height: number }) {
  return <Skeleton.Node active style={{ width: '100%', height }} />;
}

/** Numbers, progress against targets, the two charts and the regional breakdown of one campaign. */
export function CampaignOverview({ campaign }: { campaign: CampaignDetail }) {
  const a = campaign.actuals;
  const stats = [
    { title: '走访次数', value: a.visits, suffix: '次' },
    { title: '走访企业', value: a.enterprisesVisited, suffix: '家' },
    { title: '挖掘需求', value: a.demands, suffix: '项' },
    { title: '已办对接活动', value: a.eventsHeld, suffix: a.eventsPlanned > 0 ? `场（计划 ${a.eventsPlanned} 场）` : '场' },
    { title: '参会人数', value: a.participants, suffix: '人' },
    { title: '签约意向', value: a.intentionsSigned, suffix: '项' },
  ];
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Row gutter={[16, 16]}>
          {stats.map((s) => (
            <Col key={s.title} xs={12} sm={8} lg={4}>
              <Statistic title={s.title} value={s.value} suffix={<span style={{ fontSize: 14 }}>{s.suffix}</span>} />
            </Col>
          ))}
        </Row>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title="目标完成情况" style={{ height: '100%' }}>
            <Flex vertical gap={16}>
              <CampaignProgress campaign={campaign} />
              <Suspense fallback={<ChartPlaceholder height={240} />}>
                <TargetsChart targets={campaign.targets} actuals={campaign.actuals} />
              </Suspense>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title="月度进展" style={{ height: '100%' }}>
            <Suspense fallback={<ChartPlaceholder height={280} />}>
              <MonthlyChart series={campaign.series} />
            </Suspense>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
              走访按走访日期、需求按登记日期、对接活动按举办日期统计（北京时间）。
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
      <Card size="small" title="分地区完成情况">
        <Table<RegionRow>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={campaign.byRegion}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无记录' }}
          columns={[
            { title: '地区', dataIndex: 'name', key: 'name' },
            { title: '走访次数', dataIndex: 'visits', key: 'visits', align: 'right' },
            { title: '走访企业', dataIndex: 'enterprisesVisited', key: 'enterprisesVisited', align: 'right' },
            { title: '挖掘需求', dataIndex: 'demands', key: 'demands', align: 'right' },
            { title: '已办对接活动', dataIndex: 'events', key: 'events', align: 'right' },
          ]}
        />
      </Card>
    </Flex>
  );
}
