import { parseYuanToFen } from '../../platform/money.js';
import { toHalfWidth } from '../../platform/text.js';
import type { ColumnKind, ColumnSpec } from './collection.types.js';

/**
 * A cell as read from an upload, before conversion. Spreadsheets give strings, numbers, booleans
 * and dates (numeric cells with a date format); JSON gives arrays too. Formulas and Excel error
 * values are kept as markers so they can be refused with a precise message.
 */
export type RawCell =
  | null
  | string
  | number
  | boolean
  | Date
  | { kind: 'formula'; formula: string; result: unknown }
  | { kind: 'error'; text: string }
  | readonly RawScalar[];
export type RawScalar = string | number | boolean | null;

/** `Array.isArray` does not narrow readonly arrays. */
export function isList(raw: RawCell): raw is readonly RawScalar[] {
  return Array.isArray(raw);
}

export type Converted = { ok: true; value: unknown } | { ok: false; message: string };

/** Excel's hard limit of characters in one cell; no column accepts more. */
export const EXCEL_CELL_MAX = 32_767;

/** Separators of several values in one cell: 、 ; ； and line breaks (the template says so). */
const MULTI_SEPARATOR = /[、;；\r\n]+/;

export const KIND_LABELS: Record<ColumnKind, string> = {
  text: '文本',
  longtext: '长文本',
  integer: '整数',
  decimal: '数字（可含小数）',
  money: '金额（元）',
  date: '日期',
  enum: '单选',
  multi_enum: '多选',
  list: '多个值',
  boolean: '是/否',
};

const TRUE_WORDS = new Set(['是', 'true', 'yes', 'y', '1', '√', '有']);
const FALSE_WORDS = new Set(['否', 'false', 'no', 'n', '0', '×', '无']);

/** Date parts as 'YYYY-MM-DD', read in UTC: spreadsheet dates carry no time zone. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** How a raw cell is shown back to the user (error messages, the error report). */
export function displayValue(raw: RawCell): string {
  if (raw === null) return '';
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? '' : isoDate(raw);
  if (Array.isArray(raw)) return raw.map((v) => (v === null ? '' : String(v))).join('、');
  if (typeof raw === 'object' && 'kind' in raw) return raw.kind === 'formula' ? `=${raw.formula}` : raw.text;
  if (typeof raw === 'boolean') return raw ? '是' : '否';
  const s = String(raw);
  return s.length > 500 ? `${s.slice(0, 500)}…` : s;
}

function isEmpty(raw: RawCell): boolean {
  if (raw === null) return true;
  if (typeof raw === 'string') return raw.trim() === '';
  if (Array.isArray(raw)) return raw.every((v) => v === null || String(v).trim() === '');
  return false;
}

/** Plain text of a scalar cell; numbers without exponent noise where possible. */
function textOf(raw: RawScalar | Date): string {
  if (raw === null) return '';
  if (raw instanceof Date) return isoDate(raw);
  if (typeof raw === 'boolean') return raw ? '是' : '否';
  if (typeof raw === 'number') return Number.isInteger(raw) && Math.abs(raw) < 1e21 ? raw.toFixed(0) : String(raw);
  return raw.trim();
}

function lengthOf(s: string): number {
  return [...s].length;
}

/** Numbers typed by Chinese IMEs: full-width digits and punctuation, grouping commas, spaces. */
function normalizeNumeric(s: string): string {
  return toHalfWidth(s).replace(/[\s,]/g, '').replace(/^−/, '-');
}

function items(raw: RawCell): string[] {
  const parts = Array.isArray(raw) ? raw.map((v) => textOf(v)) : textOf(raw as RawScalar | Date).split(MULTI_SEPARATOR);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function ymd(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const max = m === 2 && !leap ? 28 : (DAYS_IN_MONTH[m - 1] ?? 31);
  if (d > max) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Excel serial day number (1900 date system) to a date. Serial 25569 is 1970-01-01; serials
 * below 61 are off by Excel's fictitious 1900-02-29, and are refused by the 1900 lower bound anyway.
 */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 61 || serial >= 73_051) return null; // 1900-03-01 … 2100-01-01
  return isoDate(new Date(Math.round((Math.floor(serial) - 25_569) * 86_400_000)));
}

const DATE_PATTERNS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/** 'YYYY-MM-DD', 'YYYY/M/D', 'YYYY.M.D', 'YYYY年M月D日', 'YYYYMMDD', with or without a time after it. */
export function parseDateText(input: string): string | null {
  const s = toHalfWidth(input).trim().replace(/[T\s]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '');
  for (const re of DATE_PATTERNS) {
    const m = re.exec(s);
    if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  return null;
}

function convertNumber(raw: RawScalar | Date, integer: boolean): Converted {
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string') {
    const s = normalizeNumeric(raw);
    if (/^-\d/.test(s)) return { ok: false, message: '不能为负数' };
    if (!/^\d+(\.\d+)?$|^\.\d+$/.test(s)) return { ok: false, message: integer ? '应为整数' : '应为数字' };
    n = Number(s);
  } else return { ok: false, message: integer ? '应为整数' : '应为数字' };
  if (!Number.isFinite(n)) return { ok: false, message: '应为数字' };
  if (n < 0) return { ok: false, message: '不能为负数' };
  if (integer && !Number.isInteger(n)) return { ok: false, message: '应为整数' };
  if (integer && !Number.isSafeInteger(n)) return { ok: false, message: '数值过大' };
  return { ok: true, value: n };
}

function matchOption(spec: ColumnSpec, text: string): string | null {
  const wanted = toHalfWidth(text).trim();
  for (const o of spec.options ?? []) {
    if (toHalfWidth(o.label) === wanted || o.value === wanted) return o.value;
  }
  return null;
}

function allowedLabels(spec: ColumnSpec): string {
  return (spec.options ?? []).map((o) => o.label).join('、');
}

/**
 * Converts one cell per its column kind. Empty cells convert to `undefined` (the caller decides
 * about required columns); formulas and error values are refused.
 */
export function convertCell(spec: ColumnSpec, raw: RawCell): Converted {
  if (raw !== null && typeof raw === 'object' && !(raw instanceof Date) && !isList(raw)) {
    if (raw.kind === 'formula') return { ok: false, message: '使用了公式，请粘贴为数值' };
    return { ok: false, message: `单元格内容无效（${raw.text}）` };
  }
  if (isEmpty(raw)) return { ok: true, value: undefined };
  if (Array.isArray(raw) && spec.kind !== 'list' && spec.kind !== 'multi_enum') {
    return { ok: false, message: '只能填写一个值' };
  }
  const scalar = raw as RawScalar | Date;
  switch (spec.kind) {
    case 'text':
    case 'longtext': {
      const s = Array.isArray(raw) ? items(raw).join('、') : textOf(scalar);
      const max = Math.min(spec.maxLength ?? EXCEL_CELL_MAX, EXCEL_CELL_MAX);
      if (lengthOf(s) > max) return { ok: false, message: `不能超过 ${max} 个字（现有 ${lengthOf(s)} 个）` };
      return { ok: true, value: s };
    }
    case 'integer':
      return convertNumber(scalar instanceof Date ? String(scalar) : scalar, true);
    case 'decimal':
      return convertNumber(scalar instanceof Date ? String(scalar) : scalar, false);
    case 'money': {
      if (scalar instanceof Date || typeof scalar === 'boolean') return { ok: false, message: '应为金额（元），如 1234.56' };
      if (typeof scalar === 'number' && scalar < 0) return { ok: false, message: '不能为负数' };
      const r = parseYuanToFen(typeof scalar === 'number' ? scalar : String(scalar));
      return r.ok ? { ok: true, value: r.fen } : { ok: false, message: r.message };
    }
    case 'date': {
      const value =
        scalar instanceof Date
          ? Number.isNaN(scalar.getTime())
            ? null
            : parseDateText(isoDate(scalar))
          : typeof scalar === 'number'
            ? excelSerialToDate(scalar)
            : typeof scalar === 'string'
              ? /^\d+(\.\d+)?$/.test(normalizeNumeric(scalar)) && normalizeNumeric(scalar).length !== 8
                ? excelSerialToDate(Number(normalizeNumeric(scalar)))
                : parseDateText(scalar)
              : null;
      return value ? { ok: true, value } : { ok: false, message: '日期格式不正确，请填写如 2024-05-01 或 2024年5月1日' };
    }
    case 'enum': {
      const s = textOf(scalar);
      const value = matchOption(spec, s);
      return value !== null ? { ok: true, value } : { ok: false, message: `「${s}」不在可选值中，可选：${allowedLabels(spec)}` };
    }
    case 'multi_enum': {
      const values: string[] = [];
      const unknown: string[] = [];
      for (const item of items(raw)) {
        const v = matchOption(spec, item);
        if (v === null) unknown.push(item);
        else if (!values.includes(v)) values.push(v);
      }
      if (unknown.length) {
        return { ok: false, message: `「${unknown.join('、')}」不在可选值中，可选：${allowedLabels(spec)}（多个值用、分隔）` };
      }
      return { ok: true, value: values };
    }
    case 'list': {
      const list = items(raw);
      const max = spec.maxLength;
      const long = max === undefined ? undefined : list.find((v) => lengthOf(v) > max);
      if (long !== undefined && max !== undefined) return { ok: false, message: `每一项不能超过 ${max} 个字（「${long}」过长）` };
      return { ok: true, value: list };
    }
    case 'boolean': {
      if (typeof scalar === 'boolean') return { ok: true, value: scalar };
      const s = toHalfWidth(textOf(scalar)).toLowerCase();
      if (TRUE_WORDS.has(s)) return { ok: true, value: true };
      if (FALSE_WORDS.has(s)) return { ok: true, value: false };
      return { ok: false, message: '应填写“是”或“否”' };
    }
  }
}
