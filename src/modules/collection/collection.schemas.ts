import { z } from 'zod';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.js';
import { IMPORT_MODES, IMPORT_PHASES, IMPORT_STATUSES } from './collection.tables.js';

export const KindParamSchema = z.strictObject({ kind: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, '采集类型格式不正确') });
export const JobIdParamSchema = z.strictObject({ id: z.uuid('导入任务 ID 格式不正确') });

const BooleanText = z.enum(['true', 'false']).transform((v) => v === 'true');

export const StartImportQuerySchema = z.strictObject({
  /** all_or_nothing: import only when every row is valid (default); valid_only: import the valid rows. */
  mode: z.enum(IMPORT_MODES).default('all_or_nothing'),
  /** Import as drafts (default) rather than submitting the records. */
  asDraft: BooleanText.default(true),
  fileName: z.string().trim().min(1).max(255).default('上传文件'),
});
export type StartImportQuery = z.infer<typeof StartImportQuerySchema>;

export const ImportListQuerySchema = PageQuerySchema.extend({
  kind: z.string().max(40).optional(),
}).strict();

export const ImportJobOutSchema = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  organizationId: z.string(),
  userId: z.string(),
  fileName: z.string(),
  fileSha256: z.string(),
  fileSize: z.number().int(),
  format: z.string().nullable(),
  mode: z.enum(IMPORT_MODES),
  asDraft: z.boolean(),
  status: z.enum(IMPORT_STATUSES),
  phase: z.enum(IMPORT_PHASES).nullable(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  importedRows: z.number().int(),
  duplicateRows: z.number().int(),
  errorRows: z.number().int(),
  percent: z.number().int().min(0).max(100),
  fileError: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** True while the uploaded rows are still in memory: the report then repeats them with an error column. */
  originalRowsAvailable: z.boolean(),
  allowedActions: z.array(z.enum(['view', 'downloadErrorReport'])),
});
export type ImportJobOut = z.infer<typeof ImportJobOutSchema>;

export const ImportJobPageSchema = pageOf(ImportJobOutSchema);

/** GET /api/collection/kinds: the record kinds the caller may upload, for the import page's choice. */
export const KindListSchema = z.object({ items: z.array(z.object({ name: z.string(), label: z.string() })) });
