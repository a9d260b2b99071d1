import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { HttpErrorResponse } from '@angular/common/http';
import type { ExportFilter, TerritoryRef, WhatIfResponse } from '@vigie/contracts';
import { categoriesOfTheme, categoryLabel, getTheme } from '@vigie/taxonomy';
import { departmentOfCommune, parseTerritoryRef } from '@vigie/territory-domain';
import { catchError, forkJoin, map, of, throwError } from 'rxjs';
import { GlobalFiltersStore } from '../../../shared/filters/data-access/global-filters.store';
import { themeColour } from '../../../shared/filters/data-access/theme-colours';
import { type ExportTable, ExportMenu } from '../../../shared/ui/export-menu';
import { formatNumber, formatPercent } from '../../../shared/ui/format';
import { CoverageApi } from '../data-access/coverage.api';
import { childLevel, MAP_METRICS, type MapMetric, type MapQuery, metricInfo, parseMapQuery, toQueryParams } from '../data-access/map-query';
import { TerritoriesApi } from '../data-access/territories.api';
import { Choropleth, type MapPoint, type ServiceDot } from '../ui/choropleth';
import { TerritoryTable } from '../ui/territory-table';

/**
 * Carte des manques: territories coloured by a coverage metric for a theme, drill-down France →
 * department → communes, priority zones with their explanation, settlements layer and what-if mode.
 */
@Component({
  selector: 'vg-territory-map-page',
  imports: [
    TranslocoDirective,
    MatCardModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSlideToggleModule,
    RouterLink,
    Choropleth,
    TerritoryTable,
    ExportMenu,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './territory-map.page.html',
  styleUrl: './territory-map.page.scss',
})
export class TerritoryMapPage {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly api = inject(TerritoriesApi);
  private readonly coverageApi = inject(CoverageApi);
  private readonly transloco = inject(TranslocoService);

  private readonly store = inject(GlobalFiltersStore);
  protected readonly metrics = MAP_METRICS;
  protected readonly lang = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });
  /** The map's state: the global territory and theme (one theme at a time: food when none), plus its own metric and layers. */
  protected readonly query = toSignal(
    this.route.queryParamMap.pipe(
      map((p) => {
        const q = parseMapQuery(Object.fromEntries(p.keys.map((k) => [k, p.get(k) ?? undefined])));
        // A commune is shown inside its department (its profile opens beside the map).
        const raw = parseTerritoryRef(p.get('territory'));
        return raw?.level === 'commune'
          ? { ...q, territory: { level: 'department', code: departmentOfCommune(raw.code) } as TerritoryRef }
          : q;
      }),
    ),
    { requireSync: true, equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );
  /** No theme in the global filters: the map falls back on its default theme, and says so. */
  protected readonly themeDefaulted = computed(() => !this.store.filters().theme);
  protected readonly themeName = computed(() => getTheme(this.query().theme)?.[this.lang() === 'en' ? 'en' : 'fr'] ?? this.query().theme);
  protected readonly communeRef = computed(() => {
    const t = this.store.filters().territory;
    return t?.level === 'commune' ? t : null;
  });

  protected readonly data = rxResource({
    params: () => this.query().territory,
    stream: ({ params: parent }) =>
      forkJoin({
        collection: this.api.features(childLevel(parent), parent, parent ? 'geo' : 'insets'),
        detail: parent ? this.api.detail(parent) : of(null),
      }),
  });

  /** Coverage values of the map (none for the population metric). */
  protected readonly coverage = rxResource({
    params: () => ({ parent: this.query().territory, theme: this.query().theme, metric: this.query().metric }),
    stream: ({ params }) =>
      params.metric === 'population'
        ? of(null)
        : this.coverageApi.map(childLevel(params.parent), params.parent, params.theme, params.metric),
  });

  /** Priority zones are ranked by gap score; the committee may re-sort them (population beyond, name). */
  protected readonly prioritySort = signal<'score' | 'populationBeyond' | 'name'>('score');
  protected readonly sortedZones = computed(() => {
    if (!this.priorities.hasValue()) return [];
    const zones = [...this.priorities.value().zones];
    const by = this.prioritySort();
    if (by === 'populationBeyond') zones.sort((a, b) => b.populationBeyond - a.populationBeyond || a.rank - b.rank);
    else if (by === 'name') zones.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    return zones;
  });

  protected readonly priorities = rxResource({
    params: () => ({ parent: this.query().territory, theme: this.query().theme }),
    stream: ({ params }) => this.coverageApi.priorities(childLevel(params.parent), params.parent, params.theme, 15),
  });

  protected readonly settlements = rxResource({
    params: () => (this.query().settlements ? { parent: this.query().territory } : undefined),
    stream: ({ params }) => this.coverageApi.settlements(params.parent),
  });

  /** The territory whose profile is open in the side panel (the commune of the global filter, when one is chosen). */
  protected readonly selected = signal<{ level: string; code: string } | null>(null);
  private readonly communeProfile = effect(() => {
    const c = this.communeRef();
    if (c) untracked(() => this.selected.set({ level: c.level, code: c.code }));
  });

  /** Services layer: a 404 means the route is not deployed yet (the toggle then says so). */
  protected readonly services = rxResource({
    params: () => (this.query().services ? { parent: this.query().territory, theme: this.query().theme } : undefined),
    stream: ({ params }) =>
      this.coverageApi
        .servicePoints(params.parent, params.theme)
        .pipe(catchError((e: unknown) => (e instanceof HttpErrorResponse && e.status === 404 ? of(null) : throwError(() => e)))),
  });
  protected readonly serviceDots = computed<ServiceDot[]>(() => {
    if (!this.query().services || !this.services.hasValue()) return [];
    const sp = this.services.value();
    if (!sp) return [];
    const lang = this.lang() === 'en' ? 'en' : 'fr';
    return sp.points.map((p) => ({
      lon: p.lon,
      lat: p.lat,
      open: p.open,
      color: themeColour(p.themeId),
      label: `${p.name} — ${categoryLabel(p.categoryId, lang)}${p.open ? '' : lang === 'en' ? ' (closed today)' : " (fermé aujourd'hui)"}`,
    }));
  });
  protected readonly clusterLabel = computed(() => {
    const lang = this.lang();
    return (n: number) => this.transloco.translate('map.servicesCount', { n: formatNumber(n, lang) }, lang);
  });
  protected readonly profile = rxResource({
    params: () => this.selected() ?? undefined,
    stream: ({ params }) => this.coverageApi.profile(params),
  });
  protected readonly selectedTheme = computed(() => {
    const p = this.profile.hasValue() ? this.profile.value() : null;
    return p?.keys.find((k) => k.key === this.query().theme) ?? null;
  });

  protected readonly whatIfMode = signal(false);
  protected readonly whatIfCategory = signal<string | null>(null);
  protected readonly whatIfResult = signal<WhatIfResponse | null>(null);
  protected readonly whatIfError = signal(false);
  protected readonly themeCategories = computed(() => categoriesOfTheme(this.query().theme).filter((c) => c.leaf));

  protected readonly values = computed<ReadonlyMap<string, number | null>>(() => {
    const q = this.query();
    if (q.metric === 'population') {
      const d = this.data.hasValue() ? this.data.value() : null;
      return new Map((d?.collection.features ?? []).map((f) => [f.properties.code, f.properties.population]));
    }
    const c = this.coverage.hasValue() ? this.coverage.value() : null;
    return new Map((c?.values ?? []).map((v) => [v.code, v.value]));
  });

  protected readonly format = computed(() => {
    const info = metricInfo(this.query().metric);
    const lang = this.lang();
    if (info.percent) return (v: number) => formatPercent(v, lang);
    if (info.distance) return (v: number) => `${formatNumber(v / 1000, lang, 1)} km`;
    const digits = ['services_per_10k', 'services_per_10k_poor', 'accessibility', 'searches_per_10k', 'demand_pressure'].includes(
      this.query().metric,
    )
      ? 1
      : 0;
    return (v: number) => formatNumber(v, lang, digits);
  });

  protected readonly points = computed<MapPoint[]>(() => {
    if (!this.query().settlements || !this.settlements.hasValue()) return [];
    const national = !this.query().territory;
    return this.settlements
      .value()
      .items.filter((s) => !national || (s.lon > -6 && s.lon < 10 && s.lat > 41 && s.lat < 52))
      .map((s) => {
        const food = s.distances.find((d) => d.themeId === 'food');
        return {
          lon: s.lon,
          lat: s.lat,
          size: s.population ?? 1,
          color: !food || food.distanceClass === 'none' ? '#7f0000' : food.beyond ? '#d7301f' : '#fdbb84',
          // Metres for exact viewers only; COPIL and funders get the class (within / beyond the threshold).
          label: `${s.communeName} — ${s.population ?? '?'} pers. — aide alimentaire ${
            !food || food.distanceClass === 'none'
              ? '—'
              : food.meters !== null
                ? 'à ' + formatNumber(food.meters / 1000, this.lang(), 1) + ' km'
                : (food.beyond ? 'à plus de ' : 'à moins de ') + formatNumber(food.thresholdMeters / 1000, this.lang(), 1) + ' km'
          }`,
        };
      });
  });

  protected fmt(v: number | null | undefined, digits = 0): string {
    return formatNumber(v, this.lang(), digits);
  }

  protected pct(v: number | null | undefined): string {
    return formatPercent(v, this.lang());
  }

  protected km(m: number | null | undefined): string {
    return m === null || m === undefined ? '—' : `${formatNumber(m / 1000, this.lang(), 1)} km`;
  }

  /** Writes only the changed keys (the global filters stay as they are in the URL). */
  private navigate(patch: Partial<MapQuery>): void {
    const all = toQueryParams({ ...this.query(), ...patch });
    const queryParams = Object.fromEntries(Object.keys(patch).map((k) => [k, all[k]]));
    void this.router.navigate([], { queryParams, queryParamsHandling: 'merge' });
  }

  protected drill(code: string): void {
    const d = this.data.hasValue() ? this.data.value() : null;
    if (!d) return;
    const level = d.collection.level;
    if (level === 'commune') {
      this.selected.set({ level, code });
      return;
    }
    this.selected.set(null);
    this.whatIfResult.set(null);
    this.navigate({ territory: { level, code } as TerritoryRef });
  }

  protected showProfile(level: string, code: string): void {
    this.selected.set({ level, code });
  }

  protected setMetric(metric: MapMetric): void {
    this.navigate({ metric });
  }

  protected setSettlements(on: boolean): void {
    this.navigate({ settlements: on });
  }

  protected setServices(on: boolean): void {
    this.navigate({ services: on });
  }

  // ——— exports ———
  protected readonly viewFilters = computed<ExportFilter[]>(() => {
    const lang = this.lang();
    const tr = (k: string) => this.transloco.translate(k, {}, lang);
    return [
      { label: tr('map.theme'), value: this.themeName() },
      { label: tr('map.metric'), value: tr(`metrics.${this.query().metric}`) },
    ];
  });
  protected readonly exportPriorities = (): ExportTable | null => {
    if (!this.priorities.hasValue()) return null;
    const lang = this.lang();
    const tr = (k: string) => this.transloco.translate(k, {}, lang);
    return {
      title: tr('map.prioritiesExport'),
      columns: [
        { key: 'rank', label: tr('map.rank'), type: 'number' },
        { key: 'code', label: tr('map.code'), type: 'text' },
        { key: 'name', label: tr('levels.' + (this.priorities.value().zones[0]?.level ?? 'commune')), type: 'text' },
        { key: 'score', label: tr('map.score'), type: 'number' },
        { key: 'why', label: tr('map.explanation'), type: 'text' },
      ],
      rows: this.priorities
        .value()
        .zones.map((z, i) => [i + 1, z.code, z.name, z.score, (lang === 'en' ? z.explanation.en : z.explanation.fr).join(' ; ')]),
    };
  };
  protected readonly exportTable = (): ExportTable | null => {
    if (!this.data.hasValue()) return null;
    const lang = this.lang();
    const tr = (k: string) => this.transloco.translate(k, {}, lang);
    const values = this.values();
    const info = metricInfo(this.query().metric);
    return {
      title: tr('map.tableTitle'),
      columns: [
        { key: 'code', label: tr('map.code'), type: 'text' },
        { key: 'name', label: tr('levels.' + this.data.value().collection.level), type: 'text' },
        { key: 'value', label: `${tr('metrics.' + this.query().metric)} (${info.unit})`, type: info.percent ? 'percent' : 'number' },
      ],
      rows: this.data.value().collection.features.map((f) => [f.properties.code, f.properties.name, values.get(f.properties.code) ?? null]),
    };
  };

  protected pick(pos: { lon: number; lat: number }): void {
    const category = this.whatIfCategory() ?? this.themeCategories()[0]?.id;
    if (!category) return;
    this.whatIfError.set(false);
    this.coverageApi
      .whatIf(pos.lat, pos.lon, category)
      .pipe(catchError(() => (this.whatIfError.set(true), of(null))))
      .subscribe((r) => this.whatIfResult.set(r));
  }
}
