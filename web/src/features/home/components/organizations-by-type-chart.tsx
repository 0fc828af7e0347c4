import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the pieces this chart uses, so the chunk stays small (no tooltip: the bars carry their
// values as labels); this module is itself loaded lazily, off the home page's first download.
use([BarChart, GridComponent, SVGRenderer]);

export interface ChartBar {
  label: string;
  value: number;
}

/** Horizontal bars (long Chinese labels read better on phones than under vertical bars). */
export function OrganizationsByTypeChart({ bars, label }: { bars: ChartBar[]; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  const height = Math.max(160, bars.length * 36 + 40);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = init(element, undefined, { renderer: 'svg' });
    // Largest on top: the category axis draws its first item at the bottom.
    const ordered = [...bars].reverse();
    chart.setOption({
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: ordered.map((bar) => bar.label) },
      series: [
        {
          type: 'bar',
          name: '机构数',
          data: ordered.map((bar) => bar.value),
          barMaxWidth: 24,
          itemStyle: { color: '#1677ff' },
          label: { show: true, position: 'right' },
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [bars]);

  return <div ref={container} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
