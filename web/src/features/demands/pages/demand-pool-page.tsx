import { Alert, Button, Card, Flex, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { paths, pathTo } from '../../../app/routes.js';
import { ButtonLink } from '../../../lib/button-link.js';
import { useTablePaging } from '../../../lib/use-table-paging.js';
import { RegionPicker } from '../../regions/components/region-picker.js';
import { useDemandPool } from '../api/list-demand-pool.js';
import { DEMAND_TYPES, KEY_FIELDS, RESPONSE_HOURS } from '../codes.js';
import { DemandTable } from '../components/demand-table.js';
import { useDemandCommands } from '../components/use-demand-commands.js';
import { optionsOf } from '../format.js';
import { SORTS } from '../list-params.js';
import type { DemandListParams, DemandSummary } from '../types.js';

/**
 * 可认领需求: published demands nobody has claimed. Those whose 48 hours ran out without a response
 * come first, in their own list, so they are claimed before anything newer.
 */
export function DemandPoolPage() {
  const [filters, setFilters] = useState<DemandListParams>({});
  const paging = useTablePaging();
  const { page, pageSize, setPage } = paging;
  const overdue = useDemandPool({ ...filters, overdue: 'true', sort: 'newest', pageSize: 50 });
  const pool = useDemandPool({ ...filters, page, pageSize });
  const reloadAll = () => {
    overdue.reload();
    pool.reload();
  };
  const commands = useDemandCommands(reloadAll);
  const update = (patch: Partial<DemandListParams>) => {
    setFilters((previous) => ({ ...previous, ...patch }));
    setPage(1);
  };

  const actions = (row: DemandSummary) => (
    <Space size={4} wrap>
      {row.allowedActions.includes('claim') && (
        <Button
          type="primary"
          size="small"
          loading={commands.isBusy(row.id, 'claim')}
          disabled={commands.anyBusy && !commands.isBusy(row.id, 'claim')}
          onClick={() => commands.run('claim', row)}
        >
          认领
        </Button>
      )}
      <ButtonLink size="small" to={pathTo.demand(row.id)}>
        详情
      </ButtonLink>
    </Space>
  );
  const overdueRows = overdue.data?.items ?? [];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          可认领需求
        </Typography.Title>
        <ButtonLink to={paths.claimedDemands}>我的认领</ButtonLink>
      </Flex>
      <Typography.Text type="secondary">
        已发布、尚无机构认领的技术需求。认领后须在 {RESPONSE_HOURS} 小时内完成首次跟进，按时响应率计入机构考核。
      </Typography.Text>
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <Input.Search
            aria-label="搜索需求"
            placeholder="需求名称或关键词"
            allowClear
            onSearch={(value) => update({ q: value.trim() || undefined })}
            style={{ width: 260, maxWidth: '100%' }}
          />
          <Select
            aria-label="重点领域"
            placeholder="重点领域"
            allowClear
            options={optionsOf(KEY_FIELDS)}
            value={filters.keyField}
            onChange={(value) => update({ keyField: value })}
            style={{ width: 160 }}
          />
          <Select
            aria-label="需求类型"
            placeholder="需求类型"
            allowClear
            options={optionsOf(DEMAND_TYPES)}
            value={filters.demandType}
            onChange={(value) => update({ demandType: value })}
            style={{ width: 140 }}
          />
          <div style={{ width: 220 }}>
            <RegionPicker aria-label="所在地区" placeholder="所在地区" value={filters.regionCode} onChange={(code) => update({ regionCode: code })} />
          </div>
          <Select
            aria-label="排序"
            options={SORTS}
            value={filters.sort ?? 'newest'}
            onChange={(value) => update({ sort: value === 'newest' ? undefined : value })}
            style={{ width: 150 }}
          />
        </Flex>
      </Card>
      {overdueRows.length > 0 && (
        <Card
          title={<span style={{ color: '#cf1322' }}>超时未响应（{overdue.data?.total ?? overdueRows.length}）</span>}
          styles={{ body: { padding: 0 } }}
        >
          <DemandTable rows={overdueRows} actions={actions} showStatus={false} pagination={false} aria-label="超时未响应的需求" />
        </Card>
      )}
      <Card title="全部可认领" styles={{ body: { padding: 0 } }}>
        {(pool.error ?? overdue.error) && <Alert type="error" showIcon title={(pool.error ?? overdue.error)?.detail} style={{ margin: 16 }} />}
        <DemandTable
          rows={pool.data?.items ?? []}
          actions={actions}
          showStatus={false}
          loading={pool.isLoading}
          locale={{ emptyText: '暂无可认领的需求' }}
          pagination={paging.pagination(pool.data?.total)}
        />
      </Card>
      {commands.modals}
    </Flex>
  );
}
