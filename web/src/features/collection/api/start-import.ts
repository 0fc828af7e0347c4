import { apiUpload } from '../../../lib/api-client.js';
import type { CollectionKind, ImportJob, ImportMode } from '../types.js';

export interface StartImportInput {
  kind: CollectionKind;
  file: File;
  mode: ImportMode;
  /** true: records become drafts; false: they are submitted for review. */
  asDraft: boolean;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type to send: the server reads the format from the bytes, so unknown files go as octet-stream. */
export function uploadContentType(fileName: string): string {
  const extension = fileName.toLowerCase().split('.').pop();
  if (extension === 'xlsx') return XLSX_MIME;
  if (extension === 'csv') return 'text/csv';
  if (extension === 'json') return 'application/json';
  return 'application/octet-stream';
}

/**
 * POST /api/collection/:kind/imports?mode=…&asDraft=…&fileName=… with the file as the raw body
 * (not multipart). Answers 202 with the queued job; its progress is read from GET …/imports/:id.
 */
export async function startImport({ kind, file, mode, asDraft }: StartImportInput): Promise<ImportJob> {
  const { job } = await apiUpload<{ job: ImportJob }>(`/api/collection/${encodeURIComponent(kind)}/imports`, file, {
    query: { mode, asDraft, fileName: file.name.slice(0, 255) || '上传文件' },
    contentType: uploadContentType(file.name),
  });
  return job;
}
