import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, List, Popconfirm, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { deleteAttachment } from '../api/delete-attachment.js';
import { attachmentUrl } from '../api/download-attachment.js';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, uploadAttachment } from '../api/upload-attachment.js';
import type { AchievementAttachment } from '../types.js';

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The server's checks that need no upload, with its messages. */
function precheck(file: File, count: number): string | undefined {
  if (file.size === 0) return '文件为空';
  if (file.size > MAX_ATTACHMENT_BYTES) return '附件不能超过 20 MB';
  if (count >= MAX_ATTACHMENTS) return `每项成果最多 ${MAX_ATTACHMENTS} 个附件`;
  return undefined;
}

export interface AttachmentsCardProps {
  /** The record; undefined until the first autosave has created it. */
  achievementId: string | undefined;
  /** The attachments the record had when the form opened; the card keeps the list from then on. */
  initial: readonly AchievementAttachment[] | null | undefined;
  readOnly: boolean;
}

/**
 * 附件 in the achievement form: upload (the file as the raw body), download, delete. Uploads take
 * effect at once, independently of the form's autosave.
 */
export function AttachmentsCard({ achievementId, initial, readOnly }: AttachmentsCardProps) {
  const { message } = App.useApp();
  const [files, setFiles] = useState<AchievementAttachment[]>(() => [...(initial ?? [])]);
  const [isUploading, setUploading] = useState(false);
  const [deleting, setDeleting] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const upload = async (file: File) => {
    if (!achievementId) return;
    const refused = precheck(file, files.length);
    setProblem(refused);
    if (refused) return;
    setUploading(true);
    try {
      const added = await uploadAttachment(achievementId, file);
      setFiles((previous) => [...previous, added]);
      message.success(`已上传 ${added.fileName}`);
    } catch (error) {
      setProblem(`上传失败：${errorMessage(error)}`);
    } finally {
      setUploading(false);
    }
  };

  const remove = async (file: AchievementAttachment) => {
    if (!achievementId) return;
    setDeleting(file.id);
    setProblem(undefined);
    try {
      await deleteAttachment(achievementId, file.id);
      setFiles((previous) => previous.filter((item) => item.id !== file.id));
      message.success(`已删除 ${file.fileName}`);
    } catch (error) {
      setProblem(`删除失败：${errorMessage(error)}`);
    } finally {
      setDeleting(undefined);
    }
  };

  const full = files.length >= MAX_ATTACHMENTS;
  const canUpload = achievementId !== undefined && !readOnly;

  return (
    <Card id="section-attachments" title="附件" size="small" style={{ scrollMarginTop: 96 }}>
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
            <Typography.Text type="secondary">
              {achievementId
                ? `PDF、图片或 Office 文档，单个不超过 20 MB，最多 ${MAX_ATTACHMENTS} 个${full ? '（已满）' : ''}`
                : '填写成果名称并自动保存后可上传附件'}
            </Typography.Text>
          </Flex>
        )}
        {problem && <Alert type="error" showIcon title={problem} closable={{ onClose: () => setProblem(undefined) }} />}
        {files.length > 0 ? (
          <List<AchievementAttachment>
            size="small"
            dataSource={files}
            renderItem={(file) => (
              <List.Item
                actions={
                  readOnly || !achievementId
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
                  {achievementId ? (
                    <a href={attachmentUrl(achievementId, file.id)} download={file.fileName} style={{ wordBreak: 'break-all' }}>
                      <PaperClipOutlined /> {file.fileName}
                    </a>
                  ) : (
                    file.fileName
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
