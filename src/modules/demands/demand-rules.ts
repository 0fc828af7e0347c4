/**
 * Pure rules of the demands module: the editable content and its checks (budget, deadline,
 * completeness), the 48-hour clock, budget labels and response-rate arithmetic. No I/O.
 */
import type { FieldError } from '../../platform/errors.js';
import { parseYuanToFen } from '../../platform/money.js';
import { toHalfWidth } from '../../platform/text.js';
import { DECLINE_REASONS, labelOf } from './demand-codes.js';
import type { DemandFields } from './demands.schemas.js';
import { shanghaiDay } from '../../platform/shanghai-day.js';

/** The editable content of a demand as stored (money in fen). */
export interface DemandData {
  title: string;
  publicSummary: string;
  description: string;
  indicators: string;
  existingConditions: string;
  keyField: string | null;
  industry: string | null;
  keywords: string[];
  demandType: string | null;
  cooperationModes: string[];
  budgetMode: string;
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  budgetFirm: boolean;
  deadline: string | null;
  regionCode: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string | null;
}

export const DATA_KEYS: (keyof DemandData)[] = [
  'title', 'publicSummary', 'description', 'indicators', 'existingConditions', 'keyField', 'industry', 'keywords', 'demandType',
  'cooperationModes', 'budgetMode', 'budgetMinFen', 'budgetMaxFen', 'budgetFirm', 'deadline', 'regionCode', 'contactName',
  'contactPhone', 'contactEmail',
];

export function emptyDemandData(title: string, regionCode: string): DemandData {
  return {
    title, publicSummary: '', description: '', indicators: '', existingConditions: '', keyField: null, industry: null, keywords: [],
    demandType: null, cooperationModes: [], budgetMode: 'negotiable', budgetMinFen: null, budgetMaxFen: null, budgetFirm: false,
    deadline: null, regionCode, contactName: '', contactPhone: '', contactEmail: null,
  };
}

/** The content part of a stored row. */
export function dataOf(row: DemandData): DemandData {
  const out = {} as Record<string, unknown>;
  for (const k of DATA_KEYS) out[k] = row[k];
  return out as unknown as DemandData;
}

/** Same normalization as achievement titles: case, width, punctuation and spaces do not make a new title. */
export function normalizeDemandTitle(title: string): string {
  return toHalfWidth(title.normalize('NFKC'))
    .toLowerCase()
    .replace(/[\p{P}\p{White_Space}\p{Cf}]/gu, '');
}

/** The Asia/Shanghai calendar day of an instant, YYYY-MM-DD (deadlines are Shanghai days). */
export { shanghaiDay };

/** A deadline has passed once its Shanghai calendar day is over (the day itself still counts). */
export function isDeadlinePassed(deadline: string | null, now: Date): boolean {
  return deadline !== null && deadline < shanghaiDay(now);
}

export type PatchResult = { ok: true; data: DemandData } | { ok: false; errors: FieldError[] };

/**
 * Applies a patch from the API to stored content. Budget strings become fen ("50万" = 500,000 元);
 * a negotiable budget drops the range. Every bad field is reported with its path: an unparsable
 * amount, a minimum above the maximum (path budgetMin), a newly set deadline before today in
 * Asia/Shanghai (path deadline).
 */
export function applyDemandPatch(base: DemandData, patch: Partial<DemandFields>, now: Date): PatchResult {
  const errors: FieldError[] = [];
  const { budgetMin, budgetMax, ...rest } = patch;
  const next: DemandData = { ...base };
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) (next as unknown as Record<string, unknown>)[k] = v;
  next.keywords = [...new Set(next.keywords.map((k) => k.trim()).filter(Boolean))];
  next.cooperationModes = [...new Set(next.cooperationModes)];
  const money = (path: 'budgetMin' | 'budgetMax', input: string | null | undefined, current: number | null): number | null => {
    if (input === undefined) return current;
    if (input === null || input.trim() === '') return null;
    const r = parseYuanToFen(input);
    if (!r.ok) {
      errors.push({ path, message: r.message });
      return current;
    }
    return r.fen;
  };
  next.budgetMinFen = money('budgetMin', budgetMin, base.budgetMinFen);
  next.budgetMaxFen = money('budgetMax', budgetMax, base.budgetMaxFen);
  if (next.budgetMode === 'negotiable') {
    next.budgetMinFen = null;
    next.budgetMaxFen = null;
  }
  errors.push(...budgetErrors(next));
  if (patch.deadline && isDeadlinePassed(patch.deadline, now)) errors.push({ path: 'deadline', message: '截止日期不能早于今天' });
  return errors.length ? { ok: false, errors } : { ok: true, data: next };
}

function budgetErrors(d: Pick<DemandData, 'budgetMinFen' | 'budgetMaxFen'>): FieldError[] {
  if (d.budgetMinFen !== null && d.budgetMaxFen !== null && d.budgetMinFen > d.budgetMaxFen) {
    return [{ path: 'budgetMin', message: '预算下限不能高于预算上限' }];
  }
  return [];
}

/**
 * What must hold before a demand goes to review (submit): title, a description, key field, demand
 * type, a consistent budget (a range needs at least one bound, minimum ≤ maximum) and a deadline
 * not already past. Returns every problem with its field path.
 */
export function checkSubmittable(d: DemandData, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const need = (path: string, ok: boolean, message: string) => {
    if (!ok) errors.push({ path, message });
  };
  need('title', Boolean(d.title.trim()), '请填写需求名称');
  need('description', d.description.trim().length >= 10, '请填写需求描述（至少 10 个字）');
  need('keyField', Boolean(d.keyField), '请选择重点领域');
  need('demandType', Boolean(d.demandType), '请选择需求类型');
  if (d.budgetMode === 'range') need('budgetMin', d.budgetMinFen !== null || d.budgetMaxFen !== null, '预算区间方式须填写预算下限或上限');
  errors.push(...budgetErrors(d));
  need('deadline', !isDeadlinePassed(d.deadline, now), '截止日期已过，请修改截止日期');
  return errors;
}

// ---------- presentation ----------

/** 500000000 fen → "500万", 1234500 fen → "12345", 1250000 fen → "1.25万". */
function amountLabel(fen: number): string {
  const yuan = fen / 100;
  if (yuan >= 10_000) return `${Number((yuan / 10_000).toFixed(4))}万`;
  return `${Number(yuan.toFixed(2))}`;
}

/** "50万–80万元（确定）", "50万元以上（参考）", "80万元以内（参考）" or "面议". */
export function budgetLabel(d: Pick<DemandData, 'budgetMode' | 'budgetMinFen' | 'budgetMaxFen' | 'budgetFirm'>): string {
  if (d.budgetMode === 'negotiable' || (d.budgetMinFen === null && d.budgetMaxFen === null)) return '面议';
  const firm = d.budgetFirm ? '（确定）' : '（参考）';
  if (d.budgetMinFen !== null && d.budgetMaxFen !== null) {
    return d.budgetMinFen === d.budgetMaxFen ? `${amountLabel(d.budgetMinFen)}元${firm}` : `${amountLabel(d.budgetMinFen)}–${amountLabel(d.budgetMaxFen)}元${firm}`;
  }
  if (d.budgetMinFen !== null) return `${amountLabel(d.budgetMinFen)}元以上${firm}`;
  return `${amountLabel(d.budgetMaxFen ?? 0)}元以内${firm}`;
}

export type ClockState = 'none' | 'running' | 'met' | 'late' | 'overdue';
export interface Clock {
  dueAt: string | null;
  firstFollowUpAt: string | null;
  state: ClockState;
  remainingMs: number | null;
}

/**
 * The 48-hour response clock. Met (or late) by the first follow-up; while none is given it runs
 * until due, then is overdue. A demand closed without a follow-up stops the clock at closing.
 */
export function clockOf(c: { dueAt: Date | null; firstFollowUpAt: Date | null; stoppedAt?: Date | null }, now: Date): Clock {
  const dueAt = c.dueAt?.toISOString() ?? null;
  const firstFollowUpAt = c.firstFollowUpAt?.toISOString() ?? null;
  if (!c.dueAt) return { dueAt, firstFollowUpAt, state: 'none', remainingMs: null };
  if (c.firstFollowUpAt) return { dueAt, firstFollowUpAt, state: c.firstFollowUpAt <= c.dueAt ? 'met' : 'late', remainingMs: null };
  const at = c.stoppedAt ?? now;
  const remainingMs = c.dueAt.getTime() - at.getTime();
  if (remainingMs > 0) return c.stoppedAt ? { dueAt, firstFollowUpAt, state: 'none', remainingMs: null } : { dueAt, firstFollowUpAt, state: 'running', remainingMs };
  return { dueAt, firstFollowUpAt, state: 'overdue', remainingMs };
}

/** Decline reasons as code + label (unknown codes keep their code as label). */
export function declineReasonsOf(codes: string[]): { value: string; label: string }[] {
  return codes.map((value) => ({ value, label: labelOf(DECLINE_REASONS, value) ?? value }));
}

// ---------- response rates ----------

export interface ClaimFacts {
  organizationId: string;
  organizationName: string;
  status: string;
  createdAt: Date;
  dueAt: Date;
  firstFollowUpAt: Date | null;
  endedAt: Date | null;
}

export interface ResponseRate {
  organizationId: string;
  organizationName: string;
  claims: number;
  measured: number;
  onTime: number;
  late: number;
  overdueOpen: number;
  onTimeRate: number | null;
  medianResponseHours: number | null;
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * On-time rate of the 48-hour promise per claimant organization. A claim is measured once it has
 * a first follow-up or its due time passed while it was still held (a claim refused before its
 * due time without a follow-up is not counted against anyone); on time = first follow-up ≤ due.
 */
export function responseRates(claims: ClaimFacts[], now: Date): ResponseRate[] {
  const byOrg = new Map<string, { name: string; rows: ClaimFacts[] }>();
  for (const c of claims) {
    const entry = byOrg.get(c.organizationId) ?? { name: c.organizationName, rows: [] };
    entry.rows.push(c);
    byOrg.set(c.organizationId, entry);
  }
  const out: ResponseRate[] = [];
  for (const [organizationId, { name, rows }] of byOrg) {
    let measured = 0;
    let onTime = 0;
    let overdueOpen = 0;
    const hours: number[] = [];
    for (const c of rows) {
      const heldUntil = c.endedAt ?? now;
      if (c.firstFollowUpAt) {
        measured++;
        if (c.firstFollowUpAt <= c.dueAt) onTime++;
        hours.push((c.firstFollowUpAt.getTime() - c.createdAt.getTime()) / 3600_000);
      } else if (heldUntil > c.dueAt) {
        measured++;
        if (c.status === 'active') overdueOpen++;
      }
    }
    const med = median(hours);
    out.push({
      organizationId,
      organizationName: name,
      claims: rows.length,
      measured,
      onTime,
      late: measured - onTime,
      overdueOpen,
      onTimeRate: measured ? Math.round((onTime / measured) * 1000) / 1000 : null,
      medianResponseHours: med === null ? null : Math.round(med * 10) / 10,
    });
  }
  return out.sort((a, b) => b.claims - a.claims || a.organizationName.localeCompare(b.organizationName, 'zh-CN'));
}

// ---------- timeline ----------

/** Labels of timeline actions (demand_events.action). */
export const EVENT_LABELS: Record<string, string> = {
  created: '创建需求',
  updated: '修改需求',
  submitted: '提交审核',
  published: '审核通过并发布',
  returned: '退回修改',
  claimed: '认领',
  dispatched: '派发',
  refused: '拒绝承接，退回需求池',
  follow_up: '跟进',
  message: '留言',
  grant: '授权查看联系方式',
  grant_revoked: '撤销联系方式授权',
  proposed: '推荐方案',
  proposal_accepted: '企业接受方案',
  proposal_declined: '企业婉拒方案',
  proposal_withdrawn: '撤回方案',
  matched: '已匹配',
  contracted: '已签约',
  closed: '关闭需求',
  expired: '过期自动关闭',
  overdue: '超过 48 小时未响应，已提醒科技管理部门',
  attachment_added: '上传附件',
  attachment_removed: '删除附件',
};
