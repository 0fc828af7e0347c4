import { Checkbox, Tag } from 'antd';
import { useState } from 'react';
import { AttachmentsCard } from '../../../lib/attachments-card.js';
import { deleteAttachment } from '../api/delete-attachment.js';
import { attachmentUrl } from '../api/download-attachment.js';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, uploadAttachment } from '../api/upload-attachment.js';
import type { DemandAttachment } from '../types.js';

/**
 * 附件 of the demand form: drawings, specifications, photos. Each file is either public (on the
 * board) or for the claimant and reviewers only. Uploads take effect at once, independently of
 * the form's autosave.
 */
export function DemandAttachmentsCard({
  demandId,
  initial,
  readOnly,
}: {
  /** The demand; undefined until the first autosave has created it. */
  demandId: string | undefined;
  initial: readonly DemandAttachment[] | undefined;
  readOnly: boolean;
}) {
  const [isPublic, setPublic] = useState(false);
  return (
    <AttachmentsCard<DemandAttachment>
      recordId={demandId}
      initial={initial}
      readOnly={readOnly}
      upload={(id, file) => uploadAttachment(id, file, isPublic)}
      remove={deleteAttachment}
      urlOf={attachmentUrl}
      maxBytes={MAX_ATTACHMENT_BYTES}
      maxCount={MAX_ATTACHMENTS}
      noun="需求"
      hint={(hasRecord) =>
        hasRecord
          ? `PDF、图片或 Office 文档，单个不超过 20 MB，最多 ${MAX_ATTACHMENTS} 个；不公开的附件仅认领机构和审核部门可见`
          : '填写需求名称并自动保存后可上传附件'
      }
      uploadOptions={
        <Checkbox checked={isPublic} disabled={demandId === undefined || readOnly} onChange={(event) => setPublic(event.target.checked)}>
          在需求大厅公开
        </Checkbox>
      }
      tagOf={(file) => <Tag>{file.isPublic ? '公开' : '仅认领方可见'}</Tag>}
    />
  );
}
