import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import type { SearchPeak, SearchSeries, SeriesPoint } from '@vigie/contracts';
import { NgxEchartsDirective } from 'ngx-echarts';
import { formatNumber, formatPercent } from '../../../shared/ui/format';
import { SEQUENTIAL_CIVIDIS, SEQUENTIAL_VIRIDIS } from '../../../shared/ui/palettes';
import type { Compare } from '../data-access/search-query';
import { bucketDays, formatCount, formatPeriod, formatSpan, plotValues } from '../data-access/search-stats';

export interface SeriesChartLabels {
  current: string;
  previousPeriod: string;
  previousYear: string;
  peak: string;
  searches: string;
  zeroResultRate: string;
  /** Legend entry of the partial buckets ("Période incomplète"). */
  partial: string;
  /** Tooltip note of a partial bucket: "incomplet : 5 j sur 31". */
  partialDays: (days: number, of: number) => string;
}

const CURRENT = SEQUENTIAL_VIRIDIS[5];
const COMPARE = SEQUENTIAL_CIVIDIS[4];
const PEAK = SEQUENTIAL_VIRIDIS[2];
/** Partial buckets: a light fill with a dashed outline (bars), an open dashed marker (lines). */
const PARTIAL_FILL = '#dcd7ef';
const partialBar = { color: PARTIAL_FILL, borderColor: CURRENT, borderType: 'dashed', borderWidth: 2 };
const partialPoint = { color: '#ffffff', borderColor: CURRENT, borderType: 'dashed', borderWidth: 2 };

/**
 * Searches per day / week / month (bars for months, a line otherwise), with the previous period or the
 * previous year as a dashed line and the peaks of the peaks endpoint pinned. Suppressed counts ("< 11")
 * are gaps, never numbers; the tooltip says "< 11". Partial buckets (cut by the period or by today) are drawn
 * lighter with a dashed outline and have their own legend entry; the tooltip gives the days counted. The
 * screen-reader description is the app's (`description`), set as ECharts' own aria label.
 */
@Component({
  selector: 'vg-search-series-chart',
  imports: [NgxEchartsDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="chart"
      echarts
      [options]="options()"
      (chartFinished)="rendered.set(renderKey())"
      [attr.data-granularity]="series().granularity"
      [attr.data-points]="series().current.length"
      [attr.data-compare]="compare()"
      [attr.data-peaks]="shownPeaks().length"
      [attr.data-partial]="partialCount()"
      [attr.data-compact]="compact()"
      [attr.data-rendered]="rendered() === renderKey() ? renderKey() : null"
      role="img"
      [attr.aria-label]="ariaLabel()"
    ></div>
  `,
  styles: `
    :host {
      display: block;
    }
    .chart {
      width: 100%;
      height: var(--vg-series-height, 360px);
    }
  `,
})
export class SearchSeriesChart {
  readonly series = input.required<SearchSeries>();
  readonly compare = input<Compare>('none');
  readonly peaks = input<readonly SearchPeak[]>([]);
  readonly lang = input('fr');
  readonly labels = input.required<SeriesChartLabels>();
  readonly ariaLabel = input('');
  /** Phone layout: smaller labels, legend below, no zoom slider. */
  readonly compact = input(false);

  /** Key of the last options drawn, so that tests can wait for a given granularity to be on screen. */
  protected readonly rendered = signal<string | null>(null);
  protected readonly renderKey = computed(() => `${this.series().granularity}:${this.series().current.length}:${this.compare()}`);

  protected readonly partialCount = computed(() => this.series().current.filter((p) => p.partial).length);

  protected readonly shownPeaks = computed(() => {
    const periods = new Set(this.series().current.map((p) => p.period));
    return this.peaks().filter((p) => periods.has(p.period) && p.granularity === this.series().granularity);
  });

  protected readonly options = computed(() => {
    const s = this.series();
    const g = s.granularity;
    const lang = this.lang();
    const labels = this.labels();
    const compare = this.compare();
    const cmp: SeriesPoint[] | null =
      compare === 'previous-period' ? s.previousPeriod : compare === 'previous-year' ? s.previousYear : null;
    const cmpLabel = compare === 'previous-period' ? labels.previousPeriod : labels.previousYear;
    const periods = s.current.map((p) => p.period);
    const compact = this.compact();
    const many = periods.length > 60;
    const zoom = many && !compact;
    const bars = g === 'month';
    const colon = lang === 'en' ? ':' : '\u00a0:';
    const partialNote = (p: SeriesPoint) => (p.partial ? ` — ${escapeHtml(labels.partialDays(p.days, bucketDays(p.period, g)))}` : '');

    // Current points: the bucket's name; comparison points: the days they count (same days, shifted).
    const tooltipLine = (marker: string, name: string, p: SeriesPoint | undefined, comparison: boolean) =>
      p
        ? `${marker} ${escapeHtml(name)} (${escapeHtml(comparison ? formatSpan(p.from, p.to, lang) : formatPeriod(p.period, g, lang))})${colon} <strong>${formatCount(p.searches, lang)}</strong>` +
          (p.zeroResultRate !== null ? ` — ${escapeHtml(labels.zeroResultRate)} ${formatPercent(p.zeroResultRate, lang)}` : '')
        : '';
    const currentData = plotValues(s.current).map((value, i) =>
      s.current[i].partial
        ? bars
          ? { value, itemStyle: partialBar }
          : { value, symbol: 'emptyCircle', symbolSize: 9, itemStyle: partialPoint }
        : value,
    );
    const anyPartial = s.current.some((p) => p.partial);

    return {
      aria: { enabled: true, decal: { show: true }, label: { enabled: true, description: this.ariaLabel() } },
      color: [CURRENT, COMPARE],
      grid: { left: 4, right: compact ? 8 : 24, top: compact ? 56 : 36, bottom: zoom ? 48 : 8, containLabel: true },
      legend: { top: 0, left: 0, itemGap: compact ? 8 : 16, itemWidth: compact ? 18 : 25, textStyle: { fontSize: compact ? 11 : 12 } },
      tooltip: {
        trigger: 'axis',
        confine: true,
        formatter: (params: { dataIndex: number; seriesIndex: number; marker: string }[]) => {
          const i = params[0]?.dataIndex ?? 0;
          const cur = s.current[i];
          const lines = [
            `<strong>${escapeHtml(formatPeriod(cur.period, g, lang))}</strong>${partialNote(cur)}`,
            tooltipLine(params.find((p) => p.seriesIndex === 0)?.marker ?? '', labels.current, cur, false),
          ];
          if (cmp) lines.push(tooltipLine(params.find((p) => p.seriesIndex === 1)?.marker ?? '', cmpLabel, cmp[i], true));
          const peak = this.shownPeaks().find((p) => p.period === cur.period);
          if (peak) lines.push(`▲ ${escapeHtml(labels.peak)} (${escapeHtml(`+${formatPercent(peak.excess, lang)}`)})`);
          return lines.filter(Boolean).join('<br/>');
        },
      },
      xAxis: {
        type: 'category',
        data: periods,
        boundaryGap: bars,
        axisLabel: { formatter: (v: string) => formatPeriod(v, g, lang, true), hideOverlap: true, fontSize: compact ? 10 : 12 },
      },
      yAxis: {
        type: 'value',
        axisLabel: {
          fontSize: compact ? 10 : 12,
          formatter: (v: number) => (compact && v >= 10_000 ? `${formatNumber(v / 1000, lang)}\u00a0k` : formatNumber(v, lang)),
        },
      },
      dataZoom: zoom
        ? [
            { type: 'inside' },
            { type: 'slider', height: 20, bottom: 8, labelFormatter: (_: number, v: string) => formatPeriod(v, g, lang, true) },
          ]
        : [],
      series: [
        {
          name: labels.current,
          type: bars ? 'bar' : 'line',
          data: currentData,
          connectNulls: false,
          showSymbol: !many,
          barMaxWidth: 36,
          itemStyle: { color: CURRENT },
          lineStyle: { width: 2 },
          markPoint: {
            symbol: 'pin',
            symbolSize: 36,
            itemStyle: { color: PEAK, borderColor: '#ffffff', borderWidth: 1 },
            label: { color: '#000000', fontSize: 10, formatter: () => '▲' },
            data: this.shownPeaks().map((p) => ({ name: labels.peak, coord: [p.period, p.searches], value: p.searches })),
          },
        },
        ...(cmp
          ? [
              {
                name: cmpLabel,
                type: 'line',
                data: plotValues(cmp),
                connectNulls: false,
                showSymbol: !many,
                symbol: 'diamond',
                itemStyle: { color: COMPARE },
                lineStyle: { type: 'dashed', width: 2 },
              },
            ]
          : []),
        // Legend entry only: how a partial bucket is drawn.
        ...(anyPartial
          ? [
              bars
                ? { name: labels.partial, type: 'bar', data: [], itemStyle: partialBar }
                : {
                    name: labels.partial,
                    type: 'line',
                    data: [],
                    symbol: 'emptyCircle',
                    itemStyle: partialPoint,
                    lineStyle: { opacity: 0 },
                  },
            ]
          : []),
      ],
    };
  });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
