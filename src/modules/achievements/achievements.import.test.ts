import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, signIn, type TestApp } from '../../test-support/test-app.js';
import { ACHIEVEMENT_COLUMNS } from './achievements.collection.js';

/**
 * Bulk collection of achievements through HTTP, with fixture workbooks written by SheetJS (a
 * different library than the reader, exceljs).
 */
interface Job {
  id: string;
  status: string;
  importedRows: number;
  duplicateRows: number;
  errorRows: number;
  fileError: string | null;
  totalRows: number;
}

let t: TestApp;
let member: Session;
let admin: Session;

const HEADERS = ACHIEVEMENT_COLUMNS.map((c) => c.header);
let serial = 0;

function row(overrides: Record<string, string | number> = {}): Record<string, string | number> {
  serial++;
  return {
    成果名称: `批量导入测试成果${Date.now() % 100000}-${serial}`,
    成果类型: '专利',
    成果属性: '原始性创新',
    重点领域: '新材料',
    所属行业: '制造业',
    关键词: '石墨烯、导热膜',
    成果简介: '本成果提供一种高导热石墨烯薄膜的连续化制备方法，导热系数超过1500W/mK，可用于电子器件散热。',
    技术就绪度: 6,
    成熟阶段: '中试',
    知识产权类型: '发明专利',
    知识产权编号: '201710601862.3',
    知识产权状态: '已授权',
    权属单位及比例: '',
    团队成员: '李明:负责人:60、王芳:核心成员:40',
    联系人: '技术转移中心',
    联系电话: '027-87540000',
    合作方式: '转让、许可',
    价格方式: '标价',
    '价格（元）': '85万',
    财政资金资助: '否',
    军民两用: '否',
    ...overrides,
  };
}

function workbook(rows: Record<string, string | number>[], headers = HEADERS): Buffer {
  const sheet = XLSX.utils.aoa_to_sheet([headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, sheet, '科技成果');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

async function upload(as: Session, body: Buffer | string, query: string, contentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/collection/achievement/imports?${query}`,
    headers: { 'content-type': contentType, cookie: as.cookie, 'x-csrf-token': as.csrfToken },
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json<{ job: Job }>().job.id;
  for (let i = 0; i < 400; i++) {
    const j = (await call(t, 'GET', `/api/collection/imports/${id}`, { as })).json<Job>();
    if (j.status === 'succeeded' || j.status === 'failed') return j;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not finish');
}

async function myCount(as: Session) {
  return (await call(t, 'GET', '/api/achievements/mine?pageSize=1', { as })).json<{ total: number }>().total;
}

beforeAll(async () => {
  t = await createTestApp();
  member = await signIn(t, 'univ.member@kehui.example.cn');
  admin = await signIn(t, 'univ.admin@kehui.example.cn');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('POST /api/collection/achievement/imports', () => {
  it('serves a template whose headers are the import columns', async () => {
    const res = await call(t, 'GET', '/api/collection/achievement/template.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = XLSX.read(res.rawPayload, { type: 'buffer' });
    const first = wb.Sheets[wb.SheetNames[0] ?? ''];
    const headers = XLSX.utils.sheet_to_json<string[]>(first as XLSX.WorkSheet, { header: 1 })[0];
    expect(headers).toEqual(HEADERS);
    expect(wb.SheetNames).toContain('填写说明');
  });

  it('imports valid rows as drafts of the uploader, and a second upload of the same file creates no duplicates', async () => {
    const before = await myCount(member);
    const file = workbook([row(), row({ 技术就绪度: '７' }), row({ '价格（元）': '１２０００' })]);
    const first = await upload(member, file, 'mode=all_or_nothing&asDraft=true&fileName=a.xlsx');
    expect(first).toMatchObject({ status: 'succeeded', importedRows: 3, errorRows: 0 });
    expect(await myCount(member)).toBe(before + 3);
    const again = await upload(member, file, 'mode=valid_only&asDraft=true&fileName=a.xlsx');
    expect(again).toMatchObject({ status: 'succeeded', importedRows: 0, duplicateRows: 3 });
    expect(await myCount(member)).toBe(before + 3);
  });

  it('imports nothing in all-or-nothing mode when one row is wrong, and the valid rows in valid-only mode', async () => {
    const rows = [
      row(),
      row({ 知识产权编号: '201710601862.4' }),
      row({ 权属单位及比例: '江城理工大学:60、合作企业:30' }),
      row({ '价格（元）': '-100' }),
      row({ 重点领域: '不存在的领域' }),
      row({ 成果名称: '' }),
    ];
    const before = await myCount(admin);
    const strict = await upload(admin, workbook(rows), 'mode=all_or_nothing&asDraft=false&fileName=b.xlsx');
    expect(strict.status).toBe('failed');
    expect(strict.errorRows).toBe(5);
    expect(await myCount(admin)).toBe(before);

    const report = await call(t, 'GET', `/api/collection/imports/${strict.id}/errors.xlsx`, { as: admin });
    expect(report.statusCode).toBe(200);
    const wb = XLSX.read(report.rawPayload, { type: 'buffer' });
    const text = JSON.stringify(wb.SheetNames.map((n) => XLSX.utils.sheet_to_json(wb.Sheets[n] as XLSX.WorkSheet, { header: 1 })));
    expect(text).toContain('校验位');
    expect(text).toContain('权属单位及比例');
    expect(text).toContain('重点领域');

    const lenient = await upload(admin, workbook(rows), 'mode=valid_only&asDraft=false&fileName=b.xlsx');
    expect(lenient).toMatchObject({ status: 'succeeded', importedRows: 1, errorRows: 5 });
    expect(await myCount(admin)).toBe(before + 1);
    // An org_admin's non-draft import goes straight to review.
    const queue = await call(t, 'GET', '/api/achievements/review-queue?pageSize=100', { as: await signIn(t, 'operator@kehui.example.cn') });
    expect(queue.json<{ total: number }>().total).toBeGreaterThanOrEqual(1);
  });

  it('refuses whole files that are not spreadsheets, empty, or with missing or reordered headers', async () => {
    const before = await myCount(member);
    const fake = await upload(member, Buffer.from('%PDF-1.4 not a workbook'), 'fileName=fake.xlsx');
    expect(fake.status).toBe('failed');
    expect(fake.fileError).toMatch(/不是有效的|不支持/);
    const empty = await upload(member, Buffer.alloc(0), 'fileName=empty.xlsx');
    expect(empty.status).toBe('failed');
    const missing = await upload(member, workbook([row()], HEADERS.filter((h) => h !== '成果类型')), 'fileName=missing.xlsx');
    expect(missing.status).toBe('failed');
    expect(missing.fileError).toContain('成果类型');
    const swapped = [...HEADERS];
    [swapped[1], swapped[2]] = [swapped[2] ?? '', swapped[1] ?? ''];
    const reordered = await upload(member, workbook([row()], swapped), 'fileName=reordered.xlsx');
    expect(reordered.status).toBe('failed');
    expect(await myCount(member)).toBe(before);
  });

  it('imports CSV and JSON the same way', async () => {
    const r = row();
    const csv = `\uFEFF${HEADERS.join(',')}\n${HEADERS.map((h) => `"${String(r[h] ?? '').replace(/"/g, '""')}"`).join(',')}\n`;
    expect(await upload(member, csv, 'fileName=c.csv&asDraft=true', 'text/csv')).toMatchObject({ status: 'succeeded', importedRows: 1 });
    const json = JSON.stringify([row()]);
    expect(await upload(member, json, 'fileName=d.json&asDraft=true', 'application/json')).toMatchObject({ status: 'succeeded', importedRows: 1 });
  });
});
