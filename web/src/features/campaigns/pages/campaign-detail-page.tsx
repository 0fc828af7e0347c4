import { Alert, Card, Flex, Result, Skeleton, Space, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { setDocumentTitle } from '../../../app/document-title.js';
import { paths, pathTo } from '../../../app/routes.js';
import { ButtonLink } from '../../../lib/button-link.js';
import { PublicAntd } from '../../achievements/components/public-antd.js';
import { useCampaign } from '../api/get-campaign.js';
import { useEvents } from '../api/list-events.js';
import { useVisits } from '../api/list-visits.js';
import { CampaignOverview } from '../components/campaign-overview.js';
import { CampaignStatusTag, RegionTags } from '../components/campaign-tags.js';
import { EventsList } from '../components/events-list.js';
import { VisitsTable } from '../components/visits-table.js';
import { periodText } from '../format.js';
import type { CampaignDetail } from '../types.js';

function VisitsCard({ campaign }: { campaign: CampaignDetail }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const visits = useVisits(campaign.id, page, pageSize);
  return (
    <Card size="small" title="走访记录" extra={<Typography.Text type="secondary">仅活动组织方和走访人员可见</Typography.Text>}>
      {visits.error && <Alert type="error" showIcon title={visits.error.detail} style={{ marginBottom: 12 }} />}
      <VisitsTable
        visits={visits.data?.items ?? []}
        total={visits.data?.total ?? 0}
        page={page}
        pageSize={pageSize}
        isLoading={visits.isLoading}
        canCollect={campaign.allowedActions.includes('recordVisit')}
        onPageChange={(p, s) => {
          setPage(p);
          setPageSize(s);
        }}
      />
    </Card>
  );
}

function CampaignView({ campaign }: { campaign: CampaignDetail }) {
  const events = useEvents(campaign.id);
  useEffect(() => {
    setDocumentTitle(campaign.name);
  }, [campaign.name]);
  const canWork = campaign.allowedActions.includes('recordVisit') || campaign.allowedActions.includes('recordEvent');

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="start" wrap gap={12}>
        <Flex vertical gap={8} style={{ minWidth: 0 }}>
          <Flex gap={8} align="center" wrap>
            <Typography.Title level={2} style={{ margin: 0, fontSize: 24 }}>
              {campaign.name}
            </Typography.Title>
            <CampaignStatusTag campaign={campaign} />
          </Flex>
          <Flex gap={4} wrap align="center">
            <Typography.Text type="secondary">活动地区：</Typography.Text>
            <RegionTags campaign={campaign} />
          </Flex>
          <Typography.Text type="secondary">活动周期：{periodText(campaign)}</Typography.Text>
        </Flex>
        <Space wrap>
          {campaign.allowedActions.includes('edit') && <ButtonLink to={pathTo.editCampaign(campaign.id)}>编辑活动</ButtonLink>}
          {canWork && (
            <ButtonLink type="primary" to={pathTo.campaignWork(campaign.id)}>
              记录走访与对接活动
            </ButtonLink>
          )}
        </Space>
      </Flex>
      {campaign.description && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{campaign.description}</Typography.Paragraph>}

      <CampaignOverview campaign={campaign} />

      <Card size="small" title="对接活动">
        {events.error && <Alert type="error" showIcon title={events.error.detail} />}
        {events.isLoading && !events.data ? <Skeleton active /> : <EventsList events={events.data?.items ?? []} />}
      </Card>

      {campaign.allowedActions.includes('viewVisits') && <VisitsCard campaign={campaign} />}
    </Flex>
  );
}

/** 科惠行动详情: targets against actuals (charts), events with outcomes, and visits for the organizers. */
export function CampaignDetailPage() {
  const { id = '' } = useParams();
  const campaign = useCampaign(id);
  let body: ReactNode;
  if (campaign.error?.status === 404 || campaign.error?.code === 'validation_failed') {
    body = (
      <Result
        status="404"
        title="科惠行动不存在"
        extra={
          <ButtonLink to={paths.campaigns} type="primary">
            返回科惠行动
          </ButtonLink>
        }
      />
    );
  } else if (campaign.error) {
    body = <Alert type="error" showIcon title={campaign.error.detail} />;
  } else if (!campaign.data) {
    body = <Skeleton active paragraph={{ rows: 8 }} />;
  } else {
    body = <CampaignView campaign={campaign.data} />;
  }
  return <PublicAntd>{body}</PublicAntd>;
}
