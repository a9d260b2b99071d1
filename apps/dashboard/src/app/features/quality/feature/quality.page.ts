import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { NgxEchartsDirective } from 'ngx-echarts';
import { forkJoin } from 'rxjs';
import { GlobalFiltersStore } from '../../../shared/filters/data-access/global-filters.store';
import { type ExportTable, ExportMenu } from '../../../shared/ui/export-menu';
import { formatNumber, formatPercent } from '../../../shared/ui/format';
import { SEQUENTIAL_VIRIDIS } from '../../../shared/ui/palettes';
import { QualityApi } from '../data-access/quality.api';
import type { QualityLevel } from '../data-access/quality-scope';

/** Qualité des données: freshness, campaigns, completeness, records to update first, seasonal closures. */
@Component({
  selector: 'vg-quality-page',
  imports: [TranslocoDirective, MatCardModule, MatButtonModule, MatProgressBarModule, NgxEchartsDirective, ExportMenu],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './quality.page.html',
  styleUrl: './quality.page.scss',
})
export class QualityPage {
  private readonly api = inject(QualityApi);
  private readonly transloco = inject(TranslocoService);
  private readonly store = inject(GlobalFiltersStore);

  protected readonly lang = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });
  /** Region or department of the global filters (France when none). */
  protected readonly scope = computed(
    () => {
      const s = this.store.scoped();
      if (s.pending) return undefined;
      return s.territory
        ? { level: s.territory.level as QualityLevel, code: s.territory.code }
        : { level: 'country' as QualityLevel, code: 'FR' };
    },
    { equal: (a, b) => a?.level === b?.level && a?.code === b?.code },
  );

  protected readonly data = rxResource({
    params: () => this.scope(),
    stream: ({ params }) =>
      forkJoin({ quality: this.api.quality(params.level, params.code), seasonal: this.api.seasonal(params.level, params.code) }),
  });

  protected fmt(v: number | null | undefined, digits = 0): string {
    return formatNumber(v, this.lang(), digits);
  }
  protected pct(v: number | null | undefined): string {
    return formatPercent(v, this.lang());
  }

  private tr(k: string): string {
    return this.transloco.translate(k, {}, this.lang());
  }

  protected readonly exportByTerritory = (): ExportTable | null => {
    if (!this.data.hasValue()) return null;
    return {
      title: this.tr('quality.exportByTerritory'),
      columns: [
        { key: 'code', label: this.tr('map.code'), type: 'text' },
        { key: 'name', label: this.tr('quality.territory'), type: 'text' },
        { key: 'fresh', label: this.tr('quality.fresh'), type: 'percent' },
        { key: 'completeness', label: this.tr('quality.completeness'), type: 'number' },
      ],
      rows: this.data.value().quality.byTerritory.map((r) => [r.code, r.name, r.shareUpdatedRecently, r.meanCompleteness]),
    };
  };

  protected readonly exportToUpdate = (): ExportTable | null => {
    if (!this.data.hasValue()) return null;
    return {
      title: this.tr('quality.exportToUpdate'),
      columns: [
        { key: 'place', label: this.tr('quality.place'), type: 'text' },
        { key: 'category', label: this.tr('quality.category'), type: 'text' },
        { key: 'commune', label: this.tr('quality.commune'), type: 'text' },
        { key: 'months', label: this.tr('quality.lastUpdate'), type: 'number' },
        { key: 'searches', label: this.tr('quality.searches'), type: 'number' },
      ],
      rows: this.data
        .value()
        .quality.toUpdate.map((r) => [r.placeName, r.categoryLabel, r.communeName, r.monthsSinceUpdate, r.categorySearches]),
    };
  };

  protected readonly histogram = computed(() => {
    if (!this.data.hasValue()) return null;
    const h = this.data.value().quality.completenessHistogram;
    return {
      aria: { enabled: true, decal: { show: true } },
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 10, top: 10, bottom: 30 },
      xAxis: { type: 'category', data: h.map((_, i) => `${i * 10}–${i * 10 + 10}`) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: h, itemStyle: { color: SEQUENTIAL_VIRIDIS[3] } }],
    };
  });

  /** Weeks × themes heat-map of open services relative to each theme's own maximum (the August drop). */
  protected readonly calendar = computed(() => {
    if (!this.data.hasValue()) return null;
    const s = this.data.value().seasonal;
    const rows = s.series.filter((r) => Math.max(...r.openAnyDay) > 0);
    const data: [number, number, number][] = [];
    rows.forEach((r, y) => {
      const max = Math.max(...r.openAnyDay);
      r.openAnyDay.forEach((v, x) => data.push([x, y, Math.round((v / max) * 100)]));
    });
    return {
      aria: { enabled: true, decal: { show: true } },
      tooltip: { formatter: (p: { value: number[] }) => `${s.weeks[p.value[0]]} — ${rows[p.value[1]].label} : ${p.value[2]} %` },
      grid: { left: 170, right: 20, top: 10, bottom: 60 },
      xAxis: { type: 'category', data: s.weeks.map((w) => w.slice(5)), axisLabel: { interval: 3 } },
      yAxis: { type: 'category', data: rows.map((r) => r.label) },
      visualMap: {
        min: 0,
        max: 100,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        inRange: { color: [...SEQUENTIAL_VIRIDIS].reverse() },
        text: ['100 %', '0 %'],
      },
      series: [{ type: 'heatmap', data }],
    };
  });

  protected readonly forecastTotal = computed(() => {
    if (!this.data.hasValue()) return [];
    const f = this.data.value().seasonal;
    return f.forecastWeeks.map((w, i) => ({ week: w, open: f.forecast.reduce((sum, r) => sum + (r.openAnyDay[i] ?? 0), 0) }));
  });
}
