import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Form, Input, Row, Table, type TableColumnsType, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { formatDateTime, shanghaiDayEnd, shanghaiDayStart } from '../../../lib/format-time.js';
import { showFieldErrors } from '../../../lib/form-errors.js';
import { auditExportUrl } from '../api/export-audit-csv.js';
import { useAuditEntries } from '../api/list-audit-entries.js';
import type { AuditEntry, AuditFilters } from '../types.js';

interface FilterValues {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorUserId?: string;
  /** `YYYY-MM-DD`, a Beijing calendar day. */
  fromDay?: string;
  untilDay?: string;
}

function toFilters(values: FilterValues): AuditFilters {
  const clean = (value: string | undefined) => value?.trim() || undefined;
  return {
    action: clean(values.action),
    entityType: clean(values.entityType),
    entityId: clean(values.entityId),
    actorUserId: clean(values.actorUserId),
    from: values.fromDay ? shanghaiDayStart(values.fromDay) : undefined,
    until: values.untilDay ? shanghaiDayEnd(values.untilDay) : undefined,
  };
}

// Server filter names → the inputs that hold them, for validation messages.
const filterFieldOf: Record<string, keyof FilterValues> = {
  action: 'action',
  entityType: 'entityType',
  entityId: 'entityId',
  actorUserId: 'actorUserId',
  from: 'fromDay',
  until: 'untilDay',
};

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <div style={{ minWidth: 0, flex: 1 }}>
      <Typography.Text strong>{title}</Typography.Text>
      <pre style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>
        {JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

const columns: TableColumnsType<AuditEntry> = [
  { title: '时间', key: 'at', render: (_, row) => formatDateTime(row.at) },
  { title: '操作', dataIndex: 'action', key: 'action' },
  {
    title: '对象',
    key: 'entity',
    render: (_, row) => (
      <span>
        {row.entityType}
        {row.entityId ? <Typography.Text type="secondary"> {row.entityId}</Typography.Text> : null}
      </span>
    ),
  },
  { title: '操作人', key: 'actor', render: (_, row) => row.actorName ?? (row.actorUserId ? row.actorUserId.slice(0, 8) : '系统') },
  { title: '地区', key: 'region', render: (_, row) => row.regionCode ?? '—' },
  { title: 'IP', key: 'ip', render: (_, row) => row.ip ?? '—' },
  { title: '请求 ID', key: 'requestId', render: (_, row) => row.requestId ?? '—' },
];

/** The audit trail within the caller's scope, filterable, with the same filters exported as CSV. */
export function AuditPage() {
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useAuditEntries({ ...filters, page, pageSize });

  useEffect(() => {
    if (!list.error) return;
    showFieldErrors(form, list.error.errors, (path) => {
      const field = filterFieldOf[path];
      return field ? [field] : undefined;
    });
  }, [list.error, form]);

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        审计日志
      </Typography.Title>
      <Card>
        <Form<FilterValues>
          form={form}
          layout="vertical"
          onFinish={(values) => {
            setFilters(toFilters(values));
            setPage(1);
          }}
        >
          <Row gutter={12}>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item label="操作" name="action">
                <Input placeholder="如 organization.rejected" allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item label="对象类型" name="entityType">
                <Input placeholder="如 organization" allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item label="对象 ID" name="entityId">
                <Input allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item label="操作人 ID" name="actorUserId">
                <Input allowClear spellCheck={false} />
              </Form.Item>
            </Col>
            <Col xs={12} lg={8}>
              <Form.Item label="起始日期" name="fromDay">
                <Input type="date" />
              </Form.Item>
            </Col>
            <Col xs={12} lg={8}>
              <Form.Item label="截止日期" name="untilDay">
                <Input type="date" />
              </Form.Item>
            </Col>
          </Row>
          <Flex gap={12} wrap>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
                setPage(1);
              }}
            >
              重置
            </Button>
            <Button icon={<DownloadOutlined />} href={auditExportUrl(filters)} download>
              导出 CSV
            </Button>
          </Flex>
        </Form>
      </Card>
      <Card>
        {list.error && <Alert type="error" showIcon title={list.error.detail} style={{ marginBottom: 16 }} />}
        <Table<AuditEntry>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isLoading}
          scroll={{ x: 'max-content' }}
          expandable={{
            rowExpandable: (row) => row.before != null || row.after != null,
            expandedRowRender: (row) => (
              <Flex gap={16} wrap>
                <JsonBlock title="变更前" value={row.before} />
                <JsonBlock title="变更后" value={row.after} />
              </Flex>
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 条`,
            onChange: (nextPage, nextSize) => {
              setPage(nextSize === pageSize ? nextPage : 1);
              setPageSize(nextSize);
            },
          }}
        />
      </Card>
    </Flex>
  );
}
