import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { formatNumber } from '../../../shared/ui/format';
import { SEQUENTIAL_VIRIDIS } from '../../../shared/ui/palettes';
import type { WeekdayMonthGrid } from '../data-access/weekday-heatmap';

/**
 * Searches by day of the week × month (ECharts heat-map, colour-blind-safe scale, darker = more). The
 * same numbers are in a visually hidden table for screen readers.
 */
@Component({
  selector: 'vg-weekday-heatmap',
  imports: [NgxEchartsDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="chart"
      echarts
      [options]="options()"
      (chartFinished)="rendered.set(true)"
      [attr.data-total]="grid().total"
      [attr.data-months]="grid().months.length"
      [attr.data-rendered]="rendered() ? '' : null"
      role="img"
      [attr.aria-label]="ariaLabel()"
    ></div>
    <table class="visually-hidden">
      <caption>
        {{
          ariaLabel()
        }}
      </caption>
      <thead>
        <tr>
          <th scope="col">{{ monthHeader() }}</th>
          @for (d of days(); track $index) {
            <th scope="col">{{ d }}</th>
          }
        </tr>
      </thead>
      <tbody>
        @for (m of grid().months; track m; let i = $index) {
          <tr>
            <th scope="row">{{ monthLabel(m) }}</th>
            @for (v of grid().cells[i]; track $index) {
              <td>{{ fmt(v) }}</td>
            }
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    :host {
      display: block;
      position: relative;
    }
    .chart {
      width: 100%;
      height: var(--vg-heatmap-height, 300px);
    }
  `,
})
export class WeekdayHeatmap {
  readonly grid = input.required<WeekdayMonthGrid>();
  /** Day names, Monday first. */
  readonly days = input.required<readonly string[]>();
  readonly monthHeader = input('');
  readonly valueLabel = input('');
  readonly lang = input('fr');
  readonly ariaLabel = input('');

  protected readonly rendered = signal(false);

  protected monthLabel(m: string): string {
    return new Intl.DateTimeFormat(this.lang() === 'en' ? 'en-GB' : 'fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${m}-01T00:00:00Z`),
    );
  }

  protected fmt(v: number): string {
    return formatNumber(v, this.lang());
  }

  protected readonly options = computed(() => {
    const g = this.grid();
    const days = this.days();
    const lang = this.lang();
    const data: [number, number, number][] = [];
    g.cells.forEach((row, m) => row.forEach((v, d) => data.push([m, d, v])));
    const max = Math.max(1, ...data.map((d) => d[2]));
    const value = this.valueLabel();
    return {
      aria: { enabled: true, decal: { show: true } },
      tooltip: {
        confine: true,
        formatter: (p: { value: number[] }) =>
          `${this.monthLabel(g.months[p.value[0]])} — ${days[p.value[1]]} : ${formatNumber(p.value[2], lang)} ${value}`,
      },
      grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
      xAxis: {
        type: 'category',
        data: g.months.map((m) => this.monthLabel(m)),
        splitArea: { show: true },
        axisLabel: { hideOverlap: true },
      },
      yAxis: { type: 'category', data: [...days], inverse: true, splitArea: { show: true } },
      visualMap: {
        min: 0,
        max,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        inRange: { color: [...SEQUENTIAL_VIRIDIS] },
        formatter: (v: number) => formatNumber(v, lang),
      },
      series: [
        {
          type: 'heatmap',
          data,
          label: { show: g.months.length <= 13, fontSize: 10, formatter: (p: { value: number[] }) => formatNumber(p.value[2], lang) },
          emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } },
        },
      ],
    };
  });
}
