import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Radio, Skeleton, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../lib/api-client.js';
import { templateUrl } from '../api/download-template.js';
import { useImportJob } from '../api/get-import.js';
import { useImports } from '../api/list-imports.js';
import { useCollectionKinds } from '../api/list-kinds.js';
import { startImport } from '../api/start-import.js';
import { ImportJobCard } from '../components/import-job-card.js';
import { ImportJobsTable } from '../components/import-jobs-table.js';
import { importModeLabels, isJobActive } from '../labels.js';
import type { CollectionKindInfo, ImportJob, ImportMode } from '../types.js';

const ACCEPT = '.xlsx,.csv,.json';
/** The server's limit for one upload. */
const MAX_UPLOAD_BYTES = 60 * 1024 * 1024;

/**
 * 批量导入 (采集汇交): choose what to import (the kinds the server offers the caller: 科技成果,
 * 技术需求, …), download its template, upload a filled xlsx / CSV / JSON file, follow the job's
 * progress, download the error report; the organization's earlier jobs of that kind below.
 */
export function ImportsPage() {
  const kinds = useCollectionKinds();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const items = kinds.data?.items ?? [];
  const kind = items.find((item) => item.name === chosen) ?? items[0];
  if (kinds.error) return <Alert type="error" showIcon title={kinds.error.detail} action={<Button onClick={kinds.reload}>重试</Button>} />;
  if (!kinds.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!kind) return <Alert type="info" showIcon title="您所在的机构暂无可批量导入的内容" />;
  return <KindImports key={kind.name} kind={kind} kinds={items} onKindChange={setChosen} />;
}

function KindImports({ kind, kinds, onKindChange }: { kind: CollectionKindInfo; kinds: CollectionKindInfo[]; onKindChange: (name: string) => void }) {
  const [file, setFile] = useState<File | undefined>(undefined);
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [asDraft, setAsDraft] = useState(true);
  const [isStarting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | undefined>(undefined);
  const [started, setStarted] = useState<ImportJob | undefined>(undefined);
  const { job, error: pollError } = useImportJob(started);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const list = useImports({ kind: kind.name, page, pageSize });
  const { reload } = list;

  // The table shows the job as soon as it starts and again once it has finished.
  const finishedId = job && !isJobActive(job) ? job.id : undefined;
  useEffect(() => {
    if (finishedId) reload();
  }, [finishedId, reload]);

  const handleStart = async () => {
    if (!file) return;
    setStarting(true);
    setStartError(undefined);
    // The card follows the new job from its 202 answer on; a big file may take a while to send.
    setStarted(undefined);
    try {
      const created = await startImport({ kind: kind.name, file, mode, asDraft });
      setStarted(created);
      setFile(undefined);
      setPage(1);
      reload();
    } catch (error) {
      setStartError(errorMessage(error));
    } finally {
      setStarting(false);
    }
  };

  const running = job !== undefined && isJobActive(job);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          批量导入
        </Typography.Title>
        <Button icon={<DownloadOutlined />} href={templateUrl(kind.name)} download>
          下载{kind.label}模板
        </Button>
      </Flex>
      <Card>
        <Flex vertical gap={16}>
          {kinds.length > 1 && (
            <Flex vertical gap={8}>
              <Typography.Text strong id="import-kind-label">
                导入内容
              </Typography.Text>
              <Radio.Group
                aria-labelledby="import-kind-label"
                optionType="button"
                value={kind.name}
                disabled={isStarting}
                options={kinds.map((item) => ({ value: item.name, label: item.label }))}
                onChange={(event) => onKindChange(String(event.target.value))}
              />
            </Flex>
          )}
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            按模板填写{kind.label}（第一行为表头，不要改动列的顺序），支持 Excel（.xlsx）、CSV 和 JSON 文件。已存在的{kind.label}不会重复导入。
          </Typography.Paragraph>
          <Upload.Dragger
            accept={ACCEPT}
            multiple={false}
            maxCount={1}
            showUploadList={false}
            disabled={isStarting}
            beforeUpload={(picked) => {
              setStartError(picked.size > MAX_UPLOAD_BYTES ? '文件不能超过 60 MB' : undefined);
              setFile(picked.size > MAX_UPLOAD_BYTES ? undefined : picked);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{file ? file.name : '将文件拖到此处，或'}</p>
            <p className="ant-upload-hint">
              {file ? `${Math.max(1, Math.round(file.size / 1024))} KB · 点击或拖入可更换` : '.xlsx / .csv / .json，不超过 60 MB'}
            </p>
            <Button style={{ marginTop: 8 }}>选择文件</Button>
          </Upload.Dragger>
          <Flex vertical gap={8}>
            <Typography.Text strong id="import-mode-label">
              导入方式
            </Typography.Text>
            <Radio.Group
              aria-labelledby="import-mode-label"
              value={mode}
              onChange={(event) => setMode(event.target.value as ImportMode)}
            >
              <Space orientation="vertical">
                <Radio value="all_or_nothing">{importModeLabels.all_or_nothing}</Radio>
                <Radio value="valid_only">{importModeLabels.valid_only}</Radio>
              </Space>
            </Radio.Group>
          </Flex>
          <Checkbox checked={asDraft} onChange={(event) => setAsDraft(event.target.checked)}>
            导入为草稿
          </Checkbox>
          {!asDraft && (
            <Typography.Text type="secondary" style={{ marginTop: -8 }}>
              不勾选时，导入的{kind.label}直接提交审核。
            </Typography.Text>
          )}
          {startError && <Alert type="error" showIcon title={startError} />}
          <div>
            <Button type="primary" onClick={handleStart} disabled={!file || running} loading={isStarting}>
              开始导入
            </Button>
            {isStarting && (
              <Typography.Text type="secondary" role="status" style={{ marginInlineStart: 12 }}>
                正在上传文件…
              </Typography.Text>
            )}
          </div>
        </Flex>
      </Card>
      {job && <ImportJobCard job={job} pollError={pollError?.detail} />}
      <Card title="导入记录" styles={{ body: { padding: 0 } }}>
        {list.error && <Alert type="error" showIcon title={list.error.detail} style={{ margin: 16 }} />}
        <ImportJobsTable
          jobs={list.data?.items ?? []}
          total={list.data?.total ?? 0}
          loading={list.isLoading}
          page={page}
          pageSize={pageSize}
          onPageChange={(nextPage, nextSize) => {
            setPage(nextPage);
            setPageSize(nextSize);
          }}
        />
      </Card>
    </Flex>
  );
}
