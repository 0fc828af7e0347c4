import { Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { paths } from '../../../app/routes.js';
import { toQueryString } from '../../../lib/api-client.js';
import { ButtonLink } from '../../../lib/button-link.js';
import type { CampaignVisit } from '../types.js';

/** The demand form, opened for the visited enterprise and linked to the campaign and the visit. */
export function collectDemandPath(visit: CampaignVisit): string {
  return `${paths.newDemand}${toQueryString({ campaignId: visit.campaignId, visitId: visit.id, enterpriseOrganizationId: visit.enterpriseOrganizationId })}`;
}

/** 走访记录: enterprise, date, team, notes, demands collected; "采集需求" for registered enterprises. */
export function VisitsTable({
  visits,
  total,
  page,
  pageSize,
  isLoading,
  onPageChange,
  canCollect,
}: {
  visits: CampaignVisit[];
  total: number;
  page: number;
  pageSize: number;
  isLoading: boolean;
  onPageChange: (page: number, pageSize: number) => void;
  /** Show the 采集需求 buttons (the caller may post demands for an enterprise). */
  canCollect: boolean;
}) {
  const columns: TableColumnsType<CampaignVisit> = [
    { title: '走访日期', key: 'visitedOn', width: 110, render: (_, v) => v.visitedOn.replaceAll('-', '/') },
    {
      title: '企业',
      key: 'enterprise',
      render: (_, v) => (
        <>
          <div>{v.enterpriseName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {v.regionName ?? v.regionCode}
            {v.enterpriseOrganizationId ? '' : ' · 未入驻平台'}
          </Typography.Text>
        </>
      ),
    },
    { title: '走访人员', key: 'team', render: (_, v) => v.team.join('、') },
    {
      title: '走访记录',
      key: 'notes',
      render: (_, v) => <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}>{v.notes || '—'}</Typography.Paragraph>,
    },
    { title: '采集需求', key: 'demands', width: 90, align: 'right', render: (_, v) => `${v.demandsCollected} 项` },
  ];
  if (canCollect) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_, v) =>
        v.allowedActions.includes('collectDemand') ? (
          <ButtonLink size="small" type="primary" ghost to={collectDemandPath(v)}>
            采集需求
          </ButtonLink>
        ) : (
          <Tooltip title="企业入驻平台后才能为其登记需求">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              企业未入驻
            </Typography.Text>
          </Tooltip>
        ),
    });
  }
  return (
    <Table<CampaignVisit>
      size="small"
      rowKey="id"
      loading={isLoading}
      columns={columns}
      dataSource={visits}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '暂无走访记录' }}
      pagination={{ current: page, pageSize, total, showSizeChanger: true, onChange: onPageChange, showTotal: (n) => `共 ${n} 次走访` }}
    />
  );
}
