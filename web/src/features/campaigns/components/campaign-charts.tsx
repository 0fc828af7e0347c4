import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import type { CampaignActuals, CampaignTargets, MonthPoint } from '../types.js';

// Only what these two charts use; this module is loaded lazily by the campaign page, so neither
// the home page nor the campaign list downloads ECharts.
use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const TARGET_COLOR = '#d9d9d9';
const COLORS = { visits: '#1677ff', demands: '#fa8c16', events: '#52c41a' };

function useChart(option: EChartsCoreOption) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = init(element, undefined, { renderer: 'svg' });
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);
  return container;
}

/** 目标与实际: one pair of horizontal bars per target (long labels read better on phones). */
export function TargetsChart({ targets, actuals }: { targets: CampaignTargets; actuals: CampaignActuals }) {
  // The category axis draws its first item at the bottom: list them bottom-up.
  const rows = useMemo(
    () => [
      { label: '对接活动（场）', target: targets.events, actual: actuals.eventsHeld },
      { label: '挖掘需求（项）', target: targets.demands, actual: actuals.demands },
      { label: '走访企业（家）', target: targets.visits, actual: actuals.enterprisesVisited },
    ],
    [targets, actuals],
  );
  const option = useMemo<EChartsCoreOption>(() => ({
    grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0, data: ['目标', '实际'] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.label) },
    series: [
      { type: 'bar', name: '目标', data: rows.map((r) => r.target), barMaxWidth: 18, itemStyle: { color: TARGET_COLOR }, label: { show: true, position: 'right' } },
      { type: 'bar', name: '实际', data: rows.map((r) => r.actual), barMaxWidth: 18, itemStyle: { color: '#1677ff' }, label: { show: true, position: 'right' } },
    ],
  }), [rows]);
  const container = useChart(option);
  const label = `目标与实际：${rows
    .slice()
    .reverse()
    .map((r) => `${r.label} 目标 ${r.target}，实际 ${r.actual}`)
    .join('；')}`;
  return <div ref={container} role="img" aria-label={label} style={{ width: '100%', height: 240 }} />;
}

/** 月度进展: visits and demands as bars, events held as a line, one point per month. */
export function MonthlyChart({ series }: { series: MonthPoint[] }) {
  const months = useMemo(() => series.map((p) => `${Number(p.month.slice(0, 4))}年${Number(p.month.slice(5, 7))}月`), [series]);
  const option = useMemo<EChartsCoreOption>(() => ({
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, data: ['走访', '挖掘需求', '对接活动'] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: '走访', data: series.map((p) => p.visits), barMaxWidth: 16, itemStyle: { color: COLORS.visits } },
      { type: 'bar', name: '挖掘需求', data: series.map((p) => p.demands), barMaxWidth: 16, itemStyle: { color: COLORS.demands } },
      { type: 'line', name: '对接活动', data: series.map((p) => p.events), itemStyle: { color: COLORS.events }, symbolSize: 8 },
    ],
  }), [series, months]);
  const container = useChart(option);
  const label = `月度进展：${series.map((p, i) => `${months[i]} 走访 ${p.visits} 次、需求 ${p.demands} 项、对接活动 ${p.events} 场`).join('；')}`;
  return <div ref={container} role="img" aria-label={label} style={{ width: '100%', height: 280 }} />;
}
