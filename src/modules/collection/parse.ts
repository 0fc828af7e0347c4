import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { toHalfWidth } from '../../platform/text.js';
import { convertCell, displayValue, type RawCell, type RawScalar } from './cells.js';
import type { RecordKind, RowError } from './collection.types.js';
import { csvRecords, decodeSlices, detectTextEncoding, jsonArrayElements, UploadFileError } from './text-formats.js';

/**
 * Reading an upload (采集汇交文件) by its content, never by its name: xlsx (zip), CSV (UTF-8 with or
 * without BOM, else GB18030; UTF-16 with BOM) or JSON (an array of objects keyed by header or key).
 *
 * Rows come out one at a time from an async generator; the file is never decoded as a whole.
 * File-level problems throw `UploadFileError`, and some of them (more rows than allowed, merged
 * cells, whose list sits after the rows in the sheet XML) surface only at the end: a caller that
 * must not act on a bad file reads it to the end first (the import job's validation pass).
 */

export { UploadFileError } from './text-formats.js';

export type UploadFormat = 'xlsx' | 'csv' | 'json';

export const UNSUPPORTED_FILE = '文件不是有效的 Excel/CSV/JSON 文件，请上传用平台模板填写的 .xlsx，或 .csv、.json 文件';

/** Sheets of our own workbooks that never hold records (template instructions, option lists, error list). */
export const RESERVED_SHEETS = new Set(['填写说明', '选项', '错误明细']);

/** Header of the column the error report adds; ignored when the report is uploaded again. */
export const ERROR_COLUMN_HEADER = '错误说明';

export interface RawRow {
  /** Row of the sheet (the header is row 1), CSV record number, or position of the JSON object. */
  rowNumber: number;
  /** Cells in the kind's column order. */
  cells: RawCell[];
  /** JSON only: errors found while mapping the object to columns. */
  errors?: RowError[];
}

export interface ParsedRow<T> {
  rowNumber: number;
  cells: RawCell[];
  result: { ok: true; value: T } | { ok: false; errors: RowError[] };
}

export interface ParseOptions {
  /** Called as the file is consumed, with the fraction (0–1) of its bytes read so far. */
  onProgress?: (fraction: number) => void;
}

/** One line for a user: 第 12 行「成果类型」「软件」不在可选值中… */
export function describeRowError(rowNumber: number, e: RowError): string {
  return e.column ? `第 ${rowNumber} 行「${e.column}」${e.message}` : `第 ${rowNumber} 行：${e.message}`;
}

const startsWith = (b: Buffer, bytes: number[]) => bytes.every((v, i) => b[i] === v);

/** The format of an upload, from its first bytes. Throws UploadFileError for anything else. */
export function detectFormat(bytes: Buffer): UploadFormat {
  if (bytes.length === 0) throw new UploadFileError('文件为空');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new UploadFileError('不支持旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 格式后上传');
  }
  const encoding = detectTextEncoding(bytes);
  const head = bytes.subarray(0, 8192);
  // Text in UTF-8 or GB18030 never contains NUL bytes; PDFs, images, archives do.
  if (!encoding.startsWith('utf-16') && head.includes(0)) throw new UploadFileError(UNSUPPORTED_FILE);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') throw new UploadFileError(UNSUPPORTED_FILE);
  let first = '';
  for (const slice of decodeSlices(bytes, encoding)) {
    first = slice.replace(/^[\s\uFEFF]+/, '');
    if (first) break;
  }
  if (!first) throw new UploadFileError('文件为空');
  return first.startsWith('[') || first.startsWith('{') ? 'json' : 'csv';
}

// ---------- headers ----------

function normalizeHeader(h: string): string {
  return toHalfWidth(h)
    .replace(/\s+/g, '')
    .replace(/\*+$/, '')
    .replace(/\(必填\)$/, '')
    .toLowerCase();
}

/** Index of the kind's column a header (or field key) names, or -1. */
function headerIndex(kind: RecordKind<unknown>, header: string): number {
  const h = normalizeHeader(header);
  if (!h) return -1;
  return kind.columns.findIndex((c) => normalizeHeader(c.header) === h || c.key.toLowerCase() === h);
}

function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * The first row must hold the template's headers in the template's order (a header may also be
 * the field key). Columns after them are ignored, so the error report (with its 错误说明 column)
 * can be corrected and uploaded again.
 */
export function checkHeaders(kind: RecordKind<unknown>, headers: string[]): void {
  const found = headers.map((h) => headerIndex(kind, h));
  if (found.every((i) => i < 0)) {
    throw new UploadFileError(
      `${UNSUPPORTED_FILE}（第一行未找到模板的列标题，应为：${kind.columns.map((c) => `「${c.header}」`).join('')}）`,
    );
  }
  const missing = kind.columns.filter((_, i) => !found.includes(i));
  if (missing.length) {
    throw new UploadFileError(
      `缺少列：${missing.map((c) => `「${c.header}」`).join('')}。请使用平台下载的模板，第一行为列标题，不要删除或改名`,
    );
  }
  const wrong: string[] = [];
  kind.columns.forEach((c, i) => {
    if (found[i] !== i) {
      const actual = headers[i]?.trim();
      wrong.push(`第 ${i + 1} 列（${columnLetter(i)} 列）应为「${c.header}」，实际为${actual ? `「${actual}」` : '空白'}`);
    }
  });
  if (wrong.length) {
    const more = wrong.length > 5 ? `等 ${wrong.length} 处` : '';
    throw new UploadFileError(`列的顺序与模板不一致：${wrong.slice(0, 5).join('；')}${more}。请按模板的列顺序填写`);
  }
}

// ---------- xlsx ----------

type ZipEntry = { setEncoding(encoding: 'utf8'): unknown };
interface ReaderInternals {
  workbookRels?: unknown;
  _parseRels(entry: ZipEntry): Promise<void>;
  _parseSharedStrings(entry: ZipEntry): AsyncGenerator<unknown>;
  _parseWorkbook(entry: ZipEntry): Promise<void>;
}
interface SheetInternals {
  name: string;
  /** Raw XML chunks of the sheet; the reader consumes it when iterated. */
  iterator: AsyncIterable<Buffer | string> & { destroy?: () => void };
  [Symbol.asyncIterator](): AsyncGenerator<ExcelJS.Row>;
}

/** Buffer slices that report how much of the upload has been handed to the unzipper. */
function* byteSlices(bytes: Buffer, onProgress?: (fraction: number) => void): Generator<Buffer> {
  const size = 256 * 1024;
  for (let offset = 0; offset < bytes.length; offset += size) {
    const end = Math.min(offset + size, bytes.length);
    onProgress?.(end / bytes.length);
    yield bytes.subarray(offset, end);
  }
}

/**
 * exceljs's streaming reader decodes every chunk of XML on its own, which garbles a Chinese
 * character split across two chunks (one in a few thousand cells). The sheet's chunks are decoded
 * here with a streaming decoder instead, and the list of merged cells (at the end of the sheet
 * XML, after the rows; the reader ignores it) is collected on the way.
 */
async function* decodedSheetXml(source: AsyncIterable<Buffer | string>, merges: Set<string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  const mergeRe = /<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)"/g;
  let carry = '';
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (!text) continue;
    const scan = carry + text;
    let last = 0;
    for (const m of scan.matchAll(mergeRe)) {
      if (m[1]) merges.add(m[1]);
      last = (m.index ?? 0) + m[0].length;
    }
    carry = scan.slice(Math.max(last, scan.length - 300));
    yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

function xlsxCell(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('formula' in value || 'sharedFormula' in value) {
    const f = value as { formula?: string; sharedFormula?: string; result?: unknown };
    return { kind: 'formula', formula: f.formula ?? f.sharedFormula ?? '', result: f.result ?? null };
  }
  if ('error' in value) return { kind: 'error', text: String(value.error) };
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) {
    // A hyperlink cell; its text may itself be rich text.
    const text: unknown = value.text;
    if (typeof text === 'string') return text;
    const rich = (text as { richText?: { text: string }[] }).richText;
    return rich ? rich.map((r) => r.text).join('') : null;
  }
  return null;
}

async function* xlsxRows(kind: RecordKind<unknown>, bytes: Buffer, options: ParseOptions): AsyncGenerator<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(byteSlices(bytes, options.onProgress)), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // number formats tell date cells from numbers
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // Two repairs of exceljs 4.4's streaming reader, on this instance only:
  // - text entries are decoded as strings by the stream (boundary-safe), see decodedSheetXml;
  // - a sheet that comes in the zip after the workbook relationships but before xl/workbook.xml
  //   (SheetJS writes that order) crashes the reader, which reads the sheet list too early. The
  //   relationships are therefore revealed only once the workbook is read: until then sheets are
  //   set aside in temporary files and read at the end, names known.
  const internals = reader as unknown as ReaderInternals;
  const parseSharedStrings = internals._parseSharedStrings.bind(reader);
  internals._parseSharedStrings = (entry) => {
    entry.setEncoding('utf8');
    return parseSharedStrings(entry);
  };
  let workbookRead = false;
  let heldRels: unknown;
  const parseRels = internals._parseRels.bind(reader);
  internals._parseRels = async (entry) => {
    await parseRels(entry);
    if (!workbookRead) {
      heldRels = internals.workbookRels;
      internals.workbookRels = undefined;
    }
  };
  const parseWorkbook = internals._parseWorkbook.bind(reader);
  internals._parseWorkbook = async (entry) => {
    entry.setEncoding('utf8');
    await parseWorkbook(entry);
    workbookRead = true;
    if (heldRels !== undefined) internals.workbookRels = heldRels;
  };

  const sheets = reader[Symbol.asyncIterator]();
  const merges = new Set<string>();
  let chosen: SheetInternals | null = null;
  let original: SheetInternals['iterator'] | null = null;
  let finished = false;
  let headerSeen = false;
  const columnCount = kind.columns.length;
  try {
    for (;;) {
      let next: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
      try {
        next = await sheets.next();
      } catch {
        throw new UploadFileError(UNSUPPORTED_FILE);
      }
      if (next.done) break;
      const sheet = next.value as unknown as SheetInternals;
      if (chosen || RESERVED_SHEETS.has(sheet.name)) {
        sheet.iterator.destroy?.(); // a skipped sheet's temporary file stream
        continue;
      }
      // The data sheet: the first one that is not one of our own auxiliary sheets.
      chosen = sheet;
      original = sheet.iterator;
      sheet.iterator = decodedSheetXml(original, merges);
      const rows = sheet[Symbol.asyncIterator]();
      for (;;) {
        let r: IteratorResult<ExcelJS.Row>;
        try {
          r = await rows.next();
        } catch {
          throw new UploadFileError(`${UNSUPPORTED_FILE}（工作表内容无法读取）`);
        }
        if (r.done) break;
        const values = r.value.values;
        const list = Array.isArray(values) ? values : [];
        if (!headerSeen) {
          const headers = Array.from({ length: Math.max(0, list.length - 1) }, (_, j) => {
            const c = xlsxCell(list[j + 1]);
            return c === null ? '' : displayValue(c);
          });
          if (headers.every((h) => h.trim() === '')) continue;
          checkHeaders(kind, headers);
          headerSeen = true;
          continue;
        }
        const cells: RawCell[] = [];
        for (let i = 1; i <= columnCount; i++) cells.push(xlsxCell(list[i]));
        yield { rowNumber: r.value.number, cells };
      }
    }
    finished = true;
  } finally {
    original?.destroy?.();
    if (!finished) {
      // Stopped early: let the reader run to its end so it removes its temporary files.
      try {
        for (;;) {
          const next = await sheets.next();
          if (next.done) break;
          (next.value as unknown as SheetInternals).iterator.destroy?.();
        }
      } catch {
        // the file is being abandoned anyway
      }
    }
  }
  if (!chosen) throw new UploadFileError(`${UNSUPPORTED_FILE}（没有找到工作表）`);
  if (!headerSeen) throw new UploadFileError('文件中没有内容：第一行应为列标题，之后每行一条记录');
  if (merges.size) {
    const list = [...merges];
    throw new UploadFileError(
      `文件含有合并单元格（${list.slice(0, 5).join('、')}${list.length > 5 ? ` 等 ${list.length} 处` : ''}），请取消合并，在每个单元格填写完整内容后重新上传`,
    );
  }
}

// ---------- CSV ----------

async function* csvRows(kind: RecordKind<unknown>, bytes: Buffer, options: ParseOptions): AsyncGenerator<RawRow> {
  const encoding = detectTextEncoding(bytes);
  let headerSeen = false;
  for (const { recordNumber, fields } of csvRecords(decodeSlices(bytes, encoding, options.onProgress))) {
    if (!headerSeen) {
      if (fields.every((f) => f.trim() === '')) continue;
      checkHeaders(kind, fields);
      headerSeen = true;
      continue;
    }
    yield { rowNumber: recordNumber, cells: kind.columns.map((_, i) => fields[i] ?? null) };
  }
  if (!headerSeen) throw new UploadFileError('文件为空');
}

// ---------- JSON ----------

function jsonScalar(v: unknown): RawScalar | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return undefined;
}

async function* jsonRows(kind: RecordKind<unknown>, bytes: Buffer, options: ParseOptions): AsyncGenerator<RawRow> {
  const encoding = detectTextEncoding(bytes);
  let checked = false;
  for (const { index, value } of jsonArrayElements(decodeSlices(bytes, encoding, options.onProgress))) {
    const cells: RawCell[] = kind.columns.map(() => null);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { rowNumber: index, cells, errors: [{ column: '', value: JSON.stringify(value).slice(0, 200), message: '应为一个对象，如 {"成果名称": "…"}' }] };
      continue;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    if (!checked) {
      if (!entries.some(([k]) => headerIndex(kind, k) >= 0)) {
        throw new UploadFileError(
          `${UNSUPPORTED_FILE}（JSON 对象的键应为模板的列标题或字段名，如「${kind.columns[0]?.header ?? ''}」或 ${kind.columns[0]?.key ?? ''}）`,
        );
      }
      checked = true;
    }
    const errors: RowError[] = [];
    for (const [k, v] of entries) {
      const i = headerIndex(kind, k);
      if (i < 0) continue; // other keys (an id from the source system, …) are ignored
      if (Array.isArray(v)) {
        const scalars = v.map(jsonScalar);
        cells[i] = scalars.every((s) => s !== undefined) ? (scalars as RawScalar[]) : { kind: 'error', text: '数组中只能是文字或数字' };
      } else {
        const s = jsonScalar(v);
        cells[i] = s === undefined ? { kind: 'error', text: '不能是对象' } : s;
      }
    }
    yield { rowNumber: index, cells, errors };
  }
}

// ---------- rows ----------

function isBlank(cells: RawCell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === '') || (Array.isArray(c) && c.length === 0));
}

/**
 * The data rows of an upload as read (blank rows skipped), after the header check; counts rows
 * against `kind.maxRows`.
 */
export async function* readRows(kind: RecordKind<unknown>, bytes: Buffer, options: ParseOptions = {}): AsyncGenerator<RawRow> {
  const format = detectFormat(bytes);
  const source = format === 'xlsx' ? xlsxRows(kind, bytes, options) : format === 'csv' ? csvRows(kind, bytes, options) : jsonRows(kind, bytes, options);
  let count = 0;
  for await (const row of source) {
    if (isBlank(row.cells) && !row.errors?.length) continue;
    count++;
    if (count > kind.maxRows) {
      await source.return(undefined);
      throw new UploadFileError(`数据行数超过上限：一个文件最多 ${kind.maxRows} 行，请拆分为多个文件分别上传`);
    }
    yield row;
  }
  if (count === 0) throw new UploadFileError('文件中没有数据行：第一行为列标题，请从第二行起每行填写一条记录');
}

/** A kind's error keyed by column key, as a row error: the column's header and the cell as uploaded. */
export function rowErrorOf(kind: RecordKind<unknown>, cells: readonly RawCell[], e: { key: string; message: string }): RowError {
  const i = kind.columns.findIndex((c) => c.key === e.key);
  const spec = kind.columns[i];
  return { column: spec?.header ?? '', value: spec ? displayValue(cells[i] ?? null) : '', message: e.message };
}

/**
 * Converts and validates one row: each cell per its column kind, required columns, then the
 * kind's own rules (`toInput`), whose errors are mapped back to headers. A column with a
 * conversion error reports only that error.
 */
export function validateRow<T>(kind: RecordKind<T>, row: RawRow): ParsedRow<T>['result'] {
  const errors: RowError[] = [...(row.errors ?? [])];
  const cells: Record<string, unknown> = {};
  const failed = new Set<string>();
  kind.columns.forEach((spec, i) => {
    const raw = row.cells[i] ?? null;
    const converted = convertCell(spec, raw);
    if (!converted.ok) {
      errors.push({ column: spec.header, value: displayValue(raw), message: converted.message });
      failed.add(spec.key);
    } else if (converted.value === undefined && spec.required) {
      errors.push({ column: spec.header, value: '', message: '不能为空（必填）' });
      failed.add(spec.key);
    } else cells[spec.key] = converted.value;
  });
  const result = kind.toInput(cells);
  if (!result.ok) {
    for (const e of result.errors) {
      if (failed.has(e.key)) continue;
      errors.push(rowErrorOf(kind, row.cells, e));
    }
  }
  if (errors.length) return { ok: false, errors };
  if (!result.ok) return { ok: false, errors: [{ column: '', value: '', message: '数据无效' }] };
  return { ok: true, value: result.value };
}

/** Reads and validates an upload row by row. See the module comment for when errors surface. */
export async function* parseUpload<T>(kind: RecordKind<T>, bytes: Buffer, options: ParseOptions = {}): AsyncGenerator<ParsedRow<T>> {
  for await (const row of readRows(kind as RecordKind<unknown>, bytes, options)) {
    yield { rowNumber: row.rowNumber, cells: row.cells, result: validateRow(kind, row) };
  }
}
