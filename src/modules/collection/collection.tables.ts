import { bigserial, boolean, index, integer, pgTable, smallint, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
// Tables import tables directly (as accounts does with regions): drizzle-kit loads this file alone.
import { organizations, users } from '../accounts/accounts.tables.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const IMPORT_MODES = ['all_or_nothing', 'valid_only'] as const;
export const IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export const IMPORT_PHASES = ['validating', 'importing'] as const;

/**
 * 导入任务: one uploaded file being collected into records of one kind. The file itself is not
 * stored (see README: it lives in memory while the job runs and for a while after).
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** RecordKind name, e.g. 'achievement'. */
    kind: text('kind').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    fileName: text('file_name').notNull(),
    fileSha256: varchar('file_sha256', { length: 64 }).notNull(),
    fileSize: integer('file_size').notNull(),
    /** xlsx | csv | json, once recognized. */
    format: text('format'),
    mode: text('mode', { enum: IMPORT_MODES }).notNull(),
    asDraft: boolean('as_draft').notNull(),
    status: text('status', { enum: IMPORT_STATUSES }).notNull().default('queued'),
    /** While running: reading and validating every row first, then writing. */
    phase: text('phase', { enum: IMPORT_PHASES }),
    /** Data rows in the file; known once validation has read it to the end. */
    totalRows: integer('total_rows').notNull().default(0),
    /** Rows handled in the current phase (all rows when validating, valid rows when importing). */
    processedRows: integer('processed_rows').notNull().default(0),
    importedRows: integer('imported_rows').notNull().default(0),
    /** Valid rows whose record already existed (已存在), e.g. the same file uploaded again. */
    duplicateRows: integer('duplicate_rows').notNull().default(0),
    errorRows: integer('error_rows').notNull().default(0),
    percent: smallint('percent').notNull().default(0),
    /** Why the file as a whole was refused or the job failed; null when it succeeded. */
    fileError: text('file_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    /** Written with every progress update; an unfinished job without recent heartbeat was interrupted. */
    heartbeatAt: ts('heartbeat_at').notNull().defaultNow(),
  },
  (t) => [
    index('import_jobs_org_idx').on(t.organizationId, t.createdAt),
    index('import_jobs_created_idx').on(t.createdAt),
    index('import_jobs_unfinished_idx').on(t.status, t.heartbeatAt),
  ],
);

/** 导入错误: one problem in one row of an import job's file (capped per job, see README). */
export const importErrors = pgTable(
  'import_errors',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    jobId: uuid('job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    /** Column header (Chinese), or empty for a row-level problem. */
    column: text('column').notNull(),
    value: text('value').notNull().default(''),
    message: text('message').notNull(),
  },
  (t) => [index('import_errors_job_idx').on(t.jobId, t.rowNumber, t.id)],
);
