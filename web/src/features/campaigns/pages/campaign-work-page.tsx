import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Result, Skeleton, Space, Tabs, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useParams } from 'react-router-dom';
import { pathTo } from '../../../app/routes.js';
import { ButtonLink } from '../../../lib/button-link.js';
import { useCampaign } from '../api/get-campaign.js';
import { useEvents } from '../api/list-events.js';
import { useVisits } from '../api/list-visits.js';
import { CampaignProgress } from '../components/campaign-progress.js';
import { CampaignStatusTag } from '../components/campaign-tags.js';
import { EventModal } from '../components/event-modal.js';
import { EventsList } from '../components/events-list.js';
import { VisitModal } from '../components/visit-modal.js';
import { VisitsTable } from '../components/visits-table.js';
import { periodText, regionsText } from '../format.js';
import type { CampaignDetail, CampaignEvent } from '../types.js';

function VisitsTab({ campaign, onChanged }: { campaign: CampaignDetail; onChanged: () => void }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [isOpen, setOpen] = useState(false);
  const visits = useVisits(campaign.allowedActions.includes('viewVisits') ? campaign.id : null, page, pageSize);
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">
          走访后可为已入驻的企业“采集需求”，需求会计入本次行动的挖掘需求数。
        </Typography.Text>
        {campaign.allowedActions.includes('recordVisit') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            记录走访
          </Button>
        )}
      </Flex>
      {visits.error && <Alert type="error" showIcon title={visits.error.detail} />}
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
      <VisitModal
        campaign={campaign}
        open={isOpen}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          visits.reload();
          onChanged();
        }}
      />
    </Flex>
  );
}

function EventsTab({ campaign, onChanged }: { campaign: CampaignDetail; onChanged: () => void }) {
  const events = useEvents(campaign.id);
  // undefined: closed; null: a new event; an event: editing it.
  const [editing, setEditing] = useState<CampaignEvent | null | undefined>(undefined);
  const canRecord = campaign.allowedActions.includes('recordEvent');
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">对接活动的名称、日期、地点、参会人数、推介内容和成效对公众公开；参会名单仅组织方可见。</Typography.Text>
        {canRecord && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            记录对接活动
          </Button>
        )}
      </Flex>
      {events.error && <Alert type="error" showIcon title={events.error.detail} />}
      {events.isLoading && !events.data ? <Skeleton active /> : <EventsList events={events.data?.items ?? []} onEdit={canRecord ? setEditing : undefined} />}
      {editing !== undefined && (
        <EventModal
          campaign={campaign}
          event={editing ?? undefined}
          open
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            events.reload();
            onChanged();
          }}
        />
      )}
    </Flex>
  );
}

/** 走访与对接: one campaign's visits and docking events, recorded by its organizers and brokers. */
export function CampaignWorkPage() {
  const { id = '' } = useParams();
  const campaign = useCampaign(id);
  let body: ReactNode;
  if (campaign.error) {
    body = <Result status={campaign.error.status === 404 ? '404' : 'error'} title={campaign.error.detail} />;
  } else if (!campaign.data) {
    body = <Skeleton active paragraph={{ rows: 8 }} />;
  } else {
    const c = campaign.data;
    const tabs = [
      ...(c.allowedActions.includes('viewVisits')
        ? [{ key: 'visits', label: `走访记录（${c.actuals.visits}）`, children: <VisitsTab campaign={c} onChanged={campaign.reload} /> }]
        : []),
      { key: 'events', label: `对接活动（${c.actuals.eventsHeld + c.actuals.eventsPlanned}）`, children: <EventsTab campaign={c} onChanged={campaign.reload} /> },
    ];
    body = (
      <Flex vertical gap={16}>
        <Flex justify="space-between" align="start" wrap gap={12}>
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Flex gap={8} align="center" wrap>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {c.name}
              </Typography.Title>
              <CampaignStatusTag campaign={c} />
            </Flex>
            <Typography.Text type="secondary">
              {regionsText(c)} · {periodText(c)}
            </Typography.Text>
          </Flex>
          <Space wrap>
            {c.allowedActions.includes('edit') && <ButtonLink to={pathTo.editCampaign(c.id)}>编辑行动</ButtonLink>}
            <ButtonLink to={pathTo.campaign(c.id)}>查看活动页与图表</ButtonLink>
          </Space>
        </Flex>
        <Card size="small" title="目标完成情况" style={{ maxWidth: 640 }}>
          <CampaignProgress campaign={c} />
        </Card>
        <Tabs items={tabs} />
      </Flex>
    );
  }
  return body;
}
