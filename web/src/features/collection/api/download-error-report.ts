/**
 * GET /api/collection/imports/:id/errors.xlsx: the error report (the uploaded rows with an 错误说明
 * column while the upload is still in memory, else the stored errors). A plain link downloads it.
 */
export function errorReportUrl(jobId: string): string {
  return `/api/collection/imports/${encodeURIComponent(jobId)}/errors.xlsx`;
}
