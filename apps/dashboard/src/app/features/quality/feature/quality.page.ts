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
import { chartAria, describeSeries, formatDay, formatIsoWeek } from '../../../shared/ui/chart-aria';
import { formatNumber, formatPercent } from '../../../shared/ui/format';
import { LoadError } from '../../../shared/ui/load-error';
import { categoryLabel, getTheme } from '@vigie/taxonomy';
import { BreakpointObserver } from '@angular/cdk/layout';
import { map } from 'rxjs';
import type { QualityPlaceToUpdate } from '@vigie/contracts';
import { SEQUENTIAL_VIRIDIS } from '../../../shared/ui/palettes';
import { QualityApi } from '../data-access/quality.api';
import type { QualityLevel } from '../data-access/quality-scope';

/** Qualité des données: freshness, campaigns, completeness, records to update first, seasonal closures. */
@Component({
  selector: 'vg-quality-page',
  imports: [TranslocoDirective, MatCardModule, MatButtonModule, MatProgressBarModule, NgxEchartsDirective, ExportMenu, LoadError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './quality.page.html',
  styleUrl: './quality.page.scss',
})
export class QualityPage {
  private readonly api = inject(QualityApi);
  private readonly transloco = inject(TranslocoService);
  private readonly store = inject(GlobalFiltersStore);

  /** Phones (≤ 600 px): fewer axis labels, narrower theme names. */
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 600px)')
      .pipe(map((r) => r.matches)),
    { initialValue: false },
  );
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

  private tr(k: string, p: Record<string, unknown> = {}): string {
    return this.transloco.translate(k, p, this.lang());
  }

  /** Records to update, one line per place (fiche), categories in the UI language. */
  protected readonly places = computed(() => {
    if (!this.data.hasValue()) return [];
    const lang = this.lang() === 'en' ? 'en' : 'fr';
    return (this.data.value().quality.placesToUpdate ?? []).map((p: QualityPlaceToUpdate) => ({
      ...p,
      key: `${p.source}|${p.placeSourceId}`,
      categoryText: p.categories.map((c) => categoryLabel(c.id, lang) || c.label).join(', '),
      when:
        p.monthsSinceUpdate === null
          ? this.tr('quality.never')
          : `${this.tr('quality.monthsAgo', { n: p.monthsSinceUpdate })}${p.updatedAt ? ` (${formatDay(p.updatedAt.slice(0, 10), lang)})` : ''}`,
      mailto: p.email ? `mailto:${p.email}` : null,
      tel: p.phone ? `tel:${p.phone.replace(/[^\d+]/g, '')}` : null,
    }));
  });

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
        { key: 'categories', label: this.tr('quality.categories'), type: 'text' },
        { key: 'commune', label: this.tr('quality.commune'), type: 'text' },
        { key: 'months', label: this.tr('quality.monthsSince'), type: 'number' },
        { key: 'url', label: this.tr('quality.record'), type: 'text' },
        { key: 'phone', label: this.tr('quality.phone'), type: 'text' },
        { key: 'email', label: this.tr('quality.email'), type: 'text' },
      ],
      rows: this.places().map((p) => [p.placeName, p.categoryText, p.communeName, p.monthsSinceUpdate, p.url, p.phone, p.email]),
    };
  };

  protected readonly histogram = computed(() => {
    if (!this.data.hasValue()) return null;
    const h = this.data.value().quality.completenessHistogram;
    const bands = h.map((_, i) => `${i * 10}–${i * 10 + 10}`);
    const lang = this.lang();
    return {
      aria: chartAria(
        describeSeries(
          this.tr('quality.histogramAria', { territory: this.data.value().quality.territory.name }),
          h.map((n, i) => ({ label: bands[i], value: n })),
          lang,
        ),
      ),
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 10, top: 10, bottom: 30 },
      xAxis: { type: 'category', data: bands, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: h, itemStyle: { color: SEQUENTIAL_VIRIDIS[3] } }],
    };
  });

  /** Weeks × themes heat-map of open services relative to each theme's own maximum (the August drop). */
  protected readonly calendar = computed(() => {
    if (!this.data.hasValue()) return null;
    const s = this.data.value().seasonal;
    const rows = s.series.filter((r) => Math.max(...r.openAnyDay) > 0);
    const lang = this.lang();
    const themeName = (r: { key: string; label: string }) => getTheme(r.key)?.[lang === 'en' ? 'en' : 'fr'] ?? r.label;
    const names = rows.map(themeName);
    const data: [number, number, number][] = [];
    rows.forEach((r, y) => {
      const max = Math.max(...r.openAnyDay);
      r.openAnyDay.forEach((v, x) => data.push([x, y, Math.round((v / max) * 100)]));
    });
    // Week of the year in words ("semaine 33 de 2026"), short on the axis ("s. 33").
    const weekLong = s.weeks.map((w) => formatIsoWeek(w, lang));
    const phone = this.narrow();
    // The weekly share of open services of every theme together: its lowest week is the summer drop.
    const overall = s.weeks.map((_, x) => {
      const open = rows.reduce((n, r) => n + (r.openAnyDay[x] ?? 0), 0);
      const max = rows.reduce((n, r) => n + Math.max(...r.openAnyDay), 0);
      return max ? Math.round((open / max) * 100) : null;
    });
    return {
      aria: chartAria(
        describeSeries(
          this.tr('quality.calendarAria', { year: s.year, themes: names.length }),
          overall.map((v, i) => ({ label: weekLong[i], value: v })),
          lang,
          '%',
        ),
      ),
      tooltip: {
        confine: true,
        formatter: (p: { value: number[] }) =>
          `${weekLong[p.value[0]]} — ${names[p.value[1]]}${lang === 'en' ? ':' : '\u00a0:'} ${p.value[2]}\u00a0%`,
      },
      grid: { left: phone ? 8 : 16, right: 12, top: 10, bottom: 60, containLabel: true },
      xAxis: {
        type: 'category',
        data: s.weeks.map((w) => formatIsoWeek(w, lang, true)),
        axisLabel: { interval: phone ? 12 : 3, hideOverlap: true },
      },
      yAxis: {
        type: 'category',
        data: names,
        axisLabel: { width: phone ? 90 : 160, overflow: 'truncate', fontSize: phone ? 10 : 12 },
      },
      visualMap: {
        min: 0,
        max: 100,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemWidth: 12,
        itemHeight: phone ? 120 : 180,
        inRange: { color: [...SEQUENTIAL_VIRIDIS].reverse() },
        text: ['100\u00a0%', '0\u00a0%'],
      },
      series: [{ type: 'heatmap', data }],
    };
  });

  protected readonly forecastTotal = computed(() => {
    if (!this.data.hasValue()) return [];
    const f = this.data.value().seasonal;
    return f.forecastWeeks.map((w, i) => ({
      week: formatIsoWeek(w, this.lang()),
      open: f.forecast.reduce((sum, r) => sum + (r.openAnyDay[i] ?? 0), 0),
    }));
  });
}
