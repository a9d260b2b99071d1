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
  /** The territory whose profile is open beside the map (`profile=commune:95541`). */
  profile: TerritoryRef | null;
  /** What-if mode on (`sim=1`); a placed service (`whatif=lat,lon,category[,commune]`) implies it. */
  simulation: boolean;
  whatIf: WhatIfPoint | null;
}

/** A hypothetical service placed on the map: kept in the URL so that a shared link shows the same result. */
export interface WhatIfPoint {
  lat: number;
  lon: number;
  category: string;
  /** The commune chosen (keyboard) or clicked: the API counts the point as inside it on its outline. */
  commune?: string;
}

export function parseWhatIf(raw: string | undefined | null): WhatIfPoint | null {
  const m = /^(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?),([a-z0-9_]{1,64})(?:,([0-9][0-9AB][0-9]{3}))?$/i.exec(raw ?? '');
  if (!m) return null;
  const lat = +m[1];
  const lon = +m[2];
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon, category: m[3].toLowerCase(), ...(m[4] ? { commune: m[4].toUpperCase() } : {}) };
}

export function formatWhatIf(w: WhatIfPoint): string {
  // 5 decimals: about a metre, enough for a service placed by hand.
  return [w.lat.toFixed(5), w.lon.toFixed(5), w.category, ...(w.commune ? [w.commune] : [])].join(',');
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
  const profile = parseTerritoryRef(params['profile']);
  const whatIf = parseWhatIf(params['whatif']);
  // Only levels that have children on the map can be drilled into.
  return {
    territory: territory && territory.level !== 'commune' ? territory : null,
    metric,
    theme,
    settlements: params['settlements'] === '1',
    services: params['services'] === '1',
    profile: profile ?? null,
    simulation: params['sim'] === '1' || whatIf !== null,
    whatIf,
  };
}

export function toQueryParams(q: MapQuery): Record<string, string | null> {
  return {
    territory: q.territory ? formatTerritoryRef(q.territory) : null,
    metric: q.metric === DEFAULT_METRIC ? null : q.metric,
    theme: q.theme === DEFAULT_THEME ? null : q.theme,
    settlements: q.settlements ? '1' : null,
    services: q.services ? '1' : null,
    profile: q.profile ? formatTerritoryRef(q.profile) : null,
    sim: q.simulation && !q.whatIf ? '1' : null,
    whatif: q.whatIf ? formatWhatIf(q.whatIf) : null,
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

/** The unit people read next to the map: distances are shown in km (the API stores metres). */
export function displayUnit(metric: MapMetric): string {
  const info = metricInfo(metric);
  return info.distance ? 'km' : info.unit;
}
