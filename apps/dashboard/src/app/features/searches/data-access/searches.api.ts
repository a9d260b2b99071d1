import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { SearchBreakdown, SearchDimension, SearchPeaks, SearchSeries, UnmetDemand } from '@vigie/contracts';
import type { Observable } from 'rxjs';

/** Search analytics (`api/searches/*`); filters come from `toApiParams`. */
@Injectable({ providedIn: 'root' })
export class SearchesApi {
  private readonly http = inject(HttpClient);

  series(filters: Record<string, string>, granularity: string): Observable<SearchSeries> {
    return this.http.get<SearchSeries>('api/searches/series', { params: { ...filters, granularity } });
  }

  breakdown(filters: Record<string, string>, by: SearchDimension, limit = 20): Observable<SearchBreakdown> {
    return this.http.get<SearchBreakdown>('api/searches/breakdown', { params: { ...filters, by, limit } });
  }

  peaks(filters: Record<string, string>, granularity: 'month' | 'week'): Observable<SearchPeaks> {
    return this.http.get<SearchPeaks>('api/searches/peaks', { params: { ...filters, granularity } });
  }

  /** Unmet demand: territories × categories (`api/searches/unmet`). */
  unmet(filters: Record<string, string>, limit = 50): Observable<UnmetDemand> {
    return this.http.get<UnmetDemand>('api/searches/unmet', { params: { ...filters, limit } });
  }
}
