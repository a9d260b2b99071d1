import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { SEQUENTIAL_VIRIDIS } from '../../../shared/ui/palettes';

/** One bar: `value` is null when the count is suppressed (drawn as no bar, labelled "< 11"). */
export interface BarRow {
  key: string;
  label: string;
  value: number | null;
  /** Text shown at the end of the bar, e.g. "1 234 (12 %)" or "< 11". */
  display: string;
}

/**
 * Horizontal bars for a breakdown (theme, origin, status, language), largest first. The same numbers
 * are in a visually hidden table for screen readers.
 */
@Component({
  selector: 'vg-breakdown-bars',
  imports: [NgxEchartsDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="chart" echarts [options]="options()" [style.height.px]="height()" role="img" [attr.aria-label]="caption()"></div>
    <table class="visually-hidden">
      <caption>
        {{
          caption()
        }}
      </caption>
      <thead>
        <tr>
          <th scope="col">{{ labelHeader() }}</th>
          <th scope="col">{{ valueHeader() }}</th>
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track row.key) {
          <tr>
            <td>{{ row.label }}</td>
            <td>{{ row.display }}</td>
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
    }
  `,
})
export class BreakdownBars {
  readonly rows = input.required<readonly BarRow[]>();
  readonly caption = input('');
  readonly labelHeader = input('');
  readonly valueHeader = input('');
  /** Index into the colour-blind-safe viridis scale. */
  readonly colour = input(4);

  protected readonly height = computed(() => Math.max(96, this.rows().length * 30 + 24));

  protected readonly options = computed(() => {
    const rows = this.rows();
    const colour = SEQUENTIAL_VIRIDIS[this.colour()] ?? SEQUENTIAL_VIRIDIS[4];
    return {
      aria: { enabled: true, decal: { show: true } },
      animationDuration: 300,
      grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (p: { dataIndex: number }) =>
          `${escapeHtml(rows[p.dataIndex]?.label ?? '')} : ${escapeHtml(rows[p.dataIndex]?.display ?? '')}`,
      },
      xAxis: { type: 'value', show: false },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => r.label),
        axisTick: { show: false },
        axisLabel: { width: 150, overflow: 'truncate', fontSize: 12 },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          itemStyle: { color: colour, borderRadius: [0, 3, 3, 0] },
          // Suppressed rows have no bar, only their "< 11" label at the axis.
          data: rows.map((r) => ({ value: r.value ?? 0, label: { formatter: () => r.display } })),
          label: { show: true, position: 'right', fontSize: 12, color: '#1f1f1f' },
        },
      ],
    };
  });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
