/**
 * Pure rules of 科惠行动 campaigns: calendar days in Asia/Shanghai, campaign status, the region set
 * (one province, no region inside another) and its narrowest common ancestor. No I/O.
 */
import { shanghaiDay } from '../../platform/shanghai-day.js';
import { ancestorsOf, isRegionCodeFormat, isWithinRegion, regionLevel } from '../regions/index.js';

/** The calendar day in Hubei (Asia/Shanghai) at `now`, as YYYY-MM-DD. */
export function shanghaiToday(now: Date = new Date()): string {
  return shanghaiDay(now);
}

export const CAMPAIGN_STATUSES = [
  { value: 'upcoming', label: '未开始' },
  { value: 'active', label: '进行中' },
  { value: 'ended', label: '已结束' },
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]['value'];
export const CAMPAIGN_STATUS_VALUES = CAMPAIGN_STATUSES.map((s) => s.value) as [CampaignStatus, ...CampaignStatus[]];

export function campaignStatusLabel(status: CampaignStatus): string {
  return CAMPAIGN_STATUSES.find((s) => s.value === status)?.label ?? status;
}

/** upcoming before the first day, active from the first to the last day (inclusive), ended after. */
export function campaignStatus(startsOn: string, endsOn: string, today: string): CampaignStatus {
  if (today < startsOn) return 'upcoming';
  if (today > endsOn) return 'ended';
  return 'active';
}

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A campaign runs at most three years: the plan counts targets per year. */
export const MAX_PERIOD_DAYS = 3 * 366;

/** Month keys YYYY-MM from the month of `from` to the month of `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** Whether two regions share ground: one lies inside (or is) the other. */
export function regionsOverlap(a: string, b: string): boolean {
  return isWithinRegion(a, b) || isWithinRegion(b, a);
}

/** The region itself and its structural ancestors, outermost first: 420111 → [420000, 420100, 420111]. */
function chainOf(code: string): string[] {
  return [...ancestorsOf(code), code];
}

/**
 * The narrowest region containing every code (420111 + 420115 → 420100; 420100 + 420500 →
 * 420000); null when the codes lie in different provinces or the list is empty.
 */
export function commonAncestor(codes: readonly string[]): string | null {
  const chains = codes.filter(isRegionCodeFormat).map(chainOf);
  const first = chains[0];
  if (!first || chains.length !== codes.length) return null;
  let found: string | null = null;
  for (let i = 0; i < first.length; i++) {
    const step = first[i];
    if (step === undefined || !chains.every((c) => c[i] === step)) break;
    found = step;
  }
  return found;
}

export interface RegionIssue {
  index: number;
  message: string;
}

/**
 * Problems of a campaign's region list, each at its index: a repeated code, a region inside
 * another one of the list (counted twice otherwise), regions in different provinces.
 * `nameOf` gives the Chinese name for the messages.
 */
export function regionListIssues(codes: readonly string[], nameOf: (code: string) => string): RegionIssue[] {
  const issues: RegionIssue[] = [];
  codes.forEach((code, index) => {
    if (codes.indexOf(code) !== index) {
      issues.push({ index, message: `地区「${nameOf(code)}」重复` });
      return;
    }
    const outer = codes.find((other, j) => j !== index && other !== code && isWithinRegion(code, other));
    if (outer) issues.push({ index, message: `「${nameOf(code)}」已包含在「${nameOf(outer)}」中，请只保留一个` });
  });
  if (issues.length === 0 && codes.length > 1 && commonAncestor(codes) === null) {
    issues.push({ index: 0, message: '所选地区应属于同一省份' });
  }
  return issues;
}

/**
 * The region a breakdown row counts `code` under. Several campaign regions: the campaign region
 * containing it. One region above county level: its next level down (a city campaign shows its
 * districts, a provincial one its cities), so the breakdown says something.
 */
export function breakdownKeyOf(code: string, campaignRegions: readonly string[]): string | null {
  const only = campaignRegions.length === 1 ? campaignRegions[0] : undefined;
  if (only !== undefined && isWithinRegion(code, only)) {
    const level = regionLevel(only);
    if (level === 'province') return `${code.slice(0, 4)}00`;
    if (level === 'city') return code;
    return only;
  }
  return campaignRegions.find((r) => isWithinRegion(code, r)) ?? null;
}
