import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { formatFen } from '../codes.js';

// Only what these charts use; this module loads lazily with the statistics page.
use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

interface Bucket {
  label: string;
  count: number;
  amountFen: number;
}

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

/** Contracts (bars) and transaction amount in 万元 (bars on a second axis), one pair per bucket. */
export function BucketChart({ title, buckets }: { title: string; buckets: Bucket[] }) {
  const option = useMemo<EChartsCoreOption>(
    () => ({
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, data: ['合同数（项）', '技术交易额（万元）'] },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: buckets.map((b) => b.label), axisLabel: { interval: 0, rotate: buckets.length > 5 ? 30 : 0 } },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: '合同数（项）', data: buckets.map((b) => b.count), barMaxWidth: 18, itemStyle: { color: '#1677ff' } },
        // 万元 for the eye only; the table beside the chart shows the exact amount in yuan.
        { type: 'bar', name: '技术交易额（万元）', yAxisIndex: 1, data: buckets.map((b) => Math.round(b.amountFen / 10_000) / 100), barMaxWidth: 18, itemStyle: { color: '#52c41a' } },
      ],
    }),
    [buckets],
  );
  const container = useChart(option);
  const label = `${title}：${buckets.map((b) => `${b.label} ${b.count} 项，技术交易额 ¥${formatFen(b.amountFen)}`).join('；') || '暂无数据'}`;
  return <div ref={container} role="img" aria-label={label} style={{ width: '100%', height: 280 }} />;
}
