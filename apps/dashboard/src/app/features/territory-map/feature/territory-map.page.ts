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
import type { TerritoryRef, WhatIfResponse } from '@vigie/contracts';
import { categoriesOfTheme, THEMES } from '@vigie/taxonomy';
import { catchError, forkJoin, map, of } from 'rxjs';
import { formatNumber, formatPercent } from '../../../shared/ui/format';
import { CoverageApi } from '../data-access/coverage.api';
import { childLevel, MAP_METRICS, type MapMetric, type MapQuery, metricInfo, parseMapQuery, toQueryParams } from '../data-access/map-query';
import { TerritoriesApi } from '../data-access/territories.api';
import { Choropleth, type MapPoint } from '../ui/choropleth';
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

  protected readonly themes = THEMES;
  protected readonly metrics = MAP_METRICS;
  protected readonly lang = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });
  protected readonly query = toSignal(
    this.route.queryParamMap.pipe(
      map((p) =>
        parseMapQuery({ territory: p.get('territory') ?? undefined, metric: p.get('metric') ?? undefined, theme: p.get('theme') ?? undefined, settlements: p.get('settlements') ?? undefined }),
      ),
    ),
    { requireSync: true },
  );

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
      params.metric === 'population' ? of(null) : this.coverageApi.map(childLevel(params.parent), params.parent, params.theme, params.metric),
  });

  protected readonly priorities = rxResource({
    params: () => ({ parent: this.query().territory, theme: this.query().theme }),
    stream: ({ params }) => this.coverageApi.priorities(childLevel(params.parent), params.parent, params.theme, 15),
  });

  protected readonly settlements = rxResource({
    params: () => (this.query().settlements ? { parent: this.query().territory } : undefined),
    stream: ({ params }) => this.coverageApi.settlements(params.parent),
  });

  /** The territory whose profile is open in the side panel. */
  protected readonly selected = signal<{ level: string; code: string } | null>(null);
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
    const digits = ['services_per_10k', 'services_per_10k_poor', 'accessibility', 'searches_per_10k', 'demand_pressure'].includes(this.query().metric) ? 1 : 0;
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
          color: !food || food.meters === null ? '#7f0000' : food.beyond ? '#d7301f' : '#fdbb84',
          label: `${s.communeName} — ${s.population ?? '?'} pers. — aide alimentaire à ${food?.meters == null ? '—' : formatNumber(food.meters / 1000, this.lang(), 1) + ' km'}`,
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

  private navigate(patch: Partial<MapQuery>): void {
    void this.router.navigate([], { queryParams: toQueryParams({ ...this.query(), ...patch }) });
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

  protected setTheme(theme: string): void {
    this.whatIfCategory.set(null);
    this.navigate({ theme });
  }

  protected setSettlements(on: boolean): void {
    this.navigate({ settlements: on });
  }

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
