import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { QualityView, SeasonalView } from '@vigie/contracts';
import type { Observable } from 'rxjs';

import type { QualityLevel } from './quality-scope';

@Injectable({ providedIn: 'root' })
export class QualityApi {
  private readonly http = inject(HttpClient);

  private params(level: QualityLevel, code: string): HttpParams {
    return level === 'country' ? new HttpParams() : new HttpParams().set('level', level).set('code', code);
  }

  quality(level: QualityLevel, code: string): Observable<QualityView> {
    return this.http.get<QualityView>('api/quality', { params: this.params(level, code) });
  }

  seasonal(level: QualityLevel, code: string): Observable<SeasonalView> {
    return this.http.get<SeasonalView>('api/seasonal', { params: this.params(level, code) });
  }
}
