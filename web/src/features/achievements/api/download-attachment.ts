/**
 * GET /api/achievements/:id/attachments/:attachmentId: the file itself (the session cookie decides
 * whether the gated part may be read), so the page links to it instead of fetching it.
 */
export function attachmentUrl(achievementId: string, attachmentId: string): string {
  return `/api/achievements/${encodeURIComponent(achievementId)}/attachments/${encodeURIComponent(attachmentId)}`;
}
