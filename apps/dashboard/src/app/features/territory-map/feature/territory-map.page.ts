import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
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
import type { ExportFilter, TerritoryRef, WhatIfKey } from '@vigie/contracts';
import { categoriesOfTheme, categoryLabel, getTheme } from '@vigie/taxonomy';
import { departmentOfCommune, formatTerritoryRef, parseTerritoryRef } from '@vigie/territory-domain';
import { catchError, forkJoin, map, of, throwError } from 'rxjs';
import { GlobalFiltersStore } from '../../../shared/filters/data-access/global-filters.store';
import { themeColour } from '../../../shared/filters/data-access/theme-colours';
import { type ExportTable, ExportMenu } from '../../../shared/ui/export-menu';
import { formatNumber, formatPercent } from '../../../shared/ui/format';
import { apiErrorKey } from '../../../shared/ui/api-error';
import { formatDay } from '../../../shared/ui/chart-aria';
import { AuthService } from '../../auth/data-access/auth.service';
import { userScope } from '../../auth/data-access/user-scope';
import { CoverageApi } from '../data-access/coverage.api';
import {
  childLevel,
  displayUnit,
  MAP_METRICS,
  type MapMetric,
  type MapQuery,
  metricInfo,
  type WhatIfPoint,
  parseMapQuery,
  toQueryParams,
} from '../data-access/map-query';
import { TerritoriesApi } from '../data-access/territories.api';
import { Choropleth, type MapLegendText, type MapMarker, type MapPoint, type ServiceDot } from '../ui/choropleth';
import type { MetricDomain } from '../ui/map-legend';
import { TerritoryTable } from '../ui/territory-table';

/**
 * Request parameters that change only when their content does: the URL's query is parsed into new objects at each
 * navigation, and opening a profile must not reload the map, its values or the what-if.
 */
function stable<T>(read: () => T): () => T {
  const c = computed(read, { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  return () => c();
}

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
  private readonly auth = inject(AuthService);

  private readonly store = inject(GlobalFiltersStore);
  protected readonly metrics = MAP_METRICS;
  protected readonly lang = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });
  /** A day the way the UI language writes it ("15 nov. 2026"), never ISO. */
  protected day(iso: string): string {
    return formatDay(iso, this.lang());
  }
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
  // Request parameters, stable across navigations (see stable()).
  private readonly pParent: () => TerritoryRef | null = stable(() => this.query().territory);
  private readonly pCoverage: () => { parent: TerritoryRef | null; theme: string; metric: MapMetric } = stable(() => ({
    parent: this.query().territory,
    theme: this.query().theme,
    metric: this.query().metric,
  }));
  private readonly pPriorities: () => { parent: TerritoryRef | null; theme: string } = stable(() => ({
    parent: this.query().territory,
    theme: this.query().theme,
  }));
  private readonly pSettlements: () => { parent: TerritoryRef | null } | undefined = stable(() =>
    this.query().settlements ? { parent: this.query().territory } : undefined,
  );
  private readonly pServices: () => { parent: TerritoryRef | null; theme: string } | undefined = stable(() =>
    this.query().services ? { parent: this.query().territory, theme: this.query().theme } : undefined,
  );
  private readonly pWhatIf: () => WhatIfPoint | undefined = stable(() => this.query().whatIf ?? undefined);

  /** No theme in the global filters: the map falls back on its default theme, and says so. */
  protected readonly themeDefaulted = computed(() => !this.store.filters().theme);
  protected readonly themeName = computed(() => getTheme(this.query().theme)?.[this.lang() === 'en' ? 'en' : 'fr'] ?? this.query().theme);
  protected readonly communeRef = computed(() => {
    const t = this.store.filters().territory;
    return t?.level === 'commune' ? t : null;
  });

  protected readonly data = rxResource({
    params: this.pParent,
    stream: ({ params: parent }) =>
      forkJoin({
        collection: this.api.features(childLevel(parent), parent, parent ? 'geo' : 'insets'),
        detail: parent ? this.api.detail(parent) : of(null),
      }),
  });

  /** Coverage values of the map (none for the population metric). */
  protected readonly coverage = rxResource({
    params: this.pCoverage,
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
    params: this.pPriorities,
    stream: ({ params }) => this.coverageApi.priorities(childLevel(params.parent), params.parent, params.theme, 15),
  });

  protected readonly settlements = rxResource({
    params: this.pSettlements,
    stream: ({ params }) => this.coverageApi.settlements(params.parent),
  });

  /** The territory whose profile is open in the side panel: `profile=` of the URL, else the commune of the global filter. */
  protected readonly selected = computed<TerritoryRef | null>(() => this.query().profile ?? this.communeRef(), {
    equal: (a, b) => a?.level === b?.level && a?.code === b?.code,
  });

  /** Services layer: a 404 means the route is not deployed yet (the toggle then says so). */
  protected readonly services = rxResource({
    params: this.pServices,
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

  // ——— what-if: the placed service lives in the URL (whatif=lat,lon,category[,commune]) ———
  protected readonly whatIfMode = computed(() => this.query().simulation);
  private readonly chosenCategory = signal<string | null>(null);
  protected readonly themeCategories = computed(() => categoriesOfTheme(this.query().theme).filter((c) => c.leaf));
  protected readonly whatIfCategory = computed(
    () => this.chosenCategory() ?? this.query().whatIf?.category ?? this.themeCategories()[0]?.id ?? null,
  );
  /** The commune chosen from the list (keyboard way): the service is placed at its point. */
  protected readonly whatIfCommune = signal<string | null>(null);
  protected readonly communeChoices = computed(() => {
    const d = this.data.hasValue() ? this.data.value() : null;
    if (!d || d.collection.level !== 'commune') return [];
    return d.collection.features
      .filter((f) => f.properties.lat !== null && f.properties.lon !== null)
      .map((f) => ({ code: f.properties.code, name: f.properties.name, lat: f.properties.lat!, lon: f.properties.lon! }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  });
  protected readonly whatIf = rxResource({
    params: this.pWhatIf,
    stream: ({ params }) => this.coverageApi.whatIf(params.lat, params.lon, params.category, params.commune),
  });
  protected readonly whatIfResult = computed(() => (this.whatIf.hasValue() ? this.whatIf.value() : null));
  /** Theme first (the map's figures), then the simulated category: each labelled with what it counts. */
  protected readonly whatIfKeys = computed<WhatIfKey[]>(() =>
    [...(this.whatIfResult()?.keys ?? [])].sort((a, b) => Number(b.keyType === 'theme') - Number(a.keyType === 'theme')),
  );
  /** The communes that would gain access to the simulated category, outlined on the map. */
  protected readonly whatIfHighlight = computed<ReadonlySet<string>>(() => {
    const k = this.whatIfResult()?.keys.find((x) => x.keyType === 'category') ?? this.whatIfResult()?.keys[0];
    return new Set((k?.communes ?? []).filter((c) => c.gainsAccess).map((c) => c.code));
  });
  protected readonly whatIfMarker = computed<MapMarker | null>(() => {
    const w = this.query().whatIf;
    if (!w) return null;
    const name = this.whatIfResult()?.place.name;
    const cat = categoryLabel(w.category, this.lang() === 'en' ? 'en' : 'fr');
    return { lon: w.lon, lat: w.lat, label: name ? `${cat} — ${name}` : cat };
  });
  /** The user's territories by name, for the refusal message ("hors de votre territoire (Val-d'Oise)"). */
  private readonly scopeNames = rxResource({
    params: () => {
      const e = this.whatIf.error() as { status?: number } | undefined;
      return e?.status === 403 ? { user: this.auth.user() } : undefined;
    },
    stream: ({ params }) => {
      const refs = userScope(params.user).territories;
      return refs.length
        ? forkJoin(
            refs.map((r) =>
              this.api.detail(r).pipe(
                map((d) => d.name),
                catchError(() => of(formatTerritoryRef(r))),
              ),
            ),
          )
        : of([] as string[]);
    },
  });
  protected readonly whatIfErrorText = computed(() => {
    const e = this.whatIf.error();
    if (!e) return null;
    const lang = this.lang();
    const body = (e as { error?: { code?: string } }).error;
    if ((e as { status?: number }).status === 403 && body?.code === 'point_outside_territory') {
      if (this.scopeNames.isLoading()) return null;
      const names = this.scopeNames.hasValue() ? this.scopeNames.value() : [];
      return names.length
        ? this.transloco.translate('map.whatIfOutside', { territories: names.join(', ') }, lang)
        : this.transloco.translate('map.whatIfOutsideAll', {}, lang);
    }
    return this.transloco.translate('errors.' + apiErrorKey(e), {}, lang);
  });

  protected readonly values = computed<ReadonlyMap<string, number | null>>(() => {
    const q = this.query();
    if (q.metric === 'population') {
      const d = this.data.hasValue() ? this.data.value() : null;
      return new Map((d?.collection.features ?? []).map((f) => [f.properties.code, f.properties.population]));
    }
    const c = this.coverage.hasValue() ? this.coverage.value() : null;
    return new Map((c?.values ?? []).map((v) => [v.code, v.value]));
  });

  /** Uncovered territories ("annuaire non déployé"): rows with covered === false (undefined = covered). */
  protected readonly uncovered = computed<ReadonlySet<string>>(() => {
    const c = this.coverage.hasValue() ? this.coverage.value() : null;
    return new Set((c?.values ?? []).filter((v) => (v as { covered?: boolean }).covered === false).map((v) => v.code));
  });

  protected readonly domain = computed<MetricDomain>(() => {
    const m = this.query().metric;
    if (m === 'gap_score' || m === 'mean_completeness') return 'score';
    return m === 'share_beyond' || m === 'share_updated_recently' ? 'share' : 'open';
  });

  protected readonly unit = computed(() => {
    const u = displayUnit(this.query().metric);
    return u === 'habitants' ? this.transloco.translate('units.inhabitants', {}, this.lang()) : u;
  });

  protected readonly legendText = computed<MapLegendText>(() => {
    const lang = this.lang();
    const tr = (k: string, p: object = {}) => this.transloco.translate(k, p, lang);
    const cat = this.whatIfCategory();
    const label = tr('metrics.' + this.query().metric);
    return {
      // The unit, unless the metric's name already says it ("Score de manque (0–100)").
      title: label.includes(this.unit().replace(/^score /, '')) ? label : `${label} (${this.unit()})`,
      noData: tr('map.legendNoData'),
      uncovered: tr('map.legendUncovered'),
      highlight: tr('map.legendGaining', { category: cat ? categoryLabel(cat, lang === 'en' ? 'en' : 'fr') : '' }),
      marker: tr('map.legendMarker'),
    };
  });

  /** The map in words, in the UI language: what it shows, its extremes, the territories without data. */
  protected readonly description = computed(() => {
    const d = this.data.hasValue() ? this.data.value() : null;
    if (!d) return '';
    const lang = this.lang();
    const tr = (k: string, p: object = {}) => this.transloco.translate(k, p, lang);
    const values = this.values();
    const fmt = this.format();
    const uncovered = this.uncovered();
    const valued = d.collection.features
      .map((f) => ({ name: f.properties.name, v: values.get(f.properties.code) ?? null, off: uncovered.has(f.properties.code) }))
      .filter((x): x is { name: string; v: number; off: boolean } => x.v !== null && !x.off);
    const where = tr(d.collection.level === 'commune' ? 'map.communesOf' : 'map.departments', { name: d.detail?.name ?? 'France' });
    const parts = [`${tr('map.descMap', { where, metric: tr('metrics.' + this.query().metric) })}`];
    if (valued.length) {
      const max = valued.reduce((a, b) => (b.v > a.v ? b : a));
      const min = valued.reduce((a, b) => (b.v < a.v ? b : a));
      parts.push(tr('map.descExtremes', { max: `${max.name} (${fmt(max.v)})`, min: `${min.name} (${fmt(min.v)})` }));
    }
    const missing = d.collection.features.length - valued.length - uncovered.size;
    if (missing > 0) parts.push(tr('map.descNoData', { n: missing }));
    if (uncovered.size) parts.push(tr('map.descUncovered', { n: uncovered.size }));
    return parts.join(lang === 'en' ? '; ' : ' ; ') + '.';
  });

  /** Names written on the map: the most populous communes (none on the departments' map). */
  protected readonly townLabels = computed(() => (this.data.hasValue() && this.data.value().collection.level === 'commune' ? 10 : 0));

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
    // Query-string names of the state's keys (simulation → sim, whatIf → whatif; the others are the same).
    const names: Record<string, string> = { simulation: 'sim', whatIf: 'whatif' };
    const queryParams = Object.fromEntries(Object.keys(patch).map((k) => [names[k] ?? k, all[names[k] ?? k]]));
    void this.router.navigate([], { queryParams, queryParamsHandling: 'merge' });
  }

  protected drill(code: string): void {
    const d = this.data.hasValue() ? this.data.value() : null;
    if (!d) return;
    const level = d.collection.level;
    if (level === 'commune') {
      this.navigate({ profile: { level, code } as TerritoryRef });
      return;
    }
    this.navigate({ territory: { level, code } as TerritoryRef, profile: null, whatIf: null });
  }

  protected showProfile(level: string, code: string): void {
    this.navigate({ profile: { level, code } as TerritoryRef });
  }

  protected closeProfile(): void {
    this.navigate({ profile: null });
  }

  /** Links of the profile: the searches view on this territory, and its printable services list. */
  protected profileSearchParams(ref: { level: string; code: string }): Record<string, string | null> {
    return {
      territory: formatTerritoryRef(ref as TerritoryRef),
      metric: null,
      settlements: null,
      services: null,
      profile: null,
      sim: null,
      whatif: null,
    };
  }

  protected servicesListUrl(ref: { level: string; code: string }): string {
    const p = new URLSearchParams({
      territory: formatTerritoryRef(ref as TerritoryRef),
      theme: this.query().theme,
      format: 'pdf',
      lang: this.lang() === 'en' ? 'en' : 'fr',
    });
    return `api/reports/services-list?${p.toString()}`;
  }

  protected setSimulation(on: boolean): void {
    this.navigate({ simulation: on, whatIf: null });
  }

  protected setWhatIfCategory(category: string): void {
    this.chosenCategory.set(category);
    const w = this.query().whatIf;
    if (w) this.navigate({ whatIf: { ...w, category } });
  }

  /** Keyboard way: the service placed at the chosen commune's point. */
  protected placeAtCommune(): void {
    const c = this.communeChoices().find((x) => x.code === this.whatIfCommune());
    const category = this.whatIfCategory();
    if (!c || !category) return;
    this.navigate({ whatIf: { lat: c.lat, lon: c.lon, category, commune: c.code } });
  }

  protected clearWhatIf(): void {
    this.navigate({ whatIf: null, simulation: true });
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

  protected pick(pos: { lon: number; lat: number; commune?: string }): void {
    const category = this.whatIfCategory();
    if (!category) return;
    this.navigate({ whatIf: { lat: pos.lat, lon: pos.lon, category, ...(pos.commune ? { commune: pos.commune } : {}) } });
  }

  protected gaining(k: WhatIfKey): WhatIfKey['communes'] {
    return k.communes.filter((c) => c.gainsAccess);
  }

  protected catLabel(id: string): string {
    return categoryLabel(id, this.lang() === 'en' ? 'en' : 'fr');
  }

  protected communeLabel(c: { name: string; departmentCode: string | null }): string {
    const here = this.query().territory;
    return c.departmentCode && here?.level === 'department' && c.departmentCode !== here.code ? `${c.name} (${c.departmentCode})` : c.name;
  }
}
