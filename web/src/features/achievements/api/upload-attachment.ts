import { apiUpload } from '../../../lib/api-client.js';
import type { AchievementAttachment } from '../types.js';

/** The server's limits (achievements.service.ts), checked here first so a refusal needs no upload. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

/**
 * POST /api/achievements/:id/attachments?fileName=… with the file as the raw body. The server
 * decides the type from the content (PDF, images, Office), so the body goes as octet-stream: a
 * JSON or text content type would be parsed instead of stored.
 */
export function uploadAttachment(achievementId: string, file: File): Promise<AchievementAttachment> {
  return apiUpload<AchievementAttachment>(`/api/achievements/${encodeURIComponent(achievementId)}/attachments`, file, {
    query: { fileName: file.name.slice(0, 200) || '附件' },
    contentType: 'application/octet-stream',
  });
}
