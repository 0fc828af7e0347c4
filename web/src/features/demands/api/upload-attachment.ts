import { apiUpload } from '../../../lib/api-client.js';
import type { UploadedAttachment } from '../types.js';

/** The server's limits (demands.service.ts), checked here first so a refusal needs no upload. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

/**
 * POST /api/demands/:id/attachments?fileName=…&public=… with the file as the raw body. `isPublic`:
 * shown on the board to everyone; otherwise only to those who see the details (the claimant…).
 * The server decides the type from the content, so the body goes as octet-stream.
 */
export function uploadAttachment(demandId: string, file: File, isPublic: boolean): Promise<UploadedAttachment> {
  return apiUpload<UploadedAttachment>(`/api/demands/${encodeURIComponent(demandId)}/attachments`, file, {
    query: { fileName: file.name.slice(0, 200) || '附件', public: isPublic },
    contentType: 'application/octet-stream',
  });
}
