/**
 * GET /api/demands/:id/attachments/:attachmentId: the file itself (the session cookie decides
 * whether a non-public file may be read), so the page links to it instead of fetching it.
 */
export function attachmentUrl(demandId: string, attachmentId: string): string {
  return `/api/demands/${encodeURIComponent(demandId)}/attachments/${encodeURIComponent(attachmentId)}`;
}
