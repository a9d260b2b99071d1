import { VigieCalendar } from '../../../core/calendar';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { HttpErrorResponse } from '@angular/common/http';
import type { BreakdownRow, ExportFilter, Granularity, SearchBreakdown, SearchDimension, TerritoryRef } from '@vigie/contracts';
import { suppressedLabel } from '@vigie/contracts';
import { categoryLabel, isCategoryId, isThemeId } from '@vigie/taxonomy';
import { formatTerritoryRef } from '@vigie/territory-domain';
import { catchError, forkJoin, map, of, switchMap, throwError } from 'rxjs';
import { BreakpointObserver } from '@angular/cdk/layout';
import { type ExportTable, ExportMenu } from '../../../shared/ui/export-menu';
import { formatNumber, formatPercent } from '../../../shared/ui/format';
import { TerritoriesApi } from '../../territory-map/data-access/territories.api';
import { SearchesApi } from '../data-access/searches.api';
import {
  breakdownLevel,
  type Compare,
  COMPARES,
  GRANULARITIES,
  parseSearchQuery,
  resolveRange,
  type SearchQuery,
  toApiParams,
  toQueryParams,
} from '../data-access/search-query';
import { weekdayMonthGrid } from '../data-access/weekday-heatmap';
import {
  bucketDays,
  countValue,
  describeSeries,
  formatChange,
  formatCount,
  formatPeriod,
  formatRange,
  formatSpan,
  hasSuppressed,
  percentCell,
  relativeChange,
  roundCell,
} from '../data-access/search-stats';
import { type BarRow, BreakdownBars } from '../ui/breakdown-bars';
import { SearchSeriesChart, type SeriesChartLabels } from '../ui/search-series-chart';
import { TerritoryBreakdownTable, type TerritoryTableHeaders } from '../ui/territory-breakdown-table';
import { type UnmetHeaders, UnmetTable } from '../ui/unmet-table';
import { WeekdayHeatmap } from '../ui/weekday-heatmap';

const SMALL_BREAKDOWNS = ['origin', 'status', 'language'] as const;
type SmallBreakdown = (typeof SMALL_BREAKDOWNS)[number];
const KNOWN_LABELS: Record<string, readonly string[]> = {
  status: ['pro', 'public', 'admin', 'unknown'],
  origin: ['web', 'widget', 'api', 'mobile', 'unknown'],
};

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/**
 * "Recherches": search volume over time for a territory, with the previous period or year, peaks, and
 * breakdowns by theme, origin, user status, language and sub-territory. Every filter lives in the URL.
 */
@Component({
  selector: 'vg-searches-page',
  imports: [
    TranslocoDirective,
    RouterLink,
    MatCardModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatIconModule,
    MatProgressBarModule,
    SearchSeriesChart,
    BreakdownBars,
    TerritoryBreakdownTable,
    UnmetTable,
    WeekdayHeatmap,
    ExportMenu,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './searches.page.html',
  styleUrl: './searches.page.scss',
})
export class SearchesPage {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly api = inject(SearchesApi);
  private readonly territories = inject(TerritoriesApi);
  private readonly transloco = inject(TranslocoService);

  protected readonly today = inject(VigieCalendar).today();
  protected readonly granularities = GRANULARITIES;
  protected readonly compares = COMPARES;
  protected readonly smallBreakdowns = SMALL_BREAKDOWNS;
  /** The active language once its translations are loaded (labels computed in code read them). */
  protected readonly lang = toSignal(
    this.transloco.langChanges$.pipe(switchMap((l) => this.transloco.selectTranslation(l).pipe(map(() => l)))),
    { initialValue: this.transloco.getActiveLang() },
  );

  protected readonly query = toSignal(
    this.route.queryParamMap.pipe(map((p) => parseSearchQuery(Object.fromEntries(p.keys.map((k) => [k, p.get(k)]))))),
    { requireSync: true },
  );
  protected readonly range = computed(() => resolveRange(this.query(), this.today));
  private readonly filters = computed(() => toApiParams(this.query(), this.today), { equal: sameRecord });
  private readonly seriesParams = computed(() => ({ filters: this.filters(), granularity: this.query().granularity }), {
    equal: (a, b) => a.filters === b.filters && a.granularity === b.granularity,
  });
  /** Peaks of the period shown (the API takes the months before it as the trend's context). */
  private readonly peakParams = computed(
    () => {
      const g = this.query().granularity;
      if (g === 'day') return undefined;
      return { filters: this.filters(), granularity: g };
    },
    { equal: (a, b) => a === b || (!!a && !!b && a.granularity === b.granularity && sameRecord(a.filters, b.filters)) },
  );

  protected readonly series = rxResource({
    params: () => this.seriesParams(),
    stream: ({ params }) => this.api.series(params.filters, params.granularity),
  });

  protected readonly peaks = rxResource({
    params: () => this.peakParams(),
    // Peaks only decorate the chart: if they fail, the chart is shown without them.
    stream: ({ params }) => this.api.peaks(params.filters, params.granularity).pipe(catchError(() => of(null))),
  });

  protected readonly breakdowns = rxResource({
    params: () => ({ filters: this.filters(), territory: this.query().territory }),
    stream: ({ params: { filters, territory } }) => {
      const by = (d: SearchDimension, limit = 20) => this.api.breakdown(filters, d, limit);
      return forkJoin({
        theme: by('theme'),
        origin: by('origin'),
        status: by('status'),
        language: by('language'),
        territory: breakdownLevel(territory) ? by('territory', 200) : of(null),
      });
    },
  });

  /** Phone layout (≤ 600 px): the chart gets smaller labels and its legend above, without the zoom slider. */
  protected readonly compact = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 600px)')
      .pipe(map((r) => r.matches)),
    { initialValue: false },
  );

  /**
   * The territory the figures are for: the one in the URL, else the one the API answered for (a scoped role
   * without a territory in the URL gets its own, never "France entière").
   */
  protected readonly territory = computed<TerritoryRef | null>(() => {
    const q = this.query().territory;
    if (q) return q;
    const f = this.series.hasValue() ? this.series.value().filters : null;
    return f?.level && f.code ? { level: f.level, code: f.code } : null;
  });
  /** True once it is known which territory the figures are for (the URL's, or the API's answer). */
  protected readonly territoryKnown = computed(() => !!this.query().territory || this.series.hasValue());

  protected readonly detail = rxResource({
    params: () => this.territory() ?? undefined,
    stream: ({ params }) => this.territories.detail(params),
  });
  /** The territory's name for the heading: "Val-d'Oise", or "France entière". */
  protected readonly territoryName = computed(() => {
    if (!this.territoryKnown()) return '';
    if (!this.territory()) return this.transloco.translate('searches.france', {}, this.lang());
    return this.detail.hasValue() ? this.detail.value().name : '';
  });

  /** The daily series behind the weekday × month heat-map (the main series itself when it is daily). */
  private readonly daily = rxResource({
    params: () => (this.query().granularity === 'day' ? undefined : this.filters()),
    stream: ({ params }) => this.api.series(params, 'day'),
  });
  protected readonly dailyPoints = computed(() => {
    if (this.query().granularity === 'day') return this.series.hasValue() ? this.series.value() : null;
    return this.daily.hasValue() ? this.daily.value() : null;
  });
  protected readonly heatmap = computed(() => {
    const s = this.dailyPoints();
    return s ? { grid: weekdayMonthGrid(s.current), threshold: s.suppressionThreshold } : null;
  });
  protected readonly dayNames = computed<string[]>(() => {
    const names = this.transloco.translate<string[] | string>('searches.heatmap.days', {}, this.lang());
    return Array.isArray(names) ? names : [];
  });

  /** Unmet demand (territories × categories); a 404 means the route is not deployed yet. */
  protected readonly unmet = rxResource({
    params: () => this.filters(),
    stream: ({ params }) =>
      this.api
        .unmet(params)
        .pipe(catchError((e: unknown) => (e instanceof HttpErrorResponse && e.status === 404 ? of(null) : throwError(() => e)))),
  });
  protected readonly unmetRows = computed(() => {
    const u = this.unmet.hasValue() ? this.unmet.value() : null;
    const lang = this.lang() === 'en' ? 'en' : 'fr';
    return (u?.rows ?? []).map((r) => ({
      ...r,
      categoryLabel: r.key && (isCategoryId(r.key) || isThemeId(r.key)) ? categoryLabel(r.key, lang) : r.label,
    }));
  });
  protected readonly unmetHeaders = computed<UnmetHeaders>(() => {
    const lang = this.lang();
    const tr = (k: string) => this.transloco.translate(`searches.unmet.${k}`, {}, lang);
    return {
      caption: tr('caption'),
      territory: tr('territory'),
      category: tr('category'),
      searches: tr('searches'),
      zeroResults: tr('zeroResults'),
      zeroRate: tr('zeroRate'),
      reachable: tr('reachable'),
      perService: tr('perService'),
      noService: tr('noService'),
    };
  });

  // ——— exports ———
  protected readonly viewFilters = computed<ExportFilter[]>(() => {
    const lang = this.lang();
    return [
      {
        label: this.transloco.translate('searches.granularity', {}, lang),
        value: this.transloco.translate(`searches.granularities.${this.query().granularity}`, {}, lang),
      },
    ];
  });
  private tr(key: string): string {
    return this.transloco.translate(key, {}, this.lang());
  }
  protected readonly exportSeries = (): ExportTable | null => {
    if (!this.series.hasValue()) return null;
    const s = this.series.value();
    const g = s.granularity;
    const lang = this.lang();
    const x = (k: string) => this.tr(`searches.export.${k}`);
    const compare = this.query().compare;
    const cmp = compare === 'previous-period' ? s.previousPeriod : compare === 'previous-year' ? s.previousYear : null;
    const cmpName = compare === 'previous-period' ? x('previousPeriod') : x('previousYear');
    // Months as 2026-01, weeks and days the way people read them; the days counted and whether the bucket is whole.
    const label = (period: string) => (g === 'month' ? period.slice(0, 7) : formatPeriod(period, g, lang));
    return {
      title: this.tr('searches.exportTitle.series'),
      columns: [
        { key: 'period', label: this.tr(`searches.granularities.${g}`), type: 'text' },
        { key: 'from', label: x('from'), type: 'date' },
        { key: 'to', label: x('to'), type: 'date' },
        { key: 'days', label: x('days'), type: 'number' },
        { key: 'complete', label: x('complete'), type: 'text' },
        { key: 'searches', label: x('searches'), type: 'number' },
        { key: 'zero', label: x('zeroResults'), type: 'number' },
        { key: 'rate', label: x('zeroRatePct'), type: 'number' },
        ...(cmp
          ? [
              { key: 'cmpFrom', label: `${cmpName} — ${x('from')}`, type: 'date' as const },
              { key: 'cmpTo', label: `${cmpName} — ${x('to')}`, type: 'date' as const },
              { key: 'cmpSearches', label: `${cmpName} — ${x('searches')}`, type: 'number' as const },
            ]
          : []),
      ],
      rows: s.current.map((p, i) => [
        label(p.period),
        p.days ? p.from : null,
        p.days ? p.to : null,
        p.days,
        this.tr(p.partial ? 'searches.export.no' : 'searches.export.yes'),
        cell(p.searches),
        cell(p.zeroResults),
        percentCell(p.zeroResultRate),
        ...(cmp ? [cmp[i]?.days ? cmp[i].from : null, cmp[i]?.days ? cmp[i].to : null, cmp[i] ? cell(cmp[i].searches) : null] : []),
      ]),
    };
  };
  protected breakdownExport(d: 'theme' | SmallBreakdown): () => ExportTable | null {
    return () => {
      const b = this.breakdowns.hasValue() ? this.breakdowns.value()[d] : null;
      if (!b) return null;
      const lang = this.lang();
      return {
        title: this.tr(`searches.exportTitle.${d}`),
        columns: [
          { key: 'label', label: this.tr('searches.label'), type: 'text' },
          { key: 'searches', label: this.tr('searches.export.searches'), type: 'number' },
          { key: 'share', label: this.tr('searches.export.sharePct'), type: 'number' },
          { key: 'rate', label: this.tr('searches.export.zeroRatePct'), type: 'number' },
        ],
        rows: b.rows.map((r) => [this.rowLabel(b.by, r, lang), cell(r.searches), percentCell(r.share), percentCell(r.zeroResultRate)]),
      };
    };
  }
  protected readonly exportTerritories = (): ExportTable | null => {
    const h = this.tableHeaders();
    return {
      title: this.tr('searches.exportTitle.territory'),
      columns: [
        { key: 'code', label: this.tr('map.code'), type: 'text' },
        { key: 'name', label: h.name, type: 'text' },
        { key: 'searches', label: this.tr('searches.export.searches'), type: 'number' },
        { key: 'share', label: this.tr('searches.export.sharePct'), type: 'number' },
        { key: 'per10k', label: h.per10k, type: 'number' },
        { key: 'rate', label: this.tr('searches.export.zeroRatePct'), type: 'number' },
      ],
      rows: this.territoryRows().map((r) => [
        r.key,
        r.label,
        cell(r.searches),
        percentCell(r.share),
        roundCell(r.per10kInhabitants),
        percentCell(r.zeroResultRate),
      ]),
    };
  };
  protected readonly exportUnmet = (): ExportTable | null => {
    const h = this.unmetHeaders();
    return {
      title: h.caption,
      columns: [
        { key: 'code', label: this.tr('map.code'), type: 'text' },
        { key: 'territory', label: h.territory, type: 'text' },
        { key: 'category', label: h.category, type: 'text' },
        { key: 'searches', label: this.tr('searches.export.searches'), type: 'number' },
        { key: 'zero', label: this.tr('searches.export.zeroResults'), type: 'number' },
        { key: 'rate', label: this.tr('searches.export.zeroRatePct'), type: 'number' },
        { key: 'reachable', label: h.reachable, type: 'number' },
        { key: 'perService', label: h.perService, type: 'number' },
      ],
      rows: this.unmetRows().map((r) => [
        r.code,
        r.name,
        r.categoryLabel,
        cell(r.searches),
        cell(r.zeroResults),
        percentCell(r.zeroResultRate),
        r.reachableServices,
        roundCell(r.searchesPerService),
      ]),
    };
  };
  protected readonly exportHeatmap = (): ExportTable | null => {
    const h = this.heatmap();
    if (!h) return null;
    const days = this.dayNames();
    return {
      title: this.tr('searches.heatmap.title'),
      columns: [
        { key: 'month', label: this.tr('searches.heatmap.month'), type: 'text' },
        ...days.map((d, i) => ({ key: `d${i}`, label: d, type: 'number' as const })),
      ],
      rows: h.grid.months.map((m, i) => [m, ...h.grid.cells[i]]),
    };
  };

  // ——— KPIs ———
  protected readonly empty = computed(() => this.series.hasValue() && countValue(this.series.value().totals.searches) === 0);
  protected readonly kpis = computed(() => {
    if (!this.series.hasValue()) return null;
    const t = this.series.value().totals;
    const r = this.series.value().ranges;
    const lang = this.lang();
    return {
      total: formatCount(t.searches, lang),
      zeroRate: formatPercent(t.zeroResultRate, lang, 1),
      per10k: formatNumber(t.per10kInhabitants, lang, 1),
      population: formatNumber(this.series.value().population, lang),
      vsPreviousPeriod: formatChange(relativeChange(t.searches, t.previousPeriod), lang),
      previousPeriod: formatCount(t.previousPeriod, lang),
      vsPreviousYear: formatChange(relativeChange(t.searches, t.previousYear), lang),
      previousYear: formatCount(t.previousYear, lang),
      // The days compared, so that nobody reads "the whole of 2025" where it is 1 January – 5 December 2025.
      observed: r.observed,
      previousPeriodRange: r.previousPeriod,
      previousYearRange: r.previousYear,
      observedText: r.observed ? formatSpan(r.observed.from, r.observed.to, lang) : '—',
      previousPeriodText: r.previousPeriod ? formatSpan(r.previousPeriod.from, r.previousPeriod.to, lang) : '—',
      previousYearText: r.previousYear ? formatSpan(r.previousYear.from, r.previousYear.to, lang) : '—',
      trendPeriod: Math.sign(relativeChange(t.searches, t.previousPeriod) ?? 0),
      trendYear: Math.sign(relativeChange(t.searches, t.previousYear) ?? 0),
    };
  });
  protected readonly suppressedNote = computed(() => {
    if (!this.series.hasValue()) return null;
    const s = this.series.value();
    if (s.suppressionThreshold === null) return null;
    const b = this.breakdowns.hasValue() ? this.breakdowns.value() : null;
    const anyRows = b
      ? [b.theme, b.origin, b.status, b.language, b.territory].some((x) => x?.rows.some((r) => countValue(r.searches) === null))
      : false;
    const compare = this.query().compare;
    const cmp = compare === 'previous-period' ? s.previousPeriod : compare === 'previous-year' ? s.previousYear : [];
    return hasSuppressed(s.current) || hasSuppressed(cmp) || countValue(s.totals.searches) === null || anyRows
      ? s.suppressionThreshold
      : null;
  });

  // ——— chart labels ———
  protected readonly seriesLabels = computed<SeriesChartLabels>(() => {
    const lang = this.lang();
    const tr = (k: string) => this.transloco.translate(`searches.series.${k}`, {}, lang);
    return {
      current: tr('current'),
      previousPeriod: tr('previousPeriod'),
      previousYear: tr('previousYear'),
      peak: tr('peak'),
      searches: tr('searches'),
      zeroResultRate: tr('zeroRate'),
      partial: tr('partial'),
      // A function, never '{{days}}' as a parameter: the translation engine would interpolate it again and again.
      partialDays: (days: number, of: number) => this.transloco.translate('searches.series.partialDays', { days, of }, lang),
    };
  });

  /** The partial buckets of the series, said under the chart: "déc. 2026 (5 jours sur 31)". */
  protected readonly partialItems = computed(() => {
    if (!this.series.hasValue()) return [];
    const s = this.series.value();
    const lang = this.lang();
    return s.current
      .filter((p) => p.partial)
      .map((p) =>
        this.transloco.translate(
          'searches.series.partialItem',
          { period: formatPeriod(p.period, s.granularity, lang), days: p.days, of: bucketDays(p.period, s.granularity) },
          lang,
        ),
      );
  });

  /** The chart's description for screen readers, in the UI language: what it shows, its span, its extremes. */
  protected readonly seriesDescription = computed(() => {
    if (!this.series.hasValue()) return '';
    const s = this.series.value();
    const lang = this.lang();
    const what = this.transloco.translate(
      'searches.series.describe',
      { granularity: this.granularityName(s.granularity), territory: this.territoryName() },
      lang,
    );
    return describeSeries(
      what,
      s.current.map((p) => ({
        label: formatPeriod(p.period, s.granularity, lang, s.granularity !== 'week'),
        value: countValue(p.searches),
        partial: p.partial,
      })),
      lang,
    );
  });
  protected readonly shownPeaks = computed(() => {
    const p = this.peaks.hasValue() ? this.peaks.value() : null;
    if (!p || !this.series.hasValue()) return [];
    const periods = new Set(this.series.value().current.map((c) => c.period));
    return p.peaks.filter((k) => periods.has(k.period));
  });
  protected readonly peakItems = computed(() => {
    const lang = this.lang();
    const g = this.query().granularity;
    return this.shownPeaks().map((p) => ({
      period: p.period,
      text: this.transloco.translate(
        'searches.series.peakItem',
        { period: formatPeriod(p.period, g, lang), searches: formatNumber(p.searches, lang), excess: formatPercent(p.excess, lang) },
        lang,
      ),
    }));
  });

  // ——— breakdowns ———
  protected readonly themeBars = computed(() => (this.breakdowns.hasValue() ? this.bars(this.breakdowns.value().theme) : []));
  protected readonly smallBars = computed(() => {
    const b = this.breakdowns.hasValue() ? this.breakdowns.value() : null;
    return Object.fromEntries(SMALL_BREAKDOWNS.map((d) => [d, b ? this.bars(b[d]) : []])) as Record<SmallBreakdown, BarRow[]>;
  });
  protected readonly territoryRows = computed<readonly BreakdownRow[]>(() =>
    this.breakdowns.hasValue() ? (this.breakdowns.value().territory?.rows ?? []) : [],
  );
  protected readonly childLevel = computed(() => breakdownLevel(this.territory()));
  protected readonly tableHeaders = computed<TerritoryTableHeaders>(() => {
    const lang = this.lang();
    const tr = (k: string, p = {}) => this.transloco.translate(`searches.table.${k}`, p, lang);
    const level = this.childLevel();
    return {
      caption: this.transloco.translate(
        'searches.breakdowns.territory',
        { level: level ? this.transloco.translate(`searches.levelsPlural.${level}`, {}, lang) : '' },
        lang,
      ),
      name: level ? this.transloco.translate(`levels.${level}`, {}, lang) : '',
      searches: tr('searches'),
      share: tr('share'),
      per10k: tr('per10k'),
      zeroResultRate: tr('zeroRate'),
      open: tr('open'),
    };
  });

  private bars(b: SearchBreakdown): BarRow[] {
    const lang = this.lang();
    return b.rows.map((r) => ({
      key: r.key,
      label: this.rowLabel(b.by, r, lang),
      value: countValue(r.searches),
      display:
        countValue(r.searches) === null
          ? formatCount(r.searches, lang)
          : `${formatCount(r.searches, lang)} (${formatPercent(r.share, lang, r.share !== null && r.share < 0.01 ? 1 : 0)})`,
    }));
  }

  /** The API labels rows in French; the dashboard relabels the ones it knows in the active language. */
  private rowLabel(by: SearchDimension, r: BreakdownRow, lang: string): string {
    if (!r.key) return this.transloco.translate('searches.unknown', {}, lang);
    if (by === 'theme' || by === 'category') return categoryLabel(r.key, lang === 'en' ? 'en' : 'fr');
    if (KNOWN_LABELS[by]?.includes(r.key)) return this.transloco.translate(`searches.${by}.${r.key}`, {}, lang);
    if (by === 'language') {
      try {
        const name = new Intl.DisplayNames([lang === 'en' ? 'en-GB' : 'fr-FR'], { type: 'language' }).of(r.key);
        if (name && name !== r.key) return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
      } catch {
        /* not a language code: keep the API's label */
      }
    }
    return r.label;
  }

  // ——— formatting for the template ———
  protected fmtNumber(v: number): string {
    return formatNumber(v, this.lang());
  }

  protected rangeLabel(): string {
    const { from, to } = this.range();
    return formatRange(from, to, this.lang());
  }

  protected granularityName(g: Granularity): string {
    return this.transloco.translate(`searches.granularities.${g}`, {}, this.lang()).toLocaleLowerCase(this.lang());
  }

  // ——— navigation: every change goes through the URL ———
  private go(patch: Partial<SearchQuery>): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: toQueryParams({ ...this.query(), ...patch }) });
  }

  protected setGranularity(granularity: Granularity): void {
    this.go({ granularity });
  }

  protected setCompare(compare: Compare): void {
    this.go({ compare });
  }

  protected territoryLink(ref: TerritoryRef | null): Record<string, string | null> {
    return toQueryParams({ ...this.query(), territory: ref });
  }

  protected territoryParam(ref: TerritoryRef): string {
    return formatTerritoryRef(ref);
  }

  protected drill(code: string): void {
    const level = this.childLevel();
    if (level) this.go({ territory: { level, code } });
  }
}

/** A count as an export cell: the number, or "< 11" when it is suppressed. */
function cell(c: BreakdownRow['searches']): number | string {
  return typeof c === 'number' ? c : suppressedLabel(c);
}
