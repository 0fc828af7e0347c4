import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import { formatDateTime } from '../../../lib/format-time.js';
import { errorReportUrl } from '../api/download-error-report.js';
import { importModeShortLabels, statusColor, statusText } from '../labels.js';
import type { ImportJob } from '../types.js';

const columns: TableColumnsType<ImportJob> = [
  { title: '上传时间', key: 'createdAt', render: (_, job) => formatDateTime(job.createdAt) },
  {
    title: '文件',
    key: 'fileName',
    render: (_, job) => (
      <Typography.Text ellipsis={{ tooltip: job.fileName }} style={{ maxWidth: 240 }}>
        {job.fileName}
      </Typography.Text>
    ),
  },
  {
    title: '状态',
    key: 'status',
    render: (_, job) => (
      <Tag color={statusColor(job)} title={job.fileError ?? undefined}>
        {statusText(job)}
      </Tag>
    ),
  },
  { title: '导入', key: 'imported', align: 'right', render: (_, job) => job.importedRows },
  { title: '已存在', key: 'duplicate', align: 'right', render: (_, job) => job.duplicateRows },
  {
    title: '错误行',
    key: 'errors',
    align: 'right',
    render: (_, job) => (job.errorRows > 0 ? <Typography.Text type="danger">{job.errorRows}</Typography.Text> : 0),
  },
  {
    title: '错误报告',
    key: 'report',
    render: (_, job) =>
      job.errorRows > 0 && job.allowedActions.includes('downloadErrorReport') ? (
        <a href={errorReportUrl(job.id)} download aria-label={`下载 ${job.fileName} 的错误报告`}>
          下载
        </a>
      ) : job.fileError ? (
        <Typography.Text type="danger" ellipsis={{ tooltip: job.fileError }} style={{ maxWidth: 220 }}>
          {job.fileError}
        </Typography.Text>
      ) : (
        '—'
      ),
  },
  {
    title: '导入方式',
    key: 'mode',
    render: (_, job) => `${importModeShortLabels[job.mode]}${job.asDraft ? '（草稿）' : '（提交审核）'}`,
  },
];

export interface ImportJobsTableProps {
  jobs: ImportJob[];
  total: number;
  loading: boolean;
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
}

/** Past import jobs of the organization, newest first. */
export function ImportJobsTable({ jobs, total, loading, page, pageSize, onPageChange }: ImportJobsTableProps) {
  return (
    <Table<ImportJob>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={jobs}
      loading={loading}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '暂无导入记录' }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        showTotal: (count) => `共 ${count} 条`,
        onChange: (nextPage, nextSize) => onPageChange(nextSize === pageSize ? nextPage : 1, nextSize),
      }}
    />
  );
}
