import type { ComponentScore, MatchComponent } from './types.js';

/** One colour per score component, the same in every bar, row and slider. */
export const COMPONENT_COLORS: Record<MatchComponent, string> = {
  text: '#1677ff',
  keyField: '#13c2c2',
  industry: '#52c41a',
  maturity: '#722ed1',
  region: '#fa8c16',
  price: '#eb2f96',
  cooperation: '#2f54eb',
  record: '#a0d911',
};

/** 0.8231 → "82%" (匹配度). */
export function percentText(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** A contribution as points of the 100-point score: 0.3812 → "38.1". */
export function pointsText(value: number): string {
  return (value * 100).toFixed(1);
}

/** The reasons worth reading first: the components that added most to the score. */
export function leadingReasons(components: readonly ComponentScore[], count = 3): ComponentScore[] {
  return [...components].sort((a, b) => b.contribution - a.contribution).slice(0, count);
}

/** The weakest component when it counts against the pair (value below one half and a real weight). */
export function weakestComponent(components: readonly ComponentScore[]): ComponentScore | undefined {
  const weakest = [...components].filter((c) => c.weight >= 0.05).sort((a, b) => a.value - b.value)[0];
  return weakest && weakest.value < 0.5 ? weakest : undefined;
}
