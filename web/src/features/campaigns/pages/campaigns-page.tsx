import { Alert, Card, Col, Empty, Flex, Form, Pagination, Row, Segmented, Select, Skeleton, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { pathTo } from '../../../app/routes.js';
import { shanghaiToday } from '../../../lib/format-time.js';
import { PublicAntd } from '../../achievements/components/public-antd.js';
import { RegionPicker } from '../../regions/components/region-picker.js';
import { useCampaigns } from '../api/list-campaigns.js';
import { CampaignProgress } from '../components/campaign-progress.js';
import { CampaignStatusTag, RegionTags } from '../components/campaign-tags.js';
import { CAMPAIGN_STATUS_OPTIONS, periodText } from '../format.js';
import type { CampaignListParams, CampaignStatus, CampaignSummary } from '../types.js';

const PAGE_SIZE = 12;

/** Filters in the URL: ?status=active&year=2026&regionCode=420100&page=2. */
function useListParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const status = searchParams.get('status');
  const year = Number(searchParams.get('year'));
  const page = Number(searchParams.get('page'));
  const params: CampaignListParams = {
    status: CAMPAIGN_STATUS_OPTIONS.some((o) => o.value === status) ? (status as CampaignStatus) : undefined,
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined,
    regionCode: /^\d{6}$/.test(searchParams.get('regionCode') ?? '') ? (searchParams.get('regionCode') ?? undefined) : undefined,
    page: Number.isInteger(page) && page > 1 ? page : undefined,
    pageSize: PAGE_SIZE,
  };
  const update = (patch: Partial<CampaignListParams>) => {
    const next = { ...params, page: undefined, ...patch };
    const search = new URLSearchParams();
    for (const key of ['status', 'year', 'regionCode', 'page'] as const) {
      const value = next[key];
      if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
    }
    setSearchParams(search);
  };
  return { params, update };
}

function CampaignCard({ campaign }: { campaign: CampaignSummary }) {
  return (
    <Card
      size="small"
      title={
        <Link to={pathTo.campaign(campaign.id)} style={{ whiteSpace: 'normal' }}>
          {campaign.name}
        </Link>
      }
      extra={<CampaignStatusTag campaign={campaign} />}
      style={{ height: '100%' }}
    >
      <Flex vertical gap={10}>
        <Flex wrap gap={4} align="center">
          <RegionTags campaign={campaign} />
        </Flex>
        <Typography.Text type="secondary">活动周期：{periodText(campaign)}</Typography.Text>
        <CampaignProgress campaign={campaign} size="small" />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          走访 {campaign.actuals.visits} 次 · 参会 {campaign.actuals.participants} 人 · 签约意向 {campaign.actuals.intentionsSigned} 项
          {campaign.actuals.eventsPlanned > 0 ? ` · 计划举办对接活动 ${campaign.actuals.eventsPlanned} 场` : ''}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

function CampaignsBrowser() {
  const { params, update } = useListParams();
  const list = useCampaigns(params);
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const years = Array.from({ length: 6 }, (_, i) => thisYear + 1 - i);

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 24 }}>
          科惠行动
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          省、市、县科技管理部门组织的企业走访与需求挖掘行动，每年举办约 10 场认领对接活动。下列为各地行动的目标与完成情况。
        </Typography.Paragraph>
      </div>
      <Card size="small">
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item label="状态" style={{ marginBottom: 8 }}>
                <Segmented
                  aria-label="状态"
                  value={params.status ?? 'all'}
                  options={[{ value: 'all', label: '全部' }, ...CAMPAIGN_STATUS_OPTIONS]}
                  onChange={(value) => update({ status: value === 'all' ? undefined : (value as CampaignStatus) })}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label="年份" style={{ marginBottom: 8 }}>
                <Select
                  aria-label="年份"
                  allowClear
                  placeholder="全部年份"
                  value={params.year}
                  options={years.map((y) => ({ value: y, label: `${y} 年` }))}
                  onChange={(value) => update({ year: value })}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label="地区" style={{ marginBottom: 8 }}>
                <RegionPicker aria-label="地区" placeholder="省 / 市 / 区县" value={params.regionCode} onChange={(code) => update({ regionCode: code })} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {list.error && <Alert type="error" showIcon title={list.error.detail} />}
      {list.isLoading && !list.data ? (
        <Skeleton active />
      ) : list.data && list.data.items.length === 0 ? (
        <Empty description="没有符合条件的科惠行动" />
      ) : (
        <Row gutter={[16, 16]}>
          {list.data?.items.map((c) => (
            <Col key={c.id} xs={24} md={12} xl={8}>
              <CampaignCard campaign={c} />
            </Col>
          ))}
        </Row>
      )}
      {list.data && list.data.total > PAGE_SIZE && (
        <Pagination
          align="center"
          current={params.page ?? 1}
          pageSize={PAGE_SIZE}
          total={list.data.total}
          showSizeChanger={false}
          onChange={(page) => {
            update({ page });
            window.scrollTo({ top: 0 });
          }}
        />
      )}
    </Flex>
  );
}

/** 科惠行动: every campaign with its period, regions, status and progress against targets. */
export function CampaignsPage() {
  return (
    <PublicAntd>
      <CampaignsBrowser />
    </PublicAntd>
  );
}
