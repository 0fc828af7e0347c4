import { createHash } from 'node:crypto';
import type { Actor, RequestContext } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { canImport, canViewJob, importRefusal, jobScopeOf } from './collection.policy.js';
import * as q from './collection.queries.js';
import type { ImportErrorInsert, ImportJobPatch, ImportJobRow } from './collection.queries.js';
import type { ImportJobOut, StartImportQuery } from './collection.schemas.js';
import type { RawCell } from './cells.js';
import type { RecordKind, RecordKinds } from './collection.types.js';
import { buildErrorReport } from './error-report.js';
import { detectFormat, parseUpload, rowErrorOf, UploadFileError } from './parse.js';
import { UploadCache } from './upload-cache.js';

/**
 * Import jobs (导入任务) of bulk collection. A job runs in this process right after the upload, one
 * job at a time, in batches, yielding to the event loop between batches so the server keeps
 * answering. Every job reads the file twice:
 *
 * 1. validating: every row is read and validated (the kind's `checkBatch`, when it has one, on
 *    batches of rows), errors are stored; file-level problems (some only visible at the end of the
 *    file) fail the job before anything is written.
 * 2. importing: the valid rows are read again and written through the kind's `importBatch`.
 *    - all_or_nothing: only when pass 1 found no invalid row, and in ONE transaction, so a
 *      failure while writing leaves nothing either. With PGlite that transaction holds the single
 *      connection: other requests that need the database wait until the import ends.
 *    - valid_only: one transaction per batch; a failure keeps the batches already written.
 */

export interface CollectionLogger {
  error(obj: object, msg?: string): void;
}

export interface CollectionOptions {
  /** Rows per batch (progress, transaction in valid_only, yield to the event loop). */
  batchSize: number;
  /** Stored error entries per job; the counts stay exact beyond it. */
  maxStoredErrors: number;
  /** Uploaded bytes held by queued and running jobs together; more is refused with 429. */
  maxPendingBytes: number;
  /** An unfinished job not written to for this long was interrupted (its process ended). */
  staleAfterMs: number;
  heartbeatEveryMs: number;
}

export const DEFAULT_OPTIONS: CollectionOptions = {
  batchSize: 1000,
  maxStoredErrors: 10_000,
  maxPendingBytes: 300 * 1024 * 1024,
  staleAfterMs: 2 * 60_000,
  heartbeatEveryMs: 30_000,
};

interface LiveJob {
  id: string;
  kind: RecordKind<unknown>;
  bytes: Buffer;
  ctx: RequestContext;
  mode: ImportJobRow['mode'];
  asDraft: boolean;
  phase: 'validating' | 'importing' | null;
  processedRows: number;
  percent: number;
  /** Rows refused by the kind's `checkBatch` in pass 1, skipped by pass 2. */
  rejectedRows: Set<number>;
}

export interface CollectionRuntime {
  db: Db;
  kinds: ReadonlyMap<string, RecordKind<unknown>>;
  log: CollectionLogger;
  options: CollectionOptions;
  uploads: UploadCache;
  /** Queued and running jobs of this process. */
  live: Map<string, LiveJob>;
  queue: string[];
  running: Promise<void> | null;
  closing: boolean;
  heartbeat: NodeJS.Timeout | null;
}

export function createCollectionRuntime(
  deps: { db: Db; kinds: RecordKinds; log?: CollectionLogger },
  options: Partial<CollectionOptions> = {},
): CollectionRuntime {
  const kinds = new Map<string, RecordKind<unknown>>();
  for (const [name, kind] of Object.entries(deps.kinds)) {
    if (kind.name !== name) throw new Error(`record kind registered as "${name}" is named "${kind.name}"`);
    kinds.set(name, kind);
  }
  return {
    db: deps.db,
    kinds,
    log: deps.log ?? { error: (obj, msg) => console.error(msg, obj) },
    options: { ...DEFAULT_OPTIONS, ...options },
    uploads: new UploadCache(),
    live: new Map(),
    queue: [],
    running: null,
    closing: false,
    heartbeat: null,
  };
}

export function kindOf(rt: CollectionRuntime, name: string): RecordKind<unknown> {
  const kind = rt.kinds.get(name);
  if (!kind) throw notFound('采集类型');
  return kind;
}

/** Why the actor may not upload this kind, or null: the kind's own rule, else the machinery's. */
async function refusalFor(rt: CollectionRuntime, kind: RecordKind<unknown>, actor: Actor): Promise<string | null> {
  if (!actor.organizationId) return importRefusal(actor);
  if (kind.importRefusal) return kind.importRefusal(rt.db, actor);
  return canImport(actor) ? null : importRefusal(actor);
}

/** The kinds the actor may upload (name and Chinese label), in registration order. */
export async function listKindsFor(rt: CollectionRuntime, actor: Actor): Promise<{ items: { name: string; label: string }[] }> {
  const items: { name: string; label: string }[] = [];
  for (const [name, kind] of rt.kinds) if ((await refusalFor(rt, kind, actor)) === null) items.push({ name, label: kind.label });
  return { items };
}

/** Import jobs are shown to those who may upload at least one kind (their organization's jobs). */
async function mayImportSomeKind(rt: CollectionRuntime, actor: Actor): Promise<boolean> {
  for (const kind of rt.kinds.values()) if ((await refusalFor(rt, kind, actor)) === null) return true;
  return false;
}

// ---------- presenting ----------

function isInterrupted(rt: CollectionRuntime, job: ImportJobRow): boolean {
  return (
    (job.status === 'queued' || job.status === 'running') &&
    !rt.live.has(job.id) &&
    job.heartbeatAt.getTime() < Date.now() - rt.options.staleAfterMs
  );
}

const INTERRUPTED = '导入被中断（服务重启或停止），请重新上传文件';

/** Marks a job whose process ended as failed; returns the row as it now is. */
async function settleInterrupted(rt: CollectionRuntime, job: ImportJobRow): Promise<ImportJobRow> {
  if (!isInterrupted(rt, job)) return job;
  const updated = await q.updateJob(rt.db, job.id, { status: 'failed', phase: null, fileError: INTERRUPTED, finishedAt: new Date() });
  return updated ?? job;
}

export function presentJob(rt: CollectionRuntime, job: ImportJobRow): ImportJobOut {
  const live = rt.live.get(job.id);
  const finished = job.status === 'succeeded' || job.status === 'failed';
  return {
    id: job.id,
    kind: job.kind,
    kindLabel: rt.kinds.get(job.kind)?.label ?? job.kind,
    organizationId: job.organizationId,
    userId: job.userId,
    fileName: job.fileName,
    fileSha256: job.fileSha256,
    fileSize: job.fileSize,
    format: job.format,
    mode: job.mode,
    asDraft: job.asDraft,
    status: job.status,
    // Progress inside the all_or_nothing transaction is only known in memory.
    phase: live && !finished ? live.phase : job.phase,
    totalRows: job.totalRows,
    processedRows: live && !finished ? live.processedRows : job.processedRows,
    importedRows: job.importedRows,
    duplicateRows: job.duplicateRows,
    errorRows: job.errorRows,
    percent: live && !finished ? live.percent : job.percent,
    fileError: job.fileError,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    originalRowsAvailable: rt.uploads.has(job.id),
    allowedActions: finished ? ['view', 'downloadErrorReport'] : ['view'],
  };
}

// ---------- use cases ----------

/**
 * Accepts an upload and starts its job. The file is checked only for being non-empty here; all
 * other problems are reported by the job (status failed, fileError) so there is one place to look.
 */
export async function startImport(rt: CollectionRuntime, ctx: RequestContext, kindName: string, bytes: Buffer, query: StartImportQuery): Promise<ImportJobOut> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated', '请先登录');
  const kind = kindOf(rt, kindName);
  const refusal = await refusalFor(rt, kind, actor);
  if (refusal !== null || !actor.organizationId) throw forbidden(refusal ?? importRefusal(actor));
  if (rt.closing) throw new AppError('not_ready', '服务正在停止，请稍后再试');
  let pending = 0;
  for (const j of rt.live.values()) pending += j.bytes.length;
  if (pending + bytes.length > rt.options.maxPendingBytes) {
    throw new AppError('too_many_attempts', '当前排队的导入任务较多，请稍后再上传');
  }
  const organizationId = actor.organizationId;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const row = await rt.db.transaction(async (tx) => {
    const job = await q.insertJob(tx, {
      kind: kind.name,
      organizationId,
      userId: actor.userId,
      fileName: query.fileName,
      fileSha256: sha256,
      fileSize: bytes.length,
      mode: query.mode,
      asDraft: query.asDraft,
    });
    await recordAudit(tx, ctx, {
      action: 'import.started',
      entityType: 'import_job',
      entityId: job.id,
      regionCode: actor.organizationRegionCode,
      after: { kind: kind.name, fileName: job.fileName, fileSize: job.fileSize, fileSha256: sha256, mode: job.mode, asDraft: job.asDraft },
    });
    return job;
  });
  rt.live.set(row.id, {
    id: row.id,
    kind,
    bytes,
    ctx,
    mode: row.mode,
    asDraft: row.asDraft,
    phase: null,
    processedRows: 0,
    percent: 0,
    rejectedRows: new Set(),
  });
  rt.queue.push(row.id);
  // Start after the response is on its way.
  setImmediate(() => pump(rt));
  return presentJob(rt, row);
}

export async function listImports(rt: CollectionRuntime, actor: Actor, filter: { kind?: string }, page: number, pageSize: number) {
  const scope = jobScopeOf(actor);
  if (!scope || (!scope.all && !(await mayImportSomeKind(rt, actor)))) throw forbidden('批量导入记录只对机构成员和平台运营方开放');
  const { items, total } = await q.listJobs(rt.db, scope, filter, page, pageSize);
  const settled = await Promise.all(items.map((j) => settleInterrupted(rt, j)));
  return { items: settled.map((j) => presentJob(rt, j)), total, page, pageSize };
}

async function visibleJob(rt: CollectionRuntime, actor: Actor, id: string): Promise<ImportJobRow> {
  const scope = jobScopeOf(actor);
  const job = scope ? await q.findJob(rt.db, id, scope) : null;
  // Another organization's job is "not found", so its existence does not leak.
  if (!job || !canViewJob(actor, job)) throw notFound('导入任务');
  return settleInterrupted(rt, job);
}

export async function getImport(rt: CollectionRuntime, actor: Actor, id: string): Promise<ImportJobOut> {
  return presentJob(rt, await visibleJob(rt, actor, id));
}

/** The error report workbook of a finished job, and a file name for it. */
export async function importErrorReport(rt: CollectionRuntime, actor: Actor, id: string): Promise<{ fileName: string; bytes: Buffer }> {
  const job = await visibleJob(rt, actor, id);
  if (job.status !== 'succeeded' && job.status !== 'failed') throw new AppError('invalid_state', '导入尚未完成，完成后才能下载错误报告');
  const kind = kindOf(rt, job.kind);
  const bytes = await buildErrorReport(kind, job, q.iterateErrors(rt.db, job.id), rt.uploads.get(job.id), rt.options.maxStoredErrors);
  const base = job.fileName.replace(/\.(xlsx|csv|json|txt)$/i, '');
  return { fileName: `${base}-错误报告.xlsx`, bytes };
}

// ---------- lifecycle ----------

/** Starts the heartbeat and fails the jobs a previous process left unfinished. */
export async function startCollectionRuntime(rt: CollectionRuntime): Promise<void> {
  const stale = await q.findStaleJobs(rt.db, new Date(Date.now() - rt.options.staleAfterMs));
  for (const job of stale) await settleInterrupted(rt, job);
  rt.heartbeat = setInterval(() => {
    const ids = [...rt.live.keys()];
    if (ids.length === 0) return;
    // Not awaited by the job: under PGlite it simply waits while an import transaction is open.
    void Promise.all(ids.map((id) => q.updateJob(rt.db, id, { heartbeatAt: new Date() }))).catch((err: unknown) =>
      rt.log.error({ err }, 'import heartbeat failed'),
    );
  }, rt.options.heartbeatEveryMs);
  rt.heartbeat.unref();
}

/** Stops taking jobs; the running one stops at its next batch and is marked failed. */
export async function stopCollectionRuntime(rt: CollectionRuntime): Promise<void> {
  rt.closing = true;
  if (rt.heartbeat) clearInterval(rt.heartbeat);
  await rt.running;
  const queued = rt.queue.splice(0);
  for (const id of queued) {
    rt.live.delete(id);
    await q.updateJob(rt.db, id, { status: 'failed', fileError: INTERRUPTED, finishedAt: new Date() }).catch(() => undefined);
  }
}

function pump(rt: CollectionRuntime): void {
  if (rt.running || rt.closing) return;
  const id = rt.queue.shift();
  if (id === undefined) return;
  const live = rt.live.get(id);
  if (!live) {
    pump(rt);
    return;
  }
  rt.running = runJob(rt, live)
    .catch((err: unknown) => rt.log.error({ err, jobId: id }, 'import job crashed'))
    .finally(() => {
      rt.running = null;
      pump(rt);
    });
}

// ---------- the job ----------

class Interrupted extends Error {}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function progress(rt: CollectionRuntime, live: LiveJob, patch: ImportJobPatch & { processedRows: number; percent: number }, persist: boolean) {
  live.processedRows = patch.processedRows;
  live.percent = patch.percent;
  if (persist) await q.updateJob(rt.db, live.id, { ...patch, heartbeatAt: new Date() });
  await nextTick();
  if (rt.closing) throw new Interrupted();
}

/** Valid inputs of the file in batches (pass 2 reads the file again). */
async function* validBatches(live: LiveJob, size: number): AsyncGenerator<unknown[]> {
  let batch: unknown[] = [];
  for await (const row of parseUpload(live.kind, live.bytes)) {
    if (!row.result.ok || live.rejectedRows.has(row.rowNumber)) continue;
    batch.push(row.result.value);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

function checkResults(results: ('created' | 'duplicate')[], expected: number) {
  if (results.length !== expected) throw new Error(`importBatch returned ${results.length} results for ${expected} inputs`);
  let created = 0;
  for (const r of results) if (r === 'created') created++;
  return { created, duplicate: results.length - created };
}

async function runJob(rt: CollectionRuntime, live: LiveJob): Promise<void> {
  const { db, options } = rt;
  const { id, kind } = live;
  const counts = { total: 0, errorRows: 0, imported: 0, duplicate: 0 };
  let format: string | null = null;
  try {
    format = detectFormat(live.bytes);
  } catch {
    // reported by the validation pass below
  }
  try {
    live.phase = 'validating';
    await q.updateJob(db, id, { status: 'running', phase: 'validating', format, startedAt: new Date(), heartbeatAt: new Date() });

    // Pass 1: read and validate everything; store errors; write nothing.
    let fraction = 0;
    let stored = 0;
    let pendingErrors: ImportErrorInsert[] = [];
    const storeError = (rowNumber: number, e: { column: string; value: string; message: string }) => {
      if (stored >= options.maxStoredErrors) return;
      stored++;
      pendingErrors.push({ jobId: id, rowNumber, column: e.column, value: e.value.slice(0, 1000), message: e.message });
    };
    // Rows valid so far, waiting for the kind's database checks (at most one batch).
    let unchecked: { rowNumber: number; cells: RawCell[]; value: unknown }[] = [];
    const checkRows = async () => {
      const rows = unchecked;
      unchecked = [];
      if (!kind.checkBatch || rows.length === 0) return;
      const results = await kind.checkBatch(db, live.ctx, rows.map((r) => r.value));
      if (results.length !== rows.length) throw new Error(`checkBatch returned ${results.length} results for ${rows.length} inputs`);
      rows.forEach((r, i) => {
        const errors = results[i] ?? [];
        if (errors.length === 0) return;
        counts.errorRows++;
        live.rejectedRows.add(r.rowNumber);
        for (const e of errors) storeError(r.rowNumber, rowErrorOf(kind, r.cells, e));
      });
    };
    for await (const row of parseUpload(kind, live.bytes, { onProgress: (f) => { fraction = f; } })) {
      counts.total++;
      if (!row.result.ok) {
        counts.errorRows++;
        for (const e of row.result.errors) storeError(row.rowNumber, e);
      } else if (kind.checkBatch) {
        unchecked.push({ rowNumber: row.rowNumber, cells: row.cells, value: row.result.value });
      }
      if (counts.total % options.batchSize === 0) {
        await checkRows();
        await q.insertErrors(db, pendingErrors);
        pendingErrors = [];
        await progress(rt, live, { processedRows: counts.total, percent: Math.min(49, Math.floor(fraction * 50)), errorRows: counts.errorRows }, true);
      }
    }
    await checkRows();
    await q.insertErrors(db, pendingErrors);
    const valid = counts.total - counts.errorRows;
    await progress(rt, live, { processedRows: counts.total, totalRows: counts.total, errorRows: counts.errorRows, percent: 50 }, true);

    if (live.mode === 'all_or_nothing' && counts.errorRows > 0) {
      await finish(rt, live, 'failed', counts, `共有 ${counts.errorRows} 行数据有误，按“全部正确才导入”未导入任何数据。请下载错误报告，修改后重新上传`);
      return;
    }

    // Pass 2: write the valid rows.
    live.phase = 'importing';
    await progress(rt, live, { phase: 'importing', processedRows: 0, percent: 50 }, true);
    const percentAt = (done: number) => (valid === 0 ? 100 : 50 + Math.floor((50 * done) / valid));
    let done = 0;
    if (live.mode === 'all_or_nothing') {
      await db.transaction(async (tx) => {
        for await (const batch of validBatches(live, options.batchSize)) {
          const r = checkResults(await kind.importBatch(tx, live.ctx, batch, { asDraft: live.asDraft, jobId: id }), batch.length);
          counts.imported += r.created;
          counts.duplicate += r.duplicate;
          done += batch.length;
          // Not persisted: the job row is outside this transaction (and PGlite has one connection).
          await progress(rt, live, { processedRows: done, percent: Math.min(99, percentAt(done)) }, false);
        }
      });
    } else {
      for await (const batch of validBatches(live, options.batchSize)) {
        const r = checkResults(await db.transaction((tx) => kind.importBatch(tx, live.ctx, batch, { asDraft: live.asDraft, jobId: id })), batch.length);
        counts.imported += r.created;
        counts.duplicate += r.duplicate;
        done += batch.length;
        await progress(
          rt,
          live,
          { processedRows: done, importedRows: counts.imported, duplicateRows: counts.duplicate, percent: Math.min(99, percentAt(done)) },
          true,
        );
      }
    }
    await finish(rt, live, 'succeeded', counts, null);
  } catch (err) {
    let message: string;
    if (err instanceof UploadFileError) {
      // The file as a whole is refused: row errors found before do not matter.
      message = err.message;
      counts.total = 0;
      counts.errorRows = 0;
      await q.deleteErrors(db, id).catch(() => undefined);
    } else if (err instanceof Interrupted) {
      message = INTERRUPTED;
    } else if (err instanceof AppError) {
      message = `导入失败：${err.detail}`;
    } else {
      rt.log.error({ err, jobId: id, kind: kind.name }, 'import job failed');
      message = '导入失败：服务器内部错误，请稍后重试；如问题持续，请联系平台并提供导入任务编号';
    }
    if (live.mode === 'all_or_nothing') {
      counts.imported = 0;
      counts.duplicate = 0;
    }
    await finish(rt, live, 'failed', counts, message).catch((e: unknown) => rt.log.error({ err: e, jobId: id }, 'could not record the failed import job'));
  } finally {
    rt.uploads.put(id, live.bytes);
    rt.live.delete(id);
  }
}

async function finish(
  rt: CollectionRuntime,
  live: LiveJob,
  status: 'succeeded' | 'failed',
  counts: { total: number; errorRows: number; imported: number; duplicate: number },
  fileError: string | null,
): Promise<void> {
  await rt.db.transaction(async (tx) => {
    const job = await q.updateJob(tx, live.id, {
      status,
      phase: null,
      totalRows: counts.total,
      processedRows: counts.total,
      errorRows: counts.errorRows,
      importedRows: counts.imported,
      duplicateRows: counts.duplicate,
      percent: 100,
      fileError,
      finishedAt: new Date(),
      heartbeatAt: new Date(),
    });
    await recordAudit(tx, live.ctx, {
      action: 'import.finished',
      entityType: 'import_job',
      entityId: live.id,
      regionCode: live.ctx.actor?.organizationRegionCode ?? null,
      after: {
        kind: live.kind.name,
        status,
        totalRows: counts.total,
        importedRows: counts.imported,
        duplicateRows: counts.duplicate,
        errorRows: counts.errorRows,
        fileError,
        fileName: job?.fileName,
      },
    });
  });
}
