import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import type { TerritoryRef } from '@vigie/contracts';
import { forkJoin, map, of } from 'rxjs';
import { formatNumber } from '../../../shared/ui/format';
import { childLevel, parseMapQuery, toQueryParams } from '../data-access/map-query';
import { TerritoriesApi } from '../data-access/territories.api';
import { Choropleth } from '../ui/choropleth';
import { TerritoryTable } from '../ui/territory-table';

/** Map of territories coloured by a metric, with drill-down France → department → communes. */
@Component({
  selector: 'vg-territory-map-page',
  imports: [TranslocoDirective, MatCardModule, MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, Choropleth, TerritoryTable],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './territory-map.page.html',
  styleUrl: './territory-map.page.scss',
})
export class TerritoryMapPage {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly api = inject(TerritoriesApi);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });
  protected readonly query = toSignal(
    this.route.queryParamMap.pipe(map((p) => parseMapQuery({ territory: p.get('territory') ?? undefined, metric: p.get('metric') ?? undefined }))),
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

  protected readonly values = computed(() => {
    const d = this.data.hasValue() ? this.data.value() : null;
    return new Map((d?.collection.features ?? []).map((f) => [f.properties.code, f.properties.population]));
  });

  protected readonly total = computed(() => [...this.values().values()].reduce((s, v) => s + v, 0));

  protected fmt(v: number | null | undefined): string {
    return formatNumber(v, this.lang());
  }

  protected drill(code: string): void {
    const d = this.data.hasValue() ? this.data.value() : null;
    if (!d) return;
    const level = d.collection.level;
    if (level === 'commune') return; // finest level: nothing below
    const territory: TerritoryRef = { level, code };
    void this.router.navigate([], { queryParams: toQueryParams({ ...this.query(), territory }), queryParamsHandling: 'merge' });
  }

  protected up(ref: TerritoryRef | null): void {
    void this.router.navigate([], { queryParams: toQueryParams({ ...this.query(), territory: ref }), queryParamsHandling: 'merge' });
  }
}
