// A type:rendering lib (eslint.config.mjs): the reports render the dashboard's charts as SVG strings
// with ECharts' server-side renderer (no DOM, no browser bundle); docs/REPORTS.md.
import * as echarts from 'echarts';

/**
 * Charts as inline SVG with ECharts' server-side renderer (the same library and look as the
 * dashboard): no DOM, no canvas, no animation; the SVG goes straight into the report's HTML.
 */
export function renderChartSvg(option: echarts.EChartsOption, width = 680, height = 280): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'DejaVu Sans, Liberation Sans, Arial, sans-serif' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export interface ChartSeries {
  name: string;
  /** null: no value (e.g. a count suppressed below 11): a gap in the line, no bar. */
  data: (number | null)[];
  type?: 'line' | 'bar';
  /** Draw on the right-hand axis. */
  rightAxis?: boolean;
}

const PALETTE = ['#12355b', '#2f7ebc', '#e07a1f', '#6c8ebf', '#1b7a3a', '#b54708'];

/** Lines and/or bars over categories (months…), optional second axis, legend at the bottom. */
export function seriesChartSvg(opts: {
  categories: string[];
  series: ChartSeries[];
  yName?: string;
  rightName?: string;
  width?: number;
  height?: number;
  format?: (v: number) => string;
}): string {
  const twoAxes = opts.series.some((s) => s.rightAxis);
  const fmt = opts.format ?? ((v: number) => String(v));
  return renderChartSvg(
    {
      color: PALETTE,
      grid: { left: 56, right: twoAxes ? 56 : 20, top: 30, bottom: 56 },
      legend: { bottom: 0, textStyle: { fontSize: 11 } },
      xAxis: { type: 'category', data: opts.categories, axisLabel: { fontSize: 10, hideOverlap: true } },
      yAxis: [
        {
          type: 'value',
          name: opts.yName,
          nameTextStyle: { fontSize: 10, align: 'left' },
          axisLabel: { fontSize: 10, formatter: (v: number) => fmt(v) },
        },
        ...(twoAxes
          ? [
              {
                type: 'value' as const,
                name: opts.rightName,
                nameTextStyle: { fontSize: 10, align: 'right' as const },
                axisLabel: { fontSize: 10, formatter: (v: number) => fmt(v) },
                splitLine: { show: false },
              },
            ]
          : []),
      ],
      series: opts.series.map((s) => ({
        name: s.name,
        type: s.type ?? 'line',
        data: s.data,
        yAxisIndex: s.rightAxis ? 1 : 0,
        showSymbol: (s.type ?? 'line') === 'line' && opts.categories.length <= 24,
        connectNulls: false,
        barMaxWidth: 28,
      })),
    },
    opts.width ?? 680,
    opts.height ?? 280,
  );
}

/** Horizontal bars (a ranking): labels on the left, values at the end of the bars. */
export function rankingChartSvg(opts: {
  labels: string[];
  values: (number | null)[];
  name: string;
  width?: number;
  height?: number;
  formatter?: (v: number) => string;
}): string {
  const fmt = opts.formatter ?? ((v: number) => String(v));
  return renderChartSvg(
    {
      color: PALETTE,
      grid: { left: 190, right: 60, top: 10, bottom: 24 },
      xAxis: { type: 'value', axisLabel: { fontSize: 10, formatter: (v: number) => fmt(v) } },
      yAxis: { type: 'category', inverse: true, data: opts.labels, axisLabel: { fontSize: 10, width: 180, overflow: 'truncate' } },
      series: [
        {
          name: opts.name,
          type: 'bar',
          data: opts.values,
          barMaxWidth: 18,
          label: {
            show: true,
            position: 'right',
            fontSize: 10,
            formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? fmt(p.value) : ''),
          },
        },
      ],
    },
    opts.width ?? 680,
    opts.height ?? Math.max(120, 28 + opts.labels.length * 22),
  );
}

/** GeoJSON the map needs: one feature per territory, identified by its code. */
export interface MapFeatureCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; id?: string; properties: { code: string; name?: string }; geometry: unknown }[];
}

/**
 * A choropleth of one metric over territories (the gap map). Values are matched by territory code;
 * territories without a value are grey. `higherIsWorse` puts the dark colour on the bad end.
 */
export function choroplethSvg(opts: {
  features: MapFeatureCollection;
  values: { code: string; value: number | null }[];
  higherIsWorse: boolean;
  legend: string;
  width?: number;
  height?: number;
  format?: (v: number) => string;
}): string {
  const features = opts.features.features
    .filter((f) => f.geometry)
    .map((f) => ({ ...f, properties: { ...f.properties, name: f.properties.code } }));
  echarts.registerMap('vigie-report-map', { type: 'FeatureCollection', features } as unknown as Parameters<typeof echarts.registerMap>[1]);
  const known = opts.values.filter((v) => v.value !== null && Number.isFinite(v.value)) as { code: string; value: number }[];
  const min = known.length ? Math.min(...known.map((v) => v.value)) : 0;
  const max = known.length ? Math.max(...known.map((v) => v.value)) : 1;
  const colours = ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];
  const fmt = opts.format ?? ((v: number) => String(Math.round(v * 10) / 10));
  return renderChartSvg(
    {
      visualMap: {
        type: 'continuous',
        min,
        max: max > min ? max : min + 1,
        left: 8,
        bottom: 8,
        text: [fmt(max), fmt(min)],
        textStyle: { fontSize: 10 },
        calculable: false,
        inRange: { color: opts.higherIsWorse ? colours : [...colours].reverse() },
      },
      title: { text: opts.legend, left: 8, top: 4, textStyle: { fontSize: 11, fontWeight: 'normal' } },
      series: [
        {
          type: 'map',
          map: 'vigie-report-map',
          roam: false,
          label: { show: false },
          itemStyle: { borderColor: '#ffffff', borderWidth: 0.4, areaColor: '#d9d9d9' },
          data: known.map((v) => ({ name: v.code, value: v.value })),
          layoutCenter: ['55%', '52%'],
          layoutSize: '92%',
        },
      ],
    },
    opts.width ?? 680,
    opts.height ?? 520,
  );
}
