import { apiRequest } from '../../../lib/api-client.js';

/** DELETE /api/achievements/:id/attachments/:attachmentId (members of the owning organization). */
export function deleteAttachment(achievementId: string, attachmentId: string): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>(
    `/api/achievements/${encodeURIComponent(achievementId)}/attachments/${encodeURIComponent(attachmentId)}`,
    { method: 'DELETE' },
  );
}
