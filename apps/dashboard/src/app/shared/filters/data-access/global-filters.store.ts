import { VigieCalendar } from '../../../core/calendar';
import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { type ActivatedRouteSnapshot, NavigationEnd, Router } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import type { ExportFilter, TerritoryDetail, TerritoryRef, TerritorySearchResult } from '@vigie/contracts';
import { getTheme } from '@vigie/taxonomy';
import { departmentOfCommune } from '@vigie/territory-domain';
import { catchError, filter, forkJoin, map, type Observable, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../../../features/auth/data-access/auth.service';
import { defaultTerritory, departmentInLabel, isInScope, userScope } from '../../../features/auth/data-access/user-scope';
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
  private readonly auth = inject(AuthService);

  /** What the signed-in user may see (admins and national users: France; others: their territories). */
  readonly userScope = computed(() => userScope(this.auth.user()));
  /** Where the user lands when the URL names no territory: France, or their first territory. */
  readonly homeTerritory = computed(() => defaultTerritory(this.userScope()));

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
  /** The URL's filters; without a territory, the user's home territory (France only for national users). */
  readonly filters = computed<GlobalFilters>(
    () => {
      const f = parseGlobalFilters(this.snapshot().queryParams as Record<string, string>);
      return f.territory ? f : { ...f, territory: this.homeTerritory() };
    },
    { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );
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

  /**
   * Can the user see the selected territory? 'pending' while its parents are loading, 'outside' when it is not
   * one of theirs (the shell then says so instead of showing a view that the API would refuse).
   */
  readonly access = computed<'ok' | 'pending' | 'outside'>(() => {
    const t = this.filters().territory;
    const scope = this.userScope();
    const quick = isInScope(scope, t);
    if (quick !== undefined) return quick ? 'ok' : 'outside';
    if (this.detail.error()) return 'outside';
    const d = this.detail.hasValue() ? this.detail.value() : null;
    if (!d || !t || d.level !== t.level || d.code !== t.code) return 'pending';
    return isInScope(scope, t, d) ? 'ok' : 'outside';
  });

  /** Names of the user's territories ("Val-d'Oise"), in their order; codes until loaded. */
  private readonly scopeDetails = rxResource({
    params: () => (this.userScope().territories.length ? this.userScope().territories : undefined),
    stream: ({ params }) =>
      forkJoin(
        params.map((t) =>
          this.http.get<TerritoryDetail>(`api/territories/${t.level}/${encodeURIComponent(t.code)}`).pipe(catchError(() => of(null))),
        ),
      ),
  });
  readonly scopeNames = computed<{ ref: TerritoryRef; name: string }[]>(() => {
    const details = this.scopeDetails.hasValue() ? this.scopeDetails.value() : [];
    return this.userScope().territories.map((ref, i) => ({ ref, name: details[i]?.name ?? ref.code }));
  });

  /** Region of every department, for a user scoped to a region (search results name only their department). */
  private readonly departmentRegions = rxResource({
    params: () => (this.userScope().territories.some((t) => t.level === 'region') ? true : undefined),
    stream: () =>
      this.http
        .get<{ features: { properties: { code: string; regionCode: string | null } }[] }>('api/territories/department', {
          params: { geometry: false },
        })
        .pipe(map((fc) => new Map(fc.features.map((f) => [f.properties.code, f.properties.regionCode])))),
  });

  /** Query params carrying only the global filters (for the navigation links: view-specific ones are dropped). */
  readonly navParams = computed(
    () => Object.fromEntries(Object.entries(globalQueryParams(this.filters())).filter(([, v]) => v !== null)) as Record<string, string>,
  );

  /** Territories matching `q`, only those the user may see (the search itself covers all of France). */
  search(q: string, limit = 8): Observable<TerritorySearchResult[]> {
    const scope = this.userScope();
    if (scope.national) return this.http.get<TerritorySearchResult[]>('api/territories/search', { params: { q, limit } });
    return this.http.get<TerritorySearchResult[]>('api/territories/search', { params: { q, limit: 50 } }).pipe(
      map((rs) =>
        rs
          .filter((r) => {
            const dep = r.level === 'department' ? r.code : departmentInLabel(r.label);
            const regions = this.departmentRegions.hasValue() ? this.departmentRegions.value() : null;
            const parents = {
              departmentCode: dep,
              regionCode: r.level === 'region' ? r.code : dep ? (regions?.get(dep) ?? null) : null,
            };
            return isInScope(scope, r, parents) === true;
          })
          .slice(0, limit),
      ),
    );
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
    if (d && d.code === t.code && d.level === t.level) return d.name;
    return this.scopeNames().find((s) => s.ref.level === t.level && s.ref.code === t.code)?.name ?? '…';
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
        value: !this.filters().territory
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
