import { Alert, Button, Card, Flex, Table, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { PublicAntd } from '../../achievements/components/public-antd.js';
import { usePublicLog, verifyPublicLog } from '../api/public-log.js';
import { PUBLIC_LOG_TYPES } from '../codes.js';
import type { PublicLogCheck, PublicLogEntry } from '../types.js';

function PublicLogBoard() {
  const [page, setPage] = useState(1);
  const log = usePublicLog({ page, pageSize: 20 });
  const [check, setCheck] = useState<PublicLogCheck | undefined>();
  const [checkError, setCheckError] = useState<string | undefined>();
  const [checking, setChecking] = useState(false);
  const verify = async () => {
    setChecking(true);
    setCheckError(undefined);
    try {
      setCheck(await verifyPublicLog());
    } catch (error) {
      setCheckError(errorMessage(error));
    } finally {
      setChecking(false);
    }
  };
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200, margin: '0 auto', padding: 24 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        公开存证日志
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        挂牌公示、异议处理结果、摘牌成交与成交公示逐条写入哈希链：每条记录的哈希 = SHA-256（前一条哈希 + 本条内容的规范化 JSON）。任何一条被改动，验证即从该条起失败。
      </Typography.Paragraph>
      <Card>
        <Flex gap={12} align="center" style={{ marginBottom: 16 }} wrap>
          <Button type="primary" loading={checking} onClick={verify}>
            验证
          </Button>
          {check?.ok && <Alert type="success" showIcon title={`哈希链完整：共 ${check.entries} 条（${formatDateTime(check.checkedAt)} 验证）`} />}
          {check && !check.ok && <Alert type="error" showIcon title={`第 ${check.brokenSeq ?? '?'} 条起哈希链断裂：${check.reason ?? ''}`} />}
          {checkError && <Alert type="error" showIcon title={checkError} />}
        </Flex>
        {log.error && <Alert type="error" showIcon title={log.error.detail} />}
        <Table<PublicLogEntry>
          rowKey="seq"
          loading={log.isLoading}
          dataSource={log.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: log.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 80 },
            { title: '类型', dataIndex: 'type', render: (v: string) => PUBLIC_LOG_TYPES[v] ?? v },
            { title: '时间', dataIndex: 'at', render: (v: string) => formatDateTime(v) },
            { title: '内容', dataIndex: 'payload', render: (p: Record<string, unknown>) => <Typography.Text style={{ fontSize: 12 }}>{[p.title, p.owner, p.buyer, p.price ? `¥${String(p.price)}` : undefined, p.outcome].filter(Boolean).map(String).join(' · ')}</Typography.Text> },
            { title: '哈希', dataIndex: 'hash', render: (v: string) => <Typography.Text code copyable={{ text: v }}>{v.slice(0, 16)}…</Typography.Text> },
          ]}
        />
      </Card>
    </Flex>
  );
}

/** 公开存证日志 with a 验证 button. */
export function PublicLogPage() {
  return (
    <PublicAntd>
      <PublicLogBoard />
    </PublicAntd>
  );
}
