import type { ImportJob, ImportMode, ImportPhase, ImportStatus } from './types.js';

export const importModeLabels: Record<ImportMode, string> = {
  all_or_nothing: '全部正确才导入',
  valid_only: '导入正确的行，其余生成错误报告',
};

/** Short form for table cells. */
export const importModeShortLabels: Record<ImportMode, string> = {
  all_or_nothing: '全部正确才导入',
  valid_only: '仅导入正确的行',
};

export const importStatusLabels: Record<ImportStatus, string> = {
  queued: '排队中',
  running: '进行中',
  succeeded: '已完成',
  failed: '失败',
};

export const importStatusColors: Record<ImportStatus, string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
};

export const importPhaseLabels: Record<ImportPhase, string> = {
  validating: '校验中',
  importing: '导入中',
};

export function isJobActive(job: Pick<ImportJob, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'running';
}

/** The status tag text: a finished job that imported part of the file says so. */
export function statusText(job: ImportJob): string {
  if (job.status === 'running' && job.phase) return importPhaseLabels[job.phase];
  if (job.status === 'succeeded' && job.errorRows > 0) return job.importedRows + job.duplicateRows > 0 ? '部分导入' : '未导入';
  return importStatusLabels[job.status];
}

/** Tag color: a finished job that left rows out is a warning, not a plain success. */
export function statusColor(job: ImportJob): string {
  if (job.status === 'succeeded' && job.errorRows > 0) return 'warning';
  return importStatusColors[job.status];
}
