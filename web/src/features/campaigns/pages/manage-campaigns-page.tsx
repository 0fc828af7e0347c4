import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex, Grid, Segmented, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { paths, pathTo } from '../../../app/routes.js';
import { ButtonLink } from '../../../lib/button-link.js';
import { useSession } from '../../accounts/session/session-context.js';
import { useCampaigns } from '../api/list-campaigns.js';
import { CampaignProgress } from '../components/campaign-progress.js';
import { CampaignStatusTag } from '../components/campaign-tags.js';
import { CAMPAIGN_STATUS_OPTIONS, periodText, regionsText } from '../format.js';
import type { CampaignStatus, CampaignSummary } from '../types.js';

/**
 * 科惠行动 in the workspace: the campaigns the caller works on (a gov_admin's region by default),
 * with their progress and the way to the visit and event records; 发起行动 for organizers.
 */
export function ManageCampaignsPage() {
  const { session } = useSession();
  const navigate = useNavigate();
  const isWide = Grid.useBreakpoint().md === true;
  const roles = session?.user?.roles ?? [];
  const isOrganizer = roles.some((r) => r.role === 'operator' || r.role === 'gov_admin');
  const govRegion = roles.find((r) => r.role === 'gov_admin' && r.regionCode);
  const [ownRegionOnly, setOwnRegionOnly] = useState(true);
  const [status, setStatus] = useState<CampaignStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const regionCode = govRegion && ownRegionOnly ? (govRegion.regionCode ?? undefined) : undefined;
  const list = useCampaigns({ status, regionCode, page, pageSize });

  const actions = (c: CampaignSummary) => (
    <Space wrap size={4}>
      {(c.allowedActions.includes('recordVisit') || c.allowedActions.includes('recordEvent')) && (
        <ButtonLink size="small" type="primary" to={pathTo.campaignWork(c.id)}>
          走访与对接
        </ButtonLink>
      )}
      {c.allowedActions.includes('edit') && (
        <ButtonLink size="small" to={pathTo.editCampaign(c.id)}>
          编辑
        </ButtonLink>
      )}
      <ButtonLink size="small" type="link" to={pathTo.campaign(c.id)}>
        活动页
      </ButtonLink>
    </Space>
  );
  const nameCell = (c: CampaignSummary) => (
    <Flex vertical gap={2}>
      <Link to={pathTo.campaignWork(c.id)}>{c.name}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {regionsText(c)} · {periodText(c)}
      </Typography.Text>
    </Flex>
  );
  const columns: TableColumnsType<CampaignSummary> = isWide
    ? [
        { title: '行动名称', key: 'name', render: (_, c) => nameCell(c) },
        { title: '状态', key: 'status', width: 90, render: (_, c) => <CampaignStatusTag campaign={c} /> },
        { title: '目标完成情况', key: 'progress', width: 320, render: (_, c) => <CampaignProgress campaign={c} size="small" /> },
        { title: '操作', key: 'actions', width: 220, render: (_, c) => actions(c) },
      ]
    : [
        {
          title: '科惠行动',
          key: 'compact',
          render: (_, c) => (
            <Flex vertical gap={6}>
              <Flex gap={8} align="center" wrap>
                {nameCell(c)}
                <CampaignStatusTag campaign={c} />
              </Flex>
              <CampaignProgress campaign={c} size="small" />
              {actions(c)}
            </Flex>
          ),
        },
      ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          科惠行动
        </Typography.Title>
        {isOrganizer && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(paths.newCampaign)}>
            发起科惠行动
          </Button>
        )}
      </Flex>
      <Typography.Text type="secondary">
        {isOrganizer
          ? '发起并管理本辖区的科惠行动：记录企业走访、为走访企业采集需求、记录认领对接活动及其成效。'
          : '参与科惠行动走访：记录走访企业并为其采集技术需求。您只能看到自己记录的走访。'}
      </Typography.Text>
      <Flex gap={16} wrap align="center">
        <Segmented
          aria-label="状态"
          value={status ?? 'all'}
          options={[{ value: 'all', label: '全部' }, ...CAMPAIGN_STATUS_OPTIONS]}
          onChange={(value) => {
            setStatus(value === 'all' ? undefined : (value as CampaignStatus));
            setPage(1);
          }}
        />
        {govRegion && (
          <Checkbox
            checked={ownRegionOnly}
            onChange={(event) => {
              setOwnRegionOnly(event.target.checked);
              setPage(1);
            }}
          >
            只看与{govRegion.regionName ?? '本辖区'}相关的行动
          </Checkbox>
        )}
      </Flex>
      {list.error && <Alert type="error" showIcon title={list.error.detail} />}
      <Table<CampaignSummary>
        rowKey="id"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '暂无科惠行动' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
    </Flex>
  );
}
