import { type CodeOption, codeLabel, COOPERATION_MODES, DEMAND_STATUSES, formatFen } from './codes.js';
import type { DemandClock, DemandField, DemandStatus, DemandSummary } from './types.js';

/** `{ value, label }` options for antd Select, from a coded list. */
export function optionsOf(list: readonly CodeOption[]): { value: string; label: string }[] {
  return list.map((option) => ({ value: option.value, label: option.label }));
}

/** The Chinese label of a code, the code itself if this build does not know it, or — for none. */
export function labelFor(list: readonly CodeOption[], value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return codeLabel(list, value) ?? value;
}

export const statusColors: Record<DemandStatus, string> = {
  draft: 'default',
  submitted: 'gold',
  returned: 'red',
  published: 'green',
  claimed: 'blue',
  docking: 'cyan',
  matched: 'purple',
  contracted: 'geekblue',
  closed: 'default',
};

export function statusLabel(status: string): string {
  return labelFor(DEMAND_STATUSES, status);
}

export function cooperationText(modes: readonly string[]): string {
  return modes.length ? modes.map((mode) => labelFor(COOPERATION_MODES, mode)).join('、') : '—';
}

/**
 * The budget to the fen: "¥500,000.00 – ¥800,000.00", for the detail page under the server's short
 * label ("50万–80万元（确定）"); undefined when negotiable or not set.
 */
export function exactBudget(record: Pick<DemandSummary, 'budgetMode' | 'budgetMinFen' | 'budgetMaxFen'>): string | undefined {
  if (record.budgetMode !== 'range') return undefined;
  const low = record.budgetMinFen === null ? undefined : `¥${formatFen(record.budgetMinFen)}`;
  const high = record.budgetMaxFen === null ? undefined : `¥${formatFen(record.budgetMaxFen)}`;
  if (low && high) return low === high ? low : `${low} – ${high}`;
  if (low) return `不低于 ${low}`;
  if (high) return `不超过 ${high}`;
  return undefined;
}

/** Labels of the demand form's fields, for return reasons and server error summaries. */
export const DEMAND_FIELD_LABELS: Record<DemandField, string> = {
  title: '需求名称',
  publicSummary: '公开摘要',
  description: '需求描述',
  indicators: '技术指标',
  existingConditions: '现有条件',
  keyField: '重点领域',
  industry: '所属行业',
  keywords: '关键词',
  demandType: '需求类型',
  cooperationModes: '合作方式',
  budgetMode: '预算方式',
  budgetMin: '预算下限',
  budgetMax: '预算上限',
  budgetFirm: '预算性质',
  deadline: '截止日期',
  regionCode: '所在地区',
  contactName: '联系人',
  contactPhone: '联系电话',
  contactEmail: '联系邮箱',
};

/** Request fields outside the form's content: who the demand is for and where it came from. */
const POSTING_LABELS: Record<string, string> = {
  enterpriseOrganizationId: '需求所属企业',
  source: '需求来源',
  campaignId: '科惠行动',
  campaignVisitId: '走访记录',
  _: '整体意见',
};

/** Field label of a server error path or a return reason's field (`budgetMinFen` → 预算下限). */
export function fieldLabel(path: string): string {
  const root = (path.split('.')[0] ?? path).replace(/Fen$/, '');
  return (DEMAND_FIELD_LABELS as Record<string, string>)[root] ?? POSTING_LABELS[root] ?? root;
}

const HOUR = 3_600_000;

function hoursText(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < HOUR) return `${Math.max(1, Math.floor(abs / 60_000))} 分钟`;
  return `${Math.floor(abs / HOUR)} 小时`;
}

export interface ClockView {
  text: string;
  /** antd Tag color. */
  color: string;
  isOverdue: boolean;
}

/**
 * The 48-hour response clock in words: 剩余 xx 小时 / 已超时 xx 小时 while waiting for the first
 * follow-up, 按时响应 / 超时响应 once it came. Counted from `dueAt` against `now`, so an open page
 * keeps counting; undefined when the clock has not started (not published yet) or a demand closed
 * within its 48 hours.
 */
export function clockView(clock: DemandClock, now: number = Date.now(), isClosed = false): ClockView | undefined {
  // A closed demand's clock stopped at closing: no counting on, only whether it was answered.
  if (isClosed && (clock.state === 'running' || clock.state === 'overdue')) {
    return clock.state === 'overdue' ? { text: '超时未响应', color: 'red', isOverdue: true } : undefined;
  }
  switch (clock.state) {
    case 'met':
      return { text: '按时响应', color: 'green', isOverdue: false };
    case 'late':
      return { text: '超时响应', color: 'orange', isOverdue: false };
    case 'running':
    case 'overdue': {
      const remaining = clock.dueAt ? Date.parse(clock.dueAt) - now : (clock.remainingMs ?? 0);
      if (remaining <= 0) return { text: `已超时 ${hoursText(remaining)}`, color: 'red', isOverdue: true };
      return { text: `剩余 ${hoursText(remaining)}`, color: remaining < 12 * HOUR ? 'orange' : 'blue', isOverdue: false };
    }
    default:
      return undefined;
  }
}


/** A calendar day of the API (`YYYY-MM-DD`, a Beijing day) as shown elsewhere: `2026/12/31`. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '—';
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day.replaceAll('-', '/') : day;
}
