import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router } from '@angular/router';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import type { TerritoryRef } from '@vigie/contracts';
import { NgxEchartsDirective } from 'ngx-echarts';
import { forkJoin, map } from 'rxjs';
import { formatNumber, formatPercent } from '../../../shared/ui/format';
import { SEQUENTIAL_VIRIDIS } from '../../../shared/ui/palettes';
import { TerritoryPicker } from '../../searches/ui/territory-picker';
import { QualityApi } from '../data-access/quality.api';
import { qualityScope } from '../data-access/quality-scope';

/** Qualité des données: freshness, campaigns, completeness, records to update first, seasonal closures. */
@Component({
  selector: 'vg-quality-page',
  imports: [TranslocoDirective, MatCardModule, MatButtonModule, MatProgressBarModule, NgxEchartsDirective, TerritoryPicker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './quality.page.html',
  styleUrl: './quality.page.scss',
})
export class QualityPage {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly api = inject(QualityApi);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });
  protected readonly scope = toSignal(this.route.queryParamMap.pipe(map((p) => qualityScope(p.get('territory')))), { requireSync: true });

  protected readonly data = rxResource({
    params: () => this.scope(),
    stream: ({ params }) => forkJoin({ quality: this.api.quality(params.level, params.code), seasonal: this.api.seasonal(params.level, params.code) }),
  });

  protected fmt(v: number | null | undefined, digits = 0): string {
    return formatNumber(v, this.lang(), digits);
  }
  protected pct(v: number | null | undefined): string {
    return formatPercent(v, this.lang());
  }

  protected pick(t: TerritoryRef): void {
    const territory = t.level === 'region' || t.level === 'department' ? `${t.level}:${t.code}` : null;
    void this.router.navigate([], { queryParams: { territory } });
  }

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
      aria: { enabled: true },
      tooltip: { formatter: (p: { value: number[] }) => `${s.weeks[p.value[0]]} — ${rows[p.value[1]].label} : ${p.value[2]} %` },
      grid: { left: 170, right: 20, top: 10, bottom: 60 },
      xAxis: { type: 'category', data: s.weeks.map((w) => w.slice(5)), axisLabel: { interval: 3 } },
      yAxis: { type: 'category', data: rows.map((r) => r.label) },
      visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: [...SEQUENTIAL_VIRIDIS].reverse() }, text: ['100 %', '0 %'] },
      series: [{ type: 'heatmap', data }],
    };
  });

  protected readonly forecastTotal = computed(() => {
    if (!this.data.hasValue()) return [];
    const f = this.data.value().seasonal;
    return f.forecastWeeks.map((w, i) => ({ week: w, open: f.forecast.reduce((sum, r) => sum + (r.openAnyDay[i] ?? 0), 0) }));
  });
}
