import { and, asc, count, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { importErrors, importJobs } from './collection.tables.js';

export type ImportJobRow = typeof importJobs.$inferSelect;
export type ImportJobInsert = typeof importJobs.$inferInsert;
export type ImportJobPatch = Partial<Omit<ImportJobInsert, 'id'>>;
export type ImportErrorInsert = typeof importErrors.$inferInsert;
export type ImportErrorRow = typeof importErrors.$inferSelect;

/** Which jobs a caller may see: all (operator) or one organization's. */
export type JobScope = { all: true } | { all: false; organizationId: string };

function scopeWhere(scope: JobScope): SQL | undefined {
  return scope.all ? undefined : eq(importJobs.organizationId, scope.organizationId);
}

export async function insertJob(db: Db, job: ImportJobInsert): Promise<ImportJobRow> {
  const [row] = await db.insert(importJobs).values(job).returning();
  if (!row) throw new Error('insert into import_jobs returned nothing');
  return row;
}

export async function updateJob(db: Db, id: string, patch: ImportJobPatch): Promise<ImportJobRow | null> {
  const [row] = await db.update(importJobs).set(patch).where(eq(importJobs.id, id)).returning();
  return row ?? null;
}

/** One job, or null when it does not exist or is outside the scope. */
export async function findJob(db: Db, id: string, scope: JobScope): Promise<ImportJobRow | null> {
  const rows = await db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.id, id), scopeWhere(scope)))
    .limit(1);
  return rows[0] ?? null;
}

export async function listJobs(db: Db, scope: JobScope, filter: { kind?: string }, page: number, pageSize: number) {
  const where = and(scopeWhere(scope), filter.kind ? eq(importJobs.kind, filter.kind) : undefined);
  const [items, totals] = await Promise.all([
    db
      .select()
      .from(importJobs)
      .where(where)
      .orderBy(desc(importJobs.createdAt), desc(importJobs.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(importJobs).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function insertErrors(db: Db, errors: ImportErrorInsert[]): Promise<void> {
  if (errors.length) await db.insert(importErrors).values(errors);
}

export async function deleteErrors(db: Db, jobId: string): Promise<void> {
  await db.delete(importErrors).where(eq(importErrors.jobId, jobId));
}

/** A job's stored errors in row order, in batches. */
export async function* iterateErrors(db: Db, jobId: string, batch = 2000): AsyncGenerator<ImportErrorRow[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(importErrors)
      .where(and(eq(importErrors.jobId, jobId)))
      .orderBy(asc(importErrors.rowNumber), asc(importErrors.id))
      .limit(batch)
      .offset(after);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batch) return;
    after += batch;
  }
}

/** Unfinished jobs whose runner has not written for a while (the process that ran them ended). */
export async function findStaleJobs(db: Db, heartbeatBefore: Date): Promise<ImportJobRow[]> {
  return db
    .select()
    .from(importJobs)
    .where(and(inArray(importJobs.status, ['queued', 'running']), lt(importJobs.heartbeatAt, heartbeatBefore)));
}
