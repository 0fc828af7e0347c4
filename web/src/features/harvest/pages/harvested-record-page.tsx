import { Alert, Card, Descriptions, Flex, Spin, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { formatDateTime } from '../../../lib/format-time.js';
import { useHarvestedRecord } from '../api/get-harvested-record.js';
import { SourceTag } from '../components/source-tag.js';
import { PROTOCOL_LABELS } from '../types.js';

/** A harvested record (采集记录): read-only here, with its source platform, identifier and datestamp. */
export function HarvestedRecordPage() {
  const { id } = useParams();
  const record = useHarvestedRecord(id);
  if (record.error) return <Alert type="error" showIcon message={record.error.detail} />;
  const r = record.data;
  if (!r) return <Spin />;
  return (
    <Card>
      <Flex gap={8} align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {r.title || '（无标题）'}
        </Typography.Title>
        <SourceTag peerName={r.source.peerName} sourceIdentifier={r.source.sourceIdentifier} />
        {r.isDeleted && <Tag color="red">来源平台已删除</Tag>}
      </Flex>
      <Alert style={{ margin: '16px 0' }} type="info" showIcon message={`本记录采集自「${r.source.peerName}」，仅供检索与对接参考，不能在本平台修改；内容以来源平台为准。`} />
      {r.abstract && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.abstract}</Typography.Paragraph>}
      <Descriptions bordered size="small" column={1}>
        {r.keywords.length > 0 && <Descriptions.Item label="关键词">{r.keywords.join('、')}</Descriptions.Item>}
        {r.creators.length > 0 && <Descriptions.Item label="完成单位 / 作者">{r.creators.join('、')}</Descriptions.Item>}
        {r.patentNumbers.length > 0 && <Descriptions.Item label="专利号">{r.patentNumbers.join('、')}</Descriptions.Item>}
        <Descriptions.Item label="来源平台">{r.source.peerName}（{PROTOCOL_LABELS[r.source.protocol as keyof typeof PROTOCOL_LABELS] ?? r.source.protocol}，{r.source.metadataFormat}）</Descriptions.Item>
        <Descriptions.Item label="来源标识">{r.source.sourceIdentifier}</Descriptions.Item>
        <Descriptions.Item label="来源时间戳">{r.source.sourceDatestamp}</Descriptions.Item>
        <Descriptions.Item label="首次 / 最近采集">
          {formatDateTime(r.source.firstHarvestedAt)} / {formatDateTime(r.source.lastHarvestedAt)}
        </Descriptions.Item>
      </Descriptions>
      {r.raw && (
        <Card size="small" title="原始记录" style={{ marginTop: 16 }}>
          <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12, margin: 0 }}>{r.raw}</pre>
        </Card>
      )}
    </Card>
  );
}
