/** Territorial levels, from the coarsest to the finest. */
export type TerritoryLevel = 'region' | 'department' | 'epci' | 'commune';

export const TERRITORY_LEVELS: readonly TerritoryLevel[] = ['region', 'department', 'epci', 'commune'];

/** Country code (ISO 3166-1 alpha-2). Vigie ships French geography; the key allows others. */
export type CountryCode = string;

/** A territory reference: codes are strings ('2A', '01', '976', EPCI SIREN '200069193'). */
export interface TerritoryRef {
  level: TerritoryLevel;
  code: string;
}

export interface TerritorySummary extends TerritoryRef {
  country: CountryCode;
  name: string;
  population: number;
}

/** Properties carried by each feature of `GET /api/territories/{level}`. */
export interface TerritoryFeatureProperties extends TerritorySummary {
  regionCode: string | null;
  departmentCode: string | null;
  epciCode: string | null;
  /** Centroid (communes) or population-weighted centre (higher levels), WGS84. */
  lat: number | null;
  lon: number | null;
  /**
   * Paris, Lyon and Marseille: an arrondissement municipal is a `commune` feature whose `parentCode` is its
   * commune (75056, 69123, 13055); those three communes have `hasArrondissements` and are not drawn on commune
   * maps (their arrondissements are). Absent or null elsewhere.
   */
  parentCode?: string | null;
  hasArrondissements?: boolean;
}

export interface GeoJsonGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

export interface TerritoryFeature {
  type: 'Feature';
  id: string;
  properties: TerritoryFeatureProperties;
  geometry: GeoJsonGeometry | null;
}

export interface TerritoryFeatureCollection {
  type: 'FeatureCollection';
  level: TerritoryLevel;
  parent: TerritoryRef | null;
  features: TerritoryFeature[];
}

export interface TerritoryDetail extends TerritoryFeatureProperties {
  /** Ancestors from the region down to the direct parent. */
  ancestors: TerritorySummary[];
  /** Number of children per finer level (e.g. a department: EPCI and communes). */
  childCounts: Partial<Record<TerritoryLevel, number>>;
  postalCodes?: string[];
  /** Arrondissements municipaux of Paris, Lyon or Marseille (the commune's analysis units). */
  arrondissements?: TerritorySummary[];
  /** Poverty used by the coverage metrics (docs/METRICS.md, "Poverty"). */
  poverty?: PovertyInfo;
}

/**
 * Where a commune's (or arrondissement's) poverty rate comes from: `commune` = its own INSEE Filosofi rate shipped
 * with the geography; `import` = its own rate from the indicators import; `department` = its department's rate
 * (the commune's own is not published: secret statistique) — an **estimate**. No rate at all: null.
 */
export type PovertySource = 'commune' | 'import' | 'department';

export interface PovertyInfo {
  /** Rate in % (0–100): the unit's rate, or for an area poorPopulation / population with a rate. Null = unknown. */
  rate: number | null;
  /** Poor inhabitants (sum of rate × population over the units with a rate); null when no unit has one. */
  poorPopulation: number | null;
  /** Source of a unit's rate; for an area, the source covering most of its population (null: none). */
  source: PovertySource | null;
  /** True when any part of the figure uses a department's rate for a commune (an estimate). */
  estimated: boolean;
  /** Years of the rates used (min–max), null when none. */
  years: { from: number; to: number } | null;
  /** Share of the population (0–1) by source of its rate; `none` = no rate (not counted in poorPopulation). */
  shares: { commune: number; import: number; department: number; none: number };
}

export interface TerritorySearchResult extends TerritorySummary {
  /** Human label with context, e.g. "Pontoise (95)". */
  label: string;
}
