import { AttachmentsCard as RecordAttachmentsCard } from '../../../lib/attachments-card.js';
import { deleteAttachment } from '../api/delete-attachment.js';
import { attachmentUrl } from '../api/download-attachment.js';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, uploadAttachment } from '../api/upload-attachment.js';
import type { AchievementAttachment } from '../types.js';

export interface AttachmentsCardProps {
  /** The record; undefined until the first autosave has created it. */
  achievementId: string | undefined;
  /** The attachments the record had when the form opened; the card keeps the list from then on. */
  initial: readonly AchievementAttachment[] | null | undefined;
  readOnly: boolean;
}

/** 附件 in the achievement form (the section the form's section links jump to). */
export function AttachmentsCard({ achievementId, initial, readOnly }: AttachmentsCardProps) {
  return (
    <RecordAttachmentsCard<AchievementAttachment>
      recordId={achievementId}
      initial={initial}
      readOnly={readOnly}
      upload={uploadAttachment}
      remove={deleteAttachment}
      urlOf={attachmentUrl}
      maxBytes={MAX_ATTACHMENT_BYTES}
      maxCount={MAX_ATTACHMENTS}
      noun="成果"
      hint={(hasRecord, full) =>
        hasRecord
          ? `PDF、图片或 Office 文档，单个不超过 20 MB，最多 ${MAX_ATTACHMENTS} 个${full ? '（已满）' : ''}`
          : '填写成果名称并自动保存后可上传附件'
      }
      cardProps={{ id: 'section-attachments', style: { scrollMarginTop: 96 } }}
    />
  );
}
