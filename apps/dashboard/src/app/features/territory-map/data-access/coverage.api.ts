import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CoverageMap,
  CoverageMetric,
  CoverageProfile,
  PriorityList,
  ServicePoints,
  SettlementAccessList,
  TerritoryLevel,
  TerritoryRef,
  WhatIfResponse,
} from '@vigie/contracts';
import { formatTerritoryRef } from '@vigie/territory-domain';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class CoverageApi {
  private readonly http = inject(HttpClient);

  map(level: TerritoryLevel, parent: TerritoryRef | null, theme: string, metric: CoverageMetric): Observable<CoverageMap> {
    let params = new HttpParams().set('level', level).set('theme', theme).set('metric', metric);
    if (parent) params = params.set('parent', formatTerritoryRef(parent));
    return this.http.get<CoverageMap>('api/coverage', { params });
  }

  profile(ref: { level: string; code: string }): Observable<CoverageProfile> {
    return this.http.get<CoverageProfile>(`api/coverage/${ref.level}/${encodeURIComponent(ref.code)}`);
  }

  priorities(level: TerritoryLevel, parent: TerritoryRef | null, theme: string, limit = 15): Observable<PriorityList> {
    let params = new HttpParams().set('level', level).set('theme', theme).set('limit', limit);
    if (parent) params = params.set('parent', formatTerritoryRef(parent));
    return this.http.get<PriorityList>('api/priorities', { params });
  }

  settlements(parent: TerritoryRef | null): Observable<SettlementAccessList> {
    const params =
      parent && parent.level !== 'epci' ? new HttpParams().set('level', parent.level).set('code', parent.code) : new HttpParams();
    return this.http.get<SettlementAccessList>('api/settlements', { params });
  }

  whatIf(lat: number, lon: number, category: string, commune?: string): Observable<WhatIfResponse> {
    return this.http.post<WhatIfResponse>('api/what-if', { lat, lon, category, ...(commune ? { commune } : {}) });
  }

  /** Referenced services as map points (`api/services/points`), capped at `limit`. */
  servicePoints(parent: TerritoryRef | null, theme: string, limit = 5000): Observable<ServicePoints> {
    let params = new HttpParams().set('theme', theme).set('limit', limit);
    if (parent) params = params.set('level', parent.level).set('code', parent.code);
    return this.http.get<ServicePoints>('api/services/points', { params });
  }
}
