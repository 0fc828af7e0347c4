import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRole } from '../../platform/auth.js';
import { loadConfig } from '../../platform/config.js';
import { registerAuth } from '../../platform/http/auth-hooks.js';
import { createHttpServer } from '../../platform/http/server.js';
import { buildSignupOrganization } from '../../test-support/fixtures.js';
import { call, openTestDatabase, type Session, sessionFrom, signIn, type TestApp } from '../../test-support/test-app.js';
import { seedAccountsDemo } from '../accounts/demo-data.js';
import { type AccountsDeps, registerAccountRoutes, resolveApiToken, resolveSession } from '../accounts/index.js';
import { auditLog, recordAudit } from '../audit/index.js';
import type { RecordKind } from './collection.types.js';
import { type CollectionRuntime, importJobs, registerCollectionRoutes } from './index.js';

/**
 * HTTP-level tests of bulk collection with a tiny record kind defined here: its records live in
 * an in-memory array (duplicates by title per organization), and each created record also writes
 * an audit entry inside the batch's transaction, so rollbacks are visible in the database.
 */

interface FakeInput {
  title: string;
  category: string;
  amount?: number;
  tags?: string[];
}

const store: { organizationId: string; title: string; asDraft: boolean }[] = [];

const fakeKind: RecordKind<FakeInput> = {
  name: 'fake',
  label: '测试记录',
  maxRows: 50,
  columns: [
    { key: 'title', header: '名称', kind: 'text', required: true, maxLength: 40 },
    {
      key: 'category',
      header: '类别',
      kind: 'enum',
      required: true,
      options: [
        { value: 'a', label: '甲类' },
        { value: 'b', label: '乙类' },
      ],
    },
    { key: 'amount', header: '金额（元）', kind: 'money' },
    { key: 'tags', header: '标签', kind: 'list' },
  ],
  toInput(cells) {
    return {
      ok: true,
      value: {
        title: String(cells.title),
        category: String(cells.category),
        amount: typeof cells.amount === 'number' ? cells.amount : undefined,
        tags: Array.isArray(cells.tags) ? (cells.tags as string[]) : undefined,
      },
    };
  },
  async importBatch(db, ctx, inputs, options) {
    const organizationId = ctx.actor?.organizationId ?? '';
    const out: ('created' | 'duplicate')[] = [];
    for (const input of inputs) {
      // A way for a test to make the import phase fail after earlier batches were written.
      if (input.title.startsWith('BOOM')) throw new Error('simulated write failure');
      if (store.some((r) => r.organizationId === organizationId && r.title === input.title)) {
        out.push('duplicate');
        continue;
      }
      await recordAudit(db, ctx, { action: 'fake.created', entityType: 'fake', entityId: input.title });
      store.push({ organizationId, title: input.title, asDraft: options.asDraft });
      out.push('created');
    }
    return out;
  },
};

/**
 * A kind with the optional hooks: only the operator may upload it, and rows whose title starts with
 * 未知 are refused by a "database" check (`checkBatch`). Records the job id each write came with.
 */
const checkedJobIds: string[] = [];
const checkedKind: RecordKind<FakeInput> = {
  ...fakeKind,
  name: 'checked',
  label: '核对记录',
  async importRefusal(_db, actor) {
    return hasRole(actor, 'operator') ? null : '只有平台运营方可以导入核对记录';
  },
  async checkBatch(_db, _ctx, inputs) {
    return inputs.map((i) => (i.title.startsWith('未知') ? [{ key: 'title', message: '系统中没有该名称的记录' }] : []));
  },
  async importBatch(db, ctx, inputs, options) {
    checkedJobIds.push(options.jobId);
    return fakeKind.importBatch(db, ctx, inputs, options);
  },
};

// ---------- app ----------

let t: TestApp;
let rt: CollectionRuntime;
const s: Record<'univAdmin' | 'univMember' | 'enterprise' | 'operator' | 'gov' | 'pending', Session> = {} as never;

async function buildCollectionApp(): Promise<{ app: TestApp; runtime: CollectionRuntime }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kehui-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    KEHUI_DEMO: '0',
    LOG_LEVEL: 'silent',
  });
  const { database, drop } = await openTestDatabase();
  await database.db.transaction((tx) => seedAccountsDemo(tx));
  // The app of src/app.ts plus this test's record kind (small batches to exercise batching).
  const app = await createHttpServer(config, { logger: false, webRoot: null });
  const accounts: AccountsDeps = { db: database.db, sessionSecret: config.sessionSecret ?? 'x'.repeat(64), sessionTtlHours: 8 };
  registerAuth(app, { fromSession: (tok) => resolveSession(accounts, tok), fromApiToken: (tok) => resolveApiToken(accounts, tok) });
  registerAccountRoutes(app, accounts);
  app.get('/api/ping', { config: { access: 'public' } }, async () => ({ ok: true }));
  const runtime = registerCollectionRoutes(app, { db: database.db, kinds: { fake: fakeKind, checked: checkedKind }, options: { batchSize: 2 } });
  await app.ready();
  return {
    runtime,
    app: {
      app,
      database,
      async close() {
        await app.close();
        await database.close();
        await drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    },
  };
}

beforeAll(async () => {
  ({ app: t, runtime: rt } = await buildCollectionApp());
  s.univAdmin = await signIn(t, 'univ.admin@kehui.example.cn');
  s.univMember = await signIn(t, 'univ.member@kehui.example.cn');
  s.enterprise = await signIn(t, 'enterprise.admin@kehui.example.cn');
  s.operator = await signIn(t, 'operator@kehui.example.cn');
  s.gov = await signIn(t, 'gov.wuhan@kehui.example.cn');
  const signup = await call(t, 'POST', '/api/auth/signup-organization', { body: buildSignupOrganization() });
  expect(signup.statusCode).toBe(201);
  s.pending = sessionFrom(signup);
});

afterAll(async () => {
  await t?.close();
});

// ---------- helpers ----------

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['名称', '类别', '金额（元）', '标签'];

interface Job {
  id: string;
  phase: 'validating' | 'importing' | null;
  kind: string;
  organizationId: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  mode: string;
  asDraft: boolean;
  totalRows: number;
  processedRows: number;
  importedRows: number;
  duplicateRows: number;
  errorRows: number;
  percent: number;
  fileError: string | null;
  fileName: string;
  originalRowsAvailable: boolean;
  allowedActions: string[];
}

function workbook(rows: unknown[][]): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([HEADERS, ...rows]), '测试记录');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

function upload(as: Session | null, body: Buffer, query = 'mode=valid_only', contentType = XLSX_TYPE) {
  return call(t, 'POST', `/api/collection/fake/imports?${query}`, { as, body, headers: { 'content-type': contentType } });
}

async function waitForJob(id: string, as: Session): Promise<Job> {
  for (let i = 0; i < 400; i++) {
    const res = await call(t, 'GET', `/api/collection/imports/${id}`, { as });
    expect(res.statusCode).toBe(200);
    const job = res.json() as Job;
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`job ${id} did not finish`);
}

async function importFile(as: Session, body: Buffer, query?: string, contentType?: string): Promise<Job> {
  const res = await upload(as, body, query, contentType);
  expect(res.statusCode, res.body).toBe(202);
  const { job } = res.json() as { job: Job };
  expect(['queued', 'running']).toContain(job.status);
  return waitForJob(job.id, as);
}

async function errorReport(id: string, as: Session) {
  const res = await t.app.inject({ method: 'GET', url: `/api/collection/imports/${id}/errors.xlsx`, headers: { cookie: as.cookie } });
  return { res, book: res.statusCode === 200 ? XLSX.read(res.rawPayload) : null };
}

function sheetRows(book: XLSX.WorkBook | null, name: string): unknown[][] {
  const ws = book?.Sheets[name];
  if (!ws) throw new Error(`no sheet ${name}`);
  return XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: '' });
}

/** The first valid_only import of 江城理工大学, used by the report and permission tests. */
let firstJob: Job;

/** A job row as another process would have written it. */
const jobRow = () => ({
  kind: 'fake',
  organizationId: firstJob.organizationId,
  userId: s.univAdmin.userId,
  fileName: 'x.xlsx',
  fileSha256: '0'.repeat(64),
  fileSize: 1,
  mode: 'valid_only' as const,
  asDraft: true,
});

const titlesOf = (org: string) => store.filter((r) => r.organizationId === org).map((r) => r.title);

// ---------- tests ----------

describe('GET /api/collection/kinds', () => {
  it('lists the kinds the caller may upload, with their labels', async () => {
    const kinds = async (as: Session) => (await call(t, 'GET', '/api/collection/kinds', { as })).json() as { items: { name: string; label: string }[] };
    expect((await kinds(s.operator)).items).toEqual([
      { name: 'fake', label: '测试记录' },
      { name: 'checked', label: '核对记录' },
    ]);
    // The checked kind is the operator's only (its own upload rule); a gov_admin uploads neither.
    expect((await kinds(s.univAdmin)).items).toEqual([{ name: 'fake', label: '测试记录' }]);
    expect((await kinds(s.gov)).items).toEqual([]);
    expect((await call(t, 'GET', '/api/collection/kinds', { as: null })).statusCode).toBe(401);
  });
});

describe('GET /api/collection/:kind/template.xlsx', () => {
  it('serves the template to anyone', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/collection/fake/template.xlsx' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_TYPE);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('测试记录采集模板.xlsx'));
    const book = XLSX.read(res.rawPayload);
    expect(book.SheetNames.slice(0, 2)).toEqual(['测试记录', '填写说明']);
    expect(sheetRows(book, '测试记录')).toEqual([HEADERS]);
  });

  it('answers 404 for an unknown kind', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/collection/nothing/template.xlsx' });
    expect(res.statusCode).toBe(404);
  });
});

describe('POST /api/collection/:kind/imports', () => {
  const mixed = workbook([
    ['甲一', '甲类', 1000, '红、绿'],
    ['甲二', '乙类', '12.5万', ''],
    ['', '甲类', '', ''],
    ['甲三', '丙类', '', ''],
    ['甲四', '甲类', '', ''],
    ['甲五', '乙类', -3, ''],
    ['甲六', '乙类', '', ''],
  ]);

  it('refuses anonymous callers, other roles and members of unverified organizations', async () => {
    expect((await upload(null, mixed)).statusCode).toBe(401);
    expect((await upload(s.gov, mixed)).statusCode).toBe(403);
    const pending = await upload(s.pending, mixed);
    expect(pending.statusCode).toBe(403);
    expect(pending.json().detail).toBe('机构通过认证后才能批量导入');
  });

  it('valid_only imports the valid rows and records the others', async () => {
    firstJob = await importFile(s.univAdmin, mixed, 'mode=valid_only&asDraft=false&fileName=成果汇总.xlsx');
    expect(firstJob).toMatchObject({
      status: 'succeeded',
      mode: 'valid_only',
      asDraft: false,
      fileName: '成果汇总.xlsx',
      totalRows: 7,
      importedRows: 4,
      duplicateRows: 0,
      errorRows: 3,
      percent: 100,
      fileError: null,
      originalRowsAvailable: true,
    });
    expect(titlesOf(firstJob.organizationId)).toEqual(['甲一', '甲二', '甲四', '甲六']);
    expect(store.every((r) => r.asDraft === false)).toBe(true);
  });

  it('creates no duplicates when the same file is imported again', async () => {
    const again = await importFile(s.univMember, mixed);
    expect(again).toMatchObject({ status: 'succeeded', totalRows: 7, importedRows: 0, duplicateRows: 4, errorRows: 3 });
    expect(titlesOf(again.organizationId)).toHaveLength(4);
  });

  it('all_or_nothing imports nothing when any row is invalid', async () => {
    const job = await importFile(s.univAdmin, workbook([['乙一', '甲类'], ['乙二', '不存在的类']]), 'mode=all_or_nothing');
    expect(job).toMatchObject({ status: 'failed', totalRows: 2, importedRows: 0, errorRows: 1 });
    expect(job.fileError).toContain('未导入任何数据');
    expect(titlesOf(job.organizationId)).not.toContain('乙一');
  });

  it('all_or_nothing imports every row, in batches, when all are valid', async () => {
    const job = await importFile(s.univAdmin, workbook([['丙一', '甲类'], ['丙二', '乙类'], ['丙三', '甲类'], ['丙四', '甲类'], ['丙五', '乙类']]), 'mode=all_or_nothing');
    expect(job).toMatchObject({ status: 'succeeded', totalRows: 5, importedRows: 5, duplicateRows: 0, errorRows: 0, asDraft: true });
  });

  it('all_or_nothing leaves nothing in the database when writing fails midway', async () => {
    const rows = [['丁一', '甲类'], ['丁二', '甲类'], ['丁三', '甲类'], ['丁四', '甲类'], ['BOOM', '甲类']];
    const job = await importFile(s.univAdmin, workbook(rows), 'mode=all_or_nothing');
    expect(job).toMatchObject({ status: 'failed', importedRows: 0 });
    expect(job.fileError).toContain('导入失败');
    // Two batches were written before the failure; their transaction was rolled back.
    const written = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'fake.created'), inArray(auditLog.entityId, ['丁一', '丁二', '丁三', '丁四'])));
    expect(written).toHaveLength(0);
  });

  it('valid_only keeps the batches written before a failure', async () => {
    const job = await importFile(s.enterprise, workbook([['戊一', '甲类'], ['戊二', '甲类'], ['BOOM', '甲类']]), 'mode=valid_only');
    expect(job).toMatchObject({ status: 'failed', importedRows: 2 });
    const written = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'fake.created'), inArray(auditLog.entityId, ['戊一', '戊二'])));
    expect(written).toHaveLength(2);
  });

  it('reads CSV and JSON uploads by content, whatever the content type says', async () => {
    const csv = Buffer.from(`\uFEFF${HEADERS.join(',')}\r\n己一,甲类,,\r\n`, 'utf8');
    expect(await importFile(s.enterprise, csv, 'mode=valid_only', 'text/csv; charset=utf-8')).toMatchObject({ status: 'succeeded', importedRows: 1 });
    const json = Buffer.from(JSON.stringify([{ title: '己二', category: 'b' }, { 名称: '己三', 类别: '甲类' }]));
    expect(await importFile(s.enterprise, json, 'mode=valid_only', 'application/json')).toMatchObject({ status: 'succeeded', importedRows: 2 });
    expect(await importFile(s.enterprise, workbook([['己四', '甲类']]), 'mode=valid_only', 'application/octet-stream')).toMatchObject({ importedRows: 1 });
  });

  it('fails the job with a file-level message for a file that is not a spreadsheet', async () => {
    const job = await importFile(s.enterprise, Buffer.from('%PDF-1.4\n%\xE2\xE3\n', 'latin1'), 'mode=valid_only&fileName=合同.xlsx');
    expect(job).toMatchObject({ status: 'failed', totalRows: 0, errorRows: 0, importedRows: 0 });
    expect(job.fileError).toContain('文件不是有效的 Excel/CSV/JSON 文件');
    const { book } = await errorReport(job.id, s.enterprise);
    expect(book?.SheetNames).toEqual(['错误明细']);
    expect(sheetRows(book, '错误明细')[1]?.[3]).toContain('文件不是有效的 Excel/CSV/JSON 文件');
  });

  it('refuses a content type that is not a file, and an empty body', async () => {
    const res = await upload(s.enterprise, Buffer.from('x'), 'mode=valid_only', 'image/png');
    expect(res.statusCode).toBe(415);
    const job = await importFile(s.enterprise, Buffer.alloc(0), 'mode=valid_only', 'application/octet-stream');
    expect(job).toMatchObject({ status: 'failed', fileError: '文件为空' });
  });

  it('keeps JSON bodies working on the other routes', async () => {
    const res = await call(t, 'POST', '/api/auth/signin', { body: { login: 'expert@kehui.example.cn', password: 'wrong-password' } });
    expect(res.statusCode).toBe(401);
  });

  it('audits the start and the end of every import', async () => {
    const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, firstJob.id));
    expect(entries.map((e) => e.action).sort()).toEqual(['import.finished', 'import.started']);
    const finished = entries.find((e) => e.action === 'import.finished');
    expect(finished?.after).toMatchObject({ status: 'succeeded', importedRows: 4, errorRows: 3, totalRows: 7 });
    expect(finished?.regionCode).toBe('420111');
  });

  describe('GET /api/collection/imports/:id/errors.xlsx', () => {
    it('repeats the uploaded rows with an 错误说明 column and lists every error', async () => {
      const { res, book } = await errorReport(firstJob.id, s.univAdmin);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('成果汇总-错误报告.xlsx'));
      expect(book?.SheetNames).toEqual(['测试记录', '错误明细']);
      const data = sheetRows(book, '测试记录');
      expect(data[0]).toEqual([...HEADERS, '错误说明']);
      expect(data).toHaveLength(8);
      expect(data[1]).toEqual(['甲一', '甲类', 1000, '红、绿', '']);
      expect(data[3]?.[4]).toBe('「名称」不能为空（必填）');
      expect(data[4]?.[4]).toBe('「类别」「丙类」不在可选值中，可选：甲类、乙类');
      expect(data[6]?.[4]).toBe('「金额（元）」不能为负数');
      const errors = sheetRows(book, '错误明细');
      expect(errors[0]).toEqual(['行号', '列', '填写内容', '错误原因']);
      expect(errors.slice(1)).toEqual([
        [4, '名称', '', '不能为空（必填）'],
        [5, '类别', '丙类', '「丙类」不在可选值中，可选：甲类、乙类'],
        [7, '金额（元）', '-3', '不能为负数'],
      ]);
    });

    it('can be corrected and uploaded again as it is', async () => {
      const { res } = await errorReport(firstJob.id, s.univAdmin);
      const book = XLSX.read(res.rawPayload);
      const ws = book.Sheets.测试记录 as XLSX.WorkSheet;
      XLSX.utils.sheet_add_aoa(ws, [['甲七']], { origin: 'A4' });
      XLSX.utils.sheet_add_aoa(ws, [['甲类']], { origin: 'B5' });
      XLSX.utils.sheet_add_aoa(ws, [[3]], { origin: 'C7' });
      const corrected = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
      const job = await importFile(s.univAdmin, corrected);
      expect(job).toMatchObject({ status: 'succeeded', totalRows: 7, importedRows: 3, duplicateRows: 4, errorRows: 0 });
      // The report of the re-upload, written by exceljs's streaming writer, reads back too.
      const again = await errorReport(job.id, s.univAdmin);
      expect(sheetRows(again.book, '错误明细').slice(1)).toEqual([['', '', '', '没有错误']]);
    });

    it('lists the stored errors only once the uploaded file is no longer in memory', async () => {
      rt.uploads.delete(firstJob.id);
      const job = (await call(t, 'GET', `/api/collection/imports/${firstJob.id}`, { as: s.univAdmin })).json() as Job;
      expect(job.originalRowsAvailable).toBe(false);
      const { book } = await errorReport(firstJob.id, s.univAdmin);
      expect(book?.SheetNames).toEqual(['错误明细']);
      const rows = sheetRows(book, '错误明细');
      expect(rows).toHaveLength(5);
      expect(rows[4]?.[3]).toContain('本报告只列出错误明细');
    });

    it('is refused while the job is unfinished', async () => {
      // A job running elsewhere (another process): not finished, heartbeat fresh.
      const [row] = await t.database.db
        .insert(importJobs)
        .values({ ...jobRow(), status: 'running', heartbeatAt: new Date() })
        .returning();
      const report = await errorReport(row?.id ?? '', s.univAdmin);
      expect(report.res.statusCode).toBe(409);
      expect(report.res.json().detail).toBe('导入尚未完成，完成后才能下载错误报告');
    });
  });
});

describe('GET /api/collection/imports', () => {
  it('lists the caller’s organization’s jobs, paged', async () => {
    const res = await call(t, 'GET', '/api/collection/imports?pageSize=2', { as: s.univMember });
    expect(res.statusCode).toBe(200);
    const page = res.json() as { items: Job[]; total: number; page: number; pageSize: number };
    expect(page.page).toBe(1);
    expect(page.pageSize).toBe(2);
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(6);
    const all = (await call(t, 'GET', '/api/collection/imports?pageSize=100', { as: s.univMember })).json() as { items: Job[] };
    expect(new Set(all.items.map((j) => j.organizationId))).toEqual(new Set([firstJob.organizationId]));
  });

  it('shows the operator every organization’s jobs', async () => {
    const all = (await call(t, 'GET', '/api/collection/imports?pageSize=100', { as: s.operator })).json() as { items: Job[] };
    expect(new Set(all.items.map((j) => j.organizationId)).size).toBeGreaterThanOrEqual(2);
  });

  it('refuses anonymous callers and roles without imports', async () => {
    expect((await call(t, 'GET', '/api/collection/imports', { as: null })).statusCode).toBe(401);
    expect((await call(t, 'GET', '/api/collection/imports', { as: s.gov })).statusCode).toBe(403);
  });
});

describe('GET /api/collection/imports/:id', () => {
  it('hides another organization’s job, its report included', async () => {
    const id = firstJob.id;
    expect((await call(t, 'GET', `/api/collection/imports/${id}`, { as: s.enterprise })).statusCode).toBe(404);
    expect((await errorReport(id, s.enterprise)).res.statusCode).toBe(404);
    expect((await call(t, 'GET', `/api/collection/imports/${id}`, { as: null })).statusCode).toBe(401);
    expect((await call(t, 'GET', `/api/collection/imports/${id}`, { as: s.operator })).statusCode).toBe(200);
  });

  it('fails a job its process left unfinished', async () => {
    const [row] = await t.database.db
      .insert(importJobs)
      .values({ ...jobRow(), status: 'running', heartbeatAt: new Date(Date.now() - 60 * 60_000) })
      .returning();
    const job = (await call(t, 'GET', `/api/collection/imports/${row?.id}`, { as: s.univAdmin })).json() as Job;
    expect(job.status).toBe('failed');
    expect(job.fileError).toContain('导入被中断');
  });
});

describe('the server while importing', () => {
  it('keeps answering between batches', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => [`辛${i}`, '甲类']);
    const res = await upload(s.enterprise, workbook(rows));
    const { job } = res.json() as { job: Job };
    const ping = await call(t, 'GET', '/api/ping');
    expect(ping.statusCode).toBe(200);
    const done = await waitForJob(job.id, s.enterprise);
    expect(done.importedRows).toBe(50);
    expect(rt.live.size).toBe(0);
  });
});

describe('record kinds with their own upload rule and database checks', () => {
  const upChecked = (as: Session, body: Buffer, query: string) =>
    call(t, 'POST', `/api/collection/checked/imports?${query}`, { as, body, headers: { 'content-type': XLSX_TYPE } });
  const rows = [
    ['核一', '甲类'],
    ['未知二', '甲类'],
    ['核三', '乙类'],
    ['未知四', '丙类'],
  ];

  it('applies the kind’s upload rule instead of the machinery’s', async () => {
    const res = await upChecked(s.univAdmin, workbook(rows), 'mode=valid_only');
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toBe('只有平台运营方可以导入核对记录');
  });

  it('counts rows refused by checkBatch as errors: nothing in all_or_nothing, the others in valid_only', async () => {
    const strict = await upChecked(s.operator, workbook(rows), 'mode=all_or_nothing');
    const failed = await waitForJob((strict.json() as { job: Job }).job.id, s.operator);
    // Row 5 fails conversion (丙类); its title is not checked, so each row reports one problem.
    expect(failed).toMatchObject({ status: 'failed', totalRows: 4, errorRows: 2, importedRows: 0 });
    const { book } = await errorReport(failed.id, s.operator);
    expect(sheetRows(book, '错误明细').slice(2)).toEqual([
      [3, '名称', '未知二', '系统中没有该名称的记录'],
      [5, '类别', '丙类', expect.stringContaining('不在可选值中')],
    ]);
    // The uploaded rows repeat the stored database-check errors in their 错误说明 column.
    expect(String(sheetRows(book, '核对记录')[2]?.at(-1))).toContain('系统中没有该名称的记录');

    const before = titlesOf(failed.organizationId).length;
    const res = await upChecked(s.operator, workbook(rows), 'mode=valid_only');
    const done = await waitForJob((res.json() as { job: Job }).job.id, s.operator);
    expect(done).toMatchObject({ status: 'succeeded', importedRows: 2, errorRows: 2 });
    const after = titlesOf(failed.organizationId);
    expect(after.length).toBe(before + 2);
    expect(after).toEqual(expect.arrayContaining(['核一', '核三']));
    expect(after).not.toContain('未知二');
    expect(checkedJobIds).toContain(done.id);
  });
});
