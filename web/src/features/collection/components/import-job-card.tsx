import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Progress, Tag, Typography } from 'antd';
import { formatDateTime } from '../../../lib/format-time.js';
import { errorReportUrl } from '../api/download-error-report.js';
import { importModeLabels, importPhaseLabels, isJobActive, statusColor, statusText } from '../labels.js';
import type { ImportJob } from '../types.js';

/** 已处理 N / M 行: while validating the total is not known yet; while importing it is the valid rows. */
function processedText(job: ImportJob): string {
  if (job.status === 'queued') return '等待开始…';
  if (job.phase === 'importing') {
    const valid = Math.max(0, job.totalRows - job.errorRows);
    return `已处理 ${job.processedRows} / ${valid} 行`;
  }
  if (job.totalRows > 0) return `已处理 ${job.processedRows} / ${job.totalRows} 行`;
  return `已处理 ${job.processedRows} 行`;
}

/** One import job: live progress while it runs, then what it did and the error report. */
export function ImportJobCard({ job, pollError }: { job: ImportJob; pollError?: string }) {
  const active = isJobActive(job);
  const failed = job.status === 'failed';
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8} wrap style={{ minWidth: 0 }}>
          <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
            {job.fileName}
          </Typography.Text>
          <Tag color={statusColor(job)} style={{ marginInlineEnd: 0 }}>
            {statusText(job)}
          </Tag>
        </Flex>
      }
      aria-label="导入任务"
      aria-busy={active}
    >
      <Flex vertical gap={12}>
        {active && (
          <div role="status" aria-live="polite">
            <Typography.Text strong>{job.phase ? importPhaseLabels[job.phase] : '排队中'}</Typography.Text>
            <Progress percent={job.percent} status="active" aria-label="导入进度" />
            <Typography.Text type="secondary">{processedText(job)}</Typography.Text>
          </div>
        )}
        {!active && (
          <>
            <Progress percent={job.percent} status={failed ? 'exception' : 'success'} aria-label="导入进度" />
            <Flex gap="8px 24px" wrap role="status" aria-label="导入结果">
              <span>
                导入 <Typography.Text strong>{job.importedRows}</Typography.Text> 条
              </span>
              <span>
                已存在 <Typography.Text strong>{job.duplicateRows}</Typography.Text> 条
              </span>
              <span>
                错误 <Typography.Text strong type={job.errorRows > 0 ? 'danger' : undefined}>{job.errorRows}</Typography.Text> 行
              </span>
              <Typography.Text type="secondary">共 {job.totalRows} 行</Typography.Text>
            </Flex>
            {job.fileError && <Alert type="error" showIcon title={job.fileError} />}
            {!job.fileError && job.status === 'succeeded' && job.errorRows > 0 && (
              <Alert type="warning" showIcon title={`${job.errorRows} 行有误未导入，请下载错误报告，修改后重新上传这些行。`} />
            )}
            {!job.fileError && job.status === 'succeeded' && job.errorRows === 0 && (
              <Alert
                type="success"
                showIcon
                title={
                  job.asDraft
                    ? `导入完成，${job.kindLabel}已保存为草稿，可修改后提交。`
                    : `导入完成，${job.kindLabel}已提交审核。`
                }
              />
            )}
            {job.errorRows > 0 && job.allowedActions.includes('downloadErrorReport') && (
              <div>
                <Button icon={<DownloadOutlined />} href={errorReportUrl(job.id)} download>
                  下载错误报告
                </Button>
              </div>
            )}
          </>
        )}
        {pollError && <Alert type="warning" showIcon title={`无法刷新进度：${pollError}`} />}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'mode', label: '导入方式', children: importModeLabels[job.mode] },
            { key: 'draft', label: '导入为', children: job.asDraft ? '草稿' : '提交审核' },
            { key: 'created', label: '上传时间', children: formatDateTime(job.createdAt) },
            { key: 'finished', label: '完成时间', children: formatDateTime(job.finishedAt) },
          ]}
        />
      </Flex>
    </Card>
  );
}
