import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { TerritoryDetail, TerritoryFeatureCollection, TerritoryLevel, TerritoryRef, TerritorySearchResult } from '@vigie/contracts';
import { formatTerritoryRef } from '@vigie/territory-domain';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class TerritoriesApi {
  private readonly http = inject(HttpClient);

  features(level: TerritoryLevel, parent: TerritoryRef | null, layout: 'geo' | 'insets' = 'geo'): Observable<TerritoryFeatureCollection> {
    let params = new HttpParams().set('layout', layout);
    if (parent) params = params.set('parent', formatTerritoryRef(parent));
    return this.http.get<TerritoryFeatureCollection>(`api/territories/${level}`, { params });
  }

  detail(ref: TerritoryRef): Observable<TerritoryDetail> {
    return this.http.get<TerritoryDetail>(`api/territories/${ref.level}/${encodeURIComponent(ref.code)}`);
  }

  search(q: string, limit = 10): Observable<TerritorySearchResult[]> {
    return this.http.get<TerritorySearchResult[]>('api/territories/search', { params: { q, limit } });
  }
}
