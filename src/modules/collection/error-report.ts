import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { RawCell } from './cells.js';
import type { RecordKind } from './collection.types.js';
import { detectFormat, ERROR_COLUMN_HEADER, readRows, UploadFileError, validateRow } from './parse.js';

/**
 * The error report of an import job (错误报告), built with exceljs's streaming writer:
 *
 * - when the uploaded bytes are still in memory: first a sheet named like the template's data
 *   sheet holding the uploaded rows (at their original row numbers) plus an 错误说明 column, cells
 *   in error tinted. It can be corrected and uploaded again: the extra column is ignored. A row's
 *   errors are those of validating it again plus the stored ones (the kind's database checks,
 *   which cannot be repeated here).
 * - always: a 错误明细 sheet (行号, 列, 填写内容, 错误原因) from the stored errors.
 */

export const ERRORS_SHEET = '错误明细';

export interface ReportJob {
  totalRows: number;
  errorRows: number;
  fileError: string | null;
}

export interface StoredError {
  rowNumber: number;
  column: string;
  value: string;
  message: string;
}

function writable(raw: RawCell): ExcelJS.CellValue {
  if (raw === null) return null;
  if (Array.isArray(raw)) return raw.map((v) => (v === null ? '' : String(v))).join('、');
  if (typeof raw === 'object' && !(raw instanceof Date) && 'kind' in raw) {
    // A formula goes back as text: the report never carries executable content (it may be opened by
    // the operator, not only by the uploader), and the user has to paste values anyway.
    return raw.kind === 'formula' ? `=${raw.formula}` : raw.text;
  }
  return raw as string | number | boolean | Date;
}

const RED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE0E0' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

async function writeUploadedRows(ws: ExcelJS.Worksheet, kind: RecordKind<unknown>, original: Buffer, stored: ReadonlyMap<number, StoredError[]>): Promise<void> {
  const format = detectFormat(original);
  let next = 2;
  try {
    for await (const row of readRows(kind, original)) {
      // Keep spreadsheet row numbers, so "第 N 行" in the messages points at the same row here.
      if (format !== 'json') {
        while (next < row.rowNumber) {
          ws.addRow([]).commit();
          next++;
        }
      }
      const result = validateRow(kind, row);
      const errors = result.ok ? [] : [...result.errors];
      for (const e of stored.get(row.rowNumber) ?? []) {
        if (!errors.some((x) => x.column === e.column && x.message === e.message)) errors.push(e);
      }
      const out = ws.addRow([...row.cells.map(writable), errors.map((e) => (e.column ? `「${e.column}」${e.message}` : e.message)).join('；')]);
      for (const e of errors) {
        const i = kind.columns.findIndex((c) => c.header === e.column);
        if (i >= 0) out.getCell(i + 1).fill = RED_FILL;
      }
      if (errors.length) out.getCell(kind.columns.length + 1).font = { color: { argb: 'FFC00000' } };
      out.commit();
      next++;
      // Let other requests in now and then: a 20 MB file takes seconds to repeat.
      if (next % 1000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } catch (err) {
    // A file-level problem found late (merged cells at the end of the sheet): the rows so far stay.
    if (!(err instanceof UploadFileError)) throw err;
    ws.addRow([`（${err.message}）`]).commit();
  }
}

/** Builds the report workbook. `original` is the uploaded file when it is still in memory. */
export async function buildErrorReport(
  kind: RecordKind<unknown>,
  job: ReportJob,
  errors: AsyncIterable<StoredError[]>,
  original: Buffer | undefined,
  maxStoredErrors: number,
): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  // At most `maxStoredErrors` entries: small enough to hold, and needed by both sheets.
  const storedErrors: StoredError[] = [];
  for await (const batch of errors) storedErrors.push(...batch);
  const byRow = new Map<number, StoredError[]>();
  for (const e of storedErrors) byRow.set(e.rowNumber, [...(byRow.get(e.rowNumber) ?? []), e]);

  if (original && job.totalRows > 0) {
    const ws = wb.addWorksheet(kind.label, { views: [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2' }] });
    ws.columns = [
      ...kind.columns.map((c) => ({ header: c.header, width: c.kind === 'longtext' ? 40 : 18 })),
      { header: ERROR_COLUMN_HEADER, width: 60 },
    ];
    const header = ws.getRow(1);
    header.font = { bold: true };
    for (let i = 1; i <= kind.columns.length + 1; i++) header.getCell(i).fill = HEADER_FILL;
    header.getCell(kind.columns.length + 1).font = { bold: true, color: { argb: 'FFC00000' } };
    header.commit();
    await writeUploadedRows(ws, kind, original, byRow);
    ws.commit();
  }

  const list = wb.addWorksheet(ERRORS_SHEET, { views: [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2' }] });
  list.columns = [
    { header: '行号', width: 8 },
    { header: '列', width: 18 },
    { header: '填写内容', width: 30 },
    { header: '错误原因', width: 70 },
  ];
  list.getRow(1).font = { bold: true };
  list.getRow(1).commit();
  if (job.fileError) list.addRow(['', '', '', job.fileError]).commit();
  let count = 0;
  for (const e of storedErrors) {
    list.addRow([e.rowNumber, e.column, e.value, e.message]).commit();
    count++;
  }
  if (count === 0 && !job.fileError) list.addRow(['', '', '', '没有错误']).commit();
  if (count >= maxStoredErrors) {
    list.addRow(['', '', '', `错误较多，仅列出前 ${maxStoredErrors} 条；共 ${job.errorRows} 行有误`]).commit();
  }
  if (!original && job.totalRows > 0 && job.errorRows > 0) {
    list.addRow(['', '', '', '上传的文件已不在服务器内存中（服务重启或时间较久），本报告只列出错误明细，请对照原文件修改']).commit();
  }
  list.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
