import type { CoverageMetric, TerritoryLevel, TerritoryRef } from '@vigie/contracts';
import { COVERAGE_METRICS } from '@vigie/contracts';
import { isThemeId } from '@vigie/taxonomy';
import { formatTerritoryRef, parseTerritoryRef } from '@vigie/territory-domain';

/** The map's state, entirely in the URL query string so that a view can be shared. */
export interface MapQuery {
  /** The territory whose children are shown; null = France (departments). */
  territory: TerritoryRef | null;
  metric: MapMetric;
  theme: string;
  /** Settlements layer on top of the choropleth. */
  settlements: boolean;
  /** Services layer (points of the theme, clustered at low zoom). */
  services: boolean;
}

export type MapMetric = CoverageMetric | 'population';
export const MAP_METRICS: readonly MapMetric[] = [
  'gap_score',
  ...COVERAGE_METRICS.map((m) => m.id).filter((m) => m !== 'gap_score'),
  'population',
];
export const DEFAULT_METRIC: MapMetric = 'gap_score';
export const DEFAULT_THEME = 'food';

export function parseMapQuery(params: Record<string, string | undefined>): MapQuery {
  const territory = parseTerritoryRef(params['territory']);
  const metric = (MAP_METRICS as readonly string[]).includes(params['metric'] ?? '') ? (params['metric'] as MapMetric) : DEFAULT_METRIC;
  const theme = params['theme'] && isThemeId(params['theme']) ? params['theme'] : DEFAULT_THEME;
  // Only levels that have children on the map can be drilled into.
  return {
    territory: territory && territory.level !== 'commune' ? territory : null,
    metric,
    theme,
    settlements: params['settlements'] === '1',
    services: params['services'] === '1',
  };
}

export function toQueryParams(q: MapQuery): Record<string, string | null> {
  return {
    territory: q.territory ? formatTerritoryRef(q.territory) : null,
    metric: q.metric === DEFAULT_METRIC ? null : q.metric,
    theme: q.theme === DEFAULT_THEME ? null : q.theme,
    settlements: q.settlements ? '1' : null,
    services: q.services ? '1' : null,
  };
}

/** Level displayed inside a territory: France → departments, region → departments, department/EPCI → communes. */
export function childLevel(parent: TerritoryRef | null): TerritoryLevel {
  if (!parent || parent.level === 'region') return 'department';
  return 'commune';
}

export function metricInfo(metric: MapMetric): { unit: string; higherIsWorse: boolean; percent: boolean; distance: boolean } {
  if (metric === 'population') return { unit: 'habitants', higherIsWorse: false, percent: false, distance: false };
  const m = COVERAGE_METRICS.find((x) => x.id === metric)!;
  return { unit: m.unit, higherIsWorse: m.higherIsWorse, percent: m.unit === '%', distance: m.unit === 'm' };
}
