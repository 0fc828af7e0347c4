import { Alert, Button, Card, Flex, Progress, Space, Table, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { pathTo } from '../../../app/routes.js';
import { ButtonLink } from '../../../lib/button-link.js';
import { useTablePaging } from '../../../lib/use-table-paging.js';
import { useDispatchView } from '../api/get-dispatch-view.js';
import { useResponseRates } from '../api/list-response-rates.js';
import { RESPONSE_HOURS } from '../codes.js';
import { DemandTable } from '../components/demand-table.js';
import { useDemandCommands } from '../components/use-demand-commands.js';
import type { DemandSummary, ResponseRate } from '../types.js';

function DispatchList() {
  const paging = useTablePaging();
  const { page, pageSize } = paging;
  const view = useDispatchView({ page, pageSize });
  const commands = useDemandCommands(() => view.reload());

  const actions = (row: DemandSummary) => (
    <Space size={4} wrap>
      {row.allowedActions.includes('dispatch') && (
        <Button type="primary" size="small" disabled={commands.anyBusy} onClick={() => commands.run('dispatch', row)}>
          派发
        </Button>
      )}
      <ButtonLink size="small" to={pathTo.demand(row.id)}>
        详情
      </ButtonLink>
    </Space>
  );

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">
        本地区待认领的需求和超过 {RESPONSE_HOURS} 小时未响应的需求，最紧急的在前。可派发给已认证的技术转移服务机构，并指定其技术经纪人。
      </Typography.Text>
      {view.error && <Alert type="error" showIcon title={view.error.detail} />}
      <DemandTable
        rows={view.data?.items ?? []}
        actions={actions}
        loading={view.isLoading}
        locale={{ emptyText: '暂无需要派发的需求' }}
        extraColumns={[{ title: '认领方', key: 'claimant', render: (_, row) => row.claimantName ?? '—' }]}
        pagination={paging.pagination(view.data?.total)}
      />
      {commands.modals}
    </Flex>
  );
}

/** On-time rate as a percentage with one decimal ("87.5%"), or — before anything is measured. */
export function rateText(rate: number | null): string {
  if (rate === null) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

function ResponseRates() {
  const rates = useResponseRates();
  const rows = [...(rates.data?.items ?? [])].sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1));
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">
        每家认领机构的 {RESPONSE_HOURS} 小时响应情况：从认领（或派发）起算，首次跟进在 {RESPONSE_HOURS} 小时内为按时。尚未到期且未跟进的认领不计入。
      </Typography.Text>
      {rates.error && <Alert type="error" showIcon title={rates.error.detail} />}
      <Table<ResponseRate>
        rowKey="organizationId"
        loading={rates.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '暂无认领记录' }}
        columns={[
          { title: '认领机构', dataIndex: 'organizationName', key: 'organizationName' },
          {
            title: '按时响应率',
            key: 'onTimeRate',
            render: (_, row) =>
              row.onTimeRate === null ? (
                '—'
              ) : (
                <Flex gap={8} align="center" style={{ minWidth: 160 }}>
                  <Progress
                    percent={Math.round(row.onTimeRate * 1000) / 10}
                    showInfo={false}
                    size="small"
                    status={row.onTimeRate < 0.8 ? 'exception' : 'success'}
                    style={{ width: 90, margin: 0 }}
                  />
                  <span>{rateText(row.onTimeRate)}</span>
                </Flex>
              ),
          },
          { title: '认领数', dataIndex: 'claims', key: 'claims', align: 'right' },
          { title: '已计量', dataIndex: 'measured', key: 'measured', align: 'right' },
          { title: '按时', dataIndex: 'onTime', key: 'onTime', align: 'right' },
          { title: '超时响应', dataIndex: 'late', key: 'late', align: 'right' },
          { title: '超时未响应', dataIndex: 'overdueOpen', key: 'overdueOpen', align: 'right' },
          {
            title: '响应时长中位数',
            key: 'median',
            align: 'right',
            render: (_, row) => (row.medianResponseHours === null ? '—' : `${Math.round(row.medianResponseHours * 10) / 10} 小时`),
          },
        ]}
      />
    </Flex>
  );
}

/** 需求派发 and 响应及时率: the reviewer's tools for the 48-hour promise, one tab each (`?tab=rates`). */
export function DemandDispatchPage() {
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') === 'rates' ? 'rates' : 'dispatch';
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        需求派发
      </Typography.Title>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setSearch(key === 'rates' ? { tab: 'rates' } : {}, { replace: true })}
          items={[
            { key: 'dispatch', label: '待派发与超时', children: <DispatchList /> },
            { key: 'rates', label: '响应及时率', children: <ResponseRates /> },
          ]}
        />
      </Card>
    </Flex>
  );
}
