import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import type { ActivityMonth } from '@vigie/contracts';
import { NgxEchartsDirective } from 'ngx-echarts';
import { chartAria, describeSeries } from '../../../shared/ui/chart-aria';
import { formatNumber } from '../../../shared/ui/format';
import { SEQUENTIAL_CIVIDIS, SEQUENTIAL_VIRIDIS } from '../../../shared/ui/palettes';

export type ActivityKindLabels = Record<'training' | 'sensitisation' | 'copil' | 'funding', string>;

const KINDS = ['training', 'sensitisation', 'copil', 'funding'] as const;
const COLOURS = [SEQUENTIAL_VIRIDIS[5], SEQUENTIAL_VIRIDIS[3], SEQUENTIAL_VIRIDIS[1], SEQUENTIAL_CIVIDIS[4]];

/** Activities per month, stacked by kind (decals on, so kinds read without colour too). */
@Component({
  selector: 'vg-activity-timeline',
  imports: [NgxEchartsDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="chart"
      echarts
      [options]="options()"
      (chartFinished)="rendered.set(key())"
      [attr.data-months]="months().length"
      [attr.data-rendered]="rendered() === key() ? key() : null"
    ></div>
  `,
  styles: `
    :host {
      display: block;
    }
    .chart {
      width: 100%;
      height: var(--vg-timeline-height, 280px);
    }
  `,
})
export class ActivityTimeline {
  readonly months = input.required<readonly ActivityMonth[]>();
  readonly labels = input.required<ActivityKindLabels>();
  readonly lang = input('fr');
  readonly ariaLabel = input('');

  protected readonly rendered = signal<string | null>(null);
  protected readonly key = computed(() => `${this.months()[0]?.month ?? ''}:${this.months().length}`);

  protected readonly options = computed(() => {
    const months = this.months();
    const lang = this.lang();
    const labels = this.labels();
    const locale = lang === 'en' ? 'en-GB' : 'fr-FR';
    const monthLabel = (m: string) =>
      new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(new Date(`${m}T00:00:00Z`));
    const longMonth = (m: string) =>
      new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${m}T00:00:00Z`));
    // The description ECharts writes on the chart (role img): what it shows, the busiest and quietest months.
    const description = describeSeries(
      this.ariaLabel(),
      months.map((m) => ({ label: longMonth(m.month), value: KINDS.reduce((n, k) => n + (m[k] ?? 0), 0) })),
      lang,
    );
    return {
      aria: chartAria(description),
      color: COLOURS,
      grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
      legend: { type: 'scroll', top: 0, left: 0, right: 0, itemGap: 12, textStyle: { fontSize: 12 } },
      tooltip: { trigger: 'axis', confine: true, valueFormatter: (v: number) => formatNumber(v, lang) },
      xAxis: { type: 'category', data: months.map((m) => m.month), axisLabel: { formatter: monthLabel, hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v, lang) } },
      series: KINDS.map((k) => ({ name: labels[k], type: 'bar', stack: 'kinds', barMaxWidth: 32, data: months.map((m) => m[k]) })),
    };
  });
}
