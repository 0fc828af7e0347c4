import { Alert, Card, List, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { formatDateTime } from '../../../lib/format-time.js';
import { useRuns } from '../api/runs.js';
import { type HarvestRun, RUN_STATUS } from '../types.js';

const columns: TableColumnsType<HarvestRun> = [
  { title: '开始', key: 'start', render: (_, r) => formatDateTime(r.startedAt) },
  { title: '结束', key: 'end', render: (_, r) => (r.finishedAt ? formatDateTime(r.finishedAt) : '—') },
  { title: '状态', key: 'status', render: (_, r) => <Tag color={RUN_STATUS[r.status].color}>{RUN_STATUS[r.status].label}</Tag> },
  { title: '方式', key: 'mode', render: (_, r) => (r.mode === 'incremental' ? `增量（自 ${r.fromDatestamp}）` : '全量') },
  { title: '页数', dataIndex: 'pages', key: 'pages' },
  { title: '新增 / 更新 / 删除 / 未变', key: 'counts', render: (_, r) => `${r.created} / ${r.updated} / ${r.deleted} / ${r.unchanged}` },
  { title: '警告', dataIndex: 'warningCount', key: 'warnings' },
  {
    title: '错误',
    key: 'error',
    render: (_, r) =>
      r.errorCode ? (
        <Typography.Text type="danger">
          {r.errorCode}：{r.errorMessage}
        </Typography.Text>
      ) : (
        '—'
      ),
  },
  { title: '尝试次数', dataIndex: 'attempts', key: 'attempts' },
];

/** 采集批次: every harvest with its counts, typed error, warnings and resumption point. */
export function RunsPage() {
  const [params] = useSearchParams();
  const peerId = params.get('peerId') ?? undefined;
  const [page, setPage] = useState(1);
  const list = useRuns({ peerId, page, pageSize: 20 });
  return (
    <Card title="采集批次">
      {list.error && <Alert type="error" showIcon message={list.error.detail} style={{ marginBottom: 16 }} />}
      <Table<HarvestRun>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        expandable={{
          rowExpandable: (r) => r.warnings.length > 0 || r.resumptionToken !== null,
          expandedRowRender: (r) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {r.resumptionToken && <Typography.Text type="secondary">续传点：{r.resumptionToken}</Typography.Text>}
              <List
                size="small"
                header="警告"
                dataSource={r.warnings}
                renderItem={(w) => (
                  <List.Item>
                    <Tag>{w.code}</Tag> {w.message} {w.identifier && <Typography.Text type="secondary">（{w.identifier}）</Typography.Text>}
                  </List.Item>
                )}
              />
            </Space>
          ),
        }}
      />
    </Card>
  );
}
