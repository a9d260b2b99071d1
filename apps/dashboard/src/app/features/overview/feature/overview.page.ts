import { VigieCalendar } from '../../../core/calendar';
import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import {
  type CoverageProfile,
  type DeploymentKpis,
  type Count,
  isSuppressed,
  suppressedLabel,
  type QualityView,
  type SearchPeaks,
  type SearchSeries,
} from '@vigie/contracts';
import { getTheme } from '@vigie/taxonomy';
import { NgxEchartsDirective } from 'ngx-echarts';
import { catchError, forkJoin, of } from 'rxjs';
import { formatDayRange, GlobalFiltersStore } from '../../../shared/filters/data-access/global-filters.store';
import { chartAria, describeSeries, formatMonth } from '../../../shared/ui/chart-aria';
import { formatNumber, formatPercent } from '../../../shared/ui/format';
import { LoadError } from '../../../shared/ui/load-error';
import { formatKpiValue } from '../../deployment/data-access/deployment-query';
import { SEQUENTIAL_VIRIDIS } from '../../../shared/ui/palettes';

/**
 * Vue d'ensemble: the KPI tiles of a territory (national, region or department), each linking to its
 * detailed view with the same territory. Every number comes from an API; a failing source shows "—".
 */
@Component({
  selector: 'vg-overview-page',
  imports: [TranslocoDirective, MatCardModule, MatButtonModule, MatProgressBarModule, RouterLink, NgxEchartsDirective, LoadError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './overview.page.html',
  styleUrl: './overview.page.scss',
})
export class OverviewPage {
  private readonly http = inject(HttpClient);
  private readonly calendar = inject(VigieCalendar);
  private readonly transloco = inject(TranslocoService);
  protected readonly store = inject(GlobalFiltersStore);

  protected readonly lang = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });
  /** Region or department of the global filters (France when none); the period drives the search tiles. */
  protected readonly scope = computed(
    () => {
      const s = this.store.scoped();
      if (s.pending) return undefined;
      const { from, to } = this.store.range();
      return s.territory ? { level: s.territory.level, code: s.territory.code, from, to } : { level: 'country', code: 'FR', from, to };
    },
    { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );
  protected readonly rangeText = computed(() => formatDayRange(this.store.range().from, this.store.range().to, this.lang()));
  /** Links to the detailed views keep the global filters. */
  protected link(extra: Record<string, string> = {}): Record<string, string> {
    return { ...this.store.navParams(), ...extra };
  }

  protected readonly data = rxResource({
    params: () => this.scope(),
    stream: ({ params }) => {
      const t: Record<string, string> = params.level === 'country' ? {} : { level: params.level, code: params.code };
      const { from, to } = params;
      const soft = <T>(o: import('rxjs').Observable<T>) => o.pipe(catchError(() => of(null)));
      return forkJoin({
        profile: soft(this.http.get<CoverageProfile>(`api/coverage/${params.level}/${params.code}`)),
        series: soft(this.http.get<SearchSeries>('api/searches/series', { params: { ...t, granularity: 'month', from, to } })),
        // The last peak of the shown period (without from/to the API looks back three years).
        peaks: soft(this.http.get<SearchPeaks>('api/searches/peaks', { params: { ...t, granularity: 'month', from, to } })),
        quality: soft(this.http.get<QualityView>('api/quality', { params: t })),
        deployment: soft(
          this.http.get<DeploymentKpis>('api/deployment/kpis', {
            params: { ...(params.level === 'country' ? { level: 'national' } : t), year: this.calendar.today().slice(0, 4) },
          }),
        ),
      });
    },
  });

  protected fmt(v: number | null | undefined, digits = 0): string {
    return formatNumber(v, this.lang(), digits);
  }
  protected pct(v: number | null | undefined): string {
    return formatPercent(v, this.lang());
  }
  protected count(c: Count | null | undefined): string {
    if (c === null || c === undefined) return '—';
    return isSuppressed(c) ? suppressedLabel(c) : this.fmt(c);
  }

  /** Themes by number of services, labelled in the UI language (the API's labels are French). */
  protected readonly themes = computed(() => {
    const p = this.data.hasValue() ? this.data.value().profile : null;
    const lang = this.lang() === 'en' ? 'en' : 'fr';
    return (p?.keys ?? [])
      .filter((k) => k.keyType === 'theme')
      .map((k) => ({ ...k, label: getTheme(k.key)?.[lang] ?? k.label }))
      .sort((a, b) => b.activeServices - a.activeServices);
  });
  /** "Santé : 206" the French way (no-break space before the colon), "Health: 206" in English. */
  protected themeLine(label: string, n: number): string {
    return `${label}${this.lang() === 'en' ? ':' : '\u00a0:'} ${this.fmt(n)}`;
  }
  protected readonly totalServices = computed(() => this.themes().reduce((s, k) => s + k.activeServices, 0));
  protected readonly food = computed(() => this.themes().find((k) => k.key === 'food') ?? null);

  /**
   * "Recherches par mois": one definition, the deployment KPI's (average over the complete months of the current
   * year, GET /api/deployment/kpis), so the overview, Déploiement and the reports print the same figure.
   */
  protected readonly searchesPerMonth = computed(() => {
    const k = this.kpi('searches_per_month');
    return k ? formatKpiValue('searches_per_month', k.value, this.lang()) : '—';
  });
  protected readonly searchMonths = computed(() => (this.data.hasValue() ? (this.data.value().deployment?.searchMonths ?? null) : null));
  protected readonly funds = computed(() => formatKpiValue('funds_raised', this.kpi('funds_raised')?.value ?? null, this.lang()));
  protected readonly year = computed(() => this.calendar.today().slice(0, 4));

  protected readonly lastPeak = computed(() => {
    const p = this.data.hasValue() ? this.data.value().peaks : null;
    const last = p?.peaks.length ? p.peaks[p.peaks.length - 1] : null;
    return last ? { month: formatMonth(last.period, this.lang()), n: this.fmt(last.searches) } : null;
  });

  protected readonly sparkline = computed(() => {
    const s = this.data.hasValue() ? this.data.value().series : null;
    if (!s) return null;
    const lang = this.lang();
    const months = s.current.map((p) => formatMonth(p.period, lang, 'short'));
    const what = this.transloco.translate('overview.sparkAria', { territory: this.store.territoryName() }, lang);
    return {
      aria: chartAria(
        describeSeries(
          what,
          s.current.map((p, i) => ({ label: months[i], value: typeof p.searches === 'number' ? p.searches : null })),
          lang,
        ),
      ),
      grid: { left: 0, right: 0, top: 4, bottom: 0 },
      xAxis: { type: 'category', show: false, data: months },
      yAxis: { type: 'value', show: false, min: 0 },
      tooltip: { trigger: 'axis' },
      series: [
        {
          type: 'line',
          smooth: true,
          symbol: 'none',
          areaStyle: { opacity: 0.2 },
          lineStyle: { color: SEQUENTIAL_VIRIDIS[4] },
          data: s.current.map((p) => (typeof p.searches === 'number' ? p.searches : null)),
        },
      ],
    };
  });

  protected kpi(metric: string) {
    const d = this.data.hasValue() ? this.data.value().deployment : null;
    return d?.kpis.find((k) => k.metric === metric) ?? null;
  }
}
