import type { TerritoryLevel, TerritoryRef } from '@vigie/contracts';
import { formatTerritoryRef, parseTerritoryRef } from '@vigie/territory-domain';

/** The map's state, entirely in the URL query string so that a view can be shared. */
export interface MapQuery {
  /** The territory whose children are shown; null = France (departments). */
  territory: TerritoryRef | null;
  metric: MapMetric;
}

export type MapMetric = 'population';
export const MAP_METRICS: readonly MapMetric[] = ['population'];

export function parseMapQuery(params: Record<string, string | undefined>): MapQuery {
  const territory = parseTerritoryRef(params['territory']);
  const metric = (MAP_METRICS as readonly string[]).includes(params['metric'] ?? '') ? (params['metric'] as MapMetric) : 'population';
  // Only levels that have children on the map can be drilled into.
  return { territory: territory && territory.level !== 'commune' ? territory : null, metric };
}

export function toQueryParams(q: MapQuery): Record<string, string | null> {
  return { territory: q.territory ? formatTerritoryRef(q.territory) : null, metric: q.metric === 'population' ? null : q.metric };
}

/** Level displayed inside a territory: France → departments, region → departments, department/EPCI → communes. */
export function childLevel(parent: TerritoryRef | null): TerritoryLevel {
  if (!parent || parent.level === 'region') return 'department';
  return 'commune';
}
