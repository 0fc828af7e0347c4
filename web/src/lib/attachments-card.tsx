import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, type CardProps, Flex, List, Popconfirm, Typography, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { errorMessage } from './api-client.js';
import { formatDateTime } from './format-time.js';

/** What the card shows of an attachment. */
export interface AttachmentItem {
  id: string;
  fileName: string;
  sizeBytes: number;
  createdAt: string;
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export interface AttachmentsCardProps<T extends AttachmentItem> {
  /** The record; undefined until the first autosave has created it. */
  recordId: string | undefined;
  /** The attachments the record had when the form opened; the card keeps the list from then on. */
  initial: readonly T[] | null | undefined;
  readOnly: boolean;
  /** The record's attachment endpoints. */
  upload: (recordId: string, file: File) => Promise<T>;
  remove: (recordId: string, attachmentId: string) => Promise<unknown>;
  urlOf: (recordId: string, attachmentId: string) => string;
  /** The server's limits, checked here first so a refusal needs no upload. */
  maxBytes: number;
  maxCount: number;
  /** 成果 / 需求, in the message when the record is full. */
  noun: string;
  /** The line beside the upload button: before the record exists, and once it does (`full`: no more room). */
  hint: (hasRecord: boolean, full: boolean) => string;
  /** More upload options, between the button and the hint. */
  uploadOptions?: ReactNode;
  /** A tag after the file name. */
  tagOf?: (file: T) => ReactNode;
  cardProps?: Pick<CardProps, 'id' | 'style'>;
}

/**
 * 附件 in a record's form: upload (the file as the raw body), download, delete. Uploads take
 * effect at once, independently of the form's autosave.
 */
export function AttachmentsCard<T extends AttachmentItem>({
  recordId,
  initial,
  readOnly,
  upload: uploadFile,
  remove: removeFile,
  urlOf,
  maxBytes,
  maxCount,
  noun,
  hint,
  uploadOptions,
  tagOf,
  cardProps,
}: AttachmentsCardProps<T>) {
  const { message } = App.useApp();
  const [files, setFiles] = useState<T[]>(() => [...(initial ?? [])]);
  const [isUploading, setUploading] = useState(false);
  const [deleting, setDeleting] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const upload = async (file: File) => {
    if (!recordId) return;
    // The server's checks that need no upload, with its messages.
    const refused =
      file.size === 0
        ? '文件为空'
        : file.size > maxBytes
          ? '附件不能超过 20 MB'
          : files.length >= maxCount
            ? `每项${noun}最多 ${maxCount} 个附件`
            : undefined;
    setProblem(refused);
    if (refused) return;
    setUploading(true);
    try {
      const added = await uploadFile(recordId, file);
      setFiles((previous) => [...previous, added]);
      message.success(`已上传 ${added.fileName}`);
    } catch (error) {
      setProblem(`上传失败：${errorMessage(error)}`);
    } finally {
      setUploading(false);
    }
  };

  const remove = async (file: T) => {
    if (!recordId) return;
    setDeleting(file.id);
    setProblem(undefined);
    try {
      await removeFile(recordId, file.id);
      setFiles((previous) => previous.filter((item) => item.id !== file.id));
      message.success(`已删除 ${file.fileName}`);
    } catch (error) {
      setProblem(`删除失败：${errorMessage(error)}`);
    } finally {
      setDeleting(undefined);
    }
  };

  const canUpload = recordId !== undefined && !readOnly;
  const link = (file: T) =>
    recordId ? (
      <a href={urlOf(recordId, file.id)} download={file.fileName} style={{ wordBreak: 'break-all' }}>
        <PaperClipOutlined /> {file.fileName}
      </a>
    ) : (
      file.fileName
    );

  return (
    <Card title="附件" size="small" {...cardProps}>
      <Flex vertical gap={12}>
        {!readOnly && (
          <Flex align="center" gap={12} wrap>
            <Upload
              showUploadList={false}
              multiple={false}
              disabled={!canUpload || isUploading}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={isUploading} disabled={!canUpload}>
                上传附件
              </Button>
            </Upload>
            {uploadOptions}
            <Typography.Text type="secondary">{hint(recordId !== undefined, files.length >= maxCount)}</Typography.Text>
          </Flex>
        )}
        {problem && <Alert type="error" showIcon title={problem} closable={{ onClose: () => setProblem(undefined) }} />}
        {files.length > 0 ? (
          <List<T>
            size="small"
            dataSource={files}
            renderItem={(file) => (
              <List.Item
                actions={
                  readOnly || !recordId
                    ? undefined
                    : [
                        <Popconfirm
                          key="delete"
                          title={`删除附件“${file.fileName}”？`}
                          okText="删除"
                          cancelText="取消"
                          okButtonProps={{ danger: true }}
                          onConfirm={() => remove(file)}
                        >
                          <Button
                            type="text"
                            danger
                            size="small"
                            icon={<DeleteOutlined />}
                            loading={deleting === file.id}
                            aria-label={`删除 ${file.fileName}`}
                          />
                        </Popconfirm>,
                      ]
                }
              >
                <Flex vertical style={{ minWidth: 0 }}>
                  {tagOf ? (
                    <span>
                      {link(file)} {tagOf(file)}
                    </span>
                  ) : (
                    link(file)
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {sizeText(file.sizeBytes)} · {formatDateTime(file.createdAt)}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        ) : (
          <Typography.Text type="secondary">暂无附件</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
