import { VigieCalendar } from '../../../core/calendar';
import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { type ActivatedRouteSnapshot, NavigationEnd, Router } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import type { ExportFilter, TerritoryDetail, TerritoryRef, TerritorySearchResult } from '@vigie/contracts';
import { getTheme } from '@vigie/taxonomy';
import { departmentOfCommune } from '@vigie/territory-domain';
import { filter, map, type Observable, startWith, switchMap } from 'rxjs';
import {
  type FilterCaps,
  type GlobalFilters,
  globalQueryParams,
  NO_CAPS,
  parseGlobalFilters,
  presetOf,
  resolveRange,
  scopedTerritory,
} from './global-filters';

function deepest(s: ActivatedRouteSnapshot): ActivatedRouteSnapshot {
  return s.firstChild ? deepest(s.firstChild) : s;
}

/** Formats a day range the way the views write it: "1 sept. 2025 – 14 mai 2026". */
export function formatDayRange(from: string, to: string, lang: string): string {
  const f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return `${f.format(new Date(`${from}T00:00:00Z`))} – ${f.format(new Date(`${to}T00:00:00Z`))}`;
}

/**
 * The global filters of the shell, read from (and written to) the URL of the active view, plus what
 * that view can use of them (route data `filters`).
 */
@Injectable({ providedIn: 'root' })
export class GlobalFiltersStore {
  private readonly router = inject(Router);
  private readonly http = inject(HttpClient);
  private readonly transloco = inject(TranslocoService);

  /** Vigie's today (the API's calendar, Europe/Paris): default periods end on it. */
  readonly today = inject(VigieCalendar).today();

  private readonly snapshot = toSignal(
    this.router.events.pipe(
      filter((e) => e instanceof NavigationEnd),
      startWith(null),
      map(() => deepest(this.router.routerState.snapshot.root)),
    ),
    { initialValue: deepest(this.router.routerState.snapshot.root) },
  );
  /** Language, once its translations are loaded. */
  readonly lang = toSignal(this.transloco.langChanges$.pipe(switchMap((l) => this.transloco.selectTranslation(l).pipe(map(() => l)))), {
    initialValue: this.transloco.getActiveLang(),
  });

  /** Undefined on views without the filter bar (imports, about, sign-in). */
  readonly caps = computed<FilterCaps | undefined>(() => this.snapshot().data['filters'] as FilterCaps | undefined);
  readonly filters = computed<GlobalFilters>(() => parseGlobalFilters(this.snapshot().queryParams as Record<string, string>), {
    equal: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  readonly range = computed(() => resolveRange(this.filters(), this.today));
  readonly preset = computed(() => presetOf(this.filters(), this.today));

  /** Name and parents of the selected territory (for the bar, the exports and the coarse views). */
  readonly detail = rxResource({
    params: () => this.filters().territory ?? undefined,
    stream: ({ params }) => this.http.get<TerritoryDetail>(`api/territories/${params.level}/${encodeURIComponent(params.code)}`),
  });

  /**
   * The territory the active view shows (a view stopping at the department shows the department of a
   * commune, or of an EPCI once its detail is loaded: `pending` until then).
   */
  readonly scoped = computed(() => {
    const t = this.filters().territory;
    const caps = this.caps() ?? NO_CAPS;
    const detail = this.detail.hasValue() ? this.detail.value() : null;
    const dep =
      t?.level === 'commune'
        ? departmentOfCommune(t.code)
        : detail && t && detail.level === t.level && detail.code === t.code
          ? detail.departmentCode
          : undefined;
    const s = scopedTerritory(t, caps, dep);
    return { ...s, pending: s.coarsened && dep === undefined && !this.detail.error() };
  });

  /** Query params carrying only the global filters (for the navigation links: view-specific ones are dropped). */
  readonly navParams = computed(
    () => Object.fromEntries(Object.entries(globalQueryParams(this.filters())).filter(([, v]) => v !== null)) as Record<string, string>,
  );

  search(q: string, limit = 8): Observable<TerritorySearchResult[]> {
    return this.http.get<TerritorySearchResult[]>('api/territories/search', { params: { q, limit } });
  }

  set(patch: Partial<GlobalFilters>): void {
    const next = { ...this.filters(), ...patch };
    void this.router.navigate([], { queryParams: globalQueryParams(next), queryParamsHandling: 'merge' });
  }

  setTerritory(territory: TerritoryRef | null): void {
    this.set({ territory });
  }

  /** Territory label: "Val-d'Oise" (or the code while loading), "France" when none. */
  readonly territoryName = computed(() => {
    const t = this.filters().territory;
    if (!t) return 'France';
    const d = this.detail.hasValue() ? this.detail.value() : null;
    return d && d.code === t.code && d.level === t.level ? d.name : t.code;
  });

  /** The active filters as labelled strings (exports, reports), only those the active view uses. */
  readonly exportFilters = computed<ExportFilter[]>(() => {
    const lang = this.lang();
    const caps = this.caps() ?? NO_CAPS;
    const tr = (k: string, p = {}) => this.transloco.translate(`filters.${k}`, p, lang);
    const out: ExportFilter[] = [];
    if (caps.territory !== 'none')
      out.push({
        label: tr('territory'),
        value:
          this.territoryName() === 'France'
            ? 'France'
            : `${this.territoryName()} (${this.transloco.translate(`levels.${this.filters().territory!.level}`, {}, lang)})`,
      });
    if (caps.period) {
      const { from, to } = this.range();
      out.push({ label: tr('period'), value: formatDayRange(from, to, lang) });
    }
    if (caps.theme) {
      const th = this.filters().theme ? getTheme(this.filters().theme!) : null;
      out.push({ label: tr('theme'), value: th ? th[lang === 'en' ? 'en' : 'fr'] : tr('allThemes') });
    }
    return out;
  });
}
