import type { CampaignStatus, CampaignSummary } from './types.js';

export const CAMPAIGN_STATUS_OPTIONS: { value: CampaignStatus; label: string }[] = [
  { value: 'active', label: '进行中' },
  { value: 'upcoming', label: '未开始' },
  { value: 'ended', label: '已结束' },
];

export const statusColors: Record<CampaignStatus, string> = { active: 'green', upcoming: 'blue', ended: 'default' };

/** `2026/03/01 – 2026/06/30` from two calendar days (no time zone involved). */
export function periodText(c: Pick<CampaignSummary, 'startsOn' | 'endsOn'>): string {
  return `${c.startsOn.replaceAll('-', '/')} – ${c.endsOn.replaceAll('-', '/')}`;
}

export function regionsText(c: Pick<CampaignSummary, 'regions'>): string {
  return c.regions.map((r) => r.name).join('、');
}

/** Percent of a target reached, capped at 100 for the bar; null without a target. */
export function percentOf(actual: number, target: number): number | null {
  if (target <= 0) return null;
  return Math.min(100, Math.round((actual / target) * 100));
}

/** The three targets with their actuals, in the order the pages show them. */
export function progressRows(c: Pick<CampaignSummary, 'targets' | 'actuals'>) {
  return [
    { key: 'visits', label: '走访企业', unit: '家', actual: c.actuals.enterprisesVisited, target: c.targets.visits },
    { key: 'demands', label: '挖掘需求', unit: '项', actual: c.actuals.demands, target: c.targets.demands },
    { key: 'events', label: '对接活动', unit: '场', actual: c.actuals.eventsHeld, target: c.targets.events },
  ] as const;
}

/** Server field paths → form fields (list fields are one input each). */
export function formPathOf(path: string): (string | number)[] | undefined {
  const root = path.split('.')[0];
  return root ? [root] : undefined;
}
