import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { DeploymentActivities, DeploymentKpis, DeploymentMutualAid, DeploymentTerritories } from '@vigie/contracts';
import type { Observable } from 'rxjs';

/** Deployment follow-up (`api/deployment/*`); territory params come from `territoryParams`. */
@Injectable({ providedIn: 'root' })
export class DeploymentApi {
  private readonly http = inject(HttpClient);

  kpis(territory: Record<string, string>, year: number): Observable<DeploymentKpis> {
    return this.http.get<DeploymentKpis>('api/deployment/kpis', { params: { ...territory, year } });
  }

  activities(territory: Record<string, string>, from: string, to: string): Observable<DeploymentActivities> {
    return this.http.get<DeploymentActivities>('api/deployment/activities', { params: { ...territory, from, to } });
  }

  mutualAid(territory: Record<string, string>): Observable<DeploymentMutualAid> {
    return this.http.get<DeploymentMutualAid>('api/deployment/mutual-aid', { params: territory });
  }

  territories(year: number): Observable<DeploymentTerritories> {
    return this.http.get<DeploymentTerritories>('api/deployment/territories', { params: { year } });
  }
}
