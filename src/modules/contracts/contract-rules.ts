/**
 * Pure rules of contract registration that need the platform's money parsing: amounts typed in
 * yuan → integer fen with Chinese messages per field, the payment schedule against the contract
 * value, and the registrar's verified 技术交易额.
 */
import type { FieldError } from '../../platform/errors.js';
import { formatFen, parseYuanToFen } from '../../platform/money.js';
import { shanghaiDay } from '../../platform/shanghai-day.js';

/** `%PDF-`: a signed contract is a real PDF, judged by its bytes, never by its name. */
export function isPdf(bytes: Buffer): boolean {
  return bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-';
}

export const SIGNED_PDF_REQUIRED = '请上传已签署的合同 PDF（口头合同不予登记）';

/** A positive amount in yuan (as typed) → fen, or the field error naming `path` and `label`. */
export function parsePositiveAmount(path: string, label: string, input: string): { fen: number } | { error: FieldError } {
  const r = parseYuanToFen(input);
  // "金额不能为负数" → "合同金额不能为负数": the field's own name in the platform's message.
  if (!r.ok) return { error: { path, message: r.message.includes('金额') ? r.message.replace('金额', label) : `${label}：${r.message}` } };
  if (r.fen <= 0) return { error: { path, message: `${label}必须大于 0` } };
  return { fen: r.fen };
}

/** Scheduled payments (付款计划) may not add up to more than the contract value. */
export function checkScheduleTotal(scheduledFen: number[], contractValueFen: number): FieldError | null {
  const total = scheduledFen.reduce((a, b) => a + b, 0);
  if (total > contractValueFen) {
    return { path: 'schedule', message: `付款计划合计 ¥${formatFen(total)} 超过合同金额 ¥${formatFen(contractValueFen)}` };
  }
  return null;
}

/** The registrar's 技术交易额: > 0 and at most the contract value (it is the technology part of it). */
export function checkTransactionAmount(input: string, contractValueFen: number): { fen: number } | { error: FieldError } {
  const r = parsePositiveAmount('transactionAmount', '技术交易额', input);
  if ('error' in r) return r;
  if (r.fen > contractValueFen) {
    return { error: { path: 'transactionAmount', message: `技术交易额不能超过合同金额 ¥${formatFen(contractValueFen)}` } };
  }
  return r;
}

/** Payments recorded as made may not add up to more than the contract value. */
export function checkPaidTotal(alreadyPaidFen: number, newFen: number, contractValueFen: number): FieldError | null {
  if (alreadyPaidFen + newFen > contractValueFen) {
    return { path: 'amount', message: `已付款合计将达 ¥${formatFen(alreadyPaidFen + newFen)}，超过合同金额 ¥${formatFen(contractValueFen)}` };
  }
  return null;
}

/** The Asia/Shanghai calendar day (YYYY-MM-DD) of an instant. */
export { shanghaiDay };

/** Whether a YYYY-MM-DD string names a real calendar day (2026-02-30 does not). */
export function isRealDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
}
