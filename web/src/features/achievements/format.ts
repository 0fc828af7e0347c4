import {
  ACHIEVEMENT_STATUSES,
  ACHIEVEMENT_TYPES,
  ATTRIBUTES,
  COOPERATION_MODES,
  type CodeOption,
  codeLabel,
  DISCLOSURE_TIERS,
  INDUSTRIES,
  IP_ITEM_TYPES,
  IP_STATUSES,
  KEY_FIELDS,
  PRICING_MODES,
  STAGES,
  TEAM_ROLES,
  TRL_LEVELS,
} from './codes.js';
import type { AchievementStatus } from './types.js';

/** `{ value, label }` options for antd Select, from a coded list. */
export function optionsOf(list: readonly CodeOption[]): { value: string; label: string }[] {
  return list.map((option) => ({ value: option.value, label: option.label }));
}

/** The Chinese label of a code, the code itself if this build does not know it, or — for none. */
export function labelFor(list: readonly CodeOption[], value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return codeLabel(list, value) ?? value;
}

export const statusColors: Record<AchievementStatus, string> = {
  draft: 'default',
  submitted: 'gold',
  confirmed: 'blue',
  published: 'green',
  returned: 'red',
  archived: 'default',
};

export function statusLabel(status: string): string {
  return labelFor(ACHIEVEMENT_STATUSES, status);
}

/**
 * Groups the whole-yuan digits of a decimal string: "1234567.89" → "1,234,567.89", dropping a
 * ".00". String work only: the API sends prices as exact decimal strings and they never pass
 * through floating point here.
 */
export function groupYuan(price: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(price.trim());
  if (!match) return price;
  const [, sign = '', whole = '', fraction = ''] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  const cents = fraction.replace(/0+$/, '') === '' ? '' : `.${fraction.padEnd(2, '0')}`;
  return `${sign}${grouped}${cents}`;
}

/** 面议, or "¥1,234,567.89" (with 底价 in front for a floor price). */
export function formatPrice(pricingMode: string, price: string | null): string {
  if (pricingMode === 'negotiable' || price === null || price === '') return '面议';
  const amount = `¥${groupYuan(price)}`;
  return pricingMode === 'floor' ? `底价 ${amount}` : amount;
}

/** Decimal yuan string for a form input: "1234567.89" stays, "80000.00" becomes "80000". */
export function priceInputValue(price: string | null | undefined): string {
  if (!price) return '';
  return price.replace(/\.00$/, '').replace(/(\.\d)0$/, '$1');
}

/** "TRL 6 · 相关环境系统演示". */
export function trlText(trl: number | null | undefined): string {
  if (trl === null || trl === undefined) return '—';
  const level = TRL_LEVELS.find((item) => item.level === trl);
  return level ? `TRL ${trl} · ${level.label}` : `TRL ${trl}`;
}

export function cooperationText(modes: readonly string[]): string {
  return modes.length ? modes.map((mode) => labelFor(COOPERATION_MODES, mode)).join('、') : '—';
}

interface IpItemLike {
  type?: unknown;
  number?: unknown;
  status?: unknown;
  title?: unknown;
}
interface OwnerLike {
  name?: unknown;
  share?: unknown;
}
interface MemberLike {
  name?: unknown;
  role?: unknown;
  contribution?: unknown;
  title?: unknown;
}

const str = (value: unknown) => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

function listText<T>(value: unknown, each: (item: T) => string): string {
  if (!Array.isArray(value) || value.length === 0) return '（空）';
  return (value as T[]).map(each).join('；');
}

const codedFields: Record<string, readonly CodeOption[]> = {
  type: ACHIEVEMENT_TYPES,
  attribute: ATTRIBUTES,
  keyField: KEY_FIELDS,
  industry: INDUSTRIES,
  stage: STAGES,
  pricingMode: PRICING_MODES,
  disclosureTier: DISCLOSURE_TIERS,
};

/**
 * A field value from a version diff or a pending revision, in words: codes become their labels,
 * lists become "a；b", booleans 是 / 否, prices ¥ with grouping. Empty values read （空）.
 */
export function formatFieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  const coded = codedFields[field];
  if (coded && typeof value === 'string') return labelFor(coded, value);
  switch (field) {
    case 'trl':
      return typeof value === 'number' ? trlText(value) : str(value);
    case 'price':
    case 'priceFen':
      return typeof value === 'string' ? `¥${groupYuan(value)}` : str(value);
    case 'cooperationModes':
      return listText<string>(value, (mode) => labelFor(COOPERATION_MODES, mode));
    case 'keywords':
      return listText<string>(value, (keyword) => keyword);
    case 'ipItems':
      return listText<IpItemLike>(value, (item) => {
        const title = str(item.title);
        return `${labelFor(IP_ITEM_TYPES, str(item.type))} ${str(item.number)}（${labelFor(IP_STATUSES, str(item.status))}）${title ? ` ${title}` : ''}`;
      });
    case 'owners':
      return listText<OwnerLike>(value, (owner) => `${str(owner.name)} ${str(owner.share)}%`);
    case 'team':
      return listText<MemberLike>(value, (member) => {
        const title = str(member.title);
        return `${str(member.name)}（${labelFor(TEAM_ROLES, str(member.role))}${title ? `，${title}` : ''}，${str(member.contribution)}%）`;
      });
    default:
      if (typeof value === 'boolean') return value ? '是' : '否';
      if (Array.isArray(value)) return listText<unknown>(value, str);
      if (typeof value === 'object') return JSON.stringify(value);
      return str(value);
  }
}
