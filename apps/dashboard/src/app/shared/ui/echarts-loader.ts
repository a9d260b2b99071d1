/** The one place that imports ECharts: a lazy chunk, loaded once. */
let echartsPromise: Promise<typeof import('echarts')> | null = null;

export function loadEcharts(): Promise<typeof import('echarts')> {
  echartsPromise ??= import('echarts');
  return echartsPromise;
}
