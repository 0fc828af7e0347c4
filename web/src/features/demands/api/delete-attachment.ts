import { apiRequest } from '../../../lib/api-client.js';

/** DELETE /api/demands/:id/attachments/:attachmentId (the enterprise or the poster). */
export function deleteAttachment(demandId: string, attachmentId: string): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>(`/api/demands/${encodeURIComponent(demandId)}/attachments/${encodeURIComponent(attachmentId)}`, {
    method: 'DELETE',
  });
}
